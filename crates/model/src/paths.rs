//! Where each published file lives inside the data folder. press writes to these paths and the
//! app fetches them (relative to the site base), so both sides agree by construction.

use crate::Page;

/// Name of the published data folder inside the site root.
pub const DATA_DIR: &str = "data";

pub fn site_json() -> String {
    "site.json".to_string()
}

/// A page of the feed: `feed/latest.json`, `feed/<n>.json`.
pub fn feed_page_json(page: Page) -> String {
    format!("feed/{}.json", page_stem(page))
}

/// The name of a list page's data file without `.json`: `latest`, `<n>`.
const LATEST: &str = "latest";

fn page_stem(page: Page) -> String {
    match page {
        Page::Latest => LATEST.into(),
        Page::Archive(n) => n.to_string(),
    }
}

/// The list of every page ([`crate::PageList`]).
pub fn pages_json() -> String {
    "pages.json".to_string()
}

/// The search index's shards ([`crate::SearchShards`]).
pub fn search_json() -> String {
    "search.json".to_string()
}

/// The Pagefind bundle of a search shard, relative to the site root: `pagefind/<id>/`.
pub fn search_bundle(shard: &str) -> String {
    format!("pagefind/{shard}/")
}

pub fn tags_json() -> String {
    "tags.json".to_string()
}

/// A page of a tag's stories: `tags/<tag>/latest.json`, `tags/<tag>/<n>.json`.
pub fn tag_page_json(tag_slug: &str, page: Page) -> String {
    format!("tags/{tag_slug}/{}.json", page_stem(page))
}

/// A page of a section's stories: `sections/<section>/latest.json`, `sections/<section>/<n>.json`.
pub fn section_page_json(section_slug: &str, page: Page) -> String {
    format!("sections/{section_slug}/{}.json", page_stem(page))
}

/// A page of an author's stories: `authors/<author>/latest.json`, `authors/<author>/<n>.json`.
pub fn author_page_json(author_slug: &str, page: Page) -> String {
    format!("authors/{author_slug}/{}.json", page_stem(page))
}

/// A series' parts: `series/<series>.json`.
pub fn series_json(series_slug: &str) -> String {
    format!("series/{series_slug}.json")
}

/// The site-wide feed of corrections (Atom), relative to the site root.
pub const CORRECTIONS_FEED: &str = "corrections.xml";

pub fn article_json(slug: &str) -> String {
    format!("articles/{slug}.json")
}

/// The absolute URL of a site-relative address (`articles/x`, `/images/a.png`, `/`) under
/// the site root (as from [`site_root`], ending in `/`).
pub fn page_url(site_root: &str, rel: &str) -> String {
    format!("{site_root}{}", rel.trim_start_matches('/'))
}

/// The absolute URL of an address that may already be one (an image's `src`): as it is
/// when it starts with `http://` or `https://`, else [`page_url`].
pub fn absolute_url(site_root: &str, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_string()
    } else {
        page_url(site_root, src)
    }
}

/// The canonical root URL of a site deployed at `public_url` (`/` or e.g. `/news/`): the
/// configured `base_url` at the root, else its origin with the deploy path. Ends in `/`.
pub fn site_root(base_url: &str, public_url: &str) -> String {
    let public = format!("/{}", public_url.trim_matches('/'));
    if public == "/" {
        return base_url.to_string();
    }
    let origin_end = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base_url[origin_end..]
        .find('/')
        .map(|i| origin_end + i)
        .unwrap_or(base_url.len());
    format!("{}{}/", &base_url[..host_end], public)
}

/// Social cards (`og:image`): 1200×630 PNG files press draws at build time.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

/// An article's social card, relative to the site root: `cards/<slug>.png`.
pub fn article_card(slug: &str) -> String {
    format!("cards/{slug}.png")
}

/// The image a story is shared with (in its page's social tags and in the feeds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryImage<'a> {
    /// The card crop of its lead image.
    Own(&'a crate::picture::Crop),
    /// Its drawn social card ([`article_card`]), when it has no raster lead image (social
    /// networks show no SVG).
    Card(String),
}

impl StoryImage<'_> {
    /// The story's own image, else its card.
    pub fn of(summary: &crate::ArticleSummary) -> StoryImage<'_> {
        match summary.image.as_ref().and_then(|i| i.share.as_ref()) {
            Some(crops) => StoryImage::Own(&crops.card),
            None => StoryImage::Card(article_card(&summary.slug)),
        }
    }

    /// Its address, relative to the site root.
    pub fn src(&self) -> String {
        match self {
            StoryImage::Own(crop) => crop.src.clone(),
            StoryImage::Card(file) => file.clone(),
        }
    }

    /// Its size in pixels.
    pub fn size(&self) -> (u32, u32) {
        match self {
            StoryImage::Own(crop) => (crop.width, crop.height),
            StoryImage::Card(_) => (CARD_WIDTH, CARD_HEIGHT),
        }
    }

    /// Its media type.
    pub fn mime(&self) -> &'static str {
        match self {
            StoryImage::Own(_) => crate::Fallback::Jpg.mime(),
            StoryImage::Card(_) => crate::Fallback::Png.mime(),
        }
    }
}

/// The site's social card (the front page and every list page).
pub fn site_card() -> String {
    "cards/site.png".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_root_follows_the_deploy_path() {
        assert_eq!(site_root("https://x.example/", "/"), "https://x.example/");
        assert_eq!(
            site_root("https://x.example/", "/news/"),
            "https://x.example/news/"
        );
        assert_eq!(
            site_root("https://x.example/old/", "news"),
            "https://x.example/news/"
        );
        assert_eq!(
            site_root("https://x.example", "/a/b/"),
            "https://x.example/a/b/"
        );
    }

    #[test]
    fn data_paths_are_relative() {
        for p in [
            site_json(),
            feed_page_json(Page::Archive(3)),
            tags_json(),
            tag_page_json("ai-policy", Page::Latest),
            article_json("x"),
            pages_json(),
        ] {
            assert!(!p.starts_with('/'), "{p}");
            assert!(p.ends_with(".json"));
        }
        assert_eq!(tag_page_json("ai", Page::Archive(1)), "tags/ai/1.json");
        assert_eq!(feed_page_json(Page::Latest), "feed/latest.json");
    }
}
