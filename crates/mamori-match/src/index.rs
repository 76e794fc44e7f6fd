//! The in-memory index of vulnerability records: prepared once (ranges parsed, CPEs parsed, aliases grouped), looked up by key.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use mamori_model::{
    AffectedPackage, CpeConfiguration, CpeMatch, CsafProduct, JvnProduct, Operator, ProductStatus,
    RangeEvent, RangeKind, VulnId, VulnIdKind, Vulnerability,
};
use mamori_purl::{AttrValue, Cpe, Purl, osv_package};
use mamori_version::range::{Contains, NvdBounds, OsvAffected, OsvEvent, OsvRange, OsvRangeKind};
use mamori_version::{Scheme, Version};

use crate::identity::{PackageKey, normalize_product, normalize_vendor};

/// A value a matcher searches the index by (grype's search criteria).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SearchKey {
    /// An OSV package: base ecosystem and normalized name.
    Package(PackageKey),
    /// A CPE vendor and product (WFN form, lower-case).
    Cpe {
        /// Vendor.
        vendor: String,
        /// Product.
        product: String,
    },
    /// A normalized product name (CSAF product trees, JVN items without CPE).
    Product(String),
    /// A purl named in a CSAF product's identification helper.
    ProductPurl(PackageKey),
}

impl SearchKey {
    /// The key as one string, the form a store files records and components
    /// under so that a changed record finds the components it touches: the
    /// index looks records up by exactly this string.
    pub fn storage_key(&self) -> String {
        // U+001F (unit separator) joins the parts: no name or ecosystem holds
        // it, and PostgreSQL text, unlike U+0000, can.
        let package = |k: &PackageKey| format!("{}\u{1f}{}", k.base.to_ascii_lowercase(), k.name);
        match self {
            SearchKey::Package(k) => format!("pkg\u{1f}{}", package(k)),
            SearchKey::Cpe { vendor, product } => format!("cpe\u{1f}{vendor}\u{1f}{product}"),
            SearchKey::Product(p) => format!("name\u{1f}{p}"),
            SearchKey::ProductPurl(k) => format!("csaf-purl\u{1f}{}", package(k)),
        }
    }
}

impl fmt::Display for SearchKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchKey::Package(k) => write!(f, "{}/{}", k.ecosystem, k.name),
            SearchKey::Cpe { vendor, product } => write!(f, "cpe:{vendor}:{product}"),
            SearchKey::Product(p) => write!(f, "product:{p}"),
            SearchKey::ProductPurl(k) => write!(f, "csaf-purl:{}/{}", k.ecosystem, k.name),
        }
    }
}

/// One OSV affected package, ready to answer.
#[derive(Clone, Debug)]
pub(crate) struct PreparedPackage {
    pub key: PackageKey,
    pub affected: OsvAffected,
    /// The explicit `versions`, parsed by the ecosystem's scheme (those that
    /// parse) when first needed: records list hundreds of versions, and most
    /// candidates are decided by their ranges or never checked at all.
    listed: OnceLock<Vec<Version>>,
    /// The ecosystem's scheme, which `listed` is parsed by.
    scheme: Scheme,
    /// Why the package's ranges cannot be decided at all (only GIT ranges), if so.
    pub undecidable: Option<String>,
    /// Each range as `vers:` (or as written), then the explicit versions.
    pub ranges_text: Vec<String>,
    /// `ecosystem name: ranges`, as evidence shows it (built once).
    pub shown: String,
    pub fixed: Vec<String>,
}

impl PreparedPackage {
    /// Whether `v` is affected: listed (compared by the scheme's order, so
    /// `1.0` finds `1.0.0` in PyPI), or inside a range. The same answer as
    /// [`OsvAffected::contains`], with the listed versions parsed once and only
    /// when neither the texts nor the ranges said yes.
    pub fn contains(&self, v: &Version) -> Contains {
        if self.affected.versions.iter().any(|l| l == v.as_str()) {
            return Contains::Yes;
        }
        let mut unknown = None;
        for r in &self.affected.ranges {
            match r.contains(v) {
                Contains::Yes => return Contains::Yes,
                Contains::No => {}
                u @ Contains::Unknown { .. } => {
                    unknown.get_or_insert(u);
                }
            }
        }
        if self
            .listed()
            .iter()
            .any(|l| l.cmp_same(v) == Some(std::cmp::Ordering::Equal))
        {
            return Contains::Yes;
        }
        unknown.unwrap_or(Contains::No)
    }

    fn listed(&self) -> &[Version] {
        self.listed.get_or_init(|| {
            self.affected
                .versions
                .iter()
                .filter_map(|s| self.scheme.parse(s).ok())
                .collect()
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct PreparedCpeMatch {
    pub raw: String,
    pub cpe: Result<Cpe, String>,
    pub vulnerable: bool,
    pub bounds: NvdBounds,
    /// The criteria's version has wild cards: compare it as a CPE attribute.
    pub wild_version: bool,
    /// Whether `versionStart*`/`versionEnd*` bounds are given.
    pub has_bounds: bool,
    /// The range as text (`vers:generic/>=1.0|<2.0`-like, or the exact version).
    pub range_text: String,
    pub fixed: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct PreparedNode {
    pub operator: Operator,
    pub negate: bool,
    pub matches: Vec<PreparedCpeMatch>,
}

#[derive(Clone, Debug)]
pub(crate) struct PreparedConfig {
    pub operator: Operator,
    pub negate: bool,
    pub nodes: Vec<PreparedNode>,
}

#[derive(Clone, Debug)]
pub(crate) struct PreparedJvn {
    pub cpe: Option<Cpe>,
    pub raw: JvnProduct,
}

#[derive(Clone, Debug)]
pub(crate) struct PreparedCsaf {
    pub vendor: Option<String>,
    pub product: String,
    pub cpe: Option<Cpe>,
    pub purls: Vec<Purl>,
    pub raw: CsafProduct,
}

/// A record with everything matching needs prepared once.
#[derive(Clone, Debug)]
pub struct IndexedRecord {
    vuln: Vulnerability,
    pub(crate) packages: Vec<PreparedPackage>,
    pub(crate) configs: Vec<PreparedConfig>,
    pub(crate) jvn: Vec<PreparedJvn>,
    pub(crate) csaf: Vec<PreparedCsaf>,
    pub(crate) group: u32,
}

impl IndexedRecord {
    /// The record.
    pub fn vulnerability(&self) -> &Vulnerability {
        &self.vuln
    }

    /// Every key this record is filed under: what a feed change to it touches.
    /// CPE matches with wild-card vendor or product are filed under
    /// [`WILDCARD_CPE_KEY`] only, as they answer every CPE search.
    pub fn search_keys(&self) -> Vec<SearchKey> {
        // Each key's string is built once (sorting by a key function built it
        // at every comparison: most of indexing an NVD record's many criteria).
        let mut keyed: Vec<(String, SearchKey)> = self
            .unsorted_search_keys()
            .0
            .into_iter()
            .map(|k| (k.storage_key(), k))
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        keyed.into_iter().map(|(_, k)| k).collect()
    }

    /// The keys of [`IndexedRecord::search_keys`], unsorted, with repeats;
    /// and whether a CPE match has a wild-card vendor or product.
    fn unsorted_search_keys(&self) -> (Vec<SearchKey>, bool) {
        let mut keys = Vec::new();
        for p in &self.packages {
            keys.push(SearchKey::Package(p.key.clone()));
        }
        for c in &self.csaf {
            keys.push(SearchKey::Product(c.product.clone()));
            if let Some(v) = &c.vendor
                && let Some(stripped) = c.product.strip_prefix(v.as_str())
                && let Some(stripped) = stripped.strip_prefix(' ')
            {
                keys.push(SearchKey::Product(stripped.to_owned()));
            }
            for p in &c.purls {
                if let Some(o) = osv_package(p) {
                    keys.push(SearchKey::ProductPurl(PackageKey::new(
                        &o.ecosystem,
                        &o.name,
                    )));
                }
            }
        }
        let mut wildcard = false;
        for k in self.cpe_keys() {
            match k {
                Some((vendor, product)) => keys.push(SearchKey::Cpe { vendor, product }),
                None => wildcard = true,
            }
        }
        (keys, wildcard)
    }

    /// The keys of [`IndexedRecord::search_keys`] as stored strings, with
    /// [`WILDCARD_CPE_KEY`] for CPE matches no single key names.
    pub fn storage_keys(&self) -> Vec<String> {
        let (keys, wildcard) = self.unsorted_search_keys();
        let mut keys: Vec<String> = keys.iter().map(SearchKey::storage_key).collect();
        if wildcard {
            keys.push(WILDCARD_CPE_KEY.to_owned());
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The (vendor, product) of every CPE the record can match by: vulnerable
    /// NVD matches, JVN and CSAF product CPEs; `None` for a parsed CPE with a
    /// wild-card vendor or product.
    fn cpe_keys(&self) -> Vec<Option<(String, String)>> {
        let mut out = Vec::new();
        for c in &self.configs {
            for n in &c.nodes {
                for m in n.matches.iter().filter(|m| m.vulnerable) {
                    if let Ok(cpe) = &m.cpe {
                        out.push(cpe_key(cpe));
                    }
                }
            }
        }
        // JVN items without a CPE name carry only Japanese or English display
        // names; they are not matched (see the crate docs).
        for j in &self.jvn {
            if let Some(k) = j.cpe.as_ref().and_then(cpe_key) {
                out.push(Some(k));
            }
        }
        for c in &self.csaf {
            if let Some(k) = c.cpe.as_ref().and_then(cpe_key) {
                out.push(Some(k));
            }
        }
        out
    }
}

/// The storage keys of one record, as [`IndexedRecord::storage_keys`] gives
/// them once the record is indexed: what a store files the record under.
pub fn storage_keys(v: &Vulnerability) -> Vec<String> {
    prepare(v.clone(), 0).storage_keys()
}

/// The stored key of CPE matches with a wild-card vendor or product: every
/// component searched by CPE must also look under it.
pub const WILDCARD_CPE_KEY: &str = "cpe\u{1f}*";

/// The CPE's vendor and product in WFN form, when both are plain values.
pub(crate) fn cpe_key(cpe: &Cpe) -> Option<(String, String)> {
    cpe_key_ref(cpe).map(|(v, p)| (v.to_owned(), p.to_owned()))
}

/// [`cpe_key`] borrowed from the name.
pub(crate) fn cpe_key_ref(cpe: &Cpe) -> Option<(&str, &str)> {
    let v = cpe.vendor().value().filter(|v| !v.has_wildcards())?;
    let p = cpe.product().value().filter(|v| !v.has_wildcards())?;
    Some((v.as_wfn(), p.as_wfn()))
}

/// The vulnerability records, indexed by package, CPE product and product name, with aliases grouped.
///
/// Grouping: ids and aliases (never `related`) are joined transitively, case
/// insensitively, over the records given; a group is named by its lowest CVE
/// id, else its lowest GHSA id, else its lowest id.
#[derive(Debug, Default)]
pub struct VulnIndex {
    records: Vec<IndexedRecord>,
    // Every record under each of its storage keys (see `SearchKey::storage_key`).
    by_key: HashMap<String, Vec<u32>>,
    by_name: HashMap<String, Vec<u32>>,
    by_id: HashMap<String, Vec<u32>>,
    groups: Vec<Vec<VulnId>>,
    // Whether a CpePrefilter left records out (see `VulnIndex::prefiltered`).
    prefiltered: bool,
}

fn push_unique(map: &mut HashMap<String, Vec<u32>>, key: String, i: u32) {
    let v = map.entry(key).or_default();
    if v.last() != Some(&i) {
        v.push(i);
    }
}

/// Records prepared for a [`VulnIndex`] but not yet indexed: preparing (parsing
/// every CPE, range and version bound, building the storage keys) is most of
/// indexing, and each record's is its own, so a caller reading records in
/// chunks can prepare one chunk on another thread while it reads the next, and
/// join the chunks with [`PreparedRecords::append`].
#[derive(Debug, Default)]
pub struct PreparedRecords {
    records: Vec<IndexedRecord>,
    keys: Vec<Vec<String>>,
}

impl PreparedRecords {
    /// Prepares the records.
    pub fn new(vulns: Vec<Vulnerability>) -> PreparedRecords {
        let records: Vec<IndexedRecord> = vulns.into_iter().map(|v| prepare(v, 0)).collect();
        let keys = records.iter().map(IndexedRecord::storage_keys).collect();
        PreparedRecords { records, keys }
    }

    /// Adds another chunk's records after these.
    pub fn append(&mut self, mut other: PreparedRecords) {
        self.records.append(&mut other.records);
        self.keys.append(&mut other.keys);
    }

    /// The records reordered by `keys` (one per record, in their order),
    /// keeping the order of equal keys.
    ///
    /// # Panics
    /// When `keys` does not hold one key per record.
    pub fn sorted_by_key<K: Ord>(self, keys: &[K]) -> PreparedRecords {
        assert_eq!(keys.len(), self.records.len(), "one key per record");
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        let mut slots: Vec<Option<(IndexedRecord, Vec<String>)>> =
            self.records.into_iter().zip(self.keys).map(Some).collect();
        let (records, keys) = order.into_iter().filter_map(|i| slots[i].take()).unzip();
        PreparedRecords { records, keys }
    }

    /// The records, in order.
    pub fn vulnerabilities(&self) -> impl ExactSizeIterator<Item = &Vulnerability> {
        self.records.iter().map(|r| &r.vuln)
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

impl VulnIndex {
    /// Prepares and indexes the records.
    pub fn new(vulns: Vec<Vulnerability>) -> VulnIndex {
        VulnIndex::from_prepared(PreparedRecords::new(vulns))
    }

    /// Indexes prepared records: the same index as [`VulnIndex::new`] of their
    /// records in the same order.
    pub fn from_prepared(prepared: PreparedRecords) -> VulnIndex {
        let mut index = VulnIndex::default();
        let group_of = group_ids(prepared.vulnerabilities(), &mut index.groups);
        index.records.reserve(prepared.records.len());
        for (i, ((mut rec, keys), g)) in prepared
            .records
            .into_iter()
            .zip(prepared.keys)
            .zip(group_of)
            .enumerate()
        {
            let i = i as u32;
            rec.group = g;
            for p in &rec.packages {
                push_unique(&mut index.by_name, p.key.name.to_lowercase(), i);
            }
            for k in keys {
                push_unique(&mut index.by_key, k, i);
            }
            push_unique(
                &mut index.by_id,
                rec.vuln.id.as_str().to_ascii_uppercase(),
                i,
            );
            index.records.push(rec);
        }
        index
    }

    /// Notes that a [`crate::CpePrefilter`] left records with NVD
    /// configurations out of this index: matchers that read such records
    /// ([`crate::Matcher::reads_prefiltered`]) still run, so a component's
    /// report (what it was searched by, whether it had an identity) is the
    /// same as with every candidate record in.
    pub fn set_prefiltered(&mut self, prefiltered: bool) {
        self.prefiltered = prefiltered;
    }

    /// Whether a [`crate::CpePrefilter`] left records out of this index.
    pub fn prefiltered(&self) -> bool {
        self.prefiltered
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Every record, in the order given.
    pub fn records(&self) -> &[IndexedRecord] {
        &self.records
    }

    /// The record at a position.
    pub fn record(&self, i: usize) -> Option<&IndexedRecord> {
        self.records.get(i)
    }

    /// Records with this id (not aliases; case-insensitive).
    pub fn by_id(&self, id: &str) -> Vec<&IndexedRecord> {
        self.by_id
            .get(&id.to_ascii_uppercase())
            .map(|v| v.iter().map(|&i| &self.records[i as usize]).collect())
            .unwrap_or_default()
    }

    /// The group's representative id and all its ids.
    pub fn group_of(&self, r: &IndexedRecord) -> &[VulnId] {
        &self.groups[r.group as usize]
    }

    /// Positions of the records filed under a key.
    pub fn lookup(&self, key: &SearchKey) -> Vec<usize> {
        let hit = |m: &HashMap<String, Vec<u32>>, k: &str| -> Vec<usize> {
            m.get(k)
                .map(|v| v.iter().map(|&i| i as usize).collect())
                .unwrap_or_default()
        };
        let mut v = hit(&self.by_key, &key.storage_key());
        if matches!(key, SearchKey::Cpe { .. }) {
            v.extend(hit(&self.by_key, WILDCARD_CPE_KEY));
            v.sort_unstable();
            v.dedup();
        }
        v
    }

    /// Positions of records naming a package of this name in any ecosystem
    /// (so `--explain` can say "wrong ecosystem").
    pub fn lookup_name(&self, name: &str) -> Vec<usize> {
        self.by_name
            .get(&name.to_lowercase())
            .map(|v| v.iter().map(|&i| i as usize).collect())
            .unwrap_or_default()
    }

    pub(crate) fn group_index(&self, i: usize) -> u32 {
        self.records[i].group
    }

    pub(crate) fn group_ids(&self, g: u32) -> &[VulnId] {
        &self.groups[g as usize]
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Union-find over ids and aliases; returns each record's group number and
/// fills `groups` with each group's ids, representative first.
fn group_ids<'a>(
    vulns: impl ExactSizeIterator<Item = &'a Vulnerability>,
    groups: &mut Vec<Vec<VulnId>>,
) -> Vec<u32> {
    let mut slot: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<VulnId> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut id_slot = |id: &VulnId, parent: &mut Vec<usize>| -> usize {
        let k = id.as_str().to_ascii_uppercase();
        *slot.entry(k).or_insert_with(|| {
            parent.push(parent.len());
            names.push(id.clone());
            parent.len() - 1
        })
    };
    let mut record_slot = Vec::with_capacity(vulns.len());
    for v in vulns {
        let a = id_slot(&v.id, &mut parent);
        for alias in &v.aliases {
            let b = id_slot(alias, &mut parent);
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[rb] = ra;
            }
        }
        record_slot.push(a);
    }
    let mut root_group: HashMap<usize, u32> = HashMap::new();
    let mut members: Vec<Vec<VulnId>> = Vec::new();
    for (s, name) in names.iter().enumerate() {
        let r = find(&mut parent, s);
        let g = *root_group.entry(r).or_insert_with(|| {
            members.push(Vec::new());
            (members.len() - 1) as u32
        });
        members[g as usize].push(name.clone());
    }
    for m in &mut members {
        m.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    }
    *groups = members;
    record_slot
        .into_iter()
        .map(|s| root_group[&find(&mut parent, s)])
        .collect()
}

fn rank(id: &VulnId) -> u8 {
    match id.kind() {
        VulnIdKind::Cve => 0,
        VulnIdKind::Ghsa => 1,
        _ => 2,
    }
}

fn prepare(v: Vulnerability, group: u32) -> IndexedRecord {
    let packages = v.affected_packages.iter().map(prepare_package).collect();
    let configs = v.cpe_configurations.iter().map(prepare_config).collect();
    let jvn = v
        .jvn_products
        .iter()
        .map(|j| PreparedJvn {
            cpe: j.cpe.as_deref().and_then(|c| Cpe::parse(c.trim()).ok()),
            raw: j.clone(),
        })
        .collect();
    let csaf = v
        .csaf_products
        .iter()
        .map(|c| {
            let vendor = c.vendor.as_deref().map(normalize_vendor);
            let product = normalize_product(c.product.as_deref().unwrap_or(&c.name));
            PreparedCsaf {
                vendor,
                product,
                cpe: c.cpe.as_deref().and_then(|s| Cpe::parse(s.trim()).ok()),
                purls: c.purls.iter().filter_map(|p| Purl::parse(p).ok()).collect(),
                raw: c.clone(),
            }
        })
        .collect();
    IndexedRecord {
        vuln: v,
        packages,
        configs,
        jvn,
        csaf,
        group,
    }
}

/// The scheme an OSV range's versions are read by.
fn range_scheme(kind: &RangeKind, eco: Scheme) -> Scheme {
    match kind {
        // SEMVER ranges are SemVer whatever the ecosystem; ecosystems whose own
        // scheme is SemVer keep theirs (Go accepts the missing `v`).
        RangeKind::Semver => match eco {
            Scheme::Semver | Scheme::Npm | Scheme::Cargo | Scheme::Go | Scheme::Hex => eco,
            _ => Scheme::Semver,
        },
        _ => eco,
    }
}

fn prepare_package(p: &AffectedPackage) -> PreparedPackage {
    let key = PackageKey::new(&p.ecosystem, &p.name);
    let eco = Scheme::from_name(&key.base).unwrap_or(Scheme::Generic);
    let mut ranges = Vec::new();
    let mut ranges_text = Vec::new();
    let mut git = 0;
    for r in &p.ranges {
        if r.kind == RangeKind::Git {
            git += 1;
            continue;
        }
        let events: Vec<OsvEvent> = r
            .events
            .iter()
            .map(|e| match e {
                RangeEvent::Introduced(s) => OsvEvent::Introduced(s.clone()),
                RangeEvent::Fixed(s) => OsvEvent::Fixed(s.clone()),
                RangeEvent::LastAffected(s) => OsvEvent::LastAffected(s.clone()),
                RangeEvent::Limit(s) => OsvEvent::Limit(s.clone()),
            })
            .collect();
        let kind = match r.kind {
            RangeKind::Semver => OsvRangeKind::Semver,
            _ => OsvRangeKind::Ecosystem,
        };
        let range = OsvRange::new(kind, range_scheme(&r.kind, eco), events);
        ranges_text.push(match range.to_set() {
            Ok(set) => set.to_string(),
            Err(_) => raw_events(&r.events),
        });
        ranges.push(range);
    }
    if !p.versions.is_empty() {
        let shown: Vec<&str> = p.versions.iter().take(20).map(String::as_str).collect();
        let more = p.versions.len().saturating_sub(shown.len());
        ranges_text.push(if more > 0 {
            format!("versions [{}, … {more} more]", shown.join(", "))
        } else {
            format!("versions [{}]", shown.join(", "))
        });
    }
    let undecidable = (ranges.is_empty() && p.versions.is_empty() && git > 0)
        .then(|| "the record gives only GIT commit ranges".to_owned());
    let affected = OsvAffected {
        ranges,
        versions: p.versions.clone(),
    };
    let fixed = affected
        .fixed_versions()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let shown = format!(
        "{} {}: {}",
        key.ecosystem,
        key.name,
        ranges_text.join(" ; ")
    );
    PreparedPackage {
        shown,
        key,
        affected,
        listed: OnceLock::new(),
        scheme: eco,
        undecidable,
        ranges_text,
        fixed,
    }
}

fn raw_events(events: &[RangeEvent]) -> String {
    events
        .iter()
        .map(|e| match e {
            RangeEvent::Introduced(s) => format!("introduced {s}"),
            RangeEvent::Fixed(s) => format!("fixed {s}"),
            RangeEvent::LastAffected(s) => format!("last_affected {s}"),
            RangeEvent::Limit(s) => format!("limit {s}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn attr_text(a: &AttrValue) -> Cow<'_, str> {
    // ANY and NA without making a string: nearly every NVD criteria has
    // version ANY, and every one is prepared.
    match a {
        AttrValue::Any => "*".into(),
        AttrValue::Na => "-".into(),
        AttrValue::Value(v) => v.unquoted().into(),
    }
}

/// One cpeMatch, ready to answer, with the texts evidence shows.
fn prepare_cpe_match(m: &CpeMatch) -> PreparedCpeMatch {
    let mut p = bare_cpe_match(m);
    let bounds = [
        (">=", &m.version_start_including),
        (">", &m.version_start_excluding),
        ("<=", &m.version_end_including),
        ("<", &m.version_end_excluding),
    ];
    // Written into one string: an NVD-sized scan prepares hundreds of thousands of
    // criteria, and a string per bound, joined, was four allocations for one text.
    p.range_text = if bounds.iter().all(|(_, b)| b.is_none()) {
        match &p.cpe {
            Ok(c) if !p.wild_version => match attr_text(c.version()).as_ref() {
                "*" => m.criteria.clone(),
                v => format!("{} (version {v})", m.criteria),
            },
            _ => m.criteria.clone(),
        }
    } else {
        let mut text = String::with_capacity(m.criteria.len() + 48);
        text.push_str(&m.criteria);
        text.push_str(" vers:generic/");
        let mut first = true;
        for (op, b) in bounds {
            if let Some(b) = b {
                if !first {
                    text.push('|');
                }
                first = false;
                text.push_str(op);
                text.push_str(b);
            }
        }
        text
    };
    p.raw = m.criteria.clone();
    p.fixed = m.version_end_excluding.clone();
    p
}

/// What deciding a cpeMatch needs (the CPE, the bounds), without the texts
/// evidence shows: the configuration evaluation and the
/// [`crate::CpePrefilter`] both decide by this, and the prefilter asks it of
/// every stored criteria under a component's key.
fn bare_cpe_match(m: &CpeMatch) -> PreparedCpeMatch {
    let mut prepared = bare_criteria(&m.criteria, m.vulnerable);
    prepared.set_bounds(&[
        m.version_start_including.as_deref(),
        m.version_start_excluding.as_deref(),
        m.version_end_including.as_deref(),
        m.version_end_excluding.as_deref(),
    ]);
    prepared
}

/// A criteria with no version bounds yet (see [`PreparedCpeMatch::set_bounds`]).
pub(crate) fn bare_criteria(criteria: &str, vulnerable: bool) -> PreparedCpeMatch {
    let cpe = Cpe::parse(criteria.trim()).map_err(|e| e.to_string());
    let wild_version =
        matches!(&cpe, Ok(c) if matches!(c.version(), AttrValue::Value(v) if v.has_wildcards()));
    PreparedCpeMatch {
        raw: String::new(),
        cpe,
        vulnerable,
        bounds: NvdBounds::new(Scheme::Generic, None, None, None, None, None),
        wild_version,
        has_bounds: false,
        range_text: String::new(),
        fixed: None,
    }
}

impl PreparedCpeMatch {
    /// Sets the version bounds: start including, start excluding, end
    /// including, end excluding, as NVD names them.
    pub(crate) fn set_bounds(&mut self, bounds: &[Option<&str>; 4]) {
        let cpe_version = match &self.cpe {
            Ok(c) if !self.wild_version => Some(attr_text(c.version())),
            _ => None,
        };
        self.bounds = NvdBounds::new(
            Scheme::Generic,
            cpe_version.as_deref(),
            bounds[0],
            bounds[1],
            bounds[2],
            bounds[3],
        );
        self.has_bounds = bounds.iter().any(Option::is_some);
    }
}

fn prepare_config(c: &CpeConfiguration) -> PreparedConfig {
    let nodes = c
        .nodes
        .iter()
        .map(|n| PreparedNode {
            operator: n.operator,
            negate: n.negate,
            matches: n.matches.iter().map(prepare_cpe_match).collect(),
        })
        .collect();
    PreparedConfig {
        operator: c.operator.unwrap_or(Operator::Or),
        negate: c.negate,
        nodes,
    }
}

/// Whether a CSAF status means "affected" for matching.
pub(crate) fn status_affects(s: ProductStatus) -> Option<bool> {
    match s {
        ProductStatus::KnownAffected
        | ProductStatus::FirstAffected
        | ProductStatus::LastAffected => Some(true),
        ProductStatus::UnderInvestigation => None,
        ProductStatus::Fixed
        | ProductStatus::FirstFixed
        | ProductStatus::KnownNotAffected
        | ProductStatus::Recommended => Some(false),
    }
}

pub(crate) fn status_name(s: ProductStatus) -> &'static str {
    match s {
        ProductStatus::KnownAffected => "known_affected",
        ProductStatus::FirstAffected => "first_affected",
        ProductStatus::LastAffected => "last_affected",
        ProductStatus::Fixed => "fixed",
        ProductStatus::FirstFixed => "first_fixed",
        ProductStatus::KnownNotAffected => "known_not_affected",
        ProductStatus::UnderInvestigation => "under_investigation",
        ProductStatus::Recommended => "recommended",
    }
}
