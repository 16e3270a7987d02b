//! `--check`: scores the same predictions with the reference scorer
//! (`python3 ../shared/eval/score.py SET_DIR PRED.jsonl --json`) and compares every figure with
//! the Rust scorer's: numbers must agree to the third decimal, counts and keys exactly.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::score::Figures;

/// Figures that differ between the two scorers.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Comparison {
    /// Disagreements: missing or extra keys, or values apart by 0.0005 or more.
    pub disagreements: Vec<String>,
    /// Values that agree to the third decimal but are not identical.
    pub near: Vec<String>,
    pub compared: usize,
}

impl Comparison {
    pub fn agrees(&self) -> bool {
        self.disagreements.is_empty()
    }
}

/// Runs score.py and parses its JSON.
pub fn python_figures(score_py: &Path, set_dir: &Path, preds: &Path) -> Result<Value> {
    let out = Command::new("python3")
        .arg(score_py)
        .arg(set_dir)
        .arg(preds)
        .arg("--json")
        .output()
        .context("running python3 score.py")?;
    if !out.status.success() {
        bail!(
            "score.py failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    serde_json::from_slice(&out.stdout).context("reading score.py's JSON")
}

/// Compares the Rust figures with score.py's.
pub fn compare(rust: &Figures, python: &Value) -> Comparison {
    let mut c = Comparison::default();
    let Some(py) = python.as_object() else {
        c.disagreements
            .push("score.py printed no JSON object".into());
        return c;
    };
    for (key, pv) in py {
        c.compared += 1;
        match rust.get(key) {
            None => c
                .disagreements
                .push(format!("{key}: missing in Rust (score.py {pv})")),
            Some(rv) => match (rv.as_f64(), pv.as_f64()) {
                (Some(r), Some(p)) if (r - p).abs() >= 0.0005 => c
                    .disagreements
                    .push(format!("{key}: Rust {rv}, score.py {pv}")),
                (Some(r), Some(p)) if r != p => {
                    c.near.push(format!("{key}: Rust {rv}, score.py {pv}"))
                }
                (Some(_), Some(_)) => {}
                _ if rv != pv => c
                    .disagreements
                    .push(format!("{key}: Rust {rv}, score.py {pv}")),
                _ => {}
            },
        }
    }
    for (key, rv) in rust.iter() {
        if !py.contains_key(key) {
            c.disagreements.push(format!("{key}: only in Rust ({rv})"));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_disagreements() {
        let mut rust = Figures::default();
        rust.put("f1", 0.5);
        rust.put("tp", 3);
        rust.put("title_match", Value::Null);
        rust.put("extra", 1);
        let py = json!({"f1": 0.5004, "tp": 4, "title_match": null, "gone": 1});
        let c = compare(&rust, &py);
        assert!(!c.agrees());
        assert_eq!(c.near, ["f1: Rust 0.5, score.py 0.5004"]);
        assert_eq!(c.disagreements.len(), 3, "{:?}", c.disagreements);
        let py = json!({"f1": 0.5, "tp": 3, "title_match": null, "extra": 1});
        assert!(compare(&rust, &py).agrees());
        assert!(!compare(
            &rust,
            &json!({"f1": 0.5006, "tp": 3, "title_match": null, "extra": 1})
        )
        .agrees());
    }
}
