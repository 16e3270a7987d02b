//! Quick development driver: extracts every page of a set folder into JSONL.
//!
//! `cargo run --release -p klartext --example devset -- SET_DIR OUT.jsonl [CHARSET]`

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (set, out) = match (args.get(1), args.get(2)) {
        (Some(s), Some(o)) => (s, o),
        _ => return Err("usage: devset SET_DIR OUT.jsonl [CHARSET]".into()),
    };
    let mut paths: Vec<_> = std::fs::read_dir(format!("{set}/pages"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for p in &paths {
        let data = std::fs::read(p)?;
        bytes += data.len();
        let options = klartext::Options {
            charset: args.get(3).cloned(),
            ..Default::default()
        };
        let article = klartext::extract(&data, &options)?;
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut v = serde_json::to_value(&article)?;
        v["id"] = serde_json::Value::String(id);
        writeln!(w, "{v}")?;
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{} pages, {:.1} pages/s, {:.1} MB/s",
        paths.len(),
        paths.len() as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
