//! `--dumps` (issue 4): text dumps of the HTML dev pages made at benchmark time with one fixed
//! converter, html-text 0.7.x `extract_text(html, guess_layout=True)` in the peers' venv
//! (`tools/make_dumps.py`, one Python process per set), into `<out>/dumps/<set>/<id>.txt`
//! (scratch, never committed). Pages are decoded first with klartext's own decoder and the
//! set's charset (readability-dev: UTF-8), so the dump holds the same text klartext's HTML
//! run reads. klartext then runs with `InputKind::Text` on the dumps, scored against the same
//! gold; the peers run on the dumps through `tools/run_dump_peer.py`.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use crate::report::ToolResult;
use crate::score::{gold_id, str_field, Preds};
use crate::sets::Set;

/// The sets that have dumps made of them.
pub const DUMP_SETS: [&str; 3] = ["trafilatura-eval-dev", "wcxb-dev", "readability-dev"];

/// The html-text package and its pip spec.
pub const HTML_TEXT: (&str, &[&str]) = ("html_text", &["html-text>=0.7,<0.8"]);

/// The peers run on dumps: run_peer.py names, and `justext-union` (default parameters, all
/// stoplists) of run_dump_peer.py's own.
pub const DUMP_PEERS: [&str; 4] = ["trafilatura", "justext", "justext-union", "justext-evalpy"];

/// The gold of the pages that get dumps: wcxb-dev's article pages only (issue 4), else all.
pub fn dump_gold(set: &Set) -> Vec<Value> {
    set.gold
        .iter()
        .filter(|g| set.name != "wcxb-dev" || str_field(g, "page_type") == Some("article"))
        .cloned()
        .collect()
}

/// The set restricted to the dumped pages, reading `<dir>/<id>.txt` instead of the pages.
pub fn dump_set(set: &Set, dir: &Path) -> Set {
    let gold = dump_gold(set);
    Set {
        name: set.name.clone(),
        dir: set.dir.clone(),
        kind: set.kind,
        kind_name: set.kind_name.clone(),
        charset: Some("utf-8".into()),
        limited: set.limited || gold.len() < set.gold.len(),
        gold,
        dumps: Some(dir.to_owned()),
    }
}

/// Makes the dumps of the set's pages that are missing in `dir` (all of them at first) and
/// writes `dir/ids.txt` with the ids of this run. `body_only`: the pages lose `<head>` and
/// `<title>` first (`make_dumps.py --body-only`, issue 13), so the dump starts at the body.
pub fn make(set: &Set, python: &Path, tools: &Path, dir: &Path, body_only: bool) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let gold = dump_gold(set);
    let ids: Vec<String> = gold.iter().map(gold_id).collect();
    std::fs::write(dir.join("ids.txt"), ids.join("\n") + "\n")
        .with_context(|| format!("writing {}/ids.txt", dir.display()))?;
    let missing: Vec<&Value> = gold
        .iter()
        .filter(|g| !dir.join(format!("{}.txt", gold_id(g))).is_file())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!(
        "{}: making {} text dumps with html-text into {}",
        set.name,
        missing.len(),
        dir.display()
    );
    let pages = dir.join("pages.jsonl.tmp");
    {
        let mut w = BufWriter::new(
            File::create(&pages).with_context(|| format!("creating {}", pages.display()))?,
        );
        for g in &missing {
            let path = set.page_path(g);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let html = match klartext::decode::decode(&bytes, set.charset.as_deref()) {
                Ok(d) => d.text.into_owned(),
                Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
            };
            let line = serde_json::json!({"id": gold_id(g), "html": html});
            writeln!(w, "{line}").context("writing pages for html-text")?;
        }
        w.flush().context("writing pages for html-text")?;
    }
    let status = Command::new(python)
        .arg(tools.join("make_dumps.py"))
        .arg(&pages)
        .arg(dir)
        .args(body_only.then_some("--body-only"))
        .stdout(Stdio::null())
        .status()
        .context("running make_dumps.py")?;
    let _ = std::fs::remove_file(&pages);
    if !status.success() {
        bail!("make_dumps.py on {} failed ({status})", set.name);
    }
    Ok(())
}

/// The dumps themselves as predictions (`<out>/<set>.dump-raw.jsonl`): what scoring the
/// converter's output as it is gives.
pub fn write_raw(set: &Set, path: &Path) -> Result<()> {
    let mut w =
        BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    for g in &set.gold {
        let text = std::fs::read_to_string(set.page_path(g)).unwrap_or_default();
        let line = serde_json::json!({"id": gold_id(g), "text": text});
        writeln!(w, "{line}").context("writing raw dump predictions")?;
    }
    w.flush().context("writing raw dump predictions")?;
    Ok(())
}

/// The dumps-versus-HTML comparison on one set.
#[derive(Debug, Serialize)]
pub struct DumpSet {
    pub set: String,
    pub pages: usize,
    /// What the main figure is.
    pub figure: &'static str,
    pub rows: Vec<DumpRow>,
}

/// One tool on one input (html or dump).
#[derive(Debug, Serialize)]
pub struct DumpRow {
    pub input: &'static str,
    #[serde(flatten)]
    pub result: ToolResult,
}

/// The main figure of a dumped set's kind: snippet F1, wcxb mean F1 (article pages here),
/// token F1.
pub fn main_figure(kind: &str) -> &'static str {
    match kind {
        "snippets" => "snippet F1",
        "wcxb" => "mean F1",
        _ => "token F1",
    }
}

/// Scores a predictions file on the dumped pages' gold.
pub fn score(set: &Set, path: &Path) -> Result<crate::score::Figures> {
    let preds = Preds::load(path)?;
    Ok(set.kind.scorer().score(&set.gold, &preds).with_header(
        &set.name,
        &set.kind_name,
        &set.gold,
        &preds,
    ))
}

fn cell(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{x:.4}"))
}

/// The comparison table.
pub fn table(sets: &[DumpSet]) -> String {
    let mut s = String::new();
    if sets.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "\ntext dumps (html-text extract_text, guess_layout=True) vs HTML, same pages and gold:"
    );
    for set in sets {
        let _ = writeln!(
            s,
            "{:<34}{:>6}{:>11}{:>8}{:>8}{:>8}{:>9}",
            format!("{} ({})", set.set, set.figure),
            "pages",
            "main",
            "prec",
            "rec",
            "title",
            "pages/s"
        );
        for row in &set.rows {
            let t = &row.result;
            let label = match &t.speed.version {
                Some(v) => format!("  {} {v} on {}", t.tool, row.input),
                None => format!("  {} on {}", t.tool, row.input),
            };
            let pps = if t.speed.pages_per_s > 0.0 {
                format!("{:.1}", t.speed.pages_per_s)
            } else {
                "-".into()
            };
            let _ = writeln!(
                s,
                "{label:<34}{:>6}{:>11}{:>8}{:>8}{:>8}{pps:>9}",
                set.pages,
                cell(t.figures.f64("f1")),
                cell(t.figures.f64("precision")),
                cell(t.figures.f64("recall")),
                cell(t.figures.f64("title_match")),
            );
        }
        for row in &set.rows {
            let Some(c) = &row.result.check else { continue };
            let verdict = if c.agrees {
                format!("score.py agrees on all {} figures", c.compared)
            } else {
                format!("DISAGREES with score.py: {}", c.disagreements.join("; "))
            };
            let _ = writeln!(s, "  check {} on {}: {verdict}", row.result.tool, row.input);
        }
        for input in ["dump", BODY] {
            if let (Some(h), Some(d)) =
                (find(set, "klartext", "html"), find(set, "klartext", input))
            {
                let _ = writeln!(
                    s,
                    "  klartext {input} − html: main {:+.4}, title {:+.4}",
                    d.0 - h.0,
                    d.1 - h.1
                );
            }
        }
    }
    s
}

fn find(set: &DumpSet, tool: &str, input: &str) -> Option<(f64, f64)> {
    let r = set
        .rows
        .iter()
        .find(|r| r.result.tool == tool && r.input == input)?;
    Some((
        r.result.figures.f64("f1")?,
        r.result.figures.f64("title_match").unwrap_or(0.0),
    ))
}

/// The input name of the body-only dumps (page without `<head>` and `<title>`).
pub const BODY: &str = "body-only dump";

/// Where a dumped set's folder is (`body_only`: the body-only dumps').
pub fn dir(out: &Path, set: &str, body_only: bool) -> PathBuf {
    out.join(if body_only { "dumps-body" } else { "dumps" })
        .join(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Kind;
    use serde_json::json;

    fn set(name: &str) -> Set {
        Set {
            name: name.into(),
            dir: PathBuf::from("/nowhere"),
            kind: Kind::Wcxb,
            kind_name: "wcxb".into(),
            charset: None,
            gold: vec![
                json!({"id": "1", "page_type": "article"}),
                json!({"id": "2", "page_type": "forum"}),
                json!({"id": "3", "page_type": "article"}),
            ],
            limited: false,
            dumps: None,
        }
    }

    #[test]
    fn wcxb_dumps_cover_article_pages_only() {
        assert_eq!(dump_gold(&set("wcxb-dev")).len(), 2);
        assert_eq!(dump_gold(&set("readability-dev")).len(), 3);
        let d = dump_set(&set("wcxb-dev"), Path::new("/tmp/d"));
        assert!(d.limited);
        assert_eq!(d.page_path(&d.gold[1]), PathBuf::from("/tmp/d/3.txt"));
        assert_eq!(d.charset.as_deref(), Some("utf-8"));
    }

    #[test]
    fn table_shows_the_difference_to_html() {
        let row = |input, tool: &str, f1: f64, title: f64| {
            let mut figures = crate::score::Figures::default();
            figures.put("f1", f1);
            figures.put("title_match", title);
            DumpRow {
                input,
                result: ToolResult {
                    tool: tool.into(),
                    figures,
                    speed: crate::run::Speed::default(),
                    check: None,
                },
            }
        };
        let t = table(&[DumpSet {
            set: "demo".into(),
            pages: 3,
            figure: main_figure("snippets"),
            rows: vec![
                row("html", "klartext", 0.9, 0.8),
                row("dump", "klartext", 0.85, 0.5),
            ],
        }]);
        assert!(t.contains("demo (snippet F1)"), "{t}");
        assert!(t.contains("main -0.0500, title -0.3000"), "{t}");
        assert!(table(&[]).is_empty());
    }
}
