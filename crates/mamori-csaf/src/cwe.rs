//! CWE names for test 6.1.11: the weaknesses CISA's ADP enrichment names in CVE records
//! (cisagov/vulnrichment), with every spelling seen there. Facts, generated once by a script over
//! that data; an id missing here cannot be judged.

/// Sorted by id; one entry per known spelling of the name.
pub(crate) const CWE_NAMES: &[(u32, &str)] = &[
    (20, "Improper Input Validation"),
    (
        22,
        "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
    ),
    (27, "Path Traversal: 'dir/../../filename'"),
    (31, "Path Traversal: 'dir\\..\\..\\filename'"),
    (
        59,
        "Improper Link Resolution Before File Access ('Link Following')",
    ),
    (
        74,
        "Improper Neutralization of Special Elements in Output Used by a Downstream Component ('Injection')",
    ),
    (
        75,
        "Failure to Sanitize Special Elements into a Different Plane (Special Element Injection)",
    ),
    (
        77,
        "Improper Neutralization of Special Elements used in a Command ('Command Injection')",
    ),
    (
        78,
        "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
    ),
    (
        79,
        "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    ),
    (
        80,
        "Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)",
    ),
    (
        88,
        "Improper Neutralization of Argument Delimiters in a Command ('Argument Injection')",
    ),
    (
        89,
        "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
    ),
    (91, "XML Injection (aka Blind XPath Injection)"),
    (
        94,
        "Improper Control of Generation of Code ('Code Injection')",
    ),
    (116, "Improper Encoding or Escaping of Output"),
    (
        119,
        "Improper Restriction of Operations within the Bounds of a Memory Buffer",
    ),
    (
        120,
        "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
    ),
    (121, "Stack-based Buffer Overflow"),
    (122, "Heap-based Buffer Overflow"),
    (125, "Out-of-bounds Read"),
    (129, "Improper Validation of Array Index"),
    (
        150,
        "Improper Neutralization of Escape, Meta, or Control Sequences",
    ),
    (176, "Improper Handling of Unicode Encoding"),
    (178, "Improper Handling of Case Sensitivity"),
    (190, "Integer Overflow or Wraparound"),
    (191, "Integer Underflow (Wrap or Wraparound)"),
    (
        200,
        "Exposure of Sensitive Information to an Unauthorized Actor",
    ),
    (203, "Observable Discrepancy"),
    (219, "Storage of File with Sensitive Data Under Web Root"),
    (248, "Uncaught Exception"),
    (252, "Unchecked Return Value"),
    (256, "Plaintext Storage of a Password"),
    (259, "Use of Hard-coded Password"),
    (266, "Incorrect Privilege Assignment"),
    (269, "Improper Privilege Management"),
    (276, "Incorrect Default Permissions"),
    (277, "Insecure Inherited Permissions"),
    (
        280,
        "Improper Handling of Insufficient Permissions or Privileges",
    ),
    (281, "Improper Preservation of Permissions"),
    (284, "Improper Access Control"),
    (286, "Incorrect User Management"),
    (287, "Improper Authentication"),
    (
        288,
        "Authentication Bypass Using an Alternate Path or Channel",
    ),
    (290, "Authentication Bypass by Spoofing"),
    (295, "Improper Certificate Validation"),
    (300, "Channel Accessible by Non-Endpoint"),
    (305, "Authentication Bypass by Primary Weakness"),
    (306, "Missing Authentication for Critical Function"),
    (
        307,
        "Improper Restriction of Excessive Authentication Attempts",
    ),
    (311, "Missing Encryption of Sensitive Data"),
    (312, "Cleartext Storage of Sensitive Information"),
    (321, "Use of Hard-coded Cryptographic Key"),
    (327, "Use of a Broken or Risky Cryptographic Algorithm"),
    (330, "Use of Insufficiently Random Values"),
    (
        335,
        "Incorrect Usage of Seeds in Pseudo-Random Number Generator (PRNG)",
    ),
    (
        338,
        "Use of Cryptographically Weak Pseudo-Random Number Generator (PRNG)",
    ),
    (345, "Insufficient Verification of Data Authenticity"),
    (351, "Insufficient Type Distinction"),
    (352, "Cross-Site Request Forgery (CSRF)"),
    (354, "Improper Validation of Integrity Check Value"),
    (358, "Improperly Implemented Security Check for Standard"),
    (
        362,
        "Concurrent Execution using Shared Resource with Improper Synchronization ('Race Condition')",
    ),
    (367, "Time-of-check Time-of-use (TOCTOU) Race Condition"),
    (400, "Uncontrolled Resource Consumption"),
    (401, "Missing Release of Memory after Effective Lifetime"),
    (415, "Double Free"),
    (416, "Use After Free"),
    (426, "Untrusted Search Path"),
    (427, "Uncontrolled Search Path Element"),
    (434, "Unrestricted Upload of File with Dangerous Type"),
    (436, "Interpretation Conflict"),
    (
        444,
        "Inconsistent Interpretation of HTTP Requests ('HTTP Request/Response Smuggling')",
    ),
    (467, "Use of sizeof() on a Pointer Type"),
    (476, "NULL Pointer Dereference"),
    (494, "Download of Code Without Integrity Check"),
    (
        497,
        "Exposure of Sensitive System Information to an Unauthorized Control Sphere",
    ),
    (502, "Deserialization of Untrusted Data"),
    (521, "Weak Password Requirements"),
    (522, "Insufficiently Protected Credentials"),
    (544, "Missing Standardized Error Handling Mechanism"),
    (562, "Return of Stack Variable Address"),
    (
        566,
        "Authorization Bypass Through User-Controlled SQL Primary Key",
    ),
    (611, "Improper Restriction of XML External Entity Reference"),
    (613, "Insufficient Session Expiration"),
    (617, "Reachable Assertion"),
    (639, "Authorization Bypass Through User-Controlled Key"),
    (645, "Overly Restrictive Account Lockout Mechanism"),
    (664, "Improper Control of a Resource Through its Lifetime"),
    (667, "Improper Locking"),
    (682, "Incorrect Calculation"),
    (690, "Unchecked Return Value to NULL Pointer Dereference"),
    (693, "Protection Mechanism Failure"),
    (697, "Incorrect Comparison"),
    (732, "Incorrect Permission Assignment for Critical Resource"),
    (754, "Improper Check for Unusual or Exceptional Conditions"),
    (755, "Improper Handling of Exceptional Conditions"),
    (770, "Allocation of Resources Without Limits or Throttling"),
    (772, "Missing Release of Resource after Effective Lifetime"),
    (778, "Insufficient Logging"),
    (783, "Operator Precedence Logic Error"),
    (787, "Out-of-bounds Write"),
    (798, "Use of Hard-coded Credentials"),
    (823, "Use of Out-of-range Pointer Offset"),
    (
        835,
        "Loop with Unreachable Exit Condition ('Infinite Loop')",
    ),
    (
        843,
        "Access of Resource Using Incompatible Type ('Type Confusion')",
    ),
    (862, "Missing Authorization"),
    (863, "Incorrect Authorization"),
    (908, "Use of Uninitialized Resource"),
    (911, "Improper Update of Reference Count"),
    (
        916,
        "Use of Password Hash With Insufficient Computational Effort",
    ),
    (918, "Server-Side Request Forgery (SSRF)"),
    (922, "Insecure Storage of Sensitive Information"),
    (
        1007,
        "Insufficient Visual Distinction of Homoglyphs Presented to User",
    ),
    (1024, "Comparison of Incompatible Types"),
    (
        1052,
        "Excessive Use of Hard-Coded Literals in Initialization",
    ),
    (1056, "Invokable Control Element with Variadic Parameters"),
    (
        1188,
        "Initialization of a Resource with an Insecure Default",
    ),
    (1188, "Insecure Default Initialization of Resource"),
    (
        1236,
        "Improper Neutralization of Formula Elements in a CSV File",
    ),
    (
        1241,
        "Use of Predictable Algorithm in Random Number Generator",
    ),
    (
        1257,
        "Improper Access Control Applied to Mirrored or Aliased Memory Regions",
    ),
    (
        1260,
        "Improper Handling of Overlap Between Protected Memory Ranges",
    ),
    (1263, "Improper Physical Access Control"),
    (1333, "Inefficient Regular Expression Complexity"),
    (
        1336,
        "Improper Neutralization of Special Elements Used in a Template Engine",
    ),
];

/// `Some(true)` when `name` is a known name of `id`, `Some(false)` when the id is known under other
/// names only, `None` when the id is not in the list.
pub(crate) fn check(id: u32, name: &str) -> Option<bool> {
    let start = CWE_NAMES.partition_point(|(i, _)| *i < id);
    let mut known = false;
    for (i, n) in &CWE_NAMES[start..] {
        if *i != id {
            break;
        }
        known = true;
        if *n == name {
            return Some(true);
        }
    }
    known.then_some(false)
}

/// The first catalogue name of `id`, if the list has it.
pub(crate) fn name(id: u32) -> Option<&'static str> {
    let start = CWE_NAMES.partition_point(|(i, _)| *i < id);
    CWE_NAMES[start..]
        .first()
        .filter(|(i, _)| *i == id)
        .map(|(_, n)| *n)
}
