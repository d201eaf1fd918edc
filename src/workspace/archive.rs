//! Several files as one download: a zip of stored entries at their relative paths (the studio's
//! changes, a site update). Text and already-compressed files: no codec is worth its bytes.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The zip of `files` (relative `/`-separated paths), in the order given.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (path, bytes) in files {
        w.start_file(path.as_str(), options)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn every_file_comes_back_out_at_its_path() {
        let files = vec![
            ("vi-a.md".to_string(), "Khách hàng\n".as_bytes().to_vec()),
            ("studio/x.bin".to_string(), vec![0, 1, 2, 255]),
        ];
        let bytes = zip(&files).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 2);
        for (path, want) in &files {
            let mut got = Vec::new();
            archive
                .by_name(path)
                .unwrap()
                .read_to_end(&mut got)
                .unwrap();
            assert_eq!(&got, want);
        }
    }
}
