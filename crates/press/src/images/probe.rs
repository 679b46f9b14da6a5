//! Reading a source image: its size, whether it decodes, its average colour; every check
//! that can reject it (missing, too big, a decompression bomb, truncated, an unsafe SVG)
//! before anything is published.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use krasa_model::picture::tone;
use sha2::{Digest, Sha256};

use super::{MAX_FILE_BYTES, MAX_PIXELS, PROCESSING_VERSION};

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("is a web address")]
    Remote,
    #[error("is outside the content folder")]
    Outside,
    #[error("does not exist ({0})")]
    Missing(String),
    #[error("cannot be read: {0}")]
    Unreadable(String),
    #[error("is {size} bytes, over the limit of {limit} bytes")]
    FileTooLarge { size: u64, limit: u64 },
    #[error("is {width}×{height} pixels, over the limit of {limit} pixels")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    #[error("is not an image press can read ({0})")]
    Unsupported(String),
    #[error("does not decode: {0}")]
    Undecodable(String),
    #[error("is an unsafe SVG: {0}")]
    UnsafeSvg(String),
    #[error("is not a valid SVG: {0}")]
    BadSvg(String),
    #[error("changed while the site was being built")]
    Changed,
}

impl ImageError {
    /// The problem of the image an article names as `written`, at `span` of its file, in
    /// `field` (`image`, or `body` for a Markdown image).
    pub fn problem(
        &self,
        file: usize,
        span: std::ops::Range<usize>,
        written: &str,
        field: &str,
    ) -> crate::diag::Problem {
        crate::diag::error(file, span, format!("the image `{written}` {self}"))
            .field(field)
            .found("the image named here")
            .expected(self.expected())
    }

    /// What would be accepted instead.
    pub fn expected(&self) -> &'static str {
        match self {
            ImageError::Remote => "a file in the content folder: save the image beside the story, with its rights cleared",
            ImageError::Outside => "a path inside the content folder, e.g. `chart.png` beside the story or `/images/chart.png`",
            ImageError::Missing(_) => "the path of an existing file, relative to the story's folder (or `/images/...` for the shared folder)",
            ImageError::Unreadable(_) | ImageError::Changed => "a readable image file",
            ImageError::FileTooLarge { .. } => "a file under 25 MiB: export it at a smaller size or higher compression",
            ImageError::TooManyPixels { .. } => "an image of at most 50 megapixels (6000×4000 is plenty)",
            ImageError::Unsupported(_) => "a JPEG, PNG, WebP or SVG file",
            ImageError::Undecodable(_) => "a complete, undamaged image file: export it again",
            ImageError::UnsafeSvg(_) => "an SVG with no scripts, event handlers or references to other files or sites",
            ImageError::BadSvg(_) => "a well-formed SVG document with a size (width and height, or a viewBox)",
        }
    }
}

/// A checked source image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// Its file name without extension, as a slug (`diagram-1`).
    pub name: String,
    /// The first characters of the digest of its bytes and the processing settings: every
    /// published file of it carries this.
    pub hash: String,
    /// Its size, upright (after its EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Raster {
        /// It has transparent pixels.
        alpha: bool,
        /// Its average colour's [`tone`].
        tone: u16,
    },
    Svg,
}

/// The folder of the image cache that keeps what checking each source found.
pub const FACTS_DIR: &str = "facts";

/// Reads and checks the image at `path`. With `facts` (a folder of the image cache), a
/// source whose bytes an earlier build checked is not decoded again: what it found is read
/// back by the source's hash (which covers this code too), and what is found now is kept.
pub fn probe(path: &Path, facts: Option<&Path>) -> Result<Source, ImageError> {
    let bytes = read(path)?;
    let hash = hash(&bytes);
    let kept = facts.map(|dir| dir.join(format!("{hash}.facts")));
    let found = kept.as_deref().and_then(Facts::read);
    let Facts {
        width,
        height,
        kind,
    } = match found {
        Some(f) => f,
        None => {
            let f = check(path, &bytes)?;
            if let Some(kept) = &kept {
                f.keep(kept);
            }
            f
        }
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("image");
    let name = crate::slug::slugify(stem);
    Ok(Source {
        path: path.to_path_buf(),
        name: if name.is_empty() {
            "image".into()
        } else {
            name
        },
        hash,
        width,
        height,
        kind,
    })
}

/// What checking a source found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Facts {
    width: u32,
    height: u32,
    kind: Kind,
}

impl Facts {
    /// One line: `svg <width> <height>` or `raster <width> <height> <alpha 0|1> <tone>`.
    fn line(&self) -> String {
        match self.kind {
            Kind::Svg => format!("svg {} {}\n", self.width, self.height),
            Kind::Raster { alpha, tone } => {
                format!(
                    "raster {} {} {} {tone}\n",
                    self.width,
                    self.height,
                    u8::from(alpha)
                )
            }
        }
    }

    fn read(path: &Path) -> Option<Facts> {
        let text = std::fs::read_to_string(path).ok()?;
        let words: Vec<&str> = text.split_whitespace().collect();
        let num = |i: usize| words.get(i)?.parse::<u32>().ok();
        let kind = match *words.first()? {
            "svg" => Kind::Svg,
            "raster" => Kind::Raster {
                alpha: num(3)? == 1,
                tone: u16::try_from(num(4)?).ok()?,
            },
            _ => return None,
        };
        Some(Facts {
            width: num(1)?,
            height: num(2)?,
            kind,
        })
    }

    /// Keeps the facts at `path` (best effort: written whole, then named).
    fn keep(&self, path: &Path) {
        if let Some(dir) = path.parent() {
            let tmp = path.with_extension("part");
            let _ = std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&tmp, self.line()))
                .and_then(|()| std::fs::rename(&tmp, path));
        }
    }
}

/// Checks a source's bytes: decodes a raster image (its size upright, its tone and
/// transparency), parses an SVG.
fn check(path: &Path, bytes: &[u8]) -> Result<Facts, ImageError> {
    if is_svg(path) {
        let (width, height) = check_svg(bytes)?;
        return Ok(Facts {
            width,
            height,
            kind: Kind::Svg,
        });
    }
    let image = decode(bytes)?;
    Ok(Facts {
        width: image.width(),
        height: image.height(),
        kind: Kind::Raster {
            alpha: has_transparency(&image),
            tone: tone::of(average(&image)),
        },
    })
}

/// The name hash of a source's bytes and of what is made of them (the processing version,
/// the checking and the encoding code): when either changes, so do the file names, and no host serves
/// an old file under a name it cached forever.
pub fn hash(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(PROCESSING_VERSION);
    h.update(include_str!("encode.rs"));
    h.update(include_str!("probe.rs"));
    h.update(bytes);
    format!("{:x}", h.finalize())[..10].to_string()
}

fn is_svg(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// The file's bytes, within the size limit.
pub fn read(path: &Path) -> Result<Vec<u8>, ImageError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ImageError::Missing(path.display().to_string()),
        _ => ImageError::Unreadable(e.to_string()),
    })?;
    if !meta.is_file() {
        return Err(ImageError::Missing(format!(
            "{} is a folder",
            path.display()
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImageError::FileTooLarge {
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(|e| ImageError::Unreadable(e.to_string()))
}

/// Decodes a raster image upright, refusing one over the pixel limit before decoding it.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    let reader = || {
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| ImageError::Unreadable(e.to_string()))?;
        match reader.format() {
            Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => Ok(reader),
            Some(other) => Err(ImageError::Unsupported(format!(
                "{} is not supported",
                other.extensions_str().first().unwrap_or(&"that format")
            ))),
            None => Err(ImageError::Unsupported("not a known image format".into())),
        }
    };
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(ImageError::TooManyPixels {
            width,
            height,
            limit: MAX_PIXELS,
        });
    }
    let mut reader = reader()?;
    if reader.format() == Some(ImageFormat::Jpeg) && !ends_with_eoi(bytes) {
        // the JPEG decoder fills what is missing with grey: a cut file must be an error
        return Err(ImageError::Undecodable(
            "the file ends before its image does (it is truncated)".into(),
        ));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    // 8 bytes a pixel (16-bit RGBA) and the decoder's own buffers
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    let undecodable = |e: image::ImageError| ImageError::Undecodable(e.to_string());
    let mut decoder = reader.into_decoder().map_err(undecodable)?;
    let orientation = decoder.orientation().map_err(undecodable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(undecodable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Whether JPEG data ends with its end-of-image marker (padding after it aside).
fn ends_with_eoi(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    bytes[..end].ends_with(&[0xff, 0xd9])
}

/// The average colour of an image (over opaque pixels, sampled on a grid).
fn average(image: &DynamicImage) -> [u8; 3] {
    let rgba = image.to_rgba8();
    let step = ((rgba.width() * rgba.height()) as usize / 40_000).max(1);
    let mut sum = [0u64; 3];
    let mut n = 0u64;
    for p in rgba.pixels().step_by(step).filter(|p| p[3] > 0) {
        for (s, c) in sum.iter_mut().zip(p.0) {
            *s += u64::from(c);
        }
        n += 1;
    }
    let n = n.max(1);
    sum.map(|s| (s / n) as u8)
}

fn has_transparency(image: &DynamicImage) -> bool {
    image.color().has_alpha() && image.to_rgba8().pixels().any(|p| p[3] < 255)
}

/// Checks an SVG: well-formed, sized, and holding nothing that runs or fetches: no script,
/// no event handler, no `foreignObject`, no reference outside the file. Its size in pixels.
pub fn check_svg(bytes: &[u8]) -> Result<(u32, u32), ImageError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| ImageError::BadSvg("not UTF-8 text".into()))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| ImageError::BadSvg(e.to_string()))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err(ImageError::BadSvg("the root element is not <svg>".into()));
    }
    for node in doc.descendants().filter(|n| n.is_element()) {
        unsafe_in(node)?;
    }
    svg_size(root)
        .ok_or_else(|| ImageError::BadSvg("it has no width and height, nor a viewBox".into()))
}

/// The unsafe part of one SVG element, if any.
fn unsafe_in(node: roxmltree::Node<'_, '_>) -> Result<(), ImageError> {
    let name = node.tag_name().name();
    if matches!(
        name,
        "script" | "foreignObject" | "iframe" | "embed" | "object"
    ) {
        return Err(ImageError::UnsafeSvg(format!("a <{name}> element")));
    }
    for a in node.attributes() {
        let attr = a.name();
        if attr.to_ascii_lowercase().starts_with("on") {
            return Err(ImageError::UnsafeSvg(format!(
                "an event handler `{attr}` on <{name}>"
            )));
        }
        if attr == "href" && !a.value().trim_start().starts_with('#') {
            return Err(ImageError::UnsafeSvg(format!(
                "a reference to `{}` on <{name}>",
                a.value()
            )));
        }
        if external_url(a.value()) {
            return Err(ImageError::UnsafeSvg(format!(
                "an external url() in `{attr}` on <{name}>"
            )));
        }
    }
    if name == "style" {
        let css = node.text().unwrap_or("");
        if css.contains("@import") || external_url(css) {
            return Err(ImageError::UnsafeSvg(
                "a style sheet that loads another file".into(),
            ));
        }
    }
    Ok(())
}

/// Whether CSS text holds a `url(...)` that is not a reference inside the file (`url(#id)`).
fn external_url(css: &str) -> bool {
    css.match_indices("url(").any(|(i, m)| {
        let rest = css[i + m.len()..]
            .trim_start()
            .trim_start_matches(['"', '\'']);
        !rest.starts_with('#')
    })
}

/// An SVG's size: its width and height in pixels, else its viewBox's.
fn svg_size(root: roxmltree::Node<'_, '_>) -> Option<(u32, u32)> {
    let px = |name: &str| {
        let v = root.attribute(name)?.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|v| *v >= 1.0)
    };
    let (w, h) = match (px("width"), px("height")) {
        (Some(w), Some(h)) => (w, h),
        _ => {
            let vb: Vec<f64> = root
                .attribute("viewBox")?
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            match vb[..] {
                [_, _, w, h] if w >= 1.0 && h >= 1.0 => (w, h),
                _ => return None,
            }
        }
    };
    Some((w.round() as u32, h.round() as u32))
}
