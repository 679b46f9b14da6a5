//! `prerender --dist <dir> [--public-url /news/]`: writes an HTML page for every route of the
//! site into a built folder (Trunk's staging folder, from the post_build hook), using the
//! data press published in `<dir>/data`. The Trunk `index.html` is the shell; it becomes the
//! prerendered front page.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use krasa::prerender::{file_for, head_extras, render, script_json, RouteData, Shell};
use krasa_model::paths::{self as data, DATA_DIR};
use krasa_model::{Site, TagIndex};
use serde_json::Value;

struct Args {
    dist: PathBuf,
    public_url: String,
    /// Trunk's index.html, when it is not (or no longer) `<dist>/index.html`.
    shell: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut dist = None;
    let mut public_url = "/".to_string();
    let mut shell = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dist" => dist = it.next().map(PathBuf::from),
            "--public-url" => public_url = it.next().ok_or("--public-url needs a value")?,
            "--shell" => shell = it.next().map(PathBuf::from),
            "-h" | "--help" => {
                return Err(
                    "usage: prerender --dist <built site folder> [--public-url /sub/path/] [--shell index.html]".into(),
                )
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let dist = dist.ok_or("--dist <folder> is required")?;
    if !public_url.starts_with('/') {
        public_url.insert(0, '/');
    }
    if !public_url.ends_with('/') {
        public_url.push('/');
    }
    Ok(Args {
        dist,
        public_url,
        shell,
    })
}

fn read_json(dir: &Path, rel: &str) -> Result<Value, String> {
    let path = dir.join(DATA_DIR).join(rel);
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let started = Instant::now();
    let a = args()?;
    let shell_path = a.shell.clone().unwrap_or_else(|| a.dist.join("index.html"));
    let mut shell =
        fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
    if Shell::replace_loader(&mut shell).is_none() && !shell.contains("name=\"krasa-app\"") {
        return Err(format!(
            "{}: no Trunk module loader to replace (has Trunk's output format changed?)",
            shell_path.display()
        ));
    }
    let shell = Shell::new(shell).map_err(|e| e.to_string())?;

    let site_value = read_json(&a.dist, &data::site_json())?;
    let site: Site =
        serde_json::from_value(site_value.clone()).map_err(|e| format!("site.json: {e}"))?;
    // Canonical root: the configured site URL, with the deploy sub-path when there is one.
    let site_root = data::site_root(&site.base_url, &a.public_url);
    let base = a.public_url.trim_end_matches('/').to_string();

    let mut routes: Vec<RouteData> = Vec::new();
    let with_site = |rel: String, v: Value| vec![(data::site_json(), site_value.clone()), (rel, v)];
    for n in 1..=site.feed_pages.max(1) {
        let rel = data::feed_page_json(n);
        let route = if n == 1 {
            "/".to_string()
        } else {
            format!("/page/{n}")
        };
        routes.push(RouteData {
            file: file_for(&route),
            route,
            data: with_site(rel.clone(), read_json(&a.dist, &rel)?),
            not_found: false,
        });
    }
    let tags_value = read_json(&a.dist, &data::tags_json())?;
    let tags: TagIndex =
        serde_json::from_value(tags_value.clone()).map_err(|e| format!("tags.json: {e}"))?;
    routes.push(RouteData {
        route: "/tags".into(),
        file: file_for("/tags"),
        data: with_site(data::tags_json(), tags_value),
        not_found: false,
    });
    for t in &tags.tags {
        let pages = krasa_model::total_pages(t.count as usize, site.page_size as usize) as u32;
        for n in 1..=pages {
            let rel = data::tag_page_json(&t.slug, n);
            let route = if n == 1 {
                format!("/tags/{}", t.slug)
            } else {
                format!("/tags/{}/page/{n}", t.slug)
            };
            routes.push(RouteData {
                file: file_for(&route),
                route,
                data: with_site(rel.clone(), read_json(&a.dist, &rel)?),
                not_found: false,
            });
        }
    }
    let mut slugs: Vec<String> = fs::read_dir(a.dist.join(DATA_DIR).join("articles"))
        .map_err(|e| format!("data/articles: {e}"))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".json"))
                .map(str::to_string)
        })
        .collect();
    slugs.sort();
    for slug in &slugs {
        let rel = data::article_json(slug);
        let route = format!("/articles/{slug}");
        routes.push(RouteData {
            file: file_for(&route),
            route,
            data: with_site(rel.clone(), read_json(&a.dist, &rel)?),
            not_found: false,
        });
    }
    routes.push(RouteData {
        route: "/404".into(),
        file: "404.html".into(),
        data: vec![(data::site_json(), site_value.clone())],
        not_found: true,
    });

    let count = routes.len();
    for r in &routes {
        let (head, html_attrs, body) = render(r, &base).map_err(|e| e.to_string())?;
        let extras = head_extras(&site, &site_root, r);
        let embedded: serde_json::Map<String, Value> = r.data.iter().cloned().collect();
        let page = shell.page(
            &format!("{head}{}", extras.tags),
            &html_attrs,
            &body,
            &script_json(&Value::Object(embedded)),
            r.not_found,
        );
        let out = a.dist.join(&r.file);
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::write(&out, page).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    eprintln!(
        "prerender: wrote {count} pages ({} articles) into {} in {:.2?}",
        slugs.len(),
        a.dist.display(),
        started.elapsed()
    );
    Ok(())
}
