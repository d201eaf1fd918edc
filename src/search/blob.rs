//! The one file shipped to the page: index files plus the procedures, behind a versioned header.
//! The reader checks the magic and format version, so a stale or corrupt blob fails clearly.
//!
//! Layout: magic, format (u32 LE), generator, the content language it holds, the synonym groups
//! (JSON, the same in every blob: a desk may load one language only), then two lists of
//! named sections (u32 count, then per entry a length-prefixed name and length-prefixed bytes):
//! the procedures (id -> its JSON) and the index files (name -> bytes). One blob per content
//! language, so a desk downloads the languages it searches; each procedure is its own JSON record,
//! so the page can open 10 000 procedures by walking their ids and parse only those it shows.

use thiserror::Error;

/// The first bytes of every blob (the writer is `build::encode`).
pub(super) const MAGIC: &[u8; 8] = b"CUECARD\0";
/// Bumped whenever the layout, the schema or the analysis changes.
pub const BLOB_FORMAT: u32 = 6;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum BlobError {
    #[error("not a Cuecard index (bad header)")]
    BadMagic,
    #[error(
        "index format {found} is not supported by this app (expects {expected}); rebuild the index"
    )]
    UnsupportedFormat { found: u32, expected: u32 },
    #[error("index is truncated or corrupt")]
    Truncated,
}

pub struct Blob<'a> {
    /// The `kb` version that built it (for people reading a blob; the app does not need it).
    #[cfg_attr(not(test), allow(dead_code))]
    pub generator: &'a str,
    /// The language code of every procedure in it (`Lang::code`).
    pub lang: &'a str,
    /// The editors' synonym groups as JSON (`Synonyms`).
    pub synonyms: &'a [u8],
    /// Each procedure's id and JSON record, in the order the index's `ord` field counts.
    pub procedures: Vec<(&'a str, &'a [u8])>,
    pub files: Vec<(&'a str, &'a [u8])>,
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BlobError> {
        if self.rest.len() < n {
            return Err(BlobError::Truncated);
        }
        let (a, b) = self.rest.split_at(n);
        self.rest = b;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, BlobError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn bytes(&mut self) -> Result<&'a [u8], BlobError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    fn str(&mut self) -> Result<&'a str, BlobError> {
        std::str::from_utf8(self.bytes()?).map_err(|_| BlobError::Truncated)
    }
    fn sections(&mut self) -> Result<Vec<(&'a str, &'a [u8])>, BlobError> {
        let n = self.u32()? as usize;
        // A corrupt count must not reserve gigabytes before the entries prove it wrong.
        let mut out = Vec::with_capacity(n.min(self.rest.len() / 8));
        for _ in 0..n {
            out.push((self.str()?, self.bytes()?));
        }
        Ok(out)
    }
}

pub fn decode(bytes: &[u8]) -> Result<Blob<'_>, BlobError> {
    let mut r = Reader { rest: bytes };
    if r.take(8).map_err(|_| BlobError::BadMagic)? != MAGIC {
        return Err(BlobError::BadMagic);
    }
    let found = r.u32()?;
    if found != BLOB_FORMAT {
        return Err(BlobError::UnsupportedFormat {
            found,
            expected: BLOB_FORMAT,
        });
    }
    let generator = r.str()?;
    let lang = r.str()?;
    let synonyms = r.bytes()?;
    let procedures = r.sections()?;
    let files = r.sections()?;
    if !r.rest.is_empty() {
        return Err(BlobError::Truncated);
    }
    Ok(Blob {
        generator,
        lang,
        synonyms,
        procedures,
        files,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::build::encode;
    use super::*;

    #[test]
    fn round_trips() {
        let files = vec![
            ("meta.json".to_string(), b"{}".to_vec()),
            ("a.idx".to_string(), vec![1, 2, 3]),
        ];
        let procedures = vec![("p-1".to_string(), br#"{"id":"p-1"}"#.to_vec())];
        let bytes = encode("kb 0.1", "vi", b"{}", &procedures, &files);
        let blob = decode(&bytes).unwrap();
        assert_eq!(blob.generator, "kb 0.1");
        assert_eq!(blob.lang, "vi");
        assert_eq!(blob.synonyms, b"{}");
        assert_eq!(blob.procedures, vec![("p-1", &br#"{"id":"p-1"}"#[..])]);
        assert_eq!(
            blob.files,
            vec![("meta.json", &b"{}"[..]), ("a.idx", &[1u8, 2, 3][..])]
        );
    }

    #[test]
    fn rejects_foreign_truncated_and_future_blobs() {
        assert_eq!(decode(b"<html>").err(), Some(BlobError::BadMagic));
        let bytes = encode("kb", "ru", b"{}", &[], &[("f".into(), vec![0; 10])]);
        assert_eq!(
            decode(&bytes[..bytes.len() - 1]).err(),
            Some(BlobError::Truncated)
        );
        let mut future = bytes.clone();
        future[8] = 99;
        assert_eq!(
            decode(&future).err(),
            Some(BlobError::UnsupportedFormat {
                found: 99,
                expected: BLOB_FORMAT
            })
        );
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(decode(&longer).err(), Some(BlobError::Truncated));
    }
}
