//! Mamori's domain model: products, releases, SBOMs, components — pure values, no IO.
