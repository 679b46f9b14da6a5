//! Code blocks at publish time: the fence's language and options read, the code highlighted
//! by syntect (with the grammars bat curates, from two-face) into **class names**, never
//! inline styles (the site's CSP allows no `'unsafe-inline'` styles; the colours are CSS
//! variables in `style/main.css`, for both themes). The app ships no highlighter: it only
//! copies the text of a block ([`CopyKind`]).
//!
//! A fence is written ```` ```<language> [title="file.py"] [hl="2,4-6"] [diff] [numbers] ````.
//! A `console` block is a shell session: lines starting with `$ ` are commands (highlighted
//! as shell, the prompt kept out of the copied text), the others their output.

use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::LazyLock;

use syntect::highlighting::{
    Color, HighlightState, Highlighter, RangedHighlightIterator, ScopeSelectors, StyleModifier,
    Theme, ThemeItem, ThemeSettings,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};

use krasa_model::escape_markup as esc;

/// The token kinds a block's spans are marked with, as their classes (`hl-<kind>`), and the
/// TextMate scopes each stands for (the most specific selector wins, as in an editor theme).
/// Kind 0 is plain text (no span).
const KINDS: &[(&str, &str)] = &[
    ("hl-c", "comment, punctuation.definition.comment"),
    ("hl-s", "string, punctuation.definition.string, constant.character.escape"),
    ("hl-n", "constant.numeric"),
    ("hl-k", "keyword, storage, keyword.control"),
    ("hl-t", "entity.name.type, entity.name.class, support.type, support.class, storage.type.primitive, entity.other.inherited-class"),
    ("hl-f", "entity.name.function, support.function, variable.function, meta.function-call.identifier"),
    ("hl-v", "constant.language, support.constant, constant.other, variable.language"),
    ("hl-a", "entity.other.attribute-name, support.type.property-name, meta.mapping.key string, entity.name.tag.yaml, meta.tag.key, keyword.other.definition.ini"),
    ("hl-g", "entity.name.tag, punctuation.definition.tag"),
    ("hl-i", "markup.inserted"),
    ("hl-d", "markup.deleted"),
    ("hl-h", "meta.diff.range, meta.diff.header, markup.heading, entity.name.section"),
];

/// Scopes shown as plain text although a broader selector above would colour them
/// (operators and punctuation stay the text colour: fewer colours read better).
const PLAIN: &str =
    "keyword.operator, punctuation.separator, punctuation.terminator, punctuation.accessor";

/// The classes of a block's spans (tokens, lines and their marks), for the sanitizer's
/// allow-list.
pub fn span_classes() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|(class, _)| *class).chain([
        "line",
        "hl",
        "ins",
        "del",
        "cmd",
        "out",
        "prompt",
        "diff-mark",
    ])
}

/// The languages a fence may name, by the words editors write, with the grammar each uses
/// (a syntect syntax name). `console` is a shell session; `text` is plain.
const LANGUAGES: &[(&[&str], &str)] = &[
    (&["bash", "sh", "shell", "zsh"], "Bourne Again Shell (bash)"),
    (&["console", "shell-session"], "Bourne Again Shell (bash)"),
    (&["python", "py"], "Python"),
    (&["javascript", "js", "mjs"], "JavaScript"),
    (&["typescript", "ts"], "TypeScript"),
    (&["json"], "JSON"),
    (&["yaml", "yml"], "YAML"),
    (&["toml"], "TOML"),
    (&["sql"], "SQL"),
    (&["html"], "HTML"),
    (&["css"], "CSS"),
    (&["rust", "rs"], "Rust"),
    (&["dockerfile", "docker"], "Dockerfile"),
    (&["diff", "patch"], "Diff"),
    (&["text", "plain", "txt"], ""),
];

/// Whether blocks are highlighted (`press build --plain-code` turns it off, to measure what
/// highlighting costs).
static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns highlighting on or off for this process.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether blocks are highlighted in this process.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

static THEME: LazyLock<Theme> = LazyLock::new(|| {
    let item = |selectors: &str, kind: usize| ThemeItem {
        // the selectors above are constants, checked by a unit test
        scope: ScopeSelectors::from_str(selectors).unwrap_or_default(),
        style: StyleModifier {
            foreground: Some(kind_color(kind)),
            background: None,
            font_style: None,
        },
    };
    let mut scopes: Vec<ThemeItem> = KINDS
        .iter()
        .enumerate()
        .map(|(i, (_, selectors))| item(selectors, i + 1))
        .collect();
    scopes.push(item(PLAIN, 0));
    Theme {
        settings: ThemeSettings {
            foreground: Some(kind_color(0)),
            ..ThemeSettings::default()
        },
        scopes,
        ..Theme::default()
    }
});

/// A token kind carried through syntect's theme as a colour (its red channel).
fn kind_color(kind: usize) -> Color {
    Color {
        r: kind as u8,
        g: 0,
        b: 0,
        a: 255,
    }
}

/// How a block's text is copied by its button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// The whole code.
    Code,
    /// A shell session: the commands only, without prompts or output.
    Commands,
}

/// What a fence asks for, read from its info string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    /// The word the editor wrote (`py`), if any.
    pub language: Option<String>,
    /// The grammar (a syntect syntax name); none for plain text.
    grammar: Option<&'static str>,
    console: bool,
    pub title: Option<String>,
    pub highlighted: Vec<RangeInclusive<usize>>,
    /// Lines start with `+`, `-` or a space: added, removed, unchanged.
    pub diff: bool,
    pub numbers: bool,
}

/// Why a fence cannot be read, for a press error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceError {
    pub message: String,
    pub found: String,
    pub expected: String,
}

fn language(word: &str) -> Option<(&'static str, bool)> {
    let word = word.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(names, _)| names.contains(&word.as_str()))
        .map(|(names, grammar)| (*grammar, names[0] == "console"))
}

/// Every word a fence may name, for suggestions and the docs.
pub fn language_words() -> Vec<&'static str> {
    LANGUAGES
        .iter()
        .flat_map(|(names, _)| names.iter().copied())
        .collect()
}

/// Splits an info string into words, keeping `key="quoted value"` together.
fn words(info: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in info.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn line_ranges(value: &str) -> Option<Vec<RangeInclusive<usize>>> {
    value
        .split(',')
        .map(|part| {
            let (a, b) = part
                .trim()
                .split_once('-')
                .unwrap_or((part.trim(), part.trim()));
            let (a, b) = (a.parse::<usize>().ok()?, b.parse::<usize>().ok()?);
            (a >= 1 && a <= b).then_some(a..=b)
        })
        .collect()
}

impl Fence {
    /// A block of plain text without options.
    pub fn plain() -> Fence {
        Fence {
            language: None,
            grammar: None,
            console: false,
            title: None,
            highlighted: Vec::new(),
            diff: false,
            numbers: false,
        }
    }

    /// Reads a fence's info string (`python title="a.py" hl="2-3"`; empty for plain text).
    pub fn parse(info: &str) -> Result<Fence, FenceError> {
        let mut fence = Fence::plain();
        let mut words = words(info).into_iter();
        if let Some(first) = words.next() {
            let first = first
                .trim_start_matches('{')
                .trim_end_matches('}')
                .to_string();
            let Some((grammar, console)) = language(&first) else {
                let hint = crate::diag::closest(&first, language_words().into_iter())
                    .map(|w| format!("did you mean `{w}`? "))
                    .unwrap_or_default();
                return Err(FenceError {
                    message: format!("unknown code language `{first}`"),
                    found: format!("{hint}no highlighting is known for `{first}`"),
                    expected: format!(
                        "one of: {} (or no language for plain text)",
                        language_words().join(", ")
                    ),
                });
            };
            fence.grammar = (!grammar.is_empty()).then_some(grammar);
            fence.console = console;
            fence.language = Some(first);
        }
        for word in words {
            let (key, value) = word.split_once('=').unwrap_or((word.as_str(), ""));
            match key {
                "title" if !value.trim().is_empty() => fence.title = Some(value.trim().into()),
                "hl" => match line_ranges(value) {
                    Some(ranges) => fence.highlighted = ranges,
                    None => {
                        return Err(FenceError {
                            message: "the highlighted lines are not line numbers".into(),
                            found: format!("hl=\"{value}\""),
                            expected: "line numbers from 1 and ranges, e.g. hl=\"2,4-6\"".into(),
                        })
                    }
                },
                "diff" => fence.diff = true,
                "numbers" => fence.numbers = true,
                _ => {
                    return Err(FenceError {
                        message: format!("unknown code block option `{word}`"),
                        found: "this is not an option of code blocks".into(),
                        expected: "title=\"file name\", hl=\"2,4-6\", diff or numbers".into(),
                    })
                }
            }
        }
        Ok(fence)
    }

    /// How the block's button copies it.
    pub fn copy_kind(&self) -> CopyKind {
        if self.console {
            CopyKind::Commands
        } else {
            CopyKind::Code
        }
    }

    fn syntax(&self) -> Option<&'static SyntaxReference> {
        if !ENABLED.load(Ordering::Relaxed) {
            return None;
        }
        self.grammar.and_then(|g| SYNTAXES.find_syntax_by_name(g))
    }

    /// The block as HTML: a `<figure class="code">` with the optional title, the copy button
    /// (shown once the app runs) and the highlighted lines, each a `<span class="line">`
    /// (`hl` for a highlighted line, `ins`/`del` for a diff's, `cmd`/`out` for a session's).
    pub fn render(&self, code: &str) -> String {
        let mut lines = Lines::new(self.syntax());
        let mut body = String::with_capacity(code.len() * 3);
        for (n, line) in code.lines().enumerate() {
            let mut classes = vec!["line"];
            if self.highlighted.iter().any(|r| r.contains(&(n + 1))) {
                classes.push("hl");
            }
            let mut text = line;
            let mut prefix = String::new();
            if self.diff {
                let (mark, rest) = split_diff_mark(line);
                classes.extend(mark);
                prefix = format!(
                    "<span class=\"diff-mark\" aria-hidden=\"true\">{}</span>",
                    esc(&line[..line.len() - rest.len()])
                );
                text = rest;
            }
            if self.console {
                match line.strip_prefix("$ ") {
                    Some(command) => {
                        classes.push("cmd");
                        prefix = "<span class=\"prompt\">$ </span>".into();
                        text = command;
                    }
                    None => classes.push("out"),
                }
            }
            let highlighted = if self.console && !classes.contains(&"cmd") {
                esc(text)
            } else {
                lines.highlight(text)
            };
            let _ = writeln!(
                body,
                "<span class=\"{}\">{prefix}{highlighted}</span>",
                classes.join(" ")
            );
        }
        let title = self
            .title
            .as_ref()
            .map(|t| format!("<figcaption class=\"code-title\">{}</figcaption>", esc(t)))
            .unwrap_or_default();
        let (label, copy) = match self.copy_kind() {
            CopyKind::Code => ("Copy code", "code"),
            CopyKind::Commands => ("Copy commands", "commands"),
        };
        let numbered = if self.numbers { " numbered" } else { "" };
        format!(
            "<figure class=\"code\">{title}<button type=\"button\" class=\"copy copy-{copy}\" aria-label=\"{label}\" data-pagefind-ignore=\"\">Copy</button><pre class=\"code-block{numbered}\" tabindex=\"0\"><code>{body}</code></pre></figure>\n"
        )
    }
}

/// A diff line's mark: `+` added, `-` removed, else unchanged (the mark and the line's rest).
fn split_diff_mark(line: &str) -> (Option<&'static str>, &str) {
    match line.chars().next() {
        Some('+') => (Some("ins"), &line[1..]),
        Some('-') => (Some("del"), &line[1..]),
        Some(' ') => (None, &line[1..]),
        _ => (None, line),
    }
}

/// Highlights a block line by line, keeping the grammar's state across lines.
struct Lines {
    state: Option<(ParseState, HighlightState)>,
    highlighter: Highlighter<'static>,
}

impl Lines {
    fn new(syntax: Option<&'static SyntaxReference>) -> Lines {
        let highlighter = Highlighter::new(&THEME);
        let state = syntax.map(|s| {
            let start = HighlightState::new(&highlighter, ScopeStack::new());
            (ParseState::new(s), start)
        });
        Lines { state, highlighter }
    }

    /// One line of code as escaped HTML with `hl-<kind>` spans.
    fn highlight(&mut self, line: &str) -> String {
        let Some((parse, highlight)) = self.state.as_mut() else {
            return esc(line);
        };
        let with_newline = format!("{line}\n");
        let Ok(ops) = parse.parse_line(&with_newline, &SYNTAXES) else {
            // a grammar that fails on a line leaves it plain, and starts over on the next
            return esc(line);
        };
        let mut out = String::with_capacity(line.len() * 2);
        let tokens =
            RangedHighlightIterator::new(highlight, &ops, &with_newline, &self.highlighter);
        // adjacent tokens of one kind become one span
        let mut run: (usize, String) = (0, String::new());
        let flush = |(kind, text): &mut (usize, String), out: &mut String| {
            if text.is_empty() {
                return;
            }
            match KINDS.get(kind.wrapping_sub(1)) {
                Some((class, _)) => {
                    let _ = write!(out, "<span class=\"{class}\">{}</span>", esc(text));
                }
                None => out.push_str(&esc(text)),
            }
            text.clear();
        };
        for (style, text, _) in tokens {
            let text = text.trim_end_matches('\n');
            let kind = style.foreground.r as usize;
            if kind != run.0 {
                flush(&mut run, &mut out);
                run.0 = kind;
            }
            run.1.push_str(text);
        }
        flush(&mut run, &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_parses_and_every_language_has_its_grammar() {
        for (_, selectors) in KINDS.iter().chain([&("", PLAIN)]) {
            assert!(ScopeSelectors::from_str(selectors).is_ok(), "{selectors}");
        }
        for (names, grammar) in LANGUAGES {
            if !grammar.is_empty() {
                assert!(
                    SYNTAXES.find_syntax_by_name(grammar).is_some(),
                    "{names:?}: no grammar {grammar}"
                );
            }
        }
    }

    /// A short sample of every language tutorials use.
    const SAMPLES: &[(&str, &str)] = &[
        ("bash", "for f in *.csv; do\n  echo \"$f\"  # each file\ndone\n"),
        ("console", "$ python -m venv .venv\n$ pip install fastapi\nSuccessfully installed fastapi-0.115.0\n"),
        ("python", "def answer(q: str) -> str:\n    \"\"\"Find it.\"\"\"\n    return index.search(q, limit=3)  # top three\n"),
        ("javascript", "const res = await fetch(`/ask?q=${q}`);\nconsole.log(res.ok, 42);\n"),
        ("typescript", "interface Ticket { id: number; text: string }\nexport function tag(t: Ticket): string { return \"billing\"; }\n"),
        ("json", "{\"answer\": \"Yes\", \"score\": 0.92, \"sources\": [true, null]}\n"),
        ("yaml", "model: llama3\nlimits:\n  tokens: 512 # per answer\n"),
        ("toml", "[server]\nport = 8080\nname = \"qa\"\n"),
        ("sql", "SELECT id, title FROM documents WHERE added > '2026-01-01' ORDER BY id;\n"),
        ("html", "<button type=\"submit\" class=\"ask\">Ask</button>\n"),
        ("css", ".ask { color: #0a57a4; margin: 0 1rem; }\n"),
        ("rust", "fn main() {\n    let n: u32 = 3; // parts\n    println!(\"{n}\");\n}\n"),
        ("dockerfile", "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r requirements.txt\nCMD [\"uvicorn\", \"app:api\"]\n"),
        ("diff", "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n-limit = 3\n+limit = 5\n"),
        ("text", "Plain <text> stays plain.\n"),
    ];

    #[test]
    fn every_language_tutorials_use_is_highlighted() {
        for (language, code) in SAMPLES {
            let html = Fence::parse(language).unwrap().render(code);
            if *language != "text" {
                assert!(html.contains("<span class=\"hl-"), "{language}: {html}");
            }
            insta::assert_snapshot!(format!("highlight_{language}"), html);
        }
        let covered: Vec<&str> = SAMPLES.iter().map(|(l, _)| *l).collect();
        for (names, _) in LANGUAGES {
            assert!(
                names.iter().any(|n| covered.contains(n)),
                "no sample for {names:?}"
            );
        }
    }

    #[test]
    fn fence_options_are_read() {
        let f = Fence::parse("py title=\"train model.py\" hl=\"2,4-5\" numbers").unwrap();
        assert_eq!(f.language.as_deref(), Some("py"));
        assert_eq!(f.title.as_deref(), Some("train model.py"));
        assert_eq!(f.highlighted, vec![2..=2, 4..=5]);
        assert!(f.numbers && !f.diff);
        assert_eq!(Fence::parse("").unwrap().language, None);
        let e = Fence::parse("pyhton").unwrap_err();
        assert!(e.found.contains("did you mean `python`?"), "{e:?}");
        assert!(Fence::parse("rust hl=\"0\"").is_err());
        assert!(Fence::parse("rust hl=\"3-2\"").is_err());
        assert!(Fence::parse("rust wrap").is_err());
    }

    #[test]
    fn code_is_escaped_and_marked_with_classes_not_styles() {
        let html = Fence::parse("rust")
            .unwrap()
            .render("fn main() { let x = \"<b>\"; } // hi\n");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<span class=\"hl-k\">fn</span>"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(html.contains("<span class=\"hl-c\">"), "{html}");
    }

    #[test]
    fn a_console_block_marks_commands_and_output() {
        let html = Fence::parse("console")
            .unwrap()
            .render("$ pip install torch\nCollecting torch\n");
        assert!(
            html.contains("<span class=\"line cmd\"><span class=\"prompt\">$ </span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"line out\">Collecting torch</span>"),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Copy commands\""), "{html}");
    }

    #[test]
    fn a_diff_block_marks_added_and_removed_lines() {
        let html = Fence::parse("python diff hl=\"1\"")
            .unwrap()
            .render("-x = 1\n+x = 2\n y = 3\n");
        assert!(html.contains("<span class=\"line hl del\">"), "{html}");
        assert!(html.contains("<span class=\"line ins\">"), "{html}");
        assert!(
            html.contains("<span class=\"diff-mark\" aria-hidden=\"true\">+</span>"),
            "{html}"
        );
    }
}
