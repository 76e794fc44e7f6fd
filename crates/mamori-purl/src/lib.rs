//! Package URLs and CPE names: parse, canonicalize, match — pure.
