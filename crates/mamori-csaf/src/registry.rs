//! The table of tests: id, title, group and the function that runs it, in specification order.

use crate::ctx::Ctx;
use crate::{TestId, informative as i, mandatory as m, optional as o};

/// Failures of one test: (JSON pointer, message).
pub(crate) type Out = Vec<(String, String)>;

/// How the specification says a failure must be treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestGroup {
    /// Section 6.1: a failure is an error.
    Mandatory,
    /// Section 6.2: a failure is a warning.
    Optional,
    /// Section 6.3: a failure is information.
    Informative,
}

/// A test as the CLI lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestInfo {
    /// The section number.
    pub id: TestId,
    /// The section title.
    pub title: &'static str,
    /// Mandatory, optional or informative.
    pub group: TestGroup,
}

pub(crate) struct Test {
    pub(crate) info: TestInfo,
    pub(crate) run: fn(&Ctx<'_>, &mut Out),
}

const fn t(id: &'static str, title: &'static str, run: fn(&Ctx<'_>, &mut Out)) -> Test {
    let group = match id.as_bytes()[2] {
        b'1' => TestGroup::Mandatory,
        b'2' => TestGroup::Optional,
        _ => TestGroup::Informative,
    };
    Test {
        info: TestInfo {
            id: TestId(id),
            title,
            group,
        },
        run,
    }
}

/// Every implemented test (JSON schema conformance, test id `schema`, always runs first).
pub fn tests() -> impl ExactSizeIterator<Item = &'static TestInfo> {
    TABLE.iter().map(|t| &t.info)
}

pub(crate) static TABLE: &[Test] = &[
    t(
        "6.1.1",
        "missing definition of product id",
        m::products::t_6_1_1,
    ),
    t(
        "6.1.2",
        "multiple definition of product id",
        m::products::t_6_1_2,
    ),
    t(
        "6.1.3",
        "circular definition of product id",
        m::products::t_6_1_3,
    ),
    t(
        "6.1.4",
        "missing definition of product group id",
        m::products::t_6_1_4,
    ),
    t(
        "6.1.5",
        "multiple definition of product group id",
        m::products::t_6_1_5,
    ),
    t("6.1.6", "contradicting product status", m::status::t_6_1_6),
    t(
        "6.1.7",
        "multiple scores with same version per product",
        m::status::t_6_1_7,
    ),
    t("6.1.8", "invalid cvss", m::scores::t_6_1_8),
    t("6.1.9", "invalid cvss computation", m::scores::t_6_1_9),
    t("6.1.10", "inconsistent cvss", m::scores::t_6_1_10),
    t("6.1.11", "cwe", m::identifiers::t_6_1_11),
    t("6.1.12", "language", m::identifiers::t_6_1_12),
    t("6.1.13", "purl", m::identifiers::t_6_1_13),
    t("6.1.14", "sorted revision history", m::revision::t_6_1_14),
    t("6.1.15", "translator", m::profiles::t_6_1_15),
    t("6.1.16", "latest document version", m::revision::t_6_1_16),
    t("6.1.17", "document status draft", m::revision::t_6_1_17),
    t("6.1.18", "released revision history", m::revision::t_6_1_18),
    t(
        "6.1.19",
        "revision history entries for pre-release versions",
        m::revision::t_6_1_19,
    ),
    t(
        "6.1.20",
        "non-draft document version",
        m::revision::t_6_1_20,
    ),
    t(
        "6.1.21",
        "missing item in revision history",
        m::revision::t_6_1_21,
    ),
    t(
        "6.1.22",
        "multiple definition in revision history",
        m::revision::t_6_1_22,
    ),
    t(
        "6.1.23",
        "multiple use of same cve",
        m::identifiers::t_6_1_23,
    ),
    t(
        "6.1.24",
        "multiple definition in involvements",
        m::identifiers::t_6_1_24,
    ),
    t(
        "6.1.25",
        "multiple use of same hash algorithm",
        m::products::t_6_1_25,
    ),
    t(
        "6.1.26",
        "prohibited document category name",
        m::profiles::t_6_1_26,
    ),
    t("6.1.27.1", "document notes", m::profiles::t_6_1_27_1),
    t("6.1.27.2", "document references", m::profiles::t_6_1_27_2),
    t(
        "6.1.27.3",
        "vulnerabilities (informational advisory)",
        m::profiles::t_6_1_27_3,
    ),
    t("6.1.27.4", "product tree", m::profiles::t_6_1_27_4),
    t("6.1.27.5", "vulnerability notes", m::profiles::t_6_1_27_5),
    t("6.1.27.6", "product status", m::profiles::t_6_1_27_6),
    t("6.1.27.7", "vex product status", m::profiles::t_6_1_27_7),
    t("6.1.27.8", "vulnerability id", m::profiles::t_6_1_27_8),
    t("6.1.27.9", "impact statement", m::profiles::t_6_1_27_9),
    t("6.1.27.10", "action statement", m::profiles::t_6_1_27_10),
    t(
        "6.1.27.11",
        "vulnerabilities (security advisory, vex)",
        m::profiles::t_6_1_27_11,
    ),
    t("6.1.28", "translation", m::profiles::t_6_1_28),
    t(
        "6.1.29",
        "remediation without product reference",
        m::status::t_6_1_29,
    ),
    t(
        "6.1.30",
        "mixed integer and semantic versioning",
        m::revision::t_6_1_30,
    ),
    t(
        "6.1.31",
        "version range in product version",
        m::products::t_6_1_31,
    ),
    t(
        "6.1.32",
        "flag without product reference",
        m::status::t_6_1_32,
    ),
    t(
        "6.1.33",
        "multiple flags with vex justification codes per product",
        m::status::t_6_1_33,
    ),
    t("6.2.1", "unused definition of product id", o::t_6_2_1),
    t("6.2.2", "missing remediation", o::t_6_2_2),
    t("6.2.3", "missing score", o::t_6_2_3),
    t("6.2.4", "build metadata in revision history", o::t_6_2_4),
    t(
        "6.2.5",
        "older initial release date than revision history",
        o::t_6_2_5,
    ),
    t(
        "6.2.6",
        "older current release date than revision history",
        o::t_6_2_6,
    ),
    t("6.2.7", "missing date in involvements", o::t_6_2_7),
    t("6.2.8", "use of md5 as the only hash algorithm", o::t_6_2_8),
    t(
        "6.2.9",
        "use of sha-1 as the only hash algorithm",
        o::t_6_2_9,
    ),
    t("6.2.10", "missing tlp label", o::t_6_2_10),
    t("6.2.11", "missing canonical url", o::t_6_2_11),
    t("6.2.12", "missing document language", o::t_6_2_12),
    t("6.2.13", "sorting", o::t_6_2_13),
    t("6.2.14", "use of private language", o::t_6_2_14),
    t("6.2.15", "use of default language", o::t_6_2_15),
    t(
        "6.2.16",
        "missing product identification helper",
        o::t_6_2_16,
    ),
    t("6.2.17", "cve in field ids", o::t_6_2_17),
    t("6.2.18", "product version range without vers", o::t_6_2_18),
    t("6.2.19", "cvss for fixed products", o::t_6_2_19),
    t("6.2.20", "additional properties", o::t_6_2_20),
    t(
        "6.3.1",
        "use of cvss v2 as the only scoring system",
        i::t_6_3_1,
    ),
    t("6.3.2", "use of cvss v3.0", i::t_6_3_2),
    t("6.3.3", "missing cve", i::t_6_3_3),
    t("6.3.4", "missing cwe", i::t_6_3_4),
    t("6.3.5", "use of short hash", i::t_6_3_5),
    t("6.3.9", "branch categories", i::t_6_3_9),
    t("6.3.10", "usage of product version range", i::t_6_3_10),
    t("6.3.11", "usage of v as version indicator", i::t_6_3_11),
];
