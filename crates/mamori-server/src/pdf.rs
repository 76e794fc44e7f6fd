//! The font PDF documents are set in: read once from `[pdf] font` on first use, so a server without the font still runs and says what is missing only when a PDF is asked for.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::problem::ApiError;

/// Where the font is and, once read, its bytes.
#[derive(Debug)]
pub struct PdfFont {
    path: PathBuf,
    bytes: OnceLock<Result<Arc<[u8]>, String>>,
}

impl PdfFont {
    /// A font file to read on first use.
    pub fn new(path: impl Into<PathBuf>) -> PdfFont {
        PdfFont {
            path: path.into(),
            bytes: OnceLock::new(),
        }
    }

    /// The font's bytes; a missing or unreadable file is a fault of the setup (logged with the
    /// path and the fix, not shown to the client).
    pub fn get(&self) -> Result<Arc<[u8]>, ApiError> {
        self.bytes
            .get_or_init(|| {
                std::fs::read(&self.path).map(Arc::from).map_err(|e| {
                    format!(
                        "pdf font {}: {e} (install Debian's fonts-ipaexfont or set [pdf] font / MAMORI_PDF_FONT)",
                        self.path.display()
                    )
                })
            })
            .clone()
            .map_err(ApiError::Internal)
    }
}
