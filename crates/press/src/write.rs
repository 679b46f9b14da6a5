//! Write stage: put the published files in place all at once. Files are written to a fresh
//! sibling folder which then replaces the output folder ([`replace_dir`]), so a failed or
//! interrupted build never leaves a half-written data folder behind.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compile::Sink;
use crate::publish::Previous;
use crate::PressError;

/// The error for a failed read or write of `path`.
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PressError + '_ {
    move |source| PressError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Where files being written are in a previous release, so that a file it already holds byte
/// for byte is linked from it instead of written again (see [`Previous`]).
#[derive(Debug, Clone, Copy)]
pub struct Reuse<'a> {
    pub previous: &'a Previous,
    /// The folder written, relative to the release (`data/`, or empty for the site root).
    pub prefix: &'a str,
}

impl Reuse<'_> {
    /// The previous release's file for `rel` (in the folder written) when it holds `bytes`.
    fn file(&self, rel: &str, bytes: &[u8]) -> Option<PathBuf> {
        self.previous
            .file_with(&format!("{}{rel}", self.prefix), bytes)
    }
}

/// The site root a build writes its feeds, sitemaps and robots.txt into.
#[derive(Debug, Clone, Copy)]
pub struct RootFolder<'a> {
    pub dir: &'a Path,
    pub reuse: Option<Reuse<'a>>,
}

/// A [`Sink`] that writes a build as it is made: data files into a new folder beside `out`
/// that replaces it in one step when the build is complete ([`Writer::finish`]; nothing of
/// it is visible before), site-root files (feeds, sitemaps) into the root. Each file is
/// linked from its [`Reuse`] release when that holds the same bytes.
pub struct Writer<'a> {
    out: PathBuf,
    tmp: PathBuf,
    data_reuse: Option<Reuse<'a>>,
    root: Option<RootFolder<'a>>,
}

impl<'a> Writer<'a> {
    /// Starts writing the data folder `out` (and into the site root `root`, if any).
    pub fn new(
        out: &Path,
        data_reuse: Option<Reuse<'a>>,
        root: Option<RootFolder<'a>>,
    ) -> Result<Writer<'a>, PressError> {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let tmp = sibling(out, "new");
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
        }
        fs::create_dir_all(&tmp).map_err(io(&tmp))?;
        Ok(Writer {
            out: out.to_path_buf(),
            tmp,
            data_reuse,
            root,
        })
    }

    /// Makes the data folder written so far `out`.
    fn finish(self) -> Result<(), PressError> {
        let result = replace_dir(&self.tmp, &self.out);
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result
    }

    /// Throws away the data folder written so far (`out` stays as it was).
    fn abandon(self) {
        let _ = fs::remove_dir_all(&self.tmp);
    }

    /// Ends the writing as `made` went: [`Writer::finish`] when it succeeded, else
    /// [`Writer::abandon`] and its error.
    pub fn close<T>(self, made: Result<T, PressError>) -> Result<T, PressError> {
        match made {
            Ok(value) => self.finish().map(|()| value),
            Err(e) => {
                self.abandon();
                Err(e)
            }
        }
    }
}

impl Sink for Writer<'_> {
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let path = self.tmp.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // (a new folder: the file cannot exist yet)
        match self.data_reuse.and_then(|r| r.file(&rel, &bytes)) {
            Some(old) => fs::hard_link(&old, &path).map_err(io(&old)),
            None => fs::write(&path, &bytes).map_err(io(&path)),
        }
    }

    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let Some(RootFolder { dir: root, reuse }) = self.root else {
            return Err(PressError::Usage(format!(
                "{rel} belongs in the site root, and no --root was given"
            )));
        };
        match reuse.and_then(|r| r.file(&rel, &bytes)) {
            Some(old) => link_file(&old, root, &rel),
            None => write_file(root, &rel, &bytes),
        }
    }
}

/// Makes the complete folder `new` the folder `target` (its sibling). Where the system can,
/// the two are exchanged in one step (Linux `renameat2(RENAME_EXCHANGE)`), so `target` always
/// exists for a server reading it; elsewhere `target` is moved aside and `new` put in its
/// place. The previous contents are then deleted.
pub fn replace_dir(new: &Path, target: &Path) -> Result<(), PressError> {
    if !target.exists() {
        return fs::rename(new, target).map_err(io(target));
    }
    if exchange(new, target).is_ok() {
        // `new` now holds the previous release
        return remove_tree(new).map_err(io(new));
    }
    let old = sibling(target, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    fs::rename(target, &old).map_err(io(target))?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(io(target)(e));
    }
    remove_tree(&old).map_err(io(&old))
}

/// Deletes the folder `dir` with everything in it, its subfolders on all cores (a release
/// of 100,000 stories is a million entries, and deleting them is a system call each).
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes one file into `root` (at `rel`, creating its folder) with [`replace_file`].
pub fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), PressError> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    replace_file(&path, bytes)
}

/// Writes `bytes` to `path` through a temporary file renamed over it: a reader never sees
/// half a file, and a file `path` was a hard link of (a published release's) is left as it
/// was.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), PressError> {
    let tmp = tmp_beside(path);
    fs::write(&tmp, bytes).map_err(io(&tmp))?;
    fs::rename(&tmp, path).map_err(io(path))
}

/// The temporary name a file is written under before it is renamed to `path`.
fn tmp_beside(path: &Path) -> PathBuf {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp-{}", std::process::id()));
    PathBuf::from(tmp)
}

/// Puts `existing` into `root` at `rel` as a hard link (the same file: same bytes, same
/// modification time), replacing what is there.
pub fn link_file(existing: &Path, root: &Path, rel: &str) -> Result<(), PressError> {
    let path = root.join(rel);
    if same_file(existing, &path) {
        // (renaming a link over another link to the same file would do nothing at all)
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let tmp = tmp_beside(&path);
    let _ = fs::remove_file(&tmp);
    fs::hard_link(existing, &tmp).map_err(io(existing))?;
    fs::rename(&tmp, &path).map_err(io(&path))
}

/// Whether both paths name the same file (one is a hard link of the other).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replaces `out` with exactly `files` (paths relative to `out`), each linked from
    /// `reuse`'s release when it has the same bytes.
    fn write_all(
        out: &Path,
        files: &[(String, Vec<u8>)],
        reuse: Option<Reuse<'_>>,
    ) -> Result<(), PressError> {
        let writer = Writer::new(out, reuse, None)?;
        let made = files
            .iter()
            .try_for_each(|(rel, bytes)| writer.data(rel.clone(), bytes.clone()));
        writer.close(made)
    }

    #[test]
    fn files_with_the_same_stem_do_not_collide() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(String, Vec<u8>)> = [
            "feed.xml",
            "feed.json",
            "tags/a/feed.xml",
            "tags/a/feed.json",
        ]
        .iter()
        .map(|n| (n.to_string(), n.as_bytes().to_vec()))
        .collect();
        let root = RootFolder {
            dir: dir.path(),
            reuse: None,
        };
        let writer = Writer::new(&dir.path().join("data"), None, Some(root)).unwrap();
        for (n, b) in &files {
            writer.root(n.clone(), b.clone()).unwrap();
        }
        writer.finish().unwrap();
        for (n, b) in &files {
            assert_eq!(&fs::read(dir.path().join(n)).unwrap(), b);
        }
    }

    #[test]
    fn linking_a_file_twice_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.png");
        fs::write(&old, b"card").unwrap();
        let root = dir.path().join("site");
        link_file(&old, &root, "cards/a.png").unwrap();
        link_file(&old, &root, "cards/a.png").unwrap();
        let names: Vec<_> = fs::read_dir(root.join("cards"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.png"]);
        assert_eq!(fs::read(root.join("cards/a.png")).unwrap(), b"card");
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("data");
        write_all(
            &out,
            &[
                ("a/b.json".into(), b"1".to_vec()),
                ("c.json".into(), b"2".to_vec()),
            ],
            None,
        )
        .unwrap();
        assert_eq!(fs::read(out.join("a/b.json")).unwrap(), b"1");
        write_all(&out, &[("c.json".into(), b"3".to_vec())], None).unwrap();
        assert!(!out.join("a/b.json").exists(), "stale files are gone");
        assert_eq!(fs::read(out.join("c.json")).unwrap(), b"3");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }

    #[test]
    fn files_a_previous_release_holds_byte_for_byte_are_its_files() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let stage = dir.path().join("stage");
        write_all(
            &stage.join("data"),
            &[
                ("same.json".into(), b"kept".to_vec()),
                ("edited.json".into(), b"before".to_vec()),
            ],
            None,
        )
        .unwrap();
        let release = dir.path().join("release");
        crate::publish::publish(&stage, Some(&release)).unwrap();

        let previous = Previous::open(&release);
        let out = dir.path().join("next/data");
        let reuse = Reuse {
            previous: &previous,
            prefix: "data/",
        };
        let files = [
            ("same.json".to_string(), b"kept".to_vec()),
            ("edited.json".to_string(), b"after".to_vec()),
        ];
        write_all(&out, &files, Some(reuse)).unwrap();
        let inode = |p: PathBuf| fs::metadata(p).unwrap().ino();
        assert_eq!(
            inode(out.join("same.json")),
            inode(release.join("data/same.json")),
            "an unchanged file is the release's file"
        );
        assert_ne!(
            inode(out.join("edited.json")),
            inode(release.join("data/edited.json"))
        );
        assert_eq!(fs::read(out.join("edited.json")).unwrap(), b"after");
        assert_eq!(
            fs::read(release.join("data/edited.json")).unwrap(),
            b"before"
        );
    }
}
