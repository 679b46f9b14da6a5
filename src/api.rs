//! Fetching the published JSON. Only pages call this module.
//!
//! Data URLs are relative (`data/feed/1.json`), so they resolve against the document's
//! `<base href>` and the site works under a sub-path. Successful answers are cached in memory
//! for the session, so going back to a page is instant; failures are not cached, so Retry
//! really retries.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use krasa_model::{paths, Article, ListPage, Site, TagIndex, DATA_VERSION};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use crate::error::AppError;

thread_local! {
    static CACHE: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
}

/// The URL of a published file, relative to the site base.
pub fn data_url(rel: &str) -> String {
    format!("{}/{rel}", paths::DATA_DIR)
}

fn cached<T: Clone + 'static>(url: &str) -> Option<T> {
    CACHE.with(|c| {
        c.borrow()
            .get(url)
            .and_then(|v| v.downcast_ref::<T>().cloned())
    })
}

/// Puts a value in the cache, e.g. data embedded in a prerendered page.
pub fn prime<T: 'static>(rel: &str, value: T) {
    CACHE.with(|c| c.borrow_mut().insert(data_url(rel), Rc::new(value)));
}

/// Decodes a JSON text into `T`, checking the data format version first.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, AppError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        // A static server (or `trunk serve`) answering a missing file with the HTML shell.
        return Err(AppError::NotFound);
    }
    let value = js_sys::JSON::parse(text).map_err(|_| AppError::Decode("not JSON".into()))?;
    if !value.is_object() {
        return Err(AppError::Decode("not a JSON object".into()));
    }
    let version = js_sys::Reflect::get(&value, &JsValue::from_str("version"))
        .ok()
        .and_then(|v| v.as_f64());
    match version {
        Some(v) if v == f64::from(DATA_VERSION) => {}
        Some(v) => {
            return Err(AppError::Decode(format!(
                "data format version {v}, this app reads version {DATA_VERSION}"
            )))
        }
        None => return Err(AppError::Decode("no data format version".into())),
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| AppError::Decode(e.to_string()))
}

async fn get<T: DeserializeOwned + Clone + 'static>(rel: &str) -> Result<T, AppError> {
    let url = data_url(rel);
    if let Some(v) = cached::<T>(&url) {
        return Ok(v);
    }
    let resp = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|_| AppError::Network)?;
    match resp.status() {
        200..=299 => {}
        404 | 410 => return Err(AppError::NotFound),
        s => return Err(AppError::Server(s)),
    }
    let text = resp.text().await.map_err(|_| AppError::Network)?;
    let value: T = decode(&text)?;
    CACHE.with(|c| c.borrow_mut().insert(url, Rc::new(value.clone())));
    Ok(value)
}

pub async fn site() -> Result<Site, AppError> {
    get(&paths::site_json()).await
}

pub async fn feed_page(n: u32) -> Result<ListPage, AppError> {
    if n == 0 {
        return Err(AppError::NotFound);
    }
    get(&paths::feed_page_json(n)).await
}

pub async fn tags() -> Result<TagIndex, AppError> {
    get(&paths::tags_json()).await
}

pub async fn tag_page(slug: &str, n: u32) -> Result<ListPage, AppError> {
    if n == 0 || !krasa_model::is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    get(&paths::tag_page_json(slug, n)).await
}

pub async fn article(slug: &str) -> Result<Article, AppError> {
    if !krasa_model::is_valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    get(&paths::article_json(slug)).await
}
