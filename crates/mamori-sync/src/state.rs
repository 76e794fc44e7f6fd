//! Per-source watermarks that the caller persists between syncs (serde, any format).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// Where every source stopped last time it succeeded.
///
/// The caller loads it before a sync and saves it after (it is `Serialize` /
/// `Deserialize`; JSON is a fine format). A sync advances it only for units whose files
/// the sink has accepted (see the crate docs), so saving it after a failed sync is safe
/// as well as saving nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SyncState {
    pub(crate) nvd: NvdState,
    pub(crate) osv: BTreeMap<String, Validators>,
    pub(crate) kev: Validators,
    pub(crate) epss: Validators,
    #[serde(with = "jvn_dates")]
    pub(crate) jvn: BTreeMap<String, Date>,
    #[serde(with = "csaf_times")]
    pub(crate) csaf: BTreeMap<String, OffsetDateTime>,
}

impl SyncState {
    /// End of the last NVD `lastModified` window fully handed over (also set after a
    /// first, unwindowed sync: the time it started).
    pub fn nvd_last_mod_end(&self) -> Option<OffsetDateTime> {
        self.nvd.last_mod_end
    }

    /// HTTP validators of the last OSV archive handed over for `ecosystem`.
    pub fn osv(&self, ecosystem: &str) -> Option<&Validators> {
        self.osv.get(ecosystem)
    }

    /// HTTP validators of the last KEV catalog handed over.
    pub fn kev(&self) -> &Validators {
        &self.kev
    }

    /// HTTP validators of the last EPSS file handed over.
    pub fn epss(&self) -> &Validators {
        &self.epss
    }

    /// The MyJVN last-update date (JST) the next sync of `lang` starts from.
    pub fn jvn_last_date(&self, lang: &str) -> Option<Date> {
        self.jvn.get(lang).copied()
    }

    /// Newest `changes.csv` / ROLIE entry time already seen for a CSAF provider,
    /// keyed by its `provider-metadata.json` URL.
    pub fn csaf_last_updated(&self, metadata_url: &str) -> Option<OffsetDateTime> {
        self.csaf.get(metadata_url).copied()
    }
}

/// NVD progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct NvdState {
    #[serde(with = "time::serde::rfc3339::option")]
    pub(crate) last_mod_end: Option<OffsetDateTime>,
}

/// The `ETag` / `Last-Modified` pair a server sent with the file last handed over.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Validators {
    pub(crate) etag: Option<String>,
    pub(crate) last_modified: Option<String>,
}

impl Validators {
    /// The `ETag` header value, as sent.
    pub fn etag(&self) -> Option<&str> {
        self.etag.as_deref()
    }

    /// The `Last-Modified` header value, as sent.
    pub fn last_modified(&self) -> Option<&str> {
        self.last_modified.as_deref()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

mod jvn_dates {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(map: &BTreeMap<String, Date>, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct D(#[serde(with = "super::iso_date")] Date);
        s.collect_map(map.iter().map(|(k, v)| (k, D(*v))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Date>, D::Error> {
        #[derive(Deserialize)]
        struct W(#[serde(with = "super::iso_date")] Date);
        let map = BTreeMap::<String, W>::deserialize(d)?;
        Ok(map.into_iter().map(|(k, W(v))| (k, v)).collect())
    }
}

mod csaf_times {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, OffsetDateTime>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct T(#[serde(with = "time::serde::rfc3339")] OffsetDateTime);
        s.collect_map(map.iter().map(|(k, v)| (k, T(*v))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, OffsetDateTime>, D::Error> {
        #[derive(Deserialize)]
        struct T(#[serde(with = "time::serde::rfc3339")] OffsetDateTime);
        let map = BTreeMap::<String, T>::deserialize(d)?;
        Ok(map.into_iter().map(|(k, T(v))| (k, v)).collect())
    }
}
