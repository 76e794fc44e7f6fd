//! Version schemes of every ecosystem and their ranges (OSV, vers, NVD, npm, PEP 440, Maven…) — pure.
