//! Prerendering: every route of the site rendered to a complete HTML page, natively, by the
//! same components the browser runs (Leptos SSR). Each page carries its readable content,
//! its head (title, description, canonical URL, Open Graph, Twitter card, JSON-LD) and the
//! data the app needs to take over without fetching it again.

use std::fmt::Write as _;

use krasa_model::{paths as data, Article, ListPage, Site, TagIndex};
use leptos::prelude::*;
use serde_json::Value;

use crate::api;
use crate::App;

/// Trunk's `index.html`: the asset links and loader the pages share.
pub struct Shell {
    html: String,
}

/// What a route needs to render.
pub struct RouteData {
    /// Router path, e.g. `/articles/x` (without the deploy base).
    pub route: String,
    /// Output file relative to the site root, e.g. `articles/x.html`.
    pub file: String,
    /// Data files (path as in [`krasa_model::paths`], JSON) to prime and embed.
    pub data: Vec<(String, Value)>,
    /// HTTP status the page stands for (404 for the not-found page).
    pub not_found: bool,
}

/// Head tags built from the data, beside what the components set (title, description,
/// canonical link, feeds): social cards and structured data. They are marked
/// `data-first-page`, so the app removes them on its first navigation (they describe only the
/// page first loaded) and keeps them while that page is shown.
pub struct HeadExtras {
    pub canonical: Option<String>,
    pub tags: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PrerenderError {
    #[error("{0}")]
    Shell(String),
    #[error("data file {path}: {message}")]
    Data { path: String, message: String },
}

/// The script that starts the app on a prerendered page. It is the same on every page and in
/// every build (the app's file names come from `<meta name="krasa-app">`), so the
/// Content-Security-Policy allows it by its SHA-256 (`deploy/nginx.conf`, `public/_headers`),
/// and being inline it costs no request before the first paint. It starts the app once the
/// first contentful paint is on screen (paint timing) and the page has loaded, so no app
/// request competes with the largest paint; without paint timing after `load` and a frame;
/// and at the latest 3 s after `load` (some privacy modes hide paint entries). A hidden tab
/// starts the app when it is first shown, or after those 3 s.
pub const BOOT_SCRIPT: &str = "(function(){var m=document.querySelector('meta[name=\"krasa-app\"]');if(!m)return;var f=m.content.split(' '),started=false;function start(){if(started)return;started=true;import(f[0]).then(function(b){return b.default({module_or_path:f[1]}).then(function(w){window.wasmBindings=b;dispatchEvent(new CustomEvent('TrunkApplicationStarted',{detail:{wasm:w}}))})})}function afterLoad(g){if(document.readyState==='complete')g();else addEventListener('load',g,{once:true})}function later(){setTimeout(start,0)}var t=(window.PerformanceObserver&&PerformanceObserver.supportedEntryTypes)||[];if(t.indexOf('paint')>=0){new PerformanceObserver(function(l,o){if(l.getEntries().some(function(e){return e.name==='first-contentful-paint'})){o.disconnect();afterLoad(later)}}).observe({type:'paint',buffered:true});afterLoad(function(){setTimeout(start,3000)})}else afterLoad(function(){requestAnimationFrame(later)})})();";

impl Shell {
    /// Replaces Trunk's inline `<script type="module">` loader (and its preload links, which
    /// would start the downloads before the first paint) with `<meta name="krasa-app">`
    /// naming the app's JS and wasm, and [`BOOT_SCRIPT`]. `None` if the shell has no loader.
    pub fn replace_loader(html: &mut String) -> Option<()> {
        let open = "<script type=\"module\">";
        let start = html.find(open)?;
        let body_start = start + open.len();
        let end = body_start + html[body_start..].find("</script>")?;
        let inline = &html[body_start..end];
        let js_path = between(inline, "from '", "'")?;
        let wasm_path = between(inline, "module_or_path: '", "'")?;
        let tags = format!(
            "<meta name=\"krasa-app\" content=\"{} {}\"><script>{BOOT_SCRIPT}</script>",
            esc(js_path),
            esc(wasm_path)
        );
        html.replace_range(start..end + "</script>".len(), &tags);
        for marker in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
            while let Some(a) = html.find(marker) {
                let Some(len) = html[a..].find('>') else {
                    break;
                };
                html.replace_range(a..a + len + 1, "");
            }
        }
        Some(())
    }

    pub fn new(html: String) -> Result<Shell, PrerenderError> {
        if html.contains(api::EMBEDDED_DATA_ID) {
            return Err(PrerenderError::Shell(
                "index.html is already a prerendered page; give the Trunk shell".into(),
            ));
        }
        for needle in ["</head>", "<body", "</body>", "<title>"] {
            if !html.contains(needle) {
                return Err(PrerenderError::Shell(format!("index.html has no {needle}")));
            }
        }
        Ok(Shell { html })
    }

    /// A complete page: the shell with this page's head, content and data. The not-found
    /// page's data is marked, so the app shows that page at once for whatever address the
    /// server answered with it.
    pub fn page(
        &self,
        head: &str,
        html_attrs: &str,
        body: &str,
        data_json: &str,
        not_found: bool,
    ) -> String {
        let mut out = self.html.clone();
        // Replace the shell's own <title> and description with the page's.
        if let (Some(a), Some(b)) = (out.find("<title>"), out.find("</title>")) {
            out.replace_range(a..b + "</title>".len(), "");
        }
        if let Some(a) = out.find("<meta name=\"description\"") {
            if let Some(len) = out[a..].find('>') {
                out.replace_range(a..a + len + 1, "");
            }
        }
        if !html_attrs.is_empty() {
            if let Some(a) = out.find("<html") {
                let end = a + out[a..].find('>').unwrap_or(5);
                let tag = out[a..end].to_string();
                let tag = strip_attr(&tag, "lang");
                out.replace_range(a..end, &format!("{} {}", tag.trim_end(), html_attrs.trim()));
            }
        }
        if let Some(h) = out.find("</head>") {
            out.insert_str(h, head);
        }
        let marker = if not_found {
            format!(" {}", api::NOT_FOUND_ATTR)
        } else {
            String::new()
        };
        let app = format!(
            "<div id=\"{}\">{body}</div><script id=\"{}\" type=\"application/json\"{marker}>{data_json}</script>",
            crate::ROOT_ID,
            api::EMBEDDED_DATA_ID
        );
        if let Some(b) = out.find("<body") {
            let open_end = b + out[b..].find('>').unwrap_or(0) + 1;
            out.insert_str(open_end, &app);
        }
        out
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let a = s.find(start)? + start.len();
    let b = a + s[a..].find(end)?;
    Some(&s[a..b])
}

fn strip_attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(a) => {
            let rest = &tag[a + key.len()..];
            let end = rest
                .find('"')
                .map(|e| a + key.len() + e + 1)
                .unwrap_or(tag.len());
            format!("{}{}", &tag[..a], &tag[end..])
        }
        None => tag.to_string(),
    }
}

/// Puts a data file into the app's cache as its type.
fn prime(rel: &str, value: &Value) -> Result<(), PrerenderError> {
    fn typed<T: serde::de::DeserializeOwned + 'static>(
        rel: &str,
        value: &Value,
    ) -> Result<(), PrerenderError> {
        let v: T = serde_json::from_value(value.clone()).map_err(|e| PrerenderError::Data {
            path: rel.to_string(),
            message: e.to_string(),
        })?;
        api::prime(rel, v);
        Ok(())
    }
    if rel == data::site_json() {
        typed::<Site>(rel, value)
    } else if rel == data::tags_json() {
        typed::<TagIndex>(rel, value)
    } else if rel.starts_with("articles/") {
        typed::<Article>(rel, value)
    } else {
        typed::<ListPage>(rel, value)
    }
}

/// Renders one route: returns (head tags from the components, `<html>` attributes, body).
pub fn render(route: &RouteData, base: &str) -> Result<(String, String, String), PrerenderError> {
    api::clear();
    for (rel, value) in &route.data {
        prime(rel, value)?;
    }
    let language = api::peek::<Site>(&data::site_json()).map(|s| s.language);
    let owner = Owner::new();
    let body = owner.with(|| {
        let base = base.to_string();
        let path = route.route.clone();
        view! { <App base=base path=path/> }.to_html()
    });
    drop(owner);
    let head = crate::head::take()
        .map(|h| format!("<title>{}</title>{}", esc(&h.title), h.tags()))
        .unwrap_or_default();
    let html_attrs = language
        .map(|l| format!("lang=\"{}\"", esc(&l)))
        .unwrap_or_default();
    Ok((head, html_attrs, body))
}

/// HTML escaping for text and attribute values: the project's one markup escaper.
pub use krasa_model::escape_markup as esc;

/// JSON that is safe inside a `<script>` element.
pub fn script_json(v: &Value) -> String {
    // `<` only occurs inside JSON strings, where `\u003c` means the same and cannot end the
    // script element or open a comment.
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

/// Canonical URL, social cards and structured data for a route.
pub fn head_extras(site: &Site, site_root: &str, route: &RouteData) -> HeadExtras {
    let mut tags = String::new();
    if route.not_found {
        // the NotFound component sets `robots: noindex` itself
        return HeadExtras {
            canonical: None,
            tags: String::new(),
        };
    }
    let canonical = data::page_url(site_root, &route.route);
    let article = route
        .data
        .iter()
        .find(|(rel, _)| rel.starts_with("articles/"))
        .and_then(|(_, v)| serde_json::from_value::<Article>(v.clone()).ok());
    let (title, description, kind) = match &article {
        Some(a) => (
            a.summary.title.clone(),
            a.summary.excerpt.clone(),
            "article",
        ),
        None => (site.title.clone(), site.tagline.clone(), "website"),
    };
    let _ = write!(
        tags,
        "<meta property=\"og:type\" content=\"{kind}\"><meta property=\"og:site_name\" content=\"{}\"><meta property=\"og:title\" content=\"{}\"><meta property=\"og:description\" content=\"{}\"><meta property=\"og:url\" content=\"{}\"><meta property=\"og:locale\" content=\"{}\">",
        esc(&site.title),
        esc(&title),
        esc(&description),
        esc(&canonical),
        esc(&site.language.replace('-', "_")),
    );
    let card = match article.as_ref().and_then(|a| a.summary.image.as_ref()) {
        Some(img) => {
            let src = absolute(site_root, &img.src);
            let _ = write!(
                tags,
                "<meta property=\"og:image\" content=\"{}\"><meta property=\"og:image:alt\" content=\"{}\">",
                esc(&src),
                esc(&img.alt)
            );
            "summary_large_image"
        }
        None => "summary",
    };
    let _ = write!(
        tags,
        "<meta name=\"twitter:card\" content=\"{card}\"><meta name=\"twitter:title\" content=\"{}\"><meta name=\"twitter:description\" content=\"{}\">",
        esc(&title),
        esc(&description)
    );
    if let Some(a) = &article {
        let s = &a.summary;
        let _ = write!(
            tags,
            "<meta property=\"article:published_time\" content=\"{}\">",
            esc(&s.date)
        );
        if let Some(u) = &s.updated {
            let _ = write!(
                tags,
                "<meta property=\"article:modified_time\" content=\"{}\">",
                esc(u)
            );
        }
        let _ = write!(
            tags,
            "<meta property=\"article:section\" content=\"{}\">",
            esc(&s.category)
        );
        for t in &s.tags {
            let _ = write!(
                tags,
                "<meta property=\"article:tag\" content=\"{}\">",
                esc(&t.name)
            );
        }
        let author_type = if s.author == site.title {
            "Organization"
        } else {
            "Person"
        };
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": s.title,
            "description": s.excerpt,
            "datePublished": s.date,
            "dateModified": s.updated.clone().unwrap_or_else(|| s.date.clone()),
            "author": { "@type": author_type, "name": s.author },
            "publisher": { "@type": "Organization", "name": site.title, "url": site_root },
            "mainEntityOfPage": canonical,
            "articleSection": s.category,
            "keywords": s.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
            "wordCount": s.word_count,
            "inLanguage": site.language,
        });
        if let Some(img) = &s.image {
            ld["image"] = Value::String(absolute(site_root, &img.src));
        }
        let _ = write!(
            tags,
            "<script type=\"application/ld+json\">{}</script>",
            script_json(&ld)
        );
    }
    // One marker per element, so the app can find and remove them.
    let tags = tags
        .replace(
            "<meta ",
            &format!("<meta {} ", crate::head::FIRST_PAGE_MARK),
        )
        .replace(
            "<script type=",
            &format!("<script {} type=", crate::head::FIRST_PAGE_MARK),
        );
    HeadExtras {
        canonical: Some(canonical),
        tags,
    }
}

fn absolute(site_root: &str, src: &str) -> String {
    if src.starts_with("http://") || src.starts_with("https://") {
        src.to_string()
    } else {
        data::page_url(site_root, src)
    }
}

/// The output file for a router path.
pub fn file_for(route: &str) -> String {
    let r = route.trim_matches('/');
    if r.is_empty() {
        "index.html".into()
    } else {
        format!("{r}.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use krasa_model::{ArticleSummary, TagRef, DATA_VERSION};

    fn site() -> Site {
        Site {
            version: DATA_VERSION,
            title: "Krasa News".into(),
            tagline: "Tutorials".into(),
            base_url: "https://news.example/".into(),
            language: "en".into(),
            page_size: 10,
            total_articles: 1,
            feed_pages: 1,
            nav: vec![],
        }
    }

    fn article() -> Article {
        Article {
            version: DATA_VERSION,
            summary: ArticleSummary {
                slug: "talks".into(),
                title: "Talks <begin>".into(),
                date: "2026-05-08".into(),
                updated: None,
                author: "Krasa News".into(),
                category: "Breaking".into(),
                tags: vec![TagRef {
                    name: "AI Policy".into(),
                    slug: "ai-policy".into(),
                }],
                excerpt: "Leaders meet.".into(),
                reading_minutes: 5,
                word_count: 1000,
                image: None,
            },
            body_html: "<p>Body text.</p><h2 id=\"why\">Why</h2>".into(),
            headings: vec![],
            related: vec![],
        }
    }

    fn route(base: &str) -> (RouteData, String, String, String) {
        let r = RouteData {
            route: "/articles/talks".into(),
            file: file_for("/articles/talks"),
            data: vec![
                (data::site_json(), serde_json::to_value(site()).unwrap()),
                (
                    data::article_json("talks"),
                    serde_json::to_value(article()).unwrap(),
                ),
            ],
            not_found: false,
        };
        let (head, attrs, body) = render(&r, base).unwrap();
        (r, head, attrs, body)
    }

    #[test]
    fn an_article_renders_with_the_app_components() {
        let (_, head, attrs, body) = route("");
        assert!(
            head.contains("<title>Talks &lt;begin&gt; — Krasa News</title>"),
            "{head}"
        );
        assert!(
            head.contains("name=\"description\" content=\"Leaders meet.\""),
            "{head}"
        );
        assert!(attrs.contains("lang=\"en\""), "{attrs}");
        assert!(
            head.contains(
                "<link rel=\"canonical\" href=\"https://news.example/articles/talks\" data-head>"
            ),
            "{head}"
        );
        assert!(body.contains("Talks &lt;begin&gt;</h1>"), "{body}");
        assert!(body.contains("<h2 id=\"why\">Why</h2>"), "{body}");
        assert!(body.contains("href=\"/tags/ai-policy\""), "{body}");
        assert!(
            !body.contains("class=\"loading"),
            "no skeleton in a prerendered page"
        );
    }

    #[test]
    fn links_carry_the_sub_path() {
        let (_, head, _, body) = route("/news");
        assert!(
            head.contains("href=\"https://news.example/news/articles/talks\""),
            "{head}"
        );
        assert!(body.contains("href=\"/news/tags/ai-policy\""), "{body}");
        assert!(body.contains("href=\"/news/\""), "{body}");
        crate::paths::set_base("");
    }

    #[test]
    fn unknown_routes_render_the_not_found_page() {
        let r = RouteData {
            route: "/404".into(),
            file: "404.html".into(),
            data: vec![(data::site_json(), serde_json::to_value(site()).unwrap())],
            not_found: true,
        };
        let (head, _, body) = render(&r, "").unwrap();
        assert!(body.contains("Page not found"), "{body}");
        assert!(head.contains("noindex"), "{head}");
        assert!(!head.contains("canonical"), "{head}");
    }

    #[test]
    fn head_extras_describe_the_article() {
        let (r, ..) = route("");
        let extras = head_extras(&site(), "https://news.example/", &r);
        assert_eq!(
            extras.canonical.as_deref(),
            Some("https://news.example/articles/talks")
        );
        assert!(extras.tags.contains("\"@type\":\"NewsArticle\""));
        assert!(extras
            .tags
            .contains("og:title\" content=\"Talks &lt;begin&gt;\""));
        assert!(extras.tags.contains("article:tag\" content=\"AI Policy\""));
        assert!(
            !extras.tags.contains("canonical"),
            "the app's head writes it"
        );
        assert_eq!(
            extras.tags.matches("<meta ").count() + extras.tags.matches("<script ").count(),
            extras.tags.matches(crate::head::FIRST_PAGE_MARK).count(),
            "every social tag is marked for removal on navigation"
        );
    }

    #[test]
    fn the_shell_becomes_a_page_and_loses_its_inline_loader() {
        let mut html = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Krasa News</title><meta name=\"description\" content=\"x\"><script type=\"module\">\nimport init, * as bindings from '/news/krasa-1.js';\nconst wasm = await init({ module_or_path: '/news/krasa-1_bg.wasm' });\n</script><link rel=\"modulepreload\" href=\"/news/krasa-1.js\"><link rel=\"preload\" href=\"/news/krasa-1_bg.wasm\" as=\"fetch\"></head><body>\n</body></html>".to_string();
        Shell::replace_loader(&mut html).unwrap();
        assert!(!html.contains("preload"), "{html}");
        assert!(!html.contains("type=\"module\""), "{html}");
        assert!(html.contains(&format!(
            "<meta name=\"krasa-app\" content=\"/news/krasa-1.js /news/krasa-1_bg.wasm\"><script>{BOOT_SCRIPT}</script>"
        )));
        assert!(BOOT_SCRIPT.contains("first-contentful-paint"));
        assert!(BOOT_SCRIPT.contains("addEventListener('load'"));
        let shell = Shell::new(html).unwrap();
        let page = shell.page(
            "<title>T</title>",
            "lang=\"fr\"",
            "<main>hi</main>",
            "{\"a\":1}",
            false,
        );
        assert!(page.contains("<html lang=\"fr\">"), "{page}");
        assert_eq!(page.matches("<title>").count(), 1);
        assert!(!page.contains("content=\"x\""));
        assert!(page.contains("<body><div id=\"app\"><main>hi</main></div><script id=\"krasa-data\" type=\"application/json\">{\"a\":1}</script>"));
        assert!(
            Shell::new(page).is_err(),
            "a prerendered page is not a shell"
        );
    }

    #[test]
    fn embedded_json_cannot_close_its_script() {
        let v = serde_json::json!({ "body": "</script><script>alert(1)</script><!--" });
        let s = script_json(&v);
        assert!(!s.contains("</script"));
        assert!(!s.contains("<!--"));
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), v);
    }

    #[test]
    fn routes_map_to_html_files() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/tags"), "tags.html");
        assert_eq!(file_for("/tags/ai/page/2"), "tags/ai/page/2.html");
    }
}
