//! Pictures in stories (docs/images.md): press on content folders with good and broken images.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use krasa_model::{Article, Date};
use press::Selection;

const SITE: &str = r#"title = "Picture News"
tagline = "Tests"
base_url = "https://example.com/"
default_author = "Desk"

[[sections]]
name = "News"
description = "What happened."
"#;

const AUTHORS: &str = "[[authors]]\nname = \"Desk\"\nbio = \"The newsroom.\"\n";

fn sel(public_url: Option<&str>) -> Selection {
    Selection {
        include_drafts: false,
        include_future: false,
        today: Date::new(2026, 11, 27).unwrap(),
        public_url: public_url.map(str::to_string),
    }
}

/// A content folder holding `files` (path → bytes) beside site.toml and authors.toml.
fn content(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("site.toml"), SITE).unwrap();
    fs::write(dir.path().join("authors.toml"), AUTHORS).unwrap();
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

/// A story with front-matter lines `front` and a body.
fn story(title: &str, front: &str, body: &str) -> Vec<u8> {
    format!("+++\ntitle = \"{title}\"\ndate = 2026-05-01\ncategory = \"News\"\ntags = [\"AI\"]\n{front}\n+++\nA first paragraph of the story.\n\n{body}\n")
        .into_bytes()
}

/// A JPEG `width`×`height` of a gradient.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

/// A grey PNG of `width`×`height` pixels, written row by row (a decompression bomb when
/// large: a few hundred kilobytes that decode to tens of megapixels).
fn png_rows(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    let mut rows = writer.stream_writer().unwrap();
    let row = vec![128u8; width as usize];
    for _ in 0..height {
        rows.write_all(&row).unwrap();
    }
    rows.finish().unwrap();
    drop(writer);
    out
}

/// `jpeg` with an EXIF block after its start marker: orientation 6 (turn 90° clockwise to
/// show it upright) and a camera maker's name.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend(2u16.to_le_bytes()); // two entries
    tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]); // Orientation = 6
    let maker_at = 8 + 2 + 2 * 12 + 4;
    tiff.extend([0x0f, 0x01, 2, 0, 12, 0, 0, 0]); // Make, ASCII, 12 bytes at...
    tiff.extend((maker_at as u32).to_le_bytes());
    tiff.extend(0u32.to_le_bytes()); // no next IFD
    tiff.extend(b"SecretCam!!\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn every_broken_image_is_an_error_naming_its_file_line_and_image_and_nothing_is_written() {
    let good = jpeg(1600, 900);
    let truncated = good[..good.len() / 2].to_vec();
    let svg_script = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#;
    let svg_remote = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="https://tracker.example/p.png"/></svg>"#;
    let cases: &[(&str, &str, &str)] = &[
        ("missing", "", "![A map](nowhere.png)"),
        ("no-alt", "", "![](good.jpg)"),
        ("lead-no-alt", "image = \"good.jpg\"", ""),
        ("undecodable", "", "![Noise](noise.png)"),
        ("truncated", "", "![Half a picture](half.jpg)"),
        ("bomb", "", "![A bomb](bomb.png)"),
        ("huge-file", "", "![Too big](huge.jpg)"),
        ("svg-script", "", "![A chart](script.svg)"),
        ("svg-remote", "", "![A chart](remote.svg)"),
        ("remote", "", "![A logo](https://example.org/logo.png)"),
        ("outside", "", "![Secrets](../../../etc/passwd.png)"),
    ];
    let mut files: Vec<(String, Vec<u8>)> = cases
        .iter()
        .map(|(slug, front, body)| {
            (
                format!("articles/{slug}/index.md"),
                story(slug, front, body),
            )
        })
        .collect();
    let shared =
        |slug: &str, name: &str, bytes: Vec<u8>| (format!("articles/{slug}/{name}"), bytes);
    files.extend([
        shared("no-alt", "good.jpg", good.clone()),
        shared("lead-no-alt", "good.jpg", good.clone()),
        shared(
            "undecodable",
            "noise.png",
            b"\x89PNG\r\n\x1a\nnot really".to_vec(),
        ),
        shared("truncated", "half.jpg", truncated),
        shared("bomb", "bomb.png", png_rows(8000, 7000)),
        shared("huge-file", "huge.jpg", vec![0u8; 26 * 1024 * 1024]),
        shared("svg-script", "script.svg", svg_script.to_vec()),
        shared("svg-remote", "remote.svg", svg_remote.to_vec()),
    ]);
    let files: Vec<(&str, Vec<u8>)> = files.iter().map(|(p, b)| (p.as_str(), b.clone())).collect();
    let dir = content(&files);

    let out = dir.path().join("site/data");
    let checked = press::build(dir.path(), &out, None, &sel(None), None).unwrap();
    let report = &checked.report;
    assert!(!out.exists(), "nothing is written when an image is broken");
    let errors: Vec<(String, usize, String)> = report
        .problems()
        .iter()
        .filter(|p| p.severity == press::diag::Severity::Error)
        .map(|p| {
            let at = report.location(p);
            let slug = at.path.split('/').rev().nth(1).unwrap_or("").to_string();
            (slug, at.line, p.message.clone())
        })
        .collect();
    let expect = [
        ("bomb", "the image `bomb.png` is 8000×7000 pixels, over the limit of 50000000 pixels"),
        ("huge-file", "the image `huge.jpg` is 27262976 bytes, over the limit of 26214400 bytes"),
        ("lead-no-alt", "image without alt text"),
        ("missing", "the image `nowhere.png` does not exist"),
        ("no-alt", "image without alt text"),
        ("outside", "the image `../../../etc/passwd.png` is outside the content folder"),
        ("remote", "the image `https://example.org/logo.png` is a web address"),
        ("svg-remote", "the image `remote.svg` is an unsafe SVG: a reference to `https://tracker.example/p.png` on <image>"),
        ("svg-script", "the image `script.svg` is an unsafe SVG: a <script> element"),
        ("truncated", "the image `half.jpg` does not decode"),
        ("undecodable", "the image `noise.png` does not decode"),
    ];
    assert_eq!(errors.len(), expect.len(), "{}", report.render_short());
    for (slug, message) in expect {
        let found = errors.iter().find(|(s, _, _)| s == slug);
        let (_, line, text) =
            found.unwrap_or_else(|| panic!("no error for {slug}: {}", report.render_short()));
        assert!(text.starts_with(message), "{slug}: {text}");
        // the image's line: the body's third line (after the front matter's 6 or 7), or
        // the `image` field's
        let want = if slug == "lead-no-alt" { 6 } else { 10 };
        assert_eq!(*line, want, "{slug}: {text}");
    }
}

/// Builds `dir` into `root` (with its data folder and the pictures), replacing the release
/// `previous` if given.
fn build(dir: &Path, root: &Path, previous: Option<&Path>) -> press::Checked {
    build_cached(dir, root, previous, None)
}

/// [`build`], with an image cache.
fn build_cached(
    dir: &Path,
    root: &Path,
    previous: Option<&Path>,
    image_cache: Option<&Path>,
) -> press::Checked {
    let site_root = press::SiteRoot {
        dir: root,
        previous,
        image_cache,
        parse_cache: None,
        data_writes: press::sink::DataWrites::Swapped,
    };
    let c = press::build(
        dir,
        &root.join("data"),
        Some(site_root),
        &sel(Some("/")),
        None,
    )
    .unwrap();
    assert!(!c.report.has_errors(), "{}", c.report.render_short());
    c
}

#[test]
fn pictures_are_never_upscaled_carry_stable_hashed_names_and_no_metadata() {
    let lead = with_exif(&jpeg(300, 500));
    let front = "image = \"lead.jpg\"\nimage_alt = \"A gradient\"\nimage_caption = \"Colours\"\nimage_credit = \"Photo: Desk\"";
    let dir = content(&[
        (
            "articles/pic/index.md",
            story(
                "Pic",
                front,
                "![A small chart](/images/chart.jpg \"A chart\")",
            ),
        ),
        ("articles/pic/lead.jpg", lead),
        ("images/chart.jpg", jpeg(420, 200)),
    ]);
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("stage");
    let c = build(dir.path(), &root, None);
    // a lead narrower than 1200 pixels is published, with a warning
    assert_eq!(c.report.warning_count(), 1, "{}", c.report.render_short());
    assert!(c.report.render_short().contains("a narrow lead image"));

    let article: Article =
        serde_json::from_slice(&fs::read(root.join("data/articles/pic.json")).unwrap()).unwrap();
    let image = article.summary.image.clone().unwrap();
    let p = &image.picture;
    // the EXIF orientation turned it upright: 500×300
    assert_eq!((p.width, p.height), (500, 300));
    assert_eq!(p.widths, vec![480, 500], "never upscaled");
    assert!(p.stem.starts_with("images/lead."), "{}", p.stem);
    for file in p.files() {
        let bytes = fs::read(root.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            !contains(&bytes, b"Exif") && !contains(&bytes, b"SecretCam"),
            "{file} carries metadata"
        );
    }
    let decoded = image::open(root.join(p.file(500, "jpg"))).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (500, 300));
    let crops = image.share.unwrap();
    assert_eq!((crops.card.width, crops.card.height), (500, 262));
    assert_eq!((crops.square.width, crops.square.height), (300, 300));
    let card = image::open(root.join(&crops.card.src)).unwrap();
    assert_eq!((card.width(), card.height()), (500, 262));
    // the body's picture and the lead's figure
    assert!(article
        .body_html
        .starts_with("<figure class=\"figure lead\"><picture>"));
    assert!(article
        .body_html
        .contains("<figcaption>Colours <span class=\"credit\">Photo: Desk</span></figcaption>"));
    assert!(article.body_html.contains("images/chart."));
    assert!(
        article.body_html.contains(".420.avif 420w\""),
        "{}",
        article.body_html
    );

    // the same sources give the same names; other bytes, other names
    let again = tempfile::tempdir().unwrap();
    let c2 = build(dir.path(), again.path(), None);
    assert_eq!(c2.images.unwrap().encoded, c.images.unwrap().encoded);
    let same: Article =
        serde_json::from_slice(&fs::read(again.path().join("data/articles/pic.json")).unwrap())
            .unwrap();
    assert_eq!(same.summary.image.unwrap().picture.stem, p.stem);
    fs::write(dir.path().join("articles/pic/lead.jpg"), jpeg(500, 301)).unwrap();
    let other = tempfile::tempdir().unwrap();
    build(dir.path(), other.path(), None);
    let changed: Article =
        serde_json::from_slice(&fs::read(other.path().join("data/articles/pic.json")).unwrap())
            .unwrap();
    assert_ne!(changed.summary.image.unwrap().picture.stem, p.stem);
}

#[test]
fn a_rebuild_encodes_nothing_that_the_previous_release_holds() {
    let dir = content(&[
        (
            "articles/one.md",
            story("One", "image = \"/images/a.jpg\"\nimage_alt = \"A\"", ""),
        ),
        ("images/a.jpg", jpeg(520, 300)),
    ]);
    let tmp = tempfile::tempdir().unwrap();
    let stage = tmp.path().join("stage");
    let first = build(dir.path(), &stage, None).images.unwrap();
    // 480 and 520 in three formats, and three crops
    assert_eq!((first.encoded, first.reused), (9, 0));
    let release = tmp.path().join("release");
    krasa_release::publish::publish(&stage, Some(&release)).unwrap();

    // a text edit: every picture is the release's own
    let text = fs::read_to_string(dir.path().join("articles/one.md")).unwrap();
    fs::write(
        dir.path().join("articles/one.md"),
        text.replace("first paragraph", "first, edited paragraph"),
    )
    .unwrap();
    let next = tmp.path().join("next");
    let second = build(dir.path(), &next, Some(&release)).images.unwrap();
    assert_eq!((second.encoded, second.decoded, second.reused), (0, 0, 9));
}

#[test]
fn a_fresh_build_takes_from_the_image_cache_what_an_earlier_build_made() {
    let dir = content(&[
        (
            "articles/one.md",
            story("One", "", "![A chart](/images/a.jpg)"),
        ),
        ("images/a.jpg", jpeg(500, 300)),
    ]);
    let tmp = tempfile::tempdir().unwrap();
    let cache = tmp.path().join("cache");
    let first = build_cached(dir.path(), &tmp.path().join("a"), None, Some(&cache))
        .images
        .unwrap();
    assert_eq!((first.encoded, first.reused), (6, 0));
    // six files, and what checking the source found (the next build does not decode it)
    let is_file = |e: &std::fs::DirEntry| e.file_type().unwrap().is_file();
    let files = std::fs::read_dir(&cache)
        .unwrap()
        .filter(|e| is_file(e.as_ref().unwrap()));
    assert_eq!(files.count(), 6);
    let facts: Vec<_> = std::fs::read_dir(cache.join("facts")).unwrap().collect();
    assert_eq!(facts.len(), 1);
    let facts = facts[0].as_ref().unwrap().path();
    assert!(fs::read_to_string(&facts)
        .unwrap()
        .starts_with("raster 500 300 0 "));
    // another folder, no previous release: everything comes from the cache, byte for byte
    let b = tmp.path().join("b");
    let second = build_cached(dir.path(), &b, None, Some(&cache))
        .images
        .unwrap();
    assert_eq!((second.encoded, second.decoded, second.reused), (0, 0, 6));
    for entry in std::fs::read_dir(&cache).unwrap() {
        let entry = entry.unwrap();
        if is_file(&entry) {
            let published = b.join("images").join(entry.file_name());
            assert_eq!(
                fs::read(entry.path()).unwrap(),
                fs::read(published).unwrap()
            );
        }
    }
    // damaged facts are checked again, not trusted
    fs::write(&facts, "raster what").unwrap();
    let c = build_cached(dir.path(), &tmp.path().join("c"), None, Some(&cache));
    let article: krasa_model::Article =
        serde_json::from_slice(&fs::read(tmp.path().join("c/data/articles/one.json")).unwrap())
            .unwrap();
    assert!(article.body_html.contains("width=\"500\" height=\"300\""));
    assert_eq!(c.images.unwrap().encoded, 0);
}
