//! Where the emitters' files go: a [`Sink`] receives each file as soon as it is made, from
//! several threads at once. [`Collect`] keeps them in memory (`press check`, the tests);
//! [`Writer`] writes a build as it is made: data files into a fresh sibling folder that
//! replaces the data folder in one step when the build is complete
//! ([`krasa_release::files::replace_dir`]), so a failed or interrupted build never leaves a
//! half-written data folder behind, and site-root files (feeds, sitemaps) beside it. When
//! the site root is a stage that is published whole (`press build --stage`), the data folder
//! inside it is written in place. A file the previous release
//! holds byte for byte is linked from it instead ([`Reuse`]).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{io, PressError};
use krasa_release::files::{link_file, replace_dir, sibling, write_file};
use krasa_release::inputs::{Log, Step};
use krasa_release::manifest::Previous;

/// Receives the files the emitters make, as they are made, from several threads at once.
pub trait Sink: Sync {
    /// A file of the data folder, `rel` inside it.
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError>;
    /// A file of the site root (feeds, sitemaps, robots.txt), `rel` inside it.
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError>;
}

/// The files of a site, in memory (what `press check` and the tests look at).
#[derive(Debug, Default)]
pub struct Files {
    /// Relative path inside the data folder → file bytes, sorted by path.
    pub data: Vec<(String, Vec<u8>)>,
    /// Relative path inside the site root → file bytes, sorted by path.
    pub root: Vec<(String, Vec<u8>)>,
}

/// A [`Sink`] that keeps every file in memory.
#[derive(Default)]
pub struct Collect(Mutex<Files>);

impl Collect {
    pub fn into_files(self) -> Files {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.data.sort_by(|a, b| a.0.cmp(&b.0));
        files.root.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for Collect {
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.data.push((rel, bytes));
        Ok(())
    }
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.root.push((rel, bytes));
        Ok(())
    }
}

/// Counts the data files it passes on.
pub struct Counting<'a> {
    sink: &'a dyn Sink,
    data_files: AtomicUsize,
}

impl<'a> Counting<'a> {
    pub fn new(sink: &'a dyn Sink) -> Counting<'a> {
        Counting {
            sink,
            data_files: AtomicUsize::new(0),
        }
    }

    /// The data files passed on so far.
    pub fn data_files(&self) -> usize {
        self.data_files.load(Ordering::Relaxed)
    }
}

impl Sink for Counting<'_> {
    fn data(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        self.data_files.fetch_add(1, Ordering::Relaxed);
        self.sink.data(rel, bytes)
    }
    fn root(&self, rel: String, bytes: Vec<u8>) -> Result<(), PressError> {
        self.sink.root(rel, bytes)
    }
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
/// that replaces it in one step when the build is complete (`Writer::finish`; nothing of
/// it is visible before), site-root files (feeds, sitemaps) into the root. A data folder
/// inside a site root that is a stage is written in place instead ([`DataWrites`]). Each file is
/// linked from its [`Reuse`] release when that holds the same bytes.
pub struct Writer<'a> {
    out: PathBuf,
    folder: DataFolder,
    data_reuse: Option<Reuse<'a>>,
    root: Option<RootFolder<'a>>,
    /// Where the data folder is in the site root (`data/`), when it is inside it.
    data_in_root: Option<String>,
    /// Every file written into the site root (the data folder's too, when it is inside the
    /// root), for publish (`krasa_release::inputs`).
    made: Log,
}

/// How a build writes its data folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataWrites {
    /// Into a new folder that replaces the data folder when the build is complete: a
    /// reader of the data folder never sees half a build.
    Swapped,
    /// Into the data folder itself, when it is inside a site root that is a stage published
    /// whole afterwards (`press build --stage`: a release's stage, Trunk's staging folder);
    /// files the build does not make stay there for the release's publish to remove.
    InPlace,
}

/// Where a [`Writer`] puts the data folder's files.
enum DataFolder {
    /// Into this new folder beside `out`, which replaces `out` when the build is complete: a
    /// data folder of its own (`press build --out data`).
    Beside(PathBuf),
    /// Into `out`, through renames ([`DataWrites::InPlace`]).
    InPlace,
}

impl<'a> Writer<'a> {
    /// Starts writing the data folder `out` (and into the site root `root`, if any); in
    /// place only when asked and `out` is inside `root`.
    pub fn new(
        out: &Path,
        data_reuse: Option<Reuse<'a>>,
        root: Option<RootFolder<'a>>,
        writes: DataWrites,
    ) -> Result<Writer<'a>, PressError> {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let data_in_root = root
            .and_then(|r| out.strip_prefix(r.dir).ok())
            .and_then(Path::to_str)
            .map(|p| format!("{p}/"));
        let folder = match (writes, &data_in_root) {
            (DataWrites::InPlace, Some(_)) => DataFolder::InPlace,
            _ => {
                let tmp = sibling(out, "new");
                if tmp.exists() {
                    fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
                }
                fs::create_dir_all(&tmp).map_err(io(&tmp))?;
                DataFolder::Beside(tmp)
            }
        };
        Ok(Writer {
            out: out.to_path_buf(),
            folder,
            data_reuse,
            data_in_root,
            root,
            made: Log::default(),
        })
    }

    /// Makes the data folder written so far `out`, and records what was written into the
    /// site root.
    fn finish(self) -> Result<(), PressError> {
        if let DataFolder::Beside(tmp) = &self.folder {
            if let Err(e) = replace_dir(tmp, &self.out) {
                let _ = fs::remove_dir_all(tmp);
                return Err(e.into());
            }
        }
        match self.root {
            Some(root) => Ok(self.made.write(root.dir, Step::Press)?),
            None => Ok(()),
        }
    }

    /// Throws away the data folder written so far (`out` stays as it was; a data folder
    /// written in place goes with its stage).
    fn abandon(self) {
        if let DataFolder::Beside(tmp) = &self.folder {
            let _ = fs::remove_dir_all(tmp);
        }
    }

    /// Ends the writing as `made` went: `finish` when it succeeded, else
    /// `abandon` and its error.
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
        if let Some(prefix) = &self.data_in_root {
            self.made.made(&format!("{prefix}{rel}"));
        }
        let old = self.data_reuse.and_then(|r| r.file(&rel, &bytes));
        let tmp = match &self.folder {
            DataFolder::Beside(tmp) => tmp,
            DataFolder::InPlace => {
                // (the file may be there: replaced through a rename, never written into)
                match old {
                    Some(old) => link_file(&old, &self.out, &rel)?,
                    None => write_file(&self.out, &rel, &bytes)?,
                }
                return Ok(());
            }
        };
        let path = tmp.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        // (a new folder: the file cannot exist yet)
        match old {
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
        self.made.made(&rel);
        match reuse.and_then(|r| r.file(&rel, &bytes)) {
            Some(old) => Ok(link_file(&old, root, &rel)?),
            None => Ok(write_file(root, &rel, &bytes)?),
        }
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
        let writer = Writer::new(out, reuse, None, DataWrites::Swapped)?;
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
        let writer = Writer::new(
            &dir.path().join("data"),
            None,
            Some(root),
            DataWrites::Swapped,
        )
        .unwrap();
        for (n, b) in &files {
            writer.root(n.clone(), b.clone()).unwrap();
        }
        writer.finish().unwrap();
        for (n, b) in &files {
            assert_eq!(&fs::read(dir.path().join(n)).unwrap(), b);
        }
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
        // a release build's data folder, inside the site root (the writer records its files)
        let root = RootFolder {
            dir: &stage,
            reuse: None,
        };
        let writer =
            Writer::new(&stage.join("data"), None, Some(root), DataWrites::InPlace).unwrap();
        let made = [("same.json", &b"kept"[..]), ("edited.json", &b"before"[..])]
            .into_iter()
            .try_for_each(|(rel, bytes)| writer.data(rel.into(), bytes.to_vec()));
        writer.close(made).unwrap();
        let release = dir.path().join("release");
        krasa_release::publish::publish(&stage, Some(&release)).unwrap();

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
