//! The `tokenf1` kind (kinds/tokenf1.py, the Readability.js pages): per page, bag-of-words F1
//! over lower-cased `\w+` tokens, averaged over pages, overall and by gold `readerable`; plus
//! metadata agreement (title, authors, description, site_name, date_published, language).

use serde_json::Value;

use super::meta::{self, EmptyGold, FieldRule};
use super::{
    col, gold_id, harmonic, mean, overlap, str_field, Column, Figures, PageScore, Preds, Scorer,
};
use crate::pytext::tokens;

pub struct TokenF1;

const FIELDS: [FieldRule; 6] = [
    ("title", meta::text),
    ("authors", meta::authors_whole),
    ("description", meta::text),
    ("site_name", meta::text),
    ("date_published", meta::day),
    ("language", meta::lang),
];

const COLUMNS: &[Column] = &[
    col("f1", "f1"),
    col("prec", "precision"),
    col("rec", "recall"),
    col("title", "title_match"),
    col("authors", "authors_match"),
    col("descr", "description_match"),
    col("site", "site_name_match"),
    col("lang", "language_match"),
];

/// `prf`: (precision, recall, F1); both sides empty is 1, one side empty 0.
pub fn prf(gold: &[String], pred: &[String]) -> (f64, f64, f64) {
    match (gold.is_empty(), pred.is_empty()) {
        (true, true) => return (1.0, 1.0, 1.0),
        (true, false) | (false, true) => return (0.0, 0.0, 0.0),
        (false, false) => {}
    }
    let shared = overlap(gold, pred) as f64;
    let (p, r) = (shared / pred.len() as f64, shared / gold.len() as f64);
    (p, r, harmonic(p, r))
}

struct Row {
    id: String,
    p: f64,
    r: f64,
    f: f64,
    exact: bool,
    readerable: Option<bool>,
}

fn rows(gold: &[Value], preds: &Preds) -> Vec<Row> {
    gold.iter()
        .map(|g| {
            let gt = str_field(g, "text").map(tokens).unwrap_or_default();
            let pt = str_field(preds.get(g), "text")
                .map(tokens)
                .unwrap_or_default();
            let (p, r, f) = prf(&gt, &pt);
            Row {
                id: gold_id(g),
                p,
                r,
                f,
                exact: gt == pt,
                readerable: g.get("readerable").and_then(Value::as_bool),
            }
        })
        .collect()
}

impl Scorer for TokenF1 {
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures {
        let rows = rows(gold, preds);
        let mut out = Figures::default();
        out.put_ratio("f1", mean(rows.iter().map(|x| x.f)));
        out.put_ratio("precision", mean(rows.iter().map(|x| x.p)));
        out.put_ratio("recall", mean(rows.iter().map(|x| x.r)));
        out.put_ratio(
            "exact",
            mean(rows.iter().map(|x| f64::from(u8::from(x.exact)))),
        );
        let by = |want: bool| -> Vec<f64> {
            rows.iter()
                .filter(|x| x.readerable == Some(want))
                .map(|x| x.f)
                .collect()
        };
        let (yes, no) = (by(true), by(false));
        if !yes.is_empty() || !no.is_empty() {
            out.put_ratio("f1_readerable", mean(yes.iter().copied()));
            out.put_ratio("f1_not_readerable", mean(no.iter().copied()));
            out.put("readerable_n", yes.len());
            out.put("not_readerable_n", no.len());
        }
        let tallies = meta::tally(gold, preds, &FIELDS, EmptyGold::Always);
        meta::put(&mut out, &FIELDS, &tallies, false);
        out
    }

    fn pages(&self, gold: &[Value], preds: &Preds) -> Option<Vec<PageScore>> {
        let scores = rows(gold, preds)
            .into_iter()
            .map(|x| PageScore {
                id: x.id,
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

    #[test]
    fn token_f1_and_metadata() {
        let gold = vec![
            json!({"id": "001", "text": "Hello, World! Hello.", "readerable": true,
                   "title": "Hi", "authors": ["By Ann"], "language": "en-US", "site_name": null,
                   "description": "Lead", "date_published": null}),
            json!({"id": "002", "text": "x", "readerable": false, "title": null,
                   "authors": [], "language": null, "site_name": "S"}),
        ];
        let preds = Preds::from_jsonl(concat!(
            "{\"id\": \"001\", \"text\": \"hello world\", \"title\": \"HI\", \"authors\": [\"by ann\"],",
            " \"language\": \"en\", \"site_name\": \"Site\", \"description\": \"lead \"}\n",
            "{\"id\": \"002\", \"text\": 5, \"language\": \"de\", \"site_name\": \"s\"}\n",
        ))
        .expect("valid");
        let f = TokenF1.score(&gold, &preds);
        // 001: gold hello world hello, pred hello world: P 1, R 2/3, F1 0.8; 002: text not a str, 0.
        assert_eq!(f.f64("f1"), Some(0.4));
        assert_eq!(f.f64("precision"), Some(0.5));
        assert_eq!(f.f64("recall"), Some(0.3333));
        assert_eq!(f.f64("f1_readerable"), Some(0.8));
        assert_eq!(f.f64("f1_not_readerable"), Some(0.0));
        assert_eq!(f.get("readerable_n"), Some(&json!(1)));
        assert_eq!(f.f64("title_match"), Some(1.0));
        assert_eq!(f.f64("title_spurious"), Some(0.0));
        assert_eq!(f.f64("authors_match"), Some(1.0));
        assert_eq!(f.f64("description_match"), Some(1.0));
        assert_eq!(f.f64("site_name_match"), Some(1.0));
        assert_eq!(f.f64("site_name_spurious"), Some(1.0));
        assert_eq!(f.f64("language_match"), Some(1.0));
        assert_eq!(f.f64("language_spurious"), Some(1.0));
        assert_eq!(f.get("date_published_match"), Some(&Value::Null));
        assert_eq!(f.f64("date_published_spurious"), Some(0.0));
    }
}
