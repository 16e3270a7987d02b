//! Writes the dump model's training data: for each text dump in a folder
//! (`target/bench/dumps/<set>/<id>.txt`, made by `klartext-bench --dumps`), one JSON line
//! with its id and every block's text and features, as the dump rules alone see them.
//!
//! `cargo run --release -p klartext --example dump_features -- DUMPS_DIR OUT.jsonl`
//!
//! The first line holds the feature names. Read by `tools/train_dump_model.py`.

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: dump_features DUMPS_DIR OUT.jsonl";
    let dir = PathBuf::from(args.first().ok_or(usage)?);
    let out_path = args.get(1).ok_or(usage)?;
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pages.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(out_path)?);
    let names = klartext::textdump::model::names();
    writeln!(out, "{}", serde_json::json!({ "names": names }))?;
    for page in pages {
        let id = page
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&page)?;
        let text = String::from_utf8_lossy(&bytes);
        let blocks: Vec<serde_json::Value> = klartext::textdump::model::training_rows(&text)
            .into_iter()
            .map(|(text, features)| serde_json::json!({ "text": text, "features": features }))
            .collect();
        writeln!(out, "{}", serde_json::json!({ "id": id, "blocks": blocks }))?;
    }
    Ok(())
}
