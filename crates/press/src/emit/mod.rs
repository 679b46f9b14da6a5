//! The emitters: each reads the [`SiteIndex`] and hands its files to a [`Sink`] as it makes
//! them. [`data`] writes the JSON the app reads (and the page list), [`feeds`] the RSS, Atom
//! and JSON feeds, [`sitemap`] the sitemaps and robots.txt, [`cards`] the social cards,
//! [`images`] the pictures' files, [`search`] the search index's shards.
//! A new kind of page is a new [`krasa_model::Route`], listed by the index and written by
//! one emitter.

pub mod cards;
pub mod data;
pub mod feeds;
pub mod images;
pub mod search;
pub mod sitemap;

use krasa_model::Site;

use crate::error::PressError;
use crate::index::SiteIndex;
use crate::sink::{Counting, Sink};

/// How much a build published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub articles: usize,
    pub tags: usize,
    /// Data files written.
    pub files: usize,
    pub drafts_skipped: usize,
    pub future_skipped: usize,
}

/// What the emitters made besides their files.
pub struct Output {
    pub site: Site,
    /// The social cards to draw into the site root (with the root files): the site's, and
    /// one per published article without its own image.
    pub cards: Vec<cards::CardSpec>,
    /// The pictures' files to make in the site root (with the root files).
    pub images: Vec<images::Job>,
    /// The pages of each search shard, newest first, for the release's search step.
    pub shards: Vec<krasa_release::shards::ShardPages>,
    pub stats: Stats,
}

/// Every file of the site into `sink`: the data files, and with `root_url` (the site's root
/// URL, when a site root is written) the feeds, sitemaps and robots.txt, and the list of
/// cards to draw.
pub fn emit_all(
    index: &SiteIndex<'_>,
    root_url: Option<&str>,
    sink: &dyn Sink,
) -> Result<Output, PressError> {
    let sink = Counting::new(sink);
    let site = data::emit(index, &sink)?;
    let shards = search::emit(index, &sink)?;
    let (cards, images) = match root_url {
        Some(root) => {
            feeds::emit(index, root, &sink)?;
            sitemap::emit(index, root, &sink)?;
            (cards::specs(index), images::jobs(index))
        }
        None => (Vec::new(), Vec::new()),
    };
    let stats = Stats {
        articles: index.stories.len(),
        tags: index.tags.len(),
        files: sink.data_files(),
        ..Stats::default()
    };
    Ok(Output {
        site,
        cards,
        images,
        shards,
        stats,
    })
}

/// The escaper of the `.xml` templates (askama.toml): the site's one markup escaping.
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, s: &str) -> std::fmt::Result {
        dest.write_str(&krasa_model::escape_markup(s))
    }
}

/// A rendered template as a file: its text and a final newline.
fn file_text(rendered: askama::Result<String>) -> String {
    // rendering into a String fails only if a value's Display does, which ours never do
    let mut text = rendered.unwrap_or_default();
    text.push('\n');
    text
}
