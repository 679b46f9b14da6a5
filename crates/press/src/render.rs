//! Render stage: Markdown body → sanitized HTML with stable heading ids, plus the facts the
//! later stages need (word count, first paragraph, headings, internal links) and warnings.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use krasa_model::{is_valid_slug, Heading};

use crate::slug::slugify;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

use crate::highlight::Fence;
use crate::images::html::{self as picture_html, Caption, Loading};
use crate::images::{Catalogue, Source};

use crate::diag::{error, warning, Problem};

/// A link in a body to another page of the site, checked once every article is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum InternalLink {
    Article(String),
    Tag(String),
}

/// A rendered body; what the parse cache keeps of it is all but its pictures and problems
/// (a body with either is not kept: [`crate::parse_cache`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub word_count: usize,
    /// Plain text of the first top-level paragraph.
    pub first_paragraph: String,
    pub links: Vec<(InternalLink, Range<usize>)>,
    /// The images the body shows, in order.
    #[serde(skip)]
    pub images: Vec<std::sync::Arc<Source>>,
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

/// Where a body's images come from: the content's [`Catalogue`], from the article's folder.
#[derive(Clone, Copy)]
pub struct Pictures<'a> {
    pub catalogue: &'a Catalogue,
    pub dir: &'a std::path::Path,
}

/// A body image as the page shows it.
struct Shown {
    html: String,
    /// Alone in its paragraph: a figure (with its caption) instead of the paragraph.
    figure: bool,
}

/// Where body offsets land in the file: markdown files map 1:1 (plus the body's offset);
/// a JSON `body` string cannot be mapped, so everything points at its key.
#[derive(Debug, Clone)]
pub enum BodySpan {
    Offset(usize),
    Fixed(Range<usize>),
}

impl BodySpan {
    fn map(&self, r: Range<usize>) -> Range<usize> {
        match self {
            BodySpan::Offset(o) => (r.start + o)..(r.end + o),
            BodySpan::Fixed(f) => f.clone(),
        }
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Renders an article body. `page` is the article's address relative to the site base
/// (`articles/<slug>`): in-page links (`#section`, footnotes) are written `page#section`,
/// because pages carry `<base href>`, against which a bare `#section` would lead to the front
/// page when JavaScript is off.
pub fn render_markdown(
    file: usize,
    body: &str,
    at: &BodySpan,
    page: &str,
    pictures: Pictures<'_>,
) -> Rendered {
    let mut out = Rendered::default();
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();

    // Pass 1: facts, warnings, heading texts.
    let mut depth_block = 0usize; // nesting of list/blockquote/footnote containers
    let mut in_code_block = false;
    let mut first_para: Option<String> = None;
    let mut in_first_para = false;
    let mut heading_texts: Vec<(usize, String)> = Vec::new(); // (event index, text)
    let mut current_heading: Option<(usize, String)> = None;
    // the level of the heading before (the title is the h1)
    let mut last_level = 1usize;
    // the image being read: its event, its alt text so far
    let mut image_alt: Option<(usize, String)> = None;
    let mut shown: HashMap<usize, Shown> = HashMap::new();
    let mut words = 0usize;
    // Words are counted across inline events ("`code`." is one word), split at blocks.
    let mut at_space = true;

    for (i, (ev, range)) in events.iter().enumerate() {
        if matches!(ev, Event::Start(_) | Event::End(_)) && !is_inline(ev) {
            at_space = true;
        }
        match ev {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                depth_block += 1
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                depth_block = depth_block.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Paragraph) if depth_block == 0 && first_para.is_none() => {
                first_para = Some(String::new());
                in_first_para = true;
            }
            Event::End(TagEnd::Paragraph) => in_first_para = false,
            Event::Start(Tag::Heading { level, .. }) => {
                if *level == HeadingLevel::H1 {
                    out.problems.push(
                        warning(file, at.map(range.clone()), "level-1 heading in the body")
                            .found("`# ...` is shown as a level-2 heading")
                            .expected("`## Section` headings: the title is the page's only h1"),
                    );
                }
                let shown = (*level as usize).max(2);
                if shown > last_level + 1 {
                    out.problems.push(
                        warning(file, at.map(range.clone()), "a heading level is skipped")
                            .found(format!(
                                "an h{shown} after an h{last_level}: the contents and screen readers expect the levels in order"
                            ))
                            .expected(format!("`{}` here, or a heading one level deeper than the one before", "#".repeat(last_level + 1))),
                    );
                }
                last_level = shown;
                current_heading = Some((i, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = current_heading.take() {
                    heading_texts.push(h);
                }
            }
            Event::Start(Tag::Image { .. }) => image_alt = Some((i, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image_alt.take() {
                    let image = BodyImage {
                        events: &events,
                        start,
                        end: i,
                        alt: &alt,
                    };
                    if let Some(s) = image.show(file, at, pictures, &mut out) {
                        shown.insert(start, s);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                check_link(file, dest_url, at.map(range.clone()), &mut out);
            }
            Event::Text(t) | Event::Code(t) => {
                // an image's alt text is not read as part of the body
                if !in_code_block && image_alt.is_none() {
                    for c in t.chars() {
                        let space = c.is_whitespace();
                        if at_space && !space {
                            words += 1;
                        }
                        at_space = space;
                    }
                }
                if let Some((_, h)) = current_heading.as_mut() {
                    h.push_str(t);
                }
                if let Some((_, alt)) = image_alt.as_mut() {
                    alt.push_str(t);
                }
                if in_first_para {
                    if let Some(p) = first_para.as_mut() {
                        p.push_str(t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                at_space = true;
                if in_first_para {
                    if let Some(p) = first_para.as_mut() {
                        p.push(' ');
                    }
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                if let Some(what) = dangerous_html(h) {
                    out.problems.push(
                        warning(file, at.map(range.clone()), "unsafe raw HTML removed")
                            .found(format!("{what} is removed by the sanitizer"))
                            .expected("Markdown, or plain HTML without scripts or event handlers"),
                    );
                }
            }
            _ => {}
        }
    }
    out.word_count = words;
    out.first_paragraph = first_para.unwrap_or_default().trim().to_string();

    // Heading ids: explicit `{#id}` when valid, else from the text; unique in the article.
    let mut used: HashSet<String> = HashSet::new();
    let mut ids: HashMap<usize, String> = HashMap::new();
    for (idx, text) in &heading_texts {
        let explicit = match &events[*idx].0 {
            Event::Start(Tag::Heading { id: Some(id), .. }) if is_valid_slug(id) => {
                Some(id.to_string())
            }
            _ => None,
        };
        let base = explicit.unwrap_or_else(|| {
            let s = slugify(text);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        });
        let mut id = base.clone();
        let mut n = 2;
        while !used.insert(id.clone()) || id.starts_with("fn-") {
            id = format!("{base}-{n}");
            n += 1;
        }
        let level = match &events[*idx].0 {
            Event::Start(Tag::Heading { level, .. }) => (*level as u8).max(2),
            _ => 2,
        };
        out.headings.push(Heading {
            level,
            id: id.clone(),
            text: text.trim().to_string(),
        });
        ids.insert(*idx, id);
    }

    // Pass 2: rewrite events for output.
    let mut footnote_numbers: HashMap<String, usize> = HashMap::new();
    let mut rewritten: Vec<Event<'_>> = Vec::with_capacity(events.len());
    // the code block being read: its fence and its text so far
    let mut code: Option<(Fence, String)> = None;
    // inside an image whose markup is written: its alt text is skipped
    let mut in_image = false;
    let mut in_figure = false;
    for (i, (ev, range)) in events.into_iter().enumerate() {
        if in_image {
            in_image = !matches!(ev, Event::End(TagEnd::Image));
            continue;
        }
        if in_figure && matches!(ev, Event::End(TagEnd::Paragraph)) {
            in_figure = false;
            continue;
        }
        if let (Event::Start(Tag::Image { .. }), Some(s)) = (&ev, shown.remove(&i)) {
            in_image = true;
            if s.figure {
                rewritten.pop(); // the paragraph's start
                in_figure = true;
                rewritten.push(Event::Html(s.html.into()));
            } else {
                rewritten.push(Event::InlineHtml(s.html.into()));
            }
            continue;
        }
        if let Some((fence, text)) = code.as_mut() {
            match ev {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    rewritten.push(Event::Html(fence.render(text).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        let ev = match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                let fence = Fence::parse(info).unwrap_or_else(|e| {
                    out.problems.push(
                        error(
                            file,
                            at.map(range.start..range.start + 3 + info.len()),
                            e.message,
                        )
                        .field("body")
                        .found(e.found)
                        .expected(e.expected),
                    );
                    // shown plain meanwhile (nothing is published while there is an error)
                    Fence::plain()
                });
                code = Some((fence, String::new()));
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(callout_start(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id: ids.get(&i).map(|s| CowStr::from(s.clone())),
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: rewrite_url(dest_url, page),
                title,
                id,
            }),
            Event::FootnoteReference(label) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(label.to_string()).or_insert(next);
                let key = footnote_key(&label);
                Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\"><a href=\"{page}#fn-{key}\" id=\"fnref-{key}\">{n}</a></sup>"
                    )
                    .into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let next = footnote_numbers.len() + 1;
                let n = *footnote_numbers.entry(label.to_string()).or_insert(next);
                let key = footnote_key(&label);
                Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"fn-{key}\"><sup class=\"footnote-definition-label\">{n}</sup>"
                    )
                    .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            other => other,
        };
        rewritten.push(ev);
    }
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, rewritten.into_iter());
    out.html = sanitize(&raw);
    out
}

/// An image of a body, from its start event to its end event.
struct BodyImage<'e, 'a> {
    events: &'e [(Event<'a>, Range<usize>)],
    start: usize,
    end: usize,
    alt: &'e str,
}

impl BodyImage<'_, '_> {
    /// How the page shows the image; None (and a problem) when it cannot be published.
    fn show(
        &self,
        file: usize,
        at: &BodySpan,
        pictures: Pictures<'_>,
        out: &mut Rendered,
    ) -> Option<Shown> {
        let (
            Event::Start(Tag::Image {
                dest_url, title, ..
            }),
            range,
        ) = &self.events[self.start]
        else {
            return None;
        };
        let span = at.map(range.start..self.events[self.end].1.end);
        let alt = match self.alt.trim() {
            // `![""](x.png)`: decorative, said so explicitly (smart punctuation curls quotes)
            "\"\"" | "“”" => "",
            "" => {
                out.problems.push(
                    error(file, span, "image without alt text")
                        .field("body")
                        .found("![](...) has an empty description")
                        .expected("![what the image shows](file.png), or ![\"\"](file.png) for a decorative image"),
                );
                return None;
            }
            alt => alt,
        };
        let source = match pictures.catalogue.get(pictures.dir, dest_url) {
            Ok(s) => s,
            Err(e) => {
                out.problems.push(e.problem(file, span, dest_url, "body"));
                return None;
            }
        };
        let picture = crate::images::picture_of(&source);
        out.images.push(source);
        let figure = self.start > 0
            && matches!(self.events[self.start - 1].0, Event::Start(Tag::Paragraph))
            && matches!(
                self.events.get(self.end + 1),
                Some((Event::End(TagEnd::Paragraph), _))
            );
        let html = if figure {
            let caption = Caption {
                text: Some(title.as_ref()).filter(|t| !t.trim().is_empty()),
                credit: None,
            };
            picture_html::figure(&picture, alt, caption, Loading::Lazy)
        } else {
            picture_html::picture(&picture, alt, Loading::Lazy)
        };
        Some(Shown { html, figure })
    }
}

/// A GitHub-style alert (`> [!NOTE]`) as a labelled aside with its title (the icon is the
/// title's CSS, one per kind).
fn callout_start(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!(
        "<aside class=\"callout callout-{class}\" aria-label=\"{title}\"><p class=\"callout-title\">{title}</p>\n"
    )
}

fn is_inline(ev: &Event<'_>) -> bool {
    matches!(
        ev,
        Event::Start(
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ) | Event::End(
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        )
    )
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    if level == HeadingLevel::H1 {
        HeadingLevel::H2
    } else {
        level
    }
}

fn footnote_key(label: &str) -> String {
    let s = slugify(label);
    if s.is_empty() {
        format!("{:x}", label.len())
    } else {
        s
    }
}

/// Internal links written root-relative (`/articles/x`) become base-relative, so the site
/// works under a sub-path, and a page's address takes its canonical form (`articles/x/`);
/// in-page links (`#x`) get the page's address.
fn rewrite_url<'a>(url: CowStr<'a>, page: &str) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") {
        let end = url.find(['#', '?']).unwrap_or(url.len());
        let (path, rest) = url.split_at(end);
        let path = match krasa_model::Route::parse(path) {
            Some(route) => route.relative(),
            None => path[1..].to_string(),
        };
        CowStr::from(format!("{path}{rest}"))
    } else if url.starts_with('#') {
        CowStr::from(format!("{page}{url}"))
    } else {
        url
    }
}

fn check_link(file: usize, url: &str, span: Range<usize>, out: &mut Rendered) {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("javascript:")
        || lower.starts_with("vbscript:")
        || lower.starts_with("data:")
    {
        out.problems.push(
            warning(file, span, "unsafe link removed")
                .found(format!(
                    "`{}` links are removed by the sanitizer",
                    &lower[..lower.find(':').unwrap_or(0)]
                ))
                .expected("an http(s), mailto: or site-relative link"),
        );
        return;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    let path = path.strip_prefix('/').unwrap_or(path);
    if let Some(rest) = path.strip_prefix("articles/") {
        let slug = rest.trim_end_matches('/');
        out.links
            .push((InternalLink::Article(slug.to_string()), span));
    } else if let Some(rest) = path.strip_prefix("tags/") {
        let slug = rest.split('/').next().unwrap_or("");
        out.links.push((InternalLink::Tag(slug.to_string()), span));
    }
}

/// Names what the sanitizer will strip from a raw HTML fragment, if anything dangerous.
fn dangerous_html(h: &str) -> Option<&'static str> {
    let l = h.to_ascii_lowercase();
    if l.contains("<script") {
        return Some("a <script> element");
    }
    if l.contains("javascript:") {
        return Some("a javascript: URL");
    }
    for tag in [
        "<iframe", "<object", "<embed", "<style", "<form", "<input", "<link", "<meta",
    ] {
        if l.contains(tag) {
            return Some("an element that is not allowed in articles");
        }
    }
    // on…= event handler attributes
    let b = l.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if (b[i] == b' ' || b[i] == b'\t' || b[i] == b'\n' || b[i] == b'/')
            && b[i + 1] == b'o'
            && b[i + 2] == b'n'
        {
            let rest = &b[i + 3..];
            let n = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if n > 0 && rest[n..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'=') {
                return Some("an event handler attribute");
            }
        }
    }
    None
}

thread_local! {
    static SANITIZER: RefCell<ammonia::Builder<'static>> = RefCell::new(sanitizer());
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_allowed_classes("span", crate::highlight::span_classes());
    b.add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .add_tag_attributes("h5", &["id"])
        .add_tag_attributes("h6", &["id"])
        .add_tag_attributes("div", &["id"])
        .add_tag_attributes("a", &["id"])
        .add_allowed_classes("sup", &["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", &["footnote-definition"])
        // code blocks (crate::highlight) and callouts
        .add_tags(["button"])
        .add_tag_attributes("button", &["type", "aria-label", "data-pagefind-ignore"])
        .add_tag_attributes("span", &["aria-hidden"])
        .add_tag_attributes("aside", &["aria-label"])
        // a code block scrolls sideways: the keyboard reaches it
        .add_tag_attributes("pre", &["tabindex"])
        .add_allowed_classes("figure", &["code", "figure"])
        // pictures (crate::images::html)
        .add_tags(["picture", "source"])
        .add_tag_attributes("source", &["type", "srcset", "sizes"])
        .add_tag_attributes("img", &["srcset", "sizes", "loading", "decoding"])
        .add_allowed_classes("img", tone_classes())
        .add_allowed_classes("span", &["credit"])
        .add_allowed_classes("figcaption", &["code-title"])
        .add_allowed_classes("button", &["copy", "copy-code", "copy-commands"])
        .add_allowed_classes("pre", &["code-block", "numbered"])
        .add_allowed_classes("p", &["callout-title"])
        .add_allowed_classes(
            "aside",
            &[
                "callout",
                "callout-note",
                "callout-tip",
                "callout-important",
                "callout-warning",
                "callout-caution",
            ],
        )
        .link_rel(Some("noopener noreferrer"));
    b
}

/// The placeholder classes of pictures ([`krasa_model::picture::tone`]).
fn tone_classes() -> &'static [String] {
    static CLASSES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CLASSES.get_or_init(|| {
        (0..krasa_model::picture::tone::COUNT)
            .map(krasa_model::picture::tone::class)
            .collect()
    })
}

/// The one HTML sanitizer of the project: what it lets through is what the app may insert.
pub fn sanitize(html: &str) -> String {
    SANITIZER.with(|s| s.borrow().clean(html).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A content folder whose `articles/` holds `b.png` (64×36).
    fn content() -> &'static std::path::Path {
        static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
        DIR.get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("articles")).unwrap();
            image::RgbImage::from_pixel(64, 36, image::Rgb([200, 40, 40]))
                .save(dir.path().join("articles/b.png"))
                .unwrap();
            dir
        })
        .path()
    }

    fn r(md: &str) -> Rendered {
        let catalogue = Catalogue::new(content(), None);
        let pictures = Pictures {
            catalogue: &catalogue,
            dir: &content().join("articles"),
        };
        render_markdown(0, md, &BodySpan::Offset(0), "articles/t", pictures)
    }

    #[test]
    fn callouts_are_labelled_asides_with_their_title() {
        let out = r("> [!WARNING]\n> Back up first.\n\n> A plain quote.\n");
        assert!(
            out.html.contains("<aside class=\"callout callout-warning\" aria-label=\"Warning\"><p class=\"callout-title\">Warning</p>\n<p>Back up first.</p>\n</aside>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<blockquote>\n<p>A plain quote.</p>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn code_blocks_are_highlighted_and_bad_fences_are_errors_at_their_line() {
        let out = r("Text.\n\n```python title=\"a.py\"\nx = 1\n```\n\n```pyhton\nx\n```\n\n```rust wrap\nfn f() {}\n```\n");
        assert!(
            out.html
                .contains("<figcaption class=\"code-title\">a.py</figcaption>"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<span class=\"hl-n\">1</span>"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<button type=\"button\" class=\"copy copy-code\""),
            "{}",
            out.html
        );
        let messages: Vec<(&str, usize)> = out
            .problems
            .iter()
            .map(|p| (p.message.as_str(), p.span.start))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, "unknown code language `pyhton`");
        assert_eq!(
            messages[0].1,
            "Text.\n\n```python title=\"a.py\"\nx = 1\n```\n\n".len()
        );
        assert_eq!(messages[1].0, "unknown code block option `wrap`");
        // code is not counted as words
        assert_eq!(out.word_count, 1);
    }

    #[test]
    fn a_skipped_heading_level_is_a_warning() {
        let out = r("## A\n\n### B\n\n## C\n\n#### D\n");
        let skipped: Vec<&str> = out
            .problems
            .iter()
            .filter(|p| p.message == "a heading level is skipped")
            .map(|p| &*p.found)
            .collect();
        assert_eq!(skipped.len(), 1, "{:?}", out.problems);
        assert!(skipped[0].starts_with("an h4 after an h2"), "{skipped:?}");
    }

    #[test]
    fn in_page_links_and_footnotes_carry_the_page_address_but_code_is_left_alone() {
        let out = r("See [why](#why) and a note.[^n]\n\n```html\n<a href=\"#main\">skip</a>\n```\n\nInline `<a href=\"#x\">`.\n\n## Why\n\n[^n]: The note.\n");
        assert!(
            out.html.contains("<a href=\"articles/t#why\""),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<a href=\"articles/t#fn-"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("<span class=\"hl-s\">\"#main\"</span>"),
            "code block unchanged (highlighted, not rewritten): {}",
            out.html
        );
        assert!(
            out.html.contains("&lt;a href=\"#x\"&gt;"),
            "inline code unchanged: {}",
            out.html
        );
    }

    #[test]
    fn headings_get_stable_unique_ids() {
        let out = r("Intro.\n\n## Why it matters\n\ntext\n\n## Why it matters\n\n### What `experts` say {#experts}\n");
        let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["why-it-matters", "why-it-matters-2", "experts"]);
        assert!(out
            .html
            .contains("<h2 id=\"why-it-matters\">Why it matters</h2>"));
        assert!(out.html.contains("<h3 id=\"experts\">"));
        assert_eq!(out.headings[2].text, "What experts say");
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed_with_warnings() {
        let out = r("Hi <b onclick=\"steal()\">there</b>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("onclick"), "{}", out.html);
        assert!(!out.html.contains("javascript:"), "{}", out.html);
        assert_eq!(out.problems.len(), 3, "{:?}", out.problems);
        assert!(out
            .problems
            .iter()
            .all(|p| p.severity == crate::diag::Severity::Warning));
    }

    #[test]
    fn counts_words_outside_code_blocks_and_takes_first_paragraph() {
        let out = r(
            "> quoted first\n\nOne two\nthree `four`.\n\n```\nnot counted at all\n```\n\nfive six",
        );
        assert_eq!(out.word_count, 2 + 4 + 2);
        assert_eq!(out.first_paragraph, "One two three four.");
    }

    #[test]
    fn tables_footnotes_strikethrough_render() {
        let out = r(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nA claim.[^src] ~~old~~\n\n[^src]: The source.\n",
        );
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>old</del>"));
        assert!(
            out.html.contains("href=\"articles/t#fn-src\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("id=\"fn-src\""), "{}", out.html);
    }

    #[test]
    fn internal_links_are_collected_and_made_base_relative() {
        let out = r("See [this](/articles/other-story#part) and [tag](/tags/ai-policy) and [ext](https://example.com) and [feed](/feed.xml).");
        assert_eq!(
            out.links.iter().map(|l| l.0.clone()).collect::<Vec<_>>(),
            [
                InternalLink::Article("other-story".into()),
                InternalLink::Tag("ai-policy".into())
            ]
        );
        assert!(
            out.html.contains("href=\"articles/other-story/#part\""),
            "pages get their canonical address: {}",
            out.html
        );
        assert!(
            out.html.contains("href=\"tags/ai-policy/\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("href=\"feed.xml\""), "{}", out.html);
        assert!(out.html.contains("href=\"https://example.com\""));
    }

    #[test]
    fn images_need_alt_text_and_h1_is_demoted() {
        let out = r("# Big\n\n![](a.png)\n\n![A chart](b.png)");
        assert!(out.html.contains("<h2 id=\"big\">Big</h2>"), "{}", out.html);
        let errors: Vec<_> = out
            .problems
            .iter()
            .filter(|p| p.severity == crate::diag::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].span.start, 7);
    }

    #[test]
    fn an_image_alone_in_its_paragraph_is_a_figure_with_its_caption() {
        let out =
            r("Text.\n\n![A red chart](b.png \"Sales by month\")\n\nSee ![\"\"](b.png) here.\n");
        let stem = &crate::images::picture_of(&out.images[0]).stem;
        assert!(
            out.html.contains(&format!("<figure class=\"figure\"><picture><source type=\"image/avif\" srcset=\"{stem}.64.avif 64w\"")),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("alt=\"A red chart\" class=\"tone-"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("loading=\"lazy\" decoding=\"async\">"),
            "{}",
            out.html
        );
        assert!(
            out.html
                .contains("<figcaption>Sales by month</figcaption></figure>"),
            "{}",
            out.html
        );
        assert!(!out.html.contains("<p><figure"), "{}", out.html);
        // inline, and decorative
        assert!(out.html.contains("<p>See <picture>"), "{}", out.html);
        assert!(out.html.contains("alt=\"\""), "{}", out.html);
        assert_eq!(out.images.len(), 2);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
    }

    #[test]
    fn a_missing_or_remote_image_is_an_error_at_its_place() {
        let md = "Intro.\n\n![A map](missing.png)\n\n![A logo](https://example.com/l.png)\n";
        let out = r(md);
        let messages: Vec<(String, usize)> = out
            .problems
            .iter()
            .map(|p| (p.message.clone(), p.span.start))
            .collect();
        let missing = content().join("articles/missing.png");
        assert_eq!(
            messages,
            [
                (
                    format!(
                        "the image `missing.png` does not exist ({})",
                        missing.display()
                    ),
                    8
                ),
                (
                    "the image `https://example.com/l.png` is a web address".to_string(),
                    md.find("![A logo").unwrap()
                ),
            ]
        );
    }
}
