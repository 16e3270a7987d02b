//! Runs the quotation pass over a quotes set (`gold.jsonl`: one object per line with `id` and
//! `text`) and writes one prediction per line (`id`, `quotes`) for `shared/eval/score.py`.
//!
//! cargo run --release -p klartext --example quotes_eval -- SET_DIR/gold.jsonl > pred.jsonl

use std::io::{BufRead, BufReader, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: quotes_eval GOLD.jsonl > PRED.jsonl")?;
    let file = BufReader::new(std::fs::File::open(path)?);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut elapsed = std::time::Duration::ZERO;
    let (mut docs, mut chars) = (0usize, 0usize);
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line)?;
        let text = doc["text"].as_str().unwrap_or("");
        let t0 = Instant::now();
        let (quotes, entities) = klartext::quotes::analyse(text);
        elapsed += t0.elapsed();
        docs += 1;
        chars += text.chars().count();
        let pred = serde_json::json!({
            "id": doc["id"],
            "quotes": quotes,
            "entities": entities,
        });
        writeln!(out, "{pred}")?;
    }
    eprintln!(
        "{docs} docs, {chars} chars, quotes pass {:.2} ms total, {:.1} µs/doc",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / docs.max(1) as f64
    );
    Ok(())
}
