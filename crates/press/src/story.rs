//! A story: one article that passed validation, rendered (Markdown → sanitized HTML), with
//! the summary its cards and lists show.

use std::ops::Range;

use krasa_model::{ArticleSummary, Image, TagRef};

use crate::diag::{error, Problem};
use crate::load::RawArticle;
use crate::meta::Meta;
use crate::render::{render_markdown, Rendered};
use crate::slug::slugify;

/// An article that passed validation, rendered.
pub struct Story {
    pub raw: RawArticle,
    pub meta: Meta,
    pub rendered: Rendered,
    pub tag_slugs: Vec<String>,
    pub summary: ArticleSummary,
}

impl Story {
    /// The day the story last changed: its `updated` date, else its publication date.
    pub fn last_changed(&self) -> krasa_model::Date {
        self.meta.updated.unwrap_or(self.meta.date)
    }
}

/// Renders one article and builds its summary. Body problems go into `rendered.problems`.
pub fn prepare(raw: RawArticle, meta: Meta) -> Story {
    let rendered = render_markdown(
        raw.file,
        &raw.body,
        &raw.body_at,
        &krasa_model::Route::article(&raw.slug).relative(),
    );
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
        updated: meta.updated.map(|d| d.to_string()),
        author: meta.author.clone(),
        category: meta.category.clone(),
        excerpt: excerpt(&excerpt_source, 220),
        reading_minutes: krasa_model::reading_minutes(rendered.word_count),
        word_count: rendered.word_count as u32,
        image: meta.image.clone().map(|(src, alt)| Image { src, alt }),
        tags: tags.clone(),
    };
    Story {
        tag_slugs: tags.iter().map(|t| t.slug.clone()).collect(),
        raw,
        meta,
        rendered,
        summary,
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
    if r.raw.body.trim().is_empty() {
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
