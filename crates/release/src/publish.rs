//! Publish stage: makes a freshly built site folder (the *stage*: app, data, pages, feeds,
//! cards, search index) the release, rewriting only what changed.
//!
//! Every release holds a manifest ([`crate::manifest`]): the SHA-256 and size of each file. When a
//! stage is published over a previous release, a file whose digest is unchanged is replaced
//! in the stage by a hard link to the release's file, with its `.br` and `.gz` copies; so it
//! keeps its modification time and inode, and `rsync`, `aws s3 sync` and CDN caches see no
//! change. Only changed and new files are compressed ([`crate::precompress`]). A stage file
//! that is already the release's own (press and the prerenderer link what they would write
//! again byte for byte, see [`crate::manifest::Previous`]) is not even read. The stage then
//! replaces the release in one exchange ([`crate::files::replace_dir`]): a build that fails or
//! is interrupted before that leaves the previous release as it was, and a reader never sees
//! a half-published site.
//!
//! The result is byte for byte what publishing the same stage into an empty folder gives.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::files::{link_file, replace_dir};
use crate::manifest::{FileDigest, Manifest, Previous, MANIFEST};
use crate::precompress::{compress_copies, wanted, COPIES};
use crate::{io, ReleaseError};

/// What publishing changed, by file of the site (compressed copies follow their file).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// New or changed files, written and compressed.
    pub written: usize,
    /// Files kept as they were in the previous release.
    pub unchanged: usize,
    /// Files of the previous release that are gone.
    pub removed: usize,
}

/// Publishes the complete site in `stage`: compresses it and writes its manifest, then, with a
/// `release` folder, keeps that release's unchanged files and replaces the release with the
/// stage. Without one, the stage is finished in place (Trunk's staging folder).
pub fn publish(stage: &Path, release: Option<&Path>) -> Result<Published, ReleaseError> {
    let previous = release.map(Previous::open).unwrap_or_default();
    let files = site_files(stage)?;
    // each file with its digest, and whether the release's file was kept
    let checked: Vec<(String, FileDigest, bool)> = files
        .par_iter()
        .map(|rel| {
            let path = stage.join(rel);
            if let Some(digest) = previous.has_same_file(rel, &path) {
                // already the release's file (press or the prerenderer kept it): no need to
                // read it again
                keep_copies(&previous.dir, stage, rel)?;
                return Ok((rel.clone(), digest.clone(), true));
            }
            let bytes = fs::read(&path).map_err(io(&path))?;
            let digest = FileDigest::of(&bytes);
            let kept = previous.manifest.files.get(rel) == Some(&digest)
                && keep(&previous.dir, stage, rel)?;
            if !kept && wanted(&path, digest.size) {
                compress_copies(&path, &bytes)?;
            }
            Ok((rel.clone(), digest, kept))
        })
        .collect::<Result<_, ReleaseError>>()?;
    let unchanged = checked.iter().filter(|(_, _, kept)| *kept).count();
    let manifest = Manifest {
        files: checked
            .into_iter()
            .map(|(rel, digest, _)| (rel, digest))
            .collect(),
    };
    let published = Published {
        written: manifest.files.len() - unchanged,
        unchanged,
        removed: previous
            .manifest
            .files
            .keys()
            .filter(|k| !manifest.files.contains_key(*k))
            .count(),
    };
    let path = stage.join(MANIFEST);
    fs::write(&path, manifest.to_text()).map_err(io(&path))?;
    if let Some(release) = release {
        replace_dir(stage, release)?;
    }
    Ok(published)
}

/// Replaces the stage's `rel` by the release's file and its copies, when the release still
/// has the file; false when it does not (the stage's file is then published as new).
fn keep(release: &Path, stage: &Path, rel: &str) -> Result<bool, ReleaseError> {
    let old = release.join(rel);
    if !old.is_file() {
        return Ok(false);
    }
    link_file(&old, stage, rel)?;
    keep_copies(release, stage, rel)?;
    Ok(true)
}

/// Links the release's compressed copies of `rel` into the stage.
fn keep_copies(release: &Path, stage: &Path, rel: &str) -> Result<(), ReleaseError> {
    for ext in COPIES {
        let copy = format!("{rel}.{ext}");
        let (old_copy, new_copy) = (release.join(&copy), stage.join(&copy));
        // the stage has no copies of its own (they are made here): a plain link will do,
        // unless an earlier step linked a whole folder with its copies
        match fs::hard_link(&old_copy, &new_copy) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                link_file(&old_copy, stage, &copy)?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            other => other.map_err(io(&new_copy))?,
        }
    }
    Ok(())
}

/// The stage's files, as paths relative to it with `/` separators: everything but a previous
/// manifest and compressed copies (which are made here).
fn site_files(stage: &Path) -> Result<Vec<String>, ReleaseError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(stage).sort_by_file_name() {
        let entry = entry.map_err(|e| ReleaseError::Io {
            path: e
                .path()
                .map_or_else(|| stage.to_path_buf(), Path::to_path_buf),
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(stage, entry.path());
        let is_copy = COPIES
            .iter()
            .any(|ext| rel.strip_suffix(ext).is_some_and(|r| r.ends_with('.')));
        if rel != MANIFEST && !is_copy {
            files.push(rel);
        }
    }
    Ok(files)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::os::unix::fs::MetadataExt as _;
    use std::path::PathBuf;

    /// A stage holding `files` (path, text); text files get a compressible size.
    fn stage(root: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = root.join(name);
        for (rel, text) in files {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text.repeat(100)).unwrap();
        }
        dir
    }

    /// Every file under `dir` (copies and manifest included) with its bytes.
    fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (relative(dir, e.path()), fs::read(e.path()).unwrap()))
            .collect()
    }

    const V1: [(&str, &str); 4] = [
        ("index.html", "<p>front, stories a b c</p>"),
        ("articles/a/index.html", "<p>story a</p>"),
        ("articles/b/index.html", "<p>story b</p>"),
        ("cards/a.png", "not text"),
    ];

    #[test]
    fn a_republished_release_equals_a_full_build_and_keeps_unchanged_files() {
        let tmp = tempfile::tempdir().unwrap();
        let release = tmp.path().join("site");
        let first = publish(&stage(tmp.path(), "s1", &V1), Some(&release)).unwrap();
        assert_eq!(first.written, 4);
        let inode = |rel: &str| fs::metadata(release.join(rel)).unwrap().ino();
        let kept = [
            inode("articles/a/index.html"),
            inode("articles/a/index.html.br"),
        ];

        // edit b, add c, remove the card; the front page changes with them
        let v2 = [
            ("index.html", "<p>front, stories a b2 c</p>"),
            ("articles/a/index.html", "<p>story a</p>"),
            ("articles/b/index.html", "<p>story b, edited</p>"),
            ("articles/c/index.html", "<p>story c</p>"),
        ];
        let second = publish(&stage(tmp.path(), "s2", &v2), Some(&release)).unwrap();
        assert_eq!(
            second,
            Published {
                written: 3,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(
            [
                inode("articles/a/index.html"),
                inode("articles/a/index.html.br")
            ],
            kept,
            "unchanged files are the same files (same modification time)"
        );
        assert!(!release.join("cards/a.png").exists());
        assert!(
            !tmp.path().join("s2").exists(),
            "the stage became the release"
        );

        let full = tmp.path().join("full");
        publish(&stage(tmp.path(), "s3", &v2), Some(&full)).unwrap();
        assert_eq!(contents(&release), contents(&full));
    }
}
