//! Social cards: the 1200×630 PNG a shared link shows (`og:image`), drawn at build time from
//! the story's title, its category badge and the site's name. An SVG template ([`svg`]) is
//! rendered with resvg, with DejaVu Sans from the system's fonts (Debian's
//! `fonts-dejavu-core`, which `scripts/setup` installs).
//!
//! Titles are wrapped to the card's width by the font's own glyph advances, and set smaller
//! when they need more lines, so no text is ever cut.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};

use krasa_model::escape_markup as xml;
use krasa_model::paths::{self, StoryImage, CARD_HEIGHT, CARD_WIDTH};
use rayon::prelude::*;

use crate::error::{io, PressError};
use crate::index::SiteIndex;
use krasa_release::files::{link_file, write_file};
use krasa_release::inputs;
use krasa_release::manifest::{inputs_digest, Previous};

/// The family every card is set in.
const FAMILY: &str = "DejaVu Sans";
/// Left and right margin of the text.
const MARGIN: f32 = 80.0;
/// Title sizes tried, largest first, with the lines each may take.
const TITLE_SIZES: [(f32, usize); 4] = [(64.0, 4), (56.0, 5), (48.0, 6), (40.0, 7)];

/// What a card says.
#[derive(Debug, Clone, Copy)]
pub struct CardText<'a> {
    pub title: &'a str,
    /// The category, in the badge (none on the site's card).
    pub badge: Option<&'a str>,
    pub site: &'a str,
}

/// A card to draw: its file (relative to the site root) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSpec {
    pub file: String,
    pub title: String,
    pub badge: Option<String>,
    pub site: String,
}

impl CardSpec {
    /// What the card's pixels are made from: what it says and the code that draws it (its
    /// inputs in the release's manifest, so a later build can tell it need not be redrawn).
    pub fn inputs(&self) -> String {
        inputs_digest(&[
            drawing_code(),
            self.title.as_bytes(),
            self.badge.as_deref().unwrap_or("").as_bytes(),
            self.site.as_bytes(),
        ])
    }

    fn text(&self) -> CardText<'_> {
        CardText {
            title: &self.title,
            badge: self.badge.as_deref(),
            site: &self.site,
        }
    }
}

/// The cards a site needs: its own (front page and lists: its tagline under its name), and
/// one per published article that has no raster lead image to be shared with.
pub fn specs(index: &SiteIndex<'_>) -> Vec<CardSpec> {
    let site = index.config;
    let mut cards = vec![CardSpec {
        file: paths::site_card(),
        title: site.tagline.clone(),
        badge: None,
        site: site.title.clone(),
    }];
    cards.extend(
        index
            .stories
            .iter()
            .map(|s| &s.summary)
            .filter(|s| matches!(StoryImage::of(s), StoryImage::Card(_)))
            .map(|s| CardSpec {
                file: paths::article_card(&s.slug),
                title: s.title.clone(),
                badge: Some(s.category.clone()),
                site: site.title.clone(),
            }),
    );
    cards
}

/// What [`draw_into`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Drawn {
    pub drawn: usize,
    /// Cards taken from the previous release because what they say had not changed.
    pub reused: usize,
}

/// Draws every card into the site root `root`, on all cores, each written as soon as it is
/// drawn (memory stays flat however many stories there are), recording in `log` what each
/// was made from. A card the `previous` release made from the same [`CardSpec::inputs`] is
/// hard-linked instead of drawn again.
pub fn draw_into(
    root: &Path,
    cards: &[CardSpec],
    previous: Option<&Previous>,
    log: &inputs::Log,
) -> Result<Drawn, PressError> {
    if cards.is_empty() {
        return Ok(Drawn::default());
    }
    let painter = Cards::new()?;
    cards
        .par_iter()
        .map(|c| {
            let inputs = c.inputs();
            log.record(&c.file, &inputs);
            if let Some(old) = previous.and_then(|p| p.made_from(&c.file, &inputs)) {
                link_file(&old, root, &c.file)?;
                return Ok(Drawn {
                    drawn: 0,
                    reused: 1,
                });
            }
            write_file(root, &c.file, &painter.png(&c.text())?)?;
            Ok(Drawn {
                drawn: 1,
                reused: 0,
            })
        })
        .try_reduce(Drawn::default, |a, b| {
            Ok(Drawn {
                drawn: a.drawn + b.drawn,
                reused: a.reused + b.reused,
            })
        })
}

/// The code that draws cards: when it changes, every card is drawn again.
fn drawing_code() -> &'static [u8] {
    static CODE: OnceLock<[u8; 32]> = OnceLock::new();
    CODE.get_or_init(|| {
        let mut h = Sha256::new();
        h.update(include_str!("cards.rs"));
        h.update(env!("CARGO_PKG_VERSION"));
        h.finalize().into()
    })
}

/// Draws cards: the font database is loaded once.
pub struct Cards {
    fonts: Arc<resvg::usvg::fontdb::Database>,
    face: resvg::usvg::fontdb::ID,
}

impl Cards {
    /// Loads the system's fonts; DejaVu Sans Bold must be among them. Its file is read into
    /// memory once: left as a file, fontdb maps it again for every text element and every
    /// measurement, which took 90 % of the time spent laying out a card (4.9 ms of 5.4 ms,
    /// measured 2026-11-28). The other faces stay files, for the rare fallback glyph.
    pub fn new() -> Result<Cards, PressError> {
        use resvg::usvg::fontdb::{Database, Family, Query, Source, Weight};
        let mut db = Database::new();
        db.load_system_fonts();
        let query = Query {
            families: &[Family::Name(FAMILY)],
            weight: Weight::BOLD,
            ..Query::default()
        };
        let missing = || {
            PressError::Card(format!(
                "the font {FAMILY} Bold is not installed (Debian: fonts-dejavu-core; scripts/setup installs it)"
            ))
        };
        let face = db.query(&query).ok_or_else(missing)?;
        if let Some((Source::File(path), _)) = db.face_source(face) {
            let data = std::fs::read(&path).map_err(io(&path))?;
            db.remove_face(face);
            db.load_font_data(data);
        }
        let face = db.query(&query).ok_or_else(missing)?;
        Ok(Cards {
            fonts: Arc::new(db),
            face,
        })
    }

    /// The width of `text` set at `size` pixels, from the font's advances.
    fn width(&self, text: &str, size: f32) -> f32 {
        self.fonts
            .with_face_data(self.face, |data, index| {
                let face = ttf_parser::Face::parse(data, index).ok()?;
                let per_unit = size / f32::from(face.units_per_em());
                let units: u32 = text
                    .chars()
                    .map(|c| {
                        face.glyph_index(c)
                            .and_then(|g| face.glyph_hor_advance(g))
                            .map_or(u32::from(face.units_per_em()) / 2, u32::from)
                    })
                    .sum();
                Some(units as f32 * per_unit)
            })
            .flatten()
            .unwrap_or(text.chars().count() as f32 * size * 0.6)
    }

    /// The card's SVG source.
    pub fn svg(&self, text: &CardText<'_>) -> String {
        svg(text, &|s, size| self.width(s, size))
    }

    /// The card as a PNG file.
    pub fn png(&self, text: &CardText<'_>) -> Result<Vec<u8>, PressError> {
        let svg = self.svg(text);
        let options = resvg::usvg::Options {
            fontdb: Arc::clone(&self.fonts),
            ..resvg::usvg::Options::default()
        };
        let tree = resvg::usvg::Tree::from_str(&svg, &options)
            .map_err(|e| PressError::Card(format!("card for “{}”: {e}", text.title)))?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT)
            .ok_or_else(|| PressError::Card("no pixmap".into()))?;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::default(),
            &mut pixmap.as_mut(),
        );
        encode(&pixmap).map_err(|e| PressError::Card(format!("card for “{}”: {e}", text.title)))
    }
}

/// An opaque pixmap as a PNG (its weight is what a chat or a social network downloads for
/// every share). A card is flat colours and the antialiased edges of text, so it usually has
/// at most 256 colours: then it is written with a palette, exactly (no colour is
/// approximated), a third of the pixel data of RGB; otherwise as RGB. Compression is the
/// `png` crate's fast one (fdeflate) with adaptive filters: measured on a three-line title
/// (2026-11-28), 29 KB in 0.6 ms against 21 KB in 4.2 ms at the default level. Drawing is
/// most of a full build of a large archive (one card per story), so the faster one wins.
fn encode(pixmap: &resvg::tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    // The card is opaque, so the premultiplied colours are the colours.
    let rgb = || pixmap.data().chunks_exact(4).map(|p| [p[0], p[1], p[2]]);
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let data = match Indexed::of(pixmap.data()) {
        Some(indexed) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(indexed.colours.concat());
            indexed.pixels
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgb().flatten().collect()
        }
    };
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

/// An image of at most 256 colours: its palette, in order of first appearance, and each
/// pixel's index in it.
struct Indexed {
    colours: Vec<[u8; 3]>,
    pixels: Vec<u8>,
}

impl Indexed {
    /// The opaque RGBA pixels `rgba` with a palette; None when they have more than 256
    /// colours.
    fn of(rgba: &[u8]) -> Option<Indexed> {
        // each pixel as one integer (alpha is always opaque), colours hashed with FxHash:
        // this loop runs once per pixel
        let mut index: rustc_hash::FxHashMap<u32, u8> = rustc_hash::FxHashMap::default();
        let mut colours = Vec::new();
        let mut pixels = Vec::with_capacity(rgba.len() / 4);
        // runs of one colour are the rule: look each run up once
        let mut run: Option<(u32, u8)> = None;
        for p in rgba.chunks_exact(4) {
            let key = u32::from_le_bytes([p[0], p[1], p[2], p[3]]);
            let i = match run {
                Some((colour, i)) if colour == key => i,
                _ => {
                    let i = match index.get(&key) {
                        Some(&i) => i,
                        None => {
                            let i = u8::try_from(colours.len()).ok()?;
                            index.insert(key, i);
                            colours.push([p[0], p[1], p[2]]);
                            i
                        }
                    };
                    run = Some((key, i));
                    i
                }
            };
            pixels.push(i);
        }
        Some(Indexed { colours, pixels })
    }
}

/// The title broken into lines that fit `max` pixels at `size`; a word longer than a line
/// is broken between characters.
pub fn wrap(title: &str, size: f32, max: f32, width: &dyn Fn(&str, f32) -> f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in title.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // a word wider than the line: split it
        for c in word.chars() {
            let next = format!("{line}{c}");
            if !line.is_empty() && width(&next, size) > max {
                lines.push(std::mem::take(&mut line));
                line.push(c);
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The card's SVG: a dark card with the badge, the title (wrapped, at the largest size that
/// fits) and the site's name. `width` measures text.
pub fn svg(text: &CardText<'_>, width: &dyn Fn(&str, f32) -> f32) -> String {
    let max = CARD_WIDTH as f32 - 2.0 * MARGIN;
    let (size, lines) = TITLE_SIZES
        .iter()
        .map(|&(size, most)| (size, most, wrap(text.title, size, max, width)))
        .find(|(_, most, lines)| lines.len() <= *most)
        .map(|(size, _, lines)| (size, lines))
        .unwrap_or_else(|| {
            let (size, _) = TITLE_SIZES[TITLE_SIZES.len() - 1];
            (size, wrap(text.title, size, max, width))
        });
    let leading = size * 1.2;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{CARD_WIDTH}\" height=\"{CARD_HEIGHT}\" viewBox=\"0 0 {CARD_WIDTH} {CARD_HEIGHT}\" font-family=\"{FAMILY}\" font-weight=\"bold\">\
         <rect width=\"100%\" height=\"100%\" fill=\"#121417\"/>\
         <rect width=\"100%\" height=\"12\" fill=\"#b3261e\"/>"
    );
    let mut top = 96.0;
    if let Some(badge) = text.badge {
        let label = badge.to_uppercase();
        let w = width(&label, 26.0) + 40.0;
        out.push_str(&format!(
            "<rect x=\"{MARGIN}\" y=\"{top}\" width=\"{w:.0}\" height=\"48\" rx=\"6\" fill=\"#b3261e\"/>\
             <text x=\"{:.0}\" y=\"{:.0}\" font-size=\"26\" fill=\"#ffffff\" letter-spacing=\"1\">{}</text>",
            MARGIN + 20.0,
            top + 34.0,
            xml(&label)
        ));
        top += 48.0 + 40.0;
    }
    for (i, line) in lines.iter().enumerate() {
        let y = top + size + i as f32 * leading;
        out.push_str(&format!(
            "<text x=\"{MARGIN}\" y=\"{y:.0}\" font-size=\"{size:.0}\" fill=\"#ffffff\">{}</text>",
            xml(line)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{MARGIN}\" y=\"{:.0}\" font-size=\"32\" fill=\"#aab2bd\">{}</text></svg>",
        CARD_HEIGHT as f32 - 60.0,
        xml(text.site)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 0.5 em wide.
    fn even(s: &str, size: f32) -> f32 {
        s.chars().count() as f32 * size * 0.5
    }

    #[test]
    fn titles_wrap_without_losing_a_word() {
        let title =
            "The EU AI Act's August deadline: what companies must prepare before the rules bite";
        let lines = wrap(title, 64.0, 1040.0, &even);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), title);
        for l in &lines {
            assert!(even(l, 64.0) <= 1040.0, "{l}");
        }
        let long = "x".repeat(100);
        let parts = wrap(&long, 64.0, 1040.0, &even);
        assert_eq!(parts.concat(), long, "a long word is split, not cut");
    }

    #[test]
    fn long_titles_get_smaller_type_not_cut() {
        let title = "word ".repeat(60);
        let card = svg(
            &CardText {
                title: title.trim(),
                badge: Some("Analysis"),
                site: "Krasa News",
            },
            &even,
        );
        assert!(card.contains("font-size=\"40\""), "{card}");
        assert_eq!(
            card.matches("word").count(),
            60,
            "every word is on the card"
        );
    }

    #[test]
    fn the_card_says_title_badge_and_site_escaped() {
        let card = svg(
            &CardText {
                title: "Chips & <rules>",
                badge: Some("Breaking"),
                site: "Krasa News",
            },
            &even,
        );
        assert!(card.contains(">Chips &amp; &lt;rules&gt;</text>"), "{card}");
        assert!(card.contains(">BREAKING</text>"));
        assert!(card.contains(">Krasa News</text>"));
    }

    #[test]
    fn cards_are_1200_by_630_png_under_100_kb() {
        let cards = Cards::new().expect("DejaVu Sans Bold is installed");
        let png = cards
            .png(&CardText {
                title: "US and China weigh AI-risk talks at Beijing summit, with a title long enough to wrap",
                badge: Some("Breaking"),
                site: "Krasa News",
            })
            .unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let dim = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        assert_eq!((dim(16), dim(20)), (CARD_WIDTH, CARD_HEIGHT));
        assert!(png.len() <= 100_000, "{} bytes", png.len());
    }

    fn spec(file: &str, title: &str) -> CardSpec {
        CardSpec {
            file: file.into(),
            title: title.into(),
            badge: Some("Policy".into()),
            site: "Krasa News".into(),
        }
    }

    /// The release `dir` as publish would record it: each file with the inputs logged.
    fn as_release(dir: &Path, log: inputs::Log) -> Previous {
        use krasa_release::manifest::{Entry, FileDigest, Manifest};
        log.write(dir, inputs::Step::Cards).unwrap();
        let recorded = inputs::read_all(dir).unwrap();
        let files = recorded
            .into_iter()
            .map(|(rel, inputs)| {
                let bytes = std::fs::read(dir.join(&rel)).unwrap();
                let digest = FileDigest::of(&bytes);
                let inputs = Some(inputs);
                (rel, Entry { digest, inputs })
            })
            .collect();
        Previous {
            dir: dir.to_path_buf(),
            manifest: Manifest { files },
        }
    }

    #[test]
    fn a_card_is_drawn_again_only_when_what_it_says_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        let cards = [
            spec("cards/a.png", "Chips act"),
            spec("cards/b.png", "Data rules"),
        ];
        let log = inputs::Log::default();
        let first = draw_into(&old, &cards, None, &log).unwrap();
        assert_eq!(
            first,
            Drawn {
                drawn: 2,
                reused: 0
            }
        );
        let previous = as_release(&old, log);

        let edited = [cards[0].clone(), spec("cards/b.png", "Data rules, revised")];
        let log = inputs::Log::default();
        let second = draw_into(&new, &edited, Some(&previous), &log).unwrap();
        assert_eq!(
            second,
            Drawn {
                drawn: 1,
                reused: 1
            }
        );
        let same =
            |f: &str| std::fs::read(old.join(f)).unwrap() == std::fs::read(new.join(f)).unwrap();
        assert!(same("cards/a.png"));
        assert!(!same("cards/b.png"));
        assert_ne!(cards[1].inputs(), edited[1].inputs());
        let badge = CardSpec {
            badge: None,
            ..cards[0].clone()
        };
        assert_ne!(
            badge.inputs(),
            cards[0].inputs(),
            "the badge is part of what a card is made from"
        );
    }
}
