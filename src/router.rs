//! The app's routes and client-side navigation.
//!
//! Routes are a closed set, so they are an enum parsed from the path ([`Route::resolve`])
//! rather than a general router: the site's six routes cost a few hundred bytes of wasm this
//! way. In the browser, [`install`] makes same-site links navigate without a page load
//! (History API), and Back/Forward (`popstate`) show the page of the new address. A
//! non-canonical address (`/page/1`, a trailing slash) is replaced by the canonical one, as the
//! web server does for a first request.

use leptos::prelude::*;

/// A page of the site, from its path below the deploy base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/` (page 1) and `/page/:n` (n ≥ 2).
    Feed(u32),
    /// `/articles/:slug`.
    Article(String),
    /// `/tags`.
    Tags,
    /// `/tags/:tag` (page 1) and `/tags/:tag/page/:n` (n ≥ 2).
    Tag(String, u32),
    /// Anything else, including malformed slugs and page numbers.
    NotFound,
}

/// A path's page, or the canonical path to go to instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Show(Route),
    Redirect(String),
}

/// A page number as the site writes it: digits, no leading zero, at least 1.
fn page_number(s: &str) -> Option<u32> {
    if s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok()
}

fn slug(s: &str) -> Option<String> {
    krasa_model::is_valid_slug(s).then(|| s.to_string())
}

impl Route {
    /// Parses a path below the deploy base (`/`, `/articles/x`…); the query and fragment are
    /// not part of it.
    /// Repeated and trailing slashes are tolerated (they redirect: nginx merges slashes
    /// and redirects a trailing one).
    pub fn parse(path: &str) -> Route {
        if !path.starts_with('/') {
            return Route::NotFound;
        }
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let route = match parts.as_slice() {
            [] => Some(Route::Feed(1)),
            ["page", n] => page_number(n).map(Route::Feed),
            ["articles", s] => slug(s).map(Route::Article),
            ["tags"] => Some(Route::Tags),
            ["tags", t] => slug(t).map(|t| Route::Tag(t, 1)),
            ["tags", t, "page", n] => slug(t).zip(page_number(n)).map(|(t, n)| Route::Tag(t, n)),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The canonical path of this page below the deploy base (none for not-found).
    pub fn path(&self) -> Option<String> {
        Some(match self {
            Route::Feed(n) if *n <= 1 => "/".to_string(),
            Route::Feed(n) => format!("/page/{n}"),
            Route::Article(s) => format!("/articles/{s}"),
            Route::Tags => "/tags".to_string(),
            Route::Tag(t, n) if *n <= 1 => format!("/tags/{t}"),
            Route::Tag(t, n) => format!("/tags/{t}/page/{n}"),
            Route::NotFound => return None,
        })
    }

    /// The canonical form of a path: the page's canonical path, or the path itself when it
    /// is canonical or no page.
    pub fn canonical_path(path: &str) -> String {
        match Route::resolve(path) {
            Resolved::Redirect(to) => to,
            Resolved::Show(_) => path.to_string(),
        }
    }

    /// The page for a path, or a redirect when the path is not the page's canonical one.
    pub fn resolve(path: &str) -> Resolved {
        let route = Route::parse(path);
        match route.path() {
            Some(canonical) if canonical != path => Resolved::Redirect(canonical),
            _ => Resolved::Show(route),
        }
    }
}

/// The path below the deploy base of a full URL path (`/news/tags` → `/tags`); `None` when
/// the path is outside the base.
pub fn strip_base<'a>(base: &str, pathname: &'a str) -> Option<&'a str> {
    if base.is_empty() {
        return Some(pathname);
    }
    let rest = pathname.strip_prefix(base)?;
    if rest.is_empty() {
        Some("/")
    } else if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

/// The current address (path below the deploy base), provided as context by the app.
#[derive(Clone, Copy)]
pub struct Location {
    pub path: RwSignal<String>,
}

impl Location {
    /// Starts at `path`.
    pub fn new(path: &str) -> Location {
        Location {
            path: RwSignal::new(path.to_string()),
        }
    }

    /// The page of the current address (changes only when the page does). The address a
    /// prerendered not-found page was served for shows the not-found page at once.
    pub fn route(self) -> Memo<Route> {
        Memo::new(move |_| {
            self.path.with(|p| {
                if NOT_FOUND.with(|n| n.borrow().as_deref() == Some(p.as_str())) {
                    Route::NotFound
                } else {
                    Route::parse(p)
                }
            })
        })
    }
}

thread_local! {
    /// The address the server answered with its not-found page, if it did.
    static NOT_FOUND: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Records that the server answered `path` (below the base) with its not-found page, so the
/// app shows that page without first trying to load data for the address.
pub fn set_served_not_found(path: &str) {
    NOT_FOUND.with(|n| *n.borrow_mut() = Some(path.to_string()));
}

pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| Location::new("/"))
}

#[cfg(target_arch = "wasm32")]
pub use browser::{initial_path, install};

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{strip_base, Location, Route};
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// The current address below the base, from `location.pathname`. An address outside the
    /// base (a server answering it with our not-found page) is not one of ours.
    fn current_path() -> String {
        let pathname = window().location().pathname().unwrap_or_default();
        strip_base(&crate::paths::base(), &pathname)
            .unwrap_or("/404")
            .to_string()
    }

    fn set_history(full: &str, replace: bool) {
        if let Ok(h) = window().history() {
            let _ = if replace {
                h.replace_state_with_url(&JsValue::NULL, "", Some(full))
            } else {
                h.push_state_with_url(&JsValue::NULL, "", Some(full))
            };
        }
    }

    /// `path` made canonical: a non-canonical address is replaced in the history (keeping
    /// its query and fragment) by the canonical one.
    fn canonical(path: &str) -> String {
        let to = Route::canonical_path(path);
        if to != path {
            let here = window().location();
            let search = here.search().unwrap_or_default();
            let hash = here.hash().unwrap_or_default();
            set_history(&format!("{}{to}{search}{hash}", crate::paths::base()), true);
        }
        to
    }

    /// Shows the page of `path` (below the base, without query or fragment).
    fn show(loc: Location, path: &str, traversal: bool) {
        let path = canonical(path);
        if loc.path.get_untracked() != path {
            crate::nav::navigated(traversal);
            loc.path.set(path);
        }
    }

    /// The same-site page address a click on this link goes to, if the app should handle it:
    /// (path below the base, `?query`, `#fragment`).
    fn app_link(ev: &web_sys::MouseEvent) -> Option<(String, String, String)> {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return None;
        }
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let a = target
            .closest("a[href]")
            .ok()??
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .ok()?;
        let opens_elsewhere = !matches!(a.target().as_str(), "" | "_self");
        if opens_elsewhere || a.has_attribute("download") || a.rel().contains("external") {
            return None;
        }
        let here = window().location();
        if a.origin() != here.origin().ok()? {
            return None;
        }
        let pathname = a.pathname();
        // Only the site's own pages: files (feeds, data, the sitemap) and addresses that are
        // no route of ours (another app on the same host) are the server's to answer.
        let path = strip_base(&crate::paths::base(), &pathname)?;
        if Route::parse(path) == Route::NotFound {
            return None;
        }
        let search = a.search();
        let hash = a.hash();
        // A link to a section of this page: the browser scrolls to it.
        if !hash.is_empty() && pathname == here.pathname().ok()? && search == here.search().ok()? {
            return None;
        }
        Some((path.to_string(), search, hash))
    }

    /// Handles same-site link clicks and Back/Forward from now on (for the page's lifetime).
    pub fn install(loc: Location) {
        let doc = document();
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                let Some((path, search, hash)) = app_link(&ev) else {
                    return;
                };
                ev.prevent_default();
                // The canonical form of the link's address: `/tags/` is `/tags`.
                let path = Route::canonical_path(&path);
                let same = path == loc.path.get_untracked()
                    && search == window().location().search().unwrap_or_default();
                let full = format!("{}{path}{search}{hash}", crate::paths::base());
                if same {
                    // The page already shown (whatever its #fragment): like a browser, no new
                    // history entry, and the page starts over at its top.
                    set_history(&full, true);
                    crate::nav::restart_page();
                } else {
                    crate::nav::remember_position();
                    set_history(&full, false);
                    show(loc, &path, false);
                }
            });
        let on_pop = Closure::<dyn Fn()>::new(move || show(loc, &current_path(), true));
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        let _ =
            window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_click.forget();
        on_pop.forget();
    }

    /// The starting address, made canonical.
    pub fn initial_path() -> String {
        canonical(&current_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(p: &str) -> Resolved {
        Resolved::Show(Route::parse(p))
    }

    #[test]
    fn every_route_parses() {
        assert_eq!(Route::parse("/"), Route::Feed(1));
        assert_eq!(Route::parse("/page/3"), Route::Feed(3));
        assert_eq!(
            Route::parse("/articles/us-china-talks"),
            Route::Article("us-china-talks".into())
        );
        assert_eq!(Route::parse("/tags"), Route::Tags);
        assert_eq!(Route::parse("/tags/ai"), Route::Tag("ai".into(), 1));
        assert_eq!(Route::parse("/tags/ai/page/2"), Route::Tag("ai".into(), 2));
    }

    #[test]
    fn malformed_addresses_are_not_found() {
        for p in [
            "/page/0",
            "/page/x",
            "/page/-1",
            "/page/99999999999",
            "/articles/Bad_Slug",
            "/articles/",
            "/articles/a/b",
            "/tags/ai/page/0",
            "/tags/ai/page",
            "/tags/%20",
            "/nope",
            "/index.html",
            "/page/02",
            "/page/+2",
            "",
        ] {
            assert_eq!(Route::parse(p), Route::NotFound, "{p}");
            assert_eq!(Route::resolve(p), show(p), "{p} does not redirect");
        }
    }

    #[test]
    fn non_canonical_addresses_redirect() {
        assert_eq!(Route::resolve("/page/1"), Resolved::Redirect("/".into()));
        assert_eq!(
            Route::resolve("/tags/ai/page/1"),
            Resolved::Redirect("/tags/ai".into())
        );
        assert_eq!(Route::resolve("/tags/"), Resolved::Redirect("/tags".into()));
        assert_eq!(
            Route::resolve("/articles/x/"),
            Resolved::Redirect("/articles/x".into())
        );
        assert_eq!(Route::resolve("//tags"), Resolved::Redirect("/tags".into()));
        assert_eq!(
            Route::resolve("/tags//ai//page/3"),
            Resolved::Redirect("/tags/ai/page/3".into())
        );
        for p in ["/", "/page/2", "/articles/x", "/tags", "/tags/ai/page/3"] {
            assert_eq!(Route::resolve(p), show(p), "{p} is canonical");
        }
    }

    #[test]
    fn paths_round_trip() {
        for r in [
            Route::Feed(1),
            Route::Feed(7),
            Route::Article("x-y".into()),
            Route::Tags,
            Route::Tag("ai".into(), 1),
            Route::Tag("ai".into(), 4),
        ] {
            assert_eq!(Route::parse(&r.path().unwrap()), r);
        }
        assert_eq!(Route::NotFound.path(), None);
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
