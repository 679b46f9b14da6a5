//! The app's decoder (`krasa::decode`) against serde, in headless Chromium: every model type
//! written by serde (as press writes it) reads back equal, optional fields may be left out,
//! and bad data is refused naming the field.
#![cfg(target_arch = "wasm32")]

use krasa::decode::{from_js, FromJs};
use krasa_model::{
    Article, ArticleSummary, Heading, Image, ListPage, NavLink, Site, TagIndex, TagInfo, TagRef,
    DATA_VERSION,
};
use serde::Serialize;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

fn summary(n: u32, full: bool) -> ArticleSummary {
    ArticleSummary {
        updated: full.then(|| "2026-05-09".into()),
        image: full.then(|| Image {
            src: "/images/x.jpg".into(),
            alt: "A table".into(),
        }),
        word_count: 1_234,
        ..common::summary(&format!("story-{n}"), &format!("Story \"{n}\" <b>é 🎉"))
    }
}

/// Written by serde, as press writes it, and read back by the app's decoder.
fn round_trip<T: Serialize + FromJs + PartialEq + std::fmt::Debug>(value: &T) {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap();
    // Through JSON text too, exactly as the app receives a file.
    let text = js_sys::JSON::stringify(&js).unwrap();
    let parsed = js_sys::JSON::parse(&String::from(text)).unwrap();
    let back: T = from_js(&parsed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&back, value);
}

#[wasm_bindgen_test]
fn every_data_file_type_reads_back_as_serde_wrote_it() {
    round_trip(&Site {
        version: DATA_VERSION,
        title: "Krasa News".into(),
        tagline: "AI news".into(),
        base_url: "https://news.example/".into(),
        language: "en".into(),
        page_size: 10,
        total_articles: 26,
        feed_pages: 3,
        nav: vec![NavLink {
            label: "Tags".into(),
            path: "/tags".into(),
        }],
    });
    for full in [true, false] {
        round_trip(&ListPage {
            version: DATA_VERSION,
            tag: full.then(|| TagInfo {
                name: "AI Policy".into(),
                slug: "ai-policy".into(),
                count: 12,
            }),
            page: 2,
            total_pages: 3,
            total_items: 26,
            items: (0..10).map(|n| summary(n, full)).collect(),
        });
        round_trip(&Article {
            version: DATA_VERSION,
            summary: summary(1, full),
            body_html: "<p>Body</p><h2 id=\"why\">Why</h2>".into(),
            headings: vec![Heading {
                level: 2,
                id: "why".into(),
                text: "Why".into(),
            }],
            related: vec![summary(2, !full), summary(3, full)],
        });
    }
    round_trip(&TagIndex {
        version: DATA_VERSION,
        tags: vec![TagInfo {
            name: "US-China".into(),
            slug: "us-china".into(),
            count: u32::MAX,
        }],
    });
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

#[wasm_bindgen_test]
fn optional_fields_may_be_missing_or_null() {
    let tag: TagIndex = from_js(&parse(r#"{"version":1,"tags":[]}"#)).unwrap();
    assert!(tag.tags.is_empty());
    let list: ListPage = from_js(&parse(
        r#"{"version":1,"tag":null,"page":1,"total_pages":1,"total_items":0,"items":[]}"#,
    ))
    .unwrap();
    assert_eq!(list.tag, None);
    // Unknown fields are ignored, as serde does: newer data stays readable.
    let tag: TagRef = from_js(&parse(r#"{"name":"AI","slug":"ai","extra":[1,2]}"#)).unwrap();
    assert_eq!(tag.slug, "ai");
}

fn error<T: FromJs + std::fmt::Debug>(json: &str) -> String {
    from_js::<T>(&parse(json)).unwrap_err().to_string()
}

#[wasm_bindgen_test]
fn bad_data_is_refused_naming_the_field() {
    assert_eq!(
        error::<TagIndex>(
            r#"{"version":1,"tags":[{"name":"A","slug":"a","count":1},{"name":"B","slug":"b"}]}"#
        ),
        "tags[1].count: expected this field (it is missing)"
    );
    assert_eq!(
        error::<TagIndex>(r#"{"version":1,"tags":[{"name":"A","slug":"a","count":1.5}]}"#),
        "tags[0].count: expected a whole number"
    );
    assert_eq!(
        error::<TagIndex>(r#"{"version":1,"tags":[{"name":"A","slug":"a","count":-1}]}"#),
        "tags[0].count: expected a whole number"
    );
    assert_eq!(
        error::<TagIndex>(r#"{"version":1,"tags":{}}"#),
        "tags: expected a list"
    );
    assert_eq!(error::<TagIndex>("[1,2]"), "expected an object");
    assert_eq!(
        error::<TagRef>(r#"{"name":7,"slug":"a"}"#),
        "name: expected text"
    );
    assert_eq!(
        error::<Heading>(r#"{"level":300,"id":"a","text":"b"}"#),
        "level: expected a number up to 255"
    );
    let bad_item = r#"{"version":1,"page":1,"total_pages":1,"total_items":1,"items":[{"slug":"a","title":"t","date":"2026-01-01","author":"x","category":"c","tags":[{"name":"n"}],"excerpt":"e","reading_minutes":1,"word_count":1}]}"#;
    assert_eq!(
        error::<ListPage>(bad_item),
        "items[0].tags[0].slug: expected this field (it is missing)"
    );
}
