//! Reading published data into the model's types in the browser.
//!
//! The browser's `JSON.parse` turns a data file into JavaScript values; [`FromJs`] reads those
//! into the model's structs field by field. This replaces serde (with serde-wasm-bindgen) in
//! the wasm only: serde's generic visitors and its error messages, which format floats and
//! debug-quote strings, cost about 11 KB of brotli wasm, an eighth of the bundle (see the README,
//! "Performance"). press, the prerenderer and the JSON Schemas still use serde; a test
//! (`tests/decode.rs`) checks that everything serde writes reads back equal, and the rules for
//! optional fields and errors. (It is a little more lenient than serde_json: `1.0` reads as
//! the whole number 1, and with a repeated key the last one wins.)
//!
//! Each struct lists its fields once in [`from_js_struct!`]; the struct literal it expands to
//! does not compile if the model gains a field the decoder does not read.

use js_sys::{Array, Reflect};
use krasa_model::{
    Article, ArticleSummary, Heading, Image, ListPage, NavLink, Site, TagIndex, TagInfo, TagRef,
};
use wasm_bindgen::{JsCast, JsValue};

/// Where decoding failed and what it expected, e.g. `items[3].title: expected text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Field path from the top of the file (empty for the file itself).
    pub path: String,
    /// What the data should have had there.
    pub expected: &'static str,
}

impl DecodeError {
    fn new(expected: &'static str) -> DecodeError {
        DecodeError {
            path: String::new(),
            expected,
        }
    }

    /// The same error one level up: inside `segment` (a field name or `[i]`).
    fn within(mut self, segment: &str) -> DecodeError {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("{segment}{}", self.path)
        } else {
            format!("{segment}.{}", self.path)
        };
        self
    }

    /// The same error one level up: inside field `name`.
    fn in_field(self, name: &str) -> DecodeError {
        self.within(name)
    }

    /// The same error one level up: inside item `i` of a list.
    fn in_item(self, i: u32) -> DecodeError {
        self.within(&format!("[{i}]"))
    }
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "expected {}", self.expected)
        } else {
            write!(f, "{}: expected {}", self.path, self.expected)
        }
    }
}

/// A model type read from a parsed JSON value.
pub trait FromJs: Sized {
    /// Whether the field may be left out (`Option`, like serde's `default`).
    const OPTIONAL: bool = false;
    fn from_js(v: &JsValue) -> Result<Self, DecodeError>;
}

/// Decodes a parsed JSON value.
pub fn from_js<T: FromJs>(v: &JsValue) -> Result<T, DecodeError> {
    T::from_js(v)
}

impl FromJs for String {
    fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
        v.as_string().ok_or(DecodeError::new("text"))
    }
}

impl FromJs for u32 {
    fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
        match v.as_f64() {
            Some(n) if n >= 0.0 && n <= f64::from(u32::MAX) && n == f64::from(n as u32) => {
                Ok(n as u32)
            }
            _ => Err(DecodeError::new("a whole number")),
        }
    }
}

impl FromJs for u8 {
    fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
        u32::from_js(v)
            .and_then(|n| u8::try_from(n).map_err(|_| DecodeError::new("a number up to 255")))
    }
}

impl<T: FromJs> FromJs for Option<T> {
    const OPTIONAL: bool = true;
    fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
        if v.is_null() || v.is_undefined() {
            Ok(None)
        } else {
            T::from_js(v).map(Some)
        }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
        if !Array::is_array(v) {
            return Err(DecodeError::new("a list"));
        }
        let list: &Array = v.unchecked_ref();
        (0..list.length())
            .map(|i| T::from_js(&list.get(i)).map_err(|e| e.in_item(i)))
            .collect()
    }
}

/// Checks that `v` is a JSON object (not an array or a scalar).
pub fn object(v: &JsValue) -> Result<(), DecodeError> {
    if v.is_object() && !Array::is_array(v) {
        Ok(())
    } else {
        Err(DecodeError::new("an object"))
    }
}

/// Reads field `name` of the object `obj`.
pub fn field<T: FromJs>(obj: &JsValue, name: &str) -> Result<T, DecodeError> {
    let v = Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    if v.is_undefined() && !T::OPTIONAL {
        return Err(DecodeError::new("this field (it is missing)").in_field(name));
    }
    T::from_js(&v).map_err(|e| e.in_field(name))
}

/// `impl FromJs` for a struct whose JSON keys are its field names.
macro_rules! from_js_struct {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl FromJs for $ty {
            fn from_js(v: &JsValue) -> Result<Self, DecodeError> {
                object(v)?;
                Ok($ty { $($field: field(v, stringify!($field))?,)* })
            }
        }
    };
}

from_js_struct!(Site {
    version,
    title,
    tagline,
    base_url,
    language,
    page_size,
    total_articles,
    feed_pages,
    nav,
});
from_js_struct!(NavLink { label, path });
from_js_struct!(TagRef { name, slug });
from_js_struct!(Image { src, alt });
from_js_struct!(ArticleSummary {
    slug,
    title,
    date,
    updated,
    author,
    category,
    tags,
    excerpt,
    reading_minutes,
    word_count,
    image,
});
from_js_struct!(ListPage {
    version,
    tag,
    page,
    total_pages,
    total_items,
    items,
});
from_js_struct!(TagInfo { name, slug, count });
from_js_struct!(TagIndex { version, tags });
from_js_struct!(Heading { level, id, text });
from_js_struct!(Article {
    version,
    summary,
    body_html,
    headings,
    related,
});
