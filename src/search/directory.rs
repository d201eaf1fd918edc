//! The index files as views into the one blob the page fetched: no copy of each file into a
//! `RamDirectory` (26 MB at 10 000 procedures), and nothing that writes, locks or watches
//! (those would need threads or a file system the page does not have).

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};

/// A read-only directory over one buffer holding every file.
#[derive(Clone)]
pub struct BlobDirectory {
    bytes: OwnedBytes,
    files: Arc<BTreeMap<PathBuf, Range<usize>>>,
}

impl BlobDirectory {
    /// `files` are byte ranges of `bytes`.
    pub fn new(bytes: OwnedBytes, files: BTreeMap<PathBuf, Range<usize>>) -> BlobDirectory {
        BlobDirectory {
            bytes,
            files: Arc::new(files),
        }
    }
}

impl fmt::Debug for BlobDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BlobDirectory({} files)", self.files.len())
    }
}

fn read_only() -> io::Error {
    io::Error::new(io::ErrorKind::Unsupported, "the index blob is read-only")
}

impl Directory for BlobDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.files.get(path) {
            Some(range) => Ok(Arc::new(self.bytes.slice(range.clone()))),
            None => Err(OpenReadError::FileDoesNotExist(path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::FileDoesNotExist(path.to_path_buf()))
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.files.contains_key(path))
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            read_only(),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        match self.files.get(path) {
            Some(range) => Ok(self.bytes.as_slice()[range.clone()].to_vec()),
            None => Err(OpenReadError::FileDoesNotExist(path.to_path_buf())),
        }
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    /// Nobody writes, so there is nothing to lock against (the default would try to create
    /// a lock file).
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
