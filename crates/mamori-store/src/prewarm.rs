//! A server's SQLite file read once into the operating system's cache at start, on a thread of its own.
//!
//! After a restart with a cold cache (a reboot, or other large files read since), the
//! first SBOM upload into a two-million-component portfolio read its index pages from
//! disk one by one: 2.1–2.9 s, against 0.4–0.6 s once they were cached (issue 8). Read
//! front to back instead, the 4 GB file took 6.4 s at the disk's sequential speed. This
//! is what `pg_prewarm` does for PostgreSQL, which keeps its own cache.

use std::path::{Path, PathBuf};

/// Starts reading `path` on a detached thread (process exit does not wait for it). A file
/// larger than half of the memory available now is left alone: it would only push out
/// what else the machine keeps cached.
pub(crate) fn start(path: PathBuf) {
    let limit = available_memory().map(|m| m / 2);
    let spawned = std::thread::Builder::new()
        .name("mamori-prewarm".into())
        .spawn(move || {
            let started = std::time::Instant::now();
            match read_through(&path, limit) {
                Ok(Some(bytes)) => tracing::info!(
                    file = %path.display(),
                    mib = bytes >> 20,
                    ms = started.elapsed().as_millis() as u64,
                    "store file read into the cache"
                ),
                Ok(None) => tracing::info!(
                    file = %path.display(),
                    "store file larger than half the available memory; not read ahead"
                ),
                Err(e) => {
                    tracing::debug!(file = %path.display(), error = %e, "store file not read ahead")
                }
            }
        });
    if let Err(e) = spawned {
        tracing::debug!(error = %e, "no thread to read the store file ahead");
    }
}

/// Reads the file to its end and returns the bytes read, or `None` (nothing read) when
/// it is larger than `limit`.
pub(crate) fn read_through(path: &Path, limit: Option<u64>) -> std::io::Result<Option<u64>> {
    let len = std::fs::metadata(path)?.len();
    if limit.is_some_and(|l| len > l) {
        return Ok(None);
    }
    let mut file = std::fs::File::open(path)?;
    std::io::copy(&mut file, &mut std::io::sink()).map(Some)
}

/// `MemAvailable` from `/proc/meminfo`, in bytes; `None` where there is no such file.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    parse_available(&info)
}

fn parse_available(meminfo: &str) -> Option<u64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_whole_file_unless_it_is_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        // Not a multiple of the buffer, so the last read is a short one.
        let data: Vec<u8> = (0..(3 << 20) + 12_345).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).unwrap();
        assert_eq!(read_through(&path, None).unwrap(), Some(data.len() as u64));
        assert_eq!(
            read_through(&path, Some(data.len() as u64)).unwrap(),
            Some(data.len() as u64)
        );
        assert_eq!(
            read_through(&path, Some(data.len() as u64 - 1)).unwrap(),
            None
        );
        assert_eq!(std::fs::read(&path).unwrap(), data, "the file is only read");
        assert!(read_through(&dir.path().join("absent.db"), None).is_err());
    }

    #[test]
    fn available_memory_is_read_in_kib() {
        let info = "MemTotal:       24000000 kB\nMemFree:         5000000 kB\nMemAvailable:   20000000 kB\n";
        assert_eq!(parse_available(info), Some(20_000_000 * 1024));
        assert_eq!(parse_available("MemTotal: 1 kB\n"), None);
    }
}
