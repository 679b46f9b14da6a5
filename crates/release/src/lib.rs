//! krasa-release: what a published site folder (a *release*) is made of besides its pages,
//! and how a new build replaces it. It sits below press and the prerenderer: nothing here
//! knows about stories.
//!
//! - [`files`]: writing through a rename, hard links, swapping a folder in one step;
//! - [`manifest`]: every file's digest and what it was made from, and
//!   [`manifest::Previous`], the release a build replaces, asked whether it already holds an
//!   output;
//! - [`inputs`]: how each step tells publish what its outputs were made from;
//! - [`shards`]: how press tells the search step which pages each search shard holds;
//! - [`precompress`]: the `.br` and `.gz` copies;
//! - [`publish`]: compresses what changed, writes the manifest, swaps the stage in;
//! - [`pipeline`]: the whole release, step by step (the `release` command).

pub mod files;
pub mod inputs;
pub mod manifest;
pub mod pipeline;
pub mod precompress;
pub mod publish;
pub mod shards;

use std::path::{Path, PathBuf};

/// A failed file operation, with the file it was on.
#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} is not a folder a release can be kept in")]
    NoFolder(PathBuf),
}

/// The error for a failed read or write of `path`.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReleaseError + '_ {
    move |source| ReleaseError::Io {
        path: path.to_path_buf(),
        source,
    }
}
