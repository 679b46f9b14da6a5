//! The site's one URL scheme: every page is a [`Route`], and [`Route::path`] is the only
//! place that writes a page's address. The app's links, its router, the prerenderer's page
//! list, the sitemap and the feeds all go through it (like Zola's `make_permalink`); the
//! data file behind each page comes from [`Route::data_file`].
//!
//! Paths here are below the deploy base (`/tags/`, not `/news/tags/`).
//!
//! Every page's address ends with a slash (`/tags/`, `/articles/x/`) and its prerendered
//! file is the folder's `index.html` (`tags/index.html`), as in Hugo and Zola: that way any
//! static host answers every page directly, including those that only map folders to
//! `index.html` (S3 website hosting, `python3 -m http.server`) and the common single-page-app
//! recipe `try_files $uri $uri/ /index.html`.

use crate::{paths, Page};

/// The fixed parts of the addresses ([`Route::path`] writes them, [`Route::parse`] reads
/// them, the app's router matches them).
pub mod segment {
    pub const PAGE: &str = "page";
    pub const ARTICLES: &str = "articles";
    pub const TAGS: &str = "tags";
    pub const SEARCH: &str = "search";
    pub const AUTHORS: &str = "authors";
    pub const SERIES: &str = "series";

    /// First segments a section's slug may not take: every fixed segment above, and the
    /// release's own folders (the data files, social cards and search index).
    pub const RESERVED: &[&str] = &[
        PAGE, ARTICLES, TAGS, SEARCH, AUTHORS, SERIES, "data", "cards", "pagefind",
    ];
}

/// The names of the router's parameters: the app's routes declare them and its pages read
/// them (`use_params_map`), then hand their values to [`Route::feed_from`],
/// [`Route::article_from`] and [`Route::tag_from`].
pub mod param {
    /// An archive page's number (`/page/:n/`, `/tags/:tag/page/:n/`).
    pub const PAGE: &str = "n";
    /// A story's slug (`/articles/:slug/`).
    pub const SLUG: &str = "slug";
    /// A tag's slug (`/tags/:tag/`).
    pub const TAG: &str = "tag";
    /// A section's slug (`/:section/`).
    pub const SECTION: &str = "section";
    /// An author's slug (`/authors/:author/`).
    pub const AUTHOR: &str = "author";
    /// A series' slug (`/series/:series/`).
    pub const SERIES: &str = "series";
}

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// `/` (the latest stories) and `/page/:n/` (archive page n, from 1 the oldest).
    Feed { page: Page },
    /// `/articles/:slug/`: one story.
    Article { slug: String },
    /// `/tags/`: every tag.
    Tags,
    /// `/tags/:tag/` (the latest) and `/tags/:tag/page/:n/` (archive page n): the stories
    /// with one tag.
    Tag { slug: String, page: Page },
    /// `/:section/` (the latest) and `/:section/page/:n/`: the stories of one section
    /// (News, Analysis, Tutorials), at a short address as newspapers have them. A section's
    /// slug is never one of [`segment::RESERVED`].
    Section { slug: String, page: Page },
    /// `/authors/:author/` and `/authors/:author/page/:n/`: one author and their stories.
    Author { slug: String, page: Page },
    /// `/series/:series/`: a tutorial series, its parts in order on one page.
    Series { slug: String },
    /// `/search/`: search results; the words and filters are in the query
    /// (`?q=…&tag=…&category=…`), which is not part of the route.
    Search,
}

/// A list of stories shown a page at a time: the feed of every story, or the stories of one
/// tag, section or author. Its pages are [`Listing::route`]s, and its feeds live in the folder
/// of its first page ([`Listing::feed_dir`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Listing {
    Feed,
    Tag(String),
    Section(String),
    Author(String),
    /// A series' parts: one page, whichever page is asked for.
    Series(String),
}

impl Listing {
    /// Page `page` of the list.
    pub fn route(&self, page: Page) -> Route {
        match self.clone() {
            Listing::Feed => Route::Feed { page },
            Listing::Tag(slug) => Route::Tag { slug, page },
            Listing::Section(slug) => Route::Section { slug, page },
            Listing::Author(slug) => Route::Author { slug, page },
            Listing::Series(slug) => Route::Series { slug },
        }
    }

    /// Whether the list is shown a page at a time with an archive (every list but a series,
    /// which is one page: [`Listing::route`] gives it one address).
    pub fn is_paged(&self) -> bool {
        !matches!(self, Listing::Series(_))
    }

    /// The folder of the list's feeds (`feed.xml`, `atom.xml`, `feed.json`) relative to the
    /// site root: its first page's folder (empty for the site's own feeds, `tags/ai/`,
    /// `tutorials/`, `authors/mira-kovac/`).
    pub fn feed_dir(&self) -> String {
        self.route(Page::Latest).relative()
    }
}

/// What an address below the deploy base shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A page, at its canonical address.
    Page(Route),
    /// A page at a non-canonical address (a missing or doubled slash): go to
    /// this canonical path instead (the web server redirects the same way).
    Redirect(String),
    /// No page of the site (including malformed slugs and page numbers).
    NotFound,
}

/// A page number as the site writes it: digits only, no leading zero, at least 1.
pub fn page_number(s: &str) -> Option<u32> {
    if s.starts_with('0') || s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok()
}

/// The list page for the router's `:n`: the latest page when absent.
fn list_page(n: Option<&str>) -> Option<Page> {
    match n {
        None => Some(Page::Latest),
        Some(n) => page_number(n).map(Page::Archive),
    }
}

impl Route {
    /// The front page.
    pub const HOME: Route = Route::Feed { page: Page::Latest };

    pub fn article(slug: &str) -> Route {
        Route::Article { slug: slug.into() }
    }

    /// A tag's latest stories.
    pub fn tag(slug: &str) -> Route {
        Route::Tag {
            slug: slug.into(),
            page: Page::Latest,
        }
    }

    /// A section's latest stories.
    pub fn section(slug: &str) -> Route {
        Route::Section {
            slug: slug.into(),
            page: Page::Latest,
        }
    }

    /// An author's page.
    pub fn author(slug: &str) -> Route {
        Route::Author {
            slug: slug.into(),
            page: Page::Latest,
        }
    }

    /// Whether `slug` can be a section's: a valid slug that is not a fixed segment.
    pub fn is_section_slug(slug: &str) -> bool {
        crate::is_valid_slug(slug) && !segment::RESERVED.contains(&slug)
    }

    /// Section page `n` from the router's `:section` and `:n`, validated.
    pub fn section_from(slug: &str, n: Option<&str>) -> Option<Route> {
        let page = list_page(n)?;
        Route::is_section_slug(slug).then(|| Route::Section {
            slug: slug.into(),
            page,
        })
    }

    /// A series from the router's `:series`, validated.
    pub fn series_from(slug: &str) -> Option<Route> {
        crate::is_valid_slug(slug).then(|| Route::Series { slug: slug.into() })
    }

    /// Author page `n` from the router's `:author` and `:n`, validated.
    pub fn author_from(slug: &str, n: Option<&str>) -> Option<Route> {
        let page = list_page(n)?;
        crate::is_valid_slug(slug).then(|| Route::Author {
            slug: slug.into(),
            page,
        })
    }

    /// The feed page from the router's `:n` (absent on the front page), validated.
    pub fn feed_from(n: Option<&str>) -> Option<Route> {
        Some(Route::Feed {
            page: list_page(n)?,
        })
    }

    /// An article from the router's `:slug`, validated.
    pub fn article_from(slug: &str) -> Option<Route> {
        crate::is_valid_slug(slug).then(|| Route::article(slug))
    }

    /// Tag page `n` from the router's `:tag` and `:n` (absent on a tag's first page),
    /// validated.
    pub fn tag_from(slug: &str, n: Option<&str>) -> Option<Route> {
        let page = list_page(n)?;
        crate::is_valid_slug(slug).then(|| Route::Tag {
            slug: slug.into(),
            page,
        })
    }

    /// The canonical path of this page below the deploy base: `/`, `/page/2/`,
    /// `/articles/x/`, `/tags/`, `/tags/x/`, `/tags/x/page/2/`, `/tutorials/`,
    /// `/tutorials/page/2/`, `/authors/x/`, `/authors/x/page/2/`, `/search/`. Every path ends
    /// with a slash.
    pub fn path(&self) -> String {
        use segment::*;
        match self {
            Route::Feed { page: Page::Latest } => "/".to_string(),
            Route::Feed {
                page: Page::Archive(n),
            } => format!("/{PAGE}/{n}/"),
            Route::Article { slug } => format!("/{ARTICLES}/{slug}/"),
            Route::Tags => format!("/{TAGS}/"),
            Route::Tag {
                slug,
                page: Page::Latest,
            } => format!("/{TAGS}/{slug}/"),
            Route::Tag {
                slug,
                page: Page::Archive(n),
            } => format!("/{TAGS}/{slug}/{PAGE}/{n}/"),
            Route::Section {
                slug,
                page: Page::Latest,
            } => format!("/{slug}/"),
            Route::Section {
                slug,
                page: Page::Archive(n),
            } => format!("/{slug}/{PAGE}/{n}/"),
            Route::Author {
                slug,
                page: Page::Latest,
            } => format!("/{AUTHORS}/{slug}/"),
            Route::Author {
                slug,
                page: Page::Archive(n),
            } => format!("/{AUTHORS}/{slug}/{PAGE}/{n}/"),
            Route::Series { slug } => format!("/{SERIES}/{slug}/"),
            Route::Search => format!("/{SEARCH}/"),
        }
    }

    /// [`Route::path`] relative to the site root (`articles/x/`; empty for the front page),
    /// for absolute URLs with [`paths::page_url`] and for links inside article bodies.
    pub fn relative(&self) -> String {
        self.path().trim_start_matches('/').to_string()
    }

    /// The published data file this page shows (as in [`crate::paths`]); none for search,
    /// whose results come from the search index.
    pub fn data_file(&self) -> Option<String> {
        Some(match self {
            Route::Feed { page } => paths::feed_page_json(*page),
            Route::Article { slug } => paths::article_json(slug),
            Route::Tags => paths::tags_json(),
            Route::Tag { slug, page } => paths::tag_page_json(slug, *page),
            Route::Section { slug, page } => paths::section_page_json(slug, *page),
            Route::Author { slug, page } => paths::author_page_json(slug, *page),
            Route::Series { slug } => paths::series_json(slug),
            Route::Search => return None,
        })
    }

    /// The page at a path below the deploy base (without query or fragment), if it is one,
    /// whether or not the path is its canonical form. Repeated and missing trailing slashes
    /// are tolerated here; [`Route::resolve`] turns them into redirects.
    pub fn parse(path: &str) -> Option<Route> {
        if !path.starts_with('/') {
            return None;
        }
        use segment::*;
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Some(Route::HOME),
            [PAGE, n] => Route::feed_from(Some(n)),
            [ARTICLES, slug] => Route::article_from(slug),
            [TAGS] => Some(Route::Tags),
            [TAGS, slug] => Route::tag_from(slug, None),
            [TAGS, slug, PAGE, n] => Route::tag_from(slug, Some(n)),
            [SEARCH] => Some(Route::Search),
            [SERIES, slug] => Route::series_from(slug),
            [AUTHORS, slug] => Route::author_from(slug, None),
            [AUTHORS, slug, PAGE, n] => Route::author_from(slug, Some(n)),
            [slug] => Route::section_from(slug, None),
            [slug, PAGE, n] => Route::section_from(slug, Some(n)),
            _ => None,
        }
    }

    /// What a path below the deploy base shows: its page, a redirect to the page's
    /// canonical path, or nothing.
    pub fn resolve(path: &str) -> Resolved {
        match Route::parse(path) {
            None => Resolved::NotFound,
            Some(route) => {
                let canonical = route.path();
                if canonical == path {
                    Resolved::Page(route)
                } else {
                    Resolved::Redirect(canonical)
                }
            }
        }
    }
}

/// The path below the deploy base of a full URL path (`/news/tags` → `/tags` for the base
/// `/news`); `None` when the path is outside the base. `base` has no trailing slash (empty at
/// the root).
pub fn strip_base<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    let rest = pathname.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Route> {
        vec![
            Route::HOME,
            Route::Feed {
                page: Page::Archive(7),
            },
            Route::Feed {
                page: Page::Archive(1),
            },
            Route::article("x-y"),
            Route::Tags,
            Route::tag("ai"),
            Route::Tag {
                slug: "ai".into(),
                page: Page::Archive(4),
            },
            Route::section("tutorials"),
            Route::Section {
                slug: "tutorials".into(),
                page: Page::Archive(2),
            },
            Route::author("mira-kovac"),
            Route::Author {
                slug: "mira-kovac".into(),
                page: Page::Archive(3),
            },
            Route::Series {
                slug: "triage".into(),
            },
            Route::Search,
        ]
    }

    #[test]
    fn every_route_round_trips_path_to_route_to_path() {
        for route in every_kind() {
            let path = route.path();
            assert_eq!(Route::parse(&path), Some(route.clone()), "{path}");
            assert_eq!(Route::resolve(&path), Resolved::Page(route.clone()));
            assert_eq!(Route::parse(&path).map(|r| r.path()), Some(path));
        }
    }

    #[test]
    fn every_route_has_its_address_and_data_file() {
        let table: Vec<(String, Option<String>)> = every_kind()
            .iter()
            .map(|r| (r.path(), r.data_file()))
            .collect();
        let expected = [
            ("/", "feed/latest.json"),
            ("/page/7/", "feed/7.json"),
            ("/page/1/", "feed/1.json"),
            ("/articles/x-y/", "articles/x-y.json"),
            ("/tags/", "tags.json"),
            ("/tags/ai/", "tags/ai/latest.json"),
            ("/tags/ai/page/4/", "tags/ai/4.json"),
            ("/tutorials/", "sections/tutorials/latest.json"),
            ("/tutorials/page/2/", "sections/tutorials/2.json"),
            ("/authors/mira-kovac/", "authors/mira-kovac/latest.json"),
            ("/authors/mira-kovac/page/3/", "authors/mira-kovac/3.json"),
            ("/series/triage/", "series/triage.json"),
        ];
        let mut expected: Vec<(String, Option<String>)> = expected
            .iter()
            .map(|(p, d)| (p.to_string(), Some(d.to_string())))
            .collect();
        expected.push(("/search/".into(), None));
        assert_eq!(table, expected);
        assert_eq!(Route::HOME.relative(), "");
        assert_eq!(Route::article("x").relative(), "articles/x/");
    }

    #[test]
    fn non_canonical_addresses_redirect() {
        for (from, to) in [
            ("/page/1", "/page/1/"),
            ("/tags/ai/page/1", "/tags/ai/page/1/"),
            ("/tags", "/tags/"),
            ("/articles/x", "/articles/x/"),
            ("//tags", "/tags/"),
            ("/tags//ai//page/3", "/tags/ai/page/3/"),
            ("/page/2", "/page/2/"),
            ("/search", "/search/"),
            ("/tutorials", "/tutorials/"),
            ("/tutorials/page/2", "/tutorials/page/2/"),
            ("/authors/x//page/2", "/authors/x/page/2/"),
        ] {
            assert_eq!(
                Route::resolve(from),
                Resolved::Redirect(to.into()),
                "{from}"
            );
            // and the redirect target is itself canonical
            assert!(matches!(Route::resolve(to), Resolved::Page(_)), "{to}");
        }
    }

    #[test]
    fn malformed_addresses_are_no_page() {
        for p in [
            "/page/0",
            "/page/x",
            "/page/-1",
            "/page/99999999999",
            "/page/02",
            "/page/+2",
            "/page/",
            "/articles/Bad_Slug",
            "/articles/",
            "/articles/a/b",
            "/tags/ai/page/0",
            "/tags/ai/page",
            "/tags/%20",
            "/nope/x",
            "/index.html",
            "/feed.xml",
            "/search/x",
            "/data/",
            "/pagefind/",
            "/page/page/2/",
            "/authors/x/y/",
            "/authors/",
            "/tutorials/page/0/",
            "/Tutorials/",
            "",
            "tags",
        ] {
            assert_eq!(Route::parse(p), None, "{p}");
            assert_eq!(Route::resolve(p), Resolved::NotFound, "{p}");
        }
    }

    #[test]
    fn router_parameters_are_validated_like_paths() {
        assert_eq!(Route::feed_from(None), Some(Route::HOME));
        assert_eq!(
            Route::feed_from(Some("3")),
            Some(Route::Feed {
                page: Page::Archive(3)
            })
        );
        assert_eq!(Route::feed_from(Some("03")), None);
        assert_eq!(Route::article_from("a-b"), Some(Route::article("a-b")));
        assert_eq!(Route::article_from("A_b"), None);
        assert_eq!(Route::tag_from("ai", None), Some(Route::tag("ai")));
        assert_eq!(Route::tag_from("ai", Some("0")), None);
        assert_eq!(Route::tag_from("a i", Some("2")), None);
        assert_eq!(
            Route::section_from("news", None),
            Some(Route::section("news"))
        );
        assert_eq!(Route::section_from("tags", None), None);
        assert_eq!(Route::section_from("cards", Some("2")), None);
        assert_eq!(Route::author_from("ada", None), Some(Route::author("ada")));
        assert_eq!(Route::author_from("ada", Some("01")), None);
    }

    #[test]
    fn a_listing_names_its_pages_and_its_feeds_folder() {
        let section = Listing::Section("tutorials".into());
        assert_eq!(section.route(Page::Archive(2)).path(), "/tutorials/page/2/");
        assert_eq!(section.feed_dir(), "tutorials/");
        assert_eq!(Listing::Feed.feed_dir(), "");
        assert_eq!(Listing::Tag("ai".into()).feed_dir(), "tags/ai/");
        assert_eq!(Listing::Author("ada".into()).feed_dir(), "authors/ada/");
        let series = Listing::Series("triage".into());
        assert!(!series.is_paged() && section.is_paged());
        assert_eq!(series.route(Page::Archive(2)).path(), "/series/triage/");
    }

    #[test]
    fn page_numbers_are_written_one_way() {
        assert_eq!(page_number("1"), Some(1));
        assert_eq!(page_number("42"), Some(42));
        for bad in ["", "0", "01", "+1", "-1", "1.0", " 1", "4294967296"] {
            assert_eq!(page_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_base_is_stripped() {
        assert_eq!(strip_base("", "/tags"), Some("/tags"));
        assert_eq!(strip_base("/news", "/news/tags"), Some("/tags"));
        assert_eq!(strip_base("/news", "/news"), Some("/"));
        assert_eq!(strip_base("/news", "/news/"), Some("/"));
        assert_eq!(strip_base("/news", "/newsroom"), None);
        assert_eq!(strip_base("/news", "/other"), None);
    }
}
