//! The published JSON files, one type each. See docs/data-format.md.

use serde::{Deserialize, Serialize};

use crate::Page;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// `data/site.json`: the site's identity and settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Site {
    /// Data format version ([`crate::DATA_VERSION`]).
    pub version: u32,
    pub title: String,
    pub tagline: String,
    /// Canonical absolute URL of the site root, ending in `/`.
    pub base_url: String,
    /// BCP 47 language tag, e.g. `en`.
    pub language: String,
    /// Number of summaries per feed or tag page.
    pub page_size: u32,
    pub nav: Vec<NavLink>,
}

/// One entry of the site navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct NavLink {
    pub label: String,
    /// The page's path below the deploy base, as [`crate::Route::path`] writes it (`/`,
    /// `/tags/`).
    pub path: String,
}

/// A tag as shown on an article or a card: what editors wrote and its URL slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct TagRef {
    /// Display name, e.g. `AI Policy`.
    pub name: String,
    /// URL slug, e.g. `ai-policy`.
    pub slug: String,
}

/// A story's lead image: shown above its body, as its cards' thumbnail, and (cropped) where
/// the story is shared.
///
/// The app in the browser (wasm) reads only the picture: press writes the lead figure with its
/// alt text, caption and credit into the body, and the crops serve the prerendered head and
/// the feeds. Skipping the rest there keeps their decoders out of the bundle (1.1 KB brotli,
/// measured with bench/wasm-size.sh on 2026-12-07).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Image {
    pub picture: crate::Picture,
    /// Text alternative; empty only when the editor marked the image decorative.
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub caption: Option<String>,
    /// Who made it (`Photo: ...`, `Illustration: ...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub credit: Option<String>,
    /// Its crops for shared links and structured data (raster images only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub share: Option<crate::picture::ShareCrops>,
}

/// What a card in a list shows of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Last substantive update, `YYYY-MM-DD`: the front matter's `updated`, or its latest
    /// correction if that is later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub author: String,
    /// The badge: the name of its section (News, Analysis, Tutorials...).
    pub category: String,
    /// The slug of its section, where the badge leads ([`crate::Route::Section`]).
    pub section: String,
    /// The slug of its author, where the byline leads ([`crate::Route::Author`]).
    pub author_slug: String,
    pub tags: Vec<TagRef>,
    /// Plain-text teaser: the summary from the front matter, else the first paragraph, trimmed.
    pub excerpt: String,
    /// Whole minutes, rounded up, computed from `word_count`.
    pub reading_minutes: u32,
    pub word_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
}

/// `data/feed/<n>.json` and `data/tags/<tag>/<n>.json`: one page of summaries, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ListPage {
    pub version: u32,
    /// Set on tag pages: the tag this list is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<TagRef>,
    /// Set on section pages: the section this list is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// Set on author pages: the author whose stories these are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Set on series pages: the series, whose parts are the items, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<SeriesInfo>,
    /// Which page this is ([`crate::paging`]).
    pub page: Page,
    /// Set on the latest page only: how many stories the list holds. (Archive pages carry
    /// nothing that changes when a story is published, so they stay as they were.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_items: Option<u32>,
    /// The archive page the "Older" link leads to ([`crate::Pagination::older`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<u32>,
    /// Newer archive pages, counted up to a few ([`crate::Pagination::newer`]).
    #[serde(default)]
    pub newer: u32,
    /// The page's stories, newest first.
    pub items: Vec<ArticleSummary>,
}

impl ListPage {
    /// The dates the page's stories span, oldest first: "March 4, 2026 – May 8, 2026", or
    /// one date when they share it; none for an empty page.
    pub fn date_span(&self) -> Option<String> {
        let newest = crate::format_date(&self.items.first()?.date);
        let oldest = crate::format_date(&self.items.last()?.date);
        Some(if oldest == newest {
            newest
        } else {
            format!("{oldest} – {newest}")
        })
    }
}

/// A section of the site, as `content/site.toml` declares it. An article's `category` is its
/// section's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Section {
    /// Display name, e.g. `Tutorials`.
    pub name: String,
    /// URL slug: the section's pages are at `/<slug>/`.
    pub slug: String,
    /// One line about the section, shown on its page and in its feeds.
    pub description: String,
}

/// A series of tutorials is declared like a section (`[[series]]` in `content/site.toml`):
/// its name (what a part's `series` gives), slug (`/series/<slug>/`) and description.
pub type SeriesInfo = Section;

/// A link on an author's page: a website or a social profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ProfileLink {
    /// What the link is, e.g. `Website`, `Mastodon`.
    pub label: String,
    /// Absolute http(s) URL.
    pub url: String,
}

/// An author, as `content/authors.toml` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Author {
    pub name: String,
    /// URL slug: the author's page is `/authors/<slug>/`.
    pub slug: String,
    /// e.g. `Tutorials editor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A short plain-text biography.
    pub bio: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ProfileLink>,
}

/// How much a tutorial expects of its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Beginner, Level::Intermediate, Level::Advanced];

    /// As front matter writes it: `beginner`.
    pub fn key(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }

    /// As pages show it: `Beginner`.
    pub fn label(self) -> &'static str {
        match self {
            Level::Beginner => "Beginner",
            Level::Intermediate => "Intermediate",
            Level::Advanced => "Advanced",
        }
    }
}

/// What a tutorial says about following it (all optional, at least one set).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Tutorial {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Minutes to work through it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// The tool versions (and date) it was tested with, as the editor wrote them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tested: Option<String>,
}

/// A correction to a published story, shown in a box at its end and in the corrections feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Correction {
    /// When it was corrected, `YYYY-MM-DD`.
    pub date: String,
    /// What was wrong and what it now says, plain text.
    pub text: String,
}

/// A tag with its count, in `data/tags.json` and on tag pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct TagInfo {
    pub name: String,
    pub slug: String,
    /// Published articles carrying this tag.
    pub count: u32,
}

/// `data/pages.json`: the address of every page of the site (below the deploy base, as
/// [`crate::Route::path`] writes it), in the sitemap's order, then the search page. The
/// prerenderer renders exactly these pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct PageList {
    pub version: u32,
    pub pages: Vec<String>,
}

/// `data/search.json`: the search index's shards, newest first. Each shard is its own
/// Pagefind bundle (`pagefind/<id>/`) holding the stories of consecutive publication months;
/// the app loads the newest and merges the others (docs/architecture.md, search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct SearchShards {
    pub version: u32,
    /// How many of the newest stories a search covers unless the reader asks for the whole
    /// archive: the app merges the newest shards until they hold this many.
    pub scope: u32,
    pub shards: Vec<SearchShard>,
}

/// One shard of the search index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct SearchShard {
    /// Its first month, `YYYY-MM`: its bundle is `pagefind/<id>/`.
    pub id: String,
    /// Its last month, `YYYY-MM`.
    pub to: String,
    /// How many stories it holds.
    pub stories: u32,
    /// A digest of what its stories say (12 hex digits): it changes when the shard's index
    /// may. The app fetches the bundle's entry file under it (Pagefind's `metaCacheTag`).
    #[serde(default)]
    pub tag: String,
}

/// `data/tags.json`: every tag, most used first, then by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct TagIndex {
    pub version: u32,
    pub tags: Vec<TagInfo>,
}

/// A section heading of an article body, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Heading {
    /// 2 to 6.
    pub level: u8,
    /// The `id` attribute in `body_html`, stable across builds while the text is unchanged.
    pub id: String,
    pub text: String,
}

/// `data/articles/<slug>.json`: one article with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Article {
    pub version: u32,
    /// What cards show of this article (title, date, author, tags, excerpt, reading time...).
    pub summary: ArticleSummary,
    /// Sanitized HTML of the body (pulldown-cmark, then ammonia). Headings carry ids.
    pub body_html: String,
    pub headings: Vec<Heading>,
    /// Who wrote it (the byline's name is `summary.author`).
    pub author_profile: Author,
    /// Corrections, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// A tutorial's level, time and tested versions, when its front matter gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tutorial: Option<Tutorial>,
    /// Up to three other articles, ranked by shared tags, then recency.
    pub related: Vec<ArticleSummary>,
}
