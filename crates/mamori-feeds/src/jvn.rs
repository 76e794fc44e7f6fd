//! JVN iPedia reader: MyJVN `getVulnOverviewList` (JVNRSS 3.2) and `getVulnDetailInfo` (VULDEF 3.x) XML.
//!
//! JVN iPedia is written in Japanese (an English edition exists); texts keep
//! the language their `xml:lang` gives (inherited from the nearest ancestor,
//! `ja` when nothing says). Each RSS `item` or VULDEF `Vulinfo` becomes one
//! [`JvnEntry`]; a bad one is reported with its line and column and skipped.
//! The MyJVN `status:Status` element (result counts and the error code) is
//! returned as [`MyJvnStatus`] so a downloader can page through results.
//!
//! XML is read with `roxmltree`, which refuses DTDs, so entity expansion
//! attacks cannot happen.

use mamori_model::{
    CvssScore, CvssVersion, CweId, JvnProduct, LocalizedText, MetricKind, Provenance, Reference,
    VulnId, Vulnerability, Weakness,
};
use roxmltree::{Document, Node, ParsingOptions};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::util::{parse_datetime, record_error, sha256};
use crate::{FeedError, Location, Records, SourceKind};

const NS_RSS: &str = "http://purl.org/rss/1.0/";
const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_DCTERMS: &str = "http://purl.org/dc/terms/";
const NS_SEC: &str = "http://jvn.jp/rss/mod_sec/3.0/";
const NS_VULDEF: &str = "http://jvn.jp/vuldef/";
const NS_STATUS: &str = "http://jvndb.jvn.jp/myjvn/Status";
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Who JVN's own scores and CWE assignments are credited to.
pub const JVN_SOURCE: &str = "JVN";

/// Which MyJVN response a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JvnKind {
    /// `getVulnOverviewList` or the JVNDB RSS feeds: RSS 1.0 with `sec:` elements.
    Overview,
    /// `getVulnDetailInfo` or the detail data feed: `VULDEF-Document`.
    Detail,
}

/// A JVN response: its kind, paging status and entries.
#[derive(Clone, Debug, PartialEq)]
pub struct JvnDocument {
    /// Overview (RSS) or detail (VULDEF).
    pub kind: JvnKind,
    /// The root element's `xml:lang`, if any.
    pub lang: Option<String>,
    /// The MyJVN `status:Status` element, when the response has one (the RSS feeds do not).
    pub status: Option<MyJvnStatus>,
    /// The TLP colour of the `sec:handling` marking (`WHITE`…), if any.
    pub tlp: Option<String>,
    /// One result per RSS `item` or VULDEF `Vulinfo`, in document order.
    pub entries: Records<JvnEntry>,
    /// Damage that was worked around without losing entries (MyJVN's data feeds write an
    /// unquoted `retCd= 0` in `status:Status`; that element is then read leniently).
    pub warnings: Vec<FeedError>,
}

/// MyJVN `status:Status`: the API's result code and the paging counters.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MyJvnStatus {
    /// `version` of the status schema.
    pub version: Option<String>,
    /// `method` (`getVulnOverviewList`…).
    pub method: Option<String>,
    /// `lang` the API answered in.
    pub lang: Option<String>,
    /// `retCd`: 0 on success, -1 on error.
    pub ret_cd: Option<i64>,
    /// `retMax`: most entries one response returns.
    pub ret_max: Option<u64>,
    /// `errCd`, empty on success.
    pub err_cd: Option<String>,
    /// `errMsg`, empty on success.
    pub err_msg: Option<String>,
    /// `totalRes`: entries matching the query.
    pub total_res: Option<u64>,
    /// `totalResRet`: entries in this response.
    pub total_res_ret: Option<u64>,
    /// `firstRes`: 1-based position of this response's first entry.
    pub first_res: Option<u64>,
    /// `feed` (`hnd`).
    pub feed: Option<String>,
}

impl MyJvnStatus {
    /// Whether the API reported an error (`retCd` other than 0, or an `errCd`).
    pub fn is_error(&self) -> bool {
        self.ret_cd.is_some_and(|c| c != 0) || self.err_cd.as_deref().is_some_and(|c| !c.is_empty())
    }

    /// The `startItem` of the next page, or `None` when this response reaches `totalRes`.
    pub fn next_start(&self) -> Option<u64> {
        let next = self.first_res?.checked_add(self.total_res_ret?)?;
        (self.total_res_ret? > 0 && next <= self.total_res?).then_some(next)
    }
}

/// One JVN iPedia entry: the vulnerability plus the texts the model has no place for.
#[derive(Clone, Debug, PartialEq)]
pub struct JvnEntry {
    /// Id `JVNDB-YYYY-NNNNNN`, CVE aliases, titles, overview, CVSS, CWE, references, CPE 2.2 products, dates.
    pub vulnerability: Vulnerability,
    /// VULDEF `Impact/ImpactItem/Description` texts.
    pub impact: Vec<LocalizedText>,
    /// VULDEF `Solution/SolutionItem/Description` texts.
    pub solution: Vec<LocalizedText>,
    /// VULDEF `DatePublic`: when the issue became public (not when JVN published it).
    pub date_public: Option<OffsetDateTime>,
    /// VULDEF `History` items in order.
    pub history: Vec<JvnHistory>,
}

/// A VULDEF history item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JvnHistory {
    /// `HistoryNo`.
    pub number: Option<u32>,
    /// `DateTime`.
    pub date: Option<OffsetDateTime>,
    /// `Description`.
    pub description: LocalizedText,
}

/// Reads one MyJVN XML response.
///
/// Errs as a whole when the bytes are not well-formed XML (or carry a DTD) or
/// the root is neither RSS 1.0 (`rdf:RDF`) nor `VULDEF-Document`.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<JvnDocument, FeedError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let malformed = |location: Location, message: String| FeedError::Malformed {
        file: file_name.to_owned(),
        format: "XML",
        location,
        message,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let head = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
        let column =
            e.valid_up_to() - head.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        malformed(
            Location::LineColumn { line, column },
            "not UTF-8".to_owned(),
        )
    })?;
    let options = || ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let parse_error = |e: roxmltree::Error| {
        let pos = e.pos();
        malformed(
            Location::LineColumn {
                line: pos.row as usize,
                column: pos.col as usize,
            },
            e.to_string(),
        )
    };
    let mut warnings = Vec::new();
    let mut lenient_status = None;
    let repaired: String;
    let doc = match Document::parse_with_options(text, options()) {
        Ok(doc) => doc,
        Err(e) => {
            // MyJVN's data feeds write `retCd= 0` (unquoted) in `status:Status`. When that element
            // is what breaks, blank it out (keeping every other position) and read it leniently.
            let row = e.pos().row as usize;
            let Some((start, end)) = status_element(text).filter(|&(s, e)| {
                let line_of = |at: usize| text.get(..at).map_or(0, |h| h.matches('\n').count() + 1);
                (line_of(s)..=line_of(e)).contains(&row)
            }) else {
                return Err(parse_error(e));
            };
            let element = text.get(start..end).unwrap_or_default();
            lenient_status = Some(status_from_attributes(&lenient_attributes(element)));
            warnings.push(parse_error(e));
            repaired = text
                .char_indices()
                .map(|(i, c)| {
                    if (start..end).contains(&i) && c != '\n' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            Document::parse_with_options(&repaired, options()).map_err(parse_error)?
        }
    };
    let root = doc.root_element();
    let kind = match (root.tag_name().namespace(), root.tag_name().name()) {
        (Some(NS_RDF), "RDF") => JvnKind::Overview,
        (Some(NS_VULDEF), "VULDEF-Document") => JvnKind::Detail,
        (ns, name) => {
            return Err(FeedError::WrongKind {
                file: file_name.to_owned(),
                expected: SourceKind::Jvn,
                message: format!(
                    "root element {{{}}}{name} is neither JVNRSS nor VULDEF",
                    ns.unwrap_or("")
                ),
            });
        }
    };
    let ctx = Ctx {
        file: file_name,
        doc: &doc,
        text,
    };
    let mut status = lenient_status;
    let mut entries = Vec::new();
    for child in root.children().filter(Node::is_element) {
        let tag = child.tag_name();
        match (kind, tag.namespace(), tag.name()) {
            (_, Some(NS_STATUS), "Status") => status = Some(read_status(child)),
            (JvnKind::Overview, Some(NS_RSS), "item") => entries.push(ctx.overview_item(child)),
            (JvnKind::Detail, Some(NS_VULDEF), "Vulinfo") => entries.push(ctx.vulinfo(child)),
            _ => {}
        }
    }
    let tlp = root
        .descendants()
        .find(|n| n.tag_name().name() == "Marking_Structure" && n.has_attribute("color"))
        .and_then(|n| n.attribute("color"))
        .map(str::to_owned);
    Ok(JvnDocument {
        kind,
        lang: root.attribute((NS_XML, "lang")).map(str::to_owned),
        status,
        tlp,
        entries,
        warnings,
    })
}

fn read_status(n: Node<'_, '_>) -> MyJvnStatus {
    status_from_attributes(
        &n.attributes()
            .map(|a| (a.name().to_owned(), a.value().to_owned()))
            .collect::<Vec<_>>(),
    )
}

/// Byte range of the first `<status:Status …>…</status:Status>` or `<status:Status …/>`.
fn status_element(text: &str) -> Option<(usize, usize)> {
    let start = text.find("<status:Status")?;
    let rest = text.get(start..)?;
    let end = match rest.find("</status:Status>") {
        Some(close) => close + "</status:Status>".len(),
        None => rest.find("/>")? + 2,
    };
    Some((start, start + end))
}

/// `name="v"`, `name='v'` and `name= v` pairs of a start tag, read without an XML parser.
fn lenient_attributes(element: &str) -> Vec<(String, String)> {
    let head = element.split('>').next().unwrap_or_default();
    let mut out = Vec::new();
    let mut rest = head.trim_start_matches('<');
    // Skip the element name.
    rest = rest.trim_start_matches(|c: char| !c.is_whitespace());
    while let Some(eq) = rest.find('=') {
        let name = rest.get(..eq).unwrap_or_default().trim().to_owned();
        let after = rest.get(eq + 1..).unwrap_or_default().trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = after.get(1..).unwrap_or_default();
                match body.find(q) {
                    Some(close) => (
                        body.get(..close).unwrap_or_default(),
                        body.get(close + 1..).unwrap_or_default(),
                    ),
                    None => (body, ""),
                }
            }
            _ => {
                let stop = after
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(after.len());
                (
                    after.get(..stop).unwrap_or_default(),
                    after.get(stop..).unwrap_or_default(),
                )
            }
        };
        if !name.is_empty() && !name.contains(char::is_whitespace) {
            out.push((name, value.to_owned()));
        }
        rest = next;
    }
    out
}

fn status_from_attributes(attrs: &[(String, String)]) -> MyJvnStatus {
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let s = |k: &str| get(k).map(str::to_owned);
    let num = |k: &str| get(k).and_then(|v| v.trim().parse().ok());
    MyJvnStatus {
        version: s("version"),
        method: s("method"),
        lang: s("lang"),
        ret_cd: get("retCd").and_then(|v| v.trim().parse().ok()),
        ret_max: num("retMax"),
        err_cd: s("errCd"),
        err_msg: s("errMsg"),
        total_res: num("totalRes"),
        total_res_ret: num("totalResRet"),
        first_res: num("firstRes"),
        feed: s("feed"),
    }
}

struct Ctx<'d, 'input> {
    file: &'d str,
    doc: &'d Document<'input>,
    text: &'input str,
}

/// Trimmed text of an element, `None` when empty.
fn text_of<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.text().map(str::trim).filter(|t| !t.is_empty())
}

/// The `xml:lang` in force at a node; JVN iPedia's own language when nothing says.
fn lang_of(n: Node<'_, '_>) -> String {
    n.ancestors()
        .find_map(|a| a.attribute((NS_XML, "lang")))
        .unwrap_or("ja")
        .to_owned()
}

fn is(n: &Node<'_, '_>, ns: &str, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(ns)
}

fn child<'a, 'i>(n: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, ns, name))
}

fn children<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| is(c, ns, name))
}

/// JVN writes `2025-04-11T23:52+09:00` (no seconds) beside full RFC 3339.
fn jvn_datetime(s: &str) -> Option<OffsetDateTime> {
    parse_datetime(s).or_else(|| {
        let short = format_description!(
            "[year]-[month]-[day]T[hour]:[minute][offset_hour sign:mandatory]:[offset_minute]"
        );
        OffsetDateTime::parse(s.trim(), short).ok()
    })
}

fn cvss_version(vector: &str, attr: Option<&str>) -> Option<CvssVersion> {
    CvssVersion::of_vector(vector).or(match attr.map(str::trim) {
        Some("2.0" | "2") => Some(CvssVersion::V2),
        Some("3.0") => Some(CvssVersion::V3_0),
        Some("3.1") => Some(CvssVersion::V3_1),
        Some("4.0") => Some(CvssVersion::V4_0),
        _ => None,
    })
}

fn push_alias(v: &mut Vulnerability, id: &str) {
    if let Ok(a) = VulnId::new(id)
        && a.is_cve()
        && a != v.id
        && !v.aliases.contains(&a)
    {
        v.aliases.push(a);
    }
}

fn push_cwe(v: &mut Vulnerability, id: &str) {
    if let Some(cwe) = CweId::parse(id)
        && !v.cwes.iter().any(|w| w.cwe == cwe)
    {
        v.cwes.push(Weakness {
            cwe,
            source: JVN_SOURCE.to_owned(),
        });
    }
}

/// Sets the record's severity from its newest CVSS version.
fn keep_severity(
    best: &mut Option<(CvssVersion, String)>,
    version: CvssVersion,
    severity: Option<&str>,
) {
    if let Some(s) = severity.map(str::trim).filter(|s| !s.is_empty())
        && best.as_ref().is_none_or(|(v, _)| version > *v)
    {
        *best = Some((version, s.to_owned()));
    }
}

impl Ctx<'_, '_> {
    fn location(&self, n: Node<'_, '_>) -> Location {
        let pos = self.doc.text_pos_at(n.range().start);
        Location::LineColumn {
            line: pos.row as usize,
            column: pos.col as usize,
        }
    }

    fn error(&self, n: Node<'_, '_>, id: Option<&str>, message: String) -> FeedError {
        record_error(self.file, SourceKind::Jvn, id, (self.location(n), message))
    }

    fn new_record(
        &self,
        n: Node<'_, '_>,
        id_node: Option<Node<'_, '_>>,
    ) -> Result<Vulnerability, FeedError> {
        let id_text = id_node.and_then(text_of);
        let id = id_text.and_then(|t| VulnId::new(t).ok()).ok_or_else(|| {
            self.error(id_node.unwrap_or(n), None, "no JVNDB identifier".to_owned())
        })?;
        let raw = self.text.get(n.range()).unwrap_or_default();
        Ok(Vulnerability::new(
            id,
            Provenance {
                source: SourceKind::Jvn,
                file_name: self.file.to_owned(),
                sha256: sha256(raw.as_bytes()),
                imported: None,
            },
        ))
    }

    fn date(&self, n: Option<Node<'_, '_>>, id: &str) -> Result<Option<OffsetDateTime>, FeedError> {
        let Some(n) = n else { return Ok(None) };
        match text_of(n) {
            None => Ok(None),
            Some(t) => jvn_datetime(t)
                .map(Some)
                .ok_or_else(|| self.error(n, Some(id), format!("not a date: {t:?}"))),
        }
    }

    fn overview_item(&self, item: Node<'_, '_>) -> Result<JvnEntry, FeedError> {
        let mut v = self.new_record(item, child(item, NS_SEC, "identifier"))?;
        let id = v.id.as_str().to_owned();
        let mut severity = None;
        for c in item.children().filter(Node::is_element) {
            let tag = c.tag_name();
            match (tag.namespace(), tag.name()) {
                (Some(NS_RSS), "title") => {
                    if let Some(t) = text_of(c) {
                        v.titles.push(LocalizedText::new(lang_of(c), t));
                    }
                }
                (Some(NS_RSS), "description") => {
                    if let Some(t) = text_of(c) {
                        v.descriptions.push(LocalizedText::new(lang_of(c), t));
                    }
                }
                (Some(NS_RSS), "link") => {
                    if let Some(url) = text_of(c) {
                        v.references.push(Reference {
                            url: url.to_owned(),
                            tags: vec!["JVNDB".to_owned()],
                        });
                    }
                }
                (Some(NS_SEC), "references") => {
                    let ref_id = c.attribute("id").map(str::trim).unwrap_or_default();
                    push_alias(&mut v, ref_id);
                    push_cwe(&mut v, ref_id);
                    if let Some(url) = text_of(c) {
                        let tag = c
                            .attribute("source")
                            .or(CweId::parse(ref_id).map(|_| "CWE"))
                            .map(str::to_owned);
                        v.references.push(Reference {
                            url: url.to_owned(),
                            tags: tag.into_iter().collect(),
                        });
                    }
                }
                (Some(NS_SEC), "cpe") => v.jvn_products.push(JvnProduct {
                    vendor: c.attribute("vendor").unwrap_or_default().trim().to_owned(),
                    product: c.attribute("product").unwrap_or_default().trim().to_owned(),
                    cpe: text_of(c).map(str::to_owned),
                    versions: Vec::new(),
                }),
                (Some(NS_SEC), "cvss") => {
                    let vector = c.attribute("vector").map(str::trim).unwrap_or_default();
                    let Some(version) = cvss_version(vector, c.attribute("version")) else {
                        return Err(self.error(
                            c,
                            Some(&id),
                            format!("no CVSS version for vector {vector:?}"),
                        ));
                    };
                    keep_severity(&mut severity, version, c.attribute("severity"));
                    // JVNRSS may give a score and severity without a vector; only vectors are kept as scores.
                    if !vector.is_empty() {
                        let base_score = c.attribute("score").and_then(|s| s.trim().parse().ok());
                        v.cvss.push(CvssScore {
                            version,
                            vector: vector.to_owned(),
                            base_score,
                            source: JVN_SOURCE.to_owned(),
                            kind: MetricKind::Primary,
                        });
                    }
                }
                _ => {}
            }
        }
        let issued = self.date(child(item, NS_DCTERMS, "issued"), &id)?;
        let modified = self.date(child(item, NS_DCTERMS, "modified"), &id)?;
        let dc_date = self.date(child(item, NS_DC, "date"), &id)?;
        v.published = issued.or(dc_date);
        v.modified = modified.or(dc_date);
        v.severity = severity.map(|(_, s)| s);
        Ok(JvnEntry {
            vulnerability: v,
            impact: Vec::new(),
            solution: Vec::new(),
            date_public: None,
            history: Vec::new(),
        })
    }

    fn vulinfo(&self, info: Node<'_, '_>) -> Result<JvnEntry, FeedError> {
        let mut v = self.new_record(info, child(info, NS_VULDEF, "VulinfoID"))?;
        let id = v.id.as_str().to_owned();
        let mut entry_impact = Vec::new();
        let mut solution = Vec::new();
        let mut history = Vec::new();
        let mut severity = None;
        let Some(data) = child(info, NS_VULDEF, "VulinfoData") else {
            return Err(self.error(info, Some(&id), "no VulinfoData".to_owned()));
        };
        let texts = |parent: Option<Node<'_, '_>>, item: &str, out: &mut Vec<LocalizedText>| {
            for it in parent
                .into_iter()
                .flat_map(|p| children(p, NS_VULDEF, item).collect::<Vec<_>>())
            {
                for d in children(it, NS_VULDEF, "Description") {
                    if let Some(t) = text_of(d) {
                        out.push(LocalizedText::new(lang_of(d), t));
                    }
                }
            }
        };
        if let Some(t) = child(data, NS_VULDEF, "Title")
            && let Some(s) = text_of(t)
        {
            v.titles.push(LocalizedText::new(lang_of(t), s));
        }
        if let Some(desc) = child(data, NS_VULDEF, "VulinfoDescription") {
            for o in children(desc, NS_VULDEF, "Overview") {
                if let Some(s) = text_of(o) {
                    v.descriptions.push(LocalizedText::new(lang_of(o), s));
                }
            }
        }
        for item in child(data, NS_VULDEF, "Affected")
            .into_iter()
            .flat_map(|a| children(a, NS_VULDEF, "AffectedItem").collect::<Vec<_>>())
        {
            let t = |name: &str| child(item, NS_VULDEF, name).and_then(text_of);
            v.jvn_products.push(JvnProduct {
                vendor: t("Name").unwrap_or_default().to_owned(),
                product: t("ProductName").unwrap_or_default().to_owned(),
                cpe: t("Cpe").map(str::to_owned),
                versions: children(item, NS_VULDEF, "VersionNumber")
                    .filter_map(text_of)
                    .map(str::to_owned)
                    .collect(),
            });
        }
        let impact = child(data, NS_VULDEF, "Impact");
        for c in impact
            .into_iter()
            .flat_map(|i| children(i, NS_VULDEF, "Cvss").collect::<Vec<_>>())
        {
            let t = |name: &str| child(c, NS_VULDEF, name).and_then(text_of);
            let vector = t("Vector").unwrap_or_default();
            let Some(version) = cvss_version(vector, c.attribute("version")) else {
                return Err(self.error(
                    c,
                    Some(&id),
                    format!("no CVSS version for vector {vector:?}"),
                ));
            };
            keep_severity(&mut severity, version, t("Severity"));
            if !vector.is_empty() {
                v.cvss.push(CvssScore {
                    version,
                    vector: vector.to_owned(),
                    base_score: t("Base").and_then(|s| s.parse().ok()),
                    source: JVN_SOURCE.to_owned(),
                    kind: MetricKind::Primary,
                });
            }
        }
        texts(impact, "ImpactItem", &mut entry_impact);
        texts(
            child(data, NS_VULDEF, "Solution"),
            "SolutionItem",
            &mut solution,
        );
        for r in child(data, NS_VULDEF, "Related")
            .into_iter()
            .flat_map(|r| children(r, NS_VULDEF, "RelatedItem").collect::<Vec<_>>())
        {
            let kind = r.attribute("type").unwrap_or_default();
            let rid = child(r, NS_VULDEF, "VulinfoID")
                .and_then(text_of)
                .unwrap_or_default();
            match kind {
                "cwe" => push_cwe(&mut v, rid),
                _ => push_alias(&mut v, rid),
            }
            if let Some(url) = child(r, NS_VULDEF, "URL").and_then(text_of) {
                v.references.push(Reference {
                    url: url.to_owned(),
                    tags: (!kind.is_empty())
                        .then(|| kind.to_owned())
                        .into_iter()
                        .collect(),
                });
            }
        }
        for h in child(data, NS_VULDEF, "History")
            .into_iter()
            .flat_map(|h| children(h, NS_VULDEF, "HistoryItem").collect::<Vec<_>>())
        {
            let d = child(h, NS_VULDEF, "Description");
            history.push(JvnHistory {
                number: child(h, NS_VULDEF, "HistoryNo")
                    .and_then(text_of)
                    .and_then(|s| s.parse().ok()),
                date: self.date(child(h, NS_VULDEF, "DateTime"), &id)?,
                description: LocalizedText::new(
                    d.map_or_else(|| lang_of(h), lang_of),
                    d.and_then(text_of).unwrap_or_default(),
                ),
            });
        }
        v.published = self.date(child(data, NS_VULDEF, "DateFirstPublished"), &id)?;
        v.modified = self.date(child(data, NS_VULDEF, "DateLastUpdated"), &id)?;
        let date_public = self.date(child(data, NS_VULDEF, "DatePublic"), &id)?;
        v.severity = severity.map(|(_, s)| s);
        Ok(JvnEntry {
            vulnerability: v,
            impact: entry_impact,
            solution,
            date_public,
            history,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_dates_and_paging() {
        assert_eq!(
            jvn_datetime("2025-04-11T23:52+09:00").map(|t| t.unix_timestamp()),
            Some(1744383120)
        );
        let s = MyJvnStatus {
            total_res: Some(6),
            total_res_ret: Some(2),
            first_res: Some(1),
            ..MyJvnStatus::default()
        };
        assert_eq!(s.next_start(), Some(3));
        let last = MyJvnStatus {
            first_res: Some(5),
            ..s.clone()
        };
        assert_eq!(last.next_start(), None);
    }
}
