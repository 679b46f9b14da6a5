//! Fetching the published JSON. Only pages call this module.
//!
//! Data URLs are relative (`data/feed/1.json`), so they resolve against the document's
//! `<base href>` and the site works under a sub-path. Successful answers are cached in memory
//! for the session, so going back to a page is instant; failures are not cached, so Retry
//! really retries. A prerendered page embeds the data it was rendered from
//! (`<script id="krasa-data" type="application/json">`); [`prime_from_document`] puts it in
//! the cache, so the app takes over that page without fetching it again.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::error::AppError;
#[cfg(target_arch = "wasm32")]
use krasa_model::DATA_VERSION;
use krasa_model::{paths, Article, ListPage, Site, TagIndex};

/// A data type the app can read: in the browser, one [`crate::decode::FromJs`] reads; natively
/// (prerendering, tests) only primed values exist, so any type will do.
#[cfg(target_arch = "wasm32")]
pub trait Decode: crate::decode::FromJs {}
#[cfg(target_arch = "wasm32")]
impl<T: crate::decode::FromJs> Decode for T {}
#[cfg(not(target_arch = "wasm32"))]
pub trait Decode {}
#[cfg(not(target_arch = "wasm32"))]
impl<T> Decode for T {}

/// The id of the script element that carries a prerendered page's data.
pub const EMBEDDED_DATA_ID: &str = "krasa-data";

/// Data files kept in memory at most; the oldest goes first. A reader's session rarely
/// comes near it; a very long one stays bounded.
pub const CACHE_LIMIT: usize = 64;

thread_local! {
    /// Decoded values by data URL.
    /// (A list, oldest first: at 64 entries a linear search costs nothing, and the wasm
    /// carries no hash map code for it.)
    static CACHE: RefCell<Vec<(String, Rc<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    /// Cache keys, oldest first.
    /// Parsed but not yet decoded JSON (from the prerendered page), by data URL.
    #[cfg(target_arch = "wasm32")]
    static RAW: RefCell<Vec<(String, wasm_bindgen::JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The URL of a published file, relative to the site base.
pub fn data_url(rel: &str) -> String {
    format!("{}/{rel}", paths::DATA_DIR)
}

/// The cached value for a data file (`rel` as in [`krasa_model::paths`]), if any, without
/// fetching. Pages use it to render synchronously when the data is already here.
pub fn peek<T: Decode + Clone + 'static>(rel: &str) -> Option<T> {
    let url = data_url(rel);
    if let Some(v) = CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(k, _)| *k == url)
            .and_then(|(_, v)| v.downcast_ref::<T>().cloned())
    }) {
        return Some(v);
    }
    #[cfg(target_arch = "wasm32")]
    {
        let raw = RAW.with(|r| {
            r.borrow()
                .iter()
                .find(|(k, _)| *k == url)
                .map(|(_, v)| v.clone())
        })?;
        let value: T = decode_value(raw).ok()?;
        RAW.with(|r| r.borrow_mut().retain(|(k, _)| *k != url));
        insert(url, Rc::new(value.clone()));
        Some(value)
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

fn insert(url: String, value: Rc<dyn Any>) {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        match c.iter_mut().find(|(k, _)| *k == url) {
            Some(entry) => entry.1 = value,
            None => {
                c.push((url, value));
                if c.len() > CACHE_LIMIT {
                    c.remove(0);
                }
            }
        }
    });
}

/// Number of cached data files.
pub fn cached_count() -> usize {
    CACHE.with(|c| c.borrow().len())
}

/// Puts a decoded value in the cache (used by the prerenderer and by tests).
pub fn prime<T: 'static>(rel: &str, value: T) {
    insert(data_url(rel), Rc::new(value));
}

/// Empties the cache.
pub fn clear() {
    CACHE.with(|c| c.borrow_mut().clear());
    #[cfg(target_arch = "wasm32")]
    RAW.with(|r| r.borrow_mut().clear());
}

/// Whether the page is the server's not-found page (its embedded data says so): the app then
/// shows the not-found page at once instead of trying to load data for the address.
#[cfg(target_arch = "wasm32")]
pub fn served_not_found() -> bool {
    leptos::prelude::document()
        .get_element_by_id(EMBEDDED_DATA_ID)
        .is_some_and(|el| el.has_attribute(NOT_FOUND_ATTR))
}

/// The attribute on the embedded data of the not-found page.
pub const NOT_FOUND_ATTR: &str = "data-not-found";

/// Reads the data a prerendered page embeds (an object of data path → JSON) into the cache.
#[cfg(target_arch = "wasm32")]
pub fn prime_from_document() {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(el) = leptos::prelude::document().get_element_by_id(EMBEDDED_DATA_ID) else {
        return;
    };
    let Some(text) = el.text_content() else {
        return;
    };
    let Ok(obj) = js_sys::JSON::parse(&text) else {
        return;
    };
    let Ok(obj) = obj.dyn_into::<js_sys::Object>() else {
        return;
    };
    for entry in js_sys::Object::entries(&obj).iter() {
        let pair = js_sys::Array::from(&entry);
        if let Some(rel) = pair.get(0).as_string() {
            let value: JsValue = pair.get(1);
            RAW.with(|r| r.borrow_mut().push((data_url(&rel), value)));
        }
    }
}

/// Decodes a JSON text into `T`, checking the data format version first.
#[cfg(target_arch = "wasm32")]
pub fn decode<T: Decode>(text: &str) -> Result<T, AppError> {
    let value = parse(text)?;
    typed(&value)
}

#[cfg(target_arch = "wasm32")]
fn decode_value<T: Decode>(value: wasm_bindgen::JsValue) -> Result<T, AppError> {
    check_version(&value)?;
    typed(&value)
}

/// Reads a parsed, version-checked value as `T`.
#[cfg(target_arch = "wasm32")]
fn typed<T: Decode>(value: &wasm_bindgen::JsValue) -> Result<T, AppError> {
    crate::decode::from_js(value).map_err(|e| AppError::Decode(e.to_string()))
}

/// The part of decoding that does not depend on the type (kept out of the generic function
/// so it exists once in the wasm).
#[cfg(target_arch = "wasm32")]
fn check_version(value: &wasm_bindgen::JsValue) -> Result<(), AppError> {
    use wasm_bindgen::JsValue;
    if !value.is_object() {
        return Err(AppError::Decode("not a JSON object".into()));
    }
    let version = js_sys::Reflect::get(value, &JsValue::from_str("version"))
        .ok()
        .and_then(|v| v.as_f64());
    match version {
        Some(v) if v == f64::from(DATA_VERSION) => Ok(()),
        // integers only: formatting an f64 would pull float printing into the wasm
        Some(v) => Err(AppError::Decode(format!(
            "data format version {}, this app reads version {DATA_VERSION}",
            v as i64
        ))),
        None => Err(AppError::Decode("no data format version".into())),
    }
}

/// Fetches (or takes from the cache) one data file.
pub async fn get<T: Decode + Clone + 'static>(rel: &str) -> Result<T, AppError> {
    if let Some(v) = peek::<T>(rel) {
        return Ok(v);
    }
    fetch(rel).await
}

#[cfg(target_arch = "wasm32")]
async fn fetch<T: Decode + Clone + 'static>(rel: &str) -> Result<T, AppError> {
    let url = data_url(rel);
    let raw = fetch_value(&url).await?;
    let value: T = typed(&raw)?;
    insert(url, Rc::new(value.clone()));
    Ok(value)
}

/// The network part of a fetch, the same for every type (so it exists once in the wasm):
/// status, HTML-instead-of-JSON, parse, version.
#[cfg(target_arch = "wasm32")]
async fn fetch_value(url: &str) -> Result<wasm_bindgen::JsValue, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let resp: web_sys::Response = JsFuture::from(leptos::prelude::window().fetch_with_str(url))
        .await
        .map_err(|_| AppError::Network)?
        .unchecked_into();
    match resp.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound),
        s => return Err(AppError::Server(s)),
    }
    let text = match resp.text() {
        Ok(t) => JsFuture::from(t).await.map_err(|_| AppError::Network)?,
        Err(_) => return Err(AppError::Network),
    };
    parse(&text.as_string().unwrap_or_default())
}

/// Parses a JSON text and checks it is data of our format version.
#[cfg(target_arch = "wasm32")]
fn parse(text: &str) -> Result<wasm_bindgen::JsValue, AppError> {
    if text.trim_start().starts_with('<') {
        // A static server (or `trunk serve`) answering a missing file with the HTML shell.
        return Err(AppError::NotFound);
    }
    let value = js_sys::JSON::parse(text).map_err(|_| AppError::Decode("not JSON".into()))?;
    check_version(&value)?;
    Ok(value)
}

/// Natively (prerendering, unit tests) there is no network: only primed data exists.
#[cfg(not(target_arch = "wasm32"))]
async fn fetch<T: Decode + Clone + 'static>(_rel: &str) -> Result<T, AppError> {
    Err(AppError::NotFound)
}

/// Any data file a page shows, so the loading machinery exists once, not once per type.
#[derive(Debug, Clone)]
pub enum Data {
    List(ListPage),
    Article(Box<Article>),
    Tags(TagIndex),
}

fn is_article(rel: &str) -> bool {
    rel.starts_with("articles/")
}

/// [`peek`] for a page's data file, typed by its path.
pub fn peek_data(rel: &str) -> Option<Data> {
    if is_article(rel) {
        peek(rel).map(|a| Data::Article(Box::new(a)))
    } else if rel == paths::tags_json() {
        peek(rel).map(Data::Tags)
    } else {
        peek(rel).map(Data::List)
    }
}

/// [`get`] for a page's data file, typed by its path.
pub async fn get_data(rel: &str) -> Result<Data, AppError> {
    if is_article(rel) {
        get(rel).await.map(|a| Data::Article(Box::new(a)))
    } else if rel == paths::tags_json() {
        get(rel).await.map(Data::Tags)
    } else {
        get(rel).await.map(Data::List)
    }
}

pub async fn site() -> Result<Site, AppError> {
    get(&paths::site_json()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_bounded_and_drops_the_oldest() {
        clear();
        for i in 0..(CACHE_LIMIT as u32 + 10) {
            prime(&format!("articles/a{i}.json"), i);
        }
        assert_eq!(cached_count(), CACHE_LIMIT);
        assert_eq!(peek::<u32>("articles/a0.json"), None);
        assert_eq!(
            peek::<u32>(&format!("articles/a{}.json", CACHE_LIMIT + 9)),
            Some(CACHE_LIMIT as u32 + 9)
        );
        prime("articles/a70.json", 7u32);
        assert_eq!(
            cached_count(),
            CACHE_LIMIT,
            "replacing a value does not grow the cache"
        );
        clear();
        assert_eq!(cached_count(), 0);
    }
}
