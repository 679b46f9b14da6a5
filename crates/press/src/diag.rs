//! Diagnostics: every problem found in a run, each tied to a file, a byte span (hence a line)
//! and, where it applies, the front-matter field. Rendered rustc-style by codespan-reporting.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in the content.
#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    pub file: usize,
    pub span: Range<usize>,
    /// The front-matter field (or JSON key) concerned, if any.
    pub field: Option<Box<str>>,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What was found, shown under the source line.
    pub found: Box<str>,
    /// What would be accepted instead.
    pub expected: Option<Box<str>>,
}

/// The source files of a run and the problems found in them.
#[derive(Default)]
pub struct Report {
    files: SimpleFiles<String, String>,
    problems: Vec<Problem>,
}

/// Where a problem is, for plain listings and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a source file and returns its id.
    pub fn add_file(&mut self, path: impl Into<String>, text: impl Into<String>) -> usize {
        self.files.add(path.into(), text.into())
    }

    pub fn source(&self, file: usize) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    pub fn path(&self, file: usize) -> &str {
        self.files
            .get(file)
            .map(|f| f.name().as_str())
            .unwrap_or("?")
    }

    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Number of distinct files with at least one error.
    pub fn files_with_errors(&self) -> usize {
        let mut ids: Vec<usize> = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.file)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    pub fn location(&self, p: &Problem) -> Location {
        let (line, column) = match self.files.location(p.file, p.span.start) {
            Ok(loc) => (loc.line_number, loc.column_number),
            Err(_) => (1, 1),
        };
        Location {
            path: self.path(p.file).to_string(),
            line,
            column,
        }
    }

    /// Sorts problems by file, then position, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.problems.sort_by_key(|p| (p.file, p.span.start));
    }

    /// Renders every problem, rustc-style. `color` adds ANSI colours for terminals.
    pub fn render(&self, color: bool) -> String {
        let mut buf = if color {
            termcolor::Buffer::ansi()
        } else {
            termcolor::Buffer::no_color()
        };
        let config = term::Config::default();
        for p in &self.problems {
            let d = self.to_diagnostic(p);
            // Rendering into memory only fails on a bad span, which we clamp below.
            let _ = term::emit_to_write_style(&mut buf, &config, &self.files, &d);
        }
        String::from_utf8_lossy(buf.as_slice()).into_owned()
    }

    /// One line per problem: `path:line:column: error: [field] message`.
    pub fn render_short(&self) -> String {
        let mut out = String::new();
        for p in &self.problems {
            let loc = self.location(p);
            let sev = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let field = p
                .field
                .as_deref()
                .map(|f| format!("field `{f}`: "))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}:{}:{}: {sev}: {field}{}",
                loc.path, loc.line, loc.column, p.message
            ));
            if !p.found.is_empty() {
                out.push_str(&format!(": {}", p.found));
            }
            if let Some(e) = &p.expected {
                out.push_str(&format!(" (expected {e})"));
            }
            out.push('\n');
        }
        out
    }

    fn to_diagnostic(&self, p: &Problem) -> Diagnostic<usize> {
        let len = self.source(p.file).len();
        let start = p.span.start.min(len);
        let end = p.span.end.clamp(start, len);
        let d = match p.severity {
            Severity::Error => Diagnostic::error(),
            Severity::Warning => Diagnostic::warning(),
        };
        let message = match &p.field {
            Some(f) => format!("field `{f}`: {}", p.message),
            None => p.message.clone(),
        };
        let mut notes = Vec::new();
        if let Some(e) = &p.expected {
            notes.push(format!("expected: {e}"));
        }
        d.with_message(message)
            .with_labels(vec![
                Label::primary(p.file, start..end).with_message(p.found.to_string())
            ])
            .with_notes(notes)
    }
}

/// Builder shorthand used by the stages.
pub fn error(file: usize, span: Range<usize>, message: impl Into<String>) -> Problem {
    Problem {
        severity: Severity::Error,
        file,
        span,
        field: None,
        message: message.into(),
        found: Box::from(""),
        expected: None,
    }
}

pub fn warning(file: usize, span: Range<usize>, message: impl Into<String>) -> Problem {
    Problem {
        severity: Severity::Warning,
        ..error(file, span, message)
    }
}

impl Problem {
    pub fn field(mut self, f: impl Into<String>) -> Self {
        self.field = Some(f.into().into_boxed_str());
        self
    }
    pub fn found(mut self, f: impl Into<String>) -> Self {
        self.found = f.into().into_boxed_str();
        self
    }
    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into().into_boxed_str());
        self
    }
}

/// The closest of `candidates` to `word` (a typo or a different case), if one is close.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&c.to_lowercase(), &word), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}
