//! The columns of an installed-base file and the English and Japanese headers that name them.

use std::fmt;

/// A column an installed-base file may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// Serial number (required).
    Serial,
    /// Product name (required).
    Product,
    /// Release / software version (required).
    Release,
    /// Hospital (organization).
    Hospital,
    /// Site.
    Site,
    /// Location within the site.
    Location,
    /// Network exposure.
    NetworkExposure,
    /// Remote maintenance.
    RemoteMaintenance,
    /// Installation date.
    InstalledOn,
    /// Decommissioning date.
    DecommissionedOn,
    /// Notes.
    Notes,
}

impl Column {
    /// Columns every file needs.
    pub const REQUIRED: [Column; 3] = [Column::Serial, Column::Product, Column::Release];

    /// Every column, in the order a template lists them.
    pub const ALL: [Column; 11] = [
        Column::Serial,
        Column::Product,
        Column::Release,
        Column::Hospital,
        Column::Site,
        Column::Location,
        Column::NetworkExposure,
        Column::RemoteMaintenance,
        Column::InstalledOn,
        Column::DecommissionedOn,
        Column::Notes,
    ];

    /// The English header (and wire name).
    pub const fn as_str(self) -> &'static str {
        match self {
            Column::Serial => "serial",
            Column::Product => "product",
            Column::Release => "release",
            Column::Hospital => "hospital",
            Column::Site => "site",
            Column::Location => "location",
            Column::NetworkExposure => "network_exposure",
            Column::RemoteMaintenance => "remote_maintenance",
            Column::InstalledOn => "installed_on",
            Column::DecommissionedOn => "decommissioned_on",
            Column::Notes => "notes",
        }
    }

    /// The Japanese header.
    pub const fn label_ja(self) -> &'static str {
        match self {
            Column::Serial => "シリアル番号",
            Column::Product => "製品",
            Column::Release => "バージョン",
            Column::Hospital => "医療機関",
            Column::Site => "施設",
            Column::Location => "設置場所",
            Column::NetworkExposure => "ネットワーク接続",
            Column::RemoteMaintenance => "リモート保守",
            Column::InstalledOn => "設置日",
            Column::DecommissionedOn => "廃棄日",
            Column::Notes => "備考",
        }
    }

    /// The column a header cell names, if any (case, spaces, `_`, `-` and full-width forms do not matter).
    pub fn from_header(h: &str) -> Option<Column> {
        let key = normalize(h);
        let c = match key.as_str() {
            "serial" | "serialnumber" | "serialno" | "sn" | "s/n" | "シリアル番号" | "シリアル"
            | "シリアルno" | "製造番号" | "製番" | "機番" => Column::Serial,
            "product" | "productname" | "model" | "製品" | "製品名" | "機種" | "機種名"
            | "型式" => Column::Product,
            "release"
            | "version"
            | "softwareversion"
            | "swversion"
            | "バージョン"
            | "リリース"
            | "ソフトウェアバージョン"
            | "ソフトバージョン"
            | "版" => Column::Release,
            "hospital" | "organization" | "organisation" | "customer" | "医療機関"
            | "医療機関名" | "病院" | "病院名" | "顧客" | "顧客名" => {
                Column::Hospital
            }
            "site" | "facility" | "campus" | "building" | "施設" | "施設名" | "拠点" | "棟" => {
                Column::Site
            }
            "location" | "room" | "ward" | "設置場所" | "場所" | "設置部署" | "部署" => {
                Column::Location
            }
            "networkexposure"
            | "network"
            | "exposure"
            | "networkconnection"
            | "ネットワーク接続"
            | "ネットワーク"
            | "接続"
            | "ネットワーク接続形態" => Column::NetworkExposure,
            "remotemaintenance"
            | "remote"
            | "remoteaccess"
            | "リモート保守"
            | "遠隔保守"
            | "リモートメンテナンス" => Column::RemoteMaintenance,
            "installedon" | "installed" | "installdate" | "installationdate" | "設置日"
            | "導入日" | "納入日" => Column::InstalledOn,
            "decommissionedon" | "decommissioned" | "decommissiondate" | "retiredon" | "廃棄日"
            | "撤去日" | "廃棄" => Column::DecommissionedOn,
            "notes" | "note" | "remarks" | "comment" | "comments" | "備考" | "メモ" | "注記" => {
                Column::Notes
            }
            _ => return None,
        };
        Some(c)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lower-case ASCII, full-width ASCII folded to ASCII, without spaces, `_`, `-`, `・` or a BOM.
pub(crate) fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            // Full-width forms U+FF01..U+FF5E mirror ASCII 0x21..0x7E.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '・' | '\u{FEFF}' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}
