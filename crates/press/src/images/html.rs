//! The markup of a picture in an article: `<picture>` with a `<source>` per modern format and
//! an `<img>` that reserves its space (`width`/`height`) and shows its average colour until
//! it loads; inside a `<figure>` with its caption and credit. Every image is lazy but a
//! story's lead image, which the page is about and which is usually the largest paint.

use krasa_model::escape_markup as esc;
use krasa_model::picture::{self, MODERN};
use krasa_model::Picture;

/// What the search index records of a lead image (Pagefind's `key[attribute]` metadata):
/// the search page shows it as the result's thumbnail.
pub const SEARCH_THUMB: &str = "thumb[data-thumb], thumb_width[width], thumb_height[height]";

/// How the browser should fetch an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Below the fold, or maybe: fetched when it nears the viewport, decoded off the main
    /// thread.
    Lazy,
    /// The story's lead image: fetched at once, first.
    Lead,
}

/// What a figure shows besides the picture.
#[derive(Debug, Clone, Copy, Default)]
pub struct Caption<'a> {
    pub text: Option<&'a str>,
    pub credit: Option<&'a str>,
}

/// `<picture>` (or a lone `<img>` for an SVG) sized for the article column.
pub fn picture(p: &Picture, alt: &str, loading: Loading) -> String {
    let sizes = picture::SIZES_ARTICLE;
    let mut out = String::new();
    let raster = !p.widths.is_empty();
    if raster {
        out.push_str("<picture>");
        for (ext, mime) in MODERN {
            out.push_str(&format!(
                "<source type=\"{mime}\" srcset=\"{}\" sizes=\"{sizes}\">",
                p.srcset(ext)
            ));
        }
    }
    out.push_str(&format!("<img src=\"{}\"", p.src()));
    if raster {
        out.push_str(&format!(
            " srcset=\"{}\" sizes=\"{sizes}\"",
            p.srcset(p.fallback.ext())
        ));
    }
    out.push_str(&format!(
        " width=\"{}\" height=\"{}\" alt=\"{}\"",
        p.width,
        p.height,
        esc(alt)
    ));
    if let Some(class) = p.tone_class() {
        out.push_str(&format!(" class=\"{class}\""));
    }
    out.push_str(&match loading {
        Loading::Lazy => " loading=\"lazy\" decoding=\"async\">".to_string(),
        // the search index takes its smallest file as the result's thumbnail
        Loading::Lead => format!(
            " fetchpriority=\"high\" data-thumb=\"{}\" data-pagefind-meta=\"{SEARCH_THUMB}\">",
            p.smallest_in(p.fallback.ext())
        ),
    });
    if raster {
        out.push_str("</picture>");
    }
    out
}

/// A `<figure>` holding the picture and, when there is one, its caption and credit.
pub fn figure(p: &Picture, alt: &str, caption: Caption<'_>, loading: Loading) -> String {
    let class = match loading {
        Loading::Lead => "figure lead",
        Loading::Lazy => "figure",
    };
    let mut out = format!("<figure class=\"{class}\">{}", picture(p, alt, loading));
    if caption.text.is_some() || caption.credit.is_some() {
        out.push_str("<figcaption>");
        if let Some(text) = caption.text {
            out.push_str(&esc(text));
        }
        if let Some(credit) = caption.credit {
            out.push_str(&format!(" <span class=\"credit\">{}</span>", esc(credit)));
        }
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use krasa_model::Fallback;

    fn lead() -> Picture {
        Picture {
            stem: "images/a.0123456789".into(),
            widths: vec![480, 800],
            width: 800,
            height: 450,
            fallback: Fallback::Jpg,
            tone: Some(7),
        }
    }

    #[test]
    fn a_lead_picture_is_eager_and_first_and_others_are_lazy() {
        let html = figure(
            &lead(),
            "A chart",
            Caption {
                text: Some("Sales <2026>"),
                credit: Some("Chart: Krasa"),
            },
            Loading::Lead,
        );
        assert!(html.starts_with("<figure class=\"figure lead\"><picture><source type=\"image/avif\" srcset=\"images/a.0123456789.480.avif 480w, images/a.0123456789.800.avif 800w\""), "{html}");
        assert!(html.contains("<img src=\"images/a.0123456789.800.jpg\" srcset=\"images/a.0123456789.480.jpg 480w, images/a.0123456789.800.jpg 800w\""), "{html}");
        assert!(html.contains(" width=\"800\" height=\"450\" alt=\"A chart\" class=\"tone-7\" fetchpriority=\"high\" data-thumb=\"images/a.0123456789.480.jpg\""), "{html}");
        assert!(html.contains("<figcaption>Sales &lt;2026&gt; <span class=\"credit\">Chart: Krasa</span></figcaption>"), "{html}");
        let lazy = picture(&lead(), "", Loading::Lazy);
        assert!(
            lazy.contains("alt=\"\" class=\"tone-7\" loading=\"lazy\" decoding=\"async\">"),
            "{lazy}"
        );
    }
}
