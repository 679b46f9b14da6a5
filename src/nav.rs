//! What the app adds around leptos_router's navigation: which link clicks the router may take
//! ([`link_action`]), scroll restoration on Back/Forward, focus on the new page's h1, the
//! title announced to screen readers, and where "Back to News" leads.
//!
//! leptos_router pushes history and shows the page of the new address; it scrolls to the top
//! (or to the `#section`) after a link. It does not restore scroll positions on Back/Forward,
//! move focus, announce pages, leave files and non-page addresses to the browser, or
//! normalise addresses (`/tags/`, `/page/1`): that is this module. Pages report that their
//! content is on screen through `pages::mark_ready` ([`NavState::arrive`], then [`land`]).

use krasa_model::{Resolved, Route};
use leptos::prelude::*;

use crate::links::Base;
use leptos_router::hooks::use_location;

/// Addresses whose scroll position is kept; the least recently recorded goes first. A
/// short list searched linearly keeps hash-map code out of the wasm, and the memory bounded.
const POSITIONS_KEPT: usize = 100;

/// An address as the navigation layer keys it: path (with the base) and query.
pub fn address_key(pathname: &str, search: &str) -> String {
    let search = search.trim_start_matches('?');
    if search.is_empty() {
        pathname.to_string()
    } else {
        format!("{pathname}?{search}")
    }
}

#[derive(Default)]
struct Memory {
    /// Scroll positions by address key, most recent last.
    positions: Vec<(String, f64)>,
    /// The address whose page the browser loaded (its social tags describe it).
    first: Option<String>,
    /// The address whose page last became ready.
    shown: Option<String>,
    /// A Back/Forward in progress: its address and where it should land (read when the
    /// traversal happens, before a skeleton can shorten the page and overwrite the position).
    traversal: Option<(String, f64)>,
}

/// Navigation state, provided as context by the app.
#[derive(Clone, Copy)]
pub struct NavState {
    /// Text of the polite live region that announces page changes.
    pub announcement: RwSignal<String>,
    /// The feed page the reader last saw (an href), for "Back to News".
    pub last_feed: RwSignal<String>,
    memory: StoredValue<Memory>,
}

impl NavState {
    /// `home` is the front page's href.
    pub fn new(home: String) -> Self {
        NavState {
            announcement: RwSignal::new(String::new()),
            last_feed: RwSignal::new(home),
            memory: StoredValue::new(Memory::default()),
        }
    }

    /// Whether `key` is the address of the page the browser loaded (the first address the
    /// app shows, recorded on the first call).
    pub fn is_first_page(&self, key: &str) -> bool {
        self.memory
            .try_update_value(|m| m.first.get_or_insert_with(|| key.to_string()) == key)
            .unwrap_or(true)
    }

    /// Records the scroll position `y` of the address `key`.
    pub fn remember(&self, key: String, y: f64) {
        self.memory.update_value(|m| {
            m.positions.retain(|(k, _)| *k != key);
            m.positions.push((key, y));
            if m.positions.len() > POSITIONS_KEPT {
                m.positions.remove(0);
            }
        });
    }

    /// Back/Forward arrived at `key`: its page will land where the reader left it.
    pub fn traversed(&self, key: String) {
        self.memory.update_value(|m| {
            let y = m
                .positions
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(0.0, |(_, y)| *y);
            m.traversal = Some((key, y));
        });
    }

    /// The page shown changed its own address to `key` (search refined while typing): it
    /// keeps its focus and place when its new content is ready.
    pub fn refine(&self, key: String) {
        self.memory.update_value(|m| m.shown = Some(key));
    }

    /// A page's content is on screen at `key`. Returns where it should land after a
    /// client-side navigation, or `None` for the page the browser loaded and for a page
    /// rendered again at the same address (Retry), which keep their place.
    pub fn arrive(&self, key: &str) -> Option<Landing> {
        self.memory
            .try_update_value(|m| {
                let previous = m.shown.replace(key.to_string());
                let traversal = m.traversal.take().filter(|(k, _)| k == key);
                match previous {
                    None => None,
                    Some(p) if p == key => None,
                    Some(_) => Some(match traversal {
                        Some((_, y)) => Landing::Restore(y),
                        None => Landing::Top,
                    }),
                }
            })
            .flatten()
    }
}

/// Where a page lands after a client-side navigation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Landing {
    /// A new page: at its top, or at the `#section` its address names.
    Top,
    /// Back/Forward: where the reader was.
    Restore(f64),
}

/// A link that was clicked, as the browser resolved it.
#[derive(Debug, Clone, Default)]
pub struct LinkTarget {
    pub pathname: String,
    pub search: String,
    pub hash: String,
    /// The written href is only a fragment (`#x`): with `<base href>` the browser would
    /// resolve it against the base, but it means this page.
    pub bare_fragment: bool,
}

/// What a plain left click on a same-origin link does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkAction {
    /// Not a page of the app (a file such as `feed.xml`, an address that is no route, a
    /// path outside the base): the browser loads it, as without the app.
    Browser,
    /// A section of the page shown (the id; empty for the top): scroll there and move focus,
    /// without a history entry.
    Section(String),
    /// The page shown: like a browser, it starts over at its top, with no new entry.
    Restart,
    /// Another page: leptos_router navigates. `Some` when the link's address is not the
    /// page's canonical one: the canonical href to go to instead.
    Router(Option<String>),
}

/// Decides what a click on `link` does when `here` (pathname, search) is shown.
pub fn link_action(base: &Base, here: (&str, &str), link: &LinkTarget) -> LinkAction {
    if link.bare_fragment {
        return LinkAction::Section(fragment_id(&link.hash));
    }
    let Some(path) = base.strip(&link.pathname) else {
        return LinkAction::Browser;
    };
    let canonical = match Route::resolve(path) {
        Resolved::NotFound => return LinkAction::Browser,
        Resolved::Page(route) => base.href(&route),
        Resolved::Redirect(to) => format!("{}{to}", base.as_str()),
    };
    let same_search = link.search.trim_start_matches('?') == here.1.trim_start_matches('?');
    if canonical == here.0 && same_search {
        return if link.hash.len() > 1 {
            LinkAction::Section(fragment_id(&link.hash))
        } else {
            LinkAction::Restart
        };
    }
    if canonical == link.pathname {
        LinkAction::Router(None)
    } else {
        LinkAction::Router(Some(format!("{canonical}{}{}", link.search, link.hash)))
    }
}

fn fragment_id(hash: &str) -> String {
    hash.trim_start_matches('#').to_string()
}

pub use browser::{current_key, install, land};

/// The browser's side: listeners and DOM work. Called only in the browser (`start`, effects
/// and event handlers never run when prerendering).
mod browser {
    use super::{address_key, link_action, Landing, LinkAction, LinkTarget, NavState};
    use crate::links::Base;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlAnchorElement, MouseEvent, ScrollRestoration};

    /// The address the browser shows, as [`address_key`] keys it.
    pub fn current_key() -> String {
        let loc = window().location();
        address_key(
            &loc.pathname().unwrap_or_default(),
            &loc.search().unwrap_or_default(),
        )
    }

    fn set_restoration(mode: ScrollRestoration) {
        if let Ok(h) = window().history() {
            let _ = h.set_scroll_restoration(mode);
        }
    }

    /// Listens for the page's lifetime. Must run before leptos_router's `<Router>` is
    /// created: the link listener then runs before the router's (both are on `window`) and
    /// can keep links from it.
    ///
    /// Scroll restoration is the app's (the browser would restore before the content has
    /// been fetched) while the document is shown; when it is left (reload, another site) it
    /// goes back to the browser, so a reload lands where the reader was.
    pub fn install(nav: NavState, base: Base) {
        set_restoration(ScrollRestoration::Manual);
        let on_click = window_event_listener(leptos::ev::click, move |ev| on_link(&ev, &base, nav));
        let on_scroll = window_event_listener(leptos::ev::scroll, move |_| {
            nav.remember(current_key(), window().scroll_y().unwrap_or(0.0));
        });
        let on_pop = window_event_listener(leptos::ev::popstate, move |_| {
            nav.traversed(current_key());
        });
        let on_hide = window_event_listener(leptos::ev::pagehide, |_| {
            set_restoration(ScrollRestoration::Auto);
        });
        let on_show = window_event_listener(leptos::ev::pageshow, |_| {
            set_restoration(ScrollRestoration::Manual);
        });
        on_cleanup(move || {
            for handle in [on_click, on_scroll, on_pop, on_hide, on_show] {
                handle.remove();
            }
        });
    }

    /// The link a plain left click opens in this tab, if any (modified clicks, `target`,
    /// `download` and `rel=external` are the browser's, as leptos_router also decides).
    fn clicked_link(ev: &MouseEvent) -> Option<HtmlAnchorElement> {
        let modified = ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key();
        if ev.default_prevented() || ev.button() != 0 || modified {
            return None;
        }
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let a = target
            .closest("a[href]")
            .ok()??
            .dyn_into::<HtmlAnchorElement>()
            .ok()?;
        let elsewhere = !matches!(a.target().as_str(), "" | "_self");
        let external = a.rel().split_whitespace().any(|r| r == "external");
        if elsewhere || external || a.has_attribute("download") {
            return None;
        }
        (a.origin() == window().location().origin().ok()?).then_some(a)
    }

    fn on_link(ev: &MouseEvent, base: &Base, nav: NavState) {
        let Some(a) = clicked_link(ev) else {
            return;
        };
        let link = LinkTarget {
            pathname: a.pathname(),
            search: a.search(),
            hash: a.hash(),
            bare_fragment: a.get_attribute("href").is_some_and(|h| h.starts_with('#')),
        };
        let here = window().location();
        let pathname = here.pathname().unwrap_or_default();
        let search = here.search().unwrap_or_default();
        match link_action(base, (&pathname, &search), &link) {
            LinkAction::Browser => ev.stop_immediate_propagation(),
            LinkAction::Section(id) => {
                ev.prevent_default();
                ev.stop_immediate_propagation();
                show_section(&id);
            }
            LinkAction::Restart => {
                ev.prevent_default();
                ev.stop_immediate_propagation();
                if here.hash().is_ok_and(|h| !h.is_empty()) {
                    if let Ok(h) = window().history() {
                        let to = format!("{pathname}{search}");
                        let _ =
                            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&to));
                    }
                }
                focus_h1();
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
            LinkAction::Router(canonical) => {
                nav.remember(current_key(), window().scroll_y().unwrap_or(0.0));
                if let Some(href) = canonical {
                    // leptos_router reads the anchor's href after this listener.
                    a.set_href(&href);
                }
            }
        }
    }

    /// Scrolls to the element with this id and moves focus to it (the top for none).
    fn show_section(id: &str) {
        let target = (!id.is_empty())
            .then(|| document().get_element_by_id(id))
            .flatten();
        let Some(target) = target else {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            return;
        };
        target.scroll_into_view();
        if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
            focus_without_scroll(&el);
        }
    }

    fn focus_without_scroll(el: &web_sys::HtmlElement) {
        if !el.has_attribute("tabindex") {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
    }

    fn focus_h1() {
        if let Ok(Some(h1)) = document().query_selector("main h1") {
            if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
                focus_without_scroll(&h1);
            }
        }
    }

    /// After layout (so the restored position exists in the new content): the page lands as
    /// `landing` says, its h1 gets focus and its title is announced.
    pub fn land(nav: NavState, landing: Landing) {
        request_animation_frame(move || {
            focus_h1();
            let section = window()
                .location()
                .hash()
                .ok()
                .and_then(|h| h.strip_prefix('#').map(str::to_string))
                .filter(|id| !id.is_empty())
                .and_then(|id| document().get_element_by_id(&id));
            match (landing, section) {
                (Landing::Top, Some(el)) => el.scroll_into_view(),
                (Landing::Top, None) => window().scroll_to_with_x_and_y(0.0, 0.0),
                (Landing::Restore(y), _) => window().scroll_to_with_x_and_y(0.0, y),
            }
            nav.announcement.set(document().title());
        });
    }
}

/// The address shown (path with the base, and query), as the navigation layer keys it.
pub fn current_address() -> String {
    let location = use_location();
    address_key(
        &location.pathname.get_untracked(),
        &location.search.get_untracked(),
    )
}

/// Whether the social tags of the page first loaded still describe the page shown.
pub fn on_first_page() -> bool {
    use_context::<NavState>().is_none_or(|nav| nav.is_first_page(&current_address()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(pathname: &str, search: &str, hash: &str) -> LinkTarget {
        LinkTarget {
            pathname: pathname.into(),
            search: search.into(),
            hash: hash.into(),
            bare_fragment: false,
        }
    }

    #[test]
    fn links_to_pages_go_to_the_router_at_their_canonical_address() {
        let root = Base::new("");
        let here = ("/", "");
        assert_eq!(
            link_action(&root, here, &link("/tags/ai/", "", "")),
            LinkAction::Router(None)
        );
        assert_eq!(
            link_action(&root, here, &link("/tags/ai/page/1", "", "#x")),
            LinkAction::Router(Some("/tags/ai/page/1/#x".into()))
        );
        assert_eq!(
            link_action(&root, here, &link("/articles/a", "", "")),
            LinkAction::Router(Some("/articles/a/".into()))
        );
        let news = Base::new("/news/");
        assert_eq!(
            link_action(&news, ("/news/", ""), &link("/news/tags", "", "")),
            LinkAction::Router(Some("/news/tags/".into()))
        );
    }

    #[test]
    fn files_and_addresses_that_are_no_page_are_the_browsers() {
        let news = Base::new("/news");
        let here = ("/news/", "");
        for path in [
            "/news/feed.xml",
            "/news/page/02",
            "/elsewhere",
            "/newsroom/x",
            "/news/data/site.json",
        ] {
            assert_eq!(
                link_action(&news, here, &link(path, "", "")),
                LinkAction::Browser,
                "{path}"
            );
        }
    }

    #[test]
    fn links_to_the_page_shown_stay_on_it() {
        let root = Base::new("");
        let here = ("/articles/a/", "");
        assert_eq!(
            link_action(&root, here, &link("/articles/a/", "", "#why")),
            LinkAction::Section("why".into())
        );
        assert_eq!(
            link_action(&root, here, &link("/articles/a/", "", "")),
            LinkAction::Restart
        );
        assert_eq!(
            link_action(&root, here, &link("/articles/a", "", "")),
            LinkAction::Restart,
            "a non-canonical form of the same page"
        );
        let bare = LinkTarget {
            bare_fragment: true,
            ..link("/", "", "#fn-1")
        };
        assert_eq!(
            link_action(&root, here, &bare),
            LinkAction::Section("fn-1".into()),
            "a bare #fragment means this page, not the base"
        );
        assert_eq!(
            link_action(
                &root,
                ("/articles/a/", "?q=x"),
                &link("/articles/a/", "", "")
            ),
            LinkAction::Router(None),
            "another query is another page"
        );
    }

    #[test]
    fn back_and_forward_land_where_the_reader_was() {
        let owner = Owner::new();
        owner.with(|| {
            let nav = NavState::new("/".into());
            assert_eq!(nav.arrive("/"), None, "the page the browser loaded");
            assert!(nav.is_first_page("/"));
            nav.remember("/".into(), 420.0);
            assert_eq!(nav.arrive("/articles/a"), Some(Landing::Top));
            assert!(!nav.is_first_page("/articles/a"));
            assert_eq!(nav.arrive("/articles/a"), None, "Retry keeps the place");
            nav.traversed("/".into());
            assert_eq!(nav.arrive("/"), Some(Landing::Restore(420.0)));
            nav.traversed("/tags".into());
            assert_eq!(
                nav.arrive("/page/2"),
                Some(Landing::Top),
                "a traversal to another address does not apply"
            );
        });
    }

    #[test]
    fn scroll_positions_are_bounded() {
        let owner = Owner::new();
        owner.with(|| {
            let nav = NavState::new("/".into());
            for i in 0..(POSITIONS_KEPT + 20) {
                nav.remember(format!("/articles/a{i}"), i as f64);
            }
            let kept = nav.memory.with_value(|m| m.positions.len());
            assert_eq!(kept, POSITIONS_KEPT);
        });
    }

    #[test]
    fn addresses_are_keyed_with_their_query() {
        assert_eq!(address_key("/search", "?q=ai"), "/search?q=ai");
        assert_eq!(address_key("/search", "q=ai"), "/search?q=ai");
        assert_eq!(address_key("/tags", ""), "/tags");
    }
}
