//! Runs klartext over a set, single-threaded: reads every page, times only the `extract` calls,
//! and writes one Article JSON per line (plus `"id"`) to the predictions file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use klartext::{Article, Options};
use serde::{Deserialize, Serialize};

use crate::remap;
use crate::score::{gold_id, str_field, Input, Kind};
use crate::sets::Set;

/// Speed of one tool on one set.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Speed {
    pub pages: usize,
    /// Input bytes of the pages run.
    pub bytes: u64,
    /// Seconds inside the extractor only.
    pub seconds: f64,
    pub pages_per_s: f64,
    pub mb_per_s: f64,
    /// Pages on which the extractor failed (scored as empty).
    pub errors: usize,
    /// The tool's version, where it reports one (the peers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// klartext: seconds in `klartext::quotes::analyse` run again, apart, on each document's
    /// text (the quotes sets: the document text; else the extracted `text`). `extract`
    /// already includes one such pass, so extraction alone is `seconds - quotes_seconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes_seconds: Option<f64>,
    /// The quotes sets: documents whose `article.text` differs from the document text (their
    /// quotation offsets were mapped back), and quotations that could not be mapped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_changed: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes_unmapped: Option<usize>,
}

impl Speed {
    pub fn new(pages: usize, bytes: u64, spent: Duration, errors: usize) -> Speed {
        let seconds = spent.as_secs_f64();
        let per_s = |x: f64| if seconds > 0.0 { x / seconds } else { 0.0 };
        Speed {
            pages,
            bytes,
            seconds,
            pages_per_s: per_s(pages as f64),
            mb_per_s: per_s(bytes as f64 / 1e6),
            errors,
            version: None,
            quotes_seconds: None,
            text_changed: None,
            quotes_unmapped: None,
        }
    }
}

/// One line of the predictions file.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(flatten)]
    article: &'a Article,
}

/// One line of a quotes set's predictions: the quotations with offsets into the document
/// text (mapped back when the text-dump path changed the text).
#[derive(Serialize)]
struct QuotesLine<'a> {
    id: &'a str,
    quotes: &'a [klartext::Quote],
    entities: &'a [klartext::Entity],
    text_changed: bool,
}

/// A page the extractor failed on.
#[derive(Serialize)]
struct Failure<'a> {
    id: &'a str,
    source: &'a str,
    error: &'a str,
}

/// Extracts every page of the set into `out` (JSONL) and returns the timing. With `repeat`
/// above 1 the set is extracted that many times and the fastest pass is reported (the
/// predictions come from the first). Pages are read one at a time, so the run's peak RSS
/// reflects the extractor rather than the size of the set.
pub fn run_klartext(set: &Set, out: &Path, repeat: usize) -> Result<Speed> {
    let first = extract_all(set, Some(out))?;
    let (mut best, mut best_quotes) = (first.spent, first.quotes_spent);
    for _ in 1..repeat {
        let pass = extract_all(set, None)?;
        best = best.min(pass.spent);
        best_quotes = best_quotes.min(pass.quotes_spent);
    }
    let mut speed = Speed::new(first.pages, first.bytes, best, first.errors);
    speed.quotes_seconds = Some(best_quotes.as_secs_f64());
    if set.kind == Kind::Quotes {
        speed.text_changed = Some(first.text_changed);
        speed.quotes_unmapped = Some(first.quotes_unmapped);
    }
    Ok(speed)
}

/// A document read into memory with the options it is extracted with.
struct Doc {
    id: String,
    source: String,
    input: Vec<u8>,
    options: Options,
}

fn load_doc(set: &Set, g: &serde_json::Value) -> Result<Doc> {
    let id = gold_id(g);
    let (input, source) = match set.kind.input() {
        _ if set.dumps.is_some() => {
            let path = set.page_path(g);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            (bytes, path.display().to_string())
        }
        Input::Pages => {
            let path = set.page_path(g);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            (bytes, path.display().to_string())
        }
        Input::GoldText(key) => {
            let text = str_field(g, key).unwrap_or_default();
            (text.as_bytes().to_vec(), id.clone())
        }
    };
    let options = options_for(set, g, &source);
    Ok(Doc {
        id,
        source,
        input,
        options,
    })
}

/// What one pass over a set took.
struct Pass {
    pages: usize,
    bytes: u64,
    spent: Duration,
    errors: usize,
    /// Time in the separate quotes pass.
    quotes_spent: Duration,
    text_changed: usize,
    quotes_unmapped: usize,
}

/// One pass over the set, timing only the `extract` calls; writes the predictions when given
/// a path.
fn extract_all(set: &Set, out: Option<&Path>) -> Result<Pass> {
    let mut w = match out {
        Some(path) => Some(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => None,
    };
    let mut pass = Pass {
        pages: 0,
        bytes: 0,
        spent: Duration::ZERO,
        errors: 0,
        quotes_spent: Duration::ZERO,
        text_changed: 0,
        quotes_unmapped: 0,
    };
    let quotes_set = set.kind == Kind::Quotes;
    for g in &set.gold {
        let doc = load_doc(set, g)?;
        let started = Instant::now();
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            klartext::extract(&doc.input, &doc.options)
        }));
        pass.spent += started.elapsed();
        pass.pages += 1;
        pass.bytes += doc.input.len() as u64;
        // The quotes pass apart, on the document text (quotes sets) or the extracted text.
        let analysed: &str = match (&result, quotes_set) {
            (_, true) => std::str::from_utf8(&doc.input).unwrap_or(""),
            (Ok(Ok(article)), false) => &article.text,
            _ => "",
        };
        let started = Instant::now();
        let separate =
            panic::catch_unwind(AssertUnwindSafe(|| klartext::quotes::analyse(analysed)));
        pass.quotes_spent += started.elapsed();
        drop(separate);
        let Some(w) = w.as_mut() else { continue };
        let (id, source) = (doc.id.as_str(), doc.source.as_str());
        let line = match result {
            Ok(Ok(article)) if quotes_set => {
                let text = std::str::from_utf8(&doc.input).unwrap_or("");
                let changed = article.text != text;
                pass.text_changed += usize::from(changed);
                let (quotes, unmapped) = if changed {
                    remap::quotes_to_source(&article.text, text, &article.quotes)
                } else {
                    (article.quotes.clone(), 0)
                };
                pass.quotes_unmapped += unmapped;
                serde_json::to_string(&QuotesLine {
                    id,
                    quotes: &quotes,
                    entities: &article.entities,
                    text_changed: changed,
                })?
            }
            Ok(Ok(article)) => serde_json::to_string(&Line {
                id,
                article: &article,
            })?,
            Ok(Err(e)) => failure(id, source, &e.to_string(), &mut pass.errors)?,
            Err(_) => failure(id, source, "panic in extract", &mut pass.errors)?,
        };
        writeln!(w, "{line}").context("writing predictions")?;
    }
    if let Some(mut w) = w {
        w.flush().context("writing predictions")?;
    }
    Ok(pass)
}

fn failure(id: &str, source: &str, error: &str, errors: &mut usize) -> Result<String> {
    *errors += 1;
    Ok(serde_json::to_string(&Failure { id, source, error })?)
}

/// The options a page is extracted with: its path as `source`, the gold URL (the peers get it
/// too), the set's charset, plain-text input for text sets, and the classifier's favour from
/// the environment variable `KLARTEXT_FAVOR` (`precision`, `recall`; unset: balanced), to
/// measure what `klartext extract --favor` trades.
fn options_for(set: &Set, gold: &serde_json::Value, source: &str) -> Options {
    let mut options = Options {
        source: Some(source.to_owned()),
        url: str_field(gold, "url").map(str::to_owned),
        charset: set.charset.clone(),
        favor: favor_from_env(),
        ..Options::default()
    };
    if set.dumps.is_some() {
        options.input = klartext::InputKind::Text;
        options.charset = Some("utf-8".into());
    } else if let Input::GoldText(_) = set.kind.input() {
        options.input = klartext::InputKind::Text;
    }
    options
}

/// `KLARTEXT_FAVOR` read once; an unknown value is balanced (and said on stderr).
fn favor_from_env() -> klartext::Favor {
    static FAVOR: std::sync::LazyLock<klartext::Favor> = std::sync::LazyLock::new(|| {
        let Ok(name) = std::env::var("KLARTEXT_FAVOR") else {
            return klartext::Favor::Balanced;
        };
        klartext::Favor::parse(&name).unwrap_or_else(|| {
            eprintln!("KLARTEXT_FAVOR={name:?} is not balanced, precision or recall: balanced");
            klartext::Favor::Balanced
        })
    });
    *FAVOR
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_divides_by_extract_time() {
        let s = Speed::new(10, 2_000_000, Duration::from_millis(500), 1);
        assert_eq!(s.pages_per_s, 20.0);
        assert_eq!(s.mb_per_s, 4.0);
        assert_eq!(Speed::new(0, 0, Duration::ZERO, 0).pages_per_s, 0.0);
    }
}
