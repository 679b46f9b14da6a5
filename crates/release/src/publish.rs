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
//! The release it replaces is kept whole beside it (`.<name>.spare`,
//! [`crate::files::replace_dir_keeping_spare`]), and the next build's stage starts from it:
//! the steps rewrite what changed (always through a rename or a new link, never into a
//! file, which may be a link of a published one), and publish removes the files of the stage
//! no step recorded making ([`crate::inputs`]): those of pages that are gone, or left by a
//! build that failed or was interrupted. So a build that changes one story does not link
//! every file of the site into a new folder, and its publish does not delete every file of
//! the release it replaced.
//!
//! The result is byte for byte what publishing the same stage into an empty folder gives.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

use rayon::prelude::*;

use crate::files::{
    link_file, list_tree, remove_folders_without_files, replace_dir_keeping_spare, spare_beside,
    Listing,
};
use crate::inputs;
use crate::manifest::{self, Entry, FileDigest, Manifest, Previous, NO_INPUTS};
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
    let SiteTree {
        mut files,
        folders,
        inodes,
    } = site_tree(stage)?;
    if release.is_some() {
        // a stage made from the spare: the files of the release before that nothing made now
        remove_unmade(stage, &recorded, &inodes)?;
        files.retain(|f| recorded.contains_key(f));
    }
    let sides = Sides {
        stage,
        stage_inodes: inodes,
        previous: &previous,
        release_inodes: release_inodes(stage, &previous.dir)?,
    };
    let checked: Vec<Checked> = files
        .par_iter()
        .map(|rel| sides.check(rel))
        .collect::<Result<_, ReleaseError>>()?;
    let unchanged = checked.iter().filter(|c| c.kept).count();
    let mut manifest = Manifest::default();
    for c in checked {
        let inputs = recorded.get(&c.rel).filter(|i| *i != NO_INPUTS).cloned();
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
        // (a stage made from the spare has folders of pages that are gone)
        remove_folders_without_files(stage, &folders, &files)?;
        // the stage's manifest first: once swapped in, the stage is the release it describes
        manifest.write_beside(release, stage)?;
        let spare = spare_beside(release);
        replace_dir_keeping_spare(stage, release, &spare)?;
        manifest::remove_stale(release)?;
    }
    Ok(published)
}

/// Removes the stage's files (listed in `inodes`) that no step of this build recorded
/// making, and the compressed copies of those: files of the release the stage was made
/// from, or of a build that failed in it (a copy's file may be gone already, if a publish was
/// interrupted between the two). A step that wrote a file without recording it would lose
/// it here: the release test compares an incremental release with a full build.
fn remove_unmade(
    stage: &Path,
    recorded: &BTreeMap<String, String>,
    inodes: &Inodes,
) -> Result<(), ReleaseError> {
    let unmade: Vec<&String> = inodes
        .keys()
        .filter(|rel| !recorded.contains_key(copy_of(rel).unwrap_or(rel)))
        .collect();
    unmade.par_iter().try_for_each(|rel| {
        let path = stage.join(rel);
        fs::remove_file(&path).map_err(io(&path))
    })
}

/// The file `rel` is a compressed copy of, if it is one.
fn copy_of(rel: &str) -> Option<&str> {
    COPIES
        .iter()
        .find_map(|ext| rel.strip_suffix(ext)?.strip_suffix('.'))
}

/// Removes the compressed copies of `path`, if it has any.
fn remove_copies(path: &Path) -> Result<(), ReleaseError> {
    for ext in COPIES {
        let mut copy = path.as_os_str().to_owned();
        copy.push(format!(".{ext}"));
        match fs::remove_file(&copy) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(path)(e)),
            _ => {}
        }
    }
    Ok(())
}

/// One file of the stage, checked against the release.
struct Checked {
    rel: String,
    digest: FileDigest,
    /// The release's file (and its copies) was kept.
    kept: bool,
}

/// Every file under a folder (compressed copies included) by path, with its inode number as
/// the folder's listing gives it (no file is opened or looked up).
type Inodes = HashMap<String, u64>;

/// The stage and the release it replaces, each with its files' inode numbers: a stage file
/// with the release's inode at the same path is the release's own file (an earlier step
/// linked it, or the stage kept it from the spare), known without a system call per file.
struct Sides<'a> {
    stage: &'a Path,
    stage_inodes: Inodes,
    previous: &'a Previous,
    /// Empty when the release is on another file system (inode numbers would not compare).
    release_inodes: Inodes,
}

impl Sides<'_> {
    /// Keeps the release's file for the stage's `rel` when it has the same bytes; else
    /// compresses the stage's file.
    fn check(&self, rel: &str) -> Result<Checked, ReleaseError> {
        let recorded = self.previous.manifest.files.get(rel).map(|e| &e.digest);
        let rel = rel.to_string();
        if let Some(digest) = recorded.filter(|_| self.same(&rel)) {
            // already the release's file: no need to read it again
            self.keep_copies(&rel)?;
            let digest = digest.clone();
            return Ok(Checked {
                rel,
                digest,
                kept: true,
            });
        }
        let path = self.stage.join(&rel);
        let bytes = fs::read(&path).map_err(io(&path))?;
        let digest = FileDigest::of(&bytes);
        let kept = recorded == Some(&digest) && self.keep(&rel)?;
        if !kept && wanted(&path, digest.size) {
            compress_copies(&path, &bytes)?;
        } else if !kept {
            // (a stage made from the spare may hold copies of the file's earlier bytes)
            remove_copies(&path)?;
        }
        Ok(Checked { rel, digest, kept })
    }

    /// Whether the stage's `rel` is the release's file at `rel`.
    fn same(&self, rel: &str) -> bool {
        match (self.stage_inodes.get(rel), self.release_inodes.get(rel)) {
            (Some(stage), Some(release)) => stage == release,
            _ => false,
        }
    }

    /// Replaces the stage's `rel` by the release's file and its copies, when the release
    /// still has the file; false when it does not (the stage's file is then published as
    /// new).
    fn keep(&self, rel: &str) -> Result<bool, ReleaseError> {
        if !self.release_inodes.contains_key(rel) {
            return Ok(false);
        }
        link_file(&self.previous.dir.join(rel), self.stage, rel)?;
        self.keep_copies(rel)?;
        Ok(true)
    }

    /// Makes the stage's compressed copies of `rel` the release's.
    fn keep_copies(&self, rel: &str) -> Result<(), ReleaseError> {
        for ext in COPIES {
            let copy = format!("{rel}.{ext}");
            if self.same(&copy) {
                continue;
            }
            if self.release_inodes.contains_key(&copy) {
                link_file(&self.previous.dir.join(&copy), self.stage, &copy)?;
            } else if self.stage_inodes.contains_key(&copy) {
                let path = self.stage.join(&copy);
                fs::remove_file(&path).map_err(io(&path))?;
            }
        }
        Ok(())
    }
}

/// The inode numbers of the release's files, or none when there is no release or it is on
/// another file system than the stage.
fn release_inodes(stage: &Path, release: &Path) -> Result<Inodes, ReleaseError> {
    use std::os::unix::fs::MetadataExt as _;
    let device = |dir: &Path| fs::metadata(dir).map(|m| m.dev()).ok();
    if release.as_os_str().is_empty() || device(release).is_none_or(|d| Some(d) != device(stage)) {
        return Ok(Inodes::new());
    }
    Ok(list_tree(release)?.files.into_iter().collect())
}

/// The stage's files and folders, as paths relative to it with `/` separators.
struct SiteTree {
    /// Everything but compressed copies (which are made here).
    files: Vec<String>,
    folders: Vec<String>,
    /// Every file's inode number, copies included.
    inodes: Inodes,
}

/// Lists the stage once.
fn site_tree(stage: &Path) -> Result<SiteTree, ReleaseError> {
    let Listing { files, folders } = list_tree(stage)?;
    Ok(SiteTree {
        files: files
            .iter()
            .filter(|(rel, _)| copy_of(rel).is_none())
            .map(|(rel, _)| rel.clone())
            .collect(),
        folders,
        inodes: files.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::os::unix::fs::MetadataExt as _;
    use std::path::PathBuf;

    fn relative(root: &Path, path: &Path) -> String {
        path.strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A stage holding `files` (path, text), each recorded as made; text files get a
    /// compressible size.
    fn stage(root: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = root.join(name);
        let log = inputs::Log::default();
        for (rel, text) in files {
            crate::files::write_file(&dir, rel, text.repeat(100).as_bytes()).unwrap();
            log.made(rel);
        }
        log.write(&dir, inputs::Step::Press).unwrap();
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

        // a second release replaces it; the first one is kept whole beside it, as the spare
        // the next stage starts from
        publish(&stage(tmp.path(), "s2", &V1[..2]), Some(&release)).unwrap();
        let beside = fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().starts_with(".site.krasa-")
            })
            .count();
        assert_eq!(beside, 1, "the release's manifest alone");
        assert_eq!(Previous::open(&release).manifest.files.len(), 2);
        let spare = contents(&spare_beside(&release));
        let spare_files = spare.keys().filter(|k| copy_of(k).is_none());
        assert_eq!(spare_files.count(), 4, "the first release, whole");
    }

    #[test]
    fn a_stage_made_from_the_spare_publishes_what_a_fresh_stage_would() {
        let tmp = tempfile::tempdir().unwrap();
        let release = tmp.path().join("site");
        publish(&stage(tmp.path(), "s1", &V1), Some(&release)).unwrap();
        let v2 = [V1[0], V1[1], ("articles/c/index.html", "<p>story c</p>")];
        publish(&stage(tmp.path(), "s2", &v2), Some(&release)).unwrap();
        let live = contents(&release);

        // the next build: the spare (v1, whole) becomes the stage, and the steps write v3
        // into it: a, its story edited; c, as the release has it; b and the card gone
        let s3 = tmp.path().join("s3");
        assert!(crate::files::reuse_spare(&spare_beside(&release), &s3).unwrap());
        let v3 = [
            ("index.html", "<p>front, stories a2 c</p>"),
            ("articles/a/index.html", "<p>story a, edited</p>"),
            ("articles/c/index.html", "<p>story c</p>"),
        ];
        let log = inputs::Log::default();
        for (rel, text) in v3 {
            crate::files::write_file(&s3, rel, text.repeat(100).as_bytes()).unwrap();
            log.made(rel);
        }
        log.write(&s3, inputs::Step::Press).unwrap();
        assert_eq!(
            contents(&release),
            live,
            "writing the stage left the release as it was"
        );
        let third = publish(&s3, Some(&release)).unwrap();
        assert_eq!(
            third.removed, 0,
            "b and the card, left from v1, were gone in v2 already"
        );

        let full = tmp.path().join("full");
        publish(&stage(tmp.path(), "s4", &v3), Some(&full)).unwrap();
        assert_eq!(contents(&release), contents(&full));
        assert!(
            !release.join("articles/b").exists(),
            "an emptied folder goes too"
        );

        // a file in the stage that no step recorded (left by a build that failed in it) is
        // not published either
        let s5 = stage(tmp.path(), "s5", &v3);
        crate::files::write_file(&s5, "stray.html", b"?").unwrap();
        crate::files::write_file(&s5, "index.html.tmp-123", b"?").unwrap();
        // and a copy whose file is gone (a publish interrupted between the two removals)
        crate::files::write_file(&s5, "articles/b/index.html.br", b"?").unwrap();
        publish(&s5, Some(&release)).unwrap();
        assert_eq!(contents(&release), contents(&full));
    }
}
