//! Rendering one route natively, for the prerenderer (`crates/prerender`), by the same `App`
//! and components the browser runs (Leptos SSR, leptos_router given the address as a
//! `RequestUrl`): the page's readable content, its head (title, description, canonical URL,
//! social card, JSON-LD) and the data the app needs to take over without fetching it again.
//! The prerenderer puts the result into Trunk's shell.

use anyhow::{bail, Context, Result};
use krasa_model::{paths, Article, ListPage, Route, Site, TagIndex};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::DataCache;
use crate::head::{script_json, HeadSink, PageAbout, SocialCard};
use crate::links::Base;
use crate::{App, Launch};

/// A page to prerender: a route, or the site's not-found page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Route,
    NotFound,
}

/// One page to prerender and the data it shows.
pub struct PageSpec {
    /// `None` for the not-found page.
    pub route: Option<Route>,
    /// The route's data file (its [`Route::data_file`]) as JSON; `Null` for the not-found
    /// page.
    pub data: Value,
}

impl PageSpec {
    /// The output file relative to the site root: the `index.html` of the page's folder
    /// (`index.html`, `page/2/index.html`, `articles/<slug>/index.html`, `tags/index.html`,
    /// `tags/<tag>/index.html`, `tags/<tag>/page/<n>/index.html`, `search/index.html`), and
    /// `404.html`.
    pub fn file(&self) -> String {
        Self::file_of(&self.route)
    }

    /// The output file of the page of `route` ([`PageSpec::file`]).
    pub fn file_of(route: &Option<Route>) -> String {
        match route {
            None => "404.html".into(),
            Some(r) => format!("{}index.html", r.relative()),
        }
    }

    fn kind(&self) -> PageKind {
        match self.route {
            Some(_) => PageKind::Route,
            None => PageKind::NotFound,
        }
    }
}

/// A rendered page, ready to go into the shell (the prerenderer's `Shell`).
#[derive(Debug)]
pub struct RenderedPage {
    /// `<title>` and the head elements.
    pub head: String,
    pub lang: String,
    pub body: String,
    /// The embedded data (data file → JSON), safe inside `<script>`.
    pub data_json: String,
    pub kind: PageKind,
}

/// The site a build renders: its data and where it is deployed.
pub struct SiteContext {
    pub site: Site,
    /// site.json as published, embedded in every page.
    pub site_json: Value,
    pub base: Base,
    /// The canonical root URL, with the deploy sub-path, ending in `/`.
    pub site_root: String,
}

impl SiteContext {
    pub fn new(site_json: Value, base: Base) -> Result<SiteContext> {
        let site: Site = serde_json::from_value(site_json.clone()).context("site.json")?;
        let public_url = format!("{}/", base.as_str());
        let site_root = paths::site_root(&site.base_url, &public_url);
        Ok(SiteContext {
            site,
            site_json,
            base,
            site_root,
        })
    }
}

fn typed<T: DeserializeOwned + 'static>(cache: DataCache, rel: &str, value: &Value) -> Result<()> {
    let v = T::deserialize(value).with_context(|| format!("data file {rel}"))?;
    cache.prime(rel, v);
    Ok(())
}

/// Puts the page's data into the app's cache as the type its route reads.
fn prime(cache: DataCache, ctx: &SiteContext, spec: &PageSpec) -> Result<()> {
    cache.prime(&paths::site_json(), ctx.site.clone());
    let Some(route) = &spec.route else {
        return Ok(());
    };
    let Some(rel) = route.data_file() else {
        return Ok(());
    };
    match route {
        Route::Feed { .. }
        | Route::Tag { .. }
        | Route::Section { .. }
        | Route::Author { .. }
        | Route::Series { .. } => typed::<ListPage>(cache, &rel, &spec.data),
        Route::Article { .. } => typed::<Article>(cache, &rel, &spec.data),
        Route::Tags => typed::<TagIndex>(cache, &rel, &spec.data),
        Route::Search => Ok(()),
    }
}

/// Renders one page with the app's components.
pub fn render(ctx: &SiteContext, spec: &PageSpec) -> Result<RenderedPage> {
    // The not-found page is rendered at an address that is no route (a file name: no slug
    // has a dot, so not even a section's short address).
    let path = spec
        .route
        .as_ref()
        .map_or_else(|| "/404.html".to_string(), Route::path);
    let owner = Owner::new();
    let (body, head, about) = owner.with(|| -> Result<_> {
        provide_context(RequestUrl::new(&format!("{}{path}", ctx.base.as_str())));
        let cache = DataCache::new();
        prime(cache, ctx, spec)?;
        provide_context(cache);
        let sink = HeadSink::new();
        provide_context(sink);
        let launch = Launch {
            base: ctx.base.clone(),
            ..Launch::default()
        };
        let body = view! { <App launch=launch/> }.to_html();
        // The story or the author as primed, for the social card and structured data.
        let peek = |route: &Route| route.data_file();
        let about = match &spec.route {
            Some(route @ Route::Article { .. }) => peek(route)
                .and_then(|rel| cache.peek::<Article>(&rel))
                .map(|a| PageAbout::Article(Box::new(a))),
            Some(route @ Route::Author { .. }) => peek(route)
                .and_then(|rel| cache.peek::<ListPage>(&rel))
                .and_then(|list| list.author)
                .map(PageAbout::Author),
            _ => None,
        };
        Ok((body, sink.take(), about))
    })?;
    drop(owner);
    if body.contains("class=\"loading") {
        bail!("{path} rendered a loading skeleton: its data was not primed");
    }
    let head = head.with_context(|| format!("{path} set no head"))?;
    let social = spec.route.as_ref().map(|route| {
        let canonical = paths::page_url(&ctx.site_root, &route.relative());
        SocialCard {
            site: &ctx.site,
            site_root: &ctx.site_root,
            canonical: &canonical,
            about: about.as_ref(),
        }
        .tags()
    });
    Ok(RenderedPage {
        head: format!("{}{}", head.document_tags(), social.unwrap_or_default()),
        lang: ctx.site.language.clone(),
        body,
        data_json: embedded_json(ctx, spec),
        kind: spec.kind(),
    })
}

/// The data a page embeds: site.json and the route's data file.
fn embedded_json(ctx: &SiteContext, spec: &PageSpec) -> String {
    let mut data = serde_json::Map::new();
    data.insert(paths::site_json(), ctx.site_json.clone());
    if let Some(rel) = spec.route.as_ref().and_then(Route::data_file) {
        data.insert(rel, spec.data.clone());
    }
    script_json(&Value::Object(data))
}

/// Example pages, for the tests here and in the prerenderer: a site, a story, a list page.
pub mod examples {
    use super::*;
    use krasa_model::{ArticleSummary, Page, TagRef, DATA_VERSION};

    pub fn site() -> Site {
        Site {
            version: DATA_VERSION,
            title: "Krasa News".into(),
            tagline: "Tutorials".into(),
            base_url: "https://news.example/".into(),
            language: "en".into(),
            page_size: 10,
            nav: [("News", Route::HOME), ("Tags", Route::Tags)]
                .into_iter()
                .map(|(label, route)| krasa_model::NavLink {
                    label: label.into(),
                    path: route.path(),
                })
                .collect(),
        }
    }

    pub fn article() -> Article {
        Article {
            version: DATA_VERSION,
            summary: ArticleSummary {
                slug: "talks".into(),
                title: "Talks <begin>".into(),
                date: "2026-05-08".into(),
                updated: None,
                author: "Krasa News".into(),
                author_slug: "krasa-news".into(),
                category: "News".into(),
                section: "news".into(),
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
            author_profile: krasa_model::Author {
                name: "Krasa News".into(),
                slug: "krasa-news".into(),
                role: Some("Newsroom".into()),
                bio: "The desk.".into(),
                links: vec![krasa_model::ProfileLink {
                    label: "Website".into(),
                    url: "https://krasa.example/".into(),
                }],
            },
            corrections: vec![],
            tutorial: None,
            related: vec![],
        }
    }

    pub fn context(base: &str) -> SiteContext {
        SiteContext::new(
            serde_json::to_value(site()).unwrap_or_default(),
            Base::new(base),
        )
        .expect("the example site reads")
    }

    pub fn article_page(base: &str) -> RenderedPage {
        let spec = PageSpec {
            route: Some(Route::article("talks")),
            data: serde_json::to_value(article()).unwrap_or_default(),
        };
        render(&context(base), &spec).expect("the example story renders")
    }

    /// The second archive page of the feed, holding the example story.
    pub fn archive_spec() -> PageSpec {
        let list = ListPage {
            version: DATA_VERSION,
            page: Page::Archive(2),
            total_items: None,
            older: Some(1),
            newer: 3,
            items: vec![article().summary],
            tag: None,
            section: None,
            author: None,
            series: None,
        };
        PageSpec {
            route: Some(Route::Feed {
                page: Page::Archive(2),
            }),
            data: serde_json::to_value(&list).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::examples::*;
    use super::*;
    use krasa_model::{Page, DATA_VERSION};

    #[test]
    fn an_article_renders_with_the_app_components() {
        let page = article_page("");
        let (head, body) = (&page.head, &page.body);
        assert!(
            head.contains("<title>Talks &lt;begin&gt; — Krasa News</title>"),
            "{head}"
        );
        assert!(
            head.contains("name=\"description\" content=\"Leaders meet.\""),
            "{head}"
        );
        assert_eq!(page.lang, "en");
        assert!(
            head.contains(
                "<link rel=\"canonical\" href=\"https://news.example/articles/talks/\" data-head>"
            ),
            "{head}"
        );
        assert!(body.contains("Talks &lt;begin&gt;</h1>"), "{body}");
        assert!(body.contains("<h2 id=\"why\">Why</h2>"), "{body}");
        assert!(body.contains("href=\"/tags/ai-policy/\""), "{body}");
        assert!(!body.contains("class=\"loading"), "no skeleton");
        assert!(page.data_json.contains("\"articles/talks.json\""));
    }

    #[test]
    fn links_carry_the_sub_path() {
        let page = article_page("/news/");
        assert!(
            page.head
                .contains("href=\"https://news.example/news/articles/talks/\""),
            "{}",
            page.head
        );
        assert!(
            page.body.contains("href=\"/news/tags/ai-policy/\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("href=\"/news/\""), "{}", page.body);
    }

    #[test]
    fn every_route_renders_its_page() {
        let list = ListPage {
            version: DATA_VERSION,
            page: Page::Archive(2),
            total_items: None,
            older: Some(1),
            newer: 1,
            items: vec![article().summary],
            tag: None,
            section: None,
            author: None,
            series: None,
        };
        let cases = [
            (
                Route::Feed {
                    page: Page::Archive(2),
                },
                serde_json::to_value(&list).unwrap(),
                "Archive, page 2",
            ),
            (
                Route::Tags,
                serde_json::json!({"version": DATA_VERSION, "tags": [{"name": "AI", "slug": "ai", "count": 3}]}),
                "All tags",
            ),
        ];
        for (route, data, h1) in cases {
            let spec = PageSpec {
                route: Some(route.clone()),
                data,
            };
            let page = render(&context(""), &spec).unwrap();
            assert!(
                page.body.contains(&format!("{h1}</h1>")),
                "{route:?}: {}",
                page.body
            );
        }
    }

    #[test]
    fn unknown_routes_render_the_not_found_page() {
        let spec = PageSpec {
            route: None,
            data: Value::Null,
        };
        let page = render(&context(""), &spec).unwrap();
        assert!(page.body.contains("Page not found"), "{}", page.body);
        assert!(page.head.contains("noindex"), "{}", page.head);
        assert!(!page.head.contains("canonical"), "{}", page.head);
        assert!(!page.head.contains("og:title"), "{}", page.head);
        assert_eq!(spec.file(), "404.html");
        assert_eq!(page.kind, PageKind::NotFound);
    }

    #[test]
    fn missing_data_is_an_error_not_a_skeleton() {
        let spec = PageSpec {
            route: Some(Route::article("talks")),
            data: serde_json::json!({"version": DATA_VERSION}),
        };
        let err = render(&context(""), &spec).unwrap_err();
        assert!(
            format!("{err:#}").contains("articles/talks.json"),
            "{err:#}"
        );
    }

    #[test]
    fn the_social_card_describes_the_article() {
        let head = article_page("").head;
        assert!(head.contains("\"@type\":\"NewsArticle\""), "{head}");
        assert!(
            head.contains("og:title\" content=\"Talks &lt;begin&gt;\""),
            "{head}"
        );
        assert!(
            head.contains("article:tag\" content=\"AI Policy\""),
            "{head}"
        );
        for tag in [
            "property=\"og:image\" content=\"https://news.example/cards/talks.png\"",
            "property=\"og:image:width\" content=\"1200\"",
            "property=\"og:image:height\" content=\"630\"",
            "name=\"twitter:card\" content=\"summary_large_image\"",
            "\"image\":\"https://news.example/cards/talks.png\"",
            // the publisher's desk, with its page and its profiles elsewhere
            "\"author\":{\"@type\":\"Organization\",\"jobTitle\":\"Newsroom\",\"name\":\"Krasa News\",\"sameAs\":[\"https://krasa.example/\"],\"url\":\"https://news.example/authors/krasa-news/\"}",
        ] {
            assert!(head.contains(tag), "{tag} in {head}");
        }
        assert!(head.contains("og:image:alt\" content=\""), "{head}");
        let social = head.split("data-head>").last().unwrap_or_default();
        assert_eq!(
            social.matches("<meta ").count() + social.matches("<script ").count(),
            social.matches(crate::head::FIRST_PAGE_MARK).count(),
            "every social tag is marked for removal on navigation: {social}"
        );
    }

    #[test]
    fn an_author_page_is_a_profile_page_of_a_person() {
        let mut author = article().author_profile;
        author.name = "Mira Kovač".into();
        author.slug = "mira-kovac".into();
        let list = ListPage {
            version: DATA_VERSION,
            tag: None,
            section: None,
            author: Some(author),
            series: None,
            page: Page::Latest,
            total_items: Some(1),
            older: None,
            newer: 0,
            items: vec![article().summary],
        };
        let spec = PageSpec {
            route: Some(Route::author("mira-kovac")),
            data: serde_json::to_value(list).unwrap_or_default(),
        };
        let page = render(&context(""), &spec).unwrap();
        assert_eq!(spec.file(), "authors/mira-kovac/index.html");
        assert!(
            page.body.contains("<h1 id=\"page-heading\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("Mira Kovač"), "{}", page.body);
        assert!(page.body.contains("rel=\"me\""), "{}", page.body);
        for tag in [
            "\"@type\":\"ProfilePage\"",
            "\"mainEntity\":{\"@type\":\"Person\"",
            "\"url\":\"https://news.example/authors/mira-kovac/\"",
            "og:type\" content=\"profile\"",
            "href=\"authors/mira-kovac/atom.xml\"",
        ] {
            assert!(page.head.contains(tag), "{tag} in {}", page.head);
        }
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
        let file = |route| {
            PageSpec {
                route,
                data: Value::Null,
            }
            .file()
        };
        assert_eq!(file(Some(Route::HOME)), "index.html");
        assert_eq!(file(Some(Route::Tags)), "tags/index.html");
        assert_eq!(file(Some(Route::article("x"))), "articles/x/index.html");
        assert_eq!(
            file(Some(Route::Tag {
                slug: "ai".into(),
                page: Page::Archive(2)
            })),
            "tags/ai/page/2/index.html"
        );
        assert_eq!(file(None), "404.html");
    }
}
