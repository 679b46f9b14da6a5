//! The release's manifest: for every file of a published release (its compressed copies
//! aside), its SHA-256 and size, and the digest of what it was made from (its *inputs*: a
//! card's text and drawing code, a page's shell, site settings, public URL, program and data
//! file, the search index's article pages and Pagefind version, the app's sources).
//!
//! It is the release's one record, and every step that could redo work asks it the same
//! question through [`Previous`]: "is this output still the release's own?" — the same
//! bytes ([`Previous::file_with`]), the same inputs ([`Previous::made_from`]), or already the
//! release's own file, hard-linked by an earlier step ([`Previous::has_same_file`]).
//!
//! The manifest is kept *beside* the release folder, never in it, so no host serves it:
//! `<parent>/.<name>.krasa-<inode>`, named for the inode of the release folder it describes.
//! [`crate::publish`] writes the manifest of a stage under the stage folder's inode before
//! the stage is swapped in, and removes the others after: whatever moment a build is
//! interrupted at, the manifest found for a release folder is the one of that folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files::{replace_file, same_file};
use crate::ReleaseError;

const HEADER: &str = "# krasa release manifest 2: sha256 size inputs path";
/// Written for a file whose inputs are not recorded (its bytes are its identity).
pub const NO_INPUTS: &str = "-";

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

/// The SHA-256 (hex) of several parts, each length-prefixed so that no two lists of parts
/// digest alike: how every step names what an output is made from.
pub fn inputs_digest(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for part in parts {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:x}", h.finalize())
}

/// One file of a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub digest: FileDigest,
    /// The digest of what the file was made from, when the step that made it recorded it.
    pub inputs: Option<String>,
}

/// Every file of a release by path relative to the release, with `/` separators.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The manifest of the release in `dir`; empty when there is none (a first build, or a
    /// folder not written by `publish`), so that everything is made afresh.
    pub fn read(dir: &Path) -> Manifest {
        location(dir)
            .and_then(|path| fs::read_to_string(path).ok())
            .map(|text| Manifest::parse(&text))
            .unwrap_or_default()
    }

    /// Lines of `sha256 size inputs path`; lines that do not parse are ignored (their files
    /// are then made again, which is always safe).
    pub fn parse(text: &str) -> Manifest {
        let files = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let sha256 = parts.next()?.to_string();
                let size = parts.next()?.parse().ok()?;
                let inputs = Some(parts.next()?)
                    .filter(|i| *i != NO_INPUTS)
                    .map(str::to_string);
                let path = parts.next()?.to_string();
                let digest = FileDigest { sha256, size };
                Some((path, Entry { digest, inputs }))
            })
            .collect();
        Manifest { files }
    }

    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for (path, e) in &self.files {
            let inputs = e.inputs.as_deref().unwrap_or(NO_INPUTS);
            out.push_str(&format!(
                "{} {} {inputs} {path}\n",
                e.digest.sha256, e.digest.size
            ));
        }
        out
    }

    /// Writes this manifest beside the release `release` as the one of the folder `folder`:
    /// `release` itself, or the stage about to be swapped in at its path (a rename keeps the
    /// folder's inode). See the module's notes.
    pub fn write_beside(&self, release: &Path, folder: &Path) -> Result<(), ReleaseError> {
        let path = location_as(release, folder)
            .ok_or_else(|| ReleaseError::NoFolder(folder.to_path_buf()))?;
        replace_file(&path, self.to_text().as_bytes())
    }
}

/// Where the manifest of the folder `dir` is kept: beside it, named for its inode (`None`
/// when the folder does not exist).
pub fn location(dir: &Path) -> Option<PathBuf> {
    location_as(dir, dir)
}

/// Where the manifest of `folder` is kept once it is the release at `release`.
fn location_as(release: &Path, folder: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt as _;
    let inode = fs::metadata(folder).ok()?.ino();
    Some(release.with_file_name(format!("{}{inode}", prefix(release)?)))
}

/// The start of the name of every manifest kept beside `dir`: `.<name>.krasa-`.
fn prefix(dir: &Path) -> Option<String> {
    Some(format!(".{}.krasa-", dir.file_name()?.to_str()?))
}

/// Removes the manifests beside `dir` that are not its own (those of stages swapped out, or
/// of a build interrupted before its swap).
pub fn remove_stale(dir: &Path) -> Result<(), ReleaseError> {
    let (Some(own), Some(prefix), Some(parent)) = (location(dir), prefix(dir), dir.parent()) else {
        return Ok(());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let entries = fs::read_dir(parent).map_err(crate::io(parent))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stale = name.to_str().is_some_and(|n| n.starts_with(&prefix))
            && Some(name.as_os_str()) != own.file_name();
        if stale {
            let path = entry.path();
            fs::remove_file(&path).map_err(crate::io(&path))?;
        }
    }
    Ok(())
}

/// A published release, for a build that replaces it: an output the release already holds
/// is taken from it (a hard link) instead of made again, so it keeps its inode and time, and
/// the steps after can tell it did not change.
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
        let recorded = &self.manifest.files.get(rel)?.digest;
        let path = self.dir.join(rel);
        // (the size first: most changed files are told apart without hashing)
        (recorded.size == bytes.len() as u64
            && *recorded == FileDigest::of(bytes)
            && path.is_file())
        .then_some(path)
    }

    /// The release's file at `rel` when it was made from `inputs` (an [`inputs_digest`]).
    pub fn made_from(&self, rel: &str, inputs: &str) -> Option<PathBuf> {
        let recorded = self.manifest.files.get(rel)?.inputs.as_deref()?;
        let path = self.dir.join(rel);
        (recorded == inputs && path.is_file()).then_some(path)
    }

    /// The digest of `path` (the stage's `rel`) when it is the release's own file at `rel`, a
    /// hard link an earlier step made because it had not changed.
    pub fn has_same_file(&self, rel: &str, path: &Path) -> Option<&FileDigest> {
        let recorded = &self.manifest.files.get(rel)?.digest;
        same_file(&self.dir.join(rel), path).then_some(recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_reads_back() {
        let mut m = Manifest::default();
        let entry = |bytes: &[u8], inputs: Option<&str>| Entry {
            digest: FileDigest::of(bytes),
            inputs: inputs.map(str::to_string),
        };
        m.files
            .insert("a b/index.html".into(), entry(b"x", Some("abc")));
        m.files.insert("feed.xml".into(), entry(b"", None));
        assert_eq!(Manifest::parse(&m.to_text()), m);
        assert_eq!(Manifest::parse("garbage\n# comment"), Manifest::default());
    }

    #[test]
    fn a_manifest_belongs_to_its_folder_and_is_not_in_it() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(site.join("a.txt"), b"a").unwrap();
        let mut m = Manifest::default();
        m.files.insert(
            "a.txt".into(),
            Entry {
                digest: FileDigest::of(b"a"),
                inputs: Some(inputs_digest(&[b"made", b"of"])),
            },
        );
        m.write_beside(&site, &site).unwrap();
        assert_eq!(
            fs::read_dir(&site).unwrap().count(),
            1,
            "nothing added inside"
        );
        let previous = Previous::open(&site);
        assert_eq!(previous.manifest, m);
        let made = inputs_digest(&[b"made", b"of"]);
        assert_eq!(previous.made_from("a.txt", &made), Some(site.join("a.txt")));
        assert_eq!(
            previous.made_from("a.txt", &inputs_digest(&[b"madeof"])),
            None
        );
        assert_eq!(previous.file_with("a.txt", b"a"), Some(site.join("a.txt")));
        assert_eq!(previous.file_with("a.txt", b"b"), None);

        // another folder swapped in at the same path has no manifest until one is written
        let other = tmp.path().join("other");
        fs::create_dir(&other).unwrap();
        fs::rename(&site, tmp.path().join("old")).unwrap();
        fs::rename(&other, &site).unwrap();
        assert_eq!(Previous::open(&site).manifest, Manifest::default());
        remove_stale(&site).unwrap();
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            2,
            "the stale one is gone"
        );
    }
}
