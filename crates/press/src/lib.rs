//! press: compiles the authored content folder into the published static data folder.
//!
//! Stages, each a module with one input and one output:
//! [`load`] (files → raw articles) → [`meta`] (fields → validated metadata) →
//! [`render`] (Markdown → sanitized HTML + facts) → [`compile`] (cross checks, feed/tag/article
//! files in memory) → [`write`] (atomic swap into the output folder).
//! Problems are collected across the whole corpus into a [`diag::Report`].

pub mod card;
pub mod compile;
pub mod diag;
pub mod feeds;
pub mod fields;
pub mod generate;
pub mod load;
pub mod meta;
pub mod precompress;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod slug;
pub mod today;
pub mod write;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use compile::{Selection, Stats};
use diag::Report;

/// Failures that are not content problems (those are in the [`Report`]).
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
}

/// The result of checking a content folder: every problem, and the output if there was no error.
pub struct Checked {
    pub report: Report,
    pub output: Option<compile::Output>,
    /// The social cards drawn and reused, when a site root was written.
    pub cards: Option<card::Drawn>,
}

/// The site root folder a build writes feeds, sitemaps and cards into.
#[derive(Debug, Clone, Copy)]
pub struct SiteRoot<'a> {
    pub dir: &'a Path,
    /// The release this build will replace: its cards are reused where they would be drawn
    /// the same.
    pub previous: Option<&'a Path>,
}

/// Progress callback: (done, total) while rendering articles.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Loads, validates and compiles everything in memory.
pub fn check(
    content: &Path,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Checked, PressError> {
    let mut report = Report::new();
    let mut problems = Vec::new();
    let loaded = load::load(content, &mut report, &mut problems)?;
    let config = loaded
        .site_fields
        .as_ref()
        .and_then(|f| meta::site_config(loaded.site_file, f, &mut problems));
    let default_author = config.as_ref().and_then(|c| c.default_author.clone());

    // Validate metadata, then render bodies in parallel.
    let mut valid = Vec::with_capacity(loaded.articles.len());
    for raw in loaded.articles {
        let extra: &[&str] = match raw.format {
            load::Format::Json => &["body"],
            load::Format::Markdown => &[],
        };
        if let Some(m) = meta::article_meta(
            raw.file,
            &raw.fields,
            default_author.as_deref(),
            extra,
            &mut problems,
        ) {
            valid.push((raw, m));
        }
    }
    let total = valid.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let ready: Vec<compile::Ready> = valid
        .into_par_iter()
        .map(|(raw, m)| {
            let r = compile::prepare(raw, m);
            if let Some(p) = progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n % 64 == 0 || n == total {
                    p(n, total);
                }
            }
            r
        })
        .collect();
    for r in &ready {
        problems.extend(r.rendered.problems.iter().cloned());
        problems.extend(compile::body_problems(r));
    }
    let (published, drafts, future) = compile::select(&ready, sel);
    compile::cross_check(&ready, &published, &report, &mut problems);

    for p in problems {
        report.push(p);
    }
    report.sort();
    let output = match (&config, report.has_errors()) {
        (Some(c), false) => Some(compile::assemble(
            c,
            &ready,
            &published,
            Stats {
                drafts_skipped: drafts,
                future_skipped: future,
                ..Stats::default()
            },
            sel.public_url.as_deref(),
        )),
        _ => None,
    };
    Ok(Checked {
        report,
        output,
        cards: None,
    })
}

/// Checks, then writes the data folder atomically. On any content error nothing is written
/// and the previous `out` is left exactly as it was. With `root` (and `sel.public_url`), the
/// feeds, sitemap, robots.txt and social cards (`cards/`) are written into that site root
/// folder too. With a previous release (`root.previous`), every file it already holds byte
/// for byte is a hard link to its file instead of a new one, which tells the prerenderer and
/// `publish` that it did not change.
pub fn build(
    content: &Path,
    out: &Path,
    root: Option<SiteRoot<'_>>,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Checked, PressError> {
    let mut checked = check(content, sel, progress)?;
    let Some(output) = &checked.output else {
        return Ok(checked);
    };
    let previous = root.and_then(|r| r.previous).map(publish::Previous::open);
    // where the data folder is in the release (`data/`), when it is inside the site root
    let data_prefix = root
        .and_then(|r| out.strip_prefix(r.dir).ok())
        .and_then(Path::to_str)
        .map(|p| format!("{p}/"));
    let data_reuse = previous.as_ref().zip(data_prefix.as_deref());
    write::write_all(
        out,
        &output.files,
        data_reuse.map(|(previous, prefix)| write::Reuse { previous, prefix }),
    )?;
    if let Some(root) = root {
        let root_reuse = previous.as_ref().map(|previous| write::Reuse {
            previous,
            prefix: "",
        });
        write::write_files(root.dir, &output.root_files, root_reuse)?;
        checked.cards = Some(card::draw_into(root.dir, &output.cards, root.previous)?);
    }
    Ok(checked)
}
