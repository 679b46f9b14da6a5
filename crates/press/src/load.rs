//! Load stage: read `site.toml` and `articles/*.{md,json}` from the content folder and split
//! each article into its metadata and its Markdown body. Output: [`Loaded`].

use std::fs;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use krasa_model::is_valid_slug;

use crate::diag::{error, Problem, Report};
use crate::fields::{self, Fields};
use crate::render::BodySpan;
use crate::PressError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

/// One article file, split but not yet validated.
#[derive(Debug, Clone)]
pub struct RawArticle {
    pub file: usize,
    pub slug: String,
    pub format: Format,
    pub fields: Fields,
    pub body: String,
    pub body_at: BodySpan,
    /// The folder its images' relative paths start from: its own folder for a bundle
    /// (`articles/<slug>/index.md`), else `articles/`.
    pub dir: PathBuf,
}

/// A TOML settings file: its number in the report, and its fields when it parsed.
pub struct TomlFile {
    pub file: usize,
    pub fields: Option<Fields>,
}

/// The content folder's settings files.
pub struct SettingsFiles {
    /// `site.toml`.
    pub site: TomlFile,
    /// `authors.toml`, when the folder has one.
    pub authors: Option<TomlFile>,
}

pub struct Loaded {
    pub settings: SettingsFiles,
    pub articles: Vec<RawArticle>,
}

/// The name of the authors file in the content folder.
pub const AUTHORS_FILE: &str = "authors.toml";

/// Reads and parses a TOML settings file; its problems go to `problems`.
fn toml_file(
    path: &Path,
    report: &mut Report,
    problems: &mut Vec<Problem>,
) -> Result<TomlFile, PressError> {
    let (file, text) = text_of(path, read(path)?, report, problems);
    let fields = match fields::from_toml(file, &text, 0) {
        Ok(f) => Some(f),
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    Ok(TomlFile { file, fields })
}

fn read(path: &Path) -> Result<Vec<u8>, PressError> {
    fs::read(path).map_err(|source| PressError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads the content folder's `site.toml` and `authors.toml` (not its articles).
pub fn load_settings(
    content: &Path,
    report: &mut Report,
    problems: &mut Vec<Problem>,
) -> Result<SettingsFiles, PressError> {
    if !content.is_dir() {
        return Err(PressError::NoContent(content.to_path_buf()));
    }
    let site_path = content.join("site.toml");
    if !site_path.is_file() {
        return Err(PressError::NoSiteToml(site_path));
    }
    let site = toml_file(&site_path, report, problems)?;
    let authors_path = content.join(AUTHORS_FILE);
    let authors = if authors_path.is_file() {
        Some(toml_file(&authors_path, report, problems)?)
    } else {
        None
    };
    Ok(SettingsFiles { site, authors })
}

/// Reads the content folder. Problems in files go to `report`; only an unreadable folder or
/// file is an `Err`.
pub fn load(
    content: &Path,
    report: &mut Report,
    problems: &mut Vec<Problem>,
) -> Result<Loaded, PressError> {
    let settings = load_settings(content, report, problems)?;

    let dir = content.join("articles");
    let mut paths: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect(),
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(source) => return Err(PressError::Io { path: dir, source }),
    };
    // what each entry is, and the article files' bytes, on all cores (a large archive is
    // many files); then in order
    let mut found: Vec<(PathBuf, Result<Found, PressError>)> = paths
        .par_drain(..)
        .map(|p| {
            let path = article_file(&p).unwrap_or(p);
            let found = examine(&path);
            (path, found)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));

    let mut articles = Vec::with_capacity(found.len());
    for (path, found) in found {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (format, bytes) = match found? {
            Found::Skipped => continue,
            Found::Folder => {
                let file = report.add_file(display(&path), String::new());
                problems.push(
                    crate::diag::warning(file, 0..0, "ignored: a folder without index.md")
                        .expected(
                            "a story folder holds its article as index.md, beside its images",
                        ),
                );
                continue;
            }
            Found::Other => {
                let file = report.add_file(display(&path), String::new());
                problems.push(
                    crate::diag::warning(file, 0..0, "ignored: not an article file")
                        .expected("articles named <slug>.md or <slug>.json"),
                );
                continue;
            }
            Found::Article(format, bytes) => (format, bytes),
        };
        let (file, text) = text_of(&path, bytes, report, problems);
        let bundle = name == BUNDLE_INDEX;
        let named = if bundle {
            path.parent()
        } else {
            Some(path.as_path())
        };
        let slug = named
            .and_then(|p| p.file_stem())
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if !is_valid_slug(&slug) {
            let (what, example) = if bundle {
                ("folder", "us-china-ai-talks/index.md")
            } else {
                ("file", "us-china-ai-talks.md")
            };
            problems.push(
                error(file, 0..0, format!("the {what} name is not a valid slug"))
                    .field("slug")
                    .found(format!("\"{slug}\" (the slug is the {what} name)"))
                    .expected(format!(
                        "lowercase letters a-z, digits and single hyphens, e.g. {example}"
                    )),
            );
            continue;
        }
        let raw = match format {
            Format::Markdown => split_markdown(file, &text),
            Format::Json => split_json(file, &text).map_err(|p| vec![p]),
        };
        match raw {
            Ok((fields, body, body_at)) => articles.push(RawArticle {
                file,
                slug,
                format,
                fields,
                body,
                body_at,
                dir: path.parent().unwrap_or(&dir).to_path_buf(),
            }),
            Err(ps) => problems.extend(ps),
        }
    }
    Ok(Loaded { settings, articles })
}

/// An entry of the articles folder, as found on disk.
enum Found {
    /// An editor's swap or backup file.
    Skipped,
    /// A folder without `index.md`.
    Folder,
    /// Not an article file.
    Other,
    /// An article file, and its bytes.
    Article(Format, Vec<u8>),
}

/// What the article entry at `path` is (reading it when it is an article file).
fn examine(path: &Path) -> Result<Found, PressError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') {
        return Ok(Found::Skipped);
    }
    if path.is_dir() {
        return Ok(Found::Folder);
    }
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("md") => Format::Markdown,
        Some("json") => Format::Json,
        _ => return Ok(Found::Other),
    };
    Ok(Found::Article(format, read(path)?))
}

/// The name of a bundle's article file: `articles/<slug>/index.md`.
pub const BUNDLE_INDEX: &str = "index.md";

/// The article file an entry of `articles/` stands for: itself when it is a file, its
/// `index.md` when it is a folder (a bundle, with its images); none for a folder without one.
fn article_file(entry: &Path) -> Option<PathBuf> {
    if entry.is_file() {
        return Some(entry.to_path_buf());
    }
    let index = entry.join(BUNDLE_INDEX);
    index.is_file().then_some(index)
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn text_of(
    path: &Path,
    bytes: Vec<u8>,
    report: &mut Report,
    problems: &mut Vec<Problem>,
) -> (usize, String) {
    match String::from_utf8(bytes) {
        Ok(t) => {
            let file = report.add_file(display(path), t.clone());
            (file, t)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let t = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = report.add_file(display(path), t.clone());
            problems.push(
                error(file, at..at + 1, "the file is not valid UTF-8")
                    .found("an invalid byte sequence")
                    .expected("text saved as UTF-8"),
            );
            (file, String::new())
        }
    }
}

/// Splits `+++` TOML front matter from the Markdown body.
pub fn split_markdown(file: usize, text: &str) -> Result<(Fields, String, BodySpan), Vec<Problem>> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let t = &text[bom..];
    let first_line_end = t.find('\n').map(|i| i + 1).unwrap_or(t.len());
    if t[..first_line_end].trim_end() != "+++" {
        return Err(vec![error(
            file,
            bom..bom + first_line_end.saturating_sub(1),
            "missing front matter",
        )
        .field("front matter")
        .found("the file does not start with a `+++` line")
        .expected(
            "`+++`, then title, date, author, category and tags as TOML, then `+++`",
        )]);
    }
    let fm_start = bom + first_line_end;
    let mut pos = fm_start;
    let mut close: Option<(usize, usize)> = None;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((pos, pos + line.len()));
            break;
        }
        pos += line.len();
    }
    let Some((fm_end, body_start)) = close else {
        return Err(vec![error(
            file,
            bom..bom + 3,
            "the front matter is never closed",
        )
        .field("front matter")
        .found("this `+++` has no closing `+++` line")
        .expected("a line with only `+++` after the metadata")]);
    };
    let fields = fields::from_toml(file, &text[fm_start..fm_end], fm_start)?;
    let fields = Fields {
        block: bom..fm_end,
        ..fields
    };
    Ok((
        fields,
        text[body_start..].to_string(),
        BodySpan::Offset(body_start),
    ))
}

/// Reads a JSON article: the same fields as the front matter plus a Markdown `body`.
pub fn split_json(file: usize, text: &str) -> Result<(Fields, String, BodySpan), Problem> {
    let (fields, map) = fields::from_json(file, text)?;
    let body_field = fields.get("body").cloned();
    let body = match (map.get("body"), &body_field) {
        (Some(serde_json::Value::String(s)), Some(f)) => (s.clone(), f.key_span.clone()),
        (Some(_), Some(f)) => {
            return Err(error(file, f.key_span.clone(), "`body` must be a string")
                .field("body")
                .found("found another JSON type")
                .expected("the article text as a Markdown string"))
        }
        _ => (String::new(), 0..1),
    };
    Ok((fields, body.0, BodySpan::Fixed(body.1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_keeps_body_offsets() {
        let text = "+++\ntitle = \"T\"\n+++\n## Heading\n";
        let (fields, body, at) = split_markdown(0, text).unwrap();
        assert!(fields.get("title").is_some());
        assert_eq!(body, "## Heading\n");
        match at {
            BodySpan::Offset(o) => assert_eq!(&text[o..], body),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let text = "\u{feff}+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let (fields, body, _) = split_markdown(0, text).unwrap();
        assert!(fields.get("title").is_some());
        assert_eq!(body, "Body\r\n");
    }

    #[test]
    fn missing_or_unclosed_front_matter_is_reported() {
        let p = &split_markdown(0, "# Just markdown\n").unwrap_err()[0];
        assert!(p.message.contains("missing front matter"));
        let p = &split_markdown(0, "+++\ntitle = \"x\"\nno end\n").unwrap_err()[0];
        assert!(p.message.contains("never closed"));
    }
}
