//! Extraction of one document or many, with the output already in the asked format.
//!
//! [`extract_all`] runs on a rayon pool (the global one, or one of `threads` threads) and
//! keeps the input order. A document that fails gives a [`Failure`] in its place; the
//! others still come out. A panic inside the library (a bug, never expected) is caught and
//! reported as that document's failure instead of tearing down the Python process.

use std::panic::{catch_unwind, AssertUnwindSafe};

use klartext::Article;
use rayon::prelude::*;

use crate::settings::{Format, Request};

/// One document to extract: its bytes and, optionally, its own URL and charset.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub bytes: Vec<u8>,
    /// Overrides the request's `url` for this document.
    pub url: Option<String>,
    /// Overrides the request's `charset` (the bindings give "utf-8" for a Python `str`, whose
    /// text is already decoded, so that a `<meta charset>` in it cannot re-decode it).
    pub charset: Option<String>,
}

/// One document's result in the asked format.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// For [`Format::Dict`]: the article, converted to a dict by the caller.
    Article(Box<Article>),
    /// JSON, text or Markdown.
    Str(String),
}

/// Why one document gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The input is over the size limit.
    TooLarge(String),
    /// Anything else (time budget spent while decoding, an internal error).
    Extract(String),
}

impl Failure {
    /// The message, without the kind.
    pub fn message(&self) -> &str {
        match self {
            Failure::TooLarge(m) | Failure::Extract(m) => m,
        }
    }
}

/// Extracts one document and renders it as the request asks.
pub fn extract_one(doc: &Document, request: &Request) -> Result<Output, Failure> {
    let run = || {
        if doc.url.is_some() || doc.charset.is_some() {
            let mut options = request.options.clone();
            if doc.url.is_some() {
                options.url.clone_from(&doc.url);
            }
            if doc.charset.is_some() {
                options.charset.clone_from(&doc.charset);
            }
            klartext::extract(&doc.bytes, &options)
        } else {
            klartext::extract(&doc.bytes, &request.options)
        }
    };
    let article = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(article)) => article,
        Ok(Err(klartext::Error::TooLarge { size, limit })) => {
            return Err(Failure::TooLarge(format!(
                "input of {size} bytes exceeds the limit of {limit} bytes"
            )))
        }
        Ok(Err(e)) => return Err(Failure::Extract(e.to_string())),
        Err(_) => {
            return Err(Failure::Extract(
                "internal error in klartext (please report it with the page)".to_string(),
            ))
        }
    };
    render(article, request.format)
}

/// Puts an article into the asked format.
pub fn render(article: Article, format: Format) -> Result<Output, Failure> {
    match format {
        Format::Dict => Ok(Output::Article(Box::new(article))),
        Format::Json => serde_json::to_string(&article)
            .map(Output::Str)
            .map_err(|e| Failure::Extract(format!("cannot write JSON: {e}"))),
        Format::Text => Ok(Output::Str(article.text)),
        Format::Markdown => Ok(Output::Str(article.markdown.unwrap_or_default())),
    }
}

/// Extracts every document in parallel, results in input order. `threads`: the size of a
/// pool made for this call; `None` uses rayon's global pool (one thread per core).
pub fn extract_all(
    docs: &[Document],
    request: &Request,
    threads: Option<usize>,
) -> Result<Vec<Result<Output, Failure>>, String> {
    let work = || docs.par_iter().map(|d| extract_one(d, request)).collect();
    match threads {
        None => Ok(work()),
        Some(0) => Err("threads must be at least 1".to_string()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| format!("cannot start {n} threads: {e}"))?;
            Ok(pool.install(work))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><title>Ein Titel</title></head><body><article>\
        <h1>Ein Titel</h1><p>Der erste Absatz erzählt, was geschah, in ganzen Sätzen und mit \
        genug Wörtern, dass er als Fließtext gilt.</p><p>Der zweite Absatz führt die \
        Geschichte weiter und nennt die Einzelheiten, die ein Leser wissen will.</p>\
        </article></body></html>";

    fn request(format: &str) -> Request {
        Request::new("auto", format, None, None, None, false).expect("valid request")
    }

    fn doc(text: &str) -> Document {
        Document {
            bytes: text.as_bytes().to_vec(),
            ..Document::default()
        }
    }

    #[test]
    fn formats_agree_with_the_article() {
        let Ok(Output::Article(article)) = extract_one(&doc(PAGE), &request("dict")) else {
            panic!("dict output expected");
        };
        assert!(article.text.contains("Der erste Absatz"));
        let Ok(Output::Str(json)) = extract_one(&doc(PAGE), &request("json")) else {
            panic!("json output expected");
        };
        let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(value["text"], article.text.as_str());
        let text = extract_one(&doc(PAGE), &request("text"));
        assert_eq!(text, Ok(Output::Str(article.text.clone())));
        let Ok(Output::Str(md)) = extract_one(&doc(PAGE), &request("markdown")) else {
            panic!("markdown output expected");
        };
        assert!(md.contains("Der zweite Absatz"));
    }

    #[test]
    fn per_document_url_overrides_the_request() {
        let mut d = doc(PAGE);
        d.url = Some("https://example.org/a/b".into());
        let Ok(Output::Article(article)) = extract_one(&d, &request("dict")) else {
            panic!("dict output expected");
        };
        assert_eq!(article.url.as_deref(), Some("https://example.org/a/b"));
    }

    #[test]
    fn many_keep_order_and_failures_stay_in_place() {
        let mut req = request("text");
        req.options.limits.max_input_bytes = 400;
        let docs = vec![doc(PAGE), doc(&"x".repeat(500)), doc("Nur eine Zeile.")];
        let out = extract_all(&docs, &req, Some(2)).expect("pool");
        assert_eq!(out.len(), 3);
        assert!(matches!(&out[0], Ok(Output::Str(t)) if t.contains("Der erste Absatz")));
        assert!(matches!(&out[1], Err(Failure::TooLarge(m)) if m.contains("500 bytes")));
        assert!(out[2].is_ok());
        assert!(extract_all(&docs, &req, Some(0)).is_err());
    }
}
