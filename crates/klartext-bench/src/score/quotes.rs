//! The `quotes` kind (kinds/quotes.py, the evaluation of Petersen-Frey & Biemann 2024): per
//! document, gold and predicted quotations become sets of the gold data's own tokens, are paired
//! by an exact maximum-weight (Hungarian) assignment on quotation token F1 (with the kind and
//! medium tie-breakers), and token precision/recall are averaged over the matched pairs and the
//! unmatched ones (macro): `joint_*` (quote and speaker pooled, the main figure), `quote_*`,
//! `speaker_*`, the original's roles/joint, kind agreement, micro figures, and all of it per gold
//! quotation type. Offsets are code points into the gold `text` (UTF-8 bytes with
//! `"offset_unit": "byte"`); a speaker given only as a string is located nearest the quotation.
//!
//! Every float is computed in the Python module's operation order, so the figures are identical.

use std::collections::BTreeSet;

use regex::RegexBuilder;
use serde_json::Value;

use super::{col, harmonic, round4, str_field, Column, Figures, Preds, Scorer};
use crate::pytext::{lower, py_strip};

pub struct Quotes;

const ROLES: [&str; 4] = ["speaker", "cue", "frame", "addressee"];
/// The gold quotation types, in the scorer's order.
pub const TYPES: [&str; 5] = [
    "direct",
    "indirect",
    "free_indirect",
    "indirect_free_indirect",
    "reported",
];
const STATS: [&str; 7] = [
    "pred_quotes",
    "matched",
    "quote_located_by_text",
    "offset_text_mismatch",
    "dropped_empty_predictions",
    "speaker_from_string",
    "speaker_string_not_found",
];

const COLUMNS: &[Column] = &[
    col("joint", "joint_f1"),
    col("j-prec", "joint_p"),
    col("j-rec", "joint_r"),
    col("quote", "quote_f1"),
    col("speaker", "speaker_f1"),
    col("kind", "kind_f1"),
    col("q-micro", "quote_micro_f1"),
];

/// `norm_kind`: lower-cased, non-letters dropped, the five types mapped; `None` for a
/// non-string or blank kind.
pub fn norm_kind(k: &Value) -> Value {
    let Some(s) = k.as_str() else {
        return Value::Null;
    };
    if py_strip(s).is_empty() {
        return Value::Null;
    }
    let key: String = lower(s)
        .chars()
        .filter(|c| c.is_ascii_lowercase())
        .collect();
    match key.as_str() {
        "direct" => "direct".into(),
        "indirect" => "indirect".into(),
        "freeindirect" => "free_indirect".into(),
        "indirectfreeindirect" => "indirect_free_indirect".into(),
        "reported" => "reported".into(),
        _ => Value::String(s.to_owned()),
    }
}

/// `hungarian_max`: the exact maximum-weight assignment, as (row, col) pairs sorted by row.
/// Shortest augmenting paths with dual potentials on cost = -weight, rows <= cols, in the
/// Python function's exact operation order (ties resolve the same way).
pub fn hungarian_max(weights: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let n0 = weights.len();
    let m0 = weights.first().map_or(0, Vec::len);
    if n0 == 0 || m0 == 0 {
        return Vec::new();
    }
    let transposed = n0 > m0;
    let w: Vec<Vec<f64>> = if transposed {
        (0..m0)
            .map(|j| (0..n0).map(|i| weights[i][j]).collect())
            .collect()
    } else {
        weights.to_vec()
    };
    let (n, m) = if transposed { (m0, n0) } else { (n0, m0) };
    let inf = f64::INFINITY;
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; m + 1];
    let mut matched = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        matched[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![inf; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = matched[j0];
            let mut delta = inf;
            let mut j1 = 0usize;
            let row = &w[i0 - 1];
            for j in 1..=m {
                if !used[j] {
                    let cur = -row[j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[matched[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if matched[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            matched[j0] = matched[j1];
            j0 = j1;
        }
    }
    let mut pairs: Vec<(usize, usize)> = (1..=m)
        .filter(|&j| matched[j] != 0)
        .map(|j| (matched[j] - 1, j - 1))
        .collect();
    if transposed {
        pairs = pairs.into_iter().map(|(r, c)| (c, r)).collect();
    }
    pairs.sort_unstable();
    pairs
}

/// A gold document: its text and tokens.
struct Doc<'a> {
    text: &'a str,
    /// Byte offset of every character, plus the text's length.
    char_bytes: Vec<usize>,
    tstart: Vec<i64>,
    tend: Vec<i64>,
}

type Spans = Vec<(i64, i64)>;
type Tokens = BTreeSet<usize>;

impl<'a> Doc<'a> {
    fn new(gold: &'a Value) -> Doc<'a> {
        let text = str_field(gold, "text").unwrap_or("");
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_bytes.push(text.len());
        let (mut tstart, mut tend) = (Vec::new(), Vec::new());
        if let Some(Value::Array(toks)) = gold.get("tokens") {
            for t in toks {
                tstart.push(t.get(0).and_then(Value::as_i64).unwrap_or(0));
                tend.push(t.get(1).and_then(Value::as_i64).unwrap_or(0));
            }
        }
        Doc {
            text,
            char_bytes,
            tstart,
            tend,
        }
    }

    fn chars(&self) -> i64 {
        (self.char_bytes.len() - 1) as i64
    }

    /// The tokens whose characters overlap any span.
    fn tokens(&self, spans: &[(i64, i64)]) -> Tokens {
        let mut out = Tokens::new();
        for &(s, e) in spans {
            let mut i = self.tend.partition_point(|&x| x <= s);
            while i < self.tstart.len() && self.tstart[i] < e {
                out.insert(i);
                i += 1;
            }
        }
        out
    }

    /// A UTF-8 byte offset as a character offset (inside a character: rounded down).
    fn byte_to_char(&self, b: i64) -> i64 {
        let k = self.char_bytes.partition_point(|&x| (x as i64) <= b);
        k.saturating_sub(1) as i64
    }

    /// Python's index normalisation for `s[i:]` / `find(x, i)`.
    fn clamp(&self, i: i64) -> usize {
        let n = self.chars();
        let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
        i as usize
    }

    /// `text[s:e]`.
    fn slice(&self, s: i64, e: i64) -> &str {
        let (s, e) = (self.clamp(s), self.clamp(e));
        if s >= e {
            return "";
        }
        &self.text[self.char_bytes[s]..self.char_bytes[e]]
    }

    fn char_at_byte(&self, b: usize) -> i64 {
        self.char_bytes.partition_point(|&x| x < b) as i64
    }

    /// `text.find(needle, start)` in characters; `None` for -1.
    fn find(&self, needle: &str, start: i64) -> Option<i64> {
        let n = self.chars();
        let from = if start > n {
            return None;
        } else {
            self.clamp(start)
        };
        let b = self.char_bytes[from];
        self.text[b..]
            .find(needle)
            .map(|i| self.char_at_byte(b + i))
    }

    /// All non-overlapping occurrences (character starts), `re.finditer(re.escape(needle))`.
    fn occurrences(&self, needle: &str, ignore_case: bool) -> Vec<i64> {
        let Ok(re) = RegexBuilder::new(&regex::escape(needle))
            .case_insensitive(ignore_case)
            .build()
        else {
            return Vec::new();
        };
        re.find_iter(self.text)
            .map(|m| self.char_at_byte(m.start()))
            .collect()
    }
}

/// An int that is not a bool (serde_json keeps them apart; floats are not ints).
fn as_int(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) if !n.is_f64() => n.as_i64(),
        _ => None,
    }
}

/// `read_spans`: `<prefix>spans` or `<prefix>start`/`<prefix>end`; `None` if absent; spans
/// with `e <= s` dropped (which may leave an empty list, not `None`).
fn read_spans(obj: &Value, prefix: &str, doc: &Doc, byte_offsets: bool) -> Option<Spans> {
    let mut out: Spans = Vec::new();
    match obj.get(format!("{prefix}spans").as_str()) {
        Some(Value::Array(spans)) if !spans.is_empty() => {
            for sp in spans {
                if let Value::Array(pair) = sp {
                    if pair.len() == 2 {
                        if let (Some(s), Some(e)) = (as_int(pair.first()), as_int(pair.get(1))) {
                            out.push((s, e));
                        }
                    }
                }
            }
        }
        _ => {
            let s = as_int(obj.get(format!("{prefix}start").as_str()));
            let e = as_int(obj.get(format!("{prefix}end").as_str()));
            if let (Some(s), Some(e)) = (s, e) {
                out.push((s, e));
            }
        }
    }
    if out.is_empty() {
        return None;
    }
    if byte_offsets {
        out = out
            .into_iter()
            .map(|(s, e)| (doc.byte_to_char(s), doc.byte_to_char(e)))
            .collect();
    }
    Some(out.into_iter().filter(|&(s, e)| e > s).collect())
}

/// `locate_string`: the occurrence of `needle` nearest the quotation extent `[qs, qe)`.
fn locate_string(doc: &Doc, needle: &str, qs: i64, qe: i64) -> Option<Spans> {
    let mut occ = doc.occurrences(needle, false);
    if occ.is_empty() {
        occ = doc.occurrences(needle, true);
    }
    if occ.is_empty() {
        return None;
    }
    let n = needle.chars().count() as i64;
    let outside: Vec<i64> = occ
        .iter()
        .copied()
        .filter(|&o| !(o >= qs && o + n <= qe))
        .collect();
    let cands = if outside.is_empty() { occ } else { outside };
    let dist = |o: i64| {
        if o + n <= qs {
            qs - (o + n)
        } else if o >= qe {
            o - qe
        } else {
            0
        }
    };
    let best = cands.into_iter().min_by_key(|&o| (dist(o), o))?;
    Some(vec![(best, best + n)])
}

/// A quotation as token sets per part, with its kind and medium.
#[derive(Debug, Clone)]
struct Group {
    parts: [Tokens; 5],
    kind: Value,
    medium: Value,
}

impl Group {
    fn empty() -> Group {
        Group {
            parts: Default::default(),
            kind: Value::Null,
            medium: Value::Null,
        }
    }

    fn quote(&self) -> &Tokens {
        &self.parts[0]
    }
}

/// `gold.get(key) or []` for a list of spans.
fn gold_spans(v: Option<&Value>) -> Option<Spans> {
    match v {
        Some(Value::Array(a)) if !a.is_empty() => Some(
            a.iter()
                .map(|sp| {
                    (
                        sp.get(0).and_then(Value::as_i64).unwrap_or(0),
                        sp.get(1).and_then(Value::as_i64).unwrap_or(0),
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

fn gold_groups(gold: &Value, doc: &Doc) -> Vec<Group> {
    let Some(Value::Array(quotes)) = gold.get("quotes") else {
        return Vec::new();
    };
    quotes
        .iter()
        .map(|q| {
            let mut parts: [Tokens; 5] = Default::default();
            let spans = gold_spans(q.get("spans")).unwrap_or_else(|| {
                vec![(
                    q.get("start").and_then(Value::as_i64).unwrap_or(0),
                    q.get("end").and_then(Value::as_i64).unwrap_or(0),
                )]
            });
            parts[0] = doc.tokens(&spans);
            for (k, r) in ROLES.iter().enumerate() {
                let spans = gold_spans(q.get(format!("{r}_spans").as_str())).unwrap_or_default();
                parts[k + 1] = doc.tokens(&spans);
            }
            Group {
                parts,
                kind: q.get("kind").cloned().unwrap_or(Value::Null),
                medium: q.get("medium").cloned().unwrap_or(Value::Null),
            }
        })
        .collect()
}

/// Counters of how the predictions were read.
#[derive(Default)]
struct Stats([usize; 7]);

impl Stats {
    fn inc(&mut self, key: &str) {
        let i = STATS.iter().position(|k| *k == key).unwrap_or(0);
        self.0[i] += 1;
    }
}

fn pred_groups(pred: &Value, doc: &Doc, stats: &mut Stats) -> Vec<Group> {
    let mut out = Vec::new();
    let Some(obj) = pred.as_object() else {
        return out;
    };
    if obj.is_empty() {
        return out;
    }
    let unit = match pred.get("offset_unit") {
        Some(v) if crate::pytext::truthy(v) => lower(&crate::pytext::py_str(v)),
        _ => String::new(),
    };
    let byte_offsets = matches!(unit.as_str(), "byte" | "bytes" | "utf8" | "utf-8");
    let mut cursor: i64 = 0;
    let Some(Value::Array(quotes)) = pred.get("quotes") else {
        return out;
    };
    for q in quotes {
        if !q.is_object() {
            continue;
        }
        stats.inc("pred_quotes");
        let qtext = str_field(q, "text").filter(|t| !t.is_empty());
        let mut qspans = read_spans(q, "", doc, byte_offsets);
        if qspans.is_none() {
            if let Some(t) = qtext {
                let found = doc.find(t, cursor).or_else(|| doc.find(t, 0));
                if let Some(i) = found {
                    qspans = Some(vec![(i, i + t.chars().count() as i64)]);
                    stats.inc("quote_located_by_text");
                }
            }
        }
        if let (Some(sp), Some(t)) = (&qspans, qtext) {
            if sp.len() == 1 && doc.slice(sp[0].0, sp[0].1) != t {
                stats.inc("offset_text_mismatch");
            }
        }
        let qspans = qspans.unwrap_or_default();
        let qtok = doc.tokens(&qspans);
        if qtok.is_empty() {
            stats.inc("dropped_empty_predictions");
            continue;
        }
        let qs = qspans.iter().map(|s| s.0).min().unwrap_or(0);
        let qe = qspans.iter().map(|s| s.1).max().unwrap_or(0);
        cursor = qs;
        let mut parts: [Tokens; 5] = Default::default();
        parts[0] = qtok;
        for (k, r) in ROLES.iter().enumerate() {
            let mut sp = read_spans(q, &format!("{r}_"), doc, byte_offsets);
            if sp.is_none() {
                if let Some(s) = str_field(q, r) {
                    let needle = py_strip(s);
                    if !needle.is_empty() {
                        sp = locate_string(doc, needle, qs, qe);
                        if *r == "speaker" {
                            stats.inc("speaker_from_string");
                            if sp.is_none() {
                                stats.inc("speaker_string_not_found");
                            }
                        }
                    }
                }
            }
            parts[k + 1] = doc.tokens(&sp.unwrap_or_default());
        }
        let medium = match q.get("medium") {
            Some(Value::String(s)) => Value::String(s.clone()),
            _ => Value::Null,
        };
        out.push(Group {
            parts,
            kind: norm_kind(q.get("kind").unwrap_or(&Value::Null)),
            medium,
        });
    }
    out
}

/// `f1_sets(gold, pred)`.
fn f1_sets(a: &Tokens, b: &Tokens) -> f64 {
    let both = a.intersection(b).count();
    if both == 0 {
        return 0.0;
    }
    let p = both as f64 / b.len() as f64;
    let r = both as f64 / a.len() as f64;
    2.0 * p * r / (p + r)
}

/// Per-part precision/recall lists and token counts.
#[derive(Default, Clone)]
struct Acc {
    prec: [Vec<f64>; 5],
    rec: [Vec<f64>; 5],
    tp: [usize; 5],
    fp: [usize; 5],
    fn_: [usize; 5],
}

impl Acc {
    fn add(&mut self, g: &Group, s: &Group) {
        for p in 0..5 {
            let (gp, sp) = (&g.parts[p], &s.parts[p]);
            let tp = gp.intersection(sp).count();
            let fp = sp.len() - tp;
            let fn_ = gp.len() - tp;
            self.tp[p] += tp;
            self.fp[p] += fp;
            self.fn_[p] += fn_;
            if tp + fp > 0 {
                self.prec[p].push(tp as f64 / (tp + fp) as f64);
            }
            if tp + fn_ > 0 {
                self.rec[p].push(tp as f64 / (tp + fn_) as f64);
            }
        }
    }

    fn macro_(&self, parts: &[usize]) -> (f64, f64, f64) {
        let pv = parts.iter().flat_map(|&p| self.prec[p].iter().copied());
        let rv = parts.iter().flat_map(|&p| self.rec[p].iter().copied());
        let (p, r) = (super::mean(pv), super::mean(rv));
        (p, r, harmonic(p, r))
    }

    fn micro(&self, p: usize) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp[p], self.fp[p], self.fn_[p]);
        let pr = super::ratio(tp, tp + fp);
        let re = super::ratio(tp, tp + fn_);
        (pr, re, harmonic(pr, re))
    }
}

fn put(out: &mut Figures, name: &str, (p, r, f): (f64, f64, f64)) {
    out.put(format!("{name}_p"), round4(p));
    out.put(format!("{name}_r"), round4(r));
    out.put(format!("{name}_f1"), round4(f));
}

const QUOTE: &[usize] = &[0];
const SPEAKER: &[usize] = &[1];
const JOINT: &[usize] = &[0, 1];
const ROLE_PARTS: &[usize] = &[1, 2, 3, 4];
const ALL_PARTS: &[usize] = &[0, 1, 2, 3, 4];

impl Scorer for Quotes {
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures {
        let mut acc = Acc::default();
        let mut by_type: Vec<Acc> = vec![Acc::default(); TYPES.len()];
        let mut stats = Stats::default();
        let (mut kind_tp, mut kind_fp, mut kind_fn) = (0usize, 0usize, 0usize);
        let mut gold_n = [0usize; 5];
        let mut n_gold = 0;
        let type_of = |k: &Value| k.as_str().and_then(|k| TYPES.iter().position(|t| *t == k));
        for g in gold {
            let doc = Doc::new(g);
            let gg = gold_groups(g, &doc);
            let ss = pred_groups(preds.get(g), &doc, &mut stats);
            n_gold += gg.len();
            for x in &gg {
                if let Some(t) = type_of(&x.kind) {
                    gold_n[t] += 1;
                }
            }
            let mut pairs = Vec::new();
            if !gg.is_empty() && !ss.is_empty() {
                let w: Vec<Vec<f64>> = gg
                    .iter()
                    .map(|a| {
                        ss.iter()
                            .map(|b| {
                                let mut f = f1_sets(a.quote(), b.quote());
                                if f > 0.0 {
                                    let k = if a.kind == b.kind { 0.01 } else { 0.0 };
                                    let m = if a.medium == b.medium { 0.001 } else { 0.0 };
                                    f += k + m;
                                }
                                f
                            })
                            .collect()
                    })
                    .collect();
                pairs = hungarian_max(&w)
                    .into_iter()
                    .filter(|&(i, j)| f1_sets(gg[i].quote(), ss[j].quote()) > 0.0)
                    .collect();
            }
            let empty = Group::empty();
            let mut groups: Vec<(&Group, &Group, bool, bool)> = pairs
                .iter()
                .map(|&(i, j)| (&gg[i], &ss[j], true, true))
                .collect();
            for (j, s) in ss.iter().enumerate() {
                if !pairs.iter().any(|&(_, pj)| pj == j) {
                    groups.push((&empty, s, false, true));
                }
            }
            for (i, x) in gg.iter().enumerate() {
                if !pairs.iter().any(|&(pi, _)| pi == i) {
                    groups.push((x, &empty, true, false));
                }
            }
            stats.0[1] += pairs.len();
            for (x, s, has_g, has_s) in groups {
                acc.add(x, s);
                let t = if has_g { &x.kind } else { &s.kind };
                if let Some(t) = type_of(t) {
                    by_type[t].add(x, s);
                }
                if has_g && has_s && x.kind == s.kind {
                    kind_tp += 1;
                } else {
                    if has_s && !s.kind.is_null() {
                        kind_fp += 1;
                    }
                    if has_g && !x.kind.is_null() {
                        kind_fn += 1;
                    }
                }
            }
        }
        let mut out = Figures::default();
        put(&mut out, "joint", acc.macro_(JOINT));
        put(&mut out, "quote", acc.macro_(QUOTE));
        put(&mut out, "speaker", acc.macro_(SPEAKER));
        put(&mut out, "official_roles", acc.macro_(ROLE_PARTS));
        put(&mut out, "official_joint", acc.macro_(ALL_PARTS));
        let kp = super::ratio(kind_tp, kind_tp + kind_fp);
        let kr = super::ratio(kind_tp, kind_tp + kind_fn);
        put(&mut out, "kind", (kp, kr, harmonic(kp, kr)));
        put(&mut out, "quote_micro", acc.micro(0));
        put(&mut out, "speaker_micro", acc.micro(1));
        for (t, name) in TYPES.iter().enumerate() {
            out.put(format!("{name}_n"), gold_n[t]);
            let a = &by_type[t];
            put(&mut out, &format!("{name}_joint"), a.macro_(JOINT));
            put(&mut out, &format!("{name}_quote"), a.macro_(QUOTE));
            put(&mut out, &format!("{name}_speaker"), a.macro_(SPEAKER));
        }
        out.put("gold_quotes", n_gold);
        for (k, v) in STATS.iter().zip(stats.0) {
            out.put(*k, v);
        }
        out
    }

    fn columns(&self) -> &'static [Column] {
        COLUMNS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn hungarian_finds_the_best_assignment() {
        let w = vec![vec![1.0, 0.9], vec![0.9, 0.0]];
        assert_eq!(hungarian_max(&w), [(0, 1), (1, 0)]);
        let w = vec![vec![0.2], vec![0.5], vec![0.1]];
        assert_eq!(hungarian_max(&w), [(1, 0)]);
        let w = vec![vec![0.0, 0.3, 0.4]];
        assert_eq!(hungarian_max(&w), [(0, 2)]);
        assert!(hungarian_max(&[]).is_empty());
    }

    #[test]
    fn kinds_normalise() {
        assert_eq!(norm_kind(&json!("Free-Indirect")), json!("free_indirect"));
        assert_eq!(norm_kind(&json!("partial")), json!("partial"));
        assert_eq!(norm_kind(&json!(" ")), Value::Null);
        assert_eq!(norm_kind(&json!(3)), Value::Null);
    }

    #[test]
    fn scores_a_matched_quote() {
        let text = "Er sagte, die Lage sei ernst.";
        let gold = vec![json!({"id": "1", "text": text,
            "tokens": [[0,2],[3,8],[8,9],[10,13],[14,18],[19,22],[23,28],[28,29]],
            "quotes": [{"start": 10, "end": 28, "kind": "indirect", "speaker_spans": [[0, 2]]}]})];
        let preds = Preds::from_jsonl(
            "{\"id\": \"1\", \"quotes\": [{\"start\": 10, \"end\": 28, \"kind\": \"indirect\", \"speaker\": \"Er\"}]}",
        )
        .expect("valid");
        let f = Quotes.score(&gold, &preds);
        assert_eq!(f.f64("joint_f1"), Some(1.0));
        assert_eq!(f.f64("indirect_speaker_f1"), Some(1.0));
        assert_eq!(f.get("speaker_from_string"), Some(&json!(1)));
        assert_eq!(f.f64("kind_f1"), Some(1.0));
        let none = Quotes.score(&gold, &Preds::default());
        assert_eq!(none.f64("joint_f1"), Some(0.0));
        assert_eq!(none.get("indirect_n"), Some(&json!(1)));
    }
}
