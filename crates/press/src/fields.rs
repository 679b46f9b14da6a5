//! A small common view of "key = value" metadata with source spans, read from TOML front
//! matter or from a JSON object, so both article formats are validated by the same code.

use std::ops::Range;

use krasa_model::Date;
use toml::de::{DeTable, DeValue};

use crate::diag::{error, Problem};

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Str(String),
    Date(Option<Date>, String),
    Bool(bool),
    /// An integer (None when it does not fit an i64).
    Int(Option<i64>),
    /// A number with a fraction (`0.5`).
    Float(f64),
    List(Vec<(Val, Range<usize>)>),
    /// A table (`[[sections]]`, an inline `{ … }`, a JSON object), with its own fields.
    Table(Fields),
    /// Any other type, by name (for "expected a string, found an integer").
    Other(&'static str),
}

impl Val {
    pub fn type_name(&self) -> &'static str {
        match self {
            Val::Str(_) => "a string",
            Val::Date(..) => "a date",
            Val::Bool(_) => "a boolean",
            Val::Int(_) => "an integer",
            Val::Float(_) => "a number",
            Val::List(_) => "an array",
            Val::Table(_) => "a table",
            Val::Other(t) => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub key_span: Range<usize>,
    pub value: Val,
    pub span: Range<usize>,
}

/// Fields of one metadata block; `block` is the span of the whole block in its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub list: Vec<Field>,
    pub block: Range<usize>,
}

impl Fields {
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.list.iter().find(|f| f.key == key)
    }
}

/// Parses TOML text that starts at byte `offset` of file `file`. Every syntax error in the
/// block is reported (the parser recovers and goes on), each naming the field on its line.
pub fn from_toml(file: usize, text: &str, offset: usize) -> Result<Fields, Vec<Problem>> {
    let shift = |r: Range<usize>| (r.start + offset)..(r.end + offset);
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut seen_lines = Vec::new();
        let mut problems = Vec::new();
        for e in errors {
            let local = e.span().unwrap_or(0..0);
            let line_start = text[..local.start.min(text.len())]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            // one problem per line: a broken line often yields several parser errors
            if seen_lines.contains(&line_start) {
                continue;
            }
            seen_lines.push(line_start);
            problems.push(syntax_problem(
                file,
                text,
                shift(local),
                line_start,
                e.message(),
            ));
        }
        return Err(problems);
    }
    Ok(toml_fields(table.get_ref(), shift(0..text.len()), &shift))
}

fn toml_fields(
    table: &DeTable<'_>,
    block: Range<usize>,
    shift: &dyn Fn(Range<usize>) -> Range<usize>,
) -> Fields {
    let mut list: Vec<Field> = table
        .iter()
        .map(|(k, v)| Field {
            key: k.get_ref().to_string(),
            key_span: shift(k.span()),
            value: toml_val(v.get_ref(), shift(v.span()), shift),
            span: shift(v.span()),
        })
        .collect();
    list.sort_by_key(|f| f.key_span.start);
    Fields { list, block }
}

fn syntax_problem(
    file: usize,
    text: &str,
    span: Range<usize>,
    line_start: usize,
    message: &str,
) -> Problem {
    // Name the field whose line the error is on, when there is one.
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    });
    let found = message.trim().to_string();
    match key {
        Some(k @ ("date" | "updated")) => error(file, span, format!("`{k}` is not a valid date"))
            .field(k)
            .found(found)
            .expected("a calendar date written as YYYY-MM-DD, e.g. 2026-05-08"),
        Some(k) => error(file, span, "the front matter is not valid TOML")
            .field(k)
            .found(found)
            .expected("`key = value` lines, strings in double quotes, dates as 2026-05-08"),
        None => error(file, span, "the front matter is not valid TOML")
            .found(found)
            .expected("`key = value` lines, strings in double quotes, dates as 2026-05-08"),
    }
}

fn toml_val(
    v: &DeValue<'_>,
    span: Range<usize>,
    shift: &dyn Fn(Range<usize>) -> Range<usize>,
) -> Val {
    match v {
        DeValue::String(s) => Val::Str(s.to_string()),
        DeValue::Boolean(b) => Val::Bool(*b),
        DeValue::Datetime(dt) => {
            let date = dt.date.and_then(|d| Date::new(d.year, d.month, d.day));
            Val::Date(date, dt.to_string())
        }
        DeValue::Array(items) => Val::List(
            items
                .iter()
                .map(|i| {
                    let at = shift(i.span());
                    (toml_val(i.get_ref(), at.clone(), shift), at)
                })
                .collect(),
        ),
        DeValue::Integer(i) => {
            Val::Int(i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok())
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .map_or(Val::Other("a number"), Val::Float),
        DeValue::Table(t) => Val::Table(toml_fields(t, span, shift)),
    }
}

/// Parses a JSON object. JSON carries no spans for values, so each field points at its key's
/// first occurrence in the text (good enough for a line number).
pub fn from_json(
    file: usize,
    text: &str,
) -> Result<(Fields, serde_json::Map<String, serde_json::Value>), Problem> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| {
            let at = byte_offset(text, e.line(), e.column());
            error(file, at..at, "the file is not a valid JSON object")
                .found(e.to_string())
                .expected("a JSON object with the article's fields and a Markdown `body`")
        })?;
    let mut list = Vec::new();
    for (k, v) in &map {
        let key_span = find_key(text, k).unwrap_or(0..1);
        list.push(Field {
            key: k.clone(),
            key_span: key_span.clone(),
            value: json_val(v, &key_span),
            span: key_span,
        });
    }
    list.sort_by_key(|f| f.key_span.start);
    Ok((
        Fields {
            list,
            block: 0..text.len().min(1),
        },
        map,
    ))
}

fn json_val(v: &serde_json::Value, span: &Range<usize>) -> Val {
    use serde_json::Value as J;
    match v {
        J::String(s) => Val::Str(s.clone()),
        J::Bool(b) => Val::Bool(*b),
        J::Array(items) => Val::List(
            items
                .iter()
                .map(|i| (json_val(i, span), span.clone()))
                .collect(),
        ),
        J::Number(n) => match n.as_i64() {
            Some(i) => Val::Int(Some(i)),
            None => n.as_f64().map_or(Val::Other("a number"), Val::Float),
        },
        J::Null => Val::Other("null"),
        J::Object(map) => Val::Table(Fields {
            list: map
                .iter()
                .map(|(k, v)| Field {
                    key: k.clone(),
                    key_span: span.clone(),
                    value: json_val(v, span),
                    span: span.clone(),
                })
                .collect(),
            block: span.clone(),
        }),
    }
}

fn find_key(text: &str, key: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(pos) = text[from..].find(&quoted) {
        let start = from + pos;
        let after = text[start + quoted.len()..].trim_start();
        if after.starts_with(':') {
            return Some(start..start + quoted.len());
        }
        from = start + quoted.len();
    }
    None
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
pub fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_fields_keep_spans_in_file_coordinates() {
        let fm = "title = \"Hi\"\ndate = 2026-05-08\ntags = [\"a\", 1]\n";
        let f = from_toml(0, fm, 4).unwrap();
        let title = f.get("title").unwrap();
        assert_eq!(title.value, Val::Str("Hi".into()));
        assert_eq!(
            &fm[title.key_span.start - 4..title.key_span.end - 4],
            "title"
        );
        let date = f.get("date").unwrap();
        assert_eq!(
            date.value,
            Val::Date(Date::new(2026, 5, 8), "2026-05-08".into())
        );
        match &f.get("tags").unwrap().value {
            Val::List(items) => {
                assert_eq!(items[0].0, Val::Str("a".into()));
                assert_eq!(items[1].0, Val::Int(Some(1)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn arrays_of_tables_keep_their_fields_and_spans() {
        let text = "title = \"x\"\n[[sections]]\nname = \"News\"\n[[sections]]\nname = 1\n";
        let f = from_toml(0, text, 0).unwrap();
        let Val::List(items) = &f.get("sections").unwrap().value else {
            panic!("sections is not a list");
        };
        assert_eq!(items.len(), 2);
        let Val::Table(first) = &items[0].0 else {
            panic!("not a table");
        };
        let name = first.get("name").unwrap();
        assert_eq!(name.value, Val::Str("News".into()));
        assert_eq!(&text[name.span.clone()], "\"News\"");
        let Val::Table(second) = &items[1].0 else {
            panic!("not a table");
        };
        assert_eq!(second.get("name").unwrap().value, Val::Int(Some(1)));
    }

    #[test]
    fn toml_syntax_error_points_into_the_file() {
        let fm = "title = \"unterminated\n";
        let p = &from_toml(0, fm, 4).unwrap_err()[0];
        assert!(p.span.start >= 4);
        assert!(p.message.contains("not valid TOML"));
    }

    #[test]
    fn every_syntax_error_in_a_block_is_reported() {
        let fm = "title = \"ok\"\ndate = 2026-02-30\ncategory = Breaking\ntags = [\"AI\"]\n";
        let problems = from_toml(0, fm, 0).unwrap_err();
        let fields: Vec<_> = problems
            .iter()
            .map(|p| p.field.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(fields, ["date", "category"], "{problems:?}");
        assert!(problems[0].message.contains("not a valid date"));
    }

    #[test]
    fn json_keys_are_located() {
        let text = "{\n  \"title\": \"x\",\n  \"tags\": [\"a\"]\n}";
        let (f, _) = from_json(0, text).unwrap();
        let tags = f.get("tags").unwrap();
        assert_eq!(&text[tags.key_span.clone()], "\"tags\"");
        let err = from_json(0, "{\n  \"title\": \n}").unwrap_err();
        assert_eq!(err.span.start, byte_offset("{\n  \"title\": \n}", 3, 1));
    }
}
