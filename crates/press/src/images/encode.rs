//! Making a picture's files from its source: each width resized (Lanczos3, fast_image_resize)
//! and encoded as AVIF (ravif), WebP (libwebp) and a JPEG or PNG fallback; the share crops
//! cut around the focal point; an SVG copied as it is. Encoders are given pixels only, so no
//! metadata of the source (EXIF, GPS location, camera) reaches a published file.

use std::sync::Arc;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, RgbImage, RgbaImage};
use rgb::FromSlice as _;

use super::probe::{self, ImageError, Kind, Source};
use super::{CropKind, Focus};

/// AVIF quality (1–100) and rav1e speed (1 slowest – 10 fastest). Speed 10 is 3–4 times
/// faster than 8 for files 10–35 % larger (bench/images.sh).
pub const AVIF_QUALITY: f32 = 62.0;
pub const AVIF_SPEED: u8 = 10;
/// WebP quality (0–100), libwebp's lossy encoder.
pub const WEBP_QUALITY: f32 = 78.0;
/// JPEG quality of fallbacks and crops.
pub const JPEG_QUALITY: u8 = 82;

/// One file format of a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Avif,
    Webp,
    Jpg,
    Png,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::Webp => "webp",
            Format::Jpg => "jpg",
            Format::Png => "png",
        }
    }
}

/// One file made from a source.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The image at one width in one format.
    Width { width: u32, format: Format },
    /// A share crop around a focal point (JPEG).
    Crop { kind: CropKind, focus: Focus },
    /// The source as it is (an SVG).
    Copy,
}

impl Output {
    /// What the file is made from besides the source: its part of the release manifest's
    /// inputs.
    pub fn describe(&self) -> String {
        match self {
            Output::Width { width, format } => format!("{width}.{}", format.ext()),
            Output::Crop { kind, focus } => format!("{kind:?}@{},{}", focus.x, focus.y),
            Output::Copy => "copy".into(),
        }
    }
}

/// Makes `outputs` of `source` from its bytes (read once more: the bytes must still be the
/// ones probed). The bytes of each output, in order.
pub fn make(source: &Arc<Source>, outputs: &[&Output]) -> Result<Vec<Vec<u8>>, ImageError> {
    let bytes = probe::read(&source.path)?;
    if probe::hash(&bytes) != source.hash {
        return Err(ImageError::Changed);
    }
    if matches!(source.kind, Kind::Svg) {
        return Ok(outputs.iter().map(|_| bytes.clone()).collect());
    }
    let image = probe::decode(&bytes)?;
    let alpha = matches!(source.kind, Kind::Raster { alpha: true, .. });
    let image = if alpha {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    outputs.iter().map(|o| make_one(&image, o)).collect()
}

fn make_one(image: &DynamicImage, output: &Output) -> Result<Vec<u8>, ImageError> {
    match output {
        Output::Width { width, format } => {
            let height = krasa_model::picture::scaled_height(image.width(), image.height(), *width);
            let resized = resize(image, *width, height, None)?;
            encode(&resized, *format)
        }
        Output::Crop { kind, focus } => {
            let (w, h) = kind.size(image.width(), image.height());
            let cropped = resize(image, w, h, Some(*focus))?;
            encode(&DynamicImage::ImageRgb8(cropped.to_rgb8()), Format::Jpg)
        }
        Output::Copy => Err(ImageError::Unsupported(
            "a raster image is not copied".into(),
        )),
    }
}

/// `image` at `width`×`height`; with a focus, cut to that ratio around it first.
fn resize(
    image: &DynamicImage,
    width: u32,
    height: u32,
    focus: Option<Focus>,
) -> Result<DynamicImage, ImageError> {
    let mut out = match image {
        DynamicImage::ImageRgba8(_) => DynamicImage::ImageRgba8(RgbaImage::new(width, height)),
        _ => DynamicImage::ImageRgb8(RgbImage::new(width, height)),
    };
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some(f) = focus {
        options = options.fit_into_destination(Some((f.x, f.y)));
    }
    Resizer::new()
        .resize(image, &mut out, &options)
        .map_err(|e| ImageError::Undecodable(format!("resizing failed: {e}")))?;
    Ok(out)
}

fn encode(image: &DynamicImage, format: Format) -> Result<Vec<u8>, ImageError> {
    let (w, h) = (image.width(), image.height());
    let failed =
        |what: &str, e: String| ImageError::Undecodable(format!("{what} encoding failed: {e}"));
    match (format, image) {
        (Format::Avif, DynamicImage::ImageRgba8(px)) => avif()
            .encode_rgba(ravif::Img::new(
                px.as_raw().as_rgba(),
                w as usize,
                h as usize,
            ))
            .map(|e| e.avif_file)
            .map_err(|e| failed("AVIF", e.to_string())),
        (Format::Avif, _) => avif()
            .encode_rgb(ravif::Img::new(
                image.to_rgb8().as_raw().as_rgb(),
                w as usize,
                h as usize,
            ))
            .map(|e| e.avif_file)
            .map_err(|e| failed("AVIF", e.to_string())),
        (Format::Webp, DynamicImage::ImageRgba8(px)) => {
            Ok(webp::Encoder::from_rgba(px.as_raw(), w, h)
                .encode(WEBP_QUALITY)
                .to_vec())
        }
        (Format::Webp, _) => Ok(webp::Encoder::from_rgb(image.to_rgb8().as_raw(), w, h)
            .encode(WEBP_QUALITY)
            .to_vec()),
        (Format::Jpg, _) => {
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode_image(&image.to_rgb8())
                .map_err(|e| failed("JPEG", e.to_string()))?;
            Ok(out)
        }
        (Format::Png, _) => {
            let mut out = Vec::new();
            let encoder = image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Default,
                image::codecs::png::FilterType::Adaptive,
            );
            image
                .write_with_encoder(encoder)
                .map_err(|e| failed("PNG", e.to_string()))?;
            Ok(out)
        }
    }
}

fn avif() -> ravif::Encoder<'static> {
    ravif::Encoder::new()
        .with_quality(AVIF_QUALITY)
        .with_alpha_quality(AVIF_QUALITY + 10.0)
        .with_speed(AVIF_SPEED)
}
