//! A story: one article that passed validation, rendered (Markdown → sanitized HTML), with
//! the summary its cards and lists show.

use std::ops::Range;

use krasa_model::{ArticleSummary, Author, Image, Section, TagRef};

use std::sync::Arc;

use crate::diag::{error, warning, Problem};
use crate::images::html::{Caption, Loading};
use crate::images::{Catalogue, Focus, Source};
use crate::load::RawArticle;
use crate::meta::{LeadImage, Meta};
use crate::parse_cache::ParseCache;
use crate::render::{render_markdown, Pictures, Rendered};
use crate::slug::slugify;

/// An article that passed validation, rendered.
pub struct Story {
    /// Its file, without its body once rendered (a build holds every story at once: at
    /// 100,000 stories the bodies are half a gigabyte).
    pub raw: RawArticle,
    /// Whether the body was empty (or only white space).
    pub blank_body: bool,
    pub meta: Meta,
    pub rendered: Rendered,
    pub tag_slugs: Vec<String>,
    pub summary: ArticleSummary,
    /// Its lead image's source, when it has one.
    pub lead: Option<Lead>,
}

/// A story's lead image: its source and the point its crops keep.
pub struct Lead {
    pub source: Arc<Source>,
    pub focus: Focus,
}

impl Story {
    /// The day the story last changed: its `updated` date or its latest correction, else its
    /// publication date.
    pub fn last_changed(&self) -> krasa_model::Date {
        updated(&self.meta).unwrap_or(self.meta.date)
    }
}

/// When a story was last updated: its `updated` date, or its latest correction if later (a
/// correction is an update).
fn updated(meta: &Meta) -> Option<krasa_model::Date> {
    let corrected = meta.corrections.iter().map(|c| c.date).max();
    meta.updated.max(corrected)
}

/// The declared sections and authors, by the names articles give them.
#[derive(Debug, Clone, Copy)]
pub struct Names<'a> {
    pub sections: &'a [Section],
    pub authors: &'a [Author],
}

impl Names<'_> {
    /// The slug of the section named `name` (an undeclared one is reported by
    /// [`crate::validate::check_bylines`]; its slug is then never published).
    fn section_slug(&self, name: &str) -> String {
        self.sections
            .iter()
            .find(|s| s.name == name)
            .map_or_else(|| slugify(name), |s| s.slug.clone())
    }

    fn author_slug(&self, name: &str) -> String {
        self.authors
            .iter()
            .find(|a| a.name == name)
            .map_or_else(|| slugify(name), |a| a.slug.clone())
    }
}

/// Renders one article and builds its summary. Body problems go into `rendered.problems`.
pub fn prepare(
    raw: RawArticle,
    meta: Meta,
    names: Names<'_>,
    catalogue: &Catalogue,
    cache: Option<&ParseCache>,
) -> Story {
    let page = krasa_model::Route::article(&raw.slug).relative();
    let pictures = Pictures {
        catalogue,
        dir: &raw.dir,
    };
    let render = || render_markdown(raw.file, &raw.body, &raw.body_at, &page, pictures);
    let mut rendered = match cache {
        Some(cache) => cache.rendered(&page, &raw.body, &raw.body_at, render),
        None => render(),
    };
    if crate::contents::wanted(meta.toc, &rendered.headings, rendered.word_count) {
        rendered.html = crate::contents::table(&rendered.headings, &page) + &rendered.html;
    }
    let lead = meta
        .image
        .as_ref()
        .and_then(|written| lead_source(raw.file, written, pictures, &mut rendered.problems));
    let image = meta
        .image
        .as_ref()
        .zip(lead.as_ref())
        .map(|(written, lead)| {
            let image = Image {
                picture: crate::images::picture_of(&lead.source),
                alt: written.alt.clone(),
                caption: written.caption.clone(),
                credit: written.credit.clone(),
                share: crate::images::crops_of(&lead.source, lead.focus),
            };
            let caption = Caption {
                text: image.caption.as_deref(),
                credit: image.credit.as_deref(),
            };
            let figure =
                crate::images::html::figure(&image.picture, &image.alt, caption, Loading::Lead);
            rendered.html = figure + &rendered.html;
            image
        });
    let tags: Vec<TagRef> = meta
        .tags
        .iter()
        .map(|(name, _)| TagRef {
            name: name.clone(),
            slug: slugify(name),
        })
        .collect();
    let excerpt_source = meta
        .summary
        .clone()
        .unwrap_or_else(|| rendered.first_paragraph.clone());
    let summary = ArticleSummary {
        slug: raw.slug.clone(),
        title: meta.title.clone(),
        date: meta.date.to_string(),
        updated: updated(&meta).map(|d| d.to_string()),
        author: meta.author.clone(),
        author_slug: names.author_slug(&meta.author),
        category: meta.category.clone(),
        section: names.section_slug(&meta.category),
        excerpt: excerpt(&excerpt_source, 220),
        reading_minutes: krasa_model::reading_minutes(rendered.word_count),
        word_count: rendered.word_count as u32,
        image,
        tags: tags.clone(),
    };
    let blank_body = raw.body.trim().is_empty();
    let raw = RawArticle {
        body: String::new(),
        ..raw
    };
    Story {
        tag_slugs: tags.iter().map(|t| t.slug.clone()).collect(),
        raw,
        blank_body,
        meta,
        rendered,
        summary,
        lead,
    }
}

/// The source of a lead image; None (and a problem) when it cannot be published. One
/// narrower than [`crate::images::LEAD_MIN_WIDTH`] is published with a warning.
fn lead_source(
    file: usize,
    written: &LeadImage,
    pictures: Pictures<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Lead> {
    let at = written.span.clone();
    match pictures.catalogue.get(pictures.dir, &written.path) {
        Ok(source) => {
            let min = crate::images::LEAD_MIN_WIDTH;
            if source.width < min && source.kind != crate::images::probe::Kind::Svg {
                problems.push(
                    warning(file, at, "a narrow lead image")
                        .field("image")
                        .found(format!("`{}` is {} pixels wide: shared links and large screens show it blurred", written.path, source.width))
                        .expected(format!("a lead image at least {min} pixels wide")),
                );
            }
            Some(Lead {
                source,
                focus: written.focus.unwrap_or(Focus::CENTRE),
            })
        }
        Err(e) => {
            problems.push(e.problem(file, at, &written.path, "image"));
            None
        }
    }
}

/// Cuts plain text at a word boundary to at most `max` characters, adding "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 > max - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    let cut = cut.trim_end_matches([',', ';', ':', '.', '-', '—']);
    format!("{cut}…")
}

/// Body-level checks that need the metadata too.
pub fn body_problems(r: &Story) -> Vec<Problem> {
    let mut out = Vec::new();
    if r.blank_body {
        let span: Range<usize> = match &r.raw.body_at {
            crate::render::BodySpan::Offset(o) => o.saturating_sub(4)..*o,
            crate::render::BodySpan::Fixed(f) => f.clone(),
        };
        out.push(
            error(r.raw.file, span, "the article has no body")
                .field("body")
                .found("nothing after the front matter")
                .expected("the article text in Markdown, with ## section headings"),
        );
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn excerpts_cut_at_word_boundaries() {
        assert_eq!(excerpt("short  text\n here", 50), "short text here");
        let long = "word ".repeat(100);
        let e = excerpt(&long, 30);
        assert!(e.chars().count() <= 30, "{e}");
        assert!(e.ends_with("word…"), "{e}");
    }
}
