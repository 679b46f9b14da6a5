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

fn page_number(s: &str) -> Option<u32> {
    s.parse::<u32>().ok().filter(|n| *n >= 1)
}

fn slug(s: &str) -> Option<String> {
    krasa_model::is_valid_slug(s).then(|| s.to_string())
}

impl Route {
    /// Parses a path below the deploy base (`/`, `/articles/x`…); the query and fragment are
    /// not part of it.
    pub fn parse(path: &str) -> Route {
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

    /// The page of the current address (changes only when the page does).
    pub fn route(self) -> Memo<Route> {
        Memo::new(move |_| self.path.with(|p| Route::parse(p)))
    }
}

pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| Location::new("/"))
}

#[cfg(target_arch = "wasm32")]
pub use browser::{install, navigate};

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{strip_base, Location, Resolved, Route};
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    /// The current address below the base, from `location.pathname`.
    fn current_path() -> String {
        let pathname = window().location().pathname().unwrap_or_default();
        strip_base(&crate::paths::base(), &pathname)
            .unwrap_or("/")
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

    /// Shows the page of `path` (below the base, without query or fragment). A
    /// non-canonical path is replaced in the history by the canonical one.
    fn show(loc: Location, path: &str) {
        let path = match Route::resolve(path) {
            Resolved::Redirect(to) => {
                let here = window().location();
                let search = here.search().unwrap_or_default();
                let hash = here.hash().unwrap_or_default();
                set_history(&format!("{}{to}{search}{hash}", crate::paths::base()), true);
                to
            }
            Resolved::Show(_) => path.to_string(),
        };
        if loc.path.get_untracked() != path {
            loc.path.set(path);
        }
    }

    /// Goes to `path` (below the base; it may carry a `?query` or `#fragment`), adding a
    /// history entry, or replacing the current one.
    pub fn navigate(loc: Location, path: &str, replace: bool) {
        set_history(&format!("{}{path}", crate::paths::base()), replace);
        let end = path.find(['?', '#']).unwrap_or(path.len());
        show(loc, &path[..end]);
    }

    /// The same-site app address a click on this link goes to, if the app should handle it.
    fn app_link(ev: &web_sys::MouseEvent) -> Option<String> {
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
        let path = strip_base(&crate::paths::base(), &pathname)?;
        // Files (feeds, data, the sitemap) are not pages.
        if path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
        {
            return None;
        }
        let search = a.search();
        let hash = a.hash();
        // A link to a section of this page: the browser scrolls to it.
        if !hash.is_empty() && pathname == here.pathname().ok()? && search == here.search().ok()? {
            return None;
        }
        Some(format!("{path}{search}{hash}"))
    }

    /// Handles same-site link clicks and Back/Forward from now on (for the page's lifetime).
    pub fn install(loc: Location) {
        let doc = document();
        let on_click =
            Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
                if let Some(to) = app_link(&ev) {
                    ev.prevent_default();
                    navigate(loc, &to, false);
                }
            });
        let on_pop = Closure::<dyn Fn()>::new(move || {
            let path = current_path();
            if loc.path.get_untracked() != path {
                crate::nav::note_history_traversal();
                show(loc, &path);
            }
        });
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        let _ =
            window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_click.forget();
        on_pop.forget();
        // The first address, made canonical if it is not.
        show(loc, &current_path());
    }

    /// The starting address.
    pub fn initial_path() -> String {
        current_path()
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser::initial_path;

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
            Route::resolve("/page/02"),
            Resolved::Redirect("/page/2".into())
        );
        assert_eq!(Route::resolve(""), Resolved::Redirect("/".into()));
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
