//! The closed value sets of CycloneDX 1.0–1.6 (component types, hash algorithms, scopes…), per spec version.
//!
//! Shared by the JSON and XML readers so both refuse exactly the same values.
//! Each value carries the first spec version that allows it; nothing was ever
//! removed between 1.0 and 1.6, so "since" is enough. Values are the facts of
//! the CycloneDX specification, written here once.

use std::fmt;

/// A CycloneDX specification version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpecVersion {
    /// 1.0 (XML only).
    V1_0,
    /// 1.1 (XML only).
    V1_1,
    /// 1.2, the first with JSON.
    V1_2,
    /// 1.3.
    V1_3,
    /// 1.4.
    V1_4,
    /// 1.5.
    V1_5,
    /// 1.6.
    V1_6,
}

impl SpecVersion {
    /// Every version, oldest first.
    pub const ALL: [SpecVersion; 7] = [
        SpecVersion::V1_0,
        SpecVersion::V1_1,
        SpecVersion::V1_2,
        SpecVersion::V1_3,
        SpecVersion::V1_4,
        SpecVersion::V1_5,
        SpecVersion::V1_6,
    ];
    /// The version as written in `specVersion` (`"1.6"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SpecVersion::V1_0 => "1.0",
            SpecVersion::V1_1 => "1.1",
            SpecVersion::V1_2 => "1.2",
            SpecVersion::V1_3 => "1.3",
            SpecVersion::V1_4 => "1.4",
            SpecVersion::V1_5 => "1.5",
            SpecVersion::V1_6 => "1.6",
        }
    }
    /// Parses `"1.0"` … `"1.6"`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
    /// The XML namespace of this version (`http://cyclonedx.org/schema/bom/1.6`).
    pub fn xml_namespace(self) -> &'static str {
        match self {
            SpecVersion::V1_0 => "http://cyclonedx.org/schema/bom/1.0",
            SpecVersion::V1_1 => "http://cyclonedx.org/schema/bom/1.1",
            SpecVersion::V1_2 => "http://cyclonedx.org/schema/bom/1.2",
            SpecVersion::V1_3 => "http://cyclonedx.org/schema/bom/1.3",
            SpecVersion::V1_4 => "http://cyclonedx.org/schema/bom/1.4",
            SpecVersion::V1_5 => "http://cyclonedx.org/schema/bom/1.5",
            SpecVersion::V1_6 => "http://cyclonedx.org/schema/bom/1.6",
        }
    }
    /// The version whose XML namespace this is.
    pub fn from_xml_namespace(ns: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.xml_namespace() == ns)
    }
}

impl fmt::Display for SpecVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

use SpecVersion::{V1_0, V1_1, V1_2, V1_3, V1_4, V1_5, V1_6};

/// A closed set of values, each allowed from some spec version on.
#[derive(Debug)]
pub struct Vocab {
    /// What the set is, for messages (`component type`).
    pub name: &'static str,
    /// The first version that has this set at all.
    pub since: SpecVersion,
    /// Each value with the first version that allows it.
    pub values: &'static [(&'static str, SpecVersion)],
}

impl Vocab {
    /// Whether `value` is allowed in documents of `version` (exact, case-sensitive).
    pub fn allows(&self, value: &str, version: SpecVersion) -> bool {
        version >= self.since
            && self
                .values
                .iter()
                .any(|(v, since)| *v == value && version >= *since)
    }
    /// Whether `value` is in the set in any version.
    pub fn knows(&self, value: &str) -> bool {
        self.values.iter().any(|(v, _)| *v == value)
    }
    /// The values allowed in `version`, in specification order.
    pub fn values_in(&self, version: SpecVersion) -> impl Iterator<Item = &'static str> + '_ {
        self.values
            .iter()
            .filter(move |(_, since)| version >= *since && version >= self.since)
            .map(|(v, _)| *v)
    }
    /// A message for a value outside the set: names the set, the version and, when
    /// the value is only known in a later version, which one.
    pub fn refusal(&self, value: &str, version: SpecVersion) -> String {
        match self.values.iter().find(|(v, _)| *v == value) {
            Some((_, since)) => format!(
                "{} {value:?} is not allowed in CycloneDX {version} (only from {since})",
                self.name
            ),
            None => format!("{value:?} is not a CycloneDX {version} {}", self.name),
        }
    }
}

macro_rules! vocab {
    ($(#[$doc:meta])* $id:ident, $name:literal, $since:expr, [$($v:literal $(@ $s:expr)?),* $(,)?]) => {
        $(#[$doc])*
        pub static $id: Vocab = Vocab {
            name: $name,
            since: $since,
            values: &[$(($v, vocab!(@since $since $(, $s)?))),*],
        };
    };
    (@since $base:expr) => { $base };
    (@since $base:expr, $s:expr) => { $s };
}

vocab!(
    /// `component.type`.
    COMPONENT_TYPES, "component type", V1_0,
    ["application", "framework", "library", "container" @ V1_2, "platform" @ V1_5,
     "operating-system", "device", "device-driver" @ V1_5, "firmware" @ V1_2, "file" @ V1_1,
     "machine-learning-model" @ V1_5, "data" @ V1_5, "cryptographic-asset" @ V1_6]
);
vocab!(
    /// `component.scope`.
    SCOPES, "scope", V1_0, ["required", "optional", "excluded" @ V1_1]
);
vocab!(
    /// `hash.alg`; see [`hash_digest_lengths`].
    HASH_ALGORITHMS, "hash algorithm", V1_0,
    ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384" @ V1_2, "SHA3-512",
     "BLAKE2b-256" @ V1_2, "BLAKE2b-384" @ V1_2, "BLAKE2b-512" @ V1_2, "BLAKE3" @ V1_2]
);
vocab!(
    /// `attachment.encoding`.
    ATTACHMENT_ENCODINGS, "attachment encoding", V1_1, ["base64"]
);
vocab!(
    /// `patch.type`.
    PATCH_TYPES, "patch type", V1_2, ["unofficial", "monkey", "backport", "cherry-pick"]
);
vocab!(
    /// `issue.type`.
    ISSUE_TYPES, "issue type", V1_2, ["defect", "enhancement", "security"]
);
vocab!(
    /// `externalReference.type`.
    EXTERNAL_REFERENCE_TYPES, "external reference type", V1_1,
    ["vcs", "issue-tracker", "website", "advisories", "bom", "mailing-list", "social", "chat",
     "documentation", "support", "source-distribution" @ V1_6, "distribution",
     "distribution-intake" @ V1_5, "license", "build-meta", "build-system",
     "release-notes" @ V1_4, "security-contact" @ V1_5, "model-card" @ V1_5, "log" @ V1_5,
     "configuration" @ V1_5, "evidence" @ V1_5, "formulation" @ V1_5, "attestation" @ V1_5,
     "threat-model" @ V1_5, "adversary-model" @ V1_5, "risk-assessment" @ V1_5,
     "vulnerability-assertion" @ V1_5, "exploitability-statement" @ V1_5,
     "pentest-report" @ V1_5, "static-analysis-report" @ V1_5,
     "dynamic-analysis-report" @ V1_5, "runtime-analysis-report" @ V1_5,
     "component-analysis-report" @ V1_5, "maturity-report" @ V1_5,
     "certification-report" @ V1_5, "codified-infrastructure" @ V1_5,
     "quality-metrics" @ V1_5, "poam" @ V1_5, "electronic-signature" @ V1_6,
     "digital-signature" @ V1_6, "rfc-9116" @ V1_6, "other"]
);
vocab!(
    /// Service data flow direction (`dataFlow` in 1.2–1.4, `dataFlowDirection` from 1.5).
    DATA_FLOWS, "data flow direction", V1_2, ["inbound", "outbound", "bi-directional", "unknown"]
);
vocab!(
    /// `composition.aggregate`.
    AGGREGATES, "composition aggregate", V1_3,
    ["complete", "incomplete", "incomplete_first_party_only",
     "incomplete_first_party_proprietary_only" @ V1_5,
     "incomplete_first_party_opensource_only" @ V1_5, "incomplete_third_party_only",
     "incomplete_third_party_proprietary_only" @ V1_5,
     "incomplete_third_party_opensource_only" @ V1_5, "unknown", "not_specified"]
);
vocab!(
    /// Vulnerability rating severity.
    SEVERITIES, "severity", V1_4, ["critical", "high", "medium", "low", "info", "none", "unknown"]
);
vocab!(
    /// Vulnerability rating method.
    SCORE_METHODS, "score method", V1_4,
    ["CVSSv2", "CVSSv3", "CVSSv31", "CVSSv4" @ V1_5, "OWASP", "SSVC" @ V1_5, "other"]
);
vocab!(
    /// Vulnerability analysis state.
    IMPACT_ANALYSIS_STATES, "impact analysis state", V1_4,
    ["resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"]
);
vocab!(
    /// Vulnerability analysis justification.
    IMPACT_ANALYSIS_JUSTIFICATIONS, "impact analysis justification", V1_4,
    ["code_not_present", "code_not_reachable", "requires_configuration", "requires_dependency",
     "requires_environment", "protected_by_compiler", "protected_at_runtime",
     "protected_at_perimeter", "protected_by_mitigating_control"]
);
vocab!(
    /// Vulnerability analysis response.
    ANALYSIS_RESPONSES, "analysis response", V1_4,
    ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"]
);
vocab!(
    /// Status of an affected version.
    AFFECTED_STATUSES, "affected status", V1_4, ["affected", "unaffected", "unknown"]
);
vocab!(
    /// `metadata.lifecycles[].phase`.
    LIFECYCLE_PHASES, "lifecycle phase", V1_5,
    ["design", "pre-build", "build", "post-build", "operations", "discovery", "decommission"]
);
vocab!(
    /// `license.licensing.licenseTypes`.
    LICENSE_TYPES, "license type", V1_5,
    ["academic", "appliance", "client-access", "concurrent-user", "core-points", "custom-metric",
     "device", "evaluation", "named-user", "node-locked", "oem", "perpetual", "processor-points",
     "subscription", "user", "other"]
);
vocab!(
    /// `license.acknowledgement`.
    LICENSE_ACKNOWLEDGEMENTS, "license acknowledgement", V1_6, ["declared", "concluded"]
);
vocab!(
    /// Evidence identity `field`.
    IDENTITY_FIELDS, "identity field", V1_5,
    ["group", "name", "version", "purl", "cpe", "omniborId" @ V1_6, "swhid" @ V1_6, "swid", "hash"]
);
vocab!(
    /// Evidence identity method `technique`.
    IDENTITY_TECHNIQUES, "identity technique", V1_5,
    ["source-code-analysis", "binary-analysis", "manifest-analysis", "ast-fingerprint",
     "hash-comparison", "instrumentation", "dynamic-analysis", "filename", "attestation", "other"]
);
vocab!(
    /// Model card `approach.type`.
    ML_APPROACHES, "machine-learning approach", V1_5,
    ["supervised", "unsupervised", "reinforcement-learning", "semi-supervised", "self-supervised"]
);
vocab!(
    /// Component `data[].type`.
    COMPONENT_DATA_TYPES, "component data type", V1_5,
    ["source-code", "configuration", "dataset", "definition", "other"]
);
vocab!(
    /// Formulation workspace `accessMode`.
    WORKSPACE_ACCESS_MODES, "workspace access mode", V1_5,
    ["read-only", "read-write", "read-write-once", "write-once", "write-only"]
);
vocab!(
    /// Formulation volume `mode`.
    VOLUME_MODES, "volume mode", V1_5, ["filesystem", "block"]
);
vocab!(
    /// Formulation trigger `type`.
    TRIGGER_TYPES, "trigger type", V1_5, ["manual", "api", "webhook", "scheduled"]
);
vocab!(
    /// Formulation output `type`.
    OUTPUT_TYPES, "output type", V1_5, ["artifact", "attestation", "log", "evidence", "metrics", "other"]
);
vocab!(
    /// Formulation task types.
    TASK_TYPES, "task type", V1_5,
    ["copy", "clone", "lint", "scan", "merge", "build", "test", "deliver", "deploy", "release", "clean", "other"]
);
vocab!(
    /// Model card energy consumption `activity`.
    ENERGY_ACTIVITIES, "energy activity", V1_6,
    ["design", "data-collection", "data-preparation", "training", "fine-tuning", "validation",
     "deployment", "inference", "other"]
);
vocab!(
    /// Energy measure unit.
    ENERGY_UNITS, "energy unit", V1_6, ["kWh"]
);
vocab!(
    /// CO2 measure unit.
    CO2_UNITS, "co2 unit", V1_6, ["tCO2eq"]
);
vocab!(
    /// Energy provider `energySource`.
    ENERGY_SOURCES, "energy source", V1_6,
    ["coal", "oil", "natural-gas", "nuclear", "wind", "solar", "geothermal", "hydropower",
     "biofuel", "unknown", "other"]
);
vocab!(
    /// `cryptoProperties.assetType`.
    CRYPTO_ASSET_TYPES, "crypto asset type", V1_6,
    ["algorithm", "certificate", "protocol", "related-crypto-material"]
);
vocab!(
    /// Algorithm `primitive`.
    CRYPTO_PRIMITIVES, "crypto primitive", V1_6,
    ["drbg", "mac", "block-cipher", "stream-cipher", "signature", "hash", "pke", "xof", "kdf",
     "key-agree", "kem", "ae", "combiner", "other", "unknown"]
);
vocab!(
    /// Algorithm `executionEnvironment`.
    CRYPTO_EXECUTION_ENVIRONMENTS, "crypto execution environment", V1_6,
    ["software-plain-ram", "software-encrypted-ram", "software-tee", "hardware", "other", "unknown"]
);
vocab!(
    /// Algorithm `implementationPlatform`.
    CRYPTO_IMPLEMENTATION_PLATFORMS, "crypto implementation platform", V1_6,
    ["generic", "x86_32", "x86_64", "armv7-a", "armv7-m", "armv8-a", "armv8-m", "armv9-a",
     "armv9-m", "s390x", "ppc64", "ppc64le", "other", "unknown"]
);
vocab!(
    /// Algorithm `certificationLevel`.
    CRYPTO_CERTIFICATION_LEVELS, "crypto certification level", V1_6,
    ["none", "fips140-1-l1", "fips140-1-l2", "fips140-1-l3", "fips140-1-l4", "fips140-2-l1",
     "fips140-2-l2", "fips140-2-l3", "fips140-2-l4", "fips140-3-l1", "fips140-3-l2",
     "fips140-3-l3", "fips140-3-l4", "cc-eal1", "cc-eal1+", "cc-eal2", "cc-eal2+", "cc-eal3",
     "cc-eal3+", "cc-eal4", "cc-eal4+", "cc-eal5", "cc-eal5+", "cc-eal6", "cc-eal6+", "cc-eal7",
     "cc-eal7+", "other", "unknown"]
);
vocab!(
    /// Algorithm `mode`.
    CRYPTO_MODES, "crypto mode", V1_6,
    ["cbc", "ecb", "ccm", "gcm", "cfb", "ofb", "ctr", "other", "unknown"]
);
vocab!(
    /// Algorithm `padding`.
    CRYPTO_PADDINGS, "crypto padding", V1_6,
    ["pkcs5", "pkcs7", "pkcs1v15", "oaep", "raw", "other", "unknown"]
);
vocab!(
    /// Algorithm `cryptoFunctions`.
    CRYPTO_FUNCTIONS, "crypto function", V1_6,
    ["generate", "keygen", "encrypt", "decrypt", "digest", "tag", "keyderive", "sign", "verify",
     "encapsulate", "decapsulate", "other", "unknown"]
);
vocab!(
    /// Related crypto material `type`.
    CRYPTO_MATERIAL_TYPES, "crypto material type", V1_6,
    ["private-key", "public-key", "secret-key", "key", "ciphertext", "signature", "digest",
     "initialization-vector", "nonce", "seed", "salt", "shared-secret", "tag", "additional-data",
     "password", "credential", "token", "other", "unknown"]
);
vocab!(
    /// Related crypto material `state`.
    CRYPTO_MATERIAL_STATES, "crypto material state", V1_6,
    ["pre-activation", "active", "suspended", "deactivated", "compromised", "destroyed"]
);
vocab!(
    /// Protocol `type`.
    CRYPTO_PROTOCOL_TYPES, "crypto protocol type", V1_6,
    ["tls", "ssh", "ipsec", "ike", "sstp", "wpa", "other", "unknown"]
);

/// Hex digits a digest of `alg` has. The schemas accept any of 32/40/64/96/128
/// hex digits for any algorithm; the algorithm fixes which one is right.
/// BLAKE3 has a variable output length, so every length the schema knows is allowed.
pub fn hash_digest_lengths(alg: &str) -> Option<&'static [usize]> {
    Some(match alg {
        "MD5" => &[32],
        "SHA-1" => &[40],
        "SHA-256" | "SHA3-256" | "BLAKE2b-256" => &[64],
        "SHA-384" | "SHA3-384" | "BLAKE2b-384" => &[96],
        "SHA-512" | "SHA3-512" | "BLAKE2b-512" => &[128],
        "BLAKE3" => &[32, 40, 64, 96, 128],
        _ => return None,
    })
}

/// Whether `content` is a well-formed digest for `alg`: hex digits only, of a length
/// that algorithm produces. Unknown algorithms get the schema's generic rule.
pub fn is_valid_digest(alg: &str, content: &str) -> bool {
    let lens = hash_digest_lengths(alg).unwrap_or(&[32, 40, 64, 96, 128]);
    content.bytes().all(|b| b.is_ascii_hexdigit()) && lens.contains(&content.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_follow_versions() {
        let cases: [(&Vocab, &str, SpecVersion, bool); 9] = [
            (&COMPONENT_TYPES, "library", V1_2, true),
            (&COMPONENT_TYPES, "platform", V1_4, false),
            (&COMPONENT_TYPES, "platform", V1_5, true),
            (&COMPONENT_TYPES, "cryptographic-asset", V1_5, false),
            (&COMPONENT_TYPES, "Library", V1_6, false),
            (&EXTERNAL_REFERENCE_TYPES, "release-notes", V1_3, false),
            (&EXTERNAL_REFERENCE_TYPES, "rfc-9116", V1_6, true),
            (&AGGREGATES, "complete", V1_2, false),
            (&LIFECYCLE_PHASES, "design", V1_5, true),
        ];
        for (vocab, value, version, expect) in cases {
            assert_eq!(vocab.allows(value, version), expect, "{value} {version}");
        }
        assert_eq!(
            COMPONENT_TYPES.refusal("platform", V1_4),
            "component type \"platform\" is not allowed in CycloneDX 1.4 (only from 1.5)"
        );
    }

    #[test]
    fn digests_match_algorithms() {
        let md5 = "0123456789abcdef0123456789abcdef";
        assert!(is_valid_digest("MD5", md5));
        assert!(!is_valid_digest("SHA-256", md5));
        assert!(is_valid_digest("BLAKE3", md5));
        assert!(!is_valid_digest("MD5", &md5.replace('0', "g")));
    }
}
