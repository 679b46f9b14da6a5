//! The app root: context, layout, and leptos_router's routes.

use krasa_model::route::{param, segment};
use krasa_model::{paths, Route, Site};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route as RouteView, Router};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};

use crate::api::{self, DataCache};
use crate::components::{Footer, Header, SkipLink, Theme};
use crate::context::SiteInfo;
use crate::links::Base;
use crate::nav::NavState;
use crate::pages::{
    ArticlePage, AuthorPage, FeedPage, NotFound, SearchPage, SectionPage, SeriesPage, TagPage,
    TagsPage,
};
use crate::search::pagefind::SearchIndex;

/// What the app is told when it starts: by `start()` in the browser, by the prerenderer
/// natively. The address itself comes from leptos_router (the browser's location, or the
/// prerenderer's `RequestUrl`).
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The deploy base (`/news` for a site built with `--public-url /news/`).
    pub base: Base,
    /// The address (full path) the server answered with its not-found page, if it did: the
    /// app shows that page there at once, without looking for data.
    pub not_found_at: Option<String>,
    /// The colour theme in effect.
    pub theme: Theme,
}

/// The root component. It uses the [`DataCache`] and [`NavState`] of its context when the
/// caller provides them (`start()` does, with the page's embedded data and its listeners),
/// else fresh ones.
#[component]
pub fn App(launch: Launch) -> impl IntoView {
    let Launch {
        base,
        not_found_at,
        theme,
    } = launch;
    let cache = api::use_cache();
    provide_context(cache);
    let nav = use_context::<NavState>().unwrap_or_else(|| NavState::new(base.href(&Route::HOME)));
    provide_context(nav);
    provide_context(theme);
    provide_context(use_context::<SearchIndex>().unwrap_or_default());
    provide_context(site_info(cache, &base));
    provide_context(base.clone());
    view! {
        <Router base=base.as_str().to_string()>
            <SkipLink/>
            <Header/>
            <main id="main-content" class="wrap" tabindex="-1">
                <Pages not_found_at=not_found_at/>
            </main>
            <Footer/>
            <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || nav.announcement.get()}
            </div>
        </Router>
    }
}

/// The page of the address: leptos_router's routes, with the not-found page as fallback
/// (and at once at the address the server answered with its not-found page).
#[component]
fn Pages(not_found_at: Option<String>) -> impl IntoView {
    let location = use_location();
    let served_not_found = Memo::new(move |_| {
        location
            .pathname
            .with(|p| not_found_at.as_deref() == Some(p))
    });
    use segment::*;
    move || {
        if served_not_found.get() {
            return view! { <NotFound/> }.into_any();
        }
        view! {
            <FlatRoutes fallback=|| view! { <NotFound/> }>
                <RouteView path=StaticSegment("") view=FeedPage/>
                <RouteView path=(StaticSegment(PAGE), ParamSegment(param::PAGE)) view=FeedPage/>
                <RouteView path=(StaticSegment(ARTICLES), ParamSegment(param::SLUG)) view=ArticlePage/>
                <RouteView path=StaticSegment(TAGS) view=TagsPage/>
                <RouteView path=(StaticSegment(TAGS), ParamSegment(param::TAG)) view=TagPage/>
                <RouteView
                    path=(StaticSegment(TAGS), ParamSegment(param::TAG), StaticSegment(PAGE), ParamSegment(param::PAGE))
                    view=TagPage
                />
                <RouteView path=StaticSegment(SEARCH) view=SearchPage/>
                <RouteView path=(StaticSegment(AUTHORS), ParamSegment(param::AUTHOR)) view=AuthorPage/>
                <RouteView
                    path=(StaticSegment(AUTHORS), ParamSegment(param::AUTHOR), StaticSegment(PAGE), ParamSegment(param::PAGE))
                    view=AuthorPage
                />
                <RouteView path=(StaticSegment(SERIES), ParamSegment(param::SERIES)) view=SeriesPage/>
                // a section's short address matches any one segment: the routes above come
                // first, and the section page checks its slug is no fixed segment
                <RouteView path=ParamSegment(param::SECTION) view=SectionPage/>
                <RouteView
                    path=(ParamSegment(param::SECTION), StaticSegment(PAGE), ParamSegment(param::PAGE))
                    view=SectionPage
                />
            </FlatRoutes>
        }
        .into_any()
    }
}

/// Site name, tagline, navigation and root URL: from the embedded or cached site.json at once if it is
/// here, else as soon as it arrives (in the browser; the document's `lang` follows).
fn site_info(cache: DataCache, base: &Base) -> SiteInfo {
    let known: Option<Site> = cache.peek(&paths::site_json());
    let public_url = format!("{}/", base.as_str());
    let root_of = move |s: &Site| paths::site_root(&s.base_url, &public_url);
    let field = |f: fn(&Site) -> String| RwSignal::new(known.as_ref().map(f).unwrap_or_default());
    let info = SiteInfo {
        title: field(|s| s.title.clone()),
        tagline: field(|s| s.tagline.clone()),
        root: RwSignal::new(known.as_ref().map(&root_of).unwrap_or_default()),
        nav: RwSignal::new(known.as_ref().map(|s| s.nav.clone()).unwrap_or_default()),
    };
    let show = move |s: Site| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", &s.language);
        }
        info.root.set(root_of(&s));
        info.nav.set(s.nav);
        info.title.set(s.title);
        info.tagline.set(s.tagline);
    };
    // Effects run only in the browser.
    Effect::new(move |_| {
        let show = show.clone();
        match known.clone() {
            Some(s) => show(s),
            None => leptos::task::spawn_local(async move {
                if let Ok(s) = cache.fetch::<Site>(paths::site_json(), None).await {
                    show(s);
                }
            }),
        }
    });
    info
}
