//! The `wcxb` kind (kinds/wcxb.py, the WCXB benchmark's metric): per page, bag-of-words F1 over
//! lower-cased `\w+` tokens, averaged over pages, overall and per gold `page_type`; WCXB's
//! snippet rates; exact token agreement; metadata agreement (title, authors, date_published).

use std::collections::BTreeSet;

use serde_json::Value;

use super::meta::{self, EmptyGold, FieldRule};
use super::{
    col, gold_id, harmonic, mean, overlap, str_field, str_list, Column, Figures, PageScore, Preds,
    Scorer,
};
use crate::pytext::{lower, tokens};

pub struct Wcxb;

/// The page types in WCXB's order; others follow sorted.
pub const TYPES: [&str; 7] = [
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
];

const FIELDS: [FieldRule; 3] = [
    ("title", meta::text),
    ("authors", meta::authors_whole),
    ("date_published", meta::day),
];

const COLUMNS: &[Column] = &[
    col("f1", "f1"),
    col("article", "f1_article"),
    col("forum", "f1_forum"),
    col("product", "f1_product"),
    col("collect", "f1_collection"),
    col("listing", "f1_listing"),
    col("docs", "f1_documentation"),
    col("service", "f1_service"),
    col("title", "title_match"),
    col("authors", "authors_match"),
    col("date", "date_published_match"),
];

/// `word_prf`: (precision, recall, F1) of the predicted tokens against the gold tokens.
pub fn word_prf(gold: &[String], pred: &[String]) -> (f64, f64, f64) {
    if gold.is_empty() {
        return if pred.is_empty() {
            (1.0, 1.0, 1.0)
        } else {
            (0.0, 0.0, 0.0)
        };
    }
    if pred.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let shared = overlap(pred, gold) as f64;
    let (p, r) = (shared / pred.len() as f64, shared / gold.len() as f64);
    (p, r, harmonic(p, r))
}

/// `snippet_rate`: share of snippets found case-insensitively; 1.0 for an empty list.
pub fn snippet_rate(text_lower: &str, snippets: &[String]) -> f64 {
    if snippets.is_empty() {
        return 1.0;
    }
    let found = snippets
        .iter()
        .filter(|s| text_lower.contains(lower(s).as_str()))
        .count();
    found as f64 / snippets.len() as f64
}

/// One page's row.
struct Row {
    id: String,
    page_type: String,
    p: f64,
    r: f64,
    f: f64,
    with: f64,
    without: f64,
    exact: f64,
}

fn rows(gold: &[Value], preds: &Preds) -> Vec<Row> {
    gold.iter()
        .map(|g| {
            let ptext = str_field(preds.get(g), "text").unwrap_or("");
            let gt = str_field(g, "text").map(tokens).unwrap_or_default();
            let pt = tokens(ptext);
            let (p, r, f) = word_prf(&gt, &pt);
            let low = lower(ptext);
            let page_type = match str_field(g, "page_type") {
                Some(t) if !t.is_empty() => t.to_owned(),
                _ => "article".to_owned(),
            };
            Row {
                id: gold_id(g),
                page_type,
                p,
                r,
                f,
                with: snippet_rate(&low, &str_list(g, "with")),
                without: snippet_rate(&low, &str_list(g, "without")),
                exact: f64::from(u8::from(gt == pt)),
            }
        })
        .collect()
}

impl Scorer for Wcxb {
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures {
        let rows = rows(gold, preds);
        let mut out = Figures::default();
        out.put_ratio("f1", mean(rows.iter().map(|x| x.f)));
        out.put_ratio("precision", mean(rows.iter().map(|x| x.p)));
        out.put_ratio("recall", mean(rows.iter().map(|x| x.r)));
        out.put_ratio("with_rate", mean(rows.iter().map(|x| x.with)));
        out.put_ratio("without_rate", mean(rows.iter().map(|x| x.without)));
        out.put_ratio("exact", mean(rows.iter().map(|x| x.exact)));
        let others: BTreeSet<&str> = rows
            .iter()
            .map(|x| x.page_type.as_str())
            .filter(|t| !TYPES.contains(t))
            .collect();
        for t in TYPES.iter().copied().chain(others) {
            let sel: Vec<&Row> = rows.iter().filter(|x| x.page_type == t).collect();
            if sel.is_empty() {
                continue;
            }
            out.put_ratio(format!("f1_{t}"), mean(sel.iter().map(|x| x.f)));
            out.put_ratio(format!("precision_{t}"), mean(sel.iter().map(|x| x.p)));
            out.put_ratio(format!("recall_{t}"), mean(sel.iter().map(|x| x.r)));
            out.put(format!("n_{t}"), sel.len());
        }
        let tallies = meta::tally(gold, preds, &FIELDS, EmptyGold::Always);
        meta::put(&mut out, &FIELDS, &tallies, false);
        out
    }

    fn pages(&self, gold: &[Value], preds: &Preds) -> Option<Vec<PageScore>> {
        let scores = rows(gold, preds)
            .into_iter()
            .map(|x| PageScore {
                id: format!("{} ({})", x.id, x.page_type),
                f1: x.f,
                precision: Some(x.p),
                recall: Some(x.r),
            })
            .collect();
        Some(scores)
    }

    fn columns(&self) -> &'static [Column] {
        COLUMNS
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn toks(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn word_f1_edge_cases() {
        assert_eq!(word_prf(&[], &[]), (1.0, 1.0, 1.0));
        assert_eq!(word_prf(&[], &toks(&["a"])), (0.0, 0.0, 0.0));
        assert_eq!(word_prf(&toks(&["a"]), &[]), (0.0, 0.0, 0.0));
        // gold a a b, pred a c: overlap 1, P 1/2, R 1/3, F1 0.4.
        let (p, r, f) = word_prf(&toks(&["a", "a", "b"]), &toks(&["a", "c"]));
        assert_eq!((p, r), (0.5, 1.0 / 3.0));
        assert!((f - 0.4).abs() < 1e-12);
    }

    #[test]
    fn scores_by_page_type() {
        let gold = vec![
            json!({"id": "1", "page_type": "article", "text": "The cat sat.", "with": ["THE CAT"],
                   "without": [], "title": "T", "authors": [], "date_published": null}),
            json!({"id": "2", "page_type": "forum", "text": "", "with": [], "without": ["menu"],
                   "title": "F", "authors": ["Bo"], "date_published": "2024-05-06"}),
            json!({"id": "3", "page_type": "weird", "text": "one two"}),
        ];
        let preds = Preds::from_jsonl(concat!(
            "{\"id\": \"1\", \"text\": \"the cat sat on the mat\", \"title\": \" t \", \"authors\": [\"x\"]}\n",
            "{\"id\": \"2\", \"text\": \"\", \"authors\": \"bo\", \"date_published\": \"2024-05-06T00:00:00Z\"}\n",
        ))
        .expect("valid");
        let f = Wcxb.score(&gold, &preds);
        // Page 1: P 3/6, R 3/3, F1 2/3; page 2: both empty, 1; page 3: no prediction, 0.
        assert_eq!(f.f64("f1_article"), Some(0.6667));
        assert_eq!(f.f64("f1_forum"), Some(1.0));
        assert_eq!(f.f64("f1_weird"), Some(0.0));
        assert_eq!(f.get("n_weird"), Some(&json!(1)));
        assert_eq!(f.f64("f1"), Some(0.5556));
        assert_eq!(f.f64("precision"), Some(0.5));
        assert_eq!(f.f64("with_rate"), Some(1.0)); // empty lists count 1.0
        assert_eq!(f.f64("without_rate"), Some(0.6667)); // "menu" not found on page 2
        assert_eq!(f.f64("exact"), Some(0.3333));
        assert_eq!(f.f64("title_match"), Some(0.5));
        assert_eq!(f.f64("authors_match"), Some(1.0));
        assert_eq!(f.f64("authors_spurious"), Some(1.0));
        assert_eq!(f.f64("date_published_match"), Some(1.0));
        assert_eq!(f.get("date_published_spurious"), Some(&json!(0.0)));
        let keys: Vec<&str> = f.iter().map(|(k, _)| k).collect();
        assert!(
            keys.iter().position(|k| *k == "f1_forum") < keys.iter().position(|k| *k == "f1_weird")
        );
    }
}
