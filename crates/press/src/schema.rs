//! JSON Schemas of the published files, generated from the serde types in krasa-model.

use krasa_model::{Article, ListPage, PageList, SearchShards, Site, TagIndex};

/// (file name, schema JSON) for every published file kind.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |v: schemars::Schema| {
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    };
    vec![
        ("site.schema.json", pretty(schemars::schema_for!(Site))),
        (
            "list-page.schema.json",
            pretty(schemars::schema_for!(ListPage)),
        ),
        ("tags.schema.json", pretty(schemars::schema_for!(TagIndex))),
        ("pages.schema.json", pretty(schemars::schema_for!(PageList))),
        (
            "search.schema.json",
            pretty(schemars::schema_for!(SearchShards)),
        ),
        (
            "article.schema.json",
            pretty(schemars::schema_for!(Article)),
        ),
    ]
}
