//! press on whole content folders: the sample content, broken corpora, the CLI contract.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use krasa_model::{Article, Date, ListPage, Resolved, Route, Site, TagIndex};
use press::Selection;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sel() -> Selection {
    Selection {
        include_drafts: false,
        include_future: false,
        today: Date::new(2026, 11, 27).unwrap(),
        public_url: None,
    }
}

fn read<T: serde::de::DeserializeOwned>(dir: &Path, rel: &str) -> T {
    let text = fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const SITE: &str = r#"title = "Test News"
tagline = "Tests"
base_url = "https://example.com/"
page_size = 2
default_author = "Desk"

[[sections]]
name = "News"
description = "What happened."

[[sections]]
name = "Analysis"
description = "What it means."
"#;

const AUTHORS: &str = r#"[[authors]]
name = "Desk"
bio = "The newsroom."

[[authors]]
name = "Ann Lee"
slug = "ann"
role = "Reporter"
bio = "Ann covers chips."
links = [{ label = "Website", url = "https://ann.example/" }]
"#;

/// A content folder with the given articles (file name → text).
fn content(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), SITE).unwrap();
    fs::write(dir.path().join("authors.toml"), AUTHORS).unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    for (name, text) in files {
        fs::write(dir.path().join("articles").join(name), text).unwrap();
    }
    dir
}

fn article(title: &str, date: &str, tags: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"Analysis\"\ntags = [{tags}]\n+++\n{body}")
}

/// An article with its own front-matter lines (`category`, `author`, `updated`,
/// `[[corrections]]` last, as TOML wants tables).
fn story(title: &str, date: &str, front: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\ntags = [\"AI\"]\n{front}\n+++\n{body}")
}

fn press(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_press"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout),
    )
}

#[test]
fn the_sample_content_builds_into_the_published_format() {
    let out = tempfile::tempdir().unwrap();
    let data = out.path().join("data");
    let checked = press::build(&repo().join("content"), &data, None, &sel(), None).unwrap();
    assert!(
        !checked.report.has_errors(),
        "{}",
        checked.report.render(false)
    );
    assert_eq!(
        checked.report.warning_count(),
        0,
        "{}",
        checked.report.render(false)
    );

    let site: Site = read(&data, "site.json");
    assert_eq!(site.title, "Krasa News");
    assert_eq!(site.page_size, 10);
    // the header's links: each the canonical address of a page
    let nav: Vec<(&str, Resolved)> = site
        .nav
        .iter()
        .map(|l| (l.label.as_str(), Route::resolve(&l.path)))
        .collect();
    assert_eq!(
        nav,
        [
            ("Latest", Resolved::Page(Route::HOME)),
            ("News", Resolved::Page(Route::section("news"))),
            ("Analysis", Resolved::Page(Route::section("analysis"))),
            ("Tutorials", Resolved::Page(Route::section("tutorials"))),
            ("Tags", Resolved::Page(Route::Tags))
        ]
    );

    // the page list the prerenderer renders: every page once, each a canonical address
    let list: krasa_model::PageList = read(&data, "pages.json");
    let routes: Vec<Resolved> = list.pages.iter().map(|p| Route::resolve(p)).collect();
    assert!(routes.iter().all(|r| matches!(r, Resolved::Page(_))));
    let unique: std::collections::HashSet<&String> = list.pages.iter().collect();
    assert_eq!(unique.len(), list.pages.len(), "no page twice");
    for page in [
        "/",
        "/tags/",
        "/search/",
        "/tags/ai-policy/",
        "/tutorials/",
        "/authors/mira-kovac/",
    ] {
        assert!(list.pages.iter().any(|p| p == page), "{page} is listed");
    }

    let feed: ListPage = read(&data, "feed/latest.json");
    let total = feed
        .total_items
        .expect("the latest page counts the stories");
    assert!(total >= 24, "at least 24 sample articles");
    assert_eq!(feed.items.len(), 10);
    assert!(
        feed.items.windows(2).all(|w| w[0].date >= w[1].date),
        "newest first"
    );
    // archive pages count from the oldest; the last holds the newest few
    let pages = total.div_ceil(10);
    let oldest: ListPage = read(&data, "feed/1.json");
    assert_eq!(oldest.items.len(), 10);
    assert_eq!(oldest.total_items, None, "archive pages carry no totals");
    let newest: ListPage = read(&data, &format!("feed/{pages}.json"));
    assert_eq!(newest.items.len() as u32, total - (pages - 1) * 10);
    assert_eq!(newest.items[0], feed.items[0]);
    assert!(oldest.items[0].date <= newest.items.last().unwrap().date);
    assert!(!data.join(format!("feed/{}.json", pages + 1)).exists());

    let tags: TagIndex = read(&data, "tags.json");
    assert!(tags.tags.len() >= 8, "at least 8 tags");
    assert!(
        tags.tags.windows(2).all(|w| w[0].count >= w[1].count),
        "most used first"
    );
    for t in &tags.tags {
        let page: ListPage = read(&data, &format!("tags/{}/latest.json", t.slug));
        assert_eq!(page.total_items, Some(t.count));
        assert_eq!(
            page.tag.as_ref().map(|x| x.slug.as_str()),
            Some(t.slug.as_str())
        );
        assert!(page
            .items
            .iter()
            .all(|s| s.tags.iter().any(|x| x.slug == t.slug)));
    }

    // The reference article, as on the seed page.
    let a: Article = read(&data, "articles/us-china-ai-risk-talks-beijing-summit.json");
    assert_eq!(a.summary.category, "News");
    assert_eq!(a.summary.section, "news");
    assert_eq!(a.author_profile.name, "Krasa News");
    assert_eq!(a.summary.date, "2026-05-08");
    assert_eq!(
        a.summary.reading_minutes, 5,
        "{} words",
        a.summary.word_count
    );
    let ids: Vec<_> = a.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "why-it-matters",
            "what-the-talks-would-cover",
            "the-strategic-backdrop",
            "what-experts-say",
            "what-is-really-on-the-table"
        ]
    );
    let tag_slugs: Vec<_> = a.summary.tags.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(
        tag_slugs,
        ["ai", "ai-policy", "us-china", "geopolitics", "ai-safety"]
    );
    assert_eq!(a.related.len(), 3);
    assert!(a.related.iter().all(|r| r.slug != a.summary.slug));
    assert!(a.body_html.contains("<h2 id=\"why-it-matters\">"));

    // Sample content stays within the agreed shape.
    let mut categories = std::collections::BTreeSet::new();
    let mut months = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let p: ListPage = read(&data, &format!("feed/{page}.json"));
        for s in p.items {
            assert!(
                (300..=1200).contains(&s.word_count),
                "{}: {} words",
                s.slug,
                s.word_count
            );
            let full: Article = read(&data, &format!("articles/{}.json", s.slug));
            assert!(
                full.headings.iter().any(|h| h.level == 2),
                "{} has section headings",
                s.slug
            );
            categories.insert(s.category.clone());
            months.insert(s.date[..7].to_string());
        }
    }
    assert!(categories.len() >= 3, "{categories:?}");
    assert!(months.len() >= 3, "{months:?}");

    // every section and author has its pages; each holds exactly its own stories
    let mut in_sections = 0;
    for section in ["news", "analysis", "tutorials"] {
        let page: ListPage = read(&data, &format!("sections/{section}/latest.json"));
        let about = page.section.expect("a section page names its section");
        assert_eq!(about.slug, section);
        assert!(!about.description.is_empty());
        assert!(page.items.iter().all(|s| s.section == section));
        in_sections += page.total_items.unwrap();
    }
    assert_eq!(in_sections, total, "every story is in one section");
    let mut by_authors = 0;
    for author in [
        "krasa-news",
        "mira-kovac",
        "aisha-bello",
        "jonah-reyes",
        "tomas-lind",
    ] {
        let page: ListPage = read(&data, &format!("authors/{author}/latest.json"));
        let about = page.author.expect("an author page names its author");
        assert_eq!(about.slug, author);
        assert!(!about.bio.is_empty());
        assert!(page.items.iter().all(|s| s.author_slug == author));
        by_authors += page.total_items.unwrap();
    }
    assert_eq!(by_authors, total, "every story has one of the five authors");
    // a few stories were updated or corrected
    let corrected: Article = read(
        &data,
        "articles/eu-ai-act-august-deadline-companies-prepare.json",
    );
    assert_eq!(corrected.corrections.len(), 1);
    assert_eq!(corrected.summary.updated.as_deref(), Some("2026-05-20"));
}

#[test]
fn every_problem_is_reported_at_once_with_file_line_and_field() {
    let dir = content(&[
        ("good.md", &article("Good", "2026-05-01", "\"AI\"", "Body text.\n")),
        ("typo.md", "+++\ntitel = \"Oops\"\ndate = 2026-05-01\ncategory = \"Analysis\"\ntags = [\"AI\"]\n+++\nBody\n"),
        ("bad-date.md", &article("Bad date", "2026-02-30", "\"AI\"", "Body\n")),
        ("empty.md", &article("Empty", "2026-05-01", "\"AI\"", "\n")),
        ("spelling.md", &article("Spelling", "2026-05-02", "\"ai\"", "Body\n")),
        ("Bad_Name.md", &article("Name", "2026-05-02", "\"AI\"", "Body\n")),
        ("links.md", &article("Links", "2026-05-03", "\"AI\"", "See [gone](/articles/missing-story).\n\n![](chart.png)\n")),
        ("broken.md", "+++\ntitle = \"Unclosed\ndate = 2026-05-01\n+++\nBody\n"),
        ("nofm.md", "Just text\n"),
        ("good.json", "{\"title\": \"Dup\", \"date\": \"2026-05-01\", \"category\": \"News\", \"tags\": [\"AI\"], \"body\": \"Text\"}"),
        ("badjson.json", "{\"title\": \"x\",\n  \"date\": }"),
        ("img.md", "+++\ntitle = \"Img\"\ndate = 2026-05-01\ncategory = \"Analysis\"\ntags = [\"AI\"]\nimage = \"a.png\"\n+++\nBody\n"),
        ("types.md", "+++\ntitle = 5\ndate = \"May 1\"\ncategory = \"\"\ntags = \"AI\"\ndraft = \"no\"\n+++\nBody\n"),
    ]);
    let checked = press::check(dir.path(), &sel(), None).unwrap();
    let r = &checked.report;
    assert!(checked.output.is_none());
    let short = r.render_short();
    let expect = |file: &str, line: usize, needle: &str| {
        let hit = short
            .lines()
            .any(|l| l.contains(&format!("{file}:{line}:")) && l.contains(needle));
        assert!(hit, "expected `{file}:{line}` with `{needle}` in:\n{short}");
    };
    expect("typo.md", 2, "unknown field `titel`");
    expect("typo.md", 1, "missing required field `title`");
    expect("bad-date.md", 3, "field `date`: `date` is not a valid date");
    expect("empty.md", 6, "no body");
    expect("spelling.md", 5, "spelled differently");
    expect("Bad_Name.md", 1, "field `slug`");
    expect("links.md", 7, "link to article `missing-story`");
    expect("links.md", 9, "image without alt text");
    expect("broken.md", 2, "not valid TOML");
    expect("spelling.md", 5, "\"AI\" in ");
    expect("nofm.md", 1, "missing front matter");
    expect("good.md", 1, "duplicate slug `good`");
    expect("good.md", 1, "good.json has the same name");
    expect("badjson.json", 2, "not a valid JSON object");
    expect("img.md", 6, "field `image_alt`: image without alt text");
    expect("types.md", 2, "`title` must be a string");
    expect("types.md", 3, "`date` is not a valid date");
    expect("types.md", 4, "`category` is empty");
    expect("types.md", 5, "`tags` must be an array");
    expect("types.md", 6, "`draft` must be true or false");
    // The readable report shows the source line and what was expected.
    let full = r.render(false);
    assert!(full.contains("did you mean `title`?"), "{full}");
    assert!(
        full.contains("expected: a calendar date written as YYYY-MM-DD"),
        "{full}"
    );
    assert!(full.contains("│ date = 2026-02-30"), "{full}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let dir = content(&[(
        "one.md",
        &article("One", "2026-05-01", "\"AI\"", "Body one.\n"),
    )]);
    let out = tempfile::tempdir().unwrap();
    let data = out.path().join("data");
    let (ok, log) = press(&[
        "build",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        data.to_str().unwrap(),
        "--today",
        "2026-11-27",
    ]);
    assert!(ok, "{log}");
    assert!(log.contains("built 1 articles"), "{log}");
    let before = fs::read(data.join("articles/one.json")).unwrap();

    fs::write(
        dir.path().join("articles/two.md"),
        "+++\ntitle = \"Two\"\n+++\nBody\n",
    )
    .unwrap();
    let (ok, log) = press(&[
        "build",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        data.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(log.contains("two.md:"), "{log}");
    assert!(log.contains("nothing was written"), "{log}");
    assert_eq!(fs::read(data.join("articles/one.json")).unwrap(), before);
    assert!(!data.join("articles/two.json").exists());
    let entries: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 1, "no temporary folders left: {entries:?}");
}

#[test]
fn drafts_and_future_articles_are_left_out_unless_asked_for() {
    let dir = content(&[
        ("live.md", &article("Live", "2026-05-01", "\"AI\"", "Body.\n")),
        ("draft.md", "+++\ntitle = \"Draft\"\ndate = 2026-05-01\ncategory = \"News\"\ntags = [\"AI\"]\ndraft = true\n+++\nBody\n"),
        ("future.md", &article("Future", "2027-01-01", "\"AI\"", "Body.\n")),
    ]);
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let o = c.output.unwrap();
    assert_eq!(o.stats.articles, 1);
    assert_eq!((o.stats.drafts_skipped, o.stats.future_skipped), (1, 1));
    assert!(!c
        .files
        .data
        .iter()
        .any(|(p, _)| p.contains("draft") || p.contains("future")));

    let all = Selection {
        include_drafts: true,
        include_future: true,
        ..sel()
    };
    let o = press::check(dir.path(), &all, None)
        .unwrap()
        .output
        .unwrap();
    assert_eq!(o.stats.articles, 3);
}

#[test]
fn links_to_drafts_are_errors_and_json_articles_work() {
    let dir = content(&[
        ("a.md", &article("A", "2026-05-01", "\"AI\", \"Policy\"", "Read [b](/articles/b) and [d](/articles/d).\n")),
        ("b.json", "{\"title\": \"B\", \"date\": \"2026-05-02\", \"author\": \"Ann Lee\", \"category\": \"News\", \"tags\": [\"AI\"], \"summary\": \"From JSON.\", \"body\": \"## Part\\n\\nText from another system.\"}"),
        ("d.md", "+++\ntitle = \"D\"\ndate = 2026-05-01\ncategory = \"News\"\ntags = [\"AI\"]\ndraft = true\n+++\nBody\n"),
    ]);
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let short = c.report.render_short();
    assert_eq!(c.report.error_count(), 1, "{short}");
    assert!(
        short.contains("a.md:7:") && short.contains("draft"),
        "{short}"
    );

    fs::remove_file(dir.path().join("articles/d.md")).unwrap();
    fs::write(
        dir.path().join("articles/a.md"),
        article(
            "A",
            "2026-05-01",
            "\"AI\", \"Policy\"",
            "Read [b](/articles/b).\n",
        ),
    )
    .unwrap();
    let c = press::check(dir.path(), &sel(), None).unwrap();
    assert!(c.output.is_some(), "valid");
    let b = c
        .files
        .data
        .iter()
        .find(|(p, _)| p == "articles/b.json")
        .unwrap();
    let b: Article = serde_json::from_slice(&b.1).unwrap();
    assert_eq!(b.summary.author, "Ann Lee");
    assert_eq!(b.summary.excerpt, "From JSON.");
    assert_eq!(b.headings[0].id, "part");
    let a = c
        .files
        .data
        .iter()
        .find(|(p, _)| p == "articles/a.json")
        .unwrap();
    let a: Article = serde_json::from_slice(&a.1).unwrap();
    assert_eq!(a.summary.author, "Desk", "default author from site.toml");
    assert!(
        a.body_html.contains("href=\"articles/b/\""),
        "{}",
        a.body_html
    );
}

#[test]
fn press_new_creates_an_article_that_checks() {
    let dir = content(&[]);
    let c = dir.path().to_str().unwrap();
    let (ok, log) = press(&[
        "new",
        "Why Small Firms Adopt AI",
        "--content",
        c,
        "--tags",
        "AI,Small Business",
    ]);
    assert!(ok, "{log}");
    let path = dir.path().join("articles/why-small-firms-adopt-ai.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("title = \"Why Small Firms Adopt AI\""));
    assert!(text.contains("tags = [\"AI\", \"Small Business\"]"));
    let (ok, log) = press(&["check", "--content", c, "--drafts"]);
    assert!(ok, "{log}");
    let (ok, log) = press(&["new", "Why Small Firms Adopt AI", "--content", c]);
    assert!(!ok && log.contains("already exists"), "{log}");
}

#[test]
fn generated_corpora_build_and_first_pages_do_not_grow_with_the_archive() {
    let sizes: Vec<(usize, usize, usize)> = [30usize, 600]
        .iter()
        .map(|&n| {
            let dir = tempfile::tempdir().unwrap();
            press::generate::generate(dir.path(), n, 7).unwrap();
            let c = press::check(dir.path(), &sel(), None).unwrap();
            assert!(!c.report.has_errors(), "{}", c.report.render_short());
            let o = c.output.unwrap();
            assert_eq!(o.stats.articles, n);
            let size = |name: &str| {
                c.files
                    .data
                    .iter()
                    .find(|(p, _)| p == name)
                    .map(|f| f.1.len())
                    .unwrap()
            };
            (n, size("feed/1.json"), size("site.json"))
        })
        .collect();
    let (small, large) = (sizes[0].1 as f64, sizes[1].1 as f64);
    assert!(
        (large / small - 1.0).abs() < 0.10,
        "first feed page: {sizes:?}"
    );
}

#[test]
fn the_committed_json_schemas_match_the_types() {
    for (name, text) in press::schema::schemas() {
        let path = repo().join("docs/schema").join(name);
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed,
            text,
            "{} is stale: run `cargo run -p krasa-press -- schema`",
            path.display()
        );
    }
}

#[test]
fn press_never_panics_on_mangled_input() {
    let good = fs::read_to_string(
        repo().join("content/articles/us-china-ai-risk-talks-beijing-summit.md"),
    )
    .unwrap();
    let bytes = good.as_bytes();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let noise: &[&str] = &[
        "+++", "\"", "[", "]", "=", "\n", "<script>", "# ", "[^1]", "|", "`", "\u{0}", "é", "{",
        "}", "\\", "***", "<!--", "![", "](", "\r",
    ];
    let dir = content(&[]);
    let path = dir.path().join("articles/fuzz.md");
    for i in 0..400 {
        let mut text: Vec<u8> = bytes.to_vec();
        for _ in 0..(1 + next() % 6) {
            let at = (next() as usize) % text.len().max(1);
            match next() % 3 {
                0 => {
                    let n = noise[(next() as usize) % noise.len()];
                    text.splice(at..at, n.bytes());
                }
                1 => {
                    let end = (at + (next() as usize % 40)).min(text.len());
                    text.drain(at..end);
                }
                _ => text.truncate(at.max(1)),
            }
        }
        fs::write(&path, &text).unwrap();
        let result = std::panic::catch_unwind(|| {
            press::check(dir.path(), &sel(), None).map(|c| c.report.render(false))
        });
        assert!(
            result.is_ok(),
            "press panicked on mutation {i}:\n{}",
            String::from_utf8_lossy(&text)
        );
    }
}

/// The `<loc>`s of a sitemap or sitemap index, whose root element must be `root`.
fn sitemap_locs(xml: &str, root: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("a sitemap is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), root);
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect()
}

#[test]
fn feeds_and_sitemap_are_valid_and_complete() {
    let dir = content(&[
        (
            "a.md",
            &article(
                "A & B <news>",
                "2026-05-01",
                "\"AI\", \"Policy\"",
                "Text with [a link](/articles/b) and a note.[^n]\n\n[^n]: The note.\n",
            ),
        ),
        (
            "b.md",
            &article("B", "2026-05-02", "\"AI\"", "## Part\n\nMore.\n"),
        ),
        ("c.md", &article("C", "2026-05-03", "\"Policy\"", "Body.\n")),
    ]);
    let out = tempfile::tempdir().unwrap();
    let root = out.path().join("site");
    let sel = Selection {
        public_url: Some("/news/".into()),
        ..sel()
    };
    let c = press::build(
        dir.path(),
        &root.join("data"),
        Some(press::SiteRoot {
            dir: &root,
            previous: None,
            image_cache: None,
            parse_cache: None,
            data_writes: press::sink::DataWrites::Swapped,
        }),
        &sel,
        None,
    )
    .unwrap();
    assert!(!c.report.has_errors(), "{}", c.report.render_short());
    let read =
        |rel: &str| fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));

    let rss = read("feed.xml");
    let doc = roxmltree::Document::parse(&rss).expect("RSS is well-formed XML");
    assert_eq!(doc.root_element().attribute("version"), Some("2.0"));
    let links: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|i| {
            i.children()
                .find(|c| c.has_tag_name("link"))
                .unwrap()
                .text()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        links,
        [
            "https://example.com/news/articles/c/",
            "https://example.com/news/articles/b/",
            "https://example.com/news/articles/a/"
        ]
    );
    assert!(rss.contains("<title>A &amp; B &lt;news&gt;</title>"));
    assert!(rss.contains("<pubDate>Fri, 01 May 2026 00:00:00 +0000</pubDate>"));
    let content = doc
        .descendants()
        .rfind(|n| n.tag_name().name() == "encoded")
        .unwrap()
        .text()
        .unwrap();
    assert!(
        content.contains("href=\"https://example.com/news/articles/b/\""),
        "absolute links in feeds: {content}"
    );

    let atom = read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).expect("Atom is well-formed XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        3
    );
    for required in ["id", "title", "updated"] {
        assert!(
            doc.root_element()
                .children()
                .any(|c| c.has_tag_name(required)),
            "feed has {required}"
        );
    }

    let json: serde_json::Value = serde_json::from_str(&read("feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"].as_array().unwrap().len(), 3);
    assert_eq!(json["feed_url"], "https://example.com/news/feed.json");

    // every item carries its social card as its image, and the card is there
    let card = "https://example.com/news/cards/c.png";
    assert!(
        rss.contains(&format!(
            "<media:content url=\"{card}\" type=\"image/png\" medium=\"image\"/>"
        )),
        "{rss}"
    );
    assert!(
        atom.contains(&format!(
            "<link rel=\"enclosure\" type=\"image/png\" href=\"{card}\"/>"
        )),
        "{atom}"
    );
    assert_eq!(json["items"][0]["image"], card);
    for file in [
        "cards/a.png",
        "cards/b.png",
        "cards/c.png",
        "cards/site.png",
    ] {
        let png = fs::read(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(&png[1..4], b"PNG", "{file}");
        assert!(png.len() <= 100_000, "{file}: {} bytes", png.len());
    }

    let tag_rss = read("tags/policy/feed.xml");
    let doc = roxmltree::Document::parse(&tag_rss).unwrap();
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("item")).count(),
        2
    );
    assert!(root.join("tags/ai/atom.xml").exists() && root.join("tags/ai/feed.json").exists());

    let parts = sitemap_locs(&read("sitemap.xml"), "sitemapindex");
    assert_eq!(parts, ["https://example.com/news/sitemap-1.xml"]);
    let sitemap = read("sitemap-1.xml");
    let locs = sitemap_locs(&sitemap, "urlset");
    for l in [
        "https://example.com/news/",
        "https://example.com/news/page/2/",
        "https://example.com/news/tags/",
        "https://example.com/news/tags/ai/",
        "https://example.com/news/articles/a/",
        "https://example.com/news/articles/c/",
    ] {
        assert!(locs.contains(&l.to_string()), "{l} in {locs:?}");
    }
    assert!(sitemap.contains("<lastmod>2026-05-03</lastmod>"));
    assert!(read("robots.txt").contains("Sitemap: https://example.com/news/sitemap.xml"));
}

/// The published text files of a small site, as snapshots (`cargo insta review` shows a
/// change): the feeds, the sitemaps, robots.txt and the data files of a list and an article.
/// A change to any of them is a change readers, feed readers or crawlers see.
#[test]
fn published_files_match_their_snapshots() {
    let dir = content(&[
        (
            "a.md",
            &article(
                "Chips & <rules>",
                "2026-05-01",
                "\"AI\", \"Policy\"",
                "Text with [a link](/articles/b) and a note.[^n]\n\n[^n]: The note.\n",
            ),
        ),
        (
            "b.md",
            &article(
                "Café owners try agents",
                "2026-05-02",
                "\"AI\"",
                "## Part\n\nMore.\n",
            ),
        ),
        ("c.md", &article("C", "2026-05-03", "\"Policy\"", "Body.\n")),
        (
            "d.md",
            &story(
                "Ann's chips story",
                "2026-05-04",
                "category = \"News\"\nauthor = \"Ann Lee\"\nupdated = 2026-05-06\n[[corrections]]\ndate = 2026-05-05\ntext = \"An earlier version misspelled the maker's name.\"\n[[corrections]]\ndate = 2026-05-07\ntext = \"The price is in euros, not dollars.\"",
                "Body.\n",
            ),
        ),
    ]);
    let out = tempfile::tempdir().unwrap();
    let root = out.path().join("site");
    let sel = Selection {
        public_url: Some("/news/".into()),
        ..sel()
    };
    let site_root = press::SiteRoot {
        dir: &root,
        previous: None,
        image_cache: None,
        parse_cache: None,
        data_writes: press::sink::DataWrites::Swapped,
    };
    let c = press::build(dir.path(), &root.join("data"), Some(site_root), &sel, None).unwrap();
    assert!(!c.report.has_errors(), "{}", c.report.render_short());
    for rel in [
        "feed.xml",
        "atom.xml",
        "feed.json",
        "tags/ai/feed.xml",
        "sitemap.xml",
        "sitemap-1.xml",
        "robots.txt",
        "data/feed/latest.json",
        "data/tags/ai/latest.json",
        "data/articles/a.json",
        "news/atom.xml",
        "authors/ann/feed.json",
        "corrections.xml",
        "data/sections/news/latest.json",
        "data/authors/ann/latest.json",
        "data/articles/d.json",
    ] {
        let text = fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let name = rel.replace(['/', '.'], "_");
        insta::assert_snapshot!(name, text);
    }
    // each list's feeds parse and hold exactly its stories, newest first
    let links = |rel: &str, item: &str| -> Vec<String> {
        let text = fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        doc.descendants()
            .filter(|n| n.has_tag_name(item))
            .map(|n| {
                let link = n.children().find(|c| c.has_tag_name("link")).unwrap();
                link.attribute("href")
                    .or(link.text())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    };
    let story = |slug: &str| format!("https://example.com/news/articles/{slug}/");
    assert_eq!(links("news/feed.xml", "item"), [story("d")]);
    assert_eq!(
        links("analysis/atom.xml", "entry"),
        [story("c"), story("b"), story("a")]
    );
    assert_eq!(
        links("authors/desk/atom.xml", "entry"),
        [story("c"), story("b"), story("a")]
    );
    assert_eq!(links("authors/ann/feed.xml", "item"), [story("d")]);
    let corrections = format!("{}#corrections", story("d"));
    assert_eq!(
        links("corrections.xml", "entry"),
        [corrections.clone(), corrections]
    );
}

#[test]
fn unknown_sections_and_authors_are_refused_with_the_closest_name() {
    let dir = content(&[
        (
            "section.md",
            &story("S", "2026-05-01", "category = \"Anlysis\"", "Body.\n"),
        ),
        (
            "author.md",
            &story(
                "A",
                "2026-05-01",
                "category = \"News\"\nauthor = \"Ann Le\"",
                "Body.\n",
            ),
        ),
        (
            "stranger.md",
            &story(
                "X",
                "2026-05-01",
                "category = \"Opinion\"\nauthor = \"Zed\"",
                "Body.\n",
            ),
        ),
    ]);
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let short = c.report.render_short();
    assert!(c.output.is_none());
    let expect = |file: &str, line: usize, needle: &str| {
        let hit = short
            .lines()
            .any(|l| l.contains(&format!("{file}:{line}:")) && l.contains(needle));
        assert!(hit, "expected `{file}:{line}` with `{needle}` in:\n{short}");
    };
    expect(
        "section.md",
        5,
        "field `category`: unknown section \"Anlysis\"",
    );
    expect("author.md", 6, "field `author`: unknown author \"Ann Le\"");
    expect("stranger.md", 5, "unknown section \"Opinion\"");
    expect("stranger.md", 6, "unknown author \"Zed\"");
    let full = c.report.render(false);
    assert!(full.contains("did you mean \"Analysis\"?"), "{full}");
    assert!(full.contains("did you mean \"Ann Lee\"?"), "{full}");
    assert!(
        full.contains("one of the sections in site.toml: News, Analysis"),
        "{full}"
    );
    assert_eq!(c.report.error_count(), 4, "{short}");
}

#[test]
fn updates_and_corrections_must_fall_between_publication_and_today() {
    let dir = content(&[
        ("early.md", &story("E", "2026-05-10", "category = \"News\"\nupdated = 2026-05-01", "Body.\n")),
        ("late.md", &story("L", "2026-05-10", "category = \"News\"\nupdated = 2026-12-01", "Body.\n")),
        (
            "fix.md",
            &story(
                "F",
                "2026-05-10",
                "category = \"News\"\n[[corrections]]\ndate = 2026-05-09\ntext = \"Before.\"\n[[corrections]]\ndate = 2026-12-01\ntext = \"After.\"\n[[corrections]]\ndate = 2026-05-11",
                "Body.\n",
            ),
        ),
    ]);
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let short = c.report.render_short();
    let has = |file: &str, needle: &str| {
        assert!(
            short
                .lines()
                .any(|l| l.contains(file) && l.contains(needle)),
            "expected {file} with `{needle}` in:\n{short}"
        );
    };
    has("early.md:6:", "`updated` is before `date`");
    has("late.md:6:", "`updated` is in the future");
    has("fix.md:12:", "missing required field `text`");
    // each entry's date is checked once every entry is complete, and against today once the
    // story is valid otherwise
    let fix = dir.path().join("articles/fix.md");
    for (from, to, needle) in [
        (
            "date = 2026-05-11",
            "date = 2026-05-11\ntext = \"Fine.\"",
            "correction dated before `date`",
        ),
        (
            "date = 2026-05-09",
            "date = 2026-05-10",
            "correction dated in the future",
        ),
    ] {
        let text = fs::read_to_string(&fix).unwrap();
        fs::write(&fix, text.replace(from, to)).unwrap();
        let short = press::check(dir.path(), &sel(), None)
            .unwrap()
            .report
            .render_short();
        assert!(
            short
                .lines()
                .any(|l| l.contains("fix.md:") && l.contains(needle)),
            "expected fix.md with `{needle}` in:\n{short}"
        );
    }
}

#[test]
fn a_section_slug_may_not_take_another_address_or_be_used_twice() {
    for (extra, problem) in [
        (
            "[[sections]]\nname = \"Search\"\ndescription = \"x\"\n",
            "section slug `search` is taken by another address",
        ),
        (
            "[[sections]]\nname = \"More news\"\nslug = \"news\"\ndescription = \"y\"\n",
            "two `sections` entries share the slug `news`",
        ),
        (
            "[[sections]]\nname = \"Bad\"\nslug = \"Bad Slug\"\ndescription = \"y\"\n",
            "`slug` is not a URL slug",
        ),
    ] {
        let dir = content(&[]);
        fs::write(dir.path().join("site.toml"), format!("{SITE}\n{extra}")).unwrap();
        let c = press::check(dir.path(), &sel(), None).unwrap();
        let full = c.report.render(false);
        assert!(full.contains(problem), "{problem} in {full}");
        assert!(c.output.is_none());
    }
}

#[test]
fn press_new_takes_the_section_and_author_by_name_or_slug_and_refuses_unknown_ones() {
    let dir = content(&[]);
    let c = dir.path().to_str().unwrap();
    let (ok, log) = press(&[
        "new",
        "Chips",
        "--content",
        c,
        "--section",
        "analysis",
        "--author",
        "ann",
    ]);
    assert!(ok, "{log}");
    let text = fs::read_to_string(dir.path().join("articles/chips.md")).unwrap();
    assert!(text.contains("category = \"Analysis\""), "{text}");
    assert!(text.contains("author = \"Ann Lee\""), "{text}");
    let (ok, log) = press(&["new", "Other", "--content", c, "--section", "Nws"]);
    assert!(!ok, "{log}");
    assert!(
        log.contains("unknown section \"Nws\". Did you mean \"News\"?"),
        "{log}"
    );
    assert!(!dir.path().join("articles/other.md").exists());
    // without a terminal to ask, the first section and the default author
    let (ok, log) = press(&["new", "Third", "--content", c]);
    assert!(ok, "{log}");
    let text = fs::read_to_string(dir.path().join("articles/third.md")).unwrap();
    assert!(
        text.contains("category = \"News\"") && text.contains("author = \"Desk\""),
        "{text}"
    );
}

#[test]
fn tutorial_facts_are_read_and_checked() {
    let dir = content(&[
        (
            "ok.md",
            &story(
                "Ok",
                "2026-05-01",
                "category = \"News\"\nlevel = \"Beginner\"\ntime = 45\ntested = \"Python 3.12\"",
                "Body.\n",
            ),
        ),
        (
            "bad.md",
            &story(
                "Bad",
                "2026-05-01",
                "category = \"News\"\nlevel = \"advnced\"\ntime = 0",
                "Body.\n",
            ),
        ),
    ]);
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let full = c.report.render(false);
    assert!(full.contains("unknown level \"advnced\""), "{full}");
    assert!(full.contains("did you mean `advanced`?"), "{full}");
    assert!(
        full.contains("`time` must be a whole number of minutes"),
        "{full}"
    );
    assert_eq!(c.report.error_count(), 2, "{full}");
    fs::remove_file(dir.path().join("articles/bad.md")).unwrap();
    let c = press::check(dir.path(), &sel(), None).unwrap();
    let (_, bytes) = c
        .files
        .data
        .iter()
        .find(|(p, _)| p == "articles/ok.json")
        .unwrap();
    let a: Article = serde_json::from_slice(bytes).unwrap();
    assert_eq!(
        a.tutorial,
        Some(krasa_model::Tutorial {
            level: Some(krasa_model::Level::Beginner),
            minutes: Some(45),
            tested: Some("Python 3.12".into()),
        })
    );
}

#[test]
fn series_parts_are_ordered_checked_and_linked() {
    let site = format!("{SITE}\n[[series]]\nname = \"Triage\"\ndescription = \"Three parts.\"\n");
    let part = |n: u32, date: &str| {
        story(
            &format!("Part {n}"),
            date,
            &format!("category = \"News\"\nseries = \"Triage\"\npart = {n}"),
            "Body.\n",
        )
    };
    let dir = content(&[
        ("p1.md", &part(1, "2026-05-01")),
        ("p2.md", &part(2, "2026-05-03")),
        ("p3.md", &part(3, "2026-05-02")),
    ]);
    fs::write(dir.path().join("site.toml"), &site).unwrap();
    let c = press::check(dir.path(), &sel(), None).unwrap();
    assert!(!c.report.has_errors(), "{}", c.report.render_short());
    let file = |rel: &str| -> Vec<u8> {
        c.files
            .data
            .iter()
            .find(|(p, _)| p == rel)
            .unwrap_or_else(|| panic!("{rel}"))
            .1
            .clone()
    };
    let list: ListPage = serde_json::from_slice(&file("series/triage.json")).unwrap();
    let order: Vec<&str> = list.items.iter().map(|s| s.slug.as_str()).collect();
    assert_eq!(order, ["p1", "p2", "p3"], "parts in order, not by date");
    assert_eq!(list.series.map(|s| s.name), Some("Triage".into()));
    let p2: Article = serde_json::from_slice(&file("articles/p2.json")).unwrap();
    assert!(
        p2.body_html.contains(
            "Part 2 of 3 in <a href=\"series/triage/\" data-pagefind-filter=\"series\">Triage</a>"
        ),
        "{}",
        p2.body_html
    );
    assert!(p2
        .body_html
        .contains("<li value=\"2\" aria-current=\"page\">Part 2</li>"));
    assert!(p2
        .body_html
        .contains("<a rel=\"prev\" href=\"articles/p1/\">← Part 1: Part 1</a>"));
    assert!(p2
        .body_html
        .contains("<a rel=\"next\" href=\"articles/p3/\">Part 3: Part 3 →</a>"));

    // a gap, a part twice, a series of one, an unknown series
    for (files, problem) in [
        (
            vec![
                ("p1.md", part(1, "2026-05-01")),
                ("p3.md", part(3, "2026-05-02")),
            ],
            "part 2 of \"Triage\" is missing",
        ),
        (
            vec![
                ("p1.md", part(1, "2026-05-01")),
                ("p1b.md", part(1, "2026-05-02")),
            ],
            "part 1 of \"Triage\" twice",
        ),
        (
            vec![("p1.md", part(1, "2026-05-01"))],
            "series \"Triage\" has one part",
        ),
        (
            vec![(
                "x.md",
                story(
                    "X",
                    "2026-05-01",
                    "category = \"News\"\nseries = \"Triag\"\npart = 1",
                    "B.\n",
                ),
            )],
            "unknown series \"Triag\"",
        ),
        (
            vec![(
                "y.md",
                story("Y", "2026-05-01", "category = \"News\"\npart = 1", "B.\n"),
            )],
            "`part` without `series`",
        ),
    ] {
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let dir = content(&refs);
        fs::write(dir.path().join("site.toml"), &site).unwrap();
        let c = press::check(dir.path(), &sel(), None).unwrap();
        let full = c.report.render(false);
        assert!(full.contains(problem), "{problem} in {full}");
        assert!(c.output.is_none());
    }
}

/// Every file under `dir` with its bytes, by path.
fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn bodies_taken_from_the_parse_cache_publish_what_rendering_them_does() {
    let out = tempfile::tempdir().unwrap();
    let cache = out.path().join("parse-cache");
    let build = |name: &str, parse_cache: Option<&Path>| {
        let root = out.path().join(name);
        let site_root = press::SiteRoot {
            dir: &root,
            previous: None,
            image_cache: None,
            parse_cache,
            data_writes: press::sink::DataWrites::Swapped,
        };
        let c = press::build(
            &repo().join("content"),
            &root.join("data"),
            Some(site_root),
            &sel(),
            None,
        )
        .unwrap();
        assert!(!c.report.has_errors(), "{}", c.report.render_short());
        files_under(&root.join("data"))
    };
    let rendered = build("rendered", None);
    let filling = build("filling", Some(&cache));
    let kept = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    let stories = fs::read_dir(repo().join("content/articles"))
        .unwrap()
        .count();
    // (stories with pictures are rendered every time)
    assert!(
        kept > stories / 2 && kept <= stories,
        "{kept} bodies kept of {stories}"
    );
    let from_cache = build("from-cache", Some(&cache));
    assert_eq!(filling, rendered);
    assert_eq!(from_cache, rendered, "the same data, body for body");

    // and the bodies do come from the cache: one changed there shows in the next build
    let entry = walkdir::WalkDir::new(&cache)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file())
        .unwrap();
    let mut body: serde_json::Value =
        serde_json::from_slice(&fs::read(entry.path()).unwrap()).unwrap();
    body["html"] = "<p>Taken from the parse cache.</p>".into();
    fs::write(entry.path(), serde_json::to_vec(&body).unwrap()).unwrap();
    let tampered = build("tampered", Some(&cache));
    let shows = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
        files
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Taken from the parse cache."))
    };
    assert!(shows(&tampered) && !shows(&rendered));
}
