//! `press generate`: a complete synthetic content folder of N valid articles, for benchmarks
//! and scale tests. Deterministic: the same count and seed give the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use krasa_model::Date;

use crate::PressError;

/// The words of the old corpus (`--uniform-words`): a few dozen, each as likely as the next,
/// which makes every search index chunk the worst case no real archive has.
const UNIFORM_WORDS: &[&str] = &[
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

/// The most frequent words of the Zipf vocabulary, in order: English's function words lead
/// any real text.
const COMMON: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "on", "be", "by",
    "this", "are", "or", "from", "at", "an", "but", "not", "have", "which", "their", "more", "can",
    "will", "its", "has", "was", "they", "one", "all", "than", "new", "data", "model", "team",
    "system", "customer", "business", "time", "work", "tool", "policy",
];

/// Syllables the rest of the vocabulary is made of (pseudo-words: no text from elsewhere).
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tor", "va", "sel", "dun", "pa", "ri", "gon", "te", "bal", "cor",
    "fi", "mar", "nel", "os", "qua", "sti", "ul", "ven", "wis", "zer", "ab", "cle", "dra", "em",
    "fro", "gul", "hap", "in", "jo", "kel", "lum", "mon", "nor", "pel", "ras", "sun",
];

/// How many words the Zipf vocabulary holds.
const VOCABULARY: usize = 6_000;
/// Zipf's exponent: the word of rank r is drawn with a probability proportional to 1/r^s
/// (about 1 in English prose).
const ZIPF_EXPONENT: f64 = 1.07;
/// The share of a story's words drawn from its topics' words (its section's and tags').
const TOPIC_SHARE: u64 = 12; // percent
/// Words per topic, taken from the vocabulary's middle ranks.
const TOPIC_WORDS: usize = 60;

/// How the generated prose chooses its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Words {
    /// A vocabulary of several thousand words drawn by Zipf's law, each story leaning on
    /// the words of its section and tags, as real archives do.
    #[default]
    Zipf,
    /// The old corpus: a few dozen words, uniformly.
    Uniform,
}

/// The words a corpus is written in, and how often each is drawn.
struct Vocabulary {
    words: Vec<String>,
    /// Cumulative weights of `words` (Zipf), for drawing by binary search.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new(kind: Words) -> Vocabulary {
        let words: Vec<String> = match kind {
            Words::Uniform => UNIFORM_WORDS.iter().map(|w| w.to_string()).collect(),
            Words::Zipf => zipf_words(),
        };
        let weight = |rank: usize| match kind {
            Words::Uniform => 1.0,
            Words::Zipf => 1.0 / ((rank + 1) as f64).powf(ZIPF_EXPONENT),
        };
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += weight(r);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    /// A word drawn by its weight.
    fn draw(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    /// The words of a topic (a section or a tag): the same for the same name, from the
    /// vocabulary's middle ranks (frequent enough to matter, rare enough to tell stories
    /// apart).
    fn topic(&self, name: &str) -> Vec<&str> {
        if self.words.len() < 1_000 {
            return Vec::new();
        }
        let mut rng = Rng(name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        }) | 1);
        (0..TOPIC_WORDS)
            .map(|_| self.words[200 + rng.below(self.words.len() / 2)].as_str())
            .collect()
    }
}

/// [`COMMON`], then pseudo-words of two and three syllables up to [`VOCABULARY`] words,
/// in a fixed order.
fn zipf_words() -> Vec<String> {
    let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    let mut rng = Rng(0x0005_eed0_fa11_c0de);
    while words.len() < VOCABULARY {
        let n = 2 + rng.below(2);
        let w: String = (0..n)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// What a story's words are drawn from: the vocabulary, and its topics' words.
struct Writer<'v> {
    vocabulary: &'v Vocabulary,
    topic: Vec<&'v str>,
}

impl Writer<'_> {
    fn word(&self, rng: &mut Rng) -> &str {
        if !self.topic.is_empty() && rng.below(100) < TOPIC_SHARE as usize {
            return self.topic[rng.below(self.topic.len())];
        }
        self.vocabulary.draw(rng)
    }
}

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

fn sentence(writer: &Writer<'_>, rng: &mut Rng, out: &mut String, words: usize) {
    for i in 0..words {
        let w = writer.word(rng);
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
fn code_blocks(writer: &Writer<'_>, rng: &mut Rng, text: &mut String) {
    let word = |rng: &mut Rng| writer.word(rng).to_lowercase().replace(['\'', '-'], "_");
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
    /// How the prose chooses its words.
    pub words: Words,
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
    let vocabulary = Vocabulary::new(extras.words);
    let titles = Writer {
        vocabulary: &vocabulary,
        topic: Vec::new(),
    };
    // A long tail of tags beside the main topics, so tag pages look like a real archive.
    let extra_tags = (count / 40).max(10);
    for i in 0..count {
        let mut text = String::with_capacity(5_000);
        let title_words = 4 + rng.below(5);
        let mut title = String::new();
        sentence(&titles, &mut rng, &mut title, title_words);
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
        let category = CATEGORIES[rng.below(CATEGORIES.len())];
        // the story leans on its section's and its tags' words
        let writer = Writer {
            vocabulary: &vocabulary,
            topic: std::iter::once(category)
                .chain(tags.iter().map(String::as_str))
                .flat_map(|t| vocabulary.topic(t))
                .collect(),
        };
        let date = date_before(i * 1_500 / count.max(1));
        let tag_list = tags
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            text,
            "+++\ntitle = \"{title}\"\ndate = {date}\nauthor = \"Krasa News\"\ncategory = \"{category}\"\ntags = [{tag_list}]\n+++\n"
        );
        let sections = 3 + rng.below(3);
        for _ in 0..2 {
            for _ in 0..(3 + rng.below(3)) {
                let n = 8 + rng.below(12);
                sentence(&writer, &mut rng, &mut text, n);
            }
            text.push_str("\n\n");
        }
        for s in 0..sections {
            let mut h = String::new();
            let n = 2 + rng.below(3);
            sentence(&writer, &mut rng, &mut h, n);
            let _ = write!(
                text,
                "## {} {}\n\n",
                h.trim_end().trim_end_matches('.'),
                s + 1
            );
            for _ in 0..(2 + rng.below(2)) {
                for _ in 0..(3 + rng.below(3)) {
                    let n = 8 + rng.below(12);
                    sentence(&writer, &mut rng, &mut text, n);
                }
                text.push_str("\n\n");
            }
        }
        if extras.code_blocks {
            code_blocks(&writer, &mut rng, &mut text);
        }
        let path = articles.join(format!("generated-{:06}.md", i + 1));
        fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How often each word occurs in the prose of a generated corpus, most frequent first.
    fn frequencies(words: Words) -> (Vec<(String, usize)>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let extras = Extras {
            code_blocks: false,
            words,
        };
        generate_with(dir.path(), 200, 3, extras).unwrap();
        let mut counts: std::collections::HashMap<String, usize> = Default::default();
        for entry in fs::read_dir(dir.path().join("articles")).unwrap() {
            let text = fs::read_to_string(entry.unwrap().path()).unwrap();
            let body = text.rsplit("+++").next().unwrap();
            for w in body
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
            {
                *counts.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        let mut sorted: Vec<(String, usize)> = counts.into_iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        (sorted, dir)
    }

    #[test]
    fn prose_follows_zipfs_law_over_thousands_of_words() {
        let (zipf, _dir) = frequencies(Words::Zipf);
        assert!(zipf.len() > 3_000, "{} distinct words", zipf.len());
        assert_eq!(zipf[0].0, "the");
        // rank × frequency stays within a small factor (Zipf), from rank 10 to rank 500
        let product = |rank: usize| (rank + 1) * zipf[rank].1;
        let (a, b) = (product(10) as f64, product(500) as f64);
        assert!(a / b < 3.0 && b / a < 3.0, "rank 10: {a}, rank 500: {b}");
        let (uniform, _dir) = frequencies(Words::Uniform);
        assert!(uniform.len() < 60, "{} distinct words", uniform.len());
    }

    #[test]
    fn stories_lean_on_their_topics_words() {
        let vocabulary = Vocabulary::new(Words::Zipf);
        let policy = vocabulary.topic("AI Policy");
        assert_eq!(
            policy,
            vocabulary.topic("AI Policy"),
            "the same words every time"
        );
        assert_ne!(policy, vocabulary.topic("Marketing"));
        let writer = Writer {
            vocabulary: &vocabulary,
            topic: policy.clone(),
        };
        let mut rng = Rng(9);
        let drawn: Vec<&str> = (0..10_000).map(|_| writer.word(&mut rng)).collect();
        let on_topic = drawn.iter().filter(|w| policy.contains(w)).count();
        // 12 % from the topic, and a little more by chance
        assert!((1_100..2_000).contains(&on_topic), "{on_topic} of 10,000");
    }
}
