//! What happens around a client-side navigation: scroll restoration on Back/Forward, focus on
//! the new page's h1, the title announced to screen readers, and where "Back to News" leads.
//!
//! Pages call [`page_ready`] once their content (not the skeleton) is on screen.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// Scroll positions by address, most recent last (a list: see [`POSITIONS_KEPT`]).
    static POSITIONS: RefCell<Vec<(String, f64)>> = const { RefCell::new(Vec::new()) };
    static POPPED: Cell<bool> = const { Cell::new(false) };
    /// Client-side navigations so far (0: still the page the browser loaded).
    static NAVIGATIONS: Cell<u32> = const { Cell::new(0) };
    /// The navigation whose page last became ready.
    static READY: Cell<u32> = const { Cell::new(0) };
    /// Where Back/Forward should land, read when the traversal happens (before a skeleton
    /// can shorten the page and overwrite the remembered position).
    static PENDING: Cell<f64> = const { Cell::new(0.0) };
}

/// Shared navigation state, provided as context by the app.
#[derive(Clone, Copy)]
pub struct NavState {
    /// Text of the polite live region that announces page changes.
    pub announcement: RwSignal<String>,
    /// The feed page the reader last saw (router path), for "Back to News".
    pub last_feed: RwSignal<String>,
}

impl NavState {
    pub fn new() -> Self {
        NavState {
            announcement: RwSignal::new(String::new()),
            last_feed: RwSignal::new(crate::paths::home_href()),
        }
    }
}

impl Default for NavState {
    fn default() -> Self {
        Self::new()
    }
}

fn current_key() -> String {
    let loc = window().location();
    format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    )
}

fn set_restoration(mode: web_sys::ScrollRestoration) {
    if let Ok(h) = window().history() {
        let _ = h.set_scroll_restoration(mode);
    }
}

/// Takes over scroll restoration from the browser (which would restore before the content
/// has been fetched) and remembers each page's position as the reader scrolls. When the
/// document is left (reload, a link to another site), restoration goes back to the
/// browser, so a reload or coming Back to this entry from elsewhere lands where the reader
/// was; it is the app's again if the page comes back from the back/forward cache.
pub fn install() {
    let w = window();
    set_restoration(web_sys::ScrollRestoration::Manual);
    let on_scroll = Closure::<dyn Fn()>::new(remember_position);
    let on_hide = Closure::<dyn Fn()>::new(|| set_restoration(web_sys::ScrollRestoration::Auto));
    let on_show = Closure::<dyn Fn()>::new(|| set_restoration(web_sys::ScrollRestoration::Manual));
    let _ = w.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
    let _ = w.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
    // Listeners live as long as the page.
    on_scroll.forget();
    on_hide.forget();
    on_show.forget();
}

/// Addresses whose scroll position is kept; the least recently recorded goes first. A
/// short list searched linearly keeps hash-map code out of the wasm, and the memory bounded.
const POSITIONS_KEPT: usize = 100;

/// Records the scroll position of the address shown (also just before leaving it, in case
/// the reader scrolled before the app started).
pub fn remember_position() {
    let y = window().scroll_y().unwrap_or(0.0);
    let key = current_key();
    POSITIONS.with(|p| {
        let mut p = p.borrow_mut();
        p.retain(|(k, _)| *k != key);
        p.push((key, y));
        if p.len() > POSITIONS_KEPT {
            p.remove(0);
        }
    });
}

/// Client-side navigations since the page was loaded.
pub fn navigations() -> u32 {
    NAVIGATIONS.with(Cell::get)
}

/// Called by the router when it shows another page: by Back/Forward (`traversal`: the page
/// restores its scroll position) or by a link (the page starts at its top).
pub fn navigated(traversal: bool) {
    NAVIGATIONS.with(|n| n.set(n.get() + 1));
    POPPED.with(|p| p.set(traversal));
    if traversal {
        let key = current_key();
        let y = POSITIONS
            .with(|p| p.borrow().iter().find(|(k, _)| *k == key).map(|(_, y)| *y))
            .unwrap_or(0.0);
        PENDING.with(|p| p.set(y));
    }
}

/// A click on a link to the page already shown: like a browser, the page starts over at its
/// top, with focus on its h1.
pub fn restart_page() {
    focus_h1(&document());
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

fn focus_h1(doc: &web_sys::Document) {
    if let Ok(Some(h1)) = doc.query_selector("main h1") {
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            if !h1.has_attribute("tabindex") {
                let _ = h1.set_attribute("tabindex", "-1");
            }
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = h1.focus_with_options(&opts);
        }
    }
}

/// Called by a page when its content is rendered. On the page the browser loaded it does
/// nothing (the browser handles that); after a client-side navigation it restores the scroll position
/// (Back/Forward) or starts at the top (or at the `#section` the address names), focuses the
/// h1 and announces the title.
pub fn page_ready(state: Option<NavState>) {
    // Once per navigation: a page that renders again (Retry, new data) keeps its place.
    let navigation = NAVIGATIONS.with(Cell::get);
    if READY.with(|r| r.replace(navigation)) == navigation {
        return;
    }
    let popped = POPPED.with(|p| p.replace(false));
    let target = if popped { PENDING.with(Cell::get) } else { 0.0 };
    // After layout, so the restored position exists in the new content.
    let cb = Closure::once_into_js(move || {
        let doc = document();
        focus_h1(&doc);
        // A new page with a `#section` in its address opens at that section.
        let section = (!popped)
            .then(|| window().location().hash().ok())
            .flatten()
            .and_then(|h| h.strip_prefix('#').map(str::to_string))
            .filter(|id| !id.is_empty())
            .and_then(|id| doc.get_element_by_id(&id));
        match section {
            Some(el) => el.scroll_into_view(),
            None => window().scroll_to_with_x_and_y(0.0, target),
        }
        if let Some(s) = state {
            s.announcement.set(doc.title());
        }
    });
    let _ = window().request_animation_frame(cb.unchecked_ref());
}
