//! Grading an SBOM against the CISA 2024 baseline attributes and the NTIA 2021 minimum elements.
