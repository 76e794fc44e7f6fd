//! Comparing two SBOMs: components added, removed, upgraded and downgraded.
