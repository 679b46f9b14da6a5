//! File operations every writing step shares: a file written through a rename (a reader
//! never sees half a file, and a hard link to a published release's file is never written
//! into), a hard link put in place, and a whole folder swapped in one step.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::{io, ReleaseError};

/// A sibling of `out` named for this process: `.<name>.<tag>-<pid>`.
pub fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Makes the complete folder `new` the folder `target` (its sibling). Where the system can,
/// the two are exchanged in one step (Linux `renameat2(RENAME_EXCHANGE)`), so `target` always
/// exists for a server reading it; elsewhere `target` is moved aside and `new` put in its
/// place. The previous contents are then deleted.
pub fn replace_dir(new: &Path, target: &Path) -> Result<(), ReleaseError> {
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

/// Where a release's folder tree is kept between builds: `.<name>.folders` beside it.
pub fn folders_beside(release: &Path) -> PathBuf {
    let name = release
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    release.with_file_name(format!(".{name}.folders"))
}

/// As [`replace_dir`], but the previous contents' folders are kept, emptied of their files,
/// at `folders` ([`folders_beside`]) for the next build's stage ([`reuse_folders`]): a
/// release is a folder per page, and making and deleting tens of thousands of folders costs
/// more than linking their files (measured: 16,000 folders made in 0.7 s and deleted in
/// 2.1 s, their files linked in 0.15 s; docs/performance.md).
pub fn replace_dir_keeping_folders(
    new: &Path,
    target: &Path,
    folders: &Path,
) -> Result<(), ReleaseError> {
    if !target.exists() || exchange(new, target).is_err() {
        return replace_dir(new, target);
    }
    // `new` now holds the previous release
    empty(new, Folders::Keep).map_err(io(new))?;
    if folders.exists() {
        remove_tree(folders).map_err(io(folders))?;
    }
    fs::rename(new, folders).map_err(io(folders))
}

/// Makes `stage` (which must not exist) from the folders a previous build kept, if any.
pub fn reuse_folders(folders: &Path, stage: &Path) -> Result<(), ReleaseError> {
    match fs::rename(folders, stage) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io(stage)(e)),
    }
}

/// Removes the folders of `root` that hold no file at any depth, deepest first: those a
/// reused folder tree has that this build did not fill. `folders` and `files` are every
/// folder and file under `root`, relative to it with `/` separators (a walk of it).
pub fn remove_folders_without_files(
    root: &Path,
    folders: &[String],
    files: &[String],
) -> Result<(), ReleaseError> {
    let mut full: HashSet<&str> = HashSet::new();
    for file in files {
        let mut path = file.as_str();
        // (a folder already known to be full has full ancestors too)
        while let Some((parent, _)) = path.rsplit_once('/') {
            if !full.insert(parent) {
                break;
            }
            path = parent;
        }
    }
    let mut unfilled: Vec<&String> = folders
        .iter()
        .filter(|f| !full.contains(f.as_str()))
        .collect();
    unfilled.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    for folder in unfilled {
        let path = root.join(folder);
        fs::remove_dir(&path).map_err(io(&path))?;
    }
    Ok(())
}

/// What [`empty`] does with the folders it empties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folders {
    Keep,
    Delete,
}

/// Deletes every file under `dir`, its subfolders on all cores (a release of 100,000
/// stories is a million entries, and deleting them is a system call each), and its
/// subfolders too unless they are kept.
fn empty(dir: &Path, folders: Folders) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if !entry.file_type()?.is_dir() {
            return fs::remove_file(entry.path());
        }
        empty(&entry.path(), folders)?;
        if folders == Folders::Delete {
            fs::remove_dir(entry.path())?;
        }
        Ok(())
    })
}

/// Deletes the folder `dir` with everything in it.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    empty(dir, Folders::Delete)?;
    fs::remove_dir(dir)
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // the one system call the standard library does not offer
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
pub fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), ReleaseError> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    replace_file(&path, bytes)
}

/// Writes `bytes` to `path` through a temporary file renamed over it: a reader never sees
/// half a file, and a file `path` was a hard link of (a published release's) is left as it
/// was.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), ReleaseError> {
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
pub fn link_file(existing: &Path, root: &Path, rel: &str) -> Result<(), ReleaseError> {
    let path = root.join(rel);
    // the common case (a page the stage does not hold yet): one link, nothing to replace
    match fs::hard_link(existing, &path) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !existing.exists() => {
            return Err(io(existing)(e));
        }
        Err(_) => {}
    }
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
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every path under `dir`, folders ending in `/`.
    fn tree(dir: &Path) -> Vec<String> {
        let mut all: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if e.file_type().is_dir() {
                    format!("{rel}/")
                } else {
                    rel
                }
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_publish_keeps_the_previous_folders_empty_for_the_next_stage() {
        let dir = tempfile::tempdir().unwrap();
        let release = dir.path().join("site");
        write_file(&release, "articles/old/index.html", b"old").unwrap();
        write_file(&release, "index.html", b"home 1").unwrap();
        let stage = dir.path().join(".site.stage");
        write_file(&stage, "articles/new/index.html", b"new").unwrap();
        write_file(&stage, "index.html", b"home 2").unwrap();
        let folders = folders_beside(&release);
        replace_dir_keeping_folders(&stage, &release, &folders).unwrap();
        assert_eq!(
            tree(&release),
            [
                "articles/",
                "articles/new/",
                "articles/new/index.html",
                "index.html"
            ]
        );
        assert!(!stage.exists());
        assert_eq!(
            tree(&folders),
            ["articles/", "articles/old/"],
            "folders, no files"
        );
        // the next build's stage starts from them; the folders it does not fill go
        reuse_folders(&folders, &stage).unwrap();
        assert!(!folders.exists());
        write_file(&stage, "articles/new/index.html", b"new").unwrap();
        write_file(&stage, "index.html", b"home 3").unwrap();
        let folders_found = [
            "articles".to_string(),
            "articles/new".into(),
            "articles/old".into(),
        ];
        let files_found = ["articles/new/index.html".to_string(), "index.html".into()];
        remove_folders_without_files(&stage, &folders_found, &files_found).unwrap();
        assert_eq!(
            tree(&stage),
            [
                "articles/",
                "articles/new/",
                "articles/new/index.html",
                "index.html"
            ]
        );
        // no kept folders (a first build, or an interrupted one): nothing to reuse
        reuse_folders(&folders, &dir.path().join("fresh")).unwrap();
        assert!(!dir.path().join("fresh").exists());
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
}
