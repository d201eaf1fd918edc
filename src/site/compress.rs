//! Precompressed copies: `.gz` and `.br` beside every file of a kind that compresses.

#[cfg(not(target_arch = "wasm32"))]
use super::{io, report::FileSize, SiteError};
use std::io::Write;
#[cfg(not(target_arch = "wasm32"))]
use std::path::Path;

/// Extensions worth precompressing (images are already compressed).
const COMPRESSIBLE: [&str; 7] = ["html", "js", "wasm", "css", "bin", "webmanifest", "svg"];

/// Whether the file `f` ships with `.gz` and `.br` copies.
pub(crate) fn compresses(f: &str) -> bool {
    COMPRESSIBLE.contains(&f.rsplit('.').next().unwrap_or(""))
}

/// The precompressed copies of the file `f` (`f.gz`, `f.br`), none when its kind does not
/// compress.
pub(crate) fn copies(f: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    if !compresses(f) {
        return Vec::new();
    }
    vec![
        (format!("{f}.gz"), gzip(bytes)),
        (format!("{f}.br"), brotli(bytes)),
    ]
}

/// Writes the `.gz` and `.br` copies of one file (when its kind compresses) and returns its
/// sizes.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn compress(dir: &Path, f: &str) -> Result<FileSize, SiteError> {
    let p = dir.join(f);
    let bytes = std::fs::read(&p).map_err(io(&p))?;
    let (gz, br) = (gzip(&bytes), brotli(&bytes));
    if compresses(f) {
        for (suffix, data) in [("gz", &gz), ("br", &br)] {
            let out = dir.join(format!("{f}.{suffix}"));
            std::fs::write(&out, data).map_err(io(&out))?;
        }
    }
    Ok(FileSize {
        path: f.to_string(),
        raw: bytes.len() as u64,
        gzip: gz.len() as u64,
        brotli: br.len() as u64,
    })
}

/// Files up to this size get zopfli's gzip: the page's wasm, glue, boot script, page, styles
/// and the real content's index blobs, which are what a desk downloads first. Zopfli makes the
/// same format a few per cent smaller than flate2's best (README "Performance") but costs
/// seconds per MB: too slow for the studio's 3 MB wasm or a 17 MB blob of 10 000 procedures.
const ZOPFLI_UP_TO: usize = 2 << 20;

/// The gzip copy of `bytes`; the same bytes on both targets (the studio's site update carries
/// the `.gz` copies `kb publish` would write).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    if bytes.len() <= ZOPFLI_UP_TO {
        let mut out = Vec::new();
        // One round instead of fifteen: nearly the same size, in a third of the time.
        let options = zopfli::Options {
            iteration_count: std::num::NonZeroU64::new(1).expect("not zero"),
            ..Default::default()
        };
        zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("in-memory write");
        return out;
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory write")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        // The best level costs about a second per MB: fine for a release build, too slow for
        // the tens of MB of a debug build under `trunk serve`.
        quality: if bytes.len() <= 8 << 20 { 11 } else { 5 },
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in-memory write");
    out
}
