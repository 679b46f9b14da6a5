//! Fixtures shared by the browser tests.
#![allow(dead_code)]

use krasa_model::{ArticleSummary, TagRef};

/// A story summary with two tags, as press would publish it.
pub fn summary(slug: &str, title: &str) -> ArticleSummary {
    ArticleSummary {
        slug: slug.into(),
        title: title.into(),
        date: "2026-05-08".into(),
        updated: None,
        author: "Krasa News".into(),
        category: "Breaking".into(),
        tags: vec![
            TagRef {
                name: "AI Policy".into(),
                slug: "ai-policy".into(),
            },
            TagRef {
                name: "US-China".into(),
                slug: "us-china".into(),
            },
        ],
        excerpt: "Washington and Beijing weigh talks.".into(),
        reading_minutes: 5,
        word_count: 1_000,
        image: None,
    }
}
