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
    /// The files, when they were kept in memory ([`check`]); [`build`] writes them instead.
    pub files: compile::Files,
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

/// A content folder loaded and validated: every problem, and what to publish when there was
/// no error.
struct Validated {
    report: Report,
    site: Option<Publishable>,
}

/// The articles of a valid content folder, ready to assemble.
struct Publishable {
    config: meta::SiteConfig,
    ready: Vec<compile::Ready>,
    /// Indices into `ready`, newest first.
    published: Vec<usize>,
    stats: Stats,
}

impl Publishable {
    fn assemble(
        &self,
        sel: &Selection,
        sink: &dyn compile::Sink,
    ) -> Result<compile::Output, PressError> {
        compile::assemble(
            &self.config,
            &self.ready,
            &self.published,
            self.stats.clone(),
            sel.public_url.as_deref(),
            sink,
        )
    }
}

/// Loads, validates and compiles everything, keeping the files in memory (`press check`).
pub fn check(
    content: &Path,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Checked, PressError> {
    let Validated { report, site } = validate(content, sel, progress)?;
    let files = compile::Collect::default();
    let output = site.map(|s| s.assemble(sel, &files)).transpose()?;
    Ok(Checked {
        report,
        output,
        files: files.into_files(),
        cards: None,
    })
}

/// Loads and validates every article, rendering bodies on all cores.
fn validate(
    content: &Path,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Validated, PressError> {
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
    let site = match (config, report.has_errors()) {
        (Some(config), false) => Some(Publishable {
            config,
            ready,
            published,
            stats: Stats {
                drafts_skipped: drafts,
                future_skipped: future,
                ..Stats::default()
            },
        }),
        _ => None,
    };
    Ok(Validated { report, site })
}

/// Checks, then writes the data folder atomically, each file as soon as it is made (memory
/// does not hold the output). On any content error nothing is written and the previous `out`
/// is left exactly as it was. With `root` (and `sel.public_url`), the feeds, sitemap,
/// robots.txt and social cards (`cards/`) are written into that site root folder too. With a
/// previous release (`root.previous`), every file it already holds byte for byte is a hard
/// link to its file instead of a new one, which tells the prerenderer and `publish` that it
/// did not change.
pub fn build(
    content: &Path,
    out: &Path,
    root: Option<SiteRoot<'_>>,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Checked, PressError> {
    let Validated { report, site } = validate(content, sel, progress)?;
    let mut checked = Checked {
        report,
        output: None,
        files: compile::Files::default(),
        cards: None,
    };
    let Some(site) = site else {
        return Ok(checked);
    };
    let previous = root.and_then(|r| r.previous).map(publish::Previous::open);
    let reuse = |prefix| {
        previous
            .as_ref()
            .map(|previous| write::Reuse { previous, prefix })
    };
    // where the data folder is in the release (`data/`), when it is inside the site root
    let data_prefix = root
        .and_then(|r| out.strip_prefix(r.dir).ok())
        .and_then(Path::to_str)
        .map(|p| format!("{p}/"));
    let writer = write::Writer::new(
        out,
        data_prefix.as_deref().and_then(reuse),
        root.map(|r| write::RootFolder {
            dir: r.dir,
            reuse: reuse(""),
        }),
    )?;
    let made = site.assemble(sel, &writer);
    let output = writer.close(made)?;
    if let Some(root) = root {
        checked.cards = Some(card::draw_into(root.dir, &output.cards, root.previous)?);
    }
    checked.output = Some(output);
    Ok(checked)
}
