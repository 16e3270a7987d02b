//! Fuzz target: the whole pipeline, `klartext::extract`, on bytes read as HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use klartext::{Error, InputKind, Options};

fn check(data: &[u8]) {
    let options = Options {
        input: InputKind::Html,
        markdown: true,
        ..Options::default()
    };
    let article = match klartext::extract(data, &options) {
        Ok(article) => article,
        // The time budget may run out on a slow machine; that is an answer, not a bug.
        Err(Error::Timeout(_)) => return,
        // Bytes that are no text (NUL and control bytes) are refused by design.
        Err(Error::NotText(_)) => return,
        Err(err) => panic!("extract failed on in-limit input: {err}"),
    };
    let chars = article.text.chars().count();
    for quote in &article.quotes {
        assert!(quote.start <= quote.end && quote.end <= chars, "quote span out of range");
    }
}

fuzz_target!(|data: &[u8]| check(data));
