//! Holds the files of one unit (an NVD window, a MyJVN run) until all of it has arrived,
//! spilling big ones to anonymous temporary files so a long window does not sit in memory.

use std::io::{Read, Seek, SeekFrom, Write};

use tempfile::SpooledTempFile;

use crate::{FeedSink, FeedSource, SyncError};

/// Files above this stay on disk until handed over.
const IN_MEMORY: usize = 4 << 20;

#[derive(Default)]
pub(crate) struct Spool {
    files: Vec<(String, SpooledTempFile)>,
}

impl Spool {
    pub(crate) fn push(&mut self, name: String, bytes: &[u8]) -> Result<(), SyncError> {
        let mut file = SpooledTempFile::new(IN_MEMORY);
        file.write_all(bytes).map_err(SyncError::Spool)?;
        self.files.push((name, file));
        Ok(())
    }

    /// Hands every file to the sink, in arrival order.
    pub(crate) async fn hand_over<S: FeedSink>(
        self,
        source: FeedSource,
        sink: &mut S,
    ) -> Result<usize, SyncError> {
        let count = self.files.len();
        for (name, mut file) in self.files {
            let mut bytes = Vec::new();
            file.seek(SeekFrom::Start(0)).map_err(SyncError::Spool)?;
            file.read_to_end(&mut bytes).map_err(SyncError::Spool)?;
            drop(file);
            sink.accept(source, &name, bytes)
                .await
                .map_err(|source| SyncError::Sink { name, source })?;
        }
        Ok(count)
    }
}
