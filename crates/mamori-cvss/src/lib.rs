//! CVSS 2.0, 3.0, 3.1 and 4.0 parsing and scoring — pure.
