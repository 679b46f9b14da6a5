//! Discovery files for the site root: RSS 2.0, Atom and JSON Feed (whole site and per tag,
//! full article content, newest first), sitemap.xml with lastmod, and robots.txt.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use krasa_model::{ArticleSummary, Date, Page, Pagination, Route};
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

use crate::compile::Ready;
use crate::meta::SiteConfig;

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

fn rss(site: &SiteConfig, root: &str, f: &Feed<'_>) -> String {
    let self_url = format!("{root}{}feed.xml", f.dir);
    let mut x = String::with_capacity(4096 + f.items.len() * 6000);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n");
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&f.title));
    let _ = writeln!(x, "<link>{}</link>", xml_escape(&f.page));
    let _ = writeln!(
        x,
        "<description>{}</description>",
        xml_escape(&f.description)
    );
    let _ = writeln!(x, "<language>{}</language>", xml_escape(&site.language));
    let _ = writeln!(
        x,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        xml_escape(&self_url)
    );
    if let Some(first) = f.items.first() {
        let _ = writeln!(
            x,
            "<lastBuildDate>{}</lastBuildDate>",
            rfc822(updated_of(first))
        );
    }
    for r in &f.items {
        let s = &r.summary;
        let url = article_url(root, s);
        x.push_str("<item>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&s.title));
        let _ = writeln!(x, "<link>{}</link>", xml_escape(&url));
        let _ = writeln!(x, "<guid isPermaLink=\"true\">{}</guid>", xml_escape(&url));
        let _ = writeln!(x, "<pubDate>{}</pubDate>", rfc822(r.meta.date));
        let _ = writeln!(x, "<description>{}</description>", xml_escape(&s.excerpt));
        for t in &s.tags {
            let _ = writeln!(x, "<category>{}</category>", xml_escape(&t.name));
        }
        let image = item_image(root, s);
        let _ = writeln!(
            x,
            "<media:content url=\"{}\" type=\"{}\" medium=\"image\"/>",
            xml_escape(&image),
            image_type(&image)
        );
        let body = absolutize(&r.rendered.html, root, &url);
        let _ = writeln!(
            x,
            "<content:encoded>{}</content:encoded>",
            xml_escape(&body)
        );
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn atom(root: &str, f: &Feed<'_>) -> String {
    let self_url = format!("{root}{}atom.xml", f.dir);
    let mut x = String::with_capacity(4096 + f.items.len() * 6000);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "<title>{}</title>", xml_escape(&f.title));
    let _ = writeln!(x, "<subtitle>{}</subtitle>", xml_escape(&f.description));
    let _ = writeln!(x, "<id>{}</id>", xml_escape(&self_url));
    let _ = writeln!(
        x,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&self_url)
    );
    let _ = writeln!(
        x,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&f.page)
    );
    let newest = f.items.iter().map(|r| updated_of(r)).max().unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    });
    let _ = writeln!(x, "<updated>{}</updated>", rfc3339(newest));
    for r in &f.items {
        let s = &r.summary;
        let url = article_url(root, s);
        x.push_str("<entry>\n");
        let _ = writeln!(x, "<title>{}</title>", xml_escape(&s.title));
        let _ = writeln!(
            x,
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&url)
        );
        let image = item_image(root, s);
        let _ = writeln!(
            x,
            "<link rel=\"enclosure\" type=\"{}\" href=\"{}\"/>",
            image_type(&image),
            xml_escape(&image)
        );
        let _ = writeln!(x, "<id>{}</id>", xml_escape(&url));
        let _ = writeln!(x, "<published>{}</published>", rfc3339(r.meta.date));
        let _ = writeln!(x, "<updated>{}</updated>", rfc3339(updated_of(r)));
        let _ = writeln!(x, "<author><name>{}</name></author>", xml_escape(&s.author));
        for t in &s.tags {
            let _ = writeln!(
                x,
                "<category term=\"{}\" label=\"{}\"/>",
                xml_escape(&t.slug),
                xml_escape(&t.name)
            );
        }
        let _ = writeln!(x, "<summary>{}</summary>", xml_escape(&s.excerpt));
        let body = absolutize(&r.rendered.html, root, &url);
        let _ = writeln!(x, "<content type=\"html\">{}</content>", xml_escape(&body));
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
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
    let mut files = Vec::new();
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let parts: Vec<&[(String, Date)]> = if urls.is_empty() {
        vec![&[]]
    } else {
        urls.chunks(per_file.max(1)).collect()
    };
    for (n, part) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let mut sm = String::with_capacity(part.len() * 120 + 200);
        sm.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (path, d) in part.iter() {
            let _ = writeln!(
                sm,
                "<url><loc>{}{}</loc><lastmod>{d}</lastmod></url>",
                xml_escape(root),
                xml_escape(path)
            );
        }
        sm.push_str("</urlset>\n");
        files.push((name.clone(), sm.into_bytes()));
        let _ = write!(index, "<sitemap><loc>{}{name}</loc>", xml_escape(root));
        if let Some(d) = part.iter().map(|(_, d)| *d).max() {
            let _ = write!(index, "<lastmod>{d}</lastmod>");
        }
        index.push_str("</sitemap>\n");
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index.into_bytes()));
    files
}

/// Every discovery file, as (path relative to the site root, bytes).
pub fn site_files(
    site: &SiteConfig,
    root: &str,
    ready: &[Ready],
    published: &[usize],
) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
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
    for f in &feeds {
        out.push((
            format!("{}feed.xml", f.dir),
            rss(site, root, f).into_bytes(),
        ));
        out.push((format!("{}atom.xml", f.dir), atom(root, f).into_bytes()));
        out.push((
            format!("{}feed.json", f.dir),
            json_feed(site, root, f).into_bytes(),
        ));
    }

    // the sitemaps: every page with the date its content last changed.
    let page_size = site.page_size as usize;
    let mut urls: Vec<(String, Date)> = Vec::new();
    let newest_date = |items: &[&Ready]| items.iter().map(|r| updated_of(r)).max();
    // each page of a list, dated by its newest story (the front page even when empty)
    let list = |urls: &mut Vec<(String, Date)>, items: &[&Ready], route: &dyn Fn(Page) -> Route| {
        let pagination = Pagination::new(items.len(), page_size);
        for page in pagination.all() {
            let date = newest_date(&items[pagination.range(page)]);
            if let Some(d) = date.or_else(|| (route(page) == Route::HOME).then(crate::today::today))
            {
                urls.push((route(page).relative(), d));
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
    out.extend(sitemaps(root, &urls, SITEMAP_URLS));
    out.push((
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n").into_bytes(),
    ));
    out
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
