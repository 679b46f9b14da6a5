//! The release: what a published site folder is made of besides its pages, and how a new
//! build replaces it. Below every emitter and sink: nothing here knows about stories.
//!
//! - [`files`]: writing through a rename, hard links, swapping a folder in one step;
//! - [`manifest`]: every file's digest, and [`manifest::Previous`], the release a build
//!   replaces, asked whether it already holds an output;
//! - [`precompress`]: the `.br` and `.gz` copies;
//! - [`publish`]: compresses what changed, writes the manifest, swaps the stage in.

pub mod files;
pub mod manifest;
pub mod precompress;
pub mod publish;
