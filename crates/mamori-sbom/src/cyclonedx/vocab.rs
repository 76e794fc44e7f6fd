//! The closed value sets of CycloneDX 1.0–1.7 (component types, hash algorithms, scopes…), per spec version.
//!
//! Shared by the JSON and XML readers so both refuse exactly the same values.
//! Each value carries the first spec version that allows it; nothing was ever
//! removed between 1.0 and 1.7, so "since" is enough. Values are the facts of
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
    /// 1.7.
    V1_7,
}

impl SpecVersion {
    /// Every version, oldest first.
    pub const ALL: [SpecVersion; 8] = [
        SpecVersion::V1_0,
        SpecVersion::V1_1,
        SpecVersion::V1_2,
        SpecVersion::V1_3,
        SpecVersion::V1_4,
        SpecVersion::V1_5,
        SpecVersion::V1_6,
        SpecVersion::V1_7,
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
            SpecVersion::V1_7 => "1.7",
        }
    }
    /// Parses `"1.0"` … `"1.7"`.
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
            SpecVersion::V1_7 => "http://cyclonedx.org/schema/bom/1.7",
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

use SpecVersion::{V1_0, V1_1, V1_2, V1_3, V1_4, V1_5, V1_6, V1_7};

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
     "BLAKE2b-256" @ V1_2, "BLAKE2b-384" @ V1_2, "BLAKE2b-512" @ V1_2, "BLAKE3" @ V1_2,
     "Streebog-256" @ V1_7, "Streebog-512" @ V1_7]
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
     "digital-signature" @ V1_6, "rfc-9116" @ V1_6, "patent" @ V1_7, "patent-family" @ V1_7,
     "patent-assertion" @ V1_7, "citation" @ V1_7, "other"]
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
     "key-agree", "kem", "ae", "combiner", "key-wrap" @ V1_7, "other", "unknown"]
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
    ["tls", "ssh", "ipsec", "ike", "sstp", "wpa", "dtls" @ V1_7, "quic" @ V1_7, "eap-aka" @ V1_7,
     "eap-aka-prime" @ V1_7, "prins" @ V1_7, "5g-aka" @ V1_7, "other", "unknown"]
);
vocab!(
    /// `metadata.distributionConstraints.tlp` (Traffic Light Protocol).
    TLP_CLASSIFICATIONS, "TLP classification", V1_7, ["CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED"]
);
vocab!(
    /// Patent assertion `assertionType`.
    PATENT_ASSERTION_TYPES, "patent assertion type", V1_7,
    ["ownership", "license", "third-party-claim", "standards-inclusion", "prior-art",
     "exclusive-rights", "non-assertion", "research-or-evaluation"]
);
vocab!(
    /// Algorithm `algorithmFamily` (the cryptography definitions that come with 1.7).
    CRYPTO_ALGORITHM_FAMILIES, "crypto algorithm family", V1_7,
    ["3DES", "3GPP-XOR", "A5/1", "A5/2", "AES", "ARIA", "Argon2", "Ascon", "BLAKE2", "BLAKE3",
     "BLS", "Blowfish", "CAMELLIA", "CAST5", "CAST6", "CMAC", "CMEA", "CTR_DRBG", "ChaCha",
     "ChaCha20", "DES", "DSA", "ECDH", "ECDSA", "ECIES", "EdDSA", "ElGamal", "FFDH", "Fortuna",
     "GOST", "HC", "HKDF", "HMAC", "HMAC_DRBG", "HPKE", "Hash_DRBG", "IDEA", "IKE-PRF",
     "J-PAKE", "LMS", "MD2", "MD4", "MD5", "MILENAGE", "ML-DSA", "ML-KEM", "MQV", "OPAQUE",
     "PBES1", "PBES2", "PBKDF1", "PBKDF2", "PBMAC1", "Poly1305", "RABBIT", "RC2", "RC4", "RC5",
     "RC6", "RIPEMD", "RSAES-OAEP", "RSAES-PKCS1", "RSASSA-PKCS1", "RSASSA-PSS", "SEED",
     "SHA-1", "SHA-2", "SHA-3", "SLH-DSA", "SM2", "SM3", "SM4", "SM9", "SNOW3G", "SP800-108",
     "SPAKE2", "SPAKE2PLUS", "SRP", "Salsa20", "Serpent", "SipHash", "Skipjack", "TUAK",
     "Twofish", "UMAC", "Whirlpool", "X3DH", "XMSS", "Yarrow", "ZUC", "bcrypt", "scrypt",
     "yescrypt"]
);
vocab!(
    /// Algorithm `ellipticCurve` (the cryptography definitions that come with 1.7).
    ELLIPTIC_CURVES, "elliptic curve", V1_7,
    ["anssi/FRP256v1", "bls/BLS12-377", "bls/BLS12-381", "bls/BLS12-446", "bls/BLS12-455",
     "bls/BLS12-638", "bls/BLS24-477", "bls/Bandersnatch", "bn/bn158", "bn/bn190", "bn/bn222",
     "bn/bn254", "bn/bn286", "bn/bn318", "bn/bn350", "bn/bn382", "bn/bn414", "bn/bn446",
     "bn/bn478", "bn/bn510", "bn/bn542", "bn/bn574", "bn/bn606", "bn/bn638",
     "brainpool/brainpoolP160r1", "brainpool/brainpoolP160t1", "brainpool/brainpoolP192r1",
     "brainpool/brainpoolP192t1", "brainpool/brainpoolP224r1", "brainpool/brainpoolP224t1",
     "brainpool/brainpoolP256r1", "brainpool/brainpoolP256t1", "brainpool/brainpoolP320r1",
     "brainpool/brainpoolP320t1", "brainpool/brainpoolP384r1", "brainpool/brainpoolP384t1",
     "brainpool/brainpoolP512r1", "brainpool/brainpoolP512t1", "gost/gost256", "gost/gost512",
     "gost/id-GostR3410-2001-CryptoPro-A-ParamSet",
     "gost/id-GostR3410-2001-CryptoPro-B-ParamSet",
     "gost/id-GostR3410-2001-CryptoPro-C-ParamSet", "gost/id-tc26-gost-3410-12-512-paramSetA",
     "gost/id-tc26-gost-3410-12-512-paramSetB", "gost/id-tc26-gost-3410-2012-256-paramSetA",
     "gost/id-tc26-gost-3410-2012-512-paramSetC", "mnt/mnt1", "mnt/mnt2/1", "mnt/mnt2/2",
     "mnt/mnt3/1", "mnt/mnt3/2", "mnt/mnt3/3", "mnt/mnt4", "mnt/mnt5/1", "mnt/mnt5/2",
     "mnt/mnt5/3", "nist/B-163", "nist/B-233", "nist/B-283", "nist/B-409", "nist/B-571",
     "nist/K-163", "nist/K-233", "nist/K-283", "nist/K-409", "nist/K-571", "nist/P-192",
     "nist/P-224", "nist/P-256", "nist/P-384", "nist/P-521", "nums/ed-254-mont",
     "nums/ed-255-mers", "nums/ed-256-mont", "nums/ed-382-mont", "nums/ed-383-mers",
     "nums/ed-384-mont", "nums/ed-510-mont", "nums/ed-511-mers", "nums/ed-512-mont",
     "nums/numsp256d1", "nums/numsp256t1", "nums/numsp384d1", "nums/numsp384t1",
     "nums/numsp512d1", "nums/numsp512t1", "nums/w-254-mont", "nums/w-255-mers",
     "nums/w-256-mont", "nums/w-382-mont", "nums/w-383-mers", "nums/w-384-mont",
     "nums/w-510-mont", "nums/w-511-mers", "nums/w-512-mont", "oakley/192-bit Random ECP Group",
     "oakley/224-bit Random ECP Group", "oakley/256-bit Random ECP Group",
     "oakley/384-bit Random ECP Group", "oakley/521-bit Random ECP Group",
     "oakley/Oakley Group 3", "oakley/Oakley Group 4", "oscaa/SM2", "other/BADA55-R-256",
     "other/BADA55-VPR-224", "other/BADA55-VPR2-224", "other/BADA55-VR-224",
     "other/BADA55-VR-256", "other/BADA55-VR-384", "other/Curve1174", "other/Curve22103",
     "other/Curve25519", "other/Curve383187", "other/Curve41417", "other/Curve4417",
     "other/Curve448", "other/Curve67254", "other/E-222", "other/E-382", "other/E-521",
     "other/Ed25519", "other/Ed448", "other/Ed448-Goldilocks", "other/FourQ", "other/Fp224BN",
     "other/Fp254BNa", "other/Fp254BNb", "other/Fp254n2BNa", "other/Fp256BN", "other/Fp384BN",
     "other/Fp512BN", "other/JubJub", "other/M-221", "other/M-383", "other/M-511",
     "other/MDC201601", "other/Pallas", "other/Tom-256", "other/Tom-384", "other/Tom-521",
     "other/Tweedledee", "other/Tweedledum", "other/Vesta", "other/ssc-160", "other/ssc-192",
     "other/ssc-224", "other/ssc-256", "other/ssc-288", "other/ssc-320", "other/ssc-384",
     "other/ssc-512", "secg/secp112r1", "secg/secp112r2", "secg/secp128r1", "secg/secp128r2",
     "secg/secp160k1", "secg/secp160r1", "secg/secp160r2", "secg/secp192k1", "secg/secp192r1",
     "secg/secp224k1", "secg/secp224r1", "secg/secp256k1", "secg/secp256r1", "secg/secp384r1",
     "secg/secp521r1", "secg/sect113r1", "secg/sect113r2", "secg/sect131r1", "secg/sect131r2",
     "secg/sect163k1", "secg/sect163r1", "secg/sect163r2", "secg/sect193r1", "secg/sect193r2",
     "secg/sect233k1", "secg/sect233r1", "secg/sect239k1", "secg/sect283k1", "secg/sect283r1",
     "secg/sect409k1", "secg/sect409r1", "secg/sect571k1", "secg/sect571r1",
     "wtls/wap-wsg-idm-ecid-wtls1", "wtls/wap-wsg-idm-ecid-wtls10",
     "wtls/wap-wsg-idm-ecid-wtls11", "wtls/wap-wsg-idm-ecid-wtls12",
     "wtls/wap-wsg-idm-ecid-wtls3", "wtls/wap-wsg-idm-ecid-wtls4",
     "wtls/wap-wsg-idm-ecid-wtls5", "wtls/wap-wsg-idm-ecid-wtls6",
     "wtls/wap-wsg-idm-ecid-wtls7", "wtls/wap-wsg-idm-ecid-wtls8",
     "wtls/wap-wsg-idm-ecid-wtls9", "x962/c2onb191v4", "x962/c2onb191v5", "x962/c2onb239v4",
     "x962/c2onb239v5", "x962/c2pnb163v1", "x962/c2pnb163v2", "x962/c2pnb163v3",
     "x962/c2pnb176w1", "x962/c2pnb208w1", "x962/c2pnb272w1", "x962/c2pnb304w1",
     "x962/c2pnb368w1", "x962/c2tnb191v1", "x962/c2tnb191v2", "x962/c2tnb191v3",
     "x962/c2tnb239v1", "x962/c2tnb239v2", "x962/c2tnb239v3", "x962/c2tnb359v1",
     "x962/c2tnb431r1", "x962/prime192v1", "x962/prime192v2", "x962/prime192v3",
     "x962/prime239v1", "x962/prime239v2", "x962/prime239v3", "x962/prime256v1",
     "x963/ansip160k1", "x963/ansip160r1", "x963/ansip160r2", "x963/ansip192k1",
     "x963/ansip224k1", "x963/ansip224r1", "x963/ansip256k1", "x963/ansip384r1",
     "x963/ansip521r1", "x963/ansit163k1", "x963/ansit163r1", "x963/ansit163r2",
     "x963/ansit193r1", "x963/ansit193r2", "x963/ansit233k1", "x963/ansit233r1",
     "x963/ansit239k1", "x963/ansit283k1", "x963/ansit283r1", "x963/ansit409k1",
     "x963/ansit409r1", "x963/ansit571k1", "x963/ansit571r1"]
);

/// Hex digits a digest of `alg` has. The schemas accept any of 32/40/64/96/128
/// hex digits for any algorithm; the algorithm fixes which one is right.
/// BLAKE3 has a variable output length, so every length the schema knows is allowed.
pub fn hash_digest_lengths(alg: &str) -> Option<&'static [usize]> {
    Some(match alg {
        "MD5" => &[32],
        "SHA-1" => &[40],
        "SHA-256" | "SHA3-256" | "BLAKE2b-256" | "Streebog-256" => &[64],
        "SHA-384" | "SHA3-384" | "BLAKE2b-384" => &[96],
        "SHA-512" | "SHA3-512" | "BLAKE2b-512" | "Streebog-512" => &[128],
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
