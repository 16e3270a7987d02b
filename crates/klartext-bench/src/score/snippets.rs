//! The `snippets` kind (kinds/snippets.py, trafilatura's evaluation): per page, each gold
//! `with` snippet found in the predicted text is a true positive, each `without` snippet found a
//! false positive (whitespace-normalised, case-sensitive substring); counts summed over the set.
//! Plus metadata agreement (title, authors, date_published, description, site_name).

use serde_json::Value;

use super::meta::{self, EmptyGold, FieldRule};
use super::{
    col, gold_id, ratio, round4, str_field, str_list, Column, Figures, PageScore, Preds, Scorer,
};
use crate::pytext::norm_ws;

pub struct Snippets;

const FIELDS: [FieldRule; 5] = [
    ("title", meta::text),
    ("authors", meta::authors_split),
    ("date_published", meta::day),
    ("description", meta::text),
    ("site_name", meta::text),
];

const COLUMNS: &[Column] = &[
    col("f1", "f1"),
    col("prec", "precision"),
    col("rec", "recall"),
    col("title", "title_match"),
    col("authors", "authors_match"),
    col("date", "date_published_match"),
    col("descr", "description_match"),
    col("site", "site_name_match"),
];

/// One page's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

/// `count_page`: snippets found in the normalised text; a non-string text finds nothing.
pub fn count_page(gold: &Value, text: Option<&str>) -> Counts {
    let with = str_list(gold, "with");
    let without = str_list(gold, "without");
    let (tp, fp) = match text {
        Some(text) => {
            let t = norm_ws(text);
            let found = |s: &String| t.contains(norm_ws(s).as_str());
            (
                with.iter().filter(|s| found(s)).count(),
                without.iter().filter(|s| found(s)).count(),
            )
        }
        None => (0, 0),
    };
    Counts {
        tp,
        fp,
        fn_: with.len() - tp,
        tn: without.len() - fp,
    }
}

fn page_counts(gold: &[Value], preds: &Preds) -> Vec<Counts> {
    gold.iter()
        .map(|g| count_page(g, str_field(preds.get(g), "text")))
        .collect()
}

impl Scorer for Snippets {
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures {
        let pages = page_counts(gold, preds);
        let (mut tp, mut fp, mut fn_, mut tn, mut perfect) = (0, 0, 0, 0, 0);
        for c in &pages {
            tp += c.tp;
            fp += c.fp;
            fn_ += c.fn_;
            tn += c.tn;
            perfect += usize::from(c.fn_ == 0 && c.fp == 0);
        }
        let mut out = Figures::default();
        out.put_ratio("f1", ratio(2 * tp, 2 * tp + fp + fn_));
        out.put_ratio("precision", ratio(tp, tp + fp));
        out.put_ratio("recall", ratio(tp, tp + fn_));
        out.put_ratio("accuracy", ratio(tp + tn, tp + fp + fn_ + tn));
        out.put("tp", tp);
        out.put("fp", fp);
        out.put("fn", fn_);
        out.put("tn", tn);
        out.put("pages_perfect", round4(ratio(perfect, gold.len())));
        let tallies = meta::tally(gold, preds, &FIELDS, EmptyGold::WhenAnnotated);
        meta::put(&mut out, &FIELDS, &tallies, true);
        out
    }

    fn pages(&self, gold: &[Value], preds: &Preds) -> Option<Vec<PageScore>> {
        let scores = gold
            .iter()
            .zip(page_counts(gold, preds))
            .filter(|(_, c)| c.tp + c.fp + c.fn_ + c.tn > 0)
            .map(|(g, c)| PageScore {
                id: gold_id(g),
                // A page with nothing to find that found no boilerplate is perfect.
                f1: if 2 * c.tp + c.fp + c.fn_ == 0 {
                    1.0
                } else {
                    ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn_)
                },
                precision: (c.tp + c.fp > 0).then(|| ratio(c.tp, c.tp + c.fp)),
                recall: (c.tp + c.fn_ > 0).then(|| ratio(c.tp, c.tp + c.fn_)),
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

    fn gold() -> Vec<Value> {
        vec![
            json!({"id": "p1", "with": ["Hello  world", "second\u{a0}part"], "without": ["Menu"],
                   "title": "A Title", "authors": ["Ann"], "metadata_annotated": true,
                   "date_published": "2020-01-02", "description": null}),
            json!({"id": "p2", "with": ["gone"], "without": ["Footer", "Ads"],
                   "title": "B", "authors": [], "metadata_annotated": true}),
            json!({"id": "p3", "with": ["x"], "without": []}),
        ]
    }

    #[test]
    fn counts_snippets_like_trafilatura() {
        let preds = Preds::from_jsonl(concat!(
            "{\"id\": \"p1\", \"text\": \"Hello\\nworld. The second part. Menu\", \"title\": \"a title\",",
            " \"authors\": \"ann\", \"date_published\": \"2020-01-02T08:00\", \"description\": \"d\"}\n",
            "{\"id\": \"p2\", \"text\": \"FOOTER and Ads\", \"title\": \"C\", \"authors\": [\"X\"]}\n",
            "{\"id\": \"p3\", \"text\": null}\n",
        ))
        .expect("valid");
        let f = Snippets.score(&gold(), &preds);
        // p1: tp 2 (case-sensitive "second part" after NBSP normalisation), fp 1 (Menu);
        // p2: fn 1, fp 1 (Ads; "Footer" differs in case), tn 1; p3: text not a string, fn 1.
        assert_eq!(f.get("tp"), Some(&json!(2)));
        assert_eq!(f.get("fp"), Some(&json!(2)));
        assert_eq!(f.get("fn"), Some(&json!(2)));
        assert_eq!(f.get("tn"), Some(&json!(1)));
        assert_eq!(f.f64("f1"), Some(0.5));
        assert_eq!(f.f64("precision"), Some(0.5));
        assert_eq!(f.f64("accuracy"), Some(round4(3.0 / 7.0)));
        assert_eq!(f.f64("pages_perfect"), Some(0.0));
        assert_eq!(f.f64("title_match"), Some(0.5));
        assert_eq!(f.get("title_n"), Some(&json!(2)));
        assert_eq!(f.f64("authors_match"), Some(1.0));
        assert_eq!(f.f64("authors_spurious"), Some(1.0));
        assert_eq!(f.get("authors_empty_n"), Some(&json!(1)));
        assert_eq!(f.f64("date_published_match"), Some(1.0));
        // description: p1's null gold is annotated, and a value was given.
        assert_eq!(f.get("description_match"), Some(&Value::Null));
        assert_eq!(f.f64("description_spurious"), Some(1.0));
        assert_eq!(f.get("site_name_n"), Some(&json!(0)));
        assert_eq!(f.get("site_name_spurious"), None);
    }

    #[test]
    fn empty_predictions_score_zero() {
        let f = Snippets.score(&gold(), &Preds::default());
        assert_eq!(f.f64("f1"), Some(0.0));
        assert_eq!(f.f64("recall"), Some(0.0));
        assert_eq!(f.get("tn"), Some(&json!(3)));
    }

    #[test]
    fn per_page_scores() {
        let preds = Preds::from_jsonl("{\"id\": \"p3\", \"text\": \"x\"}").expect("valid");
        let pages = Snippets.pages(&gold(), &preds).expect("a text kind");
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].f1, 1.0);
        assert_eq!(pages[0].f1, 0.0);
        assert_eq!(pages[0].precision, None);
        assert_eq!(pages[0].recall, Some(0.0));
    }
}
