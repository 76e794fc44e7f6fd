//! The CycloneDX 1.2–1.7 XML content rules in a small notation of our own, and the validator that applies them.
//!
//! The official XSDs are not shipped or loaded; their rules (element order,
//! occurrence counts, required attributes, enumerations, value patterns,
//! extension points) are written down below, one line per type, with version
//! gates (`@5` = since 1.5, `<4` = before 1.4). Rarely used sub-trees that
//! carry nothing the model keeps (model cards, crypto properties, formulation,
//! declarations, definitions, data governance) are checked only for being
//! well-formed (`lax`); everything the model reads is checked as strictly as
//! the XSD does.

use super as xml_text;
use crate::Diagnostic;
use crate::cyclonedx::vocab::{self, SpecVersion, Vocab};
use roxmltree::Node;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One line per type: `name = CONTENT ATTRS`; `%name` is a closed value set of [`vocab`].
///
/// CONTENT is `seq(...)`, `choice(...)` (with `?`, `*`, `+` and version gates
/// after the keyword), `text(TYPE)`, `empty` or `lax`. Particles are
/// `element OCC : TYPE GATES`, or `##other*` for elements of other namespaces.
/// ATTRS are `@name:TYPE` (`!` required), `@##other`, `@##any`.
const RULES: &str = r#"
bom = seq( metadata?:metadata components?:components services?:services externalReferences?:extRefs dependencies?:dependencies compositions?:compositions@3 properties?:properties@3 vulnerabilities?:vulnerabilities@4 annotations?:annotations@5 formulation?:lax@5 declarations?:lax@6 definitions?:lax@6 citations?:citations@7 ##other* )
  @version:int<5 @version:posint@5 @serialNumber:uuid @##any
metadata = seq?( timestamp?:datetime lifecycles?:lifecycles@5 tools?:tools authors?:authors component?:component manufacturer?:orgEntity@6
    manufacture*:orgEntity<3 manufacture?:orgEntity@3 supplier*:orgEntity<3 supplier?:orgEntity@3 licenses?:licenseChoice@3 properties?:properties@3
    distributionConstraints?:distributionConstraints@7 ##other* ) @##other
lifecycles = seq( lifecycle*:lifecycle )
lifecycle = choice( seq( phase:%phase ) seq( name:nstr description?:string ) )
tools = choice( seq*( tool?:tool ) seq?@5( components?:components services?:services ) )
authors = seq*( author:contact )
orgEntity = seq?( name?:nstr address?:address@6 url*:uri contact*:contact ##other* ) @bom-ref:ref@5 @##other
contact = seq?( name?:nstr email*:nstr<3 email?:nstr@3 phone*:nstr<3 phone?:nstr@3 ##other* ) @bom-ref:ref@5 @##other
address = seq( country?:string region?:string locality?:string postOfficeBoxNumber?:string postalCode?:string streetAddress?:string ) @bom-ref:ref
tool = seq?( vendor?:nstr name?:nstr version?:nstr<6 version?:version@6 hashes?:hashes externalReferences?:extRefs@4 ##other* ) @##other
components = seq*( component:component ##other* ) @##any
subcomponents = seq*( component:component ##other* )
component = seq( supplier?:orgEntity manufacturer?:orgEntity@6 authors?:authors@6 author?:nstr publisher?:nstr group?:nstr name:nstr
    version:nstr<4 version?:nstr@4<6 version?:version@6<7 choice?@7( version:version versionRange:versionRange ) description?:nstr
    scope?:%scope hashes?:hashes licenses?:licenseChoice copyright?:nstr patentAssertions?:patentAssertions@7 cpe?:cpe purl?:uri omniborId*:string@6 swhid*:string@6 swid?:swid modified?:bool pedigree?:pedigree
    externalReferences?:extRefs properties?:properties@3 components?:subcomponents evidence?:evidence@3 releaseNotes?:releaseNotes@4
    modelCard?:lax@5 data?:lax@5<6 data*:lax@6 cryptoProperties?:lax@6 tags?:tags@6 ##other* )
  @type:%classification! @mime-type:mime @isExternal:bool@7 @bom-ref:ref @##any
licenseChoice = seq( choice<7( license*:license expression?:expression )
    choice*@7( license:license expression:expression expression-detailed:expressionDetailed ) )
expressionDetailed = seq( details*:expressionDetails licensing?:licensing properties?:properties ##other* )
  @bom-ref:ref @acknowledgement:%acknowledgement @expression:nstr!
expressionDetails = seq( text?:attachedText url?:uri ##other* ) @license-identifier:nstr! @bom-ref:ref
expression = text(nstr) @bom-ref:ref@5 @acknowledgement:%acknowledgement@6
license = seq( choice<5( id?:spdx name?:nstr ) choice@5( id:spdx name:nstr ) text?:attachedText url?:uri licensing?:licensing@5 properties?:properties@5 ##other* )
  @bom-ref:ref@5 @acknowledgement:%acknowledgement@6
licensing = seq( altIds?:altIds licensor?:orgOrIndividual licensee?:orgOrIndividual purchaser?:orgOrIndividual purchaseOrder?:string
    licenseTypes?:licenseTypes lastRenewal?:datetime expiration?:datetime ##other* )
altIds = seq( altId*:nstr )
orgOrIndividual = seq( choice( organization?:orgEntity individual?:contact ) )
licenseTypes = seq( licenseType*:%licenseType )
attachedText = text(string) @content-type:nstr @encoding:%encoding
hashes = seq*( hash:hash )
hash = text(hex) @alg:%hashAlg!
swid = seq( text?:attachedText url?:uri ##other* ) @tagId:string! @name:string! @version:string @tagVersion:int @patch:bool
extRefs = seq*( reference:extRef )
extRef = seq( url:uri comment?:string hashes?:hashes@3 properties?:properties@7 ) @type:%extRefType! @##any
pedigree = seq( ancestors?:components descendants?:components variants?:components commits?:commits patches?:patches notes?:string ##other* )
commits = seq*( commit:commit ##other* )
commit = seq( uid?:nstr url?:uri author?:action committer?:action message?:nstr ##other* )
action = seq( timestamp?:datetime name?:nstr email?:nstr ##other* )
patches = seq*( patch:patch ##other* )
patch = seq( diff?:diff resolves?:resolves ##other* ) @type:%patchType!
resolves = seq*( issue:issue )
diff = seq( text?:attachedText url?:uri ##other* )
issue = seq( id?:nstr name?:nstr description?:nstr source?:issueSource references?:issueRefs ##other* ) @type:%issueType!
issueSource = seq( name?:nstr url?:uri )
issueRefs = seq*( url:uri )
dependencies = seq*( dependency:dependency )
dependency = seq*( dependency:dependency<5 dependency?:dependency@5 provides?:provides@5 ) @ref:ref! @##other
provides = empty @ref:ref!
services = seq*( service:service ##other* ) @##any
subservices = seq*( service:service ##other* )
service = seq( provider?:orgEntity group?:nstr name:nstr version?:nstr<6 version?:version@6 description?:nstr endpoints?:endpoints
    authenticated?:bool x-trust-boundary?:bool trustZone?:string@5 data?:serviceData licenses?:licenseChoice
    patentAssertions?:patentAssertions@7 externalReferences?:extRefs
    properties?:properties@3 services?:subservices releaseNotes?:releaseNotes@4 tags?:tags@6 ##other* ) @bom-ref:ref @##any
endpoints = seq*( endpoint:uri )
serviceData = choice( seq*( classification:dataClassification ) dataflow*:dataflow@5 )
dataflow = seq( classification?:dataClassification governance?:lax source?:urls destination?:urls ) @name:string @description:string @##any
urls = seq*( url:uri )
dataClassification = text(nstr) @flow:%dataFlow!
compositions = seq*( composition:composition ##other* ) @##any
composition = seq*( aggregate:%aggregate assemblies?:assemblies dependencies?:compositionDependencies vulnerabilities?:compositionVulnerabilities@5 ) @bom-ref:ref@5
assemblies = seq*( assembly:bomReference ##other* )
compositionDependencies = seq*( dependency:bomReference ##other* )
compositionVulnerabilities = seq*( vulnerability:bomReference ##other* )
bomReference = empty @ref:ref! @##other
properties = seq*( property:property ##other* ) @##any
property = text(nstr) @name:string!
tags = seq*( tag:nstr )
evidence = seq( identity?:identity@5<6 identity*:identity@6 occurrences?:occurrences@5 callstack?:callstack@5 licenses?:licenseChoice copyright?:copyrights ##other* ) @##any
identity = seq( field:%identityField confidence?:percent concludedValue?:string@6 methods?:methods tools?:referenceTools )
methods = seq( method*:method )
method = seq( technique:%technique confidence:percent value?:string )
referenceTools = seq( tool*:bomReference )
occurrences = seq( occurrence*:occurrence )
occurrence = seq( location:string line?:nonneg@6 offset?:nonneg@6 symbol?:string@6 additionalContext?:string@6 ) @bom-ref:ref
callstack = seq( frames?:frames tools?:referenceTools )
frames = seq( frame*:frame )
frame = seq( package?:string module:string function?:string parameters?:parameters line?:int column?:int fullFilename?:string )
parameters = seq( parameter*:string )
copyrights = seq( text*:string )
releaseNotes = seq*( type:nstr title?:string featuredImage?:uri socialImage?:uri description?:string timestamp?:datetime aliases?:aliases
    tags?:tags resolves?:resolves notes?:notes properties?:properties ##other* ) @##any
aliases = seq*( alias:nstr )
notes = seq*( note:note )
note = seq*( locale?:locale text:attachedText )
vulnerabilities = seq*( vulnerability:vulnerability ##other* ) @##any
vulnerability = seq?( id?:nstr source?:vulnerabilitySource references?:vulnerabilityReferences ratings?:ratings cwes?:cwes description?:string
    detail?:string recommendation?:string workaround?:string@5 proofOfConcept?:proofOfConcept@5 advisories?:advisories created?:datetime
    published?:datetime updated?:datetime rejected?:datetime@5 credits?:credits tools?:tools analysis?:analysis affects?:affects
    properties?:properties ) @bom-ref:ref
vulnerabilitySource = seq*( name?:nstr url?:uri )
vulnerabilityReferences = seq*( reference:vulnerabilityReference ##other* )
vulnerabilityReference = seq( id?:nstr<5 id:nstr@5 source?:vulnerabilitySource<5 source:vulnerabilitySource@5 )
ratings = seq( rating*:rating )
rating = seq( source?:vulnerabilitySource score?:decimal severity?:%severity method?:%scoreMethod vector?:nstr justification?:string )
cwes = seq( cwe*:int )
proofOfConcept = seq( reproductionSteps?:string environment?:string supportingMaterial?:attachments )
attachments = seq( attachment*:attachedText )
advisories = seq( advisory*:advisory )
advisory = seq( title?:nstr url:uri )
credits = seq( organizations?:organizations individuals?:individuals )
organizations = seq*( organization:orgEntity )
individuals = seq*( individual:contact )
analysis = seq?( state?:%analysisState justification?:%analysisJustification responses?:responses detail?:string firstIssued?:datetime@5 lastUpdated?:datetime@5 )
responses = seq*( response:%analysisResponse )
affects = seq*( target:target )
target = seq?( ref:ref versions?:affectedVersions )
affectedVersions = seq*( version:affectedVersion )
affectedVersion = seq?( choice( version:nstr range:nstr ) status?:%affectedStatus )
annotations = seq*( annotation:annotation ##other* ) @##any
annotation = seq( subjects?:subjects annotator:annotator timestamp:datetime text:string ##other* ) @bom-ref:ref @##any
subjects = seq*( subject:bomReference ##other* )
annotator = choice( organization?:orgEntity individual?:contact component?:component service?:service )
distributionConstraints = seq( tlp?:%tlp )
patentAssertions = seq*( patentAssertion:patentAssertion )
patentAssertion = seq( assertionType:%patentAssertionType patentRefs?:patentRefs asserter:asserter notes?:string ) @bom-ref:ref @##other
patentRefs = seq( bom-ref+:string )
asserter = choice( organization:orgEntity contact:contact ref:ref )
citations = seq( citation+:citation )
citation = seq( choice( pointers:pointers expressions:citationExpressions ) timestamp:datetime attributedTo?:ref process?:ref note?:string ##other* )
  @bom-ref:ref @##other
pointers = seq( pointer+:string )
citationExpressions = seq( expression+:string )

"#;

/// Minor versions `since <= v < before` in which a rule applies.
#[derive(Clone, Copy, Debug)]
struct Gate {
    since: u8,
    before: u8,
}

impl Gate {
    const ALWAYS: Gate = Gate {
        since: 0,
        before: u8::MAX,
    };
    fn on(self, minor: u8) -> bool {
        self.since <= minor && minor < self.before
    }
}

/// Built-in value checks: XSD simple types and the patterned CycloneDX ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Builtin {
    String,
    NormalizedString,
    Uri,
    DateTime,
    Bool,
    Int,
    PositiveInt,
    NonNegativeInt,
    Decimal,
    Percent,
    Ref,
    Version,
    VersionRange,
    Mime,
    Uuid,
    Cpe,
    Locale,
    HashValue,
    SpdxId,
}

#[derive(Clone, Copy, Debug)]
enum Simple {
    Builtin(Builtin),
    Enum(&'static Vocab),
}

/// The closed value sets the rules name with `%`.
fn vocab_named(name: &str) -> Option<&'static Vocab> {
    Some(match name {
        "scope" => &vocab::SCOPES,
        "classification" => &vocab::COMPONENT_TYPES,
        "hashAlg" => &vocab::HASH_ALGORITHMS,
        "encoding" => &vocab::ATTACHMENT_ENCODINGS,
        "extRefType" => &vocab::EXTERNAL_REFERENCE_TYPES,
        "patchType" => &vocab::PATCH_TYPES,
        "issueType" => &vocab::ISSUE_TYPES,
        "dataFlow" => &vocab::DATA_FLOWS,
        "aggregate" => &vocab::AGGREGATES,
        "severity" => &vocab::SEVERITIES,
        "analysisState" => &vocab::IMPACT_ANALYSIS_STATES,
        "analysisJustification" => &vocab::IMPACT_ANALYSIS_JUSTIFICATIONS,
        "scoreMethod" => &vocab::SCORE_METHODS,
        "analysisResponse" => &vocab::ANALYSIS_RESPONSES,
        "affectedStatus" => &vocab::AFFECTED_STATUSES,
        "phase" => &vocab::LIFECYCLE_PHASES,
        "licenseType" => &vocab::LICENSE_TYPES,
        "identityField" => &vocab::IDENTITY_FIELDS,
        "technique" => &vocab::IDENTITY_TECHNIQUES,
        "acknowledgement" => &vocab::LICENSE_ACKNOWLEDGEMENTS,
        "tlp" => &vocab::TLP_CLASSIFICATIONS,
        "patentAssertionType" => &vocab::PATENT_ASSERTION_TYPES,
        _ => return None,
    })
}

#[derive(Debug)]
enum Particle {
    Element {
        name: &'static str,
        ty: usize,
        min: u32,
        max: u32,
        gate: Gate,
    },
    Group {
        choice: bool,
        items: Vec<Particle>,
        min: u32,
        max: u32,
        gate: Gate,
    },
    OtherNamespace {
        min: u32,
        max: u32,
    },
}

#[derive(Debug)]
enum Content {
    Elements(Particle),
    Text(Simple),
    Empty,
    Lax,
}

#[derive(Debug)]
struct AttrDecl {
    name: &'static str,
    ty: Simple,
    required: bool,
    gate: Gate,
}

#[derive(Debug)]
enum AnyAttr {
    None,
    Other,
    Any,
}

#[derive(Debug)]
struct ComplexType {
    content: Content,
    attrs: Vec<AttrDecl>,
    any_attr: AnyAttr,
}

/// The compiled rules.
#[derive(Debug)]
pub(super) struct Schema {
    types: Vec<ComplexType>,
    bom: usize,
}

/// The rules, compiled once.
pub(super) fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    // The rules are a constant of this file; a unit test compiles them, so the
    // panic below cannot be reached by any document.
    SCHEMA.get_or_init(|| compile(RULES).unwrap_or_else(|e| panic!("bad schema rules: {e}")))
}

fn parse_gate(s: &str) -> Result<Gate, String> {
    let mut gate = Gate::ALWAYS;
    let mut rest = s;
    while !rest.is_empty() {
        let (mark, tail) = rest.split_at(1);
        let end = tail.find(['@', '<']).unwrap_or(tail.len());
        let n: u8 = tail[..end]
            .parse()
            .map_err(|_| format!("bad version gate {s:?}"))?;
        match mark {
            "@" => gate.since = n,
            "<" => gate.before = n,
            _ => return Err(format!("bad version gate {s:?}")),
        }
        rest = &tail[end..];
    }
    Ok(gate)
}

fn split_occ(s: &str) -> (&str, u32, u32) {
    match s.as_bytes().last() {
        Some(b'?') => (&s[..s.len() - 1], 0, 1),
        Some(b'*') => (&s[..s.len() - 1], 0, u32::MAX),
        Some(b'+') => (&s[..s.len() - 1], 1, u32::MAX),
        _ => (s, 1, 1),
    }
}

struct Compiler {
    types: Vec<ComplexType>,
    by_name: HashMap<String, usize>,
}

impl Compiler {
    fn simple(&self, name: &str) -> Result<Simple, String> {
        if let Some(e) = name.strip_prefix('%') {
            return vocab_named(e)
                .map(Simple::Enum)
                .ok_or_else(|| format!("unknown value set {name}"));
        }
        let b = match name {
            "string" => Builtin::String,
            "nstr" => Builtin::NormalizedString,
            "uri" => Builtin::Uri,
            "datetime" => Builtin::DateTime,
            "bool" => Builtin::Bool,
            "int" => Builtin::Int,
            "posint" => Builtin::PositiveInt,
            "nonneg" => Builtin::NonNegativeInt,
            "decimal" => Builtin::Decimal,
            "percent" => Builtin::Percent,
            "ref" => Builtin::Ref,
            "version" => Builtin::Version,
            "versionRange" => Builtin::VersionRange,
            "mime" => Builtin::Mime,
            "uuid" => Builtin::Uuid,
            "cpe" => Builtin::Cpe,
            "locale" => Builtin::Locale,
            "hex" => Builtin::HashValue,
            "spdx" => Builtin::SpdxId,
            _ => return Err(format!("unknown simple type {name}")),
        };
        Ok(Simple::Builtin(b))
    }

    /// The complex type an element of type `name` has; simple types get a text-only type.
    fn element_type(&mut self, name: &str) -> Result<usize, String> {
        if let Some(i) = self.by_name.get(name) {
            return Ok(*i);
        }
        let content = if name == "lax" {
            Content::Lax
        } else {
            Content::Text(self.simple(name)?)
        };
        self.types.push(ComplexType {
            content,
            attrs: Vec::new(),
            any_attr: if name == "lax" {
                AnyAttr::Any
            } else {
                AnyAttr::None
            },
        });
        self.by_name.insert(name.to_owned(), self.types.len() - 1);
        Ok(self.types.len() - 1)
    }

    fn group(
        &mut self,
        head: &str,
        toks: &mut std::slice::Iter<'_, &str>,
    ) -> Result<Particle, String> {
        let (kind, gate) = match head.find(['@', '<']) {
            Some(i) => (&head[..i], parse_gate(&head[i..])?),
            None => (head, Gate::ALWAYS),
        };
        let (kind, min, max) = split_occ(kind);
        let choice = match kind {
            "seq" => false,
            "choice" => true,
            _ => return Err(format!("expected seq or choice, found {head}")),
        };
        if toks.next() != Some(&"(") {
            return Err(format!("expected ( after {head}"));
        }
        let mut items = Vec::new();
        loop {
            let Some(t) = toks.next() else {
                return Err("unclosed group".into());
            };
            match *t {
                ")" => break,
                "##other*" => items.push(Particle::OtherNamespace {
                    min: 0,
                    max: u32::MAX,
                }),
                t if t.starts_with("seq") || t.starts_with("choice") => {
                    items.push(self.group(t, toks)?);
                }
                t => items.push(self.element(t)?),
            }
        }
        Ok(Particle::Group {
            choice,
            items,
            min,
            max,
            gate,
        })
    }

    fn element(&mut self, tok: &str) -> Result<Particle, String> {
        let (left, right) = tok
            .split_once(':')
            .ok_or_else(|| format!("expected name:type, found {tok}"))?;
        let (name, min, max) = split_occ(left);
        let (ty, gate) = match right.find(['@', '<']) {
            Some(i) => (&right[..i], parse_gate(&right[i..])?),
            None => (right, Gate::ALWAYS),
        };
        let ty = self.element_type(ty)?;
        Ok(Particle::Element {
            name: leak(name),
            ty,
            min,
            max,
            gate,
        })
    }
}

/// Rule names are few and live for the program; the compiled schema keeps `&'static str`s.
fn leak(s: &str) -> &'static str {
    // Only called while compiling RULES, which are themselves 'static.
    RULES.find(s).map(|i| &RULES[i..i + s.len()]).unwrap_or("?")
}

fn compile(rules: &'static str) -> Result<Schema, String> {
    // Join continuation lines (indented) to their definition.
    let mut defs: Vec<String> = Vec::new();
    for line in rules.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            if let Some(last) = defs.last_mut() {
                last.push(' ');
                last.push_str(line.trim());
            }
        } else {
            defs.push(line.to_owned());
        }
    }
    let mut c = Compiler {
        types: Vec::new(),
        by_name: HashMap::new(),
    };
    // Reserve every complex type's index so rules may refer forward.
    let complex: Vec<&String> = defs.iter().collect();
    for d in &complex {
        let name = d.split_once('=').ok_or("type without =")?.0.trim();
        c.by_name.insert(name.to_owned(), c.types.len());
        c.types.push(ComplexType {
            content: Content::Empty,
            attrs: Vec::new(),
            any_attr: AnyAttr::None,
        });
    }
    for d in complex {
        let (name, body) = d.split_once('=').ok_or("type without =")?;
        let idx = c.by_name[name.trim()];
        let spaced = body.replace('(', " ( ").replace(')', " ) ");
        let toks: Vec<&str> = spaced.split_whitespace().collect();
        let mut it = toks.iter();
        let head = *it.next().ok_or("empty type")?;
        let content = match head {
            "empty" => Content::Empty,
            "lax" => Content::Lax,
            "text" => {
                let (Some(&"("), Some(t), Some(&")")) = (it.next(), it.next(), it.next()) else {
                    return Err(format!("bad text() in {name}"));
                };
                Content::Text(c.simple(t)?)
            }
            h => Content::Elements(c.group(h, &mut it)?),
        };
        let mut attrs = Vec::new();
        let mut any_attr = AnyAttr::None;
        for t in it {
            let a = t
                .strip_prefix('@')
                .ok_or_else(|| format!("expected attribute, found {t} in {name}"))?;
            match a {
                "##other" => any_attr = AnyAttr::Other,
                "##any" => any_attr = AnyAttr::Any,
                _ => {
                    let (an, rest) = a.split_once(':').ok_or("attribute without type")?;
                    let required = rest.contains('!');
                    let rest = rest.replace('!', "");
                    let (ty, gate) = match rest.find(['@', '<']) {
                        Some(i) => (&rest[..i], parse_gate(&rest[i..])?),
                        None => (rest.as_str(), Gate::ALWAYS),
                    };
                    attrs.push(AttrDecl {
                        name: leak(an),
                        ty: c.simple(ty)?,
                        required,
                        gate,
                    });
                }
            }
        }
        let t = &mut c.types[idx];
        t.content = content;
        t.attrs = attrs;
        t.any_attr = any_attr;
    }
    let bom = c.by_name["bom"];
    Ok(Schema {
        types: c.types,
        bom,
    })
}

/// XML Schema instance attributes (`xsi:schemaLocation`) are allowed everywhere.
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Checks a document against the rules for spec minor version `minor`.
pub(super) struct Validator<'s, 'l> {
    schema: &'s Schema,
    minor: u8,
    ns: &'l str,
    lines: &'l xml_text::Lines<'l>,
    /// Schema errors found so far.
    pub errors: Vec<Diagnostic>,
    /// Whether a license id is on the SPDX list.
    is_license_id: fn(&str) -> bool,
}

/// How many errors one document may produce before the rest are summarised.
const MAX_ERRORS: usize = 1000;

struct Far {
    pos: usize,
    expected: Vec<&'static str>,
}

impl Far {
    fn note(&mut self, pos: usize, name: &'static str) {
        if pos > self.pos {
            self.pos = pos;
            self.expected.clear();
        }
        if pos == self.pos && !self.expected.contains(&name) {
            self.expected.push(name);
        }
    }
}

struct Kid<'a> {
    in_ns: bool,
    other_ns: bool,
    name: &'a str,
}

impl<'s, 'l> Validator<'s, 'l> {
    /// A validator for a document in namespace `ns` of version 1.`minor`.
    pub(super) fn new(
        schema: &'s Schema,
        minor: u8,
        ns: &'l str,
        lines: &'l xml_text::Lines<'l>,
        is_license_id: fn(&str) -> bool,
    ) -> Self {
        Self {
            schema,
            minor,
            ns,
            lines,
            errors: Vec::new(),
            is_license_id,
        }
    }

    fn error(&mut self, node: Node<'_, '_>, pos: usize, message: String) {
        if self.errors.len() == MAX_ERRORS {
            self.errors.push(Diagnostic::new(
                self.lines.at(pos),
                "too many errors; the rest are not reported",
            ));
        }
        if self.errors.len() > MAX_ERRORS {
            return;
        }
        self.errors.push(Diagnostic::new(
            self.lines.at(pos),
            format!("{message} (at {})", xml_text::path(node)),
        ));
    }

    /// Validates the `<bom>` root element and everything below it.
    pub(super) fn validate_bom(&mut self, root: Node<'_, '_>) {
        let bom = self.schema.bom;
        self.element(root, bom, 0);
        self.unique_refs(root);
    }

    /// The XSD's `unique` constraint: no two elements share a `bom-ref`.
    /// Duplicates between two components are left to the semantic check, which
    /// reports them for every format.
    fn unique_refs(&mut self, root: Node<'_, '_>) {
        let mut seen: HashMap<&str, (usize, bool)> = HashMap::new();
        for n in root.descendants().filter(Node::is_element) {
            let Some(r) = n.attribute("bom-ref") else {
                continue;
            };
            // Components the model holds (the semantic check sees those).
            let is_component = n.tag_name().name() == "component"
                && n.parent_element()
                    .is_some_and(|p| match p.tag_name().name() {
                        "metadata" => true,
                        "components" => p
                            .parent_element()
                            .is_some_and(|g| matches!(g.tag_name().name(), "bom" | "component")),
                        _ => false,
                    });
            match seen.get(r) {
                Some(&(first, first_component)) if !(is_component && first_component) => {
                    let at = self.lines.at(first);
                    self.error(
                        n,
                        n.range().start,
                        format!("duplicate bom-ref {r:?} (first used at {at})"),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(r, (n.range().start, is_component));
                }
            }
        }
    }

    fn element(&mut self, node: Node<'_, '_>, ty: usize, depth: usize) {
        if depth > xml_text::MAX_DEPTH {
            return; // refused before validation; never reached
        }
        let schema = self.schema;
        let t = &schema.types[ty];
        self.attributes(node, t);
        if self.minor >= 7 && node.tag_name().name() == "component" {
            self.external_version_range(node);
        }
        match &t.content {
            Content::Lax => {}
            Content::Empty => {
                for c in node.children() {
                    if c.is_element() {
                        let name = c.tag_name().name();
                        self.error(
                            c,
                            c.range().start,
                            format!(
                                "unexpected element <{name}>: <{}> must be empty",
                                node.tag_name().name()
                            ),
                        );
                        break;
                    }
                    if c.is_text() && !c.text().unwrap_or("").trim().is_empty() {
                        self.error(
                            node,
                            c.range().start,
                            format!("text is not allowed in <{}>", node.tag_name().name()),
                        );
                        break;
                    }
                }
            }
            Content::Text(simple) => {
                if let Some(c) = node.children().find(Node::is_element) {
                    let name = c.tag_name().name();
                    self.error(
                        c,
                        c.range().start,
                        format!(
                            "unexpected element <{name}>: <{}> holds text only",
                            node.tag_name().name()
                        ),
                    );
                    return;
                }
                let text = xml_text::text(node);
                if let Err(msg) = self.check_simple(*simple, &text) {
                    self.error(
                        node,
                        node.range().start,
                        format!("<{}> {msg}", node.tag_name().name()),
                    );
                }
            }
            Content::Elements(top) => {
                let kids: Vec<Node<'_, '_>> = node.children().filter(Node::is_element).collect();
                if let Some(c) = node
                    .children()
                    .find(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
                {
                    self.error(
                        node,
                        c.range().start,
                        format!("text is not allowed in <{}>", node.tag_name().name()),
                    );
                }
                let names: Vec<Kid<'_>> = kids
                    .iter()
                    .map(|k| {
                        let ns = k.tag_name().namespace();
                        Kid {
                            in_ns: ns == Some(self.ns),
                            other_ns: ns.is_some_and(|n| n != self.ns),
                            name: k.tag_name().name(),
                        }
                    })
                    .collect();
                let mut far = Far {
                    pos: 0,
                    expected: Vec::new(),
                };
                let end = self.particle(top, &names, 0, &mut far);
                let stop = match end {
                    Some(n) if n == kids.len() => None,
                    Some(n) => Some(n.max(far.pos)),
                    None => Some(far.pos),
                };
                if let Some(p) = stop {
                    let expected = if far.pos == p && !far.expected.is_empty() {
                        let list: Vec<String> =
                            far.expected.iter().map(|e| format!("<{e}>")).collect();
                        format!("; expected {}", list.join(" or "))
                    } else {
                        String::new()
                    };
                    match kids.get(p) {
                        Some(k) => {
                            let what = if names[p].in_ns {
                                format!("unexpected element <{}>", names[p].name)
                            } else {
                                format!(
                                    "unexpected element <{}> in namespace {:?}",
                                    names[p].name,
                                    k.tag_name().namespace().unwrap_or("")
                                )
                            };
                            self.error(*k, k.range().start, format!("{what}{expected}"));
                        }
                        None => self.error(
                            node,
                            node.range().start,
                            format!("<{}> is incomplete{expected}", node.tag_name().name()),
                        ),
                    }
                }
                // Children are checked even after an order error, so every
                // bad value is reported at once.
                for (k, kid) in kids.iter().zip(&names) {
                    if !kid.in_ns {
                        continue;
                    }
                    if let Some(cty) = find_decl(top, kid.name, self.minor) {
                        self.element(*k, cty, depth + 1);
                    }
                }
            }
        }
    }

    /// 1.7 says in prose (and its JSON schema enforces) what the XSD cannot: only an
    /// external component (`isExternal="true"`) may give a `<versionRange>`.
    fn external_version_range(&mut self, node: Node<'_, '_>) {
        let Some(range) = node.children().find(|c| {
            c.is_element()
                && c.tag_name().name() == "versionRange"
                && c.tag_name().namespace() == Some(self.ns)
        }) else {
            return;
        };
        if !matches!(
            node.attribute("isExternal").map(str::trim),
            Some("true" | "1")
        ) {
            self.error(
                range,
                range.range().start,
                "only an external component (isExternal=\"true\") may have a <versionRange>".into(),
            );
        }
    }

    fn attributes(&mut self, node: Node<'_, '_>, t: &ComplexType) {
        for a in node.attributes() {
            match a.namespace() {
                None => {
                    let decl = t
                        .attrs
                        .iter()
                        .find(|d| d.name == a.name() && d.gate.on(self.minor));
                    match decl {
                        Some(d) => {
                            if let Err(msg) = self.check_simple(d.ty, a.value()) {
                                self.error(
                                    node,
                                    a.range().start,
                                    format!("attribute {} {msg}", a.name()),
                                );
                            }
                        }
                        None if matches!(t.any_attr, AnyAttr::Any) => {}
                        None => self.error(
                            node,
                            a.range().start,
                            format!(
                                "unexpected attribute {} on <{}>",
                                a.name(),
                                node.tag_name().name()
                            ),
                        ),
                    }
                }
                Some(XSI) => {}
                Some(ns) => {
                    let ok = match t.any_attr {
                        AnyAttr::Any => true,
                        AnyAttr::Other => ns != self.ns,
                        AnyAttr::None => false,
                    };
                    if !ok {
                        self.error(
                            node,
                            a.range().start,
                            format!(
                                "unexpected attribute {} in namespace {ns:?} on <{}>",
                                a.name(),
                                node.tag_name().name()
                            ),
                        );
                    }
                }
            }
        }
        for d in &t.attrs {
            if d.required
                && d.gate.on(self.minor)
                && node.attribute(d.name).is_none()
                && !t
                    .attrs
                    .iter()
                    .any(|o| o.name == d.name && !o.required && o.gate.on(self.minor))
            {
                self.error(
                    node,
                    node.range().start,
                    format!(
                        "missing required attribute {} on <{}>",
                        d.name,
                        node.tag_name().name()
                    ),
                );
            }
        }
    }

    /// Greedy matching; the XSD's content models are deterministic (unique
    /// particle attribution), so no backtracking beyond a group is needed.
    fn particle(&self, p: &Particle, kids: &[Kid<'_>], at: usize, far: &mut Far) -> Option<usize> {
        let (min, max) = match p {
            Particle::Element { min, max, gate, .. } | Particle::Group { min, max, gate, .. } => {
                if !gate.on(self.minor) {
                    return Some(at);
                }
                (*min, *max)
            }
            Particle::OtherNamespace { min, max } => (*min, *max),
        };
        let mut count = 0;
        let mut pos = at;
        while count < max {
            match self.once(p, kids, pos, far) {
                Some(next) if next > pos => {
                    pos = next;
                    count += 1;
                }
                Some(_) => {
                    count = count.max(min);
                    break;
                }
                None => break,
            }
        }
        (count >= min).then_some(pos)
    }

    fn once(&self, p: &Particle, kids: &[Kid<'_>], at: usize, far: &mut Far) -> Option<usize> {
        match p {
            Particle::Element { name, .. } => match kids.get(at) {
                Some(k) if k.in_ns && k.name == *name => Some(at + 1),
                _ => {
                    far.note(at, name);
                    None
                }
            },
            Particle::OtherNamespace { .. } => kids.get(at).filter(|k| k.other_ns).map(|_| at + 1),
            Particle::Group {
                choice: false,
                items,
                ..
            } => {
                let mut pos = at;
                for item in items {
                    pos = self.particle(item, kids, pos, far)?;
                }
                Some(pos)
            }
            Particle::Group {
                choice: true,
                items,
                ..
            } => {
                let mut empty = false;
                for item in items {
                    match self.particle(item, kids, at, far) {
                        Some(next) if next > at => return Some(next),
                        Some(_) => empty = true,
                        None => {}
                    }
                }
                empty.then_some(at)
            }
        }
    }

    fn check_simple(&self, s: Simple, v: &str) -> Result<(), String> {
        match s {
            Simple::Enum(set) => {
                let version = spec_version(self.minor);
                if set.allows(v, version) {
                    Ok(())
                } else {
                    Err(format!(
                        "is wrong: {}; allowed: {}",
                        set.refusal(v, version),
                        set.values_in(version).collect::<Vec<_>>().join(", ")
                    ))
                }
            }
            Simple::Builtin(b) => check_builtin(b, v, self.minor, self.is_license_id),
        }
    }
}

/// The spec version of minor version `minor` (1.2–1.7).
pub(super) fn spec_version(minor: u8) -> SpecVersion {
    match minor {
        0 => SpecVersion::V1_0,
        1 => SpecVersion::V1_1,
        2 => SpecVersion::V1_2,
        3 => SpecVersion::V1_3,
        4 => SpecVersion::V1_4,
        5 => SpecVersion::V1_5,
        6 => SpecVersion::V1_6,
        _ => SpecVersion::V1_7,
    }
}

/// The declared type of child `name` in a content model (XSD requires one type per name).
fn find_decl(p: &Particle, name: &str, minor: u8) -> Option<usize> {
    match p {
        Particle::Element {
            name: n, ty, gate, ..
        } => (*n == name && gate.on(minor)).then_some(*ty),
        Particle::Group { items, gate, .. } => {
            if !gate.on(minor) {
                return None;
            }
            items.iter().find_map(|i| find_decl(i, name, minor))
        }
        Particle::OtherNamespace { .. } => None,
    }
}

fn collapse(v: &str) -> String {
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_builtin(
    b: Builtin,
    v: &str,
    minor: u8,
    is_license_id: fn(&str) -> bool,
) -> Result<(), String> {
    let ok = match b {
        Builtin::String | Builtin::NormalizedString | Builtin::Uri => true,
        Builtin::Ref => minor < 5 || !v.is_empty(),
        Builtin::Version => minor < 6 || v.chars().count() <= 1024,
        // A normalizedString keeps its spaces; the length counts them.
        Builtin::VersionRange => (1..=4096).contains(&v.chars().count()),
        Builtin::DateTime => is_datetime(v.trim()),
        Builtin::Bool => matches!(v.trim(), "true" | "false" | "1" | "0"),
        Builtin::Int => is_integer(v.trim()),
        Builtin::PositiveInt => {
            let t = v.trim();
            is_integer(t) && !t.starts_with('-') && t.bytes().any(|c| (b'1'..=b'9').contains(&c))
        }
        Builtin::NonNegativeInt => {
            let t = v.trim();
            is_integer(t) && (!t.starts_with('-') || t[1..].bytes().all(|c| c == b'0'))
        }
        Builtin::Decimal => is_decimal(v.trim()),
        Builtin::Percent => {
            let t = v.trim();
            is_decimal(t) && t.parse::<f64>().is_ok_and(|f| (0.0..=1.0).contains(&f))
        }
        Builtin::Mime => {
            let t = collapse(v);
            let part = |s: &str| {
                !s.is_empty()
                    && s.bytes().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || b"-+.".contains(&c)
                    })
            };
            t.split_once('/').is_some_and(|(a, b)| part(a) && part(b))
        }
        Builtin::Uuid => is_serial(v),
        Builtin::Cpe => is_cpe(v),
        Builtin::Locale => {
            let b = v.as_bytes();
            let lang = |s: &[u8]| s.len() == 2 && s.iter().all(u8::is_ascii_lowercase);
            match b.len() {
                2 => lang(b),
                5 => lang(&b[..2]) && b[2] == b'-' && b[3..].iter().all(u8::is_ascii_uppercase),
                _ => false,
            }
        }
        Builtin::HashValue => {
            let t = collapse(v);
            matches!(t.len(), 32 | 40 | 64 | 96 | 128) && t.bytes().all(|c| c.is_ascii_hexdigit())
        }
        Builtin::SpdxId => is_license_id(v),
    };
    if ok {
        return Ok(());
    }
    let what = match b {
        Builtin::Ref => "is empty; a bom-ref needs at least one character".to_owned(),
        Builtin::Version => "is longer than 1024 characters".to_owned(),
        Builtin::VersionRange => "must have 1 to 4096 characters".to_owned(),
        Builtin::DateTime => format!(
            "{v:?} is not an xs:dateTime (YYYY-MM-DDThh:mm:ss with optional fraction and zone)"
        ),
        Builtin::Bool => format!("{v:?} is not a boolean"),
        Builtin::Int => format!("{v:?} is not an integer"),
        Builtin::PositiveInt => format!("{v:?} is not a positive integer"),
        Builtin::NonNegativeInt => format!("{v:?} is not a non-negative integer"),
        Builtin::Decimal => format!("{v:?} is not a decimal number"),
        Builtin::Percent => format!("{v:?} is not a decimal between 0 and 1"),
        Builtin::Mime => format!("{v:?} is not a media type"),
        Builtin::Uuid => {
            format!("{v:?} is not a serial number of the form urn:uuid:<lower-case uuid>")
        }
        Builtin::Cpe => format!("{v:?} is not a CPE 2.2 URI or CPE 2.3 formatted string"),
        Builtin::Locale => format!("{v:?} is not a locale (ll or ll-CC)"),
        Builtin::HashValue => {
            format!("{v:?} is not a hash value (32, 40, 64, 96 or 128 hex digits)")
        }
        Builtin::SpdxId => format!("{v:?} is not an SPDX license id"),
        Builtin::String | Builtin::NormalizedString | Builtin::Uri => String::new(),
    };
    Err(what)
}

fn is_integer(t: &str) -> bool {
    let d = t.strip_prefix(['+', '-']).unwrap_or(t);
    !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit())
}

fn is_decimal(t: &str) -> bool {
    let d = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (a, b) = d.split_once('.').unwrap_or((d, ""));
    (!a.is_empty() || !b.is_empty())
        && a.bytes().all(|c| c.is_ascii_digit())
        && b.bytes().all(|c| c.is_ascii_digit())
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `xs:dateTime`: `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)?`.
pub(super) fn is_datetime(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let Some((date, time)) = t.split_once('T') else {
        return false;
    };
    let mut dp = date.rsplitn(3, '-');
    let (Some(d), Some(m), Some(y)) = (dp.next(), dp.next(), dp.next()) else {
        return false;
    };
    let year_ok = y.len() >= 4
        && y.bytes().all(|c| c.is_ascii_digit())
        && (y.len() == 4 || !y.starts_with('0'));
    let (Some(m), Some(d)) = (digits(m, 2), digits(d, 2)) else {
        return false;
    };
    if !year_ok || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return false;
    }
    let (clock, zone) = match time.find(['Z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => (time, ""),
    };
    let zone_ok = match zone {
        "" | "Z" => true,
        z => {
            let z = &z[1..];
            match z.split_once(':') {
                Some((h, mi)) => {
                    matches!((digits(h, 2), digits(mi, 2)), (Some(h), Some(mi)) if h < 14 && mi < 60 || h == 14 && mi == 0)
                }
                None => false,
            }
        }
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let mut cp = hms.split(':');
    let (Some(h), Some(mi), Some(s), None) = (cp.next(), cp.next(), cp.next(), cp.next()) else {
        return false;
    };
    let (Some(h), Some(mi), Some(s)) = (digits(h, 2), digits(mi, 2), digits(s, 2)) else {
        return false;
    };
    let frac_ok = !frac.is_empty() && frac.bytes().all(|c| c.is_ascii_digit());
    let time_ok = (h < 24 && mi < 60 && s < 60)
        || (h == 24 && mi == 0 && s == 0 && frac.bytes().all(|c| c == b'0'));
    zone_ok && frac_ok && time_ok
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(c),
        })
}

/// The XSD's `urnUuid` pattern: `urn:uuid:<uuid>` or (as the pattern's alternation reads) `{<uuid>}`.
fn is_serial(s: &str) -> bool {
    s.strip_prefix("urn:uuid:").is_some_and(is_uuid)
        || s.strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .is_some_and(is_uuid)
}

/// CPE 2.2 URI binding or CPE 2.3 formatted string binding, as the XSD pattern allows.
fn is_cpe(s: &str) -> bool {
    if let Some(rest) = s
        .get(..5)
        .filter(|p| {
            let b = p.as_bytes();
            b[0] == b'c'
                && b[1].eq_ignore_ascii_case(&b'p')
                && b[2].eq_ignore_ascii_case(&b'e')
                && &b[3..] == b":/"
        })
        .map(|_| &s[5..])
    {
        let (part, comps) = match rest.as_bytes().first() {
            Some(c) if b"AHOaho".contains(c) => (1, &rest[1..]),
            _ => (0, rest),
        };
        let _ = part;
        if comps.is_empty() {
            return true;
        }
        let Some(comps) = comps.strip_prefix(':') else {
            return false;
        };
        let parts: Vec<&str> = comps.split(':').collect();
        return parts.len() <= 6
            && parts.iter().all(|p| {
                p.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"._-~%".contains(&c))
            });
    }
    let Some(rest) = s.strip_prefix("cpe:2.3:") else {
        return false;
    };
    let comps = split_unescaped(rest);
    if comps.len() != 11 {
        return false;
    }
    let part_ok = matches!(comps[0], "a" | "h" | "o" | "*" | "-");
    let lang_ok = |c: &str| {
        if c == "*" || c == "-" {
            return true;
        }
        let (l, r) = c.split_once('-').unwrap_or((c, ""));
        (2..=3).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphabetic())
            && (r.is_empty()
                || (r.len() == 2 && r.bytes().all(|b| b.is_ascii_alphabetic()))
                || (r.len() == 3 && r.bytes().all(|b| b.is_ascii_digit())))
            && (c.contains('-') != r.is_empty())
    };
    part_ok
        && comps[1..6].iter().all(|c| is_avstring(c))
        && lang_ok(comps[6])
        && comps[7..].iter().all(|c| is_avstring(c))
}

fn split_unescaped(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ':' => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn is_avstring(c: &str) -> bool {
    if c == "*" || c == "-" {
        return true;
    }
    let lead = if c.starts_with('*') {
        1
    } else {
        c.len() - c.trim_start_matches('?').len()
    };
    let body = &c[lead..];
    let trail = if body.ends_with('*') && !body.ends_with("\\*") {
        1
    } else {
        body.len() - body.trim_end_matches('?').len()
    };
    let body = &body[..body.len() - trail];
    if body.is_empty() {
        return false;
    }
    let mut chars = body.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some(e) if "\\*?!\"#$%&'()+,/:;<=>@[]^`{|}~".contains(e) => {}
                _ => return false,
            },
            c if c.is_ascii_alphanumeric() || "-._".contains(c) => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_compile() {
        let s = compile(RULES).unwrap();
        assert!(s.types.len() > 80, "{}", s.types.len());
    }

    #[test]
    fn simple_values() {
        let table: &[(Builtin, &str, bool)] = &[
            (Builtin::DateTime, "2020-04-07T07:01:00Z", true),
            (Builtin::DateTime, "2020-04-07T07:01:00.123+02:00", true),
            (Builtin::DateTime, "2020-04-07", false),
            (Builtin::DateTime, "2020-13-07T07:01:00Z", false),
            (
                Builtin::Uuid,
                "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
                true,
            ),
            (Builtin::Uuid, "urn:uuid:3e671687-395b-41f5-a30f", false),
            (
                Builtin::Uuid,
                "urn:uuid:3E671687-395b-41f5-a30f-a58921a69b79",
                false,
            ),
            (Builtin::Cpe, "cpe:2.3:a:acme:app:1.0:*:*:*:*:*:*:*", true),
            (Builtin::Cpe, "cpe:/a:acme:app:1.0", true),
            (Builtin::Cpe, "cpe:2.3:a:acme", false),
            (
                Builtin::Cpe,
                "cpe:2.3:a:ac\\:me:app:1.0:*:*:*:*:*:*:*",
                true,
            ),
            (Builtin::HashValue, "3942447fac867ae5cdb3229b658f4d48", true),
            (Builtin::HashValue, "foo", false),
            (Builtin::Mime, "text/plain", true),
            (Builtin::Mime, "Text/plain", false),
            (Builtin::PositiveInt, "0", false),
            (Builtin::PositiveInt, "3", true),
            (Builtin::Percent, "0.5", true),
            (Builtin::Percent, "1.5", false),
            (Builtin::Locale, "en-US", true),
            (Builtin::Locale, "EN", false),
        ];
        for (b, v, ok) in table {
            assert_eq!(check_builtin(*b, v, 6, |_| true).is_ok(), *ok, "{b:?} {v}");
        }
    }
}
