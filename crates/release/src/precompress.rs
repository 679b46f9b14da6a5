//! Precompression: a `.br` (brotli) and a `.gz` (gzip) copy beside a text file or the wasm,
//! for servers that send precompressed files (nginx `brotli_static` / `gzip_static`, most
//! CDNs). In process, with the brotli and flate2 crates; [`crate::publish`] calls it for the
//! new and changed files of a release, on all cores. flate2 runs on its zlib-rs backend:
//! gzip 6 of an article page took 0.18 ms against miniz_oxide's 0.36 ms, for the same bytes
//! (2,000 pages of the 10,000-story corpus, 2026-11-28).
//!
//! The quality follows what a file is: the app's own build assets (`name-<hash>.js|wasm|css`,
//! a handful of files on every first view, compressed once per app build) get the best
//! compression (brotli 11, gzip 9); pages, data, feeds and the rest brotli 5 and gzip 6.
//! Measured on the 10,000-story corpus (2026-11-27): on an article page brotli 5 was 6 %
//! larger than brotli 10 and 20 times faster (0.4 ms against 8 ms), on a feed page 8 % larger
//! and 17 times faster; tens of thousands of pages make that the difference between seconds
//! and minutes per build. Files under 512 bytes and copies that would not be smaller are
//! skipped.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::files::replace_file;
use crate::{io, ReleaseError};

/// The extensions of the compressed copies beside a file: brotli, then gzip.
pub const COPIES: [&str; 2] = ["br", "gz"];

/// Files smaller than this are sent as they are.
const MIN_SIZE: u64 = 512;
/// The extensions that are compressed.
const EXTENSIONS: [&str; 8] = ["html", "css", "js", "wasm", "json", "xml", "svg", "txt"];

/// How hard a file is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quality {
    pub brotli: u32,
    pub gzip: u32,
}

/// The best compression, for the app's own build assets.
pub const BEST: Quality = Quality {
    brotli: 11,
    gzip: 9,
};
/// Pages, data, feeds and everything else.
pub const FAST: Quality = Quality { brotli: 5, gzip: 6 };

/// What was written.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub brotli: usize,
    pub gzip: usize,
}

/// The quality for a file: the best for the app's hashed build assets (`krasa-<hash>.js`,
/// `krasa-<hash>_bg.wasm`, `main-<hash>.css`), fast for the rest.
pub fn quality(path: &Path) -> Quality {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.split('.').next().unwrap_or("").trim_end_matches("_bg");
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, h)| h.len() >= 12 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        BEST
    } else {
        FAST
    }
}

/// Whether a file of `size` bytes at `path` gets compressed copies.
pub fn wanted(path: &Path, size: u64) -> bool {
    size >= MIN_SIZE
        && path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| EXTENSIONS.contains(&x))
}

/// Writes `<file>.br` and `<file>.gz` for the file at `path` holding `bytes`, each when it is
/// smaller than the file (and removes a stale copy that is not).
pub fn compress_copies(path: &Path, bytes: &[u8]) -> Result<Written, ReleaseError> {
    let q = quality(path);
    let br = brotli_bytes(bytes, q.brotli);
    let gz = gzip_bytes(bytes, q.gzip).map_err(io(path))?;
    let mut written = Written::default();
    for (ext, out, count) in [
        (COPIES[0], br, &mut written.brotli),
        (COPIES[1], gz, &mut written.gzip),
    ] {
        let mut target = path.as_os_str().to_owned();
        target.push(format!(".{ext}"));
        let target = PathBuf::from(target);
        if out.len() < bytes.len() {
            // (never written into: it may be a hard link to a published release's copy)
            replace_file(&target, &out)?;
            *count += 1;
        } else if target.exists() {
            fs::remove_file(&target).map_err(io(&target))?;
        }
    }
    Ok(written)
}

/// Brotli at `quality`, with a window large enough for the file, from 256 KB (smaller windows
/// measured 15 times slower at quality 5 in this encoder) to 16 MB (the CLI's default).
pub fn brotli_bytes(bytes: &[u8], quality: u32) -> Vec<u8> {
    let needed = usize::BITS - bytes.len().max(1).leading_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: needed.clamp(18, 24) as i32,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let mut input = bytes;
    // writing into a Vec cannot fail
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// Gzip at `level` (0–9), with no file name or time in the header, so builds are repeatable.
pub fn gzip_bytes(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(level),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn the_app_assets_get_the_best_quality() {
        assert_eq!(
            quality(Path::new("dist/krasa-75cc53b56be2a695_bg.wasm")),
            BEST
        );
        assert_eq!(quality(Path::new("dist/krasa-75cc53b56be2a695.js")), BEST);
        assert_eq!(quality(Path::new("dist/main-4be89ff9f0c17b39.css")), BEST);
        assert_eq!(quality(Path::new("dist/articles/x/index.html")), FAST);
        assert_eq!(
            quality(Path::new("dist/articles/ai-risk-talks/index.html")),
            FAST
        );
        assert_eq!(quality(Path::new("dist/pagefind/pagefind.js")), FAST);
        assert_eq!(quality(Path::new("dist/data/feed/1.json")), FAST);
        assert_eq!(quality(Path::new("dist/feed.json")), FAST);
    }

    #[test]
    fn copies_decompress_to_the_file_and_small_or_binary_files_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<p>Chips and rules. </p>".repeat(200);
        let path = dir.path().join("index.html");
        let written = compress_copies(&path, page.as_bytes()).unwrap();
        assert_eq!(written, Written { brotli: 1, gzip: 1 });
        let br = fs::read(dir.path().join("index.html.br")).unwrap();
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, page.as_bytes());
        let gz = fs::read(dir.path().join("index.html.gz")).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);
        assert!(!wanted(Path::new("small.json"), 2), "too small to gain");
        assert!(
            !wanted(Path::new("cards/a.png"), 30_000),
            "already compressed"
        );
        assert!(wanted(Path::new("data/feed/latest.json"), 5_000));
        // again: the same bytes
        compress_copies(&path, page.as_bytes()).unwrap();
        assert_eq!(fs::read(dir.path().join("index.html.br")).unwrap(), br);
    }
}
