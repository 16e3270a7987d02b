//! Scoring: one module per scoring kind, each a faithful port of `../shared/eval/kinds/<kind>.py`,
//! behind the [`Scorer`] trait; plus what they share (predictions keyed as score.py keys
//! them, ordered [`Figures`], Python's rounding and means).
//!
//! To add a kind: write `score/<kind>.rs` with a type implementing [`Scorer`],
//! add a [`Kind`] variant, and map it in [`Kind::parse`] and [`Kind::scorer`]. Whether the
//! kind's input is the page files or a gold field is [`Kind::input`].

pub mod dates;
pub mod meta;
pub mod quotes;
pub mod snippets;
pub mod tokenf1;
pub mod wcxb;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::pytext;

/// A scoring kind, as named by `set.json`'s `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Snippets,
    Wcxb,
    TokenF1,
    Dates,
    Quotes,
}

/// Where a kind's documents come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// `pages/<id>.html`, the page bytes.
    Pages,
    /// A field of the gold record itself, fed as plain text (the `quotes` sets' `text`).
    GoldText(&'static str),
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "snippets" => Kind::Snippets,
            "wcxb" => Kind::Wcxb,
            "tokenf1" => Kind::TokenF1,
            "dates" => Kind::Dates,
            "quotes" => Kind::Quotes,
            _ => return None,
        })
    }

    pub fn scorer(self) -> &'static dyn Scorer {
        match self {
            Kind::Snippets => &snippets::Snippets,
            Kind::Wcxb => &wcxb::Wcxb,
            Kind::TokenF1 => &tokenf1::TokenF1,
            Kind::Dates => &dates::Dates,
            Kind::Quotes => &quotes::Quotes,
        }
    }

    pub fn input(self) -> Input {
        match self {
            Kind::Quotes => Input::GoldText("text"),
            _ => Input::Pages,
        }
    }
}

/// One column of the summary table: its header and the figure it shows.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    pub key: &'static str,
}

pub const fn col(header: &'static str, key: &'static str) -> Column {
    Column { header, key }
}

/// A page's text score, for the `--worst` report. `None` where a ratio is undefined.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub f1: f64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
}

/// A scorer for one kind: the same figures, under the same names, as its Python module.
pub trait Scorer: Sync {
    /// The kind's figures over the gold pages (a page with no prediction scores as empty).
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures;

    /// Per-page text scores, for kinds that score a text per page.
    fn pages(&self, _gold: &[Value], _preds: &Preds) -> Option<Vec<PageScore>> {
        None
    }

    /// The main figures, for the summary table.
    fn columns(&self) -> &'static [Column];
}

/// Predictions keyed as score.py keys them: `id`, else the file stem of `source`.
#[derive(Debug, Default)]
pub struct Preds {
    by_id: HashMap<String, Value>,
    /// Lines that were not JSON objects (score.py would stop on them).
    pub skipped: usize,
}

impl Preds {
    pub fn from_jsonl(text: &str) -> Result<Preds> {
        let mut preds = Preds::default();
        for (n, line) in text.split('\n').enumerate() {
            if pytext::py_strip(line).is_empty() {
                continue;
            }
            let value: Value =
                serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
            match value {
                Value::Object(_) => {
                    let key = key_of(&value);
                    preds.by_id.insert(key, value); // a later line wins, as in score.py
                }
                _ => preds.skipped += 1,
            }
        }
        Ok(preds)
    }

    pub fn load(path: &Path) -> Result<Preds> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        Preds::from_jsonl(&text).with_context(|| format!("parsing {}", path.display()))
    }

    /// The prediction for a gold record, or `Value::Null` (every field then reads as absent).
    pub fn get(&self, gold: &Value) -> &Value {
        self.by_id.get(&gold_id(gold)).unwrap_or(&Value::Null)
    }

    pub fn contains(&self, gold: &Value) -> bool {
        self.by_id.contains_key(&gold_id(gold))
    }
}

/// score.py's `key_of`: `str(id)` when given, else the file name of `source` up to its first dot.
fn key_of(pred: &Value) -> String {
    match pred.get("id") {
        Some(id) if !id.is_null() => pytext::py_str(id),
        _ => {
            let source = pred.get("source").map(|s| {
                if pytext::truthy(s) {
                    pytext::py_str(s)
                } else {
                    String::new()
                }
            });
            let source = source.unwrap_or_default();
            let base = source.rsplit('/').next().unwrap_or("");
            base.split('.').next().unwrap_or("").to_owned()
        }
    }
}

/// `str(g["id"])`.
pub fn gold_id(gold: &Value) -> String {
    gold.get("id").map(pytext::py_str).unwrap_or_default()
}

/// `d.get(key)`: the value, with a missing key (or a non-object) read as `None`.
pub fn field<'a>(obj: &'a Value, key: &str) -> &'a Value {
    obj.get(key).unwrap_or(&Value::Null)
}

/// `d.get(key)` when it is a `str`.
pub fn str_field<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// `d.get(key) or []` for a list of strings (non-strings read through `str()`).
pub fn str_list(obj: &Value, key: &str) -> Vec<String> {
    match obj.get(key) {
        Some(Value::Array(items)) => items.iter().map(pytext::py_str).collect(),
        _ => Vec::new(),
    }
}

/// Reads `gold.jsonl`: one JSON object per page.
pub fn load_gold(path: &Path) -> Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut gold = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if pytext::py_strip(line).is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .with_context(|| format!("{} line {}", path.display(), n + 1))?;
        if !value.is_object() || value.get("id").is_none() {
            bail!(
                "{} line {}: not a gold record with an id",
                path.display(),
                n + 1
            );
        }
        gold.push(value);
    }
    Ok(gold)
}

/// Named figures in the order the Python scorer emits them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures(Vec<(String, Value)>);

impl Figures {
    pub fn put(&mut self, key: impl Into<String>, value: impl Into<Value>) {
        let key = key.into();
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// A rounded ratio, as `round(x, 4)`.
    pub fn put_ratio(&mut self, key: impl Into<String>, x: f64) {
        self.put(key, round4(x));
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn f64(&self, key: &str) -> Option<f64> {
        self.get(key).and_then(Value::as_f64)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Prepends score.py's own header figures.
    pub fn with_header(self, set: &str, kind: &str, gold: &[Value], preds: &Preds) -> Figures {
        let mut out = Figures::default();
        out.put("set", set);
        out.put("kind", kind);
        out.put("pages", gold.len());
        out.put(
            "predicted",
            gold.iter().filter(|g| preds.contains(g)).count(),
        );
        out.0.extend(self.0);
        out
    }
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Python's `round(x, 4)`: the correctly rounded decimal (ties to even), read back.
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// `sum(xs) / len(xs) if xs else 0.0`, summing left to right as Python 3.11's `sum`.
pub fn mean(xs: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for x in xs {
        sum += x;
        n += 1;
    }
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// `a / b if b else 0.0`.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// `sum((Counter(a) & Counter(b)).values())`: the size of the multiset intersection.
pub fn overlap(a: &[String], b: &[String]) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(a.len());
    for t in a {
        *counts.entry(t.as_str()).or_default() += 1;
    }
    let mut shared = 0;
    for t in b {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                shared += 1;
            }
        }
    }
    shared
}

/// `2 * p * r / (p + r) if p + r else 0.0`, in Python's operation order.
pub fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rounds_like_python() {
        assert_eq!(round4(0.03125), 0.0312); // a tie goes to even
        assert_eq!(round4(0.03135), 0.0314); // 0.03135 is stored just above the tie
        assert_eq!(round4(2.0 / 3.0), 0.6667);
        assert_eq!(round4(1.0), 1.0);
    }

    #[test]
    fn means_and_overlap() {
        assert_eq!(mean([]), 0.0);
        assert_eq!(mean([0.5, 1.0]), 0.75);
        let a: Vec<String> = ["a", "a", "b", "c"].map(String::from).into();
        let b: Vec<String> = ["a", "b", "b", "d"].map(String::from).into();
        assert_eq!(overlap(&a, &b), 2);
        assert_eq!(overlap(&b, &a), 2);
        assert_eq!(harmonic(0.0, 0.0), 0.0);
    }

    #[test]
    fn keys_predictions_like_score_py() {
        let text = concat!(
            "{\"id\": 7, \"text\": \"a\"}\n",
            "\n",
            "{\"source\": \"x/y/page.one.html\", \"text\": \"b\"}\n",
            "{\"id\": null, \"source\": \"\"}\n",
            "[1]\n",
            "{\"id\": \"7\", \"text\": \"later\"}\n",
        );
        let preds = Preds::from_jsonl(text).expect("valid jsonl");
        assert_eq!(preds.get(&json!({"id": "7"}))["text"], "later");
        assert_eq!(preds.get(&json!({"id": "page"}))["text"], "b");
        assert!(preds.contains(&json!({"id": ""})));
        assert!(preds.get(&json!({"id": "nope"})).is_null());
        assert_eq!(preds.skipped, 1);
    }

    #[test]
    fn figures_keep_order_and_replace() {
        let mut f = Figures::default();
        f.put("b", 1);
        f.put("a", 2);
        f.put("b", 3);
        let keys: Vec<&str> = f.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(f.f64("b"), Some(3.0));
        assert_eq!(
            serde_json::to_string(&f).expect("serialises"),
            "{\"b\":3,\"a\":2}"
        );
    }
}
