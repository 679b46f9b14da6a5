//! Pictures in stories (docs/images.md). An article names an image by a path relative to its
//! folder (a bundle's own folder, or `articles/`), or from the content folder when the path
//! starts with `/` (`/images/chart.png`, the shared folder). Each source is read and checked
//! once however many stories use it ([`Catalogue`], [`probe`]); what a page shows of it is a
//! [`krasa_model::Picture`] whose files [`encode`] makes in the release
//! ([`crate::emit::images`]). [`html`] writes the markup.

pub mod encode;
pub mod html;
pub mod probe;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use krasa_model::picture::{self, Crop, ShareCrops, CROP_WIDTH};
use krasa_model::{Fallback, Picture};

pub use probe::{ImageError, Source};

/// Bumped whenever what press makes of a source changes (sizes, formats, quality): every
/// file name changes with it, so no host serves an old file under a new name.
pub const PROCESSING_VERSION: &str = "krasa-images-1";

/// The largest source file press reads.
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// The most pixels a source may decode to (a decompression bomb is rejected before it is
/// decoded): 50 megapixels, a 8660×5773 photograph.
pub const MAX_PIXELS: u64 = 50_000_000;
/// A lead image narrower than this is a warning: shared links and large screens want it.
pub const LEAD_MIN_WIDTH: u32 = 1200;

/// Where an image's focal point is, as fractions of its width and height from the top left:
/// crops keep it in view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    pub x: f64,
    pub y: f64,
}

impl Focus {
    pub const CENTRE: Focus = Focus { x: 0.5, y: 0.5 };

    /// A short name for file names: percentages, `50x50`.
    fn key(self) -> String {
        let pct = |f: f64| (f * 100.0).round() as u32;
        format!("{}x{}", pct(self.x), pct(self.y))
    }
}

/// Every source image of the content folder that a story names, each read and checked once
/// (stories are prepared on all cores; the first to ask probes, the others wait for it).
pub struct Catalogue {
    content: PathBuf,
    /// Where the facts of sources checked by earlier builds are kept (the image cache).
    facts: Option<PathBuf>,
    sources: Mutex<HashMap<PathBuf, Arc<OnceLock<Probed>>>>,
}

/// A source, or why it cannot be published.
pub type Probed = Result<Arc<Source>, ImageError>;

impl Catalogue {
    /// The images of the content folder `content`; with an image cache, the facts of a
    /// source an earlier build checked are read from it instead of decoding the source again.
    pub fn new(content: &Path, image_cache: Option<&Path>) -> Catalogue {
        Catalogue {
            content: content.to_path_buf(),
            facts: image_cache.map(|c| c.join(probe::FACTS_DIR)),
            sources: Mutex::new(HashMap::new()),
        }
    }

    /// The image `written` (as an article names it) from an article in `dir`.
    pub fn get(&self, dir: &Path, written: &str) -> Probed {
        let path = self.resolve(dir, written)?;
        let cell = {
            let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(sources.entry(path.clone()).or_default())
        };
        cell.get_or_init(|| probe::probe(&path, self.facts.as_deref()).map(Arc::new))
            .clone()
    }

    /// The file `written` names: relative to `dir`, or to the content folder when it starts
    /// with `/`; never outside the content folder, never a URL.
    fn resolve(&self, dir: &Path, written: &str) -> Result<PathBuf, ImageError> {
        let lower = written.to_ascii_lowercase();
        if lower.contains("://") || lower.starts_with("//") || lower.starts_with("data:") {
            return Err(ImageError::Remote);
        }
        let joined = match written.strip_prefix('/') {
            Some(rest) => self.content.join(rest),
            None => dir.join(written),
        };
        let path = normalize(&joined);
        if !path.starts_with(normalize(&self.content)) {
            return Err(ImageError::Outside);
        }
        Ok(path)
    }
}

/// `a/b/../c` as `a/c`, without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What a page shows of a source: its files' names and sizes.
pub fn picture_of(source: &Source) -> Picture {
    let stem = format!("{}/{}.{}", picture::IMAGES_DIR, source.name, source.hash);
    match source.kind {
        probe::Kind::Svg => Picture {
            stem,
            widths: Vec::new(),
            width: source.width,
            height: source.height,
            fallback: Fallback::Svg,
            tone: None,
        },
        probe::Kind::Raster { alpha, tone } => {
            let widths = picture::widths_for(source.width);
            let largest = widths.last().copied().unwrap_or(source.width);
            Picture {
                stem,
                width: largest,
                height: picture::scaled_height(source.width, source.height, largest),
                widths,
                fallback: if alpha { Fallback::Png } else { Fallback::Jpg },
                tone: if alpha { None } else { Some(tone) },
            }
        }
    }
}

/// The share crops of a lead image around `focus` (none for an SVG).
pub fn crops_of(source: &Source, focus: Focus) -> Option<ShareCrops> {
    if matches!(source.kind, probe::Kind::Svg) {
        return None;
    }
    let crop = |kind: CropKind| {
        let (width, height) = kind.size(source.width, source.height);
        Crop {
            src: format!(
                "{}/{}.{}.{}-{}.jpg",
                picture::IMAGES_DIR,
                source.name,
                source.hash,
                kind.name(),
                focus.key()
            ),
            width,
            height,
        }
    };
    Some(ShareCrops {
        card: crop(CropKind::Card),
        wide: crop(CropKind::Wide),
        square: crop(CropKind::Square),
    })
}

/// The crops a lead image is shared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CropKind {
    Card,
    Wide,
    Square,
}

impl CropKind {
    pub const ALL: [CropKind; 3] = [CropKind::Card, CropKind::Wide, CropKind::Square];

    fn name(self) -> &'static str {
        match self {
            CropKind::Card => "card",
            CropKind::Wide => "wide",
            CropKind::Square => "square",
        }
    }

    fn ratio(self) -> (u32, u32) {
        match self {
            CropKind::Card => picture::CARD_RATIO,
            CropKind::Wide => picture::WIDE_RATIO,
            CropKind::Square => picture::SQUARE_RATIO,
        }
    }

    /// The size of this crop of a `width`×`height` image: the largest rectangle of its ratio
    /// inside it, scaled to [`CROP_WIDTH`] wide when it is wider (never upscaled).
    pub fn size(self, width: u32, height: u32) -> (u32, u32) {
        let (rw, rh) = self.ratio();
        let (rw, rh) = (u64::from(rw), u64::from(rh));
        let fit_w = u64::from(width).min(u64::from(height) * rw / rh).max(1);
        let out_w = fit_w.min(u64::from(CROP_WIDTH));
        let out_h = (out_w * rh / rw).max(1);
        (out_w as u32, out_h as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_keep_their_ratio_and_are_never_upscaled() {
        assert_eq!(CropKind::Card.size(1600, 900), (1200, 630));
        assert_eq!(CropKind::Wide.size(1600, 900), (1200, 675));
        assert_eq!(CropKind::Square.size(1600, 900), (900, 900));
        assert_eq!(CropKind::Card.size(800, 600), (800, 420));
        assert_eq!(CropKind::Square.size(3000, 2000), (1200, 1200));
    }

    #[test]
    fn paths_stay_inside_the_content_folder_and_urls_are_refused() {
        let c = Catalogue::new(Path::new("/site/content"), None);
        let dir = Path::new("/site/content/articles/story");
        assert_eq!(
            c.resolve(dir, "chart.png").unwrap(),
            PathBuf::from("/site/content/articles/story/chart.png")
        );
        assert_eq!(
            c.resolve(dir, "/images/a.png").unwrap(),
            PathBuf::from("/site/content/images/a.png")
        );
        assert_eq!(
            c.resolve(dir, "../../images/a.png").unwrap(),
            PathBuf::from("/site/content/images/a.png")
        );
        assert!(matches!(
            c.resolve(dir, "../../../etc/passwd"),
            Err(ImageError::Outside)
        ));
        assert!(matches!(
            c.resolve(dir, "https://example.com/a.png"),
            Err(ImageError::Remote)
        ));
    }
}
