//! The errors of press that are not content problems (those are [`crate::diag`] problems,
//! reported all at once).

use std::path::{Path, PathBuf};

/// Failures that are not content problems (those are in the [`crate::diag::Report`]).
#[derive(Debug, thiserror::Error)]
pub enum PressError {
    #[error("content folder {0} does not exist")]
    NoContent(PathBuf),
    #[error("{0} is missing: the site needs its title, tagline and base_url")]
    NoSiteToml(PathBuf),
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} already exists; choose another title or edit that file")]
    Exists(PathBuf),
    #[error("{0}")]
    Usage(String),
    #[error("{errors} error(s) in {files} file(s); nothing was written")]
    Invalid { errors: usize, files: usize },
    #[error("social card: {0}")]
    Card(String),
    #[error("image {0}")]
    Image(String),
    #[error(transparent)]
    Release(krasa_release::ReleaseError),
}

impl From<krasa_release::ReleaseError> for PressError {
    fn from(e: krasa_release::ReleaseError) -> PressError {
        match e {
            krasa_release::ReleaseError::Io { path, source } => PressError::Io { path, source },
            other => PressError::Release(other),
        }
    }
}

/// The error for a failed read or write of `path`.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PressError + '_ {
    move |source| PressError::Io {
        path: path.to_path_buf(),
        source,
    }
}
