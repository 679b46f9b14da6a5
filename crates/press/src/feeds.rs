//! Discovery files for the site root: RSS 2.0, Atom and JSON Feed (whole site and per tag,
//! full article content, newest first), sitemap.xml with lastmod, and robots.txt.

use std::collections::BTreeMap;

use krasa_model::{ArticleSummary, Date, Page, Pagination, Route};
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

use rayon::prelude::*;

use crate::compile::{Ready, Sink};
use crate::meta::SiteConfig;
use crate::PressError;

/// Items per feed.
pub const FEED_ITEMS: usize = 50;

pub use krasa_model::paths::site_root;

/// XML escaping for feeds and the sitemap: the project's one markup escaper.
pub use krasa_model::escape_markup as xml_escape;

/// Makes the site-relative links and images of an article body absolute, for feed readers.
///
/// Only `href` and `src` attributes inside tags are rewritten, never text: the body is
/// ammonia's output, where a raw `<` always opens a tag and attribute values are
/// double-quoted, while a code sample's `href="#x"` is text and stays as written.
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
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        // Inside the tag, up to its `>` outside quotes.
        while let Some(c) = rest.chars().next() {
            let attr = [" href=\"", " src=\""]
                .into_iter()
                .find(|p| rest.starts_with(p));
            if let Some(prefix) = attr {
                let value = &rest[prefix.len()..];
                let end = value.find('"').unwrap_or(value.len());
                out.push_str(prefix);
                out.push_str(&rewrite(&value[..end]));
                // the closing quote
                out.push_str(&value[end..(end + 1).min(value.len())]);
                rest = &value[(end + 1).min(value.len())..];
            } else if c == '"' {
                let end = rest[1..].find('"').map_or(rest.len(), |e| e + 2);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            } else {
                out.push(c);
                rest = &rest[c.len_utf8()..];
                if c == '>' {
                    break;
                }
            }
        }
    }
    out.push_str(rest);
    out
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
    items: Vec<&'a Ready>,
}

fn updated_of(r: &Ready) -> Date {
    r.meta.updated.unwrap_or(r.meta.date)
}

fn article_url(root: &str, s: &ArticleSummary) -> String {
    krasa_model::paths::page_url(root, &Route::article(&s.slug).relative())
}

/// The image of an item in the feeds: the one its page is shared with.
fn item_image(root: &str, s: &ArticleSummary) -> String {
    let image = krasa_model::paths::StoryImage::of(s);
    krasa_model::paths::absolute_url(root, image.src())
}

/// The media type of an item image, from its file name.
fn image_type(url: &str) -> &'static str {
    let lower = url.to_ascii_lowercase();
    if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        "image/jpeg"
    } else if lower.ends_with(".webp") {
        "image/webp"
    } else if lower.ends_with(".svg") {
        "image/svg+xml"
    } else {
        "image/png"
    }
}

/// The escaper of the `.xml` templates (askama.toml): the site's one markup escaping.
#[derive(Debug, Clone, Copy)]
pub struct Xml;

impl askama::filters::Escaper for Xml {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, s: &str) -> std::fmt::Result {
        dest.write_str(&xml_escape(s))
    }
}

/// What an RSS item or Atom entry shows of a story.
struct Item<'a> {
    title: &'a str,
    url: String,
    author: &'a str,
    excerpt: &'a str,
    tags: &'a [krasa_model::TagRef],
    image: String,
    image_type: &'static str,
    published_rfc822: String,
    published: String,
    updated: String,
    /// The body with absolute links, as text (the template escapes it).
    body: String,
}

impl<'a> Item<'a> {
    fn of(r: &'a Ready, root: &str) -> Item<'a> {
        let s = &r.summary;
        let url = article_url(root, s);
        let image = item_image(root, s);
        Item {
            title: &s.title,
            author: &s.author,
            excerpt: &s.excerpt,
            tags: &s.tags,
            image_type: image_type(&image),
            image,
            published_rfc822: rfc822(r.meta.date),
            published: rfc3339(r.meta.date),
            updated: rfc3339(updated_of(r)),
            body: absolute_body(r, root, &url),
            url,
        }
    }
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

/// A rendered template as a file: its text and a final newline.
fn file_text(rendered: askama::Result<String>) -> String {
    // rendering into a String fails only if a value's Display does, which ours never do
    let mut text = rendered.unwrap_or_default();
    text.push('\n');
    text
}

fn rss(site: &SiteConfig, root: &str, f: &Feed<'_>) -> String {
    let rss = Rss {
        feed: f,
        language: &site.language,
        self_url: format!("{root}{}feed.xml", f.dir),
        last_build: f.items.first().map(|r| rfc822(updated_of(r))),
        items: f.items.iter().map(|r| Item::of(r, root)).collect(),
    };
    file_text(askama::Template::render(&rss))
}

fn atom(root: &str, f: &Feed<'_>) -> String {
    let newest = f.items.iter().map(|r| updated_of(r)).max().unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    let atom = Atom {
        feed: f,
        self_url: format!("{root}{}atom.xml", f.dir),
        updated: rfc3339(newest),
        items: f.items.iter().map(|r| Item::of(r, root)).collect(),
    };
    file_text(askama::Template::render(&atom))
}

fn json_feed(site: &SiteConfig, root: &str, f: &Feed<'_>) -> String {
    let items: Vec<serde_json::Value> = f
        .items
        .iter()
        .map(|r| {
            let s = &r.summary;
            let url = article_url(root, s);
            serde_json::json!({
                "id": url,
                "url": url,
                "title": s.title,
                "summary": s.excerpt,
                "image": item_image(root, s),
                "content_html": absolute_body(r, root, &url),
                "date_published": rfc3339(r.meta.date),
                "date_modified": rfc3339(updated_of(r)),
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

fn absolute_body(r: &Ready, root: &str, url: &str) -> String {
    absolutize(&r.rendered.html, root, url)
}

/// URLs per sitemap file: the sitemap protocol's limit (it also caps a file at 50 MB; a URL
/// here takes about 110 bytes, so 50,000 of them stay under 6 MB).
pub const SITEMAP_URLS: usize = 50_000;
const _: () = assert!(SITEMAP_URLS <= 50_000, "the sitemap protocol's limit");

/// The sitemaps of these pages (path below the root, date of last change): `sitemap.xml`,
/// a sitemap index, naming `sitemap-1.xml`, `sitemap-2.xml`… of at most `per_file` URLs
/// each, with the newest change of each part.
pub fn sitemaps(root: &str, urls: &[(String, Date)], per_file: usize) -> Vec<(String, Vec<u8>)> {
    let parts: Vec<&[(String, Date)]> = if urls.is_empty() {
        vec![&[]]
    } else {
        urls.chunks(per_file.max(1)).collect()
    };
    let mut files = Vec::new();
    let mut index = SitemapIndex {
        root,
        parts: Vec::new(),
    };
    for (n, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let sitemap = Sitemap { root, urls: part };
        files.push((
            name.clone(),
            file_text(askama::Template::render(&sitemap)).into_bytes(),
        ));
        index.parts.push(SitemapPart {
            name,
            lastmod: part.iter().map(|(_, d)| *d).max(),
        });
    }
    let text = file_text(askama::Template::render(&index));
    files.push(("sitemap.xml".into(), text.into_bytes()));
    files
}

#[derive(askama::Template)]
#[template(path = "sitemap.xml")]
struct Sitemap<'a> {
    root: &'a str,
    urls: &'a [(String, Date)],
}

#[derive(askama::Template)]
#[template(path = "sitemap-index.xml")]
struct SitemapIndex<'a> {
    root: &'a str,
    parts: Vec<SitemapPart>,
}

struct SitemapPart {
    name: String,
    lastmod: Option<Date>,
}

/// Every discovery file (path relative to the site root, bytes) into `sink`, the feeds on
/// all cores.
pub fn site_files(
    site: &SiteConfig,
    root: &str,
    ready: &[Ready],
    published: &[usize],
    sink: &dyn Sink,
) -> Result<(), PressError> {
    let newest: Vec<&Ready> = published.iter().map(|&i| &ready[i]).collect();

    let mut feeds = vec![Feed {
        title: site.title.clone(),
        description: site.tagline.clone(),
        page: krasa_model::paths::page_url(root, &Route::HOME.relative()),
        dir: String::new(),
        items: newest.iter().take(FEED_ITEMS).copied().collect(),
    }];
    let mut by_tag: BTreeMap<&str, (&str, Vec<&Ready>)> = BTreeMap::new();
    for r in &newest {
        for t in &r.summary.tags {
            by_tag
                .entry(t.slug.as_str())
                .or_insert((t.name.as_str(), Vec::new()))
                .1
                .push(r);
        }
    }
    for (slug, (name, items)) in &by_tag {
        feeds.push(Feed {
            title: format!("{} — {}", name, site.title),
            description: format!("Stories tagged {} on {}", name, site.title),
            page: krasa_model::paths::page_url(root, &Route::tag(slug).relative()),
            dir: krasa_model::paths::tag_feed_dir(slug),
            items: items.iter().take(FEED_ITEMS).copied().collect(),
        });
    }
    feeds.par_iter().try_for_each(|f| {
        sink.root(
            format!("{}feed.xml", f.dir),
            rss(site, root, f).into_bytes(),
        )?;
        sink.root(format!("{}atom.xml", f.dir), atom(root, f).into_bytes())?;
        sink.root(
            format!("{}feed.json", f.dir),
            json_feed(site, root, f).into_bytes(),
        )
    })?;

    // the sitemaps: every page with the date its content last changed.
    let page_size = site.page_size as usize;
    let mut urls: Vec<(String, Date)> = Vec::new();
    let newest_date = |items: &[&Ready]| items.iter().map(|r| updated_of(r)).max();
    // each page of a list, dated by its newest story (the front page even when empty)
    let list = |urls: &mut Vec<(String, Date)>, items: &[&Ready], route: &dyn Fn(Page) -> Route| {
        let pagination = Pagination::new(items.len(), page_size);
        for page in pagination.all() {
            let route = route(page);
            let date = newest_date(&items[pagination.range(page)]);
            if let Some(d) = date.or_else(|| (route == Route::HOME).then(crate::today::today)) {
                urls.push((route.relative(), d));
            }
        }
    };
    list(&mut urls, &newest, &|page| Route::Feed { page });
    if let Some(d) = newest_date(&newest) {
        urls.push((Route::Tags.relative(), d));
    }
    for (slug, (_, items)) in &by_tag {
        list(&mut urls, items, &|page| Route::Tag {
            slug: slug.to_string(),
            page,
        });
    }
    for r in &newest {
        urls.push((Route::article(&r.summary.slug).relative(), updated_of(r)));
    }
    for (rel, bytes) in sitemaps(root, &urls, SITEMAP_URLS) {
        sink.root(rel, bytes)?;
    }
    sink.root(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n").into_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemaps_split_by_the_limit_and_list_every_page_once() {
        let date = |day| Date {
            year: 2026,
            month: 5,
            day,
        };
        let urls: Vec<(String, Date)> = (1..=5)
            .map(|i| (format!("articles/a{i}/"), date(i)))
            .collect();
        let files = sitemaps("https://e.com/", &urls, 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        let text = |name: &str| {
            let bytes = &files.iter().find(|(n, _)| n == name).unwrap().1;
            String::from_utf8(bytes.clone()).unwrap()
        };
        let index = text("sitemap.xml");
        let doc = roxmltree::Document::parse(&index).expect("the index is XML");
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        assert!(index.contains(
            "<sitemap><loc>https://e.com/sitemap-3.xml</loc><lastmod>2026-05-05</lastmod></sitemap>"
        ));
        let mut listed = Vec::new();
        for part in ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"] {
            let xml = text(part);
            let doc = roxmltree::Document::parse(&xml).expect("each part is XML");
            let locs: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("loc"))
                .map(|n| n.text().unwrap().to_string())
                .collect();
            assert!(locs.len() <= 2, "{part} holds at most the limit");
            listed.extend(locs);
        }
        let expected: Vec<String> = (1..=5)
            .map(|i| format!("https://e.com/articles/a{i}/"))
            .collect();
        assert_eq!(listed, expected, "every page, once, in order");
    }

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

    #[test]
    fn xml_escaping_drops_forbidden_characters() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
