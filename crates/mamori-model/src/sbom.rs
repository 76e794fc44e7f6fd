//! SBOM documents and their components, independent of CycloneDX or SPDX.

use time::{Date, OffsetDateTime};

/// A value that a document may give, declare unknown, or leave out.
///
/// CISA's 2024 baseline treats a declared unknown ("known unknown", SPDX
/// `NOASSERTION`) as better than silence, so the two must not collapse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Attr<T> {
    /// The document says nothing.
    #[default]
    Absent,
    /// The document says it does not know (SPDX `NOASSERTION`, CycloneDX `unknown`).
    DeclaredUnknown,
    /// A value.
    Value(T),
}

impl<T> Attr<T> {
    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Attr::Value(v) => Some(v),
            _ => None,
        }
    }
    /// Whether the document gave a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Attr::Value(_))
    }
    /// Whether the document said something, a value or a declared unknown.
    pub fn is_declared(&self) -> bool {
        !matches!(self, Attr::Absent)
    }
}

impl<T> From<Option<T>> for Attr<T> {
    fn from(o: Option<T>) -> Self {
        o.map_or(Attr::Absent, Attr::Value)
    }
}

/// The format a document arrived in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentFormat {
    /// CycloneDX JSON.
    CycloneDxJson,
    /// CycloneDX XML.
    CycloneDxXml,
    /// SPDX JSON.
    SpdxJson,
    /// SPDX tag-value.
    SpdxTagValue,
}

impl DocumentFormat {
    /// `"cyclonedx"` or `"spdx"`, the family name `sbom check --json` prints.
    pub fn family(self) -> &'static str {
        match self {
            DocumentFormat::CycloneDxJson | DocumentFormat::CycloneDxXml => "cyclonedx",
            DocumentFormat::SpdxJson | DocumentFormat::SpdxTagValue => "spdx",
        }
    }
    /// The CLI name of the format (`cyclonedx-json`, `spdx-tv`, …).
    pub fn cli_name(self) -> &'static str {
        match self {
            DocumentFormat::CycloneDxJson => "cyclonedx-json",
            DocumentFormat::CycloneDxXml => "cyclonedx-xml",
            DocumentFormat::SpdxJson => "spdx-json",
            DocumentFormat::SpdxTagValue => "spdx-tv",
        }
    }
    /// Parses a CLI name.
    pub fn from_cli_name(s: &str) -> Option<Self> {
        [
            DocumentFormat::CycloneDxJson,
            DocumentFormat::CycloneDxXml,
            DocumentFormat::SpdxJson,
            DocumentFormat::SpdxTagValue,
        ]
        .into_iter()
        .find(|f| f.cli_name() == s)
    }
}

/// A person or organisation: an author, supplier or manufacturer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Party {
    /// Name of the person or organisation.
    pub name: Option<String>,
    /// Contact e-mail addresses.
    pub emails: Vec<String>,
    /// Web sites.
    pub urls: Vec<String>,
    /// Whether this is an organisation (SPDX `Organization:`) rather than a person.
    pub organization: bool,
}

impl Party {
    /// An organisation known only by name.
    pub fn organization(name: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            organization: true,
            ..Self::default()
        }
    }
    /// A person known only by name.
    pub fn person(name: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            ..Self::default()
        }
    }
    /// Whether the party carries anything at all.
    pub fn is_empty(&self) -> bool {
        self.name.as_deref().is_none_or(str::is_empty)
            && self.emails.is_empty()
            && self.urls.is_empty()
    }
}

/// A tool that made the SBOM.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tool {
    /// Who makes the tool.
    pub vendor: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// Its version.
    pub version: Option<String>,
}

/// A `name = value` property (CycloneDX `properties`, SPDX annotations we understand).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    /// Property name, e.g. `cdx:fda:level-of-support`.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// A relationship-completeness statement (CycloneDX `compositions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Aggregate {
    /// Everything is listed.
    Complete,
    /// Some is missing.
    Incomplete,
    /// Only first-party parts are missing.
    IncompleteFirstPartyOnly,
    /// Only first-party proprietary parts are missing.
    IncompleteFirstPartyProprietaryOnly,
    /// Only first-party open-source parts are missing.
    IncompleteFirstPartyOpensourceOnly,
    /// Only third-party parts are missing.
    IncompleteThirdPartyOnly,
    /// Only third-party proprietary parts are missing.
    IncompleteThirdPartyProprietaryOnly,
    /// Only third-party open-source parts are missing.
    IncompleteThirdPartyOpensourceOnly,
    /// Completeness is not known (a declared unknown).
    Unknown,
    /// No statement made.
    NotSpecified,
}

impl Aggregate {
    const NAMES: [(Aggregate, &'static str); 10] = [
        (Aggregate::Complete, "complete"),
        (Aggregate::Incomplete, "incomplete"),
        (
            Aggregate::IncompleteFirstPartyOnly,
            "incomplete_first_party_only",
        ),
        (
            Aggregate::IncompleteFirstPartyProprietaryOnly,
            "incomplete_first_party_proprietary_only",
        ),
        (
            Aggregate::IncompleteFirstPartyOpensourceOnly,
            "incomplete_first_party_opensource_only",
        ),
        (
            Aggregate::IncompleteThirdPartyOnly,
            "incomplete_third_party_only",
        ),
        (
            Aggregate::IncompleteThirdPartyProprietaryOnly,
            "incomplete_third_party_proprietary_only",
        ),
        (
            Aggregate::IncompleteThirdPartyOpensourceOnly,
            "incomplete_third_party_opensource_only",
        ),
        (Aggregate::Unknown, "unknown"),
        (Aggregate::NotSpecified, "not_specified"),
    ];
    /// The CycloneDX name.
    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("unknown", |(_, n)| n)
    }
    /// Parses the CycloneDX name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::NAMES.iter().find(|(_, n)| *n == s).map(|(a, _)| *a)
    }
}

/// A completeness statement about some assemblies or dependency lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composition {
    /// How complete.
    pub aggregate: Aggregate,
    /// Refs of components whose contained parts the statement covers.
    pub assemblies: Vec<String>,
    /// Refs of components whose dependency lists the statement covers.
    pub dependencies: Vec<String>,
}

/// Kinds of relationship between two elements. CycloneDX `dependencies` are `DependsOn`,
/// nested components are `Contains`; SPDX has many more, kept by name in `Other`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RelKind {
    /// `from` depends on `to`.
    DependsOn,
    /// `from` contains `to`.
    Contains,
    /// `from` (the document) describes `to`.
    Describes,
    /// Any other SPDX relationship type, upper-case as SPDX writes it.
    Other(String),
}

/// The far end of a relationship.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RelTarget {
    /// Another element, by bom-ref or SPDXID.
    Ref(String),
    /// SPDX `NONE`: there is nothing (a complete, empty list).
    None,
    /// SPDX `NOASSERTION`: unknown.
    NoAssertion,
}

/// One edge of the dependency graph.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Relationship {
    /// Source element ref.
    pub from: String,
    /// Kind of edge.
    pub kind: RelKind,
    /// Target.
    pub to: RelTarget,
}

/// Hash algorithms the formats know.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashAlg {
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
    /// BLAKE2b-256.
    Blake2b256,
    /// BLAKE2b-384.
    Blake2b384,
    /// BLAKE2b-512.
    Blake2b512,
    /// BLAKE3.
    Blake3,
    /// Another algorithm, by the name the document used.
    Other(String),
}

impl HashAlg {
    const NAMES: [(HashAlg, &'static str, &'static str); 12] = [
        (HashAlg::Md5, "MD5", "MD5"),
        (HashAlg::Sha1, "SHA-1", "SHA1"),
        (HashAlg::Sha256, "SHA-256", "SHA256"),
        (HashAlg::Sha384, "SHA-384", "SHA384"),
        (HashAlg::Sha512, "SHA-512", "SHA512"),
        (HashAlg::Sha3_256, "SHA3-256", "SHA3-256"),
        (HashAlg::Sha3_384, "SHA3-384", "SHA3-384"),
        (HashAlg::Sha3_512, "SHA3-512", "SHA3-512"),
        (HashAlg::Blake2b256, "BLAKE2b-256", "BLAKE2b-256"),
        (HashAlg::Blake2b384, "BLAKE2b-384", "BLAKE2b-384"),
        (HashAlg::Blake2b512, "BLAKE2b-512", "BLAKE2b-512"),
        (HashAlg::Blake3, "BLAKE3", "BLAKE3"),
    ];
    /// The CycloneDX spelling (`SHA-256`).
    pub fn cyclonedx_name(&self) -> &str {
        match self {
            HashAlg::Other(s) => s,
            a => Self::NAMES
                .iter()
                .find(|(x, _, _)| x == a)
                .map_or("", |(_, c, _)| c),
        }
    }
    /// The SPDX spelling (`SHA256`).
    pub fn spdx_name(&self) -> &str {
        match self {
            HashAlg::Other(s) => s,
            a => Self::NAMES
                .iter()
                .find(|(x, _, _)| x == a)
                .map_or("", |(_, _, s)| s),
        }
    }
    /// Reads either spelling; anything else is kept as `Other`.
    pub fn parse(s: &str) -> Self {
        Self::NAMES
            .iter()
            .find(|(_, c, x)| c.eq_ignore_ascii_case(s) || x.eq_ignore_ascii_case(s))
            .map_or_else(|| HashAlg::Other(s.to_owned()), |(a, _, _)| a.clone())
    }
}

/// A checksum of a component.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Hash {
    /// Algorithm.
    pub alg: HashAlg,
    /// Lower-case hex digest.
    pub value: String,
}

/// A license statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LicenseChoice {
    /// An SPDX license id (`Apache-2.0`).
    Id(String),
    /// A license known by name only.
    Name(String),
    /// An SPDX license expression (`MIT OR Apache-2.0`).
    Expression(String),
}

impl LicenseChoice {
    /// The license as one line of text.
    pub fn as_text(&self) -> &str {
        match self {
            LicenseChoice::Id(s) | LicenseChoice::Name(s) | LicenseChoice::Expression(s) => s,
        }
    }
}

/// A SWID tag identity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Swid {
    /// `tagId`.
    pub tag_id: String,
    /// Software name.
    pub name: String,
    /// Software version.
    pub version: Option<String>,
}

/// An external reference (web site, VCS, advisories…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalRef {
    /// Its type as CycloneDX names it (`website`, `vcs`, `distribution`…).
    pub kind: String,
    /// The address.
    pub url: String,
}

/// How a component is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Needed at run time.
    Required,
    /// Not always present.
    Optional,
    /// Not part of the shipped product (build or test only).
    Excluded,
}

/// The kind of a component (CycloneDX `type`; SPDX `primaryPackagePurpose`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ComponentKind {
    /// A software application.
    Application,
    /// A framework.
    Framework,
    /// A library.
    Library,
    /// A container image.
    Container,
    /// A platform.
    Platform,
    /// An operating system.
    OperatingSystem,
    /// A hardware device.
    Device,
    /// A device driver.
    DeviceDriver,
    /// Firmware.
    Firmware,
    /// A file.
    File,
    /// A machine-learning model.
    MachineLearningModel,
    /// A data set.
    Data,
    /// A cryptographic asset.
    CryptographicAsset,
    /// Any other kind, by name.
    Other(String),
}

impl ComponentKind {
    const NAMES: [(ComponentKind, &'static str); 13] = [
        (ComponentKind::Application, "application"),
        (ComponentKind::Framework, "framework"),
        (ComponentKind::Library, "library"),
        (ComponentKind::Container, "container"),
        (ComponentKind::Platform, "platform"),
        (ComponentKind::OperatingSystem, "operating-system"),
        (ComponentKind::Device, "device"),
        (ComponentKind::DeviceDriver, "device-driver"),
        (ComponentKind::Firmware, "firmware"),
        (ComponentKind::File, "file"),
        (
            ComponentKind::MachineLearningModel,
            "machine-learning-model",
        ),
        (ComponentKind::Data, "data"),
        (ComponentKind::CryptographicAsset, "cryptographic-asset"),
    ];
    /// The CycloneDX name.
    pub fn as_str(&self) -> &str {
        match self {
            ComponentKind::Other(s) => s,
            k => Self::NAMES
                .iter()
                .find(|(x, _)| x == k)
                .map_or("library", |(_, n)| n),
        }
    }
    /// Parses a CycloneDX name; unknown names are `Other`.
    pub fn parse(s: &str) -> Self {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == s)
            .map_or_else(|| ComponentKind::Other(s.to_owned()), |(k, _)| k.clone())
    }
}

/// The FDA premarket guidance's support fields for one component
/// (CycloneDX properties `cdx:fda:level-of-support`, `cdx:fda:end-of-support-date`,
/// `cdx:fda:justification`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FdaSupport {
    /// Level of support (e.g. "actively maintained", "no longer maintained", "abandoned").
    pub level_of_support: Option<String>,
    /// End-of-support date.
    pub end_of_support: Option<Date>,
    /// Why a component past support is still acceptable.
    pub justification: Option<String>,
}

impl FdaSupport {
    /// Property names used to carry these fields in CycloneDX.
    pub const LEVEL: &'static str = "cdx:fda:level-of-support";
    /// Property name of the end-of-support date.
    pub const END_OF_SUPPORT: &'static str = "cdx:fda:end-of-support-date";
    /// Property name of the justification.
    pub const JUSTIFICATION: &'static str = "cdx:fda:justification";
}

/// One component of an SBOM.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Component {
    /// The document-local id: CycloneDX `bom-ref` or SPDX `SPDXID`.
    pub bom_ref: String,
    /// Component kind.
    pub kind: Option<ComponentKind>,
    /// Name.
    pub name: String,
    /// Version.
    pub version: Attr<String>,
    /// Group / namespace (Maven group id, npm scope).
    pub group: Option<String>,
    /// Supplier.
    pub supplier: Attr<Party>,
    /// Manufacturer (CycloneDX 1.6) or originator (SPDX).
    pub manufacturer: Option<Party>,
    /// Author as free text (CycloneDX `author`, deprecated in 1.6).
    pub author: Option<String>,
    /// Authors as parties (CycloneDX 1.6 `authors`).
    pub authors: Vec<Party>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Package URL as written (parsed and checked by the readers, kept verbatim here).
    pub purl: Option<String>,
    /// CPE (2.2 URI or 2.3 formatted string) as written.
    pub cpe: Option<String>,
    /// SWID tag.
    pub swid: Option<Swid>,
    /// OmniBOR artifact ids (`gitoid:…`).
    pub omnibor_ids: Vec<String>,
    /// Software Heritage ids.
    pub swhids: Vec<String>,
    /// Checksums; a declared unknown when the document says so.
    pub hashes: Vec<Hash>,
    /// Licenses concluded or declared.
    pub licenses: Attr<Vec<LicenseChoice>>,
    /// Copyright text.
    pub copyright: Attr<String>,
    /// Description.
    pub description: Option<String>,
    /// Scope.
    pub scope: Option<Scope>,
    /// External references.
    pub external_refs: Vec<ExternalRef>,
    /// Properties not otherwise modelled.
    pub properties: Vec<Property>,
    /// FDA support fields.
    pub fda: FdaSupport,
    /// Enclosing component's ref, for nested CycloneDX components.
    pub parent: Option<String>,
    /// Name of the supplier SBOM this component was merged from, if any.
    pub provenance: Option<String>,
}

impl Component {
    /// The version, when the document gives one.
    pub fn version_str(&self) -> Option<&str> {
        self.version.value().map(String::as_str)
    }
}

/// Document-level data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SbomMetadata {
    /// Document name (SPDX `name`).
    pub name: Option<String>,
    /// CycloneDX `serialNumber` (a `urn:uuid:`) or SPDX `documentNamespace`.
    pub serial_number: Option<String>,
    /// CycloneDX `version` of the BOM (1 when absent).
    pub version: Option<u32>,
    /// When it was made.
    pub timestamp: Option<OffsetDateTime>,
    /// Who made it.
    pub authors: Vec<Party>,
    /// Tools that made it.
    pub tools: Vec<Tool>,
    /// The ref of the primary component (CycloneDX `metadata.component`, SPDX `documentDescribes`).
    pub primary: Option<String>,
    /// Supplier of the primary component / the document.
    pub supplier: Option<Party>,
    /// Manufacturer.
    pub manufacturer: Option<Party>,
    /// Lifecycle phases (CycloneDX 1.5+ `lifecycles`).
    pub lifecycles: Vec<String>,
    /// Document data license (SPDX `dataLicense`, CycloneDX `metadata.licenses`).
    pub data_license: Option<String>,
    /// Document comment / creator comment.
    pub comment: Option<String>,
    /// Document properties.
    pub properties: Vec<Property>,
}

/// An SBOM: metadata, components, graph and completeness statements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sbom {
    /// Format it was read from (or will be written as).
    pub format: DocumentFormat,
    /// Spec version as written (`1.6`, `SPDX-2.3` → `2.3`).
    pub spec_version: String,
    /// Document data.
    pub metadata: SbomMetadata,
    /// Every component, the primary one included, in document order.
    pub components: Vec<Component>,
    /// The dependency graph.
    pub relationships: Vec<Relationship>,
    /// Completeness statements.
    pub compositions: Vec<Composition>,
}

impl Sbom {
    /// An empty document of the given format and version.
    pub fn new(format: DocumentFormat, spec_version: impl Into<String>) -> Self {
        Self {
            format,
            spec_version: spec_version.into(),
            metadata: SbomMetadata::default(),
            components: Vec::new(),
            relationships: Vec::new(),
            compositions: Vec::new(),
        }
    }

    /// The primary component, if the document names one.
    pub fn primary_component(&self) -> Option<&Component> {
        let r = self.metadata.primary.as_deref()?;
        self.components.iter().find(|c| c.bom_ref == r)
    }

    /// Components other than the primary one.
    pub fn parts(&self) -> impl Iterator<Item = &Component> {
        let primary = self.metadata.primary.clone();
        self.components
            .iter()
            .filter(move |c| Some(&c.bom_ref) != primary.as_ref())
    }
}
