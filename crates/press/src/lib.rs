//! press: compiles the authored content folder into the published static site: data files,
//! feeds, sitemaps and social cards, and the page list the prerenderer renders.
//!
//! The pipeline, one module per stage, each arrow one way:
//!
//! ```text
//! content/ → load (files → raw articles) → meta (fields → validated metadata)
//!          → story (Markdown → sanitized HTML, summary; images: sources read and checked)
//!          → validate (corpus checks, selection)
//!          → index (SiteIndex: stories in order, tags, lists, every page)
//!          → emit (data, feeds, sitemap, cards, images) → sink (memory, or the data folder)
//!          → release (manifest, precompression, publish: one atomic swap)
//! ```
//!
//! Problems are collected across the whole corpus into a [`diag::Report`].

pub mod contents;
pub mod diag;
pub mod emit;
pub mod error;
pub mod fields;
pub mod generate;
pub mod highlight;
pub mod images;
pub mod index;
pub mod load;
pub mod meta;
pub mod parse_cache;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod sink;
pub mod slug;
pub mod story;
pub mod today;
pub mod validate;

use std::path::Path;

use rayon::prelude::*;

use diag::Report;
pub use emit::Stats;
pub use error::PressError;
use parse_cache::ParseCache;
use story::Story;
pub use validate::Selection;

/// The result of checking a content folder: every problem, and the output if there was no error.
pub struct Checked {
    pub report: Report,
    pub output: Option<emit::Output>,
    /// The files, when they were kept in memory ([`check`]); [`build`] writes them instead.
    pub files: sink::Files,
    /// The social cards drawn and reused, when a site root was written.
    pub cards: Option<emit::cards::Drawn>,
    /// The pictures' files encoded and reused, when a site root was written.
    pub images: Option<emit::images::Made>,
}

/// The site root folder a build writes feeds, sitemaps and cards into.
#[derive(Debug, Clone, Copy)]
pub struct SiteRoot<'a> {
    pub dir: &'a Path,
    /// The release this build will replace: its cards are reused where they would be drawn
    /// the same.
    pub previous: Option<&'a Path>,
    /// A folder of pictures' files made by earlier builds, by name (`--image-cache`); files
    /// made now are added to it.
    pub image_cache: Option<&'a Path>,
    /// A folder of bodies rendered by earlier builds (`--parse-cache`, [`parse_cache`]).
    pub parse_cache: Option<&'a Path>,
    /// How the data folder is written (in place when the root is a stage, `--stage`).
    pub data_writes: sink::DataWrites,
}

/// Progress callback: (done, total) while rendering articles.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// A content folder loaded and validated: every problem, and what to publish when there was
/// no error.
struct Validated {
    report: Report,
    site: Option<Publishable>,
}

/// The stories of a valid content folder, ready to index and emit.
struct Publishable {
    config: meta::SiteConfig,
    authors: Vec<krasa_model::Author>,
    stories: Vec<Story>,
    selected: validate::Selected,
}

impl Publishable {
    /// Builds the site index and runs every emitter into `sink`.
    fn emit(&self, sel: &Selection, sink: &dyn sink::Sink) -> Result<emit::Output, PressError> {
        let index = index::SiteIndex::new(
            &self.config,
            &self.authors,
            &self.stories,
            &self.selected.published,
            sel.today,
        );
        let root_url = sel
            .public_url
            .as_deref()
            .map(|p| krasa_model::paths::site_root(&self.config.base_url, p));
        let mut output = emit::emit_all(&index, root_url.as_deref(), sink)?;
        output.stats.drafts_skipped = self.selected.drafts_skipped;
        output.stats.future_skipped = self.selected.future_skipped;
        Ok(output)
    }
}

/// Loads, validates and compiles everything, keeping the files in memory (`press check`).
pub fn check(
    content: &Path,
    sel: &Selection,
    progress: Option<Progress<'_>>,
) -> Result<Checked, PressError> {
    let Validated { report, site } = validate(content, sel, progress, None, None)?;
    let files = sink::Collect::default();
    let output = site.map(|s| s.emit(sel, &files)).transpose()?;
    Ok(Checked {
        report,
        output,
        files: files.into_files(),
        cards: None,
        images: None,
    })
}

/// site.toml and authors.toml, validated (a missing authors.toml lists no author).
fn read_settings(
    files: &load::SettingsFiles,
    problems: &mut Vec<diag::Problem>,
) -> (Option<meta::SiteConfig>, Option<Vec<krasa_model::Author>>) {
    let config = files
        .site
        .fields
        .as_ref()
        .and_then(|f| meta::site_config(files.site.file, f, problems));
    let authors = match &files.authors {
        Some(load::TomlFile {
            file,
            fields: Some(fields),
        }) => meta::authors(*file, fields, problems),
        Some(_) => None,
        None => Some(Vec::new()),
    };
    (config, authors)
}

/// What `press new` offers: the declared sections and authors.
pub struct Settings {
    pub config: meta::SiteConfig,
    pub authors: Vec<krasa_model::Author>,
}

/// Reads and validates site.toml and authors.toml alone; their problems when they are not
/// valid.
pub fn settings(content: &Path) -> Result<Result<Settings, Report>, PressError> {
    let mut report = Report::new();
    let mut problems = Vec::new();
    let files = load::load_settings(content, &mut report, &mut problems)?;
    let (config, authors) = read_settings(&files, &mut problems);
    for p in problems {
        report.push(p);
    }
    Ok(match (config, authors) {
        (Some(config), Some(authors)) if !report.has_errors() => Ok(Settings { config, authors }),
        _ => Err(report),
    })
}

/// Loads and validates every article, rendering bodies on all cores.
fn validate(
    content: &Path,
    sel: &Selection,
    progress: Option<Progress<'_>>,
    image_cache: Option<&Path>,
    parse_cache: Option<&ParseCache>,
) -> Result<Validated, PressError> {
    let mut report = Report::new();
    let mut problems = Vec::new();
    let loaded = load::load(content, &mut report, &mut problems)?;
    let (config, authors) = read_settings(&loaded.settings, &mut problems);
    let authors_file = content.join(load::AUTHORS_FILE).display().to_string();
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
    let no_sections = Vec::new();
    let names = story::Names {
        sections: config.as_ref().map_or(&no_sections, |c| &c.sections),
        authors: authors.as_deref().unwrap_or_default(),
    };
    let catalogue = images::Catalogue::new(content, image_cache);
    let total = valid.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let stories: Vec<Story> = valid
        .into_par_iter()
        .map(|(raw, m)| {
            let r = story::prepare(raw, m, names, &catalogue, parse_cache);
            if let Some(p) = progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n % 64 == 0 || n == total {
                    p(n, total);
                }
            }
            r
        })
        .collect();
    for r in &stories {
        problems.extend(r.rendered.problems.iter().cloned());
        problems.extend(story::body_problems(r));
    }
    let selected = validate::select(&stories, sel);
    validate::cross_check(&stories, &selected.published, &report, &mut problems);
    validate::check_updates(&stories, &selected.published, sel.today, &mut problems);
    if let Some(config) = &config {
        validate::check_series(&stories, &selected.published, &config.series, &mut problems);
    }
    if let (Some(config), Some(authors)) = (&config, &authors) {
        validate::check_bylines(
            &stories,
            &config.sections,
            authors,
            &authors_file,
            &mut problems,
        );
    }

    for p in problems {
        report.push(p);
    }
    report.sort();
    let site = match (config, authors, report.has_errors()) {
        (Some(config), Some(authors), false) => Some(Publishable {
            config,
            authors,
            stories,
            selected,
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
    let image_cache = root.and_then(|r| r.image_cache);
    let parse_cache = root
        .and_then(|r| r.parse_cache)
        .map(ParseCache::open)
        .transpose()?;
    let Validated { report, site } =
        validate(content, sel, progress, image_cache, parse_cache.as_ref())?;
    let mut checked = Checked {
        report,
        output: None,
        files: sink::Files::default(),
        cards: None,
        images: None,
    };
    let Some(site) = site else {
        return Ok(checked);
    };
    let previous = root
        .and_then(|r| r.previous)
        .map(krasa_release::manifest::Previous::open);
    let reuse = |prefix| {
        previous
            .as_ref()
            .map(|previous| sink::Reuse { previous, prefix })
    };
    // where the data folder is in the release (`data/`), when it is inside the site root
    let data_prefix = root
        .and_then(|r| out.strip_prefix(r.dir).ok())
        .and_then(Path::to_str)
        .map(|p| format!("{p}/"));
    let writer = sink::Writer::new(
        out,
        data_prefix.as_deref().and_then(reuse),
        root.map(|r| sink::RootFolder {
            dir: r.dir,
            reuse: reuse(""),
        }),
        root.map_or(sink::DataWrites::Swapped, |r| r.data_writes),
    )?;
    let made = site.emit(sel, &writer);
    let output = writer.close(made)?;
    if let Some(root) = root {
        let log = krasa_release::inputs::Log::default();
        let drawn = emit::cards::draw_into(root.dir, &output.cards, previous.as_ref(), &log)?;
        log.write(root.dir, krasa_release::inputs::Step::Cards)?;
        checked.cards = Some(drawn);
        let log = krasa_release::inputs::Log::default();
        let earlier = emit::images::Earlier {
            previous: previous.as_ref(),
            cache: root.image_cache,
        };
        let made = emit::images::make_into(root.dir, &output.images, earlier, &log)?;
        log.write(root.dir, krasa_release::inputs::Step::Images)?;
        checked.images = Some(made);
        krasa_release::shards::write(root.dir, &output.shards)?;
    }
    checked.output = Some(output);
    Ok(checked)
}
