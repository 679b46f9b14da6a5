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
//! The previous release's folders are kept, without their files, for the next build's stage
//! ([`crate::files::replace_dir_keeping_folders`]); folders this stage did not fill are
//! removed before the swap.
//!
//! The result is byte for byte what publishing the same stage into an empty folder gives.

use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::files::{
    folders_beside, link_file, remove_folders_without_files, replace_dir_keeping_folders,
};
use crate::inputs;
use crate::manifest::{self, Entry, FileDigest, Manifest, Previous};
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

/// Publishes the complete site in `stage`: compresses it and, with a `release` folder, keeps
/// that release's unchanged files, writes the stage's manifest (with the inputs the steps
/// recorded) and replaces the release with the stage. Without one, the stage is finished in
/// place (Trunk's staging folder) and no manifest is kept.
pub fn publish(stage: &Path, release: Option<&Path>) -> Result<Published, ReleaseError> {
    let previous = release.map(Previous::open).unwrap_or_default();
    let recorded = inputs::read_all(stage)?;
    inputs::remove(stage)?;
    let SiteTree { files, folders } = site_tree(stage)?;
    let checked: Vec<Checked> = files
        .par_iter()
        .map(|rel| check(stage, &previous, rel))
        .collect::<Result<_, ReleaseError>>()?;
    let unchanged = checked.iter().filter(|c| c.kept).count();
    let mut manifest = Manifest::default();
    for c in checked {
        let inputs = recorded.get(&c.rel).cloned();
        let entry = Entry {
            digest: c.digest,
            inputs,
        };
        manifest.files.insert(c.rel, entry);
    }
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
    if let Some(release) = release {
        // (a stage made from a kept folder tree has folders of pages that are gone)
        remove_folders_without_files(stage, &folders, &files)?;
        // the stage's manifest first: once swapped in, the stage is the release it describes
        manifest.write_beside(release, stage)?;
        replace_dir_keeping_folders(stage, release, &folders_beside(release))?;
        manifest::remove_stale(release)?;
    }
    Ok(published)
}

/// One file of the stage, checked against the release.
struct Checked {
    rel: String,
    digest: FileDigest,
    /// The release's file (and its copies) was kept.
    kept: bool,
}

/// Keeps the release's file for the stage's `rel` when it has the same bytes; else
/// compresses the stage's file.
fn check(stage: &Path, previous: &Previous, rel: &str) -> Result<Checked, ReleaseError> {
    let path = stage.join(rel);
    let rel = rel.to_string();
    if let Some(digest) = previous.has_same_file(&rel, &path) {
        // already the release's file (an earlier step kept it): no need to read it again
        keep_copies(&previous.dir, stage, &rel)?;
        let digest = digest.clone();
        return Ok(Checked {
            rel,
            digest,
            kept: true,
        });
    }
    let bytes = fs::read(&path).map_err(io(&path))?;
    let digest = FileDigest::of(&bytes);
    let same = previous.manifest.files.get(&rel).map(|e| &e.digest) == Some(&digest);
    let kept = same && keep(&previous.dir, stage, &rel)?;
    if !kept && wanted(&path, digest.size) {
        compress_copies(&path, &bytes)?;
    }
    Ok(Checked { rel, digest, kept })
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

/// The stage's files and folders, as paths relative to it with `/` separators.
struct SiteTree {
    /// Everything but compressed copies (which are made here).
    files: Vec<String>,
    folders: Vec<String>,
}

/// Walks the stage once.
fn site_tree(stage: &Path) -> Result<SiteTree, ReleaseError> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(stage).sort_by_file_name() {
        let entry = entry.map_err(|e| ReleaseError::Io {
            path: e
                .path()
                .map_or_else(|| stage.to_path_buf(), Path::to_path_buf),
            source: e.into(),
        })?;
        if entry.depth() > 0 && entry.file_type().is_dir() {
            folders.push(relative(stage, entry.path()));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(stage, entry.path());
        let is_copy = COPIES
            .iter()
            .any(|ext| rel.strip_suffix(ext).is_some_and(|r| r.ends_with('.')));
        if !is_copy {
            files.push(rel);
        }
    }
    Ok(SiteTree { files, folders })
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

    #[test]
    fn what_steps_record_lands_in_the_manifest_beside_the_release_not_in_it() {
        let tmp = tempfile::tempdir().unwrap();
        let release = tmp.path().join("site");
        let s1 = stage(tmp.path(), "s1", &V1);
        let log = inputs::Log::default();
        log.record("cards/a.png", "made-of-a");
        log.write(&s1, inputs::Step::Cards).unwrap();
        publish(&s1, Some(&release)).unwrap();
        let listed = contents(&release);
        assert!(
            listed.keys().all(|k| !k.starts_with('.')),
            "no record in the release: {listed:?}"
        );
        let previous = Previous::open(&release);
        assert_eq!(previous.manifest.files.len(), 4);
        assert_eq!(
            previous.made_from("cards/a.png", "made-of-a"),
            Some(release.join("cards/a.png"))
        );
        assert_eq!(previous.made_from("index.html", "made-of-a"), None);
        let beside: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".site.krasa-"))
            .collect();
        assert_eq!(
            beside.len(),
            1,
            "one manifest beside the release: {beside:?}"
        );

        // a second release replaces it, and its manifest the first one's
        publish(&stage(tmp.path(), "s2", &V1), Some(&release)).unwrap();
        let beside = fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(".site.krasa-")
            })
            .count();
        assert_eq!(beside, 1);
        assert_eq!(Previous::open(&release).manifest.files.len(), 4);
    }
}
