//! The release's manifest ([`MANIFEST`]): the SHA-256 and size of each file of a published
//! release, and [`Previous`], the question every step asks of the release it will replace:
//! "does it already hold this output byte for byte?"

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files::same_file;

/// The manifest's file name in a release (a dot file: not a page of the site).
pub const MANIFEST: &str = ".krasa-release";
const HEADER: &str = "# krasa release manifest 1: sha256 size path";

/// A file's content digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub sha256: String,
    pub size: u64,
}

impl FileDigest {
    pub fn of(bytes: &[u8]) -> FileDigest {
        FileDigest {
            sha256: format!("{:x}", Sha256::digest(bytes)),
            size: bytes.len() as u64,
        }
    }
}

/// Every file of a release (its compressed copies aside) by path relative to the release,
/// with `/` separators.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, FileDigest>,
}

impl Manifest {
    /// The manifest of the release in `dir`; empty when there is none (a first build, or a
    /// folder not written by `publish`), so that everything is written.
    pub fn read(dir: &Path) -> Manifest {
        fs::read_to_string(dir.join(MANIFEST))
            .map(|text| Manifest::parse(&text))
            .unwrap_or_default()
    }

    /// Lines of `sha256 size path`; lines that do not parse are ignored (their files are
    /// then written again, which is always safe).
    pub fn parse(text: &str) -> Manifest {
        let files = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.splitn(3, ' ');
                let sha256 = parts.next()?.to_string();
                let size = parts.next()?.parse().ok()?;
                let path = parts.next()?.to_string();
                Some((path, FileDigest { sha256, size }))
            })
            .collect();
        Manifest { files }
    }

    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for (path, d) in &self.files {
            out.push_str(&format!("{} {} {path}\n", d.sha256, d.size));
        }
        out
    }
}

/// A published release, for a build that replaces it: a file the build would write again
/// byte for byte is taken from it (a hard link) instead, so it keeps its inode and time, and
/// the steps after it can tell it did not change ([`Previous::has_same_file`]).
#[derive(Debug, Default)]
pub struct Previous {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

impl Previous {
    /// The release in `dir` (none yet is an empty release: nothing is reused).
    pub fn open(dir: &Path) -> Previous {
        Previous {
            dir: dir.to_path_buf(),
            manifest: Manifest::read(dir),
        }
    }

    /// The release's file at `rel` when it holds exactly `bytes`.
    pub fn file_with(&self, rel: &str, bytes: &[u8]) -> Option<PathBuf> {
        let recorded = self.manifest.files.get(rel)?;
        let path = self.dir.join(rel);
        // (the size first: most changed files are told apart without hashing)
        (recorded.size == bytes.len() as u64
            && *recorded == FileDigest::of(bytes)
            && path.is_file())
        .then_some(path)
    }

    /// The digest of `path` (the stage's `rel`) when it is the release's own file at `rel`, a
    /// hard link an earlier step made because its bytes had not changed.
    pub fn has_same_file(&self, rel: &str, path: &Path) -> Option<&FileDigest> {
        let recorded = self.manifest.files.get(rel)?;
        same_file(&self.dir.join(rel), path).then_some(recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_reads_back() {
        let mut m = Manifest::default();
        m.files
            .insert("a b/index.html".into(), FileDigest::of(b"x"));
        m.files.insert("feed.xml".into(), FileDigest::of(b""));
        assert_eq!(Manifest::parse(&m.to_text()), m);
        assert_eq!(Manifest::parse("garbage\n# comment"), Manifest::default());
    }
}
