//! Pictures: the files press publishes for an image and how a page asks for them. One image
//! becomes a *picture*: several widths (never wider than the source), each in AVIF, WebP and
//! a fallback (JPEG, or PNG when the image has transparency), or one checked SVG file. Every
//! file name carries a hash of the source and of the processing settings, so a host can
//! cache it forever. See docs/images.md.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Where published images live, relative to the site root.
pub const IMAGES_DIR: &str = "images";

/// The widths a raster image is published at (those up to its own width; an image narrower
/// than the largest is also published at its own width).
pub const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// `sizes` of an image in an article's column: the column is 44rem at most.
pub const SIZES_ARTICLE: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

/// The file format of a picture's fallback (what `<img src>` names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Fallback {
    /// Opaque raster images.
    Jpg,
    /// Raster images with transparency.
    Png,
    /// Vector images, published as they are (one file, no widths).
    Svg,
}

impl Fallback {
    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Fallback::Jpg => "jpg",
            Fallback::Png => "png",
            Fallback::Svg => "svg",
        }
    }

    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            Fallback::Jpg => "image/jpeg",
            Fallback::Png => "image/png",
            Fallback::Svg => "image/svg+xml",
        }
    }
}

/// The modern formats every raster width is also published in, best first: a browser takes
/// the first it supports (`<source type>`).
pub const MODERN: [(&str, &str); 2] = [("avif", "image/avif"), ("webp", "image/webp")];

/// One published image: the files of each width and what a page needs to reserve its space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Picture {
    /// The files' common start, relative to the site root: `images/<name>.<hash>`. A file is
    /// `<stem>.<width>.<ext>` ([`Picture::file`]), an SVG `<stem>.svg`.
    pub stem: String,
    /// The widths published, ascending; empty for an SVG.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u32>,
    /// The size of the largest file, in pixels (an SVG's own size).
    pub width: u32,
    pub height: u32,
    pub fallback: Fallback,
    /// The placeholder shown until the image loads: its average colour as one of the
    /// [`tone`] classes. None for images with transparency and SVG.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<u16>,
}

impl Picture {
    /// The file of one width in one format (`avif`, `webp`, or the fallback's extension).
    pub fn file(&self, width: u32, ext: &str) -> String {
        format!("{}.{width}.{ext}", self.stem)
    }

    /// The fallback file at the largest width (the SVG file itself).
    pub fn src(&self) -> String {
        match self.widths.last() {
            Some(&w) => self.file(w, self.fallback.ext()),
            None => format!("{}.{}", self.stem, self.fallback.ext()),
        }
    }

    /// The smallest file in one format (`avif`, `webp`, or the fallback's extension); the
    /// SVG file itself.
    pub fn smallest_in(&self, ext: &str) -> String {
        match self.widths.first() {
            Some(&w) => self.file(w, ext),
            None => self.src(),
        }
    }

    /// `srcset` of one format: every width, `file 480w, ...`. Empty for an SVG.
    pub fn srcset(&self, ext: &str) -> String {
        self.srcset_up_to(ext, u32::MAX)
    }

    /// `srcset` of one format with the widths up to `max` (at least the smallest).
    pub fn srcset_up_to(&self, ext: &str, max: u32) -> String {
        let smallest = self.widths.first().copied().unwrap_or(0);
        self.widths
            .iter()
            .filter(|&&w| w <= max.max(smallest))
            .map(|&w| format!("{} {w}w", self.file(w, ext)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The height at `width`, keeping the aspect ratio.
    pub fn height_at(&self, width: u32) -> u32 {
        scaled_height(self.width, self.height, width)
    }

    /// Every file of the picture, relative to the site root.
    pub fn files(&self) -> Vec<String> {
        if self.widths.is_empty() {
            return vec![self.src()];
        }
        let exts = MODERN.iter().map(|(ext, _)| *ext);
        let exts: Vec<&str> = exts.chain([self.fallback.ext()]).collect();
        self.widths
            .iter()
            .flat_map(|&w| exts.iter().map(move |ext| self.file(w, ext)))
            .collect()
    }

    /// A thumbnail's markup (inside a `<picture>`): the smallest width in each format, lazy,
    /// decorative (`alt=""`: a card's title says what the story is). Written as text for the
    /// browser to parse, which costs the app less than building the elements one by one.
    pub fn thumbnail_html(&self) -> String {
        let esc = crate::escape_markup;
        let mut out = String::new();
        if !self.widths.is_empty() {
            for (ext, mime) in MODERN {
                out.push_str(&format!(
                    "<source type=\"{mime}\" srcset=\"{}\">",
                    esc(&self.smallest_in(ext))
                ));
            }
        }
        let width = self.widths.first().copied().unwrap_or(self.width);
        let tone = self
            .tone_class()
            .map(|c| format!(" class=\"{c}\""))
            .unwrap_or_default();
        out.push_str(&format!(
            "<img src=\"{}\" width=\"{width}\" height=\"{}\" alt=\"\" loading=\"lazy\" decoding=\"async\"{tone}>",
            esc(&self.smallest_in(self.fallback.ext())),
            self.height_at(width)
        ));
        out
    }

    /// The class of its placeholder, when it has one.
    pub fn tone_class(&self) -> Option<String> {
        self.tone.map(tone::class)
    }
}

/// The height of an image `width`×`height` scaled to `to` pixels wide (at least 1).
pub fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width.max(1));
    (h as u32).max(1)
}

/// The widths a raster image `width` pixels wide is published at: each of [`WIDTHS`] up to
/// its own, and its own width when it is narrower than the largest and not one of them.
pub fn widths_for(width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w <= width).collect();
    let largest = WIDTHS[WIDTHS.len() - 1];
    if width < largest && !out.contains(&width) {
        out.push(width);
    }
    out
}

/// A crop of a lead image, for sharing: a social card, or the 16:9 and 1:1 images search
/// engines show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct Crop {
    /// The JPEG file, relative to the site root.
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// The crops of a lead image, each around its focal point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct ShareCrops {
    /// 1200×630 (or smaller, never upscaled): the social card.
    pub card: Crop,
    /// 16:9.
    pub wide: Crop,
    /// 1:1.
    pub square: Crop,
}

/// The aspect ratios of the crops, as width:height.
pub const CARD_RATIO: (u32, u32) = (1200, 630);
pub const WIDE_RATIO: (u32, u32) = (16, 9);
pub const SQUARE_RATIO: (u32, u32) = (1, 1);
/// The width crops are made at (less when the source is narrower).
pub const CROP_WIDTH: u32 = 1200;

/// Placeholder tones: an image's average colour rounded to one of 125 colours (five levels a
/// channel), each a CSS class (`tone-<n>`) in the site's stylesheet, since the site's
/// Content-Security-Policy forbids inline styles.
pub mod tone {
    /// The five levels of each channel.
    pub const LEVELS: [u8; 5] = [0x20, 0x58, 0x90, 0xc8, 0xf0];

    /// The tone nearest a colour.
    pub fn of(rgb: [u8; 3]) -> u16 {
        let level = |c: u8| {
            (0..LEVELS.len())
                .min_by_key(|&i| (i32::from(LEVELS[i]) - i32::from(c)).abs())
                .unwrap_or(0) as u16
        };
        level(rgb[0]) * 25 + level(rgb[1]) * 5 + level(rgb[2])
    }

    /// A tone's colour.
    pub fn colour(tone: u16) -> [u8; 3] {
        let at = |i: u16| LEVELS[usize::from(i % 5)];
        [at(tone / 25), at(tone / 5), at(tone)]
    }

    /// A tone's class name.
    pub fn class(tone: u16) -> String {
        format!("tone-{tone}")
    }

    /// The number of tones.
    pub const COUNT: u16 = 125;

    /// The stylesheet rules of every tone (style/main.css holds them; a test checks).
    pub fn css() -> String {
        (0..COUNT)
            .map(|t| {
                let [r, g, b] = colour(t);
                format!(".{}{{background-color:#{r:02x}{g:02x}{b:02x}}}\n", class(t))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(widths: Vec<u32>) -> Picture {
        Picture {
            stem: "images/lead.0123456789".into(),
            width: *widths.last().unwrap_or(&600),
            height: 450,
            widths,
            fallback: Fallback::Jpg,
            tone: Some(62),
        }
    }

    #[test]
    fn widths_are_never_upscaled() {
        assert_eq!(widths_for(2400), vec![480, 800, 1200, 1600]);
        assert_eq!(widths_for(1600), vec![480, 800, 1200, 1600]);
        assert_eq!(widths_for(1000), vec![480, 800, 1000]);
        assert_eq!(widths_for(300), vec![300]);
        assert_eq!(widths_for(480), vec![480]);
    }

    #[test]
    fn srcsets_name_every_width_in_one_format() {
        let p = picture(vec![480, 800]);
        assert_eq!(
            p.srcset("avif"),
            "images/lead.0123456789.480.avif 480w, images/lead.0123456789.800.avif 800w"
        );
        assert_eq!(p.src(), "images/lead.0123456789.800.jpg");
        assert_eq!(p.smallest_in("jpg"), "images/lead.0123456789.480.jpg");
        assert_eq!(
            p.srcset_up_to("webp", 100),
            "images/lead.0123456789.480.webp 480w"
        );
        assert_eq!(p.files().len(), 6);
    }

    #[test]
    fn an_svg_is_one_file() {
        let p = Picture {
            fallback: Fallback::Svg,
            tone: None,
            ..picture(vec![])
        };
        assert_eq!(p.src(), "images/lead.0123456789.svg");
        assert_eq!(p.files(), vec![p.src()]);
        assert_eq!(p.srcset("avif"), "");
    }

    #[test]
    fn tones_round_to_the_nearest_level() {
        assert_eq!(tone::of([0, 0, 0]), 0);
        assert_eq!(tone::of([255, 255, 255]), 124);
        assert_eq!(
            tone::colour(tone::of([0x90, 0x58, 0xc8])),
            [0x90, 0x58, 0xc8]
        );
        assert!(tone::css().contains(".tone-124{background-color:#f0f0f0}"));
    }

    #[test]
    fn the_stylesheet_holds_every_tone() {
        let css = include_str!("../../../style/main.css");
        assert!(
            css.contains(&tone::css()),
            "style/main.css lacks the rules of tone::css()"
        );
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(1600, 900, 480), 270);
        assert_eq!(scaled_height(3, 1, 1), 1);
    }
}
