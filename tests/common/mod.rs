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

/// A lead image published at 480 and 800 pixels wide, with its crops.
pub fn lead_image() -> krasa_model::Image {
    use krasa_model::picture::{Crop, ShareCrops};
    let crop = |kind: &str, width, height| Crop {
        src: format!("images/lead.0123456789.{kind}-50x50.jpg"),
        width,
        height,
    };
    krasa_model::Image {
        picture: krasa_model::Picture {
            stem: "images/lead.0123456789".into(),
            widths: vec![480, 800],
            width: 800,
            height: 450,
            fallback: krasa_model::Fallback::Jpg,
            tone: Some(31),
        },
        alt: "A chart of chip sales".into(),
        caption: Some("Sales rose in May.".into()),
        credit: Some("Chart: Krasa News".into()),
        share: Some(ShareCrops {
            card: crop("card", 800, 420),
            wide: crop("wide", 800, 450),
            square: crop("square", 450, 450),
        }),
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
