//! Pagefind's own JavaScript API (`pagefind/pagefind.js`, written by the `pagefind` CLI
//! next to the site) through a small wasm-bindgen binding.
//!
//! Nothing of it is loaded until search is wanted: [`SearchIndex::warm`] (the search box
//! got focus) or the first search reads the list of the index's shards (`data/search.json`:
//! one Pagefind bundle per publication period, newest first) and starts a dynamic `import()`
//! of the newest shard's bundle, resolved against `<base href>`, so a `/news/` build finds
//! its own index; the older shards are merged into it (`mergeIndex`: they reuse its wasm and
//! fetch only their own index files), each weighted a little less than the one after it.
//! Every shard carries its id as a filter of its own (Pagefind's `mergeFilter`), so "newest
//! first" can list the newest shard's results by date, then the next shard's, and so on:
//! Pagefind's date order is only comparable within one bundle. Each bundle's entry file is
//! fetched under the shard's tag from `search.json` (`metaCacheTag`), not under a new URL
//! each time, so a browser's cache can answer for it until the shard changes.
//! Pagefind then runs in its web worker, and fetches the index chunks and result fragments
//! it needs. A failed load is not kept: the next attempt (Retry) imports the bundle again
//! under a fresh URL, since browsers remember a failed module.
//!
//! Runs in the browser only (effects, event handlers and tasks never run when
//! prerendering).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::{rank, Order, SearchQuery};
use crate::error::AppError;

/// The bundle's module in a shard's folder.
const MODULE: &str = "pagefind.js";
/// How much less each older shard's results weigh than the next newer one's, and the least
/// weight a shard gets: a modest lean towards recent stories among equally relevant ones.
const OLDER_SHARD_STEP: f64 = 0.02;
const OLDEST_SHARD_WEIGHT: f64 = 0.9;
/// The filter every page of a shard's bundle gets, valued with the shard's id.
const SHARD_FILTER: &str = "shard";

#[wasm_bindgen(inline_js = "export function importModule(url) { return import(url); }")]
extern "C" {
    /// The dynamic `import()` of a module by absolute URL.
    #[wasm_bindgen(js_name = importModule)]
    fn import_module(url: &str) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// The module `pagefind.js` exports.
    #[derive(Clone)]
    type Module;
    #[wasm_bindgen(method)]
    fn init(this: &Module) -> js_sys::Promise;
    /// Options of the newest shard's index, set before `init`.
    #[wasm_bindgen(method)]
    fn options(this: &Module, options: &JsValue) -> js_sys::Promise;
    /// Adds another bundle's index (a URL ending in `/`) to this one's searches.
    #[wasm_bindgen(method, js_name = mergeIndex)]
    fn merge_index(this: &Module, url: &str, options: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn search(this: &Module, term: &JsValue, options: &JsValue) -> js_sys::Promise;
    /// Loads the filter indexes (once), so searches count results per tag and category.
    #[wasm_bindgen(method)]
    fn filters(this: &Module) -> js_sys::Promise;

    /// One result of a search, before its fragment (title, excerpt, meta) is loaded.
    #[derive(Clone)]
    type PagefindResult;
    #[wasm_bindgen(method, getter)]
    fn score(this: &PagefindResult) -> f64;
    /// The page's id in the index (the same in every search).
    #[wasm_bindgen(method, getter)]
    fn id(this: &PagefindResult) -> String;
    #[wasm_bindgen(method)]
    fn data(this: &PagefindResult) -> js_sys::Promise;
}

/// A result as shown, from Pagefind's fragment of the article page: what the page gave
/// it (`data-pagefind-meta`; the title is its h1) and the excerpt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hit {
    pub title: String,
    pub slug: String,
    /// ISO date.
    pub date: String,
    pub category: String,
    /// The section's slug (where the badge leads).
    pub section: String,
    /// Plain text with the matched words in `<mark>` ([`super::excerpt_parts`]).
    pub excerpt: String,
    /// The story's lead image, small, when it has one.
    pub thumb: Option<Thumb>,
}

/// A search result's thumbnail: the smallest file of its story's lead image, and the size of
/// the largest (the ratio reserves its space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumb {
    pub src: String,
    pub width: String,
    pub height: String,
}

impl Hit {
    /// Reads a fragment (`{ excerpt, meta: { title, slug, date, category, section } }`).
    fn from_fragment(fragment: &JsValue) -> Hit {
        let meta = get(fragment, "meta");
        let text = |object: &JsValue, key: &str| get(object, key).as_string().unwrap_or_default();
        Hit {
            title: text(&meta, "title"),
            slug: text(&meta, "slug"),
            date: text(&meta, "date"),
            category: text(&meta, "category"),
            section: text(&meta, "section"),
            excerpt: text(fragment, "excerpt"),
            thumb: Some(text(&meta, "thumb"))
                .filter(|src| !src.is_empty())
                .map(|src| Thumb {
                    src,
                    width: text(&meta, "thumb_width"),
                    height: text(&meta, "thumb_height"),
                }),
        }
    }
}

/// A value of a filter and how many results have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterValue {
    pub value: String,
    pub count: u32,
}

/// The values of the tag and category filters among the results of the words (before the
/// filters narrow them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterChoices {
    pub tags: Vec<FilterValue>,
    pub categories: Vec<FilterValue>,
}

/// A shard of the index, as `data/search.json` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shard {
    id: String,
    /// Changes when the shard's index does (its bundle's `metaCacheTag`).
    tag: String,
    stories: u32,
}

/// How much of the archive the index searches: the newest shards by default, all of them
/// once the reader asks for the whole archive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Scope {
    /// Stories in the shards merged so far.
    covered: u32,
    /// Stories in every shard.
    total: u32,
    /// The ids of the shards loaded so far (the newest and those merged into it), newest
    /// first.
    loaded: Vec<String>,
    /// The older shards not merged yet, newest first.
    rest: Vec<Shard>,
}

/// The results of one search, in the order shown; their fragments load on demand.
#[derive(Clone)]
pub struct Found {
    listing: SendWrapper<Rc<RefCell<Listing>>>,
    /// How many results there are.
    total: usize,
    /// The filter values among the results of the words; empty until the filter indexes
    /// are loaded ([`SearchIndex::filter_choices`]).
    pub filters: FilterChoices,
    /// Whether the filter indexes were loaded for this search (`filters` is complete).
    pub filters_loaded: bool,
    /// How much of the archive was searched.
    pub coverage: Coverage,
}

/// How many stories a search covered, of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Coverage {
    pub covered: u32,
    pub total: u32,
}

/// The results of a search in the order shown, as far as they are known.
struct Listing {
    results: Vec<PagefindResult>,
    /// Newest first: the shards whose results come next, each listed by a search of its own
    /// when the reader gets that far.
    next_shards: Option<ShardWalk>,
}

/// The newest-first listing's way through the shards.
struct ShardWalk {
    module: Module,
    term: JsValue,
    query: SearchQuery,
    /// Shard ids, newest first; `shards[next..]` are not listed yet.
    shards: Vec<String>,
    next: usize,
}

impl Listing {
    /// The next shard's search, if any shard is left: (its place in the walk, its response).
    fn next_shard(&self) -> Option<(usize, js_sys::Promise)> {
        let walk = self.next_shards.as_ref()?;
        let shard = walk.shards.get(walk.next)?;
        let options = search_options(&walk.query, Sort::Date, Some(shard));
        Some((walk.next, walk.module.search(&walk.term, &options)))
    }

    /// Adds the results of the shard at `place` in the walk (unless another load did).
    fn add_shard(&mut self, place: usize, response: &JsValue) {
        let Some(walk) = self.next_shards.as_mut() else {
            return;
        };
        if walk.next == place {
            walk.next += 1;
            self.results.extend(results(response));
        }
    }
}

impl Found {
    pub fn total(&self) -> usize {
        self.total
    }

    /// Loads the fragments of results `from..to` (clamped), all at once.
    pub async fn hits(&self, from: usize, to: usize) -> Result<Vec<Hit>, AppError> {
        let to = to.min(self.total());
        self.list_until(to).await?;
        let listed = self.listing.borrow().results.len();
        let (from, to) = (from.min(to).min(listed), to.min(listed));
        let loads: js_sys::Array = self.listing.borrow().results[from..to]
            .iter()
            .map(|r| r.data())
            .collect();
        let all = JsFuture::from(js_sys::Promise::all(&loads))
            .await
            .map_err(|_| AppError::SearchUnavailable)?;
        Ok(js_sys::Array::from(&all)
            .iter()
            .map(|f| Hit::from_fragment(&f))
            .collect())
    }

    /// Lists results (newest first: shard by shard) until `count` are known or none are left.
    async fn list_until(&self, count: usize) -> Result<(), AppError> {
        loop {
            let next = {
                let listing = self.listing.borrow();
                if listing.results.len() >= count {
                    return Ok(());
                }
                listing.next_shard()
            };
            let Some((place, search)) = next else {
                return Ok(());
            };
            let response = JsFuture::from(search)
                .await
                .map_err(|_| AppError::SearchUnavailable)?;
            self.listing.borrow_mut().add_shard(place, &response);
        }
    }
}

#[derive(Default)]
struct State {
    module: Option<Module>,
    /// The load under way, if any: a search started while the box's focus is still loading
    /// the index waits for that load instead of merging every shard a second time.
    loading: Option<js_sys::Promise>,
    /// The shards loaded and the older ones not merged yet (the whole archive's).
    scope: Scope,
    /// Pagefind's filter indexes are loaded (they are left out of the first query: at
    /// 10,000 stories they weigh more than the fragments of the first results).
    filters_loaded: bool,
    /// Failed loads so far (each retry imports the bundle under a new URL).
    failures: u32,
    /// Results shown at an address (path and query) when the reader left it ("show
    /// more"), so Back shows as many again and lands where the reader was.
    shown: Option<(String, usize)>,
}

/// The search index, provided as context by the app: a handle to Pagefind once loaded.
#[derive(Clone, Copy)]
pub struct SearchIndex(StoredValue<State, LocalStorage>);

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex(StoredValue::new_local(State::default()))
    }
}

/// The app's search index (a fresh one where there is none).
pub fn use_index() -> SearchIndex {
    use_context::<SearchIndex>().unwrap_or_default()
}

impl SearchIndex {
    /// Starts loading Pagefind, if it is not loaded, so the first search is quick.
    pub fn warm(self) {
        leptos::task::spawn_local(async move {
            let _ = self.module().await;
        });
    }

    /// Remembers that `count` results were shown at `address`.
    pub fn remember_shown(self, address: String, count: usize) {
        self.0.update_value(|s| s.shown = Some((address, count)));
    }

    /// How many results were shown at `address`, if the reader was there last.
    pub fn shown_at(self, address: &str) -> Option<usize> {
        self.0.with_value(|s| {
            s.shown
                .as_ref()
                .filter(|(at, _)| at == address)
                .map(|(_, n)| *n)
        })
    }

    async fn module(self) -> Result<Module, AppError> {
        if let Some(m) = self.0.with_value(|s| s.module.clone()) {
            return Ok(m);
        }
        let loading = self.0.with_value(|s| s.loading.clone());
        let loading = loading.unwrap_or_else(|| {
            let failures = self.0.with_value(|s| s.failures);
            let started = wasm_bindgen_futures::future_to_promise(async move {
                let (module, scope) = load(failures).await.ok_or(JsValue::NULL)?;
                self.0.update_value(|s| s.scope = scope);
                Ok(JsValue::from(module))
            });
            self.0.update_value(|s| s.loading = Some(started.clone()));
            started
        });
        let loaded = JsFuture::from(loading).await;
        self.0.update_value(|s| s.loading = None);
        match loaded {
            Ok(m) => {
                let m: Module = m.unchecked_into();
                self.0.update_value(|s| s.module = Some(m.clone()));
                Ok(m)
            }
            Err(_) => Err(self.failed()),
        }
    }

    /// Forgets the module after a failure, so the next attempt loads it afresh.
    fn failed(self) -> AppError {
        self.0.update_value(|s| {
            s.module = None;
            s.filters_loaded = false;
            s.failures += 1;
        });
        AppError::SearchUnavailable
    }

    /// Runs a search, in the query's order. Most relevant first: Pagefind scores the
    /// results (a search without `sort`), and a second search of the same words sorted by
    /// date gives each result's place in date order, for ties ([`rank`]; within a shard:
    /// equal scores from different shards differ by the shards' weights). Newest first: the
    /// newest shard's results by date, then the next shard's ([`Found::hits`] lists a shard
    /// when the reader gets to it).
    pub async fn search(self, query: &SearchQuery) -> Result<Found, AppError> {
        let module = self.module().await?;
        if query.all {
            self.merge_the_rest(&module).await?;
        }
        let term = if query.words.is_empty() {
            JsValue::NULL // filters only
        } else {
            JsValue::from_str(&query.words)
        };
        // both start now and run side by side in Pagefind's worker
        let run = |sort| JsFuture::from(module.search(&term, &search_options(query, sort, None)));
        let scored = run(Sort::Score);
        let dated = (query.order == Order::Relevance).then(|| run(Sort::Date));
        let scored = scored.await.map_err(|_| self.failed())?;
        let listing = match dated {
            Some(dated) => {
                let dated = dated.await.map_err(|_| self.failed())?;
                Listing {
                    results: most_relevant_first(&scored, &dated),
                    next_shards: None,
                }
            }
            None => Listing {
                results: Vec::new(),
                next_shards: Some(ShardWalk {
                    module,
                    term,
                    query: query.clone(),
                    shards: self.0.with_value(|s| s.scope.loaded.clone()),
                    next: 0,
                }),
            },
        };
        Ok(Found {
            listing: SendWrapper::new(Rc::new(RefCell::new(listing))),
            total: results(&scored).len(),
            filters: filter_choices(&scored),
            filters_loaded: self.0.with_value(|s| s.filters_loaded),
            coverage: self.0.with_value(|s| Coverage {
                covered: s.scope.covered,
                total: s.scope.total,
            }),
        })
    }

    /// Merges the shards the default scope left out: the whole archive is searched.
    async fn merge_the_rest(self, module: &Module) -> Result<(), AppError> {
        let (rest, loaded) = self
            .0
            .with_value(|s| (s.scope.rest.clone(), s.scope.loaded.len()));
        if rest.is_empty() {
            return Ok(());
        }
        // (the older shards already merged come before these in weight)
        if merge(module, &rest, loaded.saturating_sub(1))
            .await
            .is_none()
        {
            return Err(self.failed());
        }
        self.0.update_value(|s| {
            s.scope
                .loaded
                .extend(rest.iter().map(|shard| shard.id.clone()));
            s.scope.rest.clear();
            s.scope.covered = s.scope.total;
        });
        Ok(())
    }

    /// The filter values among the results of `query`'s words, with their counts: loads
    /// Pagefind's filter indexes (once), then asks again. Run after the first results are on
    /// screen.
    pub async fn filter_choices(self, query: &SearchQuery) -> Result<FilterChoices, AppError> {
        let module = self.module().await?;
        if !self.0.with_value(|s| s.filters_loaded) {
            // the results first: their paint does not wait for the filter indexes
            next_frame().await;
            JsFuture::from(module.filters())
                .await
                .map_err(|_| self.failed())?;
            self.0.update_value(|s| s.filters_loaded = true);
        }
        Ok(self.search(query).await?.filters)
    }
}

/// Loads the index: the newest shard's bundle, with the older shards merged into it until
/// they hold the default scope's stories. None when any part fails to load.
async fn load(failures: u32) -> Option<(Module, Scope)> {
    let list = crate::api::fetch_json(
        &crate::api::data_url(&krasa_model::paths::search_json()),
        None,
    )
    .await
    .ok()?;
    let wanted = get(&list, "scope").as_f64().unwrap_or(f64::INFINITY);
    let shards: Vec<Shard> = js_sys::Array::from(&get(&list, "shards"))
        .iter()
        .filter_map(|shard| {
            Some(Shard {
                id: get(&shard, "id").as_string()?,
                tag: get(&shard, "tag").as_string().unwrap_or_default(),
                stories: get(&shard, "stories").as_f64().unwrap_or(0.0) as u32,
            })
        })
        .collect();
    // the newest shards, until they hold the scope's stories
    let mut covered = 0;
    let in_scope = shards
        .iter()
        .take_while(|shard| {
            let take = f64::from(covered) < wanted;
            covered += if take { shard.stories } else { 0 };
            take
        })
        .count();
    let (newest, older) = shards[..in_scope].split_first()?;
    let module: Module = JsFuture::from(import_module(&bundle_url(&newest.id, MODULE, failures)?))
        .await
        .ok()?
        .unchecked_into();
    JsFuture::from(module.options(&shard_options(newest)))
        .await
        .ok()?;
    JsFuture::from(module.init()).await.ok()?;
    merge(&module, older, 0).await?;
    let scope = Scope {
        covered,
        total: shards.iter().map(|shard| shard.stories).sum(),
        loaded: shards[..in_scope].iter().map(|s| s.id.clone()).collect(),
        rest: shards[in_scope..].to_vec(),
    };
    Some((module, scope))
}

/// Merges `shards` (newest first) into the index, after `before` older shards already
/// merged, each weighted a little less than the one before.
async fn merge(module: &Module, shards: &[Shard], before: usize) -> Option<()> {
    for (n, shard) in shards.iter().enumerate() {
        let options = shard_options(shard);
        let older = (before + n + 1) as f64;
        let weight = (1.0 - OLDER_SHARD_STEP * older).max(OLDEST_SHARD_WEIGHT);
        set(&options, "indexWeight", &JsValue::from_f64(weight));
        // (a folder: no retry query, Pagefind appends its file names)
        let merged = module.merge_index(&bundle_url(&shard.id, "", 0)?, &options);
        JsFuture::from(merged).await.ok()?;
    }
    Some(())
}

/// The options every shard's index gets: its id as the shard filter of all its pages, and
/// its tag for the entry file's address.
fn shard_options(shard: &Shard) -> js_sys::Object {
    let options = js_sys::Object::new();
    let filter = js_sys::Object::new();
    set(&filter, SHARD_FILTER, &JsValue::from_str(&shard.id));
    set(&options, "mergeFilter", &filter);
    if !shard.tag.is_empty() {
        set(&options, "metaCacheTag", &JsValue::from_str(&shard.tag));
    }
    options
}

/// Resolves at the browser's next animation frame.
async fn next_frame() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(frame).await;
}

/// The absolute URL of `file` in a shard's bundle (a module's `import()` resolves against the
/// module, not the document's base); after a failure, a new URL so the browser fetches it
/// again.
fn bundle_url(shard: &str, file: &str, failures: u32) -> Option<String> {
    let base = document().base_uri().ok()??;
    let rel = format!("{}{file}", krasa_model::paths::search_bundle(shard));
    let url = web_sys::Url::new_with_base(&rel, &base).ok()?;
    if failures > 0 {
        url.set_search(&format!("attempt={failures}"));
    }
    Some(url.href())
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// The order Pagefind returns results in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    /// By score (no `sort`).
    Score,
    /// By date, newest first (`sort: { date: "desc" }`; the scores then only number the
    /// places, within each shard).
    Date,
}

/// `{ filters: { tag, category, shard }, sort }`: the query's filters, one shard's results
/// only when `shard` is given, and `sort: { date: "desc" }` for [`Sort::Date`].
fn search_options(query: &SearchQuery, sort: Sort, shard: Option<&String>) -> JsValue {
    let filters = js_sys::Object::new();
    if let Some(tag) = &query.tag {
        set(&filters, "tag", &JsValue::from_str(tag));
    }
    if let Some(category) = &query.category {
        set(&filters, "category", &JsValue::from_str(category));
    }
    if let Some(shard) = shard {
        set(&filters, SHARD_FILTER, &JsValue::from_str(shard));
    }
    let options = js_sys::Object::new();
    set(&options, "filters", &filters);
    if sort == Sort::Date {
        let by = js_sys::Object::new();
        set(&by, "date", &JsValue::from_str("desc"));
        set(&options, "sort", &by);
    }
    options.into()
}

/// The results of a search by score, most relevant first, ties newest first: `dated` is
/// the same search sorted by date.
fn most_relevant_first(scored: &JsValue, dated: &JsValue) -> Vec<PagefindResult> {
    let by_score = results(scored);
    let newest_first: std::collections::HashMap<String, usize> = results(dated)
        .iter()
        .enumerate()
        .map(|(place, r)| (r.id(), place))
        .collect();
    let scores: Vec<f64> = by_score.iter().map(PagefindResult::score).collect();
    let newness: Vec<usize> = by_score
        .iter()
        .map(|r| newest_first.get(&r.id()).copied().unwrap_or(usize::MAX))
        .collect();
    rank(&scores, &newness)
        .into_iter()
        .map(|i| by_score[i].clone())
        .collect()
}

/// The results of a search response, in its order.
fn results(response: &JsValue) -> Vec<PagefindResult> {
    js_sys::Array::from(&get(response, "results"))
        .iter()
        .map(JsCast::unchecked_into)
        .collect()
}

/// The tag and category values of a search response (`totalFilters`: among the results of
/// the words, before the filters narrow them).
fn filter_choices(response: &JsValue) -> FilterChoices {
    let totals = get(response, "totalFilters");
    FilterChoices {
        tags: filter_values(&get(&totals, "tag")),
        categories: filter_values(&get(&totals, "category")),
    }
}

/// `{ value: count }` as a list, by name.
fn filter_values(counts: &JsValue) -> Vec<FilterValue> {
    let Some(object) = counts.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    let mut values: Vec<FilterValue> = js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            Some(FilterValue {
                value: pair.get(0).as_string()?,
                count: pair.get(1).as_f64()? as u32,
            })
        })
        .filter(|v| v.count > 0)
        .collect();
    values.sort_unstable_by(|a, b| a.value.cmp(&b.value));
    values
}
