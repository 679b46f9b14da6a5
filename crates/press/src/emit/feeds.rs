//! The feeds emitter: RSS 2.0, Atom and JSON Feed for every list of the site (the whole site,
//! each section, author and tag; full article content, newest first), and the site-wide
//! corrections feed (Atom).

use krasa_model::{ArticleSummary, Date, Route};
use lol_html::{element, rewrite_str, RewriteStrSettings};
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

use rayon::prelude::*;

use super::file_text;
use crate::error::PressError;
use crate::index::{List, SiteIndex, Subject};
use crate::meta::SiteConfig;
use crate::sink::Sink;
use crate::story::Story;

/// Items per feed.
pub const FEED_ITEMS: usize = 50;

/// Makes the site-relative links and images of an article body absolute, for feed readers:
/// every `href` and `src` attribute and each address of a `srcset` (lol_html, the HTML
/// rewriter the prerenderer uses too), never text, so a code sample's `href="#x"` stays as
/// written.
pub fn absolutize(html: &str, root: &str, page_url: &str) -> String {
    let rewrite = |url: &str| -> String {
        if url.starts_with('#') {
            format!("{page_url}{url}")
        } else if url.contains("://") || url.starts_with("mailto:") || url.starts_with("//") {
            url.to_string()
        } else {
            krasa_model::paths::page_url(root, url)
        }
    };
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: ["href", "src"]
                .into_iter()
                .map(|attr| {
                    element!(format!("[{attr}]"), move |el| {
                        if let Some(url) = el.get_attribute(attr) {
                            el.set_attribute(attr, &rewrite(&url))?;
                        }
                        Ok(())
                    })
                })
                .chain([element!("[srcset]", move |el| {
                    if let Some(set) = el.get_attribute("srcset") {
                        el.set_attribute("srcset", &rewrite_srcset(&set, &rewrite))?;
                    }
                    Ok(())
                })])
                .collect(),
            ..RewriteStrSettings::new()
        },
    );
    // the body is ammonia's well-formed output: a rewrite failure would be a bug in lol_html;
    // the body is then sent as it is rather than not at all
    rewritten.unwrap_or_else(|_| html.to_string())
}

/// A `srcset` with each candidate's address rewritten (`a.jpg 480w, b.jpg 800w`).
fn rewrite_srcset(set: &str, rewrite: &dyn Fn(&str) -> String) -> String {
    set.split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(' ') {
                Some((url, size)) => format!("{} {size}", rewrite(url)),
                None => rewrite(candidate),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A day's midnight in UTC, for the feeds (which want date-times).
fn midnight(d: Date) -> OffsetDateTime {
    let day = crate::today::to_time(d).unwrap_or(time::Date::MIN);
    day.with_time(time::Time::MIDNIGHT).assume_utc()
}

/// RFC 822 (as RFC 2822 writes it) date for RSS: `Fri, 08 May 2026 00:00:00 +0000`.
pub fn rfc822(d: Date) -> String {
    midnight(d).format(&Rfc2822).unwrap_or_default()
}

/// RFC 3339 date-time for Atom and JSON Feed: `2026-05-08T00:00:00Z`.
pub fn rfc3339(d: Date) -> String {
    midnight(d).format(&Rfc3339).unwrap_or_default()
}

struct Feed<'a> {
    title: String,
    description: String,
    /// The HTML page the feed mirrors.
    page: String,
    /// Where the feed files live, e.g. `feed` → feed.xml, atom.xml, feed.json in the root, or
    /// `tags/ai/` for a tag.
    dir: String,
    items: Vec<&'a Story>,
}

fn article_url(root: &str, s: &ArticleSummary) -> String {
    krasa_model::paths::page_url(root, &Route::article(&s.slug).relative())
}

/// The image of an item in the feeds (the one its page is shared with): its absolute URL
/// and media type.
fn item_image(root: &str, s: &ArticleSummary) -> (String, &'static str) {
    let image = krasa_model::paths::StoryImage::of(s);
    (
        krasa_model::paths::absolute_url(root, &image.src()),
        image.mime(),
    )
}

/// What a feed says of a story, made once per feed for its three formats: making the body's
/// links absolute and escaping it is most of a feed's work. (Made once per build instead, for
/// every feed a story is in, the entries of 100,000 stories held 900 MB at once.)
struct Entry {
    url: String,
    image: String,
    image_type: &'static str,
    published_rfc822: String,
    published: String,
    updated: String,
    /// The body with absolute links (JSON Feed's `content_html`).
    body: String,
    /// The same, escaped for XML (RSS and Atom).
    body_xml: String,
}

impl Entry {
    fn of(r: &Story, root: &str) -> Entry {
        let s = &r.summary;
        let url = article_url(root, s);
        let (image, image_type) = item_image(root, s);
        let body = absolute_body(r, root, &url);
        Entry {
            image_type,
            image,
            published_rfc822: rfc822(r.meta.date),
            published: rfc3339(r.meta.date),
            updated: rfc3339(r.last_changed()),
            body_xml: krasa_model::escape_markup(&body),
            body,
            url,
        }
    }
}

/// What an RSS item or Atom entry shows of a story (the `.xml` templates escape every value
/// but `body_xml`, escaped once in its [`Entry`]).
struct Item<'a> {
    title: &'a str,
    author: &'a str,
    excerpt: &'a str,
    tags: &'a [krasa_model::TagRef],
    url: &'a str,
    image: &'a str,
    image_type: &'static str,
    published_rfc822: &'a str,
    published: &'a str,
    updated: &'a str,
    body_xml: &'a str,
}

impl<'a> Item<'a> {
    fn of(r: &'a Story, entry: &'a Entry) -> Item<'a> {
        let s = &r.summary;
        Item {
            title: &s.title,
            author: &s.author,
            excerpt: &s.excerpt,
            tags: &s.tags,
            url: &entry.url,
            image: &entry.image,
            image_type: entry.image_type,
            published_rfc822: &entry.published_rfc822,
            published: &entry.published,
            updated: &entry.updated,
            body_xml: &entry.body_xml,
        }
    }
}

/// The items of a feed, with their entries (in the feed's order).
fn items<'a>(f: &Feed<'a>, entries: &'a [Entry]) -> Vec<Item<'a>> {
    f.items
        .iter()
        .zip(entries)
        .map(|(r, entry)| Item::of(r, entry))
        .collect()
}

#[derive(askama::Template)]
#[template(path = "rss.xml")]
struct Rss<'a> {
    feed: &'a Feed<'a>,
    language: &'a str,
    self_url: String,
    last_build: Option<String>,
    items: Vec<Item<'a>>,
}

#[derive(askama::Template)]
#[template(path = "atom.xml")]
struct Atom<'a> {
    feed: &'a Feed<'a>,
    self_url: String,
    updated: String,
    items: Vec<Item<'a>>,
}

fn rss(site: &SiteConfig, root: &str, f: &Feed<'_>, entries: &[Entry]) -> String {
    let rss = Rss {
        feed: f,
        language: &site.language,
        self_url: format!("{root}{}feed.xml", f.dir),
        last_build: f.items.first().map(|r| rfc822(r.last_changed())),
        items: items(f, entries),
    };
    file_text(askama::Template::render(&rss))
}

fn atom(root: &str, f: &Feed<'_>, entries: &[Entry]) -> String {
    let newest = f
        .items
        .iter()
        .map(|r| r.last_changed())
        .max()
        .unwrap_or(Date {
            year: 2026,
            month: 1,
            day: 1,
        });
    let atom = Atom {
        feed: f,
        self_url: format!("{root}{}atom.xml", f.dir),
        updated: rfc3339(newest),
        items: items(f, entries),
    };
    file_text(askama::Template::render(&atom))
}

fn json_feed(site: &SiteConfig, root: &str, f: &Feed<'_>, entries: &[Entry]) -> String {
    let items: Vec<serde_json::Value> = f
        .items
        .iter()
        .zip(entries)
        .map(|(r, entry)| {
            let s = &r.summary;
            serde_json::json!({
                "id": entry.url,
                "url": entry.url,
                "title": s.title,
                "summary": s.excerpt,
                "image": entry.image,
                "content_html": entry.body,
                "date_published": entry.published,
                "date_modified": entry.updated,
                "authors": [{ "name": s.author }],
                "tags": s.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": f.title,
        "home_page_url": f.page,
        "feed_url": format!("{root}{}feed.json", f.dir),
        "description": f.description,
        "language": site.language,
        "items": items,
    });
    let mut s = serde_json::to_string_pretty(&feed).unwrap_or_default();
    s.push('\n');
    s
}

fn absolute_body(r: &Story, root: &str, url: &str) -> String {
    absolutize(&r.rendered.html, root, url)
}

/// The feed of a list: its newest stories, named after the list.
fn feed<'a>(index: &SiteIndex<'a>, list: List<'_>, root: &str) -> Feed<'a> {
    let site = index.config;
    let items = list
        .members
        .iter()
        .take(FEED_ITEMS)
        .map(|&k| index.stories[k])
        .collect();
    let listing = list.listing();
    let page = krasa_model::paths::page_url(root, &listing.feed_dir());
    let (title, description) = match list.term.map(|t| &t.subject) {
        None => (site.title.clone(), site.tagline.clone()),
        Some(subject) => (
            format!("{} — {}", subject.name(), site.title),
            match subject {
                Subject::Tag(t) => format!("Stories tagged {} on {}", t.name, site.title),
                Subject::Section(s) => s.description.clone(),
                Subject::Author(a) => format!("Stories by {} on {}", a.name, site.title),
                Subject::Series(s) => s.description.clone(),
            },
        ),
    };
    Feed {
        title,
        description,
        page,
        dir: listing.feed_dir(),
        items,
    }
}

/// Every feed of the site into `sink` (one per list: the site's, each section's, author's and
/// tag's, on all cores), then the corrections feed. `root` is the site's root URL.
pub fn emit(index: &SiteIndex<'_>, root: &str, sink: &dyn Sink) -> Result<(), PressError> {
    let site = index.config;
    let feeds: Vec<Feed<'_>> = index.lists().map(|list| feed(index, list, root)).collect();
    feeds.par_iter().try_for_each(|f| {
        let entries: Vec<Entry> = f.items.iter().map(|r| Entry::of(r, root)).collect();
        let entries = &entries[..];
        sink.root(
            format!("{}feed.xml", f.dir),
            rss(site, root, f, entries).into_bytes(),
        )?;
        sink.root(
            format!("{}atom.xml", f.dir),
            atom(root, f, entries).into_bytes(),
        )?;
        sink.root(
            format!("{}feed.json", f.dir),
            json_feed(site, root, f, entries).into_bytes(),
        )
    })?;
    sink.root(
        krasa_model::paths::CORRECTIONS_FEED.to_string(),
        corrections(index, root).into_bytes(),
    )
}

/// One correction in the corrections feed.
struct CorrectionEntry<'a> {
    /// The story's title.
    title: &'a str,
    /// The story's corrections box.
    url: String,
    /// Unique and stable: the story's URL with the correction's date and number.
    id: String,
    updated: String,
    author: &'a str,
    text: &'a str,
}

#[derive(askama::Template)]
#[template(path = "corrections.xml")]
struct Corrections<'a> {
    title: String,
    self_url: String,
    page: String,
    updated: String,
    entries: Vec<CorrectionEntry<'a>>,
}

/// The site-wide corrections feed: every correction of a published story, newest first
/// (then in the stories' order), dated by the correction.
fn corrections(index: &SiteIndex<'_>, root: &str) -> String {
    let mut entries: Vec<(Date, CorrectionEntry<'_>)> = index
        .stories
        .iter()
        .flat_map(|story| {
            let url = article_url(root, &story.summary);
            story
                .meta
                .corrections
                .iter()
                .enumerate()
                .map(move |(n, c)| {
                    (
                        c.date,
                        CorrectionEntry {
                            title: &story.summary.title,
                            url: format!("{url}#corrections"),
                            id: format!("{url}#correction-{}-{}", c.date, n + 1),
                            updated: rfc3339(c.date),
                            author: &story.summary.author,
                            text: &c.text,
                        },
                    )
                })
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    let newest = entries.first().map_or(index.today, |(d, _)| *d);
    let feed = Corrections {
        title: format!("Corrections — {}", index.config.title),
        self_url: format!("{root}{}", krasa_model::paths::CORRECTIONS_FEED),
        page: root.to_string(),
        updated: rfc3339(newest),
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    };
    file_text(askama::Template::render(&feed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_feeds() {
        let d = Date::new(2026, 5, 8).unwrap();
        assert_eq!(rfc822(d), "Fri, 08 May 2026 00:00:00 +0000");
        assert_eq!(rfc3339(d), "2026-05-08T00:00:00Z");
        assert_eq!(
            rfc822(Date::new(1970, 1, 1).unwrap()),
            "Thu, 01 Jan 1970 00:00:00 +0000"
        );
        assert_eq!(
            rfc822(Date::new(2024, 2, 29).unwrap()),
            "Thu, 29 Feb 2024 00:00:00 +0000"
        );
    }

    #[test]
    fn bodies_get_absolute_links() {
        let html = "<a href=\"articles/b\">b</a> <a href=\"#part\">p</a> <img src=\"img/a.png\" alt=\"a\"> <a href=\"https://e.com/x\">e</a>";
        let out = absolutize(
            html,
            "https://x.example/news/",
            "https://x.example/news/articles/a",
        );
        assert_eq!(out, "<a href=\"https://x.example/news/articles/b\">b</a> <a href=\"https://x.example/news/articles/a#part\">p</a> <img src=\"https://x.example/news/img/a.png\" alt=\"a\"> <a href=\"https://e.com/x\">e</a>");
    }

    #[test]
    fn code_samples_in_bodies_are_not_rewritten() {
        // as ammonia writes them: `"` is escaped in attribute values, not in text
        let html = "<pre><code>&lt;a href=\"#main\"&gt; and src=\"x.png\"</code></pre><p title=\"a &quot;b\" class=\"x\"><a title=\"x > y\" href=\"articles/t#n\">n</a> é</p>";
        let out = absolutize(html, "https://x.example/", "https://x.example/articles/t");
        assert_eq!(out, "<pre><code>&lt;a href=\"#main\"&gt; and src=\"x.png\"</code></pre><p title=\"a &quot;b\" class=\"x\"><a title=\"x > y\" href=\"https://x.example/articles/t#n\">n</a> é</p>");
    }
}
