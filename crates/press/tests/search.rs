//! The search index's shards (docs/architecture.md, search): press on small content folders.

use std::fs;

use krasa_model::{Date, SearchShards};
use press::Selection;

/// A content folder whose stories are dated `dates` (one story per date), with
/// `search_shard_size = size`; its `data/search.json` as press writes it.
fn shards(size: u32, dates: &[&str]) -> SearchShards {
    shards_saying(size, dates, |_| "The story's text.".to_string())
}

/// As [`shards`], story `n` saying `text(n)`.
fn shards_saying(size: u32, dates: &[&str], text: impl Fn(usize) -> String) -> SearchShards {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("site.toml"),
        format!("title = \"T\"\ntagline = \"T\"\nbase_url = \"https://example.com/\"\ndefault_author = \"Desk\"\nsearch_shard_size = {size}\n\n[[sections]]\nname = \"News\"\ndescription = \"News.\"\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("authors.toml"),
        "[[authors]]\nname = \"Desk\"\nbio = \"The desk.\"\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("articles")).unwrap();
    for (n, date) in dates.iter().enumerate() {
        let body = text(n);
        let text = format!("+++\ntitle = \"Story {n}\"\ndate = {date}\ncategory = \"News\"\ntags = [\"AI\"]\n+++\n{body}\n");
        fs::write(dir.path().join(format!("articles/story-{n}.md")), text).unwrap();
    }
    let sel = Selection {
        include_drafts: false,
        include_future: false,
        today: Date::new(2026, 11, 27).unwrap(),
        public_url: None,
    };
    let checked = press::check(dir.path(), &sel, None).unwrap();
    assert!(
        !checked.report.has_errors(),
        "{}",
        checked.report.render_short()
    );
    let (_, bytes) = checked
        .files
        .data
        .iter()
        .find(|(rel, _)| rel == "search.json")
        .expect("search.json");
    serde_json::from_slice(bytes).unwrap()
}

fn ids(s: &SearchShards) -> Vec<(&str, &str, u32)> {
    s.shards
        .iter()
        .map(|s| (s.id.as_str(), s.to.as_str(), s.stories))
        .collect()
}

#[test]
fn the_newest_month_is_a_shard_alone_and_older_shards_hold_consecutive_months_of_one_year() {
    let dates = [
        "2025-11-02",
        "2025-12-01",
        "2025-12-20",
        "2026-01-05",
        "2026-01-09",
        "2026-02-01",
        "2026-02-11",
        "2026-03-01",
        "2026-03-02",
    ];
    // up to 3 stories a shard: never across a year, a month never split
    assert_eq!(
        ids(&shards(3, &dates)),
        [
            ("2026-03", "2026-03", 2),
            ("2026-02", "2026-02", 2),
            ("2026-01", "2026-01", 2),
            ("2025-11", "2025-12", 3)
        ]
    );
    // a month larger than a shard is a shard alone
    assert_eq!(
        ids(&shards(1, &dates)),
        [
            ("2026-03", "2026-03", 2),
            ("2026-02", "2026-02", 2),
            ("2026-01", "2026-01", 2),
            ("2025-12", "2025-12", 2),
            ("2025-11", "2025-11", 1)
        ]
    );
    // the default: a year a shard, and the hot month
    assert_eq!(
        ids(&shards(5_000, &dates)),
        [
            ("2026-03", "2026-03", 2),
            ("2026-01", "2026-02", 4),
            ("2025-11", "2025-12", 3)
        ]
    );
    assert_eq!(
        ids(&shards(5_000, &dates[..1])),
        [("2025-11", "2025-11", 1)]
    );
}

#[test]
fn a_new_story_changes_only_the_hot_month_and_a_new_month_seals_it() {
    let dates = ["2026-01-05", "2026-01-09", "2026-02-01", "2026-03-01"];
    let before = shards(5_000, &dates);
    assert_eq!(
        ids(&before),
        [("2026-03", "2026-03", 1), ("2026-01", "2026-02", 3)]
    );
    // March grows: only the hot shard changes
    let march = shards(5_000, &[&dates[..], &["2026-03-20"]].concat());
    assert_eq!(
        ids(&march),
        [("2026-03", "2026-03", 2), ("2026-01", "2026-02", 3)]
    );
    assert_eq!(
        before.shards[1], march.shards[1],
        "the older shard as it was"
    );
    assert_ne!(before.shards[0].tag, march.shards[0].tag);
    // April begins: March joins the year's shard, April is the hot one
    let april = shards(5_000, &[&dates[..], &["2026-03-20", "2026-04-02"]].concat());
    assert_eq!(
        ids(&april),
        [("2026-04", "2026-04", 1), ("2026-01", "2026-03", 5)]
    );
}

#[test]
fn a_shards_tag_changes_with_what_its_stories_say_and_only_then() {
    let dates = ["2026-01-05", "2026-01-09", "2026-02-01", "2026-03-01"];
    let before = shards(5_000, &dates);
    let again = shards(5_000, &dates);
    assert_eq!(before, again, "the same content, the same tags");
    let tags = |s: &SearchShards| s.shards.iter().map(|s| s.tag.clone()).collect::<Vec<_>>();
    assert!(
        tags(&before).iter().all(|t| t.len() == 12),
        "{:?}",
        tags(&before)
    );
    // story 0 (January) is corrected: the older shard's tag changes, the hot one's not
    let edited = shards_saying(5_000, &dates, |n| {
        if n == 0 {
            "The story's corrected text.".into()
        } else {
            "The story's text.".into()
        }
    });
    assert_eq!(ids(&edited), ids(&before));
    assert_eq!(edited.shards[0].tag, before.shards[0].tag);
    assert_ne!(edited.shards[1].tag, before.shards[1].tag);
}
