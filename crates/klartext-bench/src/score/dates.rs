//! The `dates` kind (kinds/dates.py, htmldate's evaluation): per page the predicted day is
//! correct, wrong or missing; accuracy, htmldate-style precision/recall/F1, and the upstream
//! treatment of undated pages. `date_published` unprefixed; `date_modified` prefixed when any
//! gold record has that key.

use serde_json::Value;

use super::{col, field, ratio, round4, Column, Figures, Preds, Scorer};
use crate::pytext::{self, Day};

pub struct Dates;

const FIELDS: [&str; 2] = ["date_published", "date_modified"];

const COLUMNS: &[Column] = &[
    col("acc", "accuracy"),
    col("f1", "f1"),
    col("prec", "precision"),
    col("rec", "recall"),
];

/// `_given`: whether a value counts as a prediction at all.
pub fn given(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !pytext::py_strip(s).is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

/// `day`: the first bounded YYYY-MM-DD in the value (a list's first item).
pub fn day(v: &Value) -> Option<Day> {
    let v = match v {
        Value::Array(a) => a.first()?,
        v => v,
    };
    if v.is_null() {
        return None;
    }
    pytext::first_day(&pytext::py_str(v), true)
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    tp: usize,
    tn: usize,
    fp: usize,
    fn_: usize,
    spurious: usize,
    unparsed: usize,
    undated: usize,
}

fn count(gold: &[Value], preds: &Preds, name: &str) -> Counts {
    let mut c = Counts::default();
    for g in gold {
        let gv = day(field(g, name));
        let raw = field(preds.get(g), name);
        let is_given = given(raw);
        let pv = if is_given { day(raw) } else { None };
        c.unparsed += usize::from(is_given && pv.is_none());
        c.undated += usize::from(gv.is_none());
        match (is_given, gv) {
            (false, None) => c.tn += 1,
            (false, Some(_)) => c.fn_ += 1,
            (true, Some(g)) if pv == Some(g) => c.tp += 1,
            (true, gv) => {
                c.fp += 1;
                c.spurious += usize::from(gv.is_none());
            }
        }
    }
    c
}

fn put_field(out: &mut Figures, prefix: &str, c: &Counts) {
    let n = c.tp + c.tn + c.fp + c.fn_;
    let fn_up = c.fn_ + c.tn;
    let r = |a, b| round4(ratio(a, b));
    let mut put = |k: &str, v: Value| out.put(format!("{prefix}{k}"), v);
    put("accuracy", r(c.tp + c.tn, n).into());
    put("precision", r(c.tp, c.tp + c.fp).into());
    put("recall", r(c.tp, c.tp + c.fn_).into());
    put("f1", r(2 * c.tp, 2 * c.tp + c.fp + c.fn_).into());
    put("correct", (c.tp + c.tn).into());
    put("wrong", c.fp.into());
    put("missing", c.fn_.into());
    put("tp", c.tp.into());
    put("fp", c.fp.into());
    put("fn", c.fn_.into());
    put("tn", c.tn.into());
    put("spurious", c.spurious.into());
    put("unparsed", c.unparsed.into());
    put("dated_n", (n - c.undated).into());
    put("undated_n", c.undated.into());
    put("upstream_recall", r(c.tp, c.tp + fn_up).into());
    put("upstream_accuracy", r(c.tp, n).into());
    put("upstream_f1", r(2 * c.tp, 2 * c.tp + c.fp + fn_up).into());
}

impl Scorer for Dates {
    fn score(&self, gold: &[Value], preds: &Preds) -> Figures {
        let mut out = Figures::default();
        for name in FIELDS {
            let present = gold.iter().any(|g| g.get(name).is_some());
            if name != "date_published" && !present {
                continue;
            }
            let prefix = if name == "date_published" {
                String::new()
            } else {
                format!("{name}_")
            };
            put_field(&mut out, &prefix, &count(gold, preds, name));
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
    fn classifies_each_page() {
        let gold = vec![
            json!({"id": "a", "date_published": "2019-10-19"}),
            json!({"id": "b", "date_published": "2019-10-19"}),
            json!({"id": "c", "date_published": "2019-10-19"}),
            json!({"id": "d", "date_published": null}),
            json!({"id": "e", "date_published": null}),
            json!({"id": "f", "date_published": "2020-01-01"}),
        ];
        let preds = Preds::from_jsonl(concat!(
            "{\"id\": \"a\", \"date_published\": \"2019-10-19T23:30:00+02:00\"}\n",
            "{\"id\": \"b\", \"date_published\": \"2019-10-20\"}\n",
            "{\"id\": \"c\", \"date_published\": \"  \"}\n",
            "{\"id\": \"d\", \"date_published\": null}\n",
            "{\"id\": \"e\", \"date_published\": \"yesterday\"}\n",
            "{\"id\": \"f\", \"date_published\": [\"2020-1-1\"]}\n",
        ))
        .expect("valid");
        let f = Dates.score(&gold, &preds);
        // tp a, f; fp b, e (e spurious and unparsed); fn c; tn d.
        for (k, v) in [
            ("tp", 2),
            ("fp", 2),
            ("fn", 1),
            ("tn", 1),
            ("spurious", 1),
            ("unparsed", 1),
        ] {
            assert_eq!(f.get(k), Some(&json!(v)), "{k}");
        }
        assert_eq!(f.f64("accuracy"), Some(0.5));
        assert_eq!(f.f64("precision"), Some(0.5));
        assert_eq!(f.f64("recall"), Some(0.6667));
        assert_eq!(f.f64("f1"), Some(round4(4.0 / 7.0)));
        assert_eq!(f.f64("upstream_recall"), Some(0.5));
        assert_eq!(f.f64("upstream_accuracy"), Some(0.3333));
        assert_eq!(f.get("dated_n"), Some(&json!(4)));
        assert_eq!(f.get("date_modified_accuracy"), None);
    }

    #[test]
    fn modified_dates_are_prefixed() {
        let gold = vec![json!({"id": "a", "date_published": null, "date_modified": "2020-02-02"})];
        let f = Dates.score(&gold, &Preds::default());
        assert_eq!(f.f64("accuracy"), Some(1.0));
        assert_eq!(f.get("date_modified_missing"), Some(&json!(1)));
        assert_eq!(f.f64("date_modified_accuracy"), Some(0.0));
    }

    #[test]
    fn given_and_day_follow_python() {
        assert!(!given(&json!(null)) && !given(&json!("\u{a0}")) && !given(&json!([])));
        assert!(given(&json!(false)) && given(&json!(0)) && given(&json!([null])));
        assert_eq!(day(&json!([null, "2020-01-01"])), None);
        assert_eq!(day(&json!("x2020-01-01")), Some((2020, 1, 1)));
        assert_eq!(day(&json!("12020-01-01")), None);
    }
}
