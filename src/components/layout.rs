//! The frame of every page: skip link, header with site name, tagline and navigation, footer.
//! They sit inside leptos_router's `<Router>` and read the address from it.

use krasa_model::Route;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::theme::ThemeToggle;
use crate::context::SiteInfo;
use crate::links;
use crate::search::pagefind::use_index;
use crate::search::SearchQuery;

/// The address shown, below the deploy base (`/tags`).
fn current_path() -> Signal<String> {
    let location = use_location();
    let base = links::base();
    Signal::derive(move || {
        location
            .pathname
            .with(|p| base.strip(p).unwrap_or("/").to_string())
    })
}

/// "Skip to content": moves focus to the main region without changing the URL (the app's
/// link handling takes in-page links). The href names the page's own address: with
/// `<base href>`, a bare `#main-content` would lead to the front page when JavaScript is off
/// (or before the app has started).
#[component]
pub fn SkipLink() -> impl IntoView {
    let location = use_location();
    let href = move || format!("{}#main-content", location.pathname.get());
    view! { <a class="skip-link" href=href>"Skip to content"</a> }
}

/// `aria-current="page"` for a navigation link to `href` when the reader is at `path` (both
/// below the base): the front page's link on the front page only, any other link on its
/// page and every page below it (the tags link on every tag page).
fn current(path: &str, href: &str) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    let hit = if href.is_empty() {
        path.is_empty()
    } else {
        path == href || path.starts_with(&format!("{href}/"))
    };
    hit.then_some("page")
}

fn site_title() -> Signal<String> {
    let info = use_context::<SiteInfo>();
    Signal::derive(move || info.map(|s| s.title.get()).unwrap_or_default())
}

#[component]
pub fn Header() -> impl IntoView {
    let info = use_context::<SiteInfo>();
    let tagline = move || info.map(|s| s.tagline.get()).unwrap_or_default();
    view! {
        <header class="site-header">
            <div class="wrap header-inner">
                <div class="brand">
                    <a href=links::href(&Route::HOME) class="site-name">{site_title()}</a>
                    <p class="tagline">{tagline}</p>
                </div>
                <nav class="site-nav" aria-label="Main">
                    <NavLinks/>
                    <ThemeToggle/>
                </nav>
                <SearchBox/>
            </div>
        </header>
    }
}

/// The site's navigation, as `site.json` lists it; each link a page of the site (an entry
/// whose path is not one is left out).
#[component]
fn NavLinks() -> impl IntoView {
    let path = current_path();
    let info = use_context::<SiteInfo>();
    let links = move || {
        let nav = info.map(|s| s.nav.get()).unwrap_or_default();
        nav.into_iter()
            .filter_map(|link| {
                let route = Route::parse(&link.path)?;
                let at = route.path();
                let current = move || path.with(|p| current(p, &at));
                Some(view! {
                    <li>
                        <a href=links::href(&route) aria-current=current>{link.label}</a>
                    </li>
                })
            })
            .collect_view()
    };
    view! { <ul>{links}</ul> }
}

/// The search box of every page: a GET form to `/search/` (so it works without JavaScript,
/// where the search page explains that results need it). With JavaScript, focus starts
/// loading the index and submitting goes through the router.
#[component]
pub fn SearchBox() -> impl IntoView {
    let base = links::base();
    let action = base.href(&Route::Search);
    let navigate = leptos_router::hooks::use_navigate();
    let words = NodeRef::<leptos::html::Input>::new();
    let index = use_index();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = SearchQuery {
            words: words
                .get()
                .map(|i| i.value())
                .unwrap_or_default()
                .trim()
                .into(),
            ..SearchQuery::default()
        };
        navigate(&query.href(&base), Default::default());
    };
    view! {
        <form
            class="site-search"
            role="search"
            aria-label="Site search"
            action=action
            method="get"
            on:submit=on_submit
        >
            <label for="site-search-words" class="visually-hidden">"Search stories"</label>
            <input
                id="site-search-words"
                type="search"
                name="q"
                placeholder="Search stories"
                node_ref=words
                on:focus=move |_| index.warm()
            />
            <button type="submit" class="button">"Search"</button>
        </form>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    {site_title()}
                    " — independent news and free tutorials on AI for businesses."
                </p>
                <p>
                    <a href=links::href(&Route::HOME)>"Latest news"</a>
                    <span aria-hidden="true">" · "</span>
                    <a href=links::href(&Route::Tags)>"All tags"</a>
                </p>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::current;

    #[test]
    fn navigation_marks_the_current_section() {
        assert_eq!(current("/", "/",), Some("page"));
        assert_eq!(current("/page/2/", "/"), None);
        assert_eq!(current("/tags/", "/tags/"), Some("page"));
        assert_eq!(current("/tags/ai/", "/tags/"), Some("page"));
        assert_eq!(current("/tagsx/", "/tags/"), None);
    }
}
