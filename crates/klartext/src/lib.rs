//! klartext turns a news page — HTML or a plain-text dump — into its article: the clean
//! text in reading order, and what a reader wants to know about it.
//!
//! The pipeline runs in one direction, one module per stage:
//!
//! ```text
//! bytes → decode → parse → Dom → blocks → classify → Article → render
//! ```
//!
//! [`extract`] is the whole pipeline: a pure function of the bytes and the [`Options`],
//! with no global state, so it can run on any thread, in a service or over an archive.

pub mod article;
pub mod blocks;
pub mod classify;
pub mod decode;
pub mod dom;
pub mod error;
pub mod explain;
mod lexicon;
pub mod metadata;
pub mod pagetype;
pub mod parse;
pub mod quotes;
pub mod render;
pub mod textdump;

use std::time::{Duration, Instant};

pub use article::{Article, Entity, EntityType, Image, Quote, QuoteKind};
pub use classify::Favor;
pub use error::Error;

/// What the input bytes are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Tell HTML from a text dump by looking at the bytes.
    #[default]
    Auto,
    Html,
    Text,
}

impl InputKind {
    /// Whether `text` is to be read as HTML (rather than as a text dump).
    pub fn is_html(self, text: &str) -> bool {
        match self {
            InputKind::Html => true,
            InputKind::Text => false,
            InputKind::Auto => textdump::looks_like_html(text),
        }
    }
}

/// Caps that keep bad input from costing unbounded time or memory.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Larger inputs are refused with [`Error::TooLarge`].
    pub max_input_bytes: usize,
    /// The parse stops (keeping what it has) after this many nodes.
    pub max_nodes: usize,
    /// Elements nested deeper than this are read as if they were at this depth.
    pub max_depth: usize,
    /// Wall-clock budget for one document; past it the parse stops early.
    pub time_budget: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_nodes: 2_000_000,
            max_depth: 512,
            time_budget: Some(Duration::from_secs(10)),
        }
    }
}

/// How to read the input and what to produce.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub input: InputKind,
    /// The path or URL the document is known by; copied to [`Article::source`].
    pub source: Option<String>,
    /// The page's URL, when known (used to resolve links and as a fallback canonical URL).
    pub url: Option<String>,
    /// A charset declared outside the document (an HTTP `Content-Type` header).
    pub charset: Option<String>,
    /// Also render the text as Markdown into [`Article::markdown`].
    pub markdown: bool,
    /// What the text and Markdown keep besides the words (links, images, tables).
    pub style: render::Style,
    pub limits: Limits,
    /// When the page was fetched (seconds since the Unix epoch): relative dates ("vor 3
    /// Stunden") are resolved against it and later dates rejected. `None`: relative dates
    /// are left alone and only dates after the current time are rejected.
    pub reference_time: Option<i64>,
    /// Also keep the page's comment section, apart from the text, in [`Article::comments`].
    pub comments: bool,
    /// Which errors the classifier prefers on borderline blocks (see [`classify::favor`]).
    pub favor: Favor,
}

/// Extracts the article from one document.
pub fn extract(bytes: &[u8], options: &Options) -> Result<Article, Error> {
    let limits = &options.limits;
    if bytes.len() > limits.max_input_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: limits.max_input_bytes,
        });
    }
    let deadline = limits.time_budget.map(|b| Instant::now() + b);
    let over_budget = || deadline.is_some_and(|d| Instant::now() >= d);
    let decoded = decode::decode(bytes, options.charset.as_deref())?;
    if over_budget() {
        return Err(Error::Timeout(limits.time_budget.unwrap_or_default()));
    }
    let is_html = options.input.is_html(&decoded.text);
    let doc = if is_html {
        blocks::Document::from_html(&decoded.text, limits, deadline)
    } else {
        textdump::document(&decoded.text)
    };
    let page_type = pagetype::detect(&doc);
    let main = classify::classify_page(&doc, options.favor, page_type.as_ref());
    let mut article = Article {
        source: options.source.clone(),
        url: options.url.clone(),
        encoding: Some(decoded.describe()),
        truncated: doc.dom.truncated,
        page_type,
        ..Article::default()
    };
    article.title = doc.title.clone();
    article.text = render::text(&doc, &main, options.style);
    if options.comments {
        article.comments = classify::discussion::comments(&doc, &main)
            .map(|c| render::text(&doc, &c, options.style))
            .filter(|c| !c.trim().is_empty());
    }
    // Past the budget the text is still returned; the passes that can wait are skipped
    // and the article says it is incomplete.
    if over_budget() {
        article.truncated = true;
        if options.markdown {
            let base = options.url.as_deref();
            article.markdown = Some(render::markdown(&doc, &main, options.style, base));
        }
        return Ok(article);
    }
    metadata::fill_selected(&doc, options, Some(&main), &mut article);
    if options.markdown {
        // Links and images resolve against the canonical URL when the page names one.
        let base = article.url.as_deref().or(options.url.as_deref());
        article.markdown = Some(render::markdown(&doc, &main, options.style, base));
    }
    if !is_html {
        textdump::meta::fill(&doc, &main, &mut article, options.reference_time);
    }
    if over_budget() {
        article.truncated = true;
        return Ok(article);
    }
    // The quotation pass reads only the article's text: the page, its tree and its
    // blocks are freed first, so their memory and the pass's do not add up.
    drop((doc, main, decoded));
    quotes::annotate(&mut article);
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_is_a_timeout_error() {
        let options = Options {
            limits: Limits {
                time_budget: Some(Duration::ZERO),
                ..Limits::default()
            },
            ..Options::default()
        };
        assert!(matches!(
            extract(b"<p>x</p>", &options),
            Err(Error::Timeout(_))
        ));
    }

    #[test]
    fn a_node_cap_marks_the_article_truncated() {
        let options = Options {
            limits: Limits {
                max_nodes: 50,
                ..Limits::default()
            },
            ..Options::default()
        };
        let html =
            "<p>Ein Satz, der lang genug ist, um als Text zu gelten, und endet.</p>".repeat(5_000);
        let article = extract(html.as_bytes(), &options).expect("extracts");
        assert!(article.truncated);
        assert!(
            !extract(b"<p>x</p>", &Options::default())
                .expect("ok")
                .truncated
        );
    }
}
