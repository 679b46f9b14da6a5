//! The document head: one builder for the browser and the prerenderer.
//!
//! A page asks for its head with [`set`] when its content renders. [`Head::tags`] writes the
//! managed elements (canonical link, description, robots, feed links), each marked
//! [`MARK`]. In the browser [`set`] sets `document.title` and replaces the marked elements;
//! from the first client-side navigation on it also removes the elements marked
//! [`FIRST_PAGE_MARK`]: the social card and structured data ([`SocialCard::tags`]) that the
//! prerenderer wrote for the page first loaded only. When prerendering, a [`HeadSink`]
//! context takes the head instead, and the prerenderer writes the same markup into the page.

use krasa_model::escape_markup as esc;
use leptos::prelude::*;

/// The attribute that marks the head elements the app replaces on navigation.
pub const MARK: &str = "data-head";

/// The attribute that marks the prerendered page's social tags and structured data: they
/// describe the page first loaded, so the app removes them on its first navigation.
pub const FIRST_PAGE_MARK: &str = "data-first-page";

/// Whether search engines may index a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Robots {
    #[default]
    Index,
    /// The not-found and error pages.
    NoIndex,
}

/// A list (a tag's, a section's, an author's) whose own feeds a page advertises beside the
/// site's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFeeds {
    pub listing: krasa_model::Listing,
    /// The list's name, for the feed links' titles.
    pub name: String,
}

/// What a page puts in the document head.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The full document title ("Story — Site").
    pub title: String,
    pub description: Option<String>,
    pub robots: Robots,
    /// The site's name, for the feed links' titles.
    pub site: String,
    pub list_feeds: Option<ListFeeds>,
    /// The page's canonical URL (none for the not-found and error pages).
    pub canonical: Option<String>,
}

/// Head elements written one at a time, each with the same marking attribute.
pub struct Elements {
    out: String,
    mark: &'static str,
}

impl Elements {
    pub fn new(mark: &'static str) -> Elements {
        Elements {
            out: String::new(),
            mark,
        }
    }

    /// `<name attr="value"… mark>`, every value escaped.
    pub fn void(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push_str(&format!(" {key}=\"{}\"", esc(value)));
        }
        self.out.push_str(&format!(" {}>", self.mark));
        self
    }

    /// `<meta name="…" content="…">` (`key` is `name` or `property`).
    pub fn meta(&mut self, key: &str, name: &str, content: &str) -> &mut Self {
        self.void("meta", &[(key, name), ("content", content)])
    }

    /// `<script type="…" mark>text</script>`; `text` must already be safe inside a script.
    pub fn script(&mut self, kind: &str, text: &str) -> &mut Self {
        self.out.push_str(&format!(
            "<script type=\"{}\" {}>{text}</script>",
            esc(kind),
            self.mark
        ));
        self
    }

    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.out)
    }
}

const FEEDS: [(&str, &str, &str); 3] = [
    ("feed.xml", "application/rss+xml", "RSS"),
    ("atom.xml", "application/atom+xml", "Atom"),
    ("feed.json", "application/feed+json", "JSON Feed"),
];

impl Head {
    /// The managed head elements: canonical link, description, robots, and
    /// `<link rel="alternate">` for the site's feeds (and the list's). The feed hrefs are
    /// relative to the base, so they work under a sub-path.
    pub fn tags(&self) -> String {
        let mut el = Elements::new(MARK);
        if let Some(c) = &self.canonical {
            el.void("link", &[("rel", "canonical"), ("href", c)]);
        }
        if let Some(d) = &self.description {
            el.meta("name", "description", d);
        }
        if self.robots == Robots::NoIndex {
            el.meta("name", "robots", "noindex");
        }
        let mut feeds = |dir: &str, label: &str| {
            for (file, kind, format) in FEEDS {
                el.void(
                    "link",
                    &[
                        ("rel", "alternate"),
                        ("type", kind),
                        ("title", &format!("{label} ({format})")),
                        ("href", &format!("{dir}{file}")),
                    ],
                );
            }
        };
        feeds("", &self.site);
        if let Some(list) = &self.list_feeds {
            let dir = list.listing.feed_dir();
            feeds(&dir, &format!("{} — {}", list.name, self.site));
        }
        el.finish()
    }
}

impl Head {
    /// `<title>` and the managed elements, as a prerendered page's head carries them.
    pub fn document_tags(&self) -> String {
        format!("<title>{}</title>{}", esc(&self.title), self.tags())
    }
}

/// Takes the head of a page rendered natively (the prerenderer provides it as context).
#[derive(Clone, Copy)]
pub struct HeadSink(StoredValue<Option<Head>>);

impl HeadSink {
    pub fn new() -> HeadSink {
        HeadSink(StoredValue::new(None))
    }

    /// The head the last rendered page set.
    pub fn take(&self) -> Option<Head> {
        self.0.try_update_value(Option::take).flatten()
    }
}

impl Default for HeadSink {
    fn default() -> Self {
        Self::new()
    }
}

/// Sets the document head for the page being shown: into the [`HeadSink`] when there is
/// one (prerendering), else into the browser's document.
pub fn set(head: Head) {
    match use_context::<HeadSink>() {
        Some(sink) => sink.0.set_value(Some(head)),
        None => apply_to_document(&head, !crate::nav::on_first_page()),
    }
}

/// Writes the head into the browser's document, replacing the managed elements; after a
/// client-side navigation the first page's social tags go too.
fn apply_to_document(head: &Head, navigated: bool) {
    let doc = document();
    doc.set_title(&head.title);
    let Some(h) = doc.head() else {
        return;
    };
    let stale = if navigated {
        format!("[{MARK}],[{FIRST_PAGE_MARK}]")
    } else {
        format!("[{MARK}]")
    };
    if let Ok(old) = h.query_selector_all(&stale) {
        for i in 0..old.length() {
            if let Some(n) = old.item(i) {
                if let Some(p) = n.parent_node() {
                    let _ = p.remove_child(&n);
                }
            }
        }
    }
    let _ = h.insert_adjacent_html("beforeend", &head.tags());
}

#[cfg(feature = "ssr")]
pub use social::{PageAbout, SocialCard};

/// The social card and structured data of a prerendered page (prerenderer only).
#[cfg(feature = "ssr")]
mod social {
    use super::{Elements, FIRST_PAGE_MARK};
    use krasa_model::paths::{self, StoryImage};
    use krasa_model::{Article, Author, Route, Site};
    use serde_json::{json, Value};

    /// An image for shared links: its absolute URL, text alternative, size and type.
    struct ShareImage {
        url: String,
        alt: String,
        size: (u32, u32),
        mime: &'static str,
    }

    /// What a page with structured data is about.
    pub enum PageAbout {
        /// A story (`NewsArticle`).
        Article(Box<Article>),
        /// An author's page (`ProfilePage` of a `Person`).
        Author(Author),
    }

    /// What a shared link shows: Open Graph and Twitter tags with the page's image, and
    /// JSON-LD: `NewsArticle` for a story, `ProfilePage` for an author. Every element is
    /// marked [`FIRST_PAGE_MARK`].
    pub struct SocialCard<'a> {
        pub site: &'a Site,
        /// The site's root URL (with the deploy sub-path), ending in `/`.
        pub site_root: &'a str,
        /// The page's canonical URL.
        pub canonical: &'a str,
        /// What the page is about, when it is a story or an author.
        pub about: Option<&'a PageAbout>,
    }

    impl SocialCard<'_> {
        fn article(&self) -> Option<&Article> {
            match self.about {
                Some(PageAbout::Article(a)) => Some(a),
                _ => None,
            }
        }

        pub fn tags(&self) -> String {
            let mut el = Elements::new(FIRST_PAGE_MARK);
            let (title, description, kind) = match self.about {
                Some(PageAbout::Article(a)) => (&a.summary.title, &a.summary.excerpt, "article"),
                Some(PageAbout::Author(a)) => (&a.name, &a.bio, "profile"),
                None => (&self.site.title, &self.site.tagline, "website"),
            };
            el.meta("property", "og:type", kind)
                .meta("property", "og:site_name", &self.site.title)
                .meta("property", "og:title", title)
                .meta("property", "og:description", description)
                .meta("property", "og:url", self.canonical)
                .meta(
                    "property",
                    "og:locale",
                    &self.site.language.replace('-', "_"),
                );
            let image = self.share_image();
            el.meta("property", "og:image", &image.url)
                .meta("property", "og:image:type", image.mime)
                .meta("property", "og:image:width", &image.size.0.to_string())
                .meta("property", "og:image:height", &image.size.1.to_string());
            el.meta("property", "og:image:alt", &image.alt)
                .meta("name", "twitter:card", "summary_large_image")
                .meta("name", "twitter:title", title)
                .meta("name", "twitter:description", description)
                .meta("name", "twitter:image", &image.url)
                .meta("name", "twitter:image:alt", &image.alt);
            match self.about {
                Some(PageAbout::Article(a)) => self.article_tags(&mut el, a),
                Some(PageAbout::Author(a)) => {
                    let profile = json!({
                        "@context": "https://schema.org",
                        "@type": "ProfilePage",
                        "url": self.canonical,
                        "mainEntity": self.person(a),
                    });
                    el.script("application/ld+json", &script_json(&profile));
                }
                None => {}
            }
            el.finish()
        }

        fn article_tags(&self, el: &mut Elements, a: &Article) {
            let s = &a.summary;
            el.meta("property", "article:published_time", &s.date);
            if let Some(u) = &s.updated {
                el.meta("property", "article:modified_time", u);
            }
            el.meta("property", "article:section", &s.category);
            for t in &s.tags {
                el.meta("property", "article:tag", &t.name);
            }
            el.script("application/ld+json", &script_json(&self.json_ld(a)));
            if let Some(image) = &s.image {
                preload(el, &image.picture);
            }
        }

        /// schema.org `Person` for an author (an `Organization` for the publisher's own
        /// desk), with their page and profiles elsewhere.
        fn person(&self, a: &Author) -> Value {
            let kind = if a.name == self.site.title {
                "Organization"
            } else {
                "Person"
            };
            let mut person = json!({
                "@type": kind,
                "name": a.name,
                "url": self.absolute(&Route::author(&a.slug).relative()),
            });
            if let Some(role) = &a.role {
                person["jobTitle"] = Value::String(role.clone());
            }
            if !a.links.is_empty() {
                person["sameAs"] = a.links.iter().map(|l| l.url.clone()).collect();
            }
            person
        }

        /// schema.org `NewsArticle`, or `TechArticle` for a tutorial (with its
        /// `proficiencyLevel` and `timeRequired`).
        fn json_ld(&self, a: &Article) -> Value {
            let s = &a.summary;
            let kind = if a.tutorial.is_some() {
                "TechArticle"
            } else {
                "NewsArticle"
            };
            let mut ld = json!({
                "@context": "https://schema.org",
                "@type": kind,
                "headline": s.title,
                "description": s.excerpt,
                "datePublished": s.date,
                "dateModified": s.updated.clone().unwrap_or_else(|| s.date.clone()),
                "author": self.person(&a.author_profile),
                "publisher": { "@type": "Organization", "name": self.site.title, "url": self.site_root },
                "mainEntityOfPage": self.canonical,
                "articleSection": s.category,
                "keywords": s.tags.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
                "wordCount": s.word_count,
                "inLanguage": self.site.language,
            });
            ld["image"] = match s.image.as_ref().and_then(|i| i.share.as_ref()) {
                // the crops search engines choose from: 16:9, 1:1 and the card
                Some(c) => [&c.wide, &c.square, &c.card]
                    .iter()
                    .map(|crop| Value::String(self.absolute(&crop.src)))
                    .collect(),
                None => Value::String(self.share_image().url),
            };
            if let Some(t) = &a.tutorial {
                if let Some(level) = t.level {
                    ld["proficiencyLevel"] = Value::String(level.label().into());
                }
                if let Some(m) = t.minutes {
                    ld["timeRequired"] = Value::String(format!("PT{m}M"));
                }
            }
            ld
        }

        /// What a shared link shows: the article's own image, else its social card (press
        /// draws `cards/<slug>.png`); the site's card on every other page.
        fn share_image(&self) -> ShareImage {
            let Some(s) = self.article().map(|a| &a.summary) else {
                return ShareImage {
                    url: self.absolute(&paths::site_card()),
                    alt: format!("{}: {}", self.site.title, self.site.tagline),
                    size: (paths::CARD_WIDTH, paths::CARD_HEIGHT),
                    mime: krasa_model::Fallback::Png.mime(),
                };
            };
            let image = StoryImage::of(s);
            let drawn = || format!("{}: {} — {}", s.category, s.title, self.site.title);
            let alt = match (&image, &s.image) {
                (StoryImage::Own(_), Some(img)) if !img.alt.is_empty() => img.alt.clone(),
                _ => drawn(),
            };
            ShareImage {
                url: self.absolute(&image.src()),
                alt,
                size: image.size(),
                mime: image.mime(),
            }
        }

        fn absolute(&self, src: &str) -> String {
            paths::absolute_url(self.site_root, src)
        }
    }

    /// `<link rel="preload">` of a story's lead image, in the best format (browsers without
    /// AVIF skip it by its type), so it is fetched before the body is parsed: it is the
    /// page's largest paint.
    fn preload(el: &mut Elements, picture: &krasa_model::Picture) {
        let Some((ext, mime)) = krasa_model::picture::MODERN.first() else {
            return;
        };
        if picture.widths.is_empty() {
            return;
        }
        el.void(
            "link",
            &[
                ("rel", "preload"),
                ("as", "image"),
                ("type", mime),
                ("imagesrcset", &picture.srcset(ext)),
                ("imagesizes", krasa_model::picture::SIZES_ARTICLE),
                ("fetchpriority", "high"),
            ],
        );
    }

    /// JSON that is safe inside a `<script>` element: `<` only occurs inside JSON strings,
    /// where `\u003c` means the same and cannot end the script element or open a comment.
    pub fn script_json(v: &Value) -> String {
        serde_json::to_string(v)
            .unwrap_or_else(|_| "null".into())
            .replace('<', "\\u003c")
    }
}

#[cfg(feature = "ssr")]
pub use social::script_json;

/// What a page says about itself in the head, beside its title.
#[derive(Debug, Clone, Default)]
pub struct PageHead {
    pub description: Option<String>,
    pub robots: Robots,
    pub list_feeds: Option<ListFeeds>,
}

/// Sets the document head for a page: its title (with the site's name), description,
/// canonical link (the address shown) and feed links.
pub fn set_head(page_title: &str, page: PageHead) {
    let info = use_context::<crate::context::SiteInfo>();
    let site = info.map(|s| s.title.get_untracked()).unwrap_or_default();
    let root = info.map(|s| s.root.get_untracked()).unwrap_or_default();
    let base = crate::links::base();
    let pathname = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let path = base.strip(&pathname).unwrap_or("/");
    let indexed = page.robots == Robots::Index && !root.is_empty();
    set(Head {
        title: crate::context::full_title(page_title),
        description: page.description,
        robots: page.robots,
        site,
        list_feeds: page.list_feeds,
        canonical: indexed.then(|| krasa_model::paths::page_url(&root, path)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_escaped_and_marked() {
        let h = Head {
            title: "T".into(),
            description: Some("Say \"hi\" <now>".into()),
            robots: Robots::NoIndex,
            site: "Krasa & Co".into(),
            list_feeds: Some(ListFeeds {
                listing: krasa_model::Listing::Tag("ai".into()),
                name: "AI <Policy>".into(),
            }),
            canonical: Some("https://x.example/tags/ai?a=1&b=2".into()),
        };
        let t = h.tags();
        assert!(
            t.contains(
                "<meta name=\"description\" content=\"Say &quot;hi&quot; &lt;now&gt;\" data-head>"
            ),
            "{t}"
        );
        assert!(t.contains("<meta name=\"robots\" content=\"noindex\" data-head>"));
        assert!(
            t.contains("title=\"Krasa &amp; Co (RSS)\" href=\"feed.xml\""),
            "{t}"
        );
        assert!(
            t.contains(
                "title=\"AI &lt;Policy&gt; — Krasa &amp; Co (Atom)\" href=\"tags/ai/atom.xml\""
            ),
            "{t}"
        );
        assert!(
            t.contains(
                "<link rel=\"canonical\" href=\"https://x.example/tags/ai?a=1&amp;b=2\" data-head>"
            ),
            "{t}"
        );
        assert_eq!(t.matches(MARK).count(), 9);
    }

    #[test]
    fn a_plain_page_has_no_robots_and_only_the_site_feeds() {
        let t = Head {
            site: "S".into(),
            ..Head::default()
        }
        .tags();
        assert!(!t.contains("robots"));
        assert!(!t.contains("description"));
        assert_eq!(t.matches("rel=\"alternate\"").count(), 3);
    }
}
