//! Checks that need the whole corpus (duplicate slugs, tag spellings, links to stories that
//! are not published), and the selection of what is published.

use std::collections::HashMap;

use krasa_model::{Author, Date, Section};

use crate::diag::{error, Problem};
use crate::render::InternalLink;
use crate::slug::slugify;
use crate::story::Story;

/// What to publish.
#[derive(Debug, Clone)]
pub struct Selection {
    pub include_drafts: bool,
    pub include_future: bool,
    pub today: Date,
    /// When set, also produce the site-root files (feeds, sitemap, robots.txt) for a site
    /// deployed at this path (`/` or e.g. `/news/`).
    pub public_url: Option<String>,
}

/// Checks that need the whole corpus. Adds problems; returns nothing.
pub fn cross_check(
    stories: &[Story],
    published: &[usize],
    report: &crate::diag::Report,
    problems: &mut Vec<Problem>,
) {
    // Duplicate slugs (an .md and a .json with the same name).
    let mut by_slug: HashMap<&str, usize> = HashMap::new();
    for (i, r) in stories.iter().enumerate() {
        if let Some(&first) = by_slug.get(r.raw.slug.as_str()) {
            problems.push(
                error(
                    r.raw.file,
                    r.meta.block.start..r.meta.block.start + 1,
                    format!("duplicate slug `{}`", r.raw.slug),
                )
                .field("slug")
                .found(format!(
                    "{} has the same name",
                    report.path(stories[first].raw.file)
                ))
                .expected("one file per slug: rename or remove one of them"),
            );
        } else {
            by_slug.insert(&r.raw.slug, i);
        }
    }

    // Tags that normalize to the same slug must be spelled the same everywhere.
    let mut spelling: HashMap<String, (&str, usize)> = HashMap::new();
    for r in stories {
        for (name, span) in &r.meta.tags {
            let slug = slugify(name);
            match spelling.get(&slug) {
                Some((first, file)) if *first != name.as_str() => problems.push(
                    error(
                        r.raw.file,
                        span.clone(),
                        format!("tag \"{name}\" is spelled differently elsewhere"),
                    )
                    .field("tags")
                    .found(format!(
                        "\"{name}\" here and \"{first}\" in {} both become /tags/{slug}",
                        report.path(*file)
                    ))
                    .expected(format!("one spelling for the tag, e.g. \"{first}\"")),
                ),
                Some(_) => {}
                None => {
                    spelling.insert(slug, (name.as_str(), r.raw.file));
                }
            }
        }
    }

    // Internal links must point at published pages.
    let published_slugs: HashMap<&str, ()> = published
        .iter()
        .map(|&i| (stories[i].raw.slug.as_str(), ()))
        .collect();
    let tag_slugs: HashMap<&str, ()> = published
        .iter()
        .flat_map(|&i| stories[i].tag_slugs.iter().map(|s| (s.as_str(), ())))
        .collect();
    for &i in published {
        let r = &stories[i];
        for (link, span) in &r.rendered.links {
            let (ok, what) = match link {
                InternalLink::Article(s) => (
                    published_slugs.contains_key(s.as_str()),
                    format!("article `{s}`"),
                ),
                InternalLink::Tag(s) => (tag_slugs.contains_key(s.as_str()), format!("tag `{s}`")),
            };
            if !ok {
                let exists_unpublished =
                    matches!(link, InternalLink::Article(s) if by_slug.contains_key(s.as_str()));
                let found = if exists_unpublished {
                    format!("{what} exists but is a draft or dated in the future")
                } else {
                    format!("there is no {what}")
                };
                problems.push(
                    error(
                        r.raw.file,
                        span.clone(),
                        format!("link to {what} that is not published"),
                    )
                    .field("body")
                    .found(found)
                    .expected(
                        "a link to a published article (/articles/<slug>) or tag (/tags/<tag>)",
                    ),
                );
            }
        }
    }
}

fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    match crate::diag::closest(word, candidates) {
        Some(name) => format!("did you mean \"{name}\"? "),
        None => String::new(),
    }
}

/// Every story's section and author must be declared: its `category` one of site.toml's
/// sections, its `author` one of authors.toml's (the file named `authors_file`), each
/// unknown one reported with the closest name.
pub fn check_bylines(
    stories: &[Story],
    sections: &[Section],
    authors: &[Author],
    authors_file: &str,
    problems: &mut Vec<Problem>,
) {
    for r in stories {
        let span = |key: &str| {
            r.raw
                .fields
                .get(key)
                .map_or(r.meta.block.start..r.meta.block.start + 1, |f| {
                    f.span.clone()
                })
        };
        let category = &r.meta.category;
        if !sections.iter().any(|s| &s.name == category) {
            let hint = did_you_mean(category, sections.iter().map(|s| s.name.as_str()));
            problems.push(
                error(
                    r.raw.file,
                    span("category"),
                    format!("unknown section \"{category}\""),
                )
                .field("category")
                .found(format!("{hint}site.toml declares no section of that name"))
                .expected(format!(
                    "one of the sections in site.toml: {}",
                    sections
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        let author = &r.meta.author;
        if !authors.iter().any(|a| &a.name == author) {
            let hint = did_you_mean(author, authors.iter().map(|a| a.name.as_str()));
            let written = r.raw.fields.get("author").is_some();
            let at = if written {
                ""
            } else {
                " (site.toml's default_author)"
            };
            problems.push(
                error(
                    r.raw.file,
                    span("author"),
                    format!("unknown author \"{author}\"{at}"),
                )
                .field("author")
                .found(format!("{hint}{authors_file} lists no author of that name"))
                .expected(format!(
                    "an author listed in {authors_file}, or a new [[authors]] entry there"
                )),
            );
        }
    }
}

/// Every series a story names must be declared, and among the published stories each series
/// has its parts numbered 1, 2, … without a gap or a number twice, and at least two of them.
pub fn check_series(
    stories: &[Story],
    published: &[usize],
    series: &[krasa_model::SeriesInfo],
    problems: &mut Vec<Problem>,
) {
    let mut parts: std::collections::BTreeMap<&str, Vec<&Story>> = Default::default();
    for r in stories {
        let Some(s) = &r.meta.series else { continue };
        if !series.iter().any(|d| d.name == s.name) {
            let hint = did_you_mean(&s.name, series.iter().map(|d| d.name.as_str()));
            problems.push(
                error(
                    r.raw.file,
                    s.name_span.clone(),
                    format!("unknown series \"{}\"", s.name),
                )
                .field("series")
                .found(format!("{hint}site.toml declares no series of that name"))
                .expected("a series declared with [[series]] in site.toml"),
            );
        }
    }
    for &i in published {
        if let Some(s) = &stories[i].meta.series {
            parts.entry(s.name.as_str()).or_default().push(&stories[i]);
        }
    }
    for (name, mut members) in parts {
        members.sort_by_key(|r| r.meta.series.as_ref().map_or(0, |s| s.part));
        let number = |r: &Story| r.meta.series.as_ref().map_or(0, |s| s.part);
        let last = members.last().copied();
        if members.len() == 1 {
            if let Some(r) = last {
                let span = r.meta.series.as_ref().map_or(0..1, |s| s.name_span.clone());
                problems.push(
                    error(r.raw.file, span, format!("series \"{name}\" has one part"))
                        .field("series")
                        .found("a series of one is a single story")
                        .expected("two or more published parts, or no `series` and `part`"),
                );
            }
            continue;
        }
        for (k, r) in members.iter().enumerate() {
            let expected = k as u32 + 1;
            let got = number(r);
            if got == expected {
                continue;
            }
            let span = r.meta.series.as_ref().map_or(0..1, |s| s.part_span.clone());
            let (message, found) = if k > 0 && number(members[k - 1]) == got {
                (
                    format!("part {got} of \"{name}\" twice"),
                    "another published story is this part too".to_string(),
                )
            } else {
                (
                    format!("part {expected} of \"{name}\" is missing"),
                    format!("the parts jump to {got}"),
                )
            };
            problems.push(
                error(r.raw.file, span, message)
                    .field("part")
                    .found(found)
                    .expected("the published parts numbered 1, 2, 3… once each"),
            );
            break;
        }
    }
}

/// A published story's `updated` date and corrections may not lie after `today`.
pub fn check_updates(
    stories: &[Story],
    published: &[usize],
    today: Date,
    problems: &mut Vec<Problem>,
) {
    for &i in published {
        let r = &stories[i];
        if let (Some(u), Some(f)) = (r.meta.updated, r.raw.fields.get("updated")) {
            if u > today {
                problems.push(
                    error(r.raw.file, f.span.clone(), "`updated` is in the future")
                        .field("updated")
                        .found(format!("updated {u}, today is {today}"))
                        .expected("the day the story was last changed, today at the latest"),
                );
            }
        }
        for note in r.meta.corrections.iter().filter(|n| n.date > today) {
            problems.push(
                error(
                    r.raw.file,
                    note.date_span.clone(),
                    "correction dated in the future",
                )
                .field("corrections")
                .found(format!("corrected {}, today is {today}", note.date))
                .expected("the day the correction was made, today at the latest"),
            );
        }
    }
}

/// The stories to publish and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selected {
    /// Indexes of the published stories, newest first (then by slug).
    pub published: Vec<usize>,
    pub drafts_skipped: usize,
    pub future_skipped: usize,
}

/// Which articles are published, newest first, and how many were skipped.
pub fn select(stories: &[Story], sel: &Selection) -> Selected {
    let mut drafts = 0;
    let mut future = 0;
    let mut list: Vec<usize> = Vec::with_capacity(stories.len());
    for (i, r) in stories.iter().enumerate() {
        if r.meta.draft && !sel.include_drafts {
            drafts += 1;
        } else if r.meta.date > sel.today && !sel.include_future {
            future += 1;
        } else {
            list.push(i);
        }
    }
    list.sort_by(|&a, &b| {
        stories[b]
            .meta
            .date
            .cmp(&stories[a].meta.date)
            .then_with(|| stories[a].raw.slug.cmp(&stories[b].raw.slug))
    });
    Selected {
        published: list,
        drafts_skipped: drafts,
        future_skipped: future,
    }
}
