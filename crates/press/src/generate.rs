//! `press generate`: a complete synthetic content folder of N valid articles, for benchmarks
//! and scale tests. Deterministic: the same count and seed give the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use krasa_model::Date;

use crate::PressError;

const WORDS: &[&str] = &[
    "model",
    "data",
    "policy",
    "market",
    "team",
    "customer",
    "risk",
    "system",
    "training",
    "budget",
    "support",
    "pipeline",
    "privacy",
    "vendor",
    "workflow",
    "analysis",
    "report",
    "summit",
    "regulator",
    "startup",
    "invoice",
    "prompt",
    "benchmark",
    "agent",
    "review",
    "quarter",
    "growth",
    "energy",
    "chip",
    "network",
    "small",
    "large",
    "open",
    "secure",
    "rapid",
    "careful",
    "new",
    "local",
    "global",
    "shared",
    "the",
    "a",
    "and",
    "with",
    "for",
    "of",
    "to",
    "in",
    "on",
    "while",
    "because",
    "after",
    "before",
    "every",
    "most",
    "few",
];

const TOPICS: &[&str] = &[
    "AI",
    "AI Policy",
    "Automation",
    "Small Business",
    "Prompt Engineering",
    "Data Privacy",
    "Customer Service",
    "Marketing",
    "Open Source",
    "Regulation",
    "Productivity",
    "Machine Learning",
    "AI Safety",
    "Geopolitics",
    "US-China",
];

/// The sections (site.toml's) the generated stories are spread over.
const CATEGORIES: &[&str] = &["News", "Analysis", "Tutorials"];

const SITE_TOML: &str = r#"title = "Krasa News (synthetic)"
tagline = "Generated articles for benchmarks"
base_url = "https://news.example.com/"
language = "en"
page_size = 10
default_author = "Krasa News"

[[sections]]
name = "News"
description = "What happened in AI this week."

[[sections]]
name = "Analysis"
description = "What the news means for businesses."

[[sections]]
name = "Tutorials"
description = "Free step-by-step guides."
"#;

const AUTHORS_TOML: &str = r#"[[authors]]
name = "Krasa News"
bio = "The newsroom's generated stories."
"#;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, out: &mut String, words: usize) {
    for i in 0..words {
        let w = WORDS[rng.below(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

/// A Python block of 8 to 15 lines and a short shell session, from the corpus's words.
fn code_blocks(rng: &mut Rng, text: &mut String) {
    let word = |rng: &mut Rng| {
        WORDS[rng.below(WORDS.len())]
            .to_lowercase()
            .replace(['\'', '-'], "_")
    };
    let name = word(rng);
    let _ = writeln!(text, "## Code\n\n```python\ndef {name}(items, limit=10):\n    \"\"\"Return the {} items.\"\"\"\n    result = []", word(rng));
    for n in 0..(4 + rng.below(8)) {
        let _ = writeln!(
            text,
            "    result.append(\"{}\" * {n})  # {}",
            word(rng),
            word(rng)
        );
    }
    let _ = writeln!(text, "    return result[:limit]\n```\n\n```console\n$ pip install {name}\nInstalled {name} 1.{}.0\n$ python -m {name} --limit 5\n```\n", rng.below(9));
}

/// The date `n` days before 2026-05-31 (articles spread over the years before it).
fn date_before(n: usize) -> Date {
    let last = Date {
        year: 2026,
        month: 5,
        day: 31,
    };
    crate::today::days_before(last, n as i64).unwrap_or(Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// What a generated corpus holds besides prose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extras {
    /// Each story ends with a Python block and a shell session (for the highlighting
    /// benchmark).
    pub code_blocks: bool,
}

/// Writes `<out>/site.toml`, `<out>/authors.toml` and `<out>/articles/*.md` for `count`
/// articles of prose.
pub fn generate(out: &Path, count: usize, seed: u64) -> Result<(), PressError> {
    generate_with(out, count, seed, Extras::default())
}

/// [`generate`], with `extras`.
pub fn generate_with(
    out: &Path,
    count: usize,
    seed: u64,
    extras: Extras,
) -> Result<(), PressError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PressError::Io { path, source }
    };
    let articles = out.join("articles");
    if articles.exists() {
        fs::remove_dir_all(&articles).map_err(io(&articles))?;
    }
    fs::create_dir_all(&articles).map_err(io(&articles))?;
    fs::write(out.join("site.toml"), SITE_TOML).map_err(io(&out.join("site.toml")))?;
    let authors_file = out.join(crate::load::AUTHORS_FILE);
    fs::write(&authors_file, AUTHORS_TOML).map_err(io(&authors_file))?;

    let mut rng = Rng(seed.max(1));
    // A long tail of tags beside the main topics, so tag pages look like a real archive.
    let extra_tags = (count / 40).max(10);
    for i in 0..count {
        let mut text = String::with_capacity(5_000);
        let title_words = 4 + rng.below(5);
        let mut title = String::new();
        sentence(&mut rng, &mut title, title_words);
        let title = format!("{} {}", title.trim_end().trim_end_matches('.'), i + 1);
        let ntags = 2 + rng.below(3);
        let mut tags: Vec<String> = Vec::new();
        while tags.len() < ntags {
            let t = if rng.below(3) == 0 {
                format!("Topic {}", rng.below(extra_tags) + 1)
            } else {
                TOPICS[rng.below(TOPICS.len())].to_string()
            };
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let date = date_before(i * 1_500 / count.max(1));
        let tag_list = tags
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            text,
            "+++\ntitle = \"{title}\"\ndate = {date}\nauthor = \"Krasa News\"\ncategory = \"{}\"\ntags = [{tag_list}]\n+++\n",
            CATEGORIES[rng.below(CATEGORIES.len())]
        );
        let sections = 3 + rng.below(3);
        for _ in 0..2 {
            for _ in 0..(3 + rng.below(3)) {
                let n = 8 + rng.below(12);
                sentence(&mut rng, &mut text, n);
            }
            text.push_str("\n\n");
        }
        for s in 0..sections {
            let mut h = String::new();
            let n = 2 + rng.below(3);
            sentence(&mut rng, &mut h, n);
            let _ = write!(
                text,
                "## {} {}\n\n",
                h.trim_end().trim_end_matches('.'),
                s + 1
            );
            for _ in 0..(2 + rng.below(2)) {
                for _ in 0..(3 + rng.below(3)) {
                    let n = 8 + rng.below(12);
                    sentence(&mut rng, &mut text, n);
                }
                text.push_str("\n\n");
            }
        }
        if extras.code_blocks {
            code_blocks(&mut rng, &mut text);
        }
        let path = articles.join(format!("generated-{:06}.md", i + 1));
        fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(())
}
