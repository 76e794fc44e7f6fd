//! CycloneDX and SPDX readers, validators, writers and quality grading — pure.
