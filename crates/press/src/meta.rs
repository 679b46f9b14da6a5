//! Validation of metadata fields: the article front matter (or JSON fields) and site.toml.
//! Every problem is collected; nothing stops at the first one.

use std::ops::Range;

use krasa_model::{is_valid_slug, Author, Date, ProfileLink, Route, Section};

use crate::diag::{error, Problem};
use crate::fields::{Field, Fields, Val};

/// Validated article metadata.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub date: Date,
    pub updated: Option<Date>,
    pub author: String,
    pub category: String,
    /// Tag display names with the span where each was written.
    pub tags: Vec<(String, Range<usize>)>,
    pub summary: Option<String>,
    /// The lead image, as the front matter names it.
    pub image: Option<LeadImage>,
    pub draft: bool,
    /// Whether the story shows its table of contents (`None`: by its length).
    pub toc: Option<bool>,
    /// The series this story is a part of: its name and part number, with where each is
    /// written.
    pub series: Option<SeriesPart>,
    /// A tutorial's level, time and tested versions (none when it gives none).
    pub tutorial: Option<krasa_model::Tutorial>,
    /// Corrections, oldest first.
    pub corrections: Vec<CorrectionNote>,
    /// Span of the `date` value (for "future date" notes) and of the whole block.
    pub date_span: Range<usize>,
    pub block: Range<usize>,
}

/// A story's lead image (`image`, `image_alt`, `image_caption`, `image_credit`,
/// `image_focus`), before its file is read.
#[derive(Debug, Clone)]
pub struct LeadImage {
    /// The path as written (relative to the story's folder, or `/`-rooted in the content).
    pub path: String,
    /// Empty when the editor wrote `image_alt = ""`: decorative.
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub focus: Option<crate::images::Focus>,
    /// Where `image` is written.
    pub span: Range<usize>,
}

/// A story's place in a series (`series = "…"` and `part = n`).
#[derive(Debug, Clone)]
pub struct SeriesPart {
    pub name: String,
    pub part: u32,
    pub name_span: Range<usize>,
    pub part_span: Range<usize>,
}

/// One `[[corrections]]` entry of an article.
#[derive(Debug, Clone)]
pub struct CorrectionNote {
    pub date: Date,
    pub text: String,
    /// Where its date is written (for "in the future" notes).
    pub date_span: Range<usize>,
}

pub const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "author",
    "category",
    "tags",
    "summary",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "image_focus",
    "draft",
    "toc",
    "series",
    "part",
    "level",
    "time",
    "tested",
    "corrections",
];

const CORRECTION_FIELDS: &[&str] = &["date", "text"];
const SECTION_FIELDS: &[&str] = &["name", "slug", "description"];
const AUTHOR_FIELDS: &[&str] = &["name", "slug", "role", "bio", "links"];
const LINK_FIELDS: &[&str] = &["label", "url"];

pub const SITE_FIELDS: &[&str] = &[
    "title",
    "tagline",
    "base_url",
    "language",
    "page_size",
    "search_shard_size",
    "search_scope",
    "default_author",
    "sections",
    "series",
];

/// Reads typed values out of [`Fields`], recording a problem for each bad or missing one.
struct Checker<'a> {
    file: usize,
    fields: &'a Fields,
    problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn missing(&mut self, key: &str, expected: &str) {
        let b = self.fields.block.clone();
        let at = b.start..(b.start + 1).min(b.end.max(b.start + 1));
        self.problems.push(
            error(self.file, at, format!("missing required field `{key}`"))
                .field(key)
                .found("this block has no `".to_string() + key + "`")
                .expected(expected.to_string()),
        );
    }

    fn wrong(&mut self, f: &Field, message: String, expected: &str) {
        self.problems.push(
            error(self.file, f.span.clone(), message)
                .field(f.key.clone())
                .found(format!("found {}", describe(&f.value)))
                .expected(expected.to_string()),
        );
    }

    /// A whole number from 1 to `most`, `default` when absent.
    fn count(&mut self, key: &str, default: u32, most: u32, example: &str) -> Option<u32> {
        let Some(f) = self.fields.get(key).cloned() else {
            return Some(default);
        };
        match f.value {
            Val::Int(Some(n)) if (1..=i64::from(most)).contains(&n) => Some(n as u32),
            _ => {
                self.wrong(
                    &f,
                    format!("`{key}` must be a whole number from 1 to {most}"),
                    example,
                );
                None
            }
        }
    }

    /// A non-empty string. `required` decides whether absence is a problem.
    fn string(&mut self, key: &str, required: bool, expected: &str) -> Option<String> {
        let Some(f) = self.fields.get(key) else {
            if required {
                self.missing(key, expected);
            }
            return None;
        };
        match &f.value {
            Val::Str(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Val::Str(_) => {
                let f = f.clone();
                self.wrong(&f, format!("`{key}` is empty"), expected);
                None
            }
            _ => {
                let f = f.clone();
                self.wrong(
                    &f,
                    format!("`{key}` must be a string, not {}", f.value.type_name()),
                    expected,
                );
                None
            }
        }
    }

    fn date(&mut self, key: &str, required: bool) -> Option<(Date, Range<usize>)> {
        const EXPECTED: &str = "a calendar date written as YYYY-MM-DD, e.g. 2026-05-08";
        let Some(f) = self.fields.get(key) else {
            if required {
                self.missing(key, EXPECTED);
            }
            return None;
        };
        let parsed = match &f.value {
            Val::Date(d, _) => *d,
            Val::Str(s) => Date::parse(s.trim()),
            _ => None,
        };
        match parsed {
            Some(d) => Some((d, f.span.clone())),
            None => {
                let f = f.clone();
                self.wrong(&f, format!("`{key}` is not a valid date"), EXPECTED);
                None
            }
        }
    }

    fn boolean(&mut self, key: &str) -> Option<bool> {
        let f = self.fields.get(key)?;
        match f.value {
            Val::Bool(b) => Some(b),
            _ => {
                let f = f.clone();
                self.wrong(
                    &f,
                    format!("`{key}` must be true or false"),
                    "true or false",
                );
                None
            }
        }
    }

    /// The tables of an array of tables (`[[sections]]`, `links = [{ … }]`), each checked by
    /// `each` with a checker of its own; `None` when the array is missing (and `required`)
    /// or is not an array of tables.
    fn tables<T>(
        &mut self,
        key: &str,
        required: bool,
        expected: &str,
        mut each: impl FnMut(&mut Checker<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Some(f) = self.fields.get(key) else {
            if required {
                self.missing(key, expected);
            }
            return (!required).then(Vec::new);
        };
        let f = f.clone();
        let Val::List(items) = &f.value else {
            self.wrong(
                &f,
                format!(
                    "`{key}` must be an array of tables, not {}",
                    f.value.type_name()
                ),
                expected,
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (item, span) in items {
            let Val::Table(fields) = item else {
                self.problems.push(
                    error(
                        self.file,
                        span.clone(),
                        format!("an entry of `{key}` is not a table"),
                    )
                    .field(key)
                    .found(format!("found {}", item.type_name()))
                    .expected(expected.to_string()),
                );
                ok = false;
                continue;
            };
            let before = self.problems.len();
            let mut sub = Checker {
                file: self.file,
                fields,
                problems: &mut *self.problems,
            };
            match each(&mut sub) {
                Some(v) if self.problems.len() == before => out.push(v),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A problem for each name or slug an array of tables (`key`) holds twice.
    fn once_each<'n>(
        &mut self,
        key: &str,
        entries: impl Iterator<Item = (&'n String, &'n String)>,
    ) {
        let mut names = std::collections::HashSet::new();
        let mut slugs = std::collections::HashSet::new();
        let span = self.fields.get(key).map_or(0..1, |f| f.key_span.clone());
        for (name, slug) in entries {
            let twice = if !names.insert(name.as_str()) {
                format!("the name \"{name}\"")
            } else if !slugs.insert(slug.as_str()) {
                format!("the slug `{slug}`")
            } else {
                continue;
            };
            self.problems.push(
                error(
                    self.file,
                    span.clone(),
                    format!("two `{key}` entries share {twice}"),
                )
                .field(key)
                .found(format!("{twice} is used more than once"))
                .expected("a different name and slug for each entry"),
            );
        }
    }

    /// A URL slug: `key` when given (it must be one), else made from `name`.
    fn slug(&mut self, key: &str, name: &str) -> Option<String> {
        let Some(f) = self.fields.get(key) else {
            return Some(crate::slug::slugify(name)).filter(|s| !s.is_empty());
        };
        let f = f.clone();
        let given = self.string(key, false, "lowercase letters, digits and hyphens")?;
        if is_valid_slug(&given) {
            Some(given)
        } else {
            self.wrong(
                &f,
                format!("`{key}` is not a URL slug"),
                "lowercase ASCII letters, digits and single hyphens, e.g. \"ai-policy\"",
            );
            None
        }
    }

    fn unknown(&mut self, known: &[&str], extra_ok: &[&str]) {
        for f in &self.fields.list {
            if known.contains(&f.key.as_str()) || extra_ok.contains(&f.key.as_str()) {
                continue;
            }
            let suggestion = known
                .iter()
                .map(|k| (strsim::damerau_levenshtein(k, &f.key.to_lowercase()), *k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, k)| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            self.problems.push(
                error(
                    self.file,
                    f.key_span.clone(),
                    format!("unknown field `{}`", f.key),
                )
                .field(f.key.clone())
                .found(format!("{suggestion}this field is not part of the format"))
                .expected(format!("one of: {}", known.join(", "))),
            );
        }
    }
}

fn describe(v: &Val) -> String {
    match v {
        Val::Str(s) if s.trim().is_empty() => "an empty string".into(),
        Val::Str(s) => format!("\"{s}\""),
        Val::Date(_, raw) => raw.clone(),
        Val::Bool(b) => b.to_string(),
        other => other.type_name().to_string(),
    }
}

/// The lead image fields: none when there is no `image`; `None` (with problems) when they
/// are not valid.
fn lead_image(c: &mut Checker<'_>) -> Option<Option<LeadImage>> {
    let file = c.file;
    let path = c.string(
        "image",
        false,
        "the image's file, beside the story (image = \"lead.jpg\") or shared (image = \"/images/summit.jpg\")",
    );
    let caption = c.string(
        "image_caption",
        false,
        "a sentence saying what the picture shows",
    );
    let credit = c.string(
        "image_credit",
        false,
        "who made it, e.g. \"Photo: Ana Ruiz\"",
    );
    let focus = focus(c);
    let alt = match c.fields.get("image_alt").map(|f| &f.value) {
        // an explicit empty alt marks the image decorative
        Some(Val::Str(s)) => Some(s.trim().to_string()),
        Some(_) => {
            c.string(
                "image_alt",
                false,
                "a text alternative describing the image",
            );
            return None;
        }
        None => None,
    };
    let Some(path) = path else {
        let orphan = ["image_alt", "image_caption", "image_credit", "image_focus"]
            .into_iter()
            .find_map(|k| c.fields.get(k));
        if let (Some(f), None) = (orphan, c.fields.get("image")) {
            c.problems.push(
                error(file, f.span.clone(), format!("`{}` without `image`", f.key))
                    .field(f.key.clone())
                    .found("there is no lead image to describe")
                    .expected("`image` and `image_alt` together, or none of the image fields"),
            );
            return None;
        }
        return c.fields.get("image").is_none().then_some(None);
    };
    let span = c.fields.get("image").map_or(0..1, |f| f.span.clone());
    let Some(alt) = alt else {
        c.problems.push(
            error(file, span, "image without alt text")
                .field("image_alt")
                .found("`image` is set but `image_alt` is missing")
                .expected("image_alt = \"what the image shows\", for readers who cannot see it (image_alt = \"\" for a decorative image)"),
        );
        return None;
    };
    Some(Some(LeadImage {
        path,
        alt,
        caption,
        credit,
        focus: focus?,
        span,
    }))
}

/// `image_focus = [x, y]`: fractions of the width and height from the top left.
fn focus(c: &mut Checker<'_>) -> Option<Option<crate::images::Focus>> {
    const EXPECTED: &str =
        "two numbers from 0 to 1, across then down, e.g. image_focus = [0.3, 0.4]";
    let Some(f) = c.fields.get("image_focus").cloned() else {
        return Some(None);
    };
    let fraction = |v: &Val| match v {
        Val::Float(x) if (0.0..=1.0).contains(x) => Some(*x),
        Val::Int(Some(i @ (0 | 1))) => Some(*i as f64),
        _ => None,
    };
    match &f.value {
        Val::List(items) if items.len() == 2 => {
            if let (Some(x), Some(y)) = (fraction(&items[0].0), fraction(&items[1].0)) {
                return Some(Some(crate::images::Focus { x, y }));
            }
        }
        _ => {}
    }
    c.wrong(
        &f,
        "`image_focus` is not a point of the image".into(),
        EXPECTED,
    );
    None
}

/// Validates an article's fields. `default_author` fills a missing author. `extra_ok` lists
/// keys handled elsewhere (the JSON `body`).
pub fn article_meta(
    file: usize,
    fields: &Fields,
    default_author: Option<&str>,
    extra_ok: &[&str],
    problems: &mut Vec<Problem>,
) -> Option<Meta> {
    let before = problems.len();
    let mut c = Checker {
        file,
        fields,
        problems,
    };
    c.unknown(ARTICLE_FIELDS, extra_ok);
    let title = c.string(
        "title",
        true,
        "the headline as a string, e.g. title = \"US and China weigh AI-risk talks\"",
    );
    let date = c.date("date", true);
    let updated = c.date("updated", false);
    let author = c
        .string(
            "author",
            default_author.is_none(),
            "the author's name, e.g. author = \"Krasa News\" (or set default_author in site.toml)",
        )
        .or_else(|| {
            if fields.get("author").is_none() {
                default_author.map(str::to_string)
            } else {
                None
            }
        });
    let category = c.string(
        "category",
        true,
        "the badge shown above the headline, e.g. category = \"Breaking\"",
    );
    let summary = c.string("summary", false, "one or two plain sentences");
    let image = lead_image(&mut c);
    let draft = c.boolean("draft").unwrap_or(false);
    let toc = c.boolean("toc");
    let tutorial = tutorial(&mut c);
    let series = series_part(&mut c);
    let tags = tags(&mut c);
    let corrections = c.tables("corrections", false, CORRECTION_EXPECTED, correction);

    if let (Some((d, _)), Some((u, uspan))) = (&date, &updated) {
        if u < d {
            c.problems.push(
                error(file, uspan.clone(), "`updated` is before `date`")
                    .field("updated")
                    .found(format!("updated {u}, published {d}"))
                    .expected("a date on or after the publication date"),
            );
        }
    }
    if let (Some((d, _)), Some(notes)) = (&date, &corrections) {
        for note in notes.iter().filter(|n| n.date < *d) {
            c.problems.push(
                error(
                    file,
                    note.date_span.clone(),
                    "correction dated before `date`",
                )
                .field("corrections")
                .found(format!("corrected {}, published {d}", note.date))
                .expected("a date on or after the publication date"),
            );
        }
    }
    if problems.len() > before {
        return None;
    }
    let (date, date_span) = date?;
    Some(Meta {
        title: title?,
        date,
        updated: updated.map(|(u, _)| u),
        author: author?,
        category: category?,
        tags: tags?,
        summary,
        image: image?,
        draft,
        toc,
        tutorial: tutorial?,
        series: series?,
        corrections: {
            let mut notes = corrections?;
            notes.sort_by_key(|n| n.date);
            notes
        },
        date_span,
        block: fields.block.clone(),
    })
}

/// `series` and `part`, both or neither: `Some(None)` for neither, `None` when one is bad.
fn series_part(c: &mut Checker<'_>) -> Option<Option<SeriesPart>> {
    let name = c.string(
        "series",
        false,
        "the series' name, as site.toml declares it",
    );
    let part = c.fields.get("part").cloned();
    let number = match &part {
        None => None,
        Some(f) => match f.value {
            Val::Int(Some(n)) if (1..=1000).contains(&n) => Some(n as u32),
            _ => {
                c.wrong(
                    f,
                    "`part` must be a whole number from 1".into(),
                    "e.g. part = 2",
                );
                return None;
            }
        },
    };
    match (name, number) {
        (None, None) if c.fields.get("series").is_none() => Some(None),
        (Some(name), Some(part)) => Some(Some(SeriesPart {
            name,
            part,
            name_span: c.fields.get("series").map_or(0..1, |f| f.span.clone()),
            part_span: c.fields.get("part").map_or(0..1, |f| f.span.clone()),
        })),
        (Some(_), None) => {
            c.missing("part", "the part's number in its series, e.g. part = 2");
            None
        }
        (None, Some(_)) => {
            let span = c.fields.get("part").map_or(0..1, |f| f.span.clone());
            c.problems.push(
                error(c.file, span, "`part` without `series`")
                    .field("part")
                    .found("there is no series this is a part of")
                    .expected("both `series` and `part`, or neither"),
            );
            None
        }
        (None, None) => None,
    }
}

/// `level`, `time` and `tested`: `Some(None)` when none is given, `None` when one is bad.
fn tutorial(c: &mut Checker<'_>) -> Option<Option<krasa_model::Tutorial>> {
    use krasa_model::Level;
    let before = c.problems.len();
    let words: Vec<&str> = Level::ALL.iter().map(|l| l.key()).collect();
    let level = c
        .string("level", false, "beginner, intermediate or advanced")
        .and_then(|given| {
            let found = Level::ALL
                .into_iter()
                .find(|l| l.key() == given.to_lowercase());
            if found.is_none() {
                let hint = crate::diag::closest(&given, words.iter().copied())
                    .map(|w| format!("did you mean `{w}`? "))
                    .unwrap_or_default();
                if let Some(f) = c.fields.get("level").cloned() {
                    c.wrong(
                        &f,
                        format!("unknown level \"{given}\""),
                        &format!("{hint}one of: {}", words.join(", ")),
                    );
                }
            }
            found
        });
    let minutes = match c.fields.get("time").cloned() {
        None => None,
        Some(f) => match f.value {
            Val::Int(Some(n)) if (1..=1440).contains(&n) => Some(n as u32),
            _ => {
                c.wrong(
                    &f,
                    "`time` must be a whole number of minutes".into(),
                    "the minutes a reader needs to follow the tutorial, e.g. time = 45",
                );
                None
            }
        },
    };
    let tested = c.string(
        "tested",
        false,
        "the versions it was tested with, e.g. tested = \"Python 3.12, Docker 27 (June 2026)\"",
    );
    if c.problems.len() > before {
        return None;
    }
    let any = level.is_some() || minutes.is_some() || tested.is_some();
    Some(any.then_some(krasa_model::Tutorial {
        level,
        minutes,
        tested,
    }))
}

const CORRECTION_EXPECTED: &str =
    "[[corrections]] entries with a date and a text, e.g. date = 2026-05-12 and text = \"An earlier version gave the wrong deadline.\"";

fn correction(c: &mut Checker<'_>) -> Option<CorrectionNote> {
    c.unknown(CORRECTION_FIELDS, &[]);
    let date = c.date("date", true);
    let text = c.string("text", true, "what was wrong and what the story now says");
    let (date, date_span) = date?;
    Some(CorrectionNote {
        date,
        text: text?,
        date_span,
    })
}

fn tags(c: &mut Checker<'_>) -> Option<Vec<(String, Range<usize>)>> {
    const EXPECTED: &str = "a list of tag names, e.g. tags = [\"AI\", \"AI Policy\"]";
    let Some(f) = c.fields.get("tags") else {
        c.missing("tags", EXPECTED);
        return None;
    };
    let f = f.clone();
    let Val::List(items) = &f.value else {
        c.wrong(
            &f,
            format!("`tags` must be an array, not {}", f.value.type_name()),
            EXPECTED,
        );
        return None;
    };
    if items.is_empty() {
        c.wrong(&f, "`tags` is empty".into(), "at least one tag");
        return None;
    }
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let mut ok = true;
    for (v, span) in items {
        match v {
            Val::Str(s) if !crate::slug::slugify(s).is_empty() => {
                let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
                let slug = crate::slug::slugify(&name);
                if out.iter().any(|(n, _)| crate::slug::slugify(n) == slug) {
                    c.problems.push(
                        error(
                            c.file,
                            span.clone(),
                            format!("tag \"{name}\" is listed twice"),
                        )
                        .field("tags")
                        .found("a repeated tag")
                        .expected("each tag once"),
                    );
                    ok = false;
                } else {
                    debug_assert!(is_valid_slug(&slug));
                    out.push((name, span.clone()));
                }
            }
            Val::Str(s) => {
                c.problems.push(
                    error(c.file, span.clone(), "tag has no letters or digits")
                        .field("tags")
                        .found(format!("\"{s}\" cannot become a URL"))
                        .expected("a tag name with at least one ASCII letter or digit"),
                );
                ok = false;
            }
            other => {
                c.problems.push(
                    error(c.file, span.clone(), "tag is not a string")
                        .field("tags")
                        .found(format!("found {}", other.type_name()))
                        .expected(EXPECTED),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Validated `content/site.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    pub title: String,
    pub tagline: String,
    pub base_url: String,
    pub language: String,
    pub page_size: u32,
    /// The most stories a search shard holds (`search_shard_size`).
    pub search_shard_size: u32,
    /// How many of the newest stories a search covers by default (`search_scope`).
    pub search_scope: u32,
    pub default_author: Option<String>,
    /// The sections, in the order the header lists them.
    pub sections: Vec<Section>,
    /// The tutorial series.
    pub series: Vec<krasa_model::SeriesInfo>,
}

pub fn site_config(
    file: usize,
    fields: &Fields,
    problems: &mut Vec<Problem>,
) -> Option<SiteConfig> {
    let before = problems.len();
    let mut c = Checker {
        file,
        fields,
        problems,
    };
    c.unknown(SITE_FIELDS, &[]);
    let title = c.string("title", true, "the site name, e.g. title = \"Krasa News\"");
    let tagline = c.string("tagline", true, "a one-line description of the site");
    let base_url = c.string(
        "base_url",
        true,
        "the canonical address of the site root, e.g. base_url = \"https://news.example.com/\"",
    );
    let language = c
        .string("language", false, "a language tag, e.g. \"en\"")
        .unwrap_or_else(|| "en".into());
    let default_author = c.string("default_author", false, "an author name");
    let sections = c.tables("sections", true, SECTIONS_EXPECTED, section);
    if let Some(list) = &sections {
        c.once_each("sections", list.iter().map(|s| (&s.name, &s.slug)));
    }
    let series = c.tables("series", false, SERIES_EXPECTED, described);
    if let Some(list) = &series {
        c.once_each("series", list.iter().map(|s| (&s.name, &s.slug)));
    }
    let page_size = c.count("page_size", 10, 100, "e.g. page_size = 10");
    let search_shard_size = c.count(
        "search_shard_size",
        DEFAULT_SHARD_SIZE,
        MOST,
        "e.g. search_shard_size = 5000",
    );
    let search_scope = c.count(
        "search_scope",
        DEFAULT_SEARCH_SCOPE,
        MOST,
        "e.g. search_scope = 10000",
    );
    if let Some(url) = &base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) || !url.ends_with('/') {
            let span = fields
                .get("base_url")
                .map(|f| f.span.clone())
                .unwrap_or(0..1);
            c.problems.push(
                error(
                    file,
                    span,
                    "`base_url` must be an absolute http(s) URL ending in `/`",
                )
                .field("base_url")
                .found(format!("\"{url}\""))
                .expected("e.g. \"https://news.example.com/\""),
            );
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(SiteConfig {
        title: title?,
        tagline: tagline?,
        base_url: base_url?,
        language,
        page_size: page_size?,
        search_shard_size: search_shard_size?,
        search_scope: search_scope?,
        default_author,
        sections: sections?,
        series: series?,
    })
}

/// The most stories a search shard holds unless site.toml says otherwise: Pagefind needs
/// about 140 KB of memory per page it indexes, so 5,000 stories stay under 1 GB.
pub const DEFAULT_SHARD_SIZE: u32 = 5_000;
/// The largest search shard size and search scope site.toml may set.
const MOST: u32 = 1_000_000;

/// How many of the newest stories a search covers unless site.toml says otherwise (the
/// reader can search the whole archive).
pub const DEFAULT_SEARCH_SCOPE: u32 = 10_000;

const SERIES_EXPECTED: &str = "[[series]] entries with a name, an optional slug and a description, e.g. name = \"Automate support triage\" and description = \"Three parts: …\"";

const SECTIONS_EXPECTED: &str = "[[sections]] entries with a name, an optional slug and a description, e.g. name = \"Tutorials\" and description = \"Step-by-step guides\"";

/// A name, an optional slug (else made from the name) and a one-line description: a
/// section's or a series'.
fn described(c: &mut Checker<'_>) -> Option<Section> {
    c.unknown(SECTION_FIELDS, &[]);
    let name = c.string("name", true, "its name, as articles give it");
    let description = c.string("description", true, "one line about it");
    let slug = c.slug("slug", name.as_deref()?)?;
    Some(Section {
        name: name?,
        slug,
        description: description?,
    })
}

fn section(c: &mut Checker<'_>) -> Option<Section> {
    let section = described(c)?;
    let slug = section.slug.clone();
    if !Route::is_section_slug(&slug) {
        let span = c
            .fields
            .get("slug")
            .map_or(c.fields.block.clone(), |f| f.span.clone());
        c.problems.push(
            error(
                c.file,
                span,
                format!("section slug `{slug}` is taken by another address"),
            )
            .field("slug")
            .found(format!(
                "/{slug}/ is already the address of other pages or files"
            ))
            .expected(format!(
                "a slug that is none of: {}",
                krasa_model::route::segment::RESERVED.join(", ")
            )),
        );
        return None;
    }
    Some(section)
}

/// The authors file (`content/authors.toml`): every author, in its order.
pub fn authors(file: usize, fields: &Fields, problems: &mut Vec<Problem>) -> Option<Vec<Author>> {
    let mut c = Checker {
        file,
        fields,
        problems,
    };
    c.unknown(&["authors"], &[]);
    let list = c.tables("authors", true, AUTHORS_EXPECTED, author)?;
    let before = c.problems.len();
    c.once_each("authors", list.iter().map(|a| (&a.name, &a.slug)));
    (c.problems.len() == before).then_some(list)
}

const AUTHORS_EXPECTED: &str = "[[authors]] entries with a name and a bio (role, slug and links optional), e.g. name = \"Mira Kovač\" and bio = \"Writes about AI policy.\"";

fn author(c: &mut Checker<'_>) -> Option<Author> {
    c.unknown(AUTHOR_FIELDS, &[]);
    let name = c.string(
        "name",
        true,
        "the name bylines give, e.g. name = \"Mira Kovač\"",
    );
    let bio = c.string("bio", true, "two or three plain sentences about the author");
    let role = c.string("role", false, "e.g. role = \"Tutorials editor\"");
    let links = c.tables("links", false, LINKS_EXPECTED, link);
    let slug = c.slug("slug", name.as_deref()?)?;
    Some(Author {
        name: name?,
        slug,
        role,
        bio: bio?,
        links: links?,
    })
}

const LINKS_EXPECTED: &str = "links = [{ label = \"Website\", url = \"https://example.com/\" }]";

fn link(c: &mut Checker<'_>) -> Option<ProfileLink> {
    c.unknown(LINK_FIELDS, &[]);
    let label = c.string(
        "label",
        true,
        "what the link is, e.g. \"Website\" or \"Mastodon\"",
    );
    let url = c.string("url", true, "an absolute http(s) URL");
    let url = url?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        let f = c.fields.get("url").cloned();
        if let Some(f) = f {
            c.wrong(
                &f,
                "`url` must be an absolute http(s) URL".into(),
                "e.g. \"https://example.com/\"",
            );
        }
        return None;
    }
    Some(ProfileLink { label: label?, url })
}
