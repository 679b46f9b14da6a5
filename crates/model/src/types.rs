//! The published JSON files, one type each. See docs/data-format.md.

use serde::{Deserialize, Serialize};

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
    /// Published (non-draft) articles.
    pub total_articles: u32,
    /// Pages of the main feed.
    pub feed_pages: u32,
    pub nav: Vec<NavLink>,
}

/// One entry of the site navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct NavLink {
    pub label: String,
    /// Path relative to the site root, without a leading slash (`""` is home, `"tags"`).
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

/// An optional lead image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Image {
    /// URL, absolute or relative to the site root.
    pub src: String,
    /// Text alternative; never empty.
    pub alt: String,
}

/// What a card in a list shows of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Last substantive update, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub author: String,
    /// The badge: Breaking, Analysis, Tutorial...
    pub category: String,
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
    pub tag: Option<TagInfo>,
    /// 1-based page number.
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    pub items: Vec<ArticleSummary>,
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
    /// Up to three other articles, ranked by shared tags, then recency.
    pub related: Vec<ArticleSummary>,
}
