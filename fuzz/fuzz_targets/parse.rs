//! Fuzz target: `klartext::parse::parse_html` on arbitrary text, with small caps so the
//! node budget and the depth guard are exercised often.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn check(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let dom = klartext::parse::parse_html(&html, 5_000, 64, None);
    assert!(!dom.is_empty(), "the document node is always there");
    let _ = dom.text_content(klartext::dom::NodeId::DOCUMENT);
}

fuzz_target!(|data: &[u8]| check(data));
