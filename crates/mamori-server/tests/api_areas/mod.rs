//! The route tables of the API's later areas, one file each, so their tenancy rows live beside their seeds.
//!
//! An area file has `pub(super) async fn seed(s: &Store, w: &mut World)` (adds what its
//! routes need and pushes path parts into `w.paths`) and `pub(super) fn table() ->
//! Vec<Route>`; list it in both functions below.

mod installed;
mod notices;
mod portal;
mod reports;
mod vex;

use mamori_store::Store;

use super::{Route, World};

/// Seeds every area's data into the shared world.
pub(super) async fn seed(s: &Store, w: &mut World) {
    notices::seed(s, w).await;
    installed::seed(s, w).await;
    portal::seed(s, w).await;
    reports::seed(s, w).await;
    vex::seed(s, w).await;
}

/// Every area's routes.
pub(super) fn table() -> Vec<Route> {
    let mut all = Vec::new();
    all.extend(notices::table());
    all.extend(installed::table());
    all.extend(portal::table());
    all.extend(reports::table());
    all.extend(vex::table());
    all
}
