//! Optional tests (section 6.2): a failure is a warning, the document stays valid.

mod document;
mod products;

pub(crate) use document::*;
pub(crate) use products::*;
