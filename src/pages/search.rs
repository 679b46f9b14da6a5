//! `/search/?q=<words>&tag=<tag>&category=<category>&sort=newest`: search results from
//! Pagefind, most relevant first unless the reader asks for the newest first.
//!
//! The query lives in the address, so results can be shared, and Back comes back to them
//! (with as many results as were shown, where the reader was). Typing in the page's box
//! refines the search in place: the address is replaced, not pushed, and focus stays in
//! the box. Prerendered, the page is the form and a note that search needs JavaScript
//! (`.no-js`: hidden once scripts run).
//!
//! The page keeps one `Outcome` signal and renders each state as a plain view: one
//! reactive closure for the results, one per filter's options (a lean wasm: each reactive
//! view type costs code).

use krasa_model::Route;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::{ErrorView, NoResults, SearchHit};
use crate::error::AppError;
use crate::head::{set_head, PageHead, Robots};
use crate::links;
use crate::nav::{address_key, current_key, NavState};
use crate::pages::{mark_ready, mark_ready_announcing};
use crate::search::pagefind::{use_index, FilterChoices, FilterValue, Found, Hit, SearchIndex};
use crate::search::{count_label, Order, SearchQuery, ORDER_PARAM, RESULTS_STEP};

/// How long typing pauses before the results follow it.
const TYPING_PAUSE_MS: u64 = 120;

/// What the results area shows.
#[derive(Clone)]
enum Outcome {
    /// No words and no filter: the form alone.
    Idle,
    /// The first results of a new search are on their way.
    Searching,
    Shown(Shown),
    Failed(AppError),
}

/// A search with the results loaded so far.
#[derive(Clone)]
struct Shown {
    query: SearchQuery,
    found: Found,
    hits: Vec<Hit>,
    /// "Show more" is loading the next results.
    more_pending: bool,
    /// The last "Show more" failed.
    more_failed: Option<AppError>,
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(SearchQuery::from_params));
    let index = use_index();
    let outcome = RwSignal::new(if query.with_untracked(SearchQuery::is_empty) {
        Outcome::Idle
    } else {
        Outcome::Searching
    });
    let choices = RwSignal::new(FilterChoices::default());
    let attempt = RwSignal::new(0u32);
    // A new query (or Retry) starts a search; an answer to an older one is dropped.
    Effect::new(move |_| {
        let q = query.get();
        attempt.track();
        if q.is_empty() {
            outcome.set(Outcome::Idle);
            return;
        }
        if !matches!(outcome.get_untracked(), Outcome::Shown(_)) {
            outcome.set(Outcome::Searching);
        }
        let page = SearchSignals {
            query,
            outcome,
            choices,
        };
        leptos::task::spawn_local(page.search(index, q));
    });
    let retry = Callback::new(move |_| attempt.update(|n| *n += 1));
    let results = move || match outcome.get() {
        Outcome::Idle => {
            head_for(None);
            mark_ready();
            ().into_any()
        }
        Outcome::Searching => view! { <p class="search-status">"Searching…"</p> }.into_any(),
        Outcome::Failed(e) => {
            head_for(None);
            mark_ready();
            view! { <ErrorView error=e on_retry=retry level=2/> }.into_any()
        }
        Outcome::Shown(shown) => results_view(shown, outcome),
    };
    view! {
        // (the prerendered page has no results: the boot script starts the app at once)
        <section class="search" aria-labelledby="page-heading" data-needs-app="">
            <h1 id="page-heading" class="page-heading" tabindex="-1">"Search"</h1>
            <SearchForm query=query choices=choices.read_only()/>
            <p class="search-note no-js">
                "Search needs JavaScript, which is off in this browser. You can still "
                "browse every story by topic in "
                <a href=links::href(&Route::Tags)>"all tags"</a> "."
            </p>
            {results}
        </section>
    }
}

/// What a search running in the background writes to.
#[derive(Clone, Copy)]
struct SearchSignals {
    /// The search in the address now (an answer to an older one is dropped).
    query: Memo<SearchQuery>,
    outcome: RwSignal<Outcome>,
    /// The filters' values, apart from the results: they change with the words (and arrive
    /// after the first results), and are set only when they differ, which keeps the
    /// selects, and the focus in them, when a filter narrows the results.
    choices: RwSignal<FilterChoices>,
}

impl SearchSignals {
    /// Shows the first results of `q`, then (if they were not loaded yet) the filters'
    /// values.
    async fn search(self, index: SearchIndex, q: SearchQuery) {
        let result = first_results(index, &q).await;
        if self.query.get_untracked() != q {
            return;
        }
        let choices_later = matches!(&result, Ok(s) if !s.found.filters_loaded);
        match result {
            Ok(shown) => {
                if shown.found.filters_loaded {
                    self.show_choices(shown.found.filters.clone());
                }
                self.outcome.set(Outcome::Shown(shown));
            }
            Err(e) => self.outcome.set(Outcome::Failed(e)),
        }
        if choices_later {
            if let Ok(values) = index.filter_choices(&q).await {
                if self.query.get_untracked() == q {
                    self.show_choices(values);
                }
            }
        }
    }

    fn show_choices(self, new: FilterChoices) {
        if self.choices.with_untracked(|c| *c != new) {
            self.choices.set(new);
        }
    }
}

/// Runs a search and loads its first results: as many as the reader saw at this address
/// before (Back after "Show more"), else one step.
async fn first_results(index: SearchIndex, query: &SearchQuery) -> Result<Shown, AppError> {
    let found = index.search(query).await?;
    let count = index
        .shown_at(&current_key())
        .unwrap_or(RESULTS_STEP)
        .max(RESULTS_STEP);
    let hits = found.hits(0, count).await?;
    Ok(Shown {
        query: query.clone(),
        found,
        hits,
        more_pending: false,
        more_failed: None,
    })
}

/// Loads the next results into the page ("Show more"); focus goes to the first new one.
fn show_more(outcome: RwSignal<Outcome>, index: SearchIndex) {
    let Outcome::Shown(shown) = outcome.get_untracked() else {
        return;
    };
    let from = shown.hits.len();
    let set = move |f: &dyn Fn(&mut Shown)| {
        outcome.update(|o| {
            if let Outcome::Shown(s) = o {
                f(s)
            }
        })
    };
    set(&|s| s.more_pending = true);
    leptos::task::spawn_local(async move {
        let more = shown.found.hits(from, from + RESULTS_STEP).await;
        set(&|s| {
            s.more_pending = false;
            match &more {
                Ok(hits) if s.hits.len() == from => {
                    s.hits.extend(hits.iter().cloned());
                    s.more_failed = None;
                }
                Ok(_) => {}
                Err(e) => s.more_failed = Some(e.clone()),
            }
        });
        if more.is_ok() {
            index.remember_shown(current_key(), from + RESULTS_STEP);
            focus_result(from);
        }
    });
}

/// The page's title names the search; search pages are not for search engines.
fn head_for(described: Option<String>) {
    let title = match described {
        Some(d) => format!("Search: {d}"),
        None => "Search".to_string(),
    };
    set_head(
        &title,
        PageHead {
            description: Some("Search every story by its words, tag or category.".into()),
            robots: Robots::NoIndex,
            ..PageHead::default()
        },
    );
}

/// The count, the results and "Show more"; or "no results".
fn results_view(shown: Shown, outcome: RwSignal<Outcome>) -> AnyView {
    let total = shown.found.total();
    let described = shown.query.describe();
    head_for(Some(format!("{described} ({})", count_label(total))));
    mark_ready_announcing(format!("{} for {described}", count_label(total)));
    if total == 0 {
        // nothing among the newest stories: the whole archive may hold it
        let scope = scope_note(&shown);
        return view! { <NoResults described=described/> {scope} }.into_any();
    }
    let index = use_index();
    let left = total.saturating_sub(shown.hits.len());
    let more = (left > 0 && !shown.more_pending).then(|| {
        view! {
            <button type="button" class="button show-more" on:click=move |_| show_more(outcome, index)>
                {format!("Show more ({left} more)")}
            </button>
        }
    });
    let scope = scope_note(&shown);
    let failed = shown
        .more_failed
        .map(|e| view! { <p class="search-error" role="alert">{e.to_string()}</p> });
    view! {
        <p class="search-count">{count_label(total)} " for " {described}</p>
        {scope}
        <ol class="search-results">
            {shown.hits.into_iter().map(|hit| view! { <SearchHit hit=hit/> }).collect_view()}
        </ol>
        {failed}
        {more}
    }
    .into_any()
}

/// When the newest stories alone were searched: how many, and a link to the same search over
/// the whole archive.
fn scope_note(shown: &Shown) -> Option<AnyView> {
    let scope = shown.found.coverage;
    if shown.query.all || scope.covered >= scope.total {
        return None;
    }
    let all = SearchQuery {
        all: true,
        ..shown.query.clone()
    };
    let href = all.href(&links::base());
    Some(
        view! {
            <p class="search-scope">
                {format!("Searched the newest {} of {} stories. ", scope.covered, scope.total)}
                <a href=href>"Search the whole archive"</a>
            </p>
        }
        .into_any(),
    )
}

/// After "Show more", focus goes to the first new result's title link.
fn focus_result(position: usize) {
    request_animation_frame(move || {
        let selector = format!(".search-results > li:nth-child({}) h2 a", position + 1);
        if let Ok(Some(link)) = document().query_selector(&selector) {
            use wasm_bindgen::JsCast;
            if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
                let _ = link.focus();
            }
        }
    });
}

/// How a change of the form reaches the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Submitted: a new history entry; the page lands at its top.
    NewSearch,
    /// Typing paused, or a filter changed: the address is replaced and the page keeps focus
    /// and place; the new count is announced.
    Refine,
}

/// The words, and the tag and category filters. A GET form to `/search/`, so it works
/// without JavaScript too (the prerendered page then explains); with it, submitting and
/// typing go through the router.
#[component]
fn SearchForm(query: Memo<SearchQuery>, choices: ReadSignal<FilterChoices>) -> impl IntoView {
    let base = links::base();
    let action = base.href(&Route::Search);
    let navigate = use_navigate();
    let form = NodeRef::<leptos::html::Form>::new();
    // (Handlers and timers run outside the component: take the context values now.)
    let nav = use_context::<NavState>();
    let index = use_index();
    let pause = StoredValue::new(None::<TimeoutHandle>);
    let go = move |step: Step| {
        if let Some(h) = pause.get_value() {
            h.clear();
        }
        let Some(next) = form.get().map(|f| read_form(&f)) else {
            return;
        };
        if next == query.get_untracked() {
            return;
        }
        let href = next.href(&base);
        if step == Step::Refine {
            if let Some(nav) = nav {
                let (path, search) = href.split_once('?').unwrap_or((&href, ""));
                nav.refine(address_key(path, search));
            }
        }
        navigate(
            &href,
            NavigateOptions {
                replace: step == Step::Refine,
                scroll: step == Step::NewSearch,
                ..NavigateOptions::default()
            },
        );
    };
    let go = StoredValue::new(go);
    let on_input = move |_| {
        if let Some(h) = pause.get_value() {
            h.clear();
        }
        let later = move || go.with_value(|go| go(Step::Refine));
        let pause_ms = std::time::Duration::from_millis(TYPING_PAUSE_MS);
        pause.set_value(set_timeout_with_handle(later, pause_ms).ok());
    };
    view! {
        <form
            class="search-form"
            role="search"
            aria-label="Search and filter stories"
            action=action
            method="get"
            node_ref=form
            on:submit=move |ev| {
                ev.prevent_default();
                go.with_value(|go| go(Step::NewSearch));
            }
        >
            <div class="search-field">
                <label for="search-words">"Search stories"</label>
                <input
                    id="search-words"
                    type="search"
                    name="q"
                    prop:value=move || query.with(|q| q.words.clone())
                    on:input=on_input
                    on:focus=move |_| index.warm()
                />
                <button type="submit" class="button">"Search"</button>
            </div>
            // a search of the whole archive stays one as it is refined
            {move || query.with(|q| q.all).then(|| view! {
                <input type="hidden" name=crate::search::ALL_PARAM value="1"/>
            })}
            <div
                class="search-filters"
                on:change=move |_| go.with_value(|go| go(Step::Refine))
            >
                // Rebuilt when the values change (new words), not when a filter is chosen, so
                // the select the reader is using keeps focus; Back and Forward set the value.
                {move || filter_selects(query.get_untracked(), choices.get())}
                {order_select()}
            </div>
        </form>
    }
    .into_any()
}

/// The search the form states.
fn read_form(form: &web_sys::HtmlFormElement) -> SearchQuery {
    let data = web_sys::FormData::new_with_form(form).ok();
    SearchQuery::read(|name| data.as_ref()?.get(name).as_string())
}

/// One of the search's filters, as its select shows it.
#[derive(Clone, Copy)]
struct Filter {
    /// Its query parameter, also the select's name.
    param: &'static str,
    id: &'static str,
    label: &'static str,
    any: &'static str,
    /// Written before each value (`#` for tags).
    prefix: &'static str,
}

const TAG_FILTER: Filter = Filter {
    param: crate::search::TAG_PARAM,
    id: "search-tag",
    label: "Tag",
    any: "Any tag",
    prefix: "#",
};

const CATEGORY_FILTER: Filter = Filter {
    param: crate::search::CATEGORY_PARAM,
    id: "search-category",
    label: "Section",
    any: "Any section",
    prefix: "",
};

/// The tag and category filters.
fn filter_selects(query: SearchQuery, choices: FilterChoices) -> AnyView {
    view! {
        {filter_select(TAG_FILTER, query.tag, choices.tags)}
        {filter_select(CATEGORY_FILTER, query.category, choices.categories)}
    }
    .into_any()
}

/// The results' order: most relevant first (the default) or newest first.
fn order_select() -> AnyView {
    let params = use_query_map();
    let value = move || params.with(|p| SearchQuery::from_params(p).order.param().unwrap_or(""));
    let newest = Order::Newest.param().unwrap_or_default();
    view! {
        <span class="search-filter">
            <label for="search-order">"Order"</label>
            <select id="search-order" name=ORDER_PARAM prop:value=value>
                <option value="">"Most relevant"</option>
                <option value=newest>"Newest first"</option>
            </select>
        </span>
    }
    .into_any()
}

/// One filter's select; its value follows the address.
fn filter_select(filter: Filter, chosen: Option<String>, values: Vec<FilterValue>) -> AnyView {
    let params = use_query_map();
    let value = move || params.with(|p| p.get(filter.param).unwrap_or_default());
    view! {
        <span class="search-filter">
            <label for=filter.id>{filter.label}</label>
            <select id=filter.id name=filter.param prop:value=value>
                {filter_options(filter.any, filter.prefix, chosen, values)}
            </select>
        </span>
    }
    .into_any()
}

/// A filter's options: "Any", the values among the results with their counts, and the
/// chosen value even when no result has it.
fn filter_options(
    any: &'static str,
    prefix: &'static str,
    chosen: Option<String>,
    mut values: Vec<FilterValue>,
) -> AnyView {
    if let Some(c) = &chosen {
        if !values.iter().any(|v| &v.value == c) {
            values.insert(
                0,
                FilterValue {
                    value: c.clone(),
                    count: 0,
                },
            );
        }
    }
    let any_chosen = chosen.is_none();
    let options = values
        .into_iter()
        .map(|v| {
            let is_chosen = chosen.as_deref() == Some(v.value.as_str());
            let text = format!("{prefix}{} ({})", v.value, v.count);
            view! { <option value=v.value selected=is_chosen>{text}</option> }
        })
        .collect_view();
    view! {
        <option value="" selected=any_chosen>{any}</option>
        {options}
    }
    .into_any()
}
