//! Fixtures shared by the browser tests.
#![allow(dead_code)]

use krasa_model::{ArticleSummary, Author, Correction, ProfileLink, TagRef};

/// A story summary with two tags, as press would publish it.
pub fn summary(slug: &str, title: &str) -> ArticleSummary {
    ArticleSummary {
        slug: slug.into(),
        title: title.into(),
        date: "2026-05-08".into(),
        updated: None,
        author: "Krasa News".into(),
        author_slug: "krasa-news".into(),
        category: "News".into(),
        section: "news".into(),
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

/// An author with a role and a link, as authors.toml would list them.
pub fn author() -> Author {
    Author {
        name: "Mira Kovač".into(),
        slug: "mira-kovac".into(),
        role: Some("Policy correspondent".into()),
        bio: "Mira follows AI rules.".into(),
        links: vec![ProfileLink {
            label: "Website".into(),
            url: "https://mira.example/".into(),
        }],
    }
}

/// A correction, as a story's front matter would give it.
pub fn correction() -> Correction {
    Correction {
        date: "2026-05-20".into(),
        text: "An earlier version gave the wrong month.".into(),
    }
}
