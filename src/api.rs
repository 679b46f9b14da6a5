//! Fetching the published JSON. Only pages call this module (through `pages::load`).
//!
//! Files are fetched with gloo-net by relative URL (`data/feed/1.json`), so they resolve
//! against the document's `<base href>` and the site works under a sub-path. The browser
//! parses the JSON (`JSON.parse`) and serde reads it into the model's types through
//! serde-wasm-bindgen, whose message says what does not fit (`missing field `slug``).
//!
//! Successful answers stay in a [`DataCache`] for the session, so going back to a page is
//! instant; failures are not cached, so Retry really retries. A prerendered page embeds the
//! data it was rendered from (`<script id="krasa-data" type="application/json">`);
//! [`DataCache::embed_document_data`] puts it in the cache, so the app takes over that page
//! without fetching it again.

use std::any::Any;
use std::rc::Rc;

use krasa_model::{paths, DATA_VERSION};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::AppError;

/// The id of the script element that carries a prerendered page's data.
pub const EMBEDDED_DATA_ID: &str = "krasa-data";

/// The attribute on the embedded data of the not-found page.
pub const NOT_FOUND_ATTR: &str = "data-not-found";

/// Data files kept in memory at most; the oldest goes first. A reader's session rarely
/// comes near it; a very long one stays bounded.
pub const CACHE_LIMIT: usize = 64;

/// The URL of a published file, relative to the site base.
pub fn data_url(rel: &str) -> String {
    format!("{}/{rel}", paths::DATA_DIR)
}

/// A data file read into its type (shared with the cache).
pub type Loaded = Rc<dyn Any>;

/// Reads parsed JSON into one data type: [`reader`] with the type erased.
pub type Reader = fn(JsValue) -> Result<Loaded, AppError>;

/// Reads parsed JSON into `T` ([`read`]), erased to a [`Loaded`] value.
pub fn reader<T: DeserializeOwned + 'static>(value: JsValue) -> Result<Loaded, AppError> {
    read::<T>(value).map(|v| Rc::new(v) as Loaded)
}

#[derive(Default)]
struct Entries {
    /// Read values by data file, oldest first. (A list: at 64 entries a linear search costs
    /// nothing, and the wasm carries no hash map code for it.)
    values: Vec<(String, Loaded)>,
    /// Parsed JSON a prerendered page embeds, by data file, read into its type on first use.
    embedded: Vec<(String, SendWrapper<JsValue>)>,
}

/// The session's data, provided as context by the app (and by the prerenderer, primed with
/// each page's data). A handle: copies share the same entries.
#[derive(Clone, Copy)]
pub struct DataCache(StoredValue<Entries, LocalStorage>);

/// The app's cache, or an empty one where there is none (a component mounted alone).
pub fn use_cache() -> DataCache {
    use_context::<DataCache>().unwrap_or_default()
}

impl DataCache {
    pub fn new() -> DataCache {
        DataCache(StoredValue::new_local(Entries::default()))
    }

    /// The value of data file `rel` (as in [`krasa_model::paths`]) if it is here, without
    /// fetching: pages render synchronously from it.
    pub fn peek<T: DeserializeOwned + Clone + 'static>(&self, rel: &str) -> Option<T> {
        self.peek_with(rel, reader::<T>)?
            .downcast_ref::<T>()
            .cloned()
    }

    /// [`DataCache::peek`] with the type erased: embedded data is read with `reader`.
    pub fn peek_with(&self, rel: &str, reader: Reader) -> Option<Loaded> {
        let found = self.0.try_with_value(|e| {
            e.values
                .iter()
                .find(|(k, _)| k == rel)
                .map(|(_, v)| Rc::clone(v))
        })?;
        if found.is_some() {
            return found;
        }
        let raw = self.0.try_update_value(|e| {
            let at = e.embedded.iter().position(|(k, _)| k == rel)?;
            Some(e.embedded.remove(at).1.take())
        })??;
        let value = reader(raw).ok()?;
        self.insert(rel, Rc::clone(&value));
        Some(value)
    }

    /// Puts a value in the cache (the prerenderer and tests).
    pub fn prime<T: 'static>(&self, rel: &str, value: T) {
        self.insert(rel, Rc::new(value));
    }

    fn insert(&self, rel: &str, value: Loaded) {
        self.0
            .update_value(|e| match e.values.iter_mut().find(|(k, _)| k == rel) {
                Some(entry) => entry.1 = value,
                None => {
                    e.values.push((rel.to_string(), value));
                    if e.values.len() > CACHE_LIMIT {
                        e.values.remove(0);
                    }
                }
            });
    }

    /// Number of data files held.
    pub fn len(&self) -> usize {
        self.0.with_value(|e| e.values.len() + e.embedded.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fetches data file `rel` (or takes it from the cache). `abort` cancels the request.
    pub async fn fetch<T: DeserializeOwned + Clone + 'static>(
        self,
        rel: String,
        abort: Option<SendWrapper<web_sys::AbortSignal>>,
    ) -> Result<T, AppError> {
        let value = self.fetch_with(rel, reader::<T>, abort).await?;
        value
            .downcast_ref::<T>()
            .cloned()
            .ok_or_else(|| AppError::Decode("cached as another type".into()))
    }

    /// [`DataCache::fetch`] with the type erased: the file is read with `reader`. (One copy of
    /// the fetching and loading machinery in the wasm for every data type.)
    pub async fn fetch_with(
        self,
        rel: String,
        reader: Reader,
        abort: Option<SendWrapper<web_sys::AbortSignal>>,
    ) -> Result<Loaded, AppError> {
        if let Some(v) = self.peek_with(&rel, reader) {
            return Ok(v);
        }
        let raw = fetch_json(&data_url(&rel), abort.as_deref()).await?;
        let value = reader(raw)?;
        self.insert(&rel, Rc::clone(&value));
        Ok(value)
    }

    /// Reads the data a prerendered page embeds (an object of data file → JSON) into the
    /// cache. Returns whether it is the server's not-found page (its data is marked).
    pub fn embed_document_data(&self) -> EmbeddedPage {
        let Some(el) = document().get_element_by_id(EMBEDDED_DATA_ID) else {
            return EmbeddedPage::None;
        };
        let entries = el
            .text_content()
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(|obj| obj.dyn_into::<js_sys::Object>().ok())
            .map(|obj| js_sys::Object::entries(&obj))
            .unwrap_or_default();
        self.0.update_value(|e| {
            for entry in entries.iter() {
                let pair = js_sys::Array::from(&entry);
                if let Some(rel) = pair.get(0).as_string() {
                    e.embedded.push((rel, SendWrapper::new(pair.get(1))));
                }
            }
        });
        if el.has_attribute(NOT_FOUND_ATTR) {
            EmbeddedPage::NotFound
        } else {
            EmbeddedPage::Page
        }
    }
}

impl Default for DataCache {
    fn default() -> Self {
        Self::new()
    }
}

/// What data the document the browser loaded carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbeddedPage {
    /// No embedded data (the bare app shell, e.g. under `trunk serve`).
    None,
    /// A prerendered page of the site.
    Page,
    /// The server's not-found page.
    NotFound,
}

/// An abort signal for a fetch, aborted when the current reactive owner is cleaned up: the
/// page that asked for the data went away, or asked again (Retry).
pub fn abort_on_cleanup() -> Option<SendWrapper<web_sys::AbortSignal>> {
    let controller = web_sys::AbortController::new().ok()?;
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    Some(SendWrapper::new(signal))
}

/// Fetches a URL and parses its JSON: status, HTML-instead-of-JSON, parse ([`read`] checks
/// the version). (The same for every type, so it exists once in the wasm.)
pub(crate) async fn fetch_json(
    url: &str,
    abort: Option<&web_sys::AbortSignal>,
) -> Result<JsValue, AppError> {
    let resp = gloo_net::http::Request::get(url)
        .abort_signal(abort)
        .send()
        .await
        .map_err(|_| AppError::Network)?;
    match resp.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound),
        s => return Err(AppError::Server(s)),
    }
    let text = resp.text().await.map_err(|_| AppError::Network)?;
    parse(&text)
}

/// Parses a JSON text; an HTML answer is a missing file.
pub fn parse(text: &str) -> Result<JsValue, AppError> {
    if text.trim_start().starts_with('<') {
        // A static server (or `trunk serve`) answering a missing file with the HTML shell.
        return Err(AppError::NotFound);
    }
    js_sys::JSON::parse(text).map_err(|_| AppError::Decode("not JSON".into()))
}

/// Reads parsed data into `T` with serde, after checking that it is data of our format
/// version (fetched and embedded data alike come through here). The error is serde's own message (which field is
/// missing, which value has the wrong type); tracking the field's path as well
/// (`serde_path_to_error`) was measured at 3.6 KB of brotli wasm, over the size budget.
pub fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, AppError> {
    check_version(&value)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        // serde-wasm-bindgen's errors are JS `Error`s, which print as "Error: <message>".
        let message = e.to_string();
        AppError::Decode(message.trim_start_matches("Error: ").to_string())
    })
}

/// The part of reading that does not depend on the type (kept out of the generic functions
/// so it exists once in the wasm).
fn check_version(value: &JsValue) -> Result<(), AppError> {
    if !value.is_object() {
        return Err(AppError::Decode("not a JSON object".into()));
    }
    let version = js_sys::Reflect::get(value, &JsValue::from_str("version"))
        .ok()
        .and_then(|v| v.as_f64());
    match version {
        Some(v) if v == f64::from(DATA_VERSION) => Ok(()),
        Some(v) => Err(AppError::Decode(format!(
            "data format version {}, this app reads version {DATA_VERSION}",
            v as i64
        ))),
        None => Err(AppError::Decode("no data format version".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_bounded_and_drops_the_oldest() {
        let owner = Owner::new();
        owner.with(|| {
            let cache = DataCache::new();
            for i in 0..(CACHE_LIMIT as u32 + 10) {
                cache.prime(&format!("articles/a{i}.json"), i);
            }
            assert_eq!(cache.len(), CACHE_LIMIT);
            assert_eq!(
                cache.0.with_value(|e| e.values[0].0.clone()),
                "articles/a10.json"
            );
            let last = format!("articles/a{}.json", CACHE_LIMIT + 9);
            let held = cache.0.with_value(|e| {
                e.values
                    .iter()
                    .find(|(k, _)| *k == last)
                    .and_then(|(_, v)| v.downcast_ref::<u32>().copied())
            });
            assert_eq!(held, Some(CACHE_LIMIT as u32 + 9));
            cache.prime("articles/a70.json", 7u32);
            assert_eq!(
                cache.len(),
                CACHE_LIMIT,
                "replacing a value does not grow the cache"
            );
        });
    }
}
