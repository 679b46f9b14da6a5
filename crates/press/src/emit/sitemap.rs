//! The sitemaps emitter: `sitemap.xml` (an index) naming `sitemap-1.xml`, `sitemap-2.xml`…,
//! every dated page of the site index with the day it last changed, and `robots.txt`.

use krasa_model::Date;

use super::file_text;
use crate::error::PressError;
use crate::index::SiteIndex;
use crate::sink::Sink;

/// The sitemaps of every page with a date, and robots.txt, into `sink`. `root` is the
/// site's root URL.
pub fn emit(index: &SiteIndex<'_>, root: &str, sink: &dyn Sink) -> Result<(), PressError> {
    let urls: Vec<(String, Date)> = index
        .pages()
        .into_iter()
        .filter_map(|p| Some((p.route.relative(), p.last_changed?)))
        .collect();
    for (rel, bytes) in sitemaps(root, &urls, SITEMAP_URLS) {
        sink.root(rel, bytes)?;
    }
    sink.root(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {root}sitemap.xml\n").into_bytes(),
    )
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
}
