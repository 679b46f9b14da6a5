//! How the app reads the published data (`krasa::api`), in headless Chromium: the browser
//! parses the JSON and serde reads it through serde-wasm-bindgen, as the app does with every
//! fetched or embedded file. Every model type written by serde_json (as press writes it)
//! reads back equal, optional fields may be left out, and bad data is refused with a message
//! that names the field.
#![cfg(target_arch = "wasm32")]

use krasa::api::{parse, read};
use krasa::error::AppError;
use krasa_model::{
    Article, ArticleSummary, Heading, ListPage, NavLink, Page, Section, Site, TagIndex, TagInfo,
    TagRef, DATA_VERSION,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;

fn summary(n: u32, full: bool) -> ArticleSummary {
    ArticleSummary {
        updated: full.then(|| "2026-05-09".into()),
        // the browser reads only a lead image's picture (krasa_model::Image)
        image: full.then(|| krasa_model::Image {
            alt: String::new(),
            caption: None,
            credit: None,
            share: None,
            ..common::lead_image()
        }),
        word_count: 1_234,
        ..common::summary(&format!("story-{n}"), &format!("Story \"{n}\" <b>é 🎉"))
    }
}

/// Written as JSON text by serde_json, as press writes a file, and read back by the app.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    let back: T = parse(&text)
        .and_then(read)
        .unwrap_or_else(|e| panic!("{e}"));
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
        nav: vec![NavLink {
            label: "Tags".into(),
            path: "/tags".into(),
        }],
    });
    for full in [true, false] {
        round_trip(&ListPage {
            version: DATA_VERSION,
            tag: full.then(|| TagRef {
                name: "AI Policy".into(),
                slug: "ai-policy".into(),
            }),
            section: full.then(|| Section {
                name: "Tutorials".into(),
                slug: "tutorials".into(),
                description: "Guides.".into(),
            }),
            author: full.then(common::author),
            series: None,
            page: if full { Page::Archive(2) } else { Page::Latest },
            total_items: (!full).then_some(26),
            older: full.then_some(1),
            newer: u32::from(full),
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
            author_profile: common::author(),
            corrections: if full {
                vec![common::correction()]
            } else {
                vec![]
            },
            tutorial: full.then_some(krasa_model::Tutorial {
                level: Some(krasa_model::Level::Advanced),
                minutes: Some(90),
                tested: None,
            }),
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

fn value<T: DeserializeOwned>(json: &str) -> T {
    read(js_sys::JSON::parse(json).unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

#[wasm_bindgen_test]
fn optional_fields_may_be_missing_or_null() {
    let tag: TagIndex = value(r#"{"version":4,"tags":[]}"#);
    assert!(tag.tags.is_empty());
    let list: ListPage =
        value(r#"{"version":4,"tag":null,"page":"latest","total_items":null,"items":[]}"#);
    assert_eq!(list.tag, None);
    assert_eq!((list.page, list.older, list.newer), (Page::Latest, None, 0));
    // Unknown fields are ignored: newer data stays readable.
    let tags: TagIndex = value(
        r#"{"version":4,"tags":[{"name":"AI","slug":"ai","count":1,"extra":[1,2]}],"more":true}"#,
    );
    assert_eq!(tags.tags[0].slug, "ai");
}

/// The message the error view shows for a data file.
fn error<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    match parse(json).and_then(read::<T>) {
        Err(AppError::Decode(m)) => m,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn bad_data_is_refused_saying_what_does_not_fit() {
    let missing = error::<TagIndex>(
        r#"{"version":4,"tags":[{"name":"A","slug":"a","count":1},{"name":"B","slug":"b"}]}"#,
    );
    assert_eq!(missing, "missing field `count`");
    let fraction =
        error::<TagIndex>(r#"{"version":4,"tags":[{"name":"A","slug":"a","count":1.5}]}"#);
    assert!(fraction.contains("1.5"), "{fraction}");
    let negative =
        error::<TagIndex>(r#"{"version":4,"tags":[{"name":"A","slug":"a","count":-1}]}"#);
    assert!(negative.contains("-1"), "{negative}");
    let not_a_list = error::<TagIndex>(r#"{"version":4,"tags":{}}"#);
    assert!(not_a_list.starts_with("invalid type"), "{not_a_list}");
    let bad_page = error::<ListPage>(r#"{"version":4,"page":{"archive":-1},"items":[]}"#);
    assert!(bad_page.contains("-1"), "{bad_page}");
    let bad_item = r#"{"version":4,"page":{"archive":1},"items":[{"slug":"a","title":"t","date":"2026-01-01","author":"x","category":"c","tags":[{"name":"n"}],"excerpt":"e","reading_minutes":1,"word_count":1}]}"#;
    assert_eq!(error::<ListPage>(bad_item), "missing field `slug`");
}

#[wasm_bindgen_test]
fn html_is_not_found_and_the_version_is_checked() {
    assert_eq!(
        parse("<!DOCTYPE html><html></html>").unwrap_err(),
        AppError::NotFound,
        "a static server answering a missing file with the app shell"
    );
    assert!(error::<TagIndex>(r#"{"version":99,"tags":[]}"#).contains("version 99"));
    assert_eq!(
        error::<TagIndex>(r#"{"tags":[]}"#),
        "no data format version"
    );
    assert_eq!(error::<TagIndex>("not json"), "not JSON");
    assert_eq!(error::<TagIndex>("42"), "not a JSON object");
    assert_eq!(error::<TagIndex>("[1,2]"), "no data format version");
}
