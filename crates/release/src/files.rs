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
    remove_dir(&old)?;
    fs::rename(target, &old).map_err(io(target))?;
    if let Err(e) = fs::rename(new, target) {
        let _ = fs::rename(&old, target);
        return Err(io(target)(e));
    }
    remove_tree(&old).map_err(io(&old))
}

/// Where the release before the current one is kept between builds, whole: `.<name>.spare`
/// beside it.
pub fn spare_beside(release: &Path) -> PathBuf {
    let name = release
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    release.with_file_name(format!(".{name}.spare"))
}

/// As [`replace_dir`], but the previous contents are kept whole at `spare`
/// ([`spare_beside`]), for the next build's stage to start from ([`reuse_spare`]): most of a
/// release is the same from one build to the next, and a stage that already holds it is
/// made by the few files that changed instead of a link for every file (and a deletion for
/// every file of the release it replaced).
pub fn replace_dir_keeping_spare(
    new: &Path,
    target: &Path,
    spare: &Path,
) -> Result<(), ReleaseError> {
    if !target.exists() || exchange(new, target).is_err() {
        return replace_dir(new, target);
    }
    // `new` now holds the previous release, and the stage is live: keeping the spare is
    // only an aid to the next build, which starts from an empty folder without it
    let kept = remove_dir(spare).and_then(|()| fs::rename(new, spare).map_err(io(spare)));
    if let Err(e) = kept {
        eprintln!("release: the release before could not be kept ({e})");
        return remove_tree(new).map_err(io(new));
    }
    Ok(())
}

/// Makes `stage` (which must not exist) from the release a previous build kept, if any; true
/// when it did.
pub fn reuse_spare(spare: &Path, stage: &Path) -> Result<bool, ReleaseError> {
    match fs::rename(spare, stage) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io(stage)(e)),
    }
}

/// Deletes the folder `dir` with everything in it, on all cores; nothing when it does not
/// exist.
pub fn remove_dir(dir: &Path) -> Result<(), ReleaseError> {
    match remove_tree(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(dir)(e)),
        _ => Ok(()),
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

/// What is under a folder: its files with their inode numbers, and its folders, by path
/// relative to it with `/` separators, in no particular order.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<(String, u64)>,
    pub folders: Vec<String>,
}

/// Lists everything under `dir`, its subfolders on all cores, from the folders' entries
/// alone (no file is opened or looked up: a release of 100,000 stories is half a million
/// files and 100,000 folders).
pub fn list_tree(dir: &Path) -> Result<Listing, ReleaseError> {
    list_under(dir, "").map_err(io(dir))
}

fn list_under(dir: &Path, rel: &str) -> std::io::Result<Listing> {
    use std::os::unix::fs::DirEntryExt as _;
    let mut listing = Listing::default();
    let mut subfolders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let path = format!("{rel}{}", name.to_string_lossy());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            subfolders.push((entry.path(), path));
        } else if kind.is_file() {
            listing.files.push((path, entry.ino()));
        }
    }
    let below: Vec<Listing> = subfolders
        .par_iter()
        .map(|(full, path)| list_under(full, &format!("{path}/")))
        .collect::<std::io::Result<_>>()?;
    for (sub, (_, path)) in below.into_iter().zip(subfolders) {
        listing.folders.push(path);
        listing.files.extend(sub.files);
        listing.folders.extend(sub.folders);
    }
    Ok(listing)
}

/// Deletes the folder `dir` with everything in it, its subfolders on all cores (a release of
/// 100,000 stories is a million entries, and deleting them is a system call each).
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
    // (one left by an interrupted build may be a link of a published file: never write into it)
    let _ = fs::remove_file(&tmp);
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
    fn a_publish_keeps_the_previous_release_whole_for_the_next_stage() {
        let dir = tempfile::tempdir().unwrap();
        let release = dir.path().join("site");
        write_file(&release, "articles/old/index.html", b"old").unwrap();
        write_file(&release, "index.html", b"home 1").unwrap();
        let stage = dir.path().join(".site.stage");
        write_file(&stage, "articles/new/index.html", b"new").unwrap();
        write_file(&stage, "index.html", b"home 2").unwrap();
        let spare = spare_beside(&release);
        replace_dir_keeping_spare(&stage, &release, &spare).unwrap();
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
            tree(&spare),
            [
                "articles/",
                "articles/old/",
                "articles/old/index.html",
                "index.html"
            ],
            "the release before, whole"
        );
        assert_eq!(fs::read(spare.join("index.html")).unwrap(), b"home 1");
        // the next build's stage starts from it
        assert!(reuse_spare(&spare, &stage).unwrap());
        assert!(!spare.exists());
        assert_eq!(tree(&stage).len(), 4);
        // no spare (a first build, or an interrupted one): nothing to reuse
        assert!(!reuse_spare(&spare, &dir.path().join("fresh")).unwrap());
        assert!(!dir.path().join("fresh").exists());
        // a second swap replaces the spare
        replace_dir_keeping_spare(&stage, &release, &spare).unwrap();
        assert_eq!(fs::read(spare.join("index.html")).unwrap(), b"home 2");
        assert_eq!(fs::read(release.join("index.html")).unwrap(), b"home 1");
    }

    #[test]
    fn a_listing_has_every_file_with_its_inode_and_every_folder() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "index.html",
            "articles/a/index.html",
            "articles/b/index.html.br",
        ] {
            write_file(dir.path(), rel, rel.as_bytes()).unwrap();
        }
        fs::create_dir_all(dir.path().join("empty/inside")).unwrap();
        let listing = list_tree(dir.path()).unwrap();
        let mut listed: Vec<String> = listing.files.iter().map(|(f, _)| f.clone()).collect();
        listed.extend(listing.folders.iter().map(|f| format!("{f}/")));
        listed.sort();
        assert_eq!(listed, tree(dir.path()));
        for (rel, ino) in &listing.files {
            assert_eq!(*ino, fs::metadata(dir.path().join(rel)).unwrap().ino());
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
}
