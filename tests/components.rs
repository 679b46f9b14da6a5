//! Component tests in headless Chromium (wasm-bindgen-test): mount a component, read the DOM
//! the way a reader would see it.
#![cfg(target_arch = "wasm32")]

use krasa::components::{ArticleCard, ArticleView, ErrorView, NoResults, Pager, SearchHit};
use krasa::error::AppError;
use krasa::search::pagefind::Hit;
use krasa_model::{Article, ListPage, Listing, Page, Pagination, DATA_VERSION};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::summary;

/// A fresh container in the document.
fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .text_content()
                .unwrap_or_default()
                .trim()
                .to_string()
        })
        .collect()
}

fn attr(root: &web_sys::HtmlElement, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.get_attribute(name))
}

#[wasm_bindgen_test]
async fn card_shows_badge_title_link_byline_and_tags() {
    let el = container();
    let s = summary("us-china-talks", "US and China weigh AI-risk talks");
    let _h = leptos::mount::mount_to(
        el.clone(),
        move || view! { <ArticleCard summary=s.clone()/> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&el, ".badge"), ["News"]);
    assert_eq!(attr(&el, ".badge a", "href").as_deref(), Some("/news/"));
    assert_eq!(
        attr(&el, ".byline a.author", "href").as_deref(),
        Some("/authors/krasa-news/")
    );
    assert_eq!(texts(&el, "h2 a"), ["US and China weigh AI-risk talks"]);
    assert_eq!(
        attr(&el, "h2 a", "href").as_deref(),
        Some("/articles/us-china-talks/")
    );
    let byline = texts(&el, ".byline")[0].clone();
    assert!(byline.contains("May 8, 2026"), "{byline}");
    assert!(byline.contains("5 minute read"), "{byline}");
    assert_eq!(attr(&el, "time", "datetime").as_deref(), Some("2026-05-08"));
    assert_eq!(texts(&el, ".tag-links a"), ["#ai-policy", "#us-china"]);
    assert_eq!(
        attr(&el, ".tag-links a", "href").as_deref(),
        Some("/tags/ai-policy/")
    );
}

#[wasm_bindgen_test]
async fn related_cards_use_level_three_headings() {
    let el = container();
    let s = summary("x", "Related story");
    let _h = leptos::mount::mount_to(
        el.clone(),
        move || view! { <ArticleCard summary=s.clone() level=3/> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&el, "h3"), ["Related story"]);
    assert!(texts(&el, "h2").is_empty());
}

#[wasm_bindgen_test]
async fn article_view_is_the_reference_page() {
    let el = container();
    let article = Article {
        version: DATA_VERSION,
        summary: summary("us-china-talks", "US and China weigh AI-risk talks"),
        body_html: "<p>Opening.</p><h2 id=\"why-it-matters\">Why it matters</h2><p>Because.</p>"
            .into(),
        headings: vec![],
        author_profile: common::author(),
        corrections: vec![common::correction()],
        tutorial: Some(krasa_model::Tutorial {
            level: Some(krasa_model::Level::Beginner),
            minutes: Some(45),
            tested: Some("Python 3.12".into()),
        }),
        related: vec![summary("other", "Another story")],
    };
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <ArticleView article=article.clone() back_href="/page/2"/> }
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&el, "h1"),
        ["US and China weigh AI-risk talks"],
        "the title is the only h1"
    );
    assert_eq!(texts(&el, ".back a"), ["← Back to News"]);
    assert_eq!(attr(&el, ".back a", "href").as_deref(), Some("/page/2"));
    assert!(texts(&el, ".article-header .byline")[0].contains("5 minute read"));
    assert_eq!(texts(&el, ".prose h2"), ["Why it matters"]);
    assert_eq!(
        attr(&el, ".prose h2", "id").as_deref(),
        Some("why-it-matters")
    );
    assert_eq!(
        texts(&el, ".article-footer .tag-links a"),
        ["#ai-policy", "#us-china"]
    );
    assert_eq!(texts(&el, ".article-header .badge a"), ["News"]);
    assert_eq!(
        attr(&el, ".article-header .badge a", "href").as_deref(),
        Some("/news/")
    );
    assert_eq!(
        attr(&el, ".article-header .byline a.author", "href").as_deref(),
        Some("/authors/krasa-news/")
    );
    assert_eq!(
        texts(&el, ".tutorial-facts li"),
        [
            "Level: Beginner",
            "Time: about 45 minutes",
            "Tested with Python 3.12"
        ]
    );
    assert_eq!(texts(&el, "#corrections h2"), ["Corrections"]);
    assert_eq!(
        texts(&el, "#corrections li"),
        ["May 20, 2026: An earlier version gave the wrong month."]
    );
    assert_eq!(texts(&el, ".about-author .about-name"), ["Mira Kovač"]);
    assert_eq!(texts(&el, ".about-author .role"), ["Policy correspondent"]);
    assert_eq!(
        attr(&el, ".about-author .profile-links a", "rel").as_deref(),
        Some("me")
    );
    assert_eq!(
        attr(&el, ".about-author a", "href").as_deref(),
        Some("/authors/mira-kovac/")
    );
    assert_eq!(texts(&el, ".related > h2"), ["Related Articles"]);
    assert_eq!(texts(&el, ".related h3"), ["Another story"]);
}

#[wasm_bindgen_test]
async fn article_without_related_has_no_empty_block() {
    let el = container();
    let article = Article {
        version: DATA_VERSION,
        summary: summary("alone", "Alone"),
        body_html: "<p>Text.</p>".into(),
        headings: vec![],
        author_profile: common::author(),
        corrections: vec![],
        tutorial: None,
        related: vec![],
    };
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! { <ArticleView article=article.clone() back_href="/"/> }
    });
    leptos::task::tick().await;
    assert!(el.query_selector(".related").unwrap().is_none());
    assert!(
        el.query_selector("#corrections").unwrap().is_none(),
        "no corrections box without corrections"
    );
}

/// A page of a list of 120 stories, 10 per page (archive pages 1 to 12).
fn list_page(page: Page) -> ListPage {
    let pagination = Pagination::new(120, 10);
    ListPage {
        version: DATA_VERSION,
        tag: None,
        section: None,
        author: None,
        series: None,
        page,
        total_items: (page == Page::Latest).then_some(120),
        older: pagination.older(page),
        newer: pagination.newer(page),
        items: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn pager_marks_current_page_and_links_neighbours() {
    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), || {
        let list = list_page(Page::Archive(6));
        view! { <Pager target=Listing::Tag("ai".into()) page=list.page older=list.older newer=list.newer/> }
    });
    leptos::task::tick().await;
    // newest first: the latest page, then archive pages down to the oldest (1)
    assert_eq!(
        texts(&el, ".pager li"),
        ["Latest", "…", "8", "7", "6", "5", "4", "…", "1"]
    );
    assert_eq!(
        attr(&el, ".pager li a[aria-current]", "aria-label").as_deref(),
        Some("Archive page 6, current page")
    );
    assert_eq!(
        attr(&el, ".pager-prev", "href").as_deref(),
        Some("/tags/ai/page/7/")
    );
    assert_eq!(
        attr(&el, ".pager-next", "href").as_deref(),
        Some("/tags/ai/page/5/")
    );
    assert_eq!(attr(&el, ".pager-next", "rel").as_deref(), Some("next"));
}

#[wasm_bindgen_test]
async fn the_latest_page_leads_to_older_stories_and_the_newest_archive_page_back() {
    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), || {
        let list = list_page(Page::Latest);
        view! { <Pager target=Listing::Feed page=list.page older=list.older newer=list.newer/> }
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&el, ".pager li"),
        ["Latest", "11", "10", "9", "…", "1"]
    );
    assert!(
        el.query_selector(".pager-prev").unwrap().is_none(),
        "nothing newer than the latest page"
    );
    assert_eq!(
        attr(&el, ".pager-next", "href").as_deref(),
        Some("/page/11/")
    );

    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), || {
        let list = list_page(Page::Archive(12));
        view! { <Pager target=Listing::Feed page=list.page older=list.older newer=list.newer/> }
    });
    leptos::task::tick().await;
    assert_eq!(attr(&el, ".pager-prev", "href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
async fn single_page_has_no_pager() {
    let el = container();
    let _h = leptos::mount::mount_to(el.clone(), || {
        let list = ListPage {
            older: None,
            ..list_page(Page::Latest)
        };
        view! { <Pager target=Listing::Feed page=list.page older=list.older newer=list.newer/> }
    });
    leptos::task::tick().await;
    assert!(el.query_selector("nav").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn error_view_explains_and_retry_calls_back() {
    let el = container();
    let retries = RwSignal::new(0);
    let _h = leptos::mount::mount_to(el.clone(), move || {
        view! {

                <ErrorView error=AppError::Server(503) on_retry=Callback::new(move |_| retries.update(|n| *n += 1))/>

        }
    });
    leptos::task::tick().await;
    assert_eq!(attr(&el, ".error-view", "role").as_deref(), Some("alert"));
    let message = texts(&el, ".error-message")[0].clone();
    assert!(message.contains("HTTP 503"), "{message}");
    let button = el
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    assert_eq!(button.text_content().unwrap_or_default().trim(), "Retry");
    button.click();
    button.click();
    leptos::task::tick().await;
    assert_eq!(retries.get_untracked(), 2);
    assert_eq!(attr(&el, ".error-actions a", "href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
async fn a_search_hit_marks_the_words_and_never_parses_the_excerpt_as_html() {
    let el = container();
    let hit = Hit {
        title: "Chips <b>and</b> rules".into(),
        slug: "chip-rules".into(),
        date: "2026-11-20".into(),
        category: "Analysis".into(),
        section: "analysis".into(),
        excerpt: "New <mark>chip</mark> rules &lt;img src=x onerror=alert(1)&gt; for <mark>buyers</mark>.".into(),
        thumb: None,
    };
    let _h = leptos::mount::mount_to(el.clone(), move || view! { <SearchHit hit=hit.clone()/> });
    leptos::task::tick().await;
    assert_eq!(texts(&el, ".badge"), ["Analysis"]);
    assert_eq!(attr(&el, ".badge a", "href").as_deref(), Some("/analysis/"));
    assert_eq!(texts(&el, "h2 a"), ["Chips <b>and</b> rules"]);
    assert_eq!(
        attr(&el, "h2 a", "href").as_deref(),
        Some("/articles/chip-rules/")
    );
    assert_eq!(texts(&el, "mark"), ["chip", "buyers"]);
    assert_eq!(
        texts(&el, ".excerpt"),
        ["New chip rules <img src=x onerror=alert(1)> for buyers."]
    );
    assert!(
        el.query_selector("img, b").unwrap().is_none(),
        "no markup from the index"
    );
    assert_eq!(attr(&el, "time", "datetime").as_deref(), Some("2026-11-20"));
}

#[wasm_bindgen_test]
async fn a_story_with_a_lead_image_shows_it_small_in_its_card_and_search_result() {
    let el = container();
    let mut s = summary("pic", "Chips");
    s.image = Some(common::lead_image());
    let _h = leptos::mount::mount_to(
        el.clone(),
        move || view! { <ArticleCard summary=s.clone()/> },
    );
    leptos::task::tick().await;
    let srcset = |kind: &str| {
        attr(
            &el,
            &format!(".card-thumb source[type=\"{kind}\"]"),
            "srcset",
        )
    };
    assert_eq!(
        srcset("image/avif").as_deref(),
        Some("images/lead.0123456789.480.avif")
    );
    assert_eq!(
        srcset("image/webp").as_deref(),
        Some("images/lead.0123456789.480.webp")
    );
    let img = |name: &str| attr(&el, ".card-thumb img", name);
    assert_eq!(
        img("src").as_deref(),
        Some("images/lead.0123456789.480.jpg")
    );
    assert_eq!(
        (img("width").as_deref(), img("height").as_deref()),
        (Some("480"), Some("270"))
    );
    // the title says what the story is: the thumbnail is decorative
    assert_eq!(img("alt").as_deref(), Some(""));
    assert_eq!(img("loading").as_deref(), Some("lazy"));
    assert_eq!(img("class").as_deref(), Some("tone-31"));

    let found = container();
    let hit = Hit {
        title: "Chips".into(),
        slug: "pic".into(),
        date: "2026-11-20".into(),
        category: "Analysis".into(),
        section: "analysis".into(),
        excerpt: "Chips.".into(),
        thumb: Some(krasa::search::pagefind::Thumb {
            src: "images/lead.0123456789.480.jpg".into(),
            width: "800".into(),
            height: "450".into(),
        }),
    };
    let _h2 = leptos::mount::mount_to(
        found.clone(),
        move || view! { <SearchHit hit=hit.clone()/> },
    );
    leptos::task::tick().await;
    assert_eq!(
        attr(&found, ".card-thumb img", "src").as_deref(),
        Some("images/lead.0123456789.480.jpg")
    );
    assert_eq!(attr(&found, ".card-thumb img", "alt").as_deref(), Some(""));
    assert_eq!(
        attr(&found, ".card-thumb img", "width").as_deref(),
        Some("800")
    );
}

#[wasm_bindgen_test]
async fn no_results_names_the_search_and_offers_the_tags() {
    let el = container();
    let _h = leptos::mount::mount_to(
        el.clone(),
        || view! { <NoResults described="“quantum”".to_string()/> },
    );
    leptos::task::tick().await;
    assert_eq!(texts(&el, ".search-count"), ["No results for “quantum”."]);
    assert_eq!(attr(&el, "a", "href").as_deref(), Some("/tags/"));
}
