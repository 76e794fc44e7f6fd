//! What a component is, for matching: its package key, CPE, vendor names, first-party mark, and the platform around it.
//!
//! First-party recognition (the product's own code, which no public feed
//! describes) uses only what SBOM tools actually write; each rule records its
//! reason so a report can say why a component was skipped:
//!
//! 1. an explicit property `mamori:first-party` = `true` (the way to state it);
//! 2. the primary component itself;
//! 3. a purl whose type and namespace equal the primary component's (the
//!    product's own Maven group, npm scope, Go module prefix);
//! 4. a purl that points at a local path (`vcs_url`/`download_url` starting
//!    with `file:` or `path+`);
//! 5. a registry package without any checksum in an SBOM where most other
//!    packages of the same type carry one: cdxgen copies Cargo.lock's
//!    registry checksums, which workspace and path crates do not have;
//! 6. trivy's shape: a cargo package that the lock-file application
//!    (`aquasecurity:trivy:Class` = `lang-pkgs`) holds directly and that no
//!    other package depends on — trivy lists workspace roots so.
//!
//! Trivy writes no checksums and no source for cargo packages, so workspace
//! crates that are not roots look exactly like registry crates there; rule 6
//! catches the roots only.

use std::collections::{HashMap, HashSet};

use mamori_model::{Component, ComponentKind, RelKind, RelTarget, Sbom};
use mamori_purl::{Cpe, Purl, osv_package};
use mamori_version::Scheme;

/// An OSV package identity with its parts split for lookup.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PackageKey {
    /// The full OSV ecosystem, with any release (`Debian:12`, `crates.io`).
    pub ecosystem: String,
    /// The ecosystem without release (`Debian`), as OSV spells it.
    pub base: String,
    /// The release suffix (`12`, `v3.19`, `22.04:LTS`), if any.
    pub release: Option<String>,
    /// The package name normalized for comparison (see [`normalize_name`]).
    pub name: String,
}

impl PackageKey {
    /// Splits an OSV ecosystem and normalizes the name.
    pub fn new(ecosystem: &str, name: &str) -> PackageKey {
        let (base, release) = match ecosystem.split_once(':') {
            Some((b, r)) if !r.is_empty() => (b.trim(), Some(r.trim().to_owned())),
            Some((b, _)) => (b.trim(), None),
            None => (ecosystem.trim(), None),
        };
        PackageKey {
            ecosystem: ecosystem.trim().to_owned(),
            base: base.to_owned(),
            release,
            name: normalize_name(base, name),
        }
    }

    /// Whether the ecosystem is a programming-language package registry (not
    /// a distribution), i.e. one that a purl-based source covers.
    pub fn is_language(&self) -> bool {
        is_language_ecosystem(&self.base)
    }
}

/// Whether an OSV base ecosystem is a language registry.
pub fn is_language_ecosystem(base: &str) -> bool {
    matches!(
        base.to_ascii_lowercase().as_str(),
        "npm"
            | "pypi"
            | "crates.io"
            | "maven"
            | "go"
            | "nuget"
            | "rubygems"
            | "packagist"
            | "pub"
            | "hex"
            | "hackage"
            | "cran"
            | "swifturl"
            | "github actions"
            | "conancenter"
            | "opam"
            | "julia"
    )
}

/// Normalizes a package name the way its ecosystem compares names: PyPI by
/// PEP 503 (case-insensitive, runs of `-_.` equal), npm, NuGet, Packagist,
/// crates.io and Hex case-insensitively; others (Go, Maven, distributions) exactly.
pub fn normalize_name(base_ecosystem: &str, name: &str) -> String {
    let name = name.trim();
    match base_ecosystem.to_ascii_lowercase().as_str() {
        "pypi" => {
            let mut out = String::with_capacity(name.len());
            let mut sep = false;
            for c in name.chars() {
                if matches!(c, '-' | '_' | '.') {
                    sep = true;
                } else {
                    if sep && !out.is_empty() {
                        out.push('-');
                    }
                    sep = false;
                    out.push(c.to_ascii_lowercase());
                }
            }
            out
        }
        "npm" | "nuget" | "packagist" | "crates.io" | "hex" => name.to_ascii_lowercase(),
        _ => name.to_owned(),
    }
}

/// Lower-case words of a vendor or product name, without punctuation and
/// company-form suffixes (`Inc.`, `GmbH`, `Co., Ltd.`), so that `Philips`,
/// `Koninklijke Philips N.V.` → `koninklijke philips` and `PHILIPS` compare.
pub fn normalize_vendor(s: &str) -> String {
    const FORMS: &[&str] = &[
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "gmbh",
        "ag",
        "sa",
        "plc",
        "kk",
        "bv",
        "nv",
        "oy",
        "ab",
        "srl",
        "spa",
        "se",
        "the",
    ];
    let words = words(s);
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FORMS.contains(w))
        .collect();
    if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    }
}

/// Lower-case words of a product name without punctuation (`_` and `-` split words too).
pub fn normalize_product(s: &str) -> String {
    words(s).join(" ")
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A component as the matchers see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentIdentity {
    /// bom-ref (or a label for ad-hoc identities).
    pub bom_ref: String,
    /// Name as written.
    pub name: String,
    /// Version as written (from the purl when the component has none).
    pub version: Option<String>,
    /// The parsed purl, if it has one that parses.
    pub purl: Option<Purl>,
    /// The OSV package identity of the purl, when an OSV ecosystem covers it.
    pub package: Option<PackageKey>,
    /// The declared CPE, if it parses.
    pub cpe: Option<Cpe>,
    /// Supplier, manufacturer, publisher, author names as written.
    pub vendors: Vec<String>,
    /// Component kind.
    pub kind: Option<ComponentKind>,
    /// Why this is first-party code, if it is.
    pub first_party: Option<String>,
}

impl ComponentIdentity {
    /// Reads what matching needs from a component; first-party is not
    /// decided here (it needs the whole SBOM: see [`identify`]).
    pub fn from_component(c: &Component) -> ComponentIdentity {
        let mut vendors: Vec<String> = Vec::new();
        let mut push = |s: Option<&str>| {
            if let Some(s) = s.map(str::trim).filter(|s| !s.is_empty())
                && !vendors.iter().any(|v: &String| v == s)
            {
                vendors.push(s.to_owned());
            }
        };
        push(c.supplier.value().and_then(|p| p.name.as_deref()));
        push(c.manufacturer.as_ref().and_then(|p| p.name.as_deref()));
        push(c.publisher.as_deref());
        push(c.author.as_deref());
        for a in &c.authors {
            push(a.name.as_deref());
        }
        ComponentIdentity::from_parts(
            &c.bom_ref,
            &c.name,
            c.version_str(),
            c.purl.as_deref(),
            c.cpe.as_deref(),
            vendors,
            c.kind.clone(),
        )
    }

    /// An identity from what a store keeps of a component: the purl and CPE
    /// as written (parsed here; ones that do not parse are left out, as
    /// [`ComponentIdentity::from_component`] leaves them) and the vendor names.
    pub fn from_parts(
        bom_ref: &str,
        name: &str,
        version: Option<&str>,
        purl: Option<&str>,
        cpe: Option<&str>,
        vendors: Vec<String>,
        kind: Option<ComponentKind>,
    ) -> ComponentIdentity {
        let purl = purl.and_then(|p| Purl::parse(p).ok());
        let package = purl
            .as_ref()
            .and_then(osv_package)
            .map(|p| PackageKey::new(&p.ecosystem, &p.name));
        let version = version
            .map(str::to_owned)
            .or_else(|| purl.as_ref().and_then(|p| p.version().map(str::to_owned)));
        let cpe = cpe.and_then(|s| Cpe::parse(s.trim()).ok());
        ComponentIdentity {
            bom_ref: bom_ref.to_owned(),
            name: name.to_owned(),
            version,
            purl,
            package,
            cpe,
            vendors,
            kind,
            first_party: None,
        }
    }

    /// An identity from a package URL alone (for `scan --explain PURL`).
    pub fn from_purl(purl: &str) -> Result<ComponentIdentity, mamori_purl::PurlError> {
        let p = Purl::parse(purl)?;
        let package = osv_package(&p).map(|o| PackageKey::new(&o.ecosystem, &o.name));
        Ok(ComponentIdentity {
            bom_ref: purl.to_owned(),
            name: p.name().to_owned(),
            version: p.version().map(str::to_owned),
            package,
            purl: Some(p),
            cpe: None,
            vendors: Vec::new(),
            kind: None,
            first_party: None,
        })
    }

    /// An identity from a CPE alone (for `where CPE` and tests).
    pub fn from_cpe(cpe: &str) -> Result<ComponentIdentity, mamori_purl::CpeError> {
        let c = Cpe::parse(cpe)?;
        Ok(ComponentIdentity {
            bom_ref: cpe.to_owned(),
            name: c
                .product()
                .value()
                .map(|v| v.unquoted())
                .unwrap_or_default(),
            version: None,
            purl: None,
            package: None,
            cpe: Some(c),
            vendors: Vec::new(),
            kind: None,
            first_party: None,
        })
    }

    /// The version with a purl `epoch` qualifier applied (rpm writes the epoch there).
    pub fn version_for_ecosystem(&self) -> Option<String> {
        let v = self.version.as_deref()?.trim();
        let epoch = self
            .purl
            .as_ref()
            .filter(|p| p.ty() == "rpm")
            .and_then(|p| p.qualifier("epoch"))
            .filter(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()));
        Some(match epoch {
            Some(e) if !v.contains(':') => format!("{e}:{v}"),
            _ => v.to_owned(),
        })
    }

    /// The version scheme of the component's ecosystem.
    pub fn scheme(&self) -> Option<Scheme> {
        self.package
            .as_ref()
            .and_then(|p| Scheme::from_name(&p.base))
    }

    /// The purl without version, as searched-by text.
    pub(crate) fn purl_key(&self) -> String {
        match &self.purl {
            Some(p) => p.without_version().to_string(),
            None => self.name.clone(),
        }
    }
}

/// A component prepared for one scan: what every record check would
/// otherwise recompute (the version parsed by the ecosystem's scheme, the
/// searched-by text), computed once.
#[derive(Clone, Debug)]
pub struct Probe<'a> {
    /// The component.
    pub identity: &'a ComponentIdentity,
    pub(crate) version: Option<Result<mamori_version::Version, String>>,
    pub(crate) purl_key: String,
}

impl<'a> Probe<'a> {
    /// Prepares a component.
    pub fn new(identity: &'a ComponentIdentity) -> Probe<'a> {
        let scheme = identity.scheme().unwrap_or(Scheme::Generic);
        let version = identity
            .version_for_ecosystem()
            .map(|v| scheme.parse(&v).map_err(|e| e.to_string()));
        Probe {
            identity,
            version,
            purl_key: identity.purl_key(),
        }
    }
}

/// Builds identities for every component of an SBOM, marking first-party ones.
pub fn identify(sbom: &Sbom) -> Vec<ComponentIdentity> {
    let mut ids: Vec<ComponentIdentity> = sbom
        .components
        .iter()
        .map(ComponentIdentity::from_component)
        .collect();
    let primary = sbom.metadata.primary.as_deref();
    let primary_purl = sbom
        .primary_component()
        .and_then(|c| c.purl.as_deref())
        .and_then(|p| Purl::parse(p).ok());

    // Rule 5: per purl type, how many packages carry a checksum.
    let mut hashed: HashMap<String, (usize, usize)> = HashMap::new();
    for (c, id) in sbom.components.iter().zip(&ids) {
        if let Some(p) = &id.purl {
            let e = hashed.entry(p.ty().to_owned()).or_default();
            e.0 += 1;
            if !c.hashes.is_empty() {
                e.1 += 1;
            }
        }
    }

    // Rule 6: trivy lock-file applications and who depends on whom.
    let lockfile_apps: HashSet<&str> = sbom
        .components
        .iter()
        .filter(|c| {
            c.properties
                .iter()
                .any(|p| p.name == "aquasecurity:trivy:Class" && p.value == "lang-pkgs")
                || (c.purl.is_none()
                    && matches!(c.kind, Some(ComponentKind::Application))
                    && is_lockfile_name(&c.name))
        })
        .map(|c| c.bom_ref.as_str())
        .collect();
    let mut held_by_app: HashSet<&str> = HashSet::new();
    let mut depended_on: HashSet<&str> = HashSet::new();
    for r in &sbom.relationships {
        let RelTarget::Ref(to) = &r.to else { continue };
        if !matches!(r.kind, RelKind::DependsOn | RelKind::Contains) {
            continue;
        }
        if lockfile_apps.contains(r.from.as_str()) {
            held_by_app.insert(to);
        } else if r.kind == RelKind::DependsOn && to != &r.from {
            depended_on.insert(to);
        }
    }

    for (c, id) in sbom.components.iter().zip(ids.iter_mut()) {
        id.first_party = first_party_reason(
            c,
            id,
            primary,
            primary_purl.as_ref(),
            &hashed,
            &held_by_app,
            &depended_on,
        );
    }
    ids
}

fn is_lockfile_name(name: &str) -> bool {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    matches!(
        file,
        "Cargo.lock"
            | "package-lock.json"
            | "yarn.lock"
            | "pnpm-lock.yaml"
            | "go.mod"
            | "go.sum"
            | "poetry.lock"
            | "Pipfile.lock"
            | "requirements.txt"
            | "uv.lock"
            | "composer.lock"
            | "Gemfile.lock"
            | "packages.lock.json"
            | "pom.xml"
    )
}

fn first_party_reason(
    c: &Component,
    id: &ComponentIdentity,
    primary: Option<&str>,
    primary_purl: Option<&Purl>,
    hashed: &HashMap<String, (usize, usize)>,
    held_by_app: &HashSet<&str>,
    depended_on: &HashSet<&str>,
) -> Option<String> {
    if let Some(p) = c.properties.iter().find(|p| p.name == "mamori:first-party") {
        return p
            .value
            .eq_ignore_ascii_case("true")
            .then(|| "marked mamori:first-party in the SBOM".to_owned());
    }
    if primary == Some(c.bom_ref.as_str()) {
        return Some("the SBOM's primary component".to_owned());
    }
    let purl = id.purl.as_ref()?;
    if let Some(pp) = primary_purl
        && let (Some(ns), Some(pns)) = (purl.namespace(), pp.namespace())
        && purl.ty() == pp.ty()
        && ns == pns
    {
        return Some(format!(
            "same {} namespace {ns:?} as the primary component",
            purl.ty()
        ));
    }
    for q in ["vcs_url", "download_url"] {
        if let Some(u) = purl.qualifier(q)
            && (u.starts_with("file:") || u.starts_with("path+"))
        {
            return Some(format!("purl {q} points at a local path"));
        }
    }
    if c.hashes.is_empty()
        && let Some(&(total, with_hash)) = hashed.get(purl.ty())
        && with_hash > 0
        && with_hash * 2 > total
        && purl.ty() != "generic"
    {
        return Some(format!(
            "no registry checksum, while {with_hash} of {total} {} packages have one",
            purl.ty()
        ));
    }
    if purl.ty() == "cargo"
        && held_by_app.contains(c.bom_ref.as_str())
        && !depended_on.contains(c.bom_ref.as_str())
    {
        return Some("a root of the lock file that no package depends on".to_owned());
    }
    None
}

/// The platform a product runs on, for NVD "running on" configurations.
///
/// Every declared CPE of every SBOM component (the primary component and any
/// operating-system or device component included) counts as present. Whether
/// an absent platform is known to be absent depends on its part: an
/// operating system is known when the SBOM declares at least one OS CPE and
/// every operating-system component has a CPE; hardware likewise with device
/// components. Application platforms are never known to be absent (SBOMs are
/// seldom complete about runtimes), so the match is reported with the
/// platform as a [`crate::Condition::PlatformUnknown`] instead of dropped.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub(crate) platforms: Vec<(Cpe, String)>,
    /// Positions in `platforms` by plain (vendor, product), and those whose
    /// vendor or product is not a plain value: a criteria naming a plain
    /// vendor and product can only match these (see `matchers::cpe`).
    /// Keyed by vendor, then product, so that a criteria's plain names look
    /// their platforms up without making strings (a thousand-component SBOM
    /// asks for each criteria of every candidate record).
    pub(crate) by_product: HashMap<String, HashMap<String, Vec<usize>>>,
    pub(crate) unkeyed: Vec<usize>,
    /// Whether the SBOM says which operating system(s) the product runs on.
    pub os_known: bool,
    /// Whether the SBOM says which hardware the product runs on.
    pub hardware_known: bool,
}

impl Environment {
    /// Nothing known about the platform.
    pub fn unknown() -> Environment {
        Environment::default()
    }

    /// The platform as an SBOM declares it (see the type's documentation).
    pub fn from_sbom(sbom: &Sbom) -> Environment {
        Environment::from_components(
            sbom.components
                .iter()
                .map(|c| (c.kind.as_ref(), c.cpe.as_deref(), c.bom_ref.as_str())),
        )
    }

    /// The platform of components known only by their identities, without an
    /// SBOM's component kinds: each CPE is a platform, and one whose part is
    /// `o` or `h` stands for an operating-system or device component, so the
    /// components say what they run on when one of them is an OS.
    pub fn from_identities(identities: &[ComponentIdentity]) -> Environment {
        let platforms: Vec<(Option<ComponentKind>, String, &str)> = identities
            .iter()
            .filter_map(|c| {
                let cpe = c.cpe.as_ref()?;
                let kind = match cpe.part().value().map(|v| v.as_wfn()) {
                    Some("o") => Some(ComponentKind::OperatingSystem),
                    Some("h") => Some(ComponentKind::Device),
                    _ => None,
                };
                Some((kind, cpe.to_fs(), c.bom_ref.as_str()))
            })
            .collect();
        Environment::from_components(
            platforms
                .iter()
                .map(|(kind, cpe, by)| (kind.as_ref(), Some(cpe.as_str()), *by)),
        )
    }

    /// The platform from each component's kind, declared CPE and bom-ref (the
    /// same rule as [`Environment::from_sbom`]; components with neither an
    /// operating-system or device kind nor a CPE may be left out).
    pub fn from_components<'a>(
        components: impl IntoIterator<Item = (Option<&'a ComponentKind>, Option<&'a str>, &'a str)>,
    ) -> Environment {
        let mut env = Environment::default();
        let (mut os_components, mut os_with_cpe) = (0, 0);
        let (mut hw_components, mut hw_with_cpe) = (0, 0);
        let (mut os_cpes, mut hw_cpes) = (0, 0);
        for (kind, cpe, bom_ref) in components {
            let cpe = cpe.and_then(|s| Cpe::parse(s.trim()).ok());
            match kind {
                Some(ComponentKind::OperatingSystem) => {
                    os_components += 1;
                    os_with_cpe += usize::from(cpe.is_some());
                }
                Some(ComponentKind::Device) => {
                    hw_components += 1;
                    hw_with_cpe += usize::from(cpe.is_some());
                }
                _ => {}
            }
            if let Some(cpe) = cpe {
                match cpe.part().value().map(|v| v.as_wfn()) {
                    Some("o") => os_cpes += 1,
                    Some("h") => hw_cpes += 1,
                    _ => {}
                }
                env.push_platform(cpe, bom_ref.to_owned());
            }
        }
        env.os_known = os_cpes > 0 && os_components == os_with_cpe;
        env.hardware_known = hw_cpes > 0 && hw_components == hw_with_cpe;
        env
    }

    /// Adds a platform (e.g. the device's declared OS from product data).
    pub fn with_platform(mut self, cpe: Cpe, provided_by: impl Into<String>) -> Environment {
        self.push_platform(cpe, provided_by.into());
        self
    }

    fn push_platform(&mut self, cpe: Cpe, provided_by: String) {
        let at = self.platforms.len();
        match crate::index::cpe_key(&cpe) {
            Some((vendor, product)) => self
                .by_product
                .entry(vendor)
                .or_default()
                .entry(product)
                .or_default()
                .push(at),
            None => self.unkeyed.push(at),
        }
        self.platforms.push((cpe, provided_by));
    }

    /// Positions in `platforms` of those naming this plain vendor and product.
    pub(crate) fn keyed(&self, vendor: &str, product: &str) -> &[usize] {
        self.by_product
            .get(vendor)
            .and_then(|p| p.get(product))
            .map_or(&[][..], Vec::as_slice)
    }
}
