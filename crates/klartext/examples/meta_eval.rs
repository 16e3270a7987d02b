//! Metadata evaluation driver: runs `klartext::extract` over a dev set's `pages/` and writes
//! JSONL (`id` = file stem) for `../shared/eval/score.py`.
//!
//! `cargo run --release -p klartext --example meta_eval -- SET_DIR OUT.jsonl [--no-url]`
//!
//! The page URL recorded in the set's gold (what a crawler knows) is passed as
//! `Options.url` unless `--no-url` is given; a `charset` in set.json is passed as the
//! declared charset.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = PathBuf::from(
        args.first()
            .ok_or("usage: meta_eval SET_DIR OUT.jsonl [--no-url]")?,
    );
    let out_path = args
        .get(1)
        .ok_or("usage: meta_eval SET_DIR OUT.jsonl [--no-url]")?;
    let use_url = !args.iter().any(|a| a == "--no-url");
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(set.join("set.json"))?)?;
    let charset = meta
        .get("charset")
        .and_then(|c| c.as_str())
        .map(str::to_string);
    let mut urls: HashMap<String, String> = HashMap::new();
    for line in std::fs::read_to_string(set.join("gold.jsonl"))?.lines() {
        let g: serde_json::Value = serde_json::from_str(line)?;
        if let (Some(id), Some(url)) = (
            g.get("id").and_then(|v| v.as_str()),
            g.get("url").and_then(|v| v.as_str()),
        ) {
            urls.insert(id.to_string(), url.to_string());
        }
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(set.join("pages"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    pages.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_path)?);
    let start = std::time::Instant::now();
    for p in &pages {
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let bytes = std::fs::read(p)?;
        let options = klartext::Options {
            source: Some(p.display().to_string()),
            url: if use_url {
                urls.get(&id).cloned()
            } else {
                None
            },
            charset: charset.clone(),
            ..Default::default()
        };
        let mut obj = match klartext::extract(&bytes, &options) {
            Ok(a) => serde_json::to_value(&a)?,
            Err(e) => serde_json::json!({ "error": e.to_string() }),
        };
        if let Some(o) = obj.as_object_mut() {
            o.insert("id".into(), serde_json::Value::String(id));
        }
        writeln!(out, "{obj}")?;
    }
    eprintln!("{} pages in {:.2?}", pages.len(), start.elapsed());
    Ok(())
}
