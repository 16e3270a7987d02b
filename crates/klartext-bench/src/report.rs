//! The results of a bench run: the summary table printed to the terminal, the `--worst`
//! pages, and `results.json` (`--json`).

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::check::Comparison;
use crate::memory::Probe;
use crate::run::Speed;
use crate::score::{Column, Figures, PageScore};

/// One tool's results on one set.
#[derive(Debug, Serialize)]
pub struct ToolResult {
    pub tool: String,
    pub figures: Figures,
    pub speed: Speed,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckResult>,
}

/// The outcome of `--check` for one predictions file.
#[derive(Debug, Serialize)]
pub struct CheckResult {
    pub agrees: bool,
    pub compared: usize,
    pub disagreements: Vec<String>,
    pub near: Vec<String>,
}

impl From<Comparison> for CheckResult {
    fn from(c: Comparison) -> Self {
        CheckResult {
            agrees: c.agrees(),
            compared: c.compared,
            disagreements: c.disagreements,
            near: c.near,
        }
    }
}

/// All results on one set.
#[derive(Debug, Serialize)]
pub struct SetResult {
    pub set: String,
    pub kind: String,
    pub pages: usize,
    /// Whether `--limit` cut the set (peer speeds are then still over the whole set).
    pub limited: bool,
    #[serde(skip)]
    pub columns: &'static [Column],
    pub tools: Vec<ToolResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst: Option<Vec<WorstPage>>,
}

/// A low-scoring page, for `--worst`.
#[derive(Debug, Serialize)]
pub struct WorstPage {
    pub id: String,
    pub f1: f64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
}

/// The K lowest-F1 pages (ties by id).
pub fn worst(mut pages: Vec<PageScore>, k: usize) -> Vec<WorstPage> {
    pages.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
    pages
        .into_iter()
        .take(k)
        .map(|p| WorstPage {
            id: p.id,
            f1: p.f1,
            precision: p.precision,
            recall: p.recall,
        })
        .collect()
}

/// Memory figures.
#[derive(Debug, Serialize)]
pub struct Memory {
    /// Peak RSS of the bench process after all runs, in MB.
    pub peak_rss_mb: Option<f64>,
    /// The `--memory-probe` child on a synthetic ~5 MB page.
    pub probe: Option<Probe>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probe_error: Option<String>,
}

/// A whole run.
#[derive(Debug, Serialize)]
pub struct Report {
    pub sets: Vec<SetResult>,
    pub memory: Memory,
    /// `--dumps`: the text-dump runs beside the HTML runs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dumps: Vec<crate::dumps::DumpSet>,
}

/// Width of a figure column (values are `0.0000`; headers are kept shorter).
const NUM_W: usize = 8;

/// A figure exactly as score.py gives it (rounded to 4 decimals): rounding it again to 3
/// would round twice (0.5365 is stored just below the tie and would print as 0.536).
fn cell(v: Option<f64>) -> String {
    match v {
        Some(x) => format!("{x:.4}"),
        None => "-".into(),
    }
}

fn tool_label(t: &ToolResult) -> String {
    match &t.speed.version {
        Some(v) => format!("{} {v}", t.tool),
        None => t.tool.clone(),
    }
}

/// The summary table: per set a header naming its columns, then one row per tool with the
/// main figures, pages/s and MB/s (single thread, extract calls only) and, for a peer, how
/// many times faster klartext is.
pub fn table(report: &Report) -> String {
    let name_w = name_width(report);
    let mut s = String::new();
    for set in &report.sets {
        let title = format!("{} ({})", set.set, set.kind);
        let _ = write!(s, "{title:<name_w$}{:>6}", "pages");
        for c in set.columns {
            let _ = write!(s, "{:>NUM_W$}", c.header);
        }
        let _ = writeln!(s, "{:>9}{:>8}{:>9}", "pages/s", "MB/s", "kt×");
        let klartext_speed = set
            .tools
            .iter()
            .find(|t| t.tool == "klartext")
            .map(|t| t.speed.pages_per_s);
        for t in &set.tools {
            let label = format!("  {}", tool_label(t));
            let pages = t.figures.get("pages").and_then(Value::as_u64).unwrap_or(0);
            let _ = write!(s, "{label:<name_w$}{pages:>6}");
            for c in set.columns {
                let _ = write!(s, "{:>NUM_W$}", cell(t.figures.f64(c.key)));
            }
            let ratio = match klartext_speed {
                Some(k) if t.tool != "klartext" && t.speed.pages_per_s > 0.0 => {
                    format!("{:.1}×", k / t.speed.pages_per_s)
                }
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "{:>9.1}{:>8.2}{ratio:>9}",
                t.speed.pages_per_s, t.speed.mb_per_s
            );
        }
        let errors: Vec<String> = set
            .tools
            .iter()
            .filter(|t| t.speed.errors > 0)
            .map(|t| format!("{} failed on {} pages", t.tool, t.speed.errors))
            .collect();
        if !errors.is_empty() {
            let _ = writeln!(s, "  ({})", errors.join("; "));
        }
        if set.limited && set.tools.len() > 1 {
            let _ = writeln!(s, "  (--limit: peers' speed is over the whole set)");
        }
    }
    if report.sets.iter().any(|set| set.tools.len() > 1) {
        s.push_str(
            "kt× = klartext pages/s ÷ the peer's pages/s (one thread, extractor calls only)\n",
        );
    }
    s.push_str(&memory_lines(&report.memory));
    s
}

/// The quotes sets' figures by gold quotation type, and for every set the time of the
/// quotation pass beside the extraction's (issue 5).
pub fn quotes_lines(report: &Report) -> String {
    let mut s = String::new();
    for set in report.sets.iter().filter(|s| s.kind == "quotes") {
        let Some(t) = set.tools.iter().find(|t| t.tool == "klartext") else {
            continue;
        };
        let f = &t.figures;
        let _ = writeln!(
            s,
            "\n{} by gold type (klartext){:>6}{:>8}{:>8}{:>8}{:>8}{:>8}",
            set.set, "n", "joint", "j-prec", "j-rec", "quote", "speaker"
        );
        let mut rows: Vec<(&str, String)> = vec![("all", "gold_quotes".into())];
        rows.extend(
            crate::score::quotes::TYPES
                .iter()
                .map(|t| (*t, format!("{t}_n"))),
        );
        for (ty, n_key) in rows {
            let p = if ty == "all" {
                String::new()
            } else {
                format!("{ty}_")
            };
            let n = f.get(&n_key).and_then(Value::as_u64).unwrap_or(0);
            let _ = writeln!(
                s,
                "  {ty:<w$}{n:>6}{:>8}{:>8}{:>8}{:>8}{:>8}",
                cell(f.f64(&format!("{p}joint_f1"))),
                cell(f.f64(&format!("{p}joint_p"))),
                cell(f.f64(&format!("{p}joint_r"))),
                cell(f.f64(&format!("{p}quote_f1"))),
                cell(f.f64(&format!("{p}speaker_f1"))),
                w = set.set.len() + 21,
            );
        }
        let count = |k: &str| f.get(k).and_then(Value::as_u64).unwrap_or(0);
        let _ = writeln!(
            s,
            "  predicted {} quotations, {} matched; kind F1 {}; text changed by extract in {} of {} documents ({} quotations not mapped back)",
            count("pred_quotes"),
            count("matched"),
            cell(f.f64("kind_f1")),
            t.speed.text_changed.unwrap_or(0),
            set.pages,
            t.speed.quotes_unmapped.unwrap_or(0),
        );
    }
    let timed: Vec<(&SetResult, &ToolResult)> = report
        .sets
        .iter()
        .filter_map(|set| {
            let t = set.tools.iter().find(|t| t.tool == "klartext")?;
            t.speed.quotes_seconds.map(|_| (set, t))
        })
        .collect();
    if !timed.is_empty() {
        let _ = writeln!(
            s,
            "\nquotation pass vs extraction (klartext, one thread, ms per document; extract includes one quotes pass):"
        );
        let _ = writeln!(
            s,
            "  {:<44}{:>10}{:>10}{:>12}{:>9}",
            "set", "extract", "quotes", "extraction", "q/ext"
        );
        for (set, t) in timed {
            let pages = t.speed.pages.max(1) as f64;
            let total = t.speed.seconds * 1e3 / pages;
            let quotes = t.speed.quotes_seconds.unwrap_or(0.0) * 1e3 / pages;
            let alone = (total - quotes).max(0.0);
            let ratio = if alone > 0.0 {
                format!("{:.2}", quotes / alone)
            } else {
                "-".into()
            };
            let _ = writeln!(
                s,
                "  {:<44}{total:>10.3}{quotes:>10.3}{alone:>12.3}{ratio:>9}",
                set.set
            );
        }
        s.push_str("  (quotes: klartext::quotes::analyse timed apart on the document text for the quotes set, on the extracted text elsewhere; extraction = extract − quotes)\n");
    }
    s
}

/// The first column's width: the longest set title or tool label, plus a space.
fn name_width(report: &Report) -> usize {
    let titles = report
        .sets
        .iter()
        .map(|s| s.set.chars().count() + s.kind.chars().count() + 3);
    let labels = report
        .sets
        .iter()
        .flat_map(|s| &s.tools)
        .map(|t| tool_label(t).chars().count() + 2);
    titles.chain(labels).max().unwrap_or(0) + 1
}

fn memory_lines(m: &Memory) -> String {
    let mut s = String::new();
    if let Some(mb) = m.peak_rss_mb {
        let _ = writeln!(s, "peak RSS of this run: {mb:.1} MB");
    }
    if let Some(p) = &m.probe {
        let _ = write!(
            s,
            "memory probe: {:.1} MB synthetic page -> child peak RSS {:.1} MB ({:.1} MB before extract), {:.2} s",
            p.input_mb, p.peak_rss_mb, p.rss_before_mb, p.seconds
        );
        match &p.error {
            Some(e) => {
                let _ = writeln!(s, ", error: {e}");
            }
            None => {
                let _ = writeln!(s, ", {} chars of text", p.text_chars);
            }
        }
    }
    if let Some(e) = &m.probe_error {
        let _ = writeln!(s, "memory probe failed: {e}");
    }
    s
}

fn opt3(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |x| format!("{x:.3}"))
}

/// The `--worst` lists.
pub fn worst_lists(report: &Report) -> String {
    let mut s = String::new();
    for set in &report.sets {
        let Some(pages) = &set.worst else { continue };
        let _ = writeln!(
            s,
            "\nworst {} pages of {} (klartext):",
            pages.len(),
            set.set
        );
        let id_w = pages
            .iter()
            .map(|p| p.id.chars().count())
            .max()
            .unwrap_or(2)
            + 1;
        let _ = writeln!(s, "  {:<id_w$}{:>7}{:>7}{:>7}", "id", "f1", "prec", "rec");
        for p in pages {
            let _ = writeln!(
                s,
                "  {:<id_w$}{:>7.3}{:>7}{:>7}",
                p.id,
                p.f1,
                opt3(p.precision),
                opt3(p.recall)
            );
        }
    }
    s
}

/// The `--check` summary: agreement per set and tool, and every disagreement.
pub fn check_lines(report: &Report) -> String {
    let mut s = String::new();
    for set in &report.sets {
        for t in &set.tools {
            let Some(c) = &t.check else { continue };
            if c.agrees {
                let _ = writeln!(
                    s,
                    "check {} {}: score.py agrees on all {} figures{}",
                    set.set,
                    t.tool,
                    c.compared,
                    if c.near.is_empty() {
                        " (identical)".to_owned()
                    } else {
                        format!(" ({} differ below 0.0005)", c.near.len())
                    }
                );
            } else {
                let _ = writeln!(s, "check {} {}: DISAGREES with score.py:", set.set, t.tool);
            }
            for d in &c.disagreements {
                let _ = writeln!(s, "    {d}");
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::col;

    fn page(id: &str, f1: f64) -> PageScore {
        PageScore {
            id: id.into(),
            f1,
            precision: None,
            recall: Some(f1),
        }
    }

    #[test]
    fn worst_sorts_by_f1_then_id() {
        let w = worst(
            vec![
                page("b", 0.5),
                page("a", 0.5),
                page("c", 0.1),
                page("d", 1.0),
            ],
            3,
        );
        let ids: Vec<&str> = w.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    #[test]
    fn table_shows_figures_and_speed_ratio() {
        static COLS: [Column; 2] = [col("f1", "f1"), col("title", "title_match")];
        let tool = |name: &str, pps: f64| {
            let mut figures = Figures::default();
            figures.put("pages", 10);
            figures.put("f1", 0.91234);
            figures.put("title_match", Value::Null);
            ToolResult {
                tool: name.into(),
                figures,
                speed: Speed {
                    pages_per_s: pps,
                    ..Speed::default()
                },
                check: None,
            }
        };
        let report = Report {
            sets: vec![SetResult {
                set: "demo".into(),
                kind: "snippets".into(),
                pages: 10,
                limited: false,
                columns: &COLS,
                tools: vec![tool("klartext", 300.0), tool("peer", 30.0)],
                worst: None,
            }],
            memory: Memory {
                peak_rss_mb: Some(12.0),
                probe: None,
                probe_error: None,
            },
            dumps: Vec::new(),
        };
        let t = table(&report);
        assert!(t.contains("demo (snippets)"), "{t}");
        assert!(t.contains("0.9123"), "{t}");
        assert!(t.contains("10.0×"), "{t}");
        assert!(t.contains("peak RSS of this run: 12.0 MB"), "{t}");
    }
}
