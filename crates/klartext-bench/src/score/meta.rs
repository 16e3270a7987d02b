//! Metadata agreement, shared by the text kinds: the normalisers of the Python scorers
//! (`norm_str`/`norm_title`, `norm_authors`, `norm_day`, `norm_lang`) and the tally of
//! `<field>_match`, `<field>_n`, `<field>_spurious` (and, for snippets, `<field>_empty_n`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::{field, Figures, Preds};
use crate::pytext::{self, Day};

/// A normalised metadata value; "empty" means "no value" (Python falsiness).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Norm {
    Text(String),
    Names(BTreeSet<String>),
    Day(Option<Day>),
}

impl Norm {
    pub fn is_given(&self) -> bool {
        match self {
            Norm::Text(s) => !s.is_empty(),
            Norm::Names(n) => !n.is_empty(),
            Norm::Day(d) => d.is_some(),
        }
    }
}

/// A field scored for agreement and how to normalise it.
pub type FieldRule = (&'static str, fn(&Value) -> Norm);

/// `"; ".join(str(x) for x in v if x)` for a list, else `v`; then `str(...)` if truthy.
fn joined(v: &Value) -> String {
    match v {
        Value::Array(items) => items
            .iter()
            .filter(|x| pytext::truthy(x))
            .map(pytext::py_str)
            .collect::<Vec<_>>()
            .join("; "),
        v if pytext::truthy(v) => pytext::py_str(v),
        _ => String::new(),
    }
}

/// `WS.sub(" ", str(v)).strip().casefold() if v else ""` (lists joined with "; " first).
pub fn text_str(v: &Value) -> String {
    pytext::casefold(&pytext::norm_ws(&joined(v)))
}

/// [`text_str`] as a [`Norm`]: titles, descriptions, site names.
pub fn text(v: &Value) -> Norm {
    Norm::Text(text_str(v))
}

/// The items `for a in (v or [])` visits: a list's items, a dict's keys; a scalar that Python
/// could not iterate (a score.py error) is read as one item.
fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::Object(o) => o.keys().map(|k| Value::String(k.clone())).collect(),
        v if pytext::truthy(v) => vec![v.clone()],
        _ => Vec::new(),
    }
}

/// snippets.py: a string is split at ";"; each truthy item is `norm(str(a)).casefold()`.
pub fn authors_split(v: &Value) -> Norm {
    let list = match v {
        Value::String(s) => s.split(';').map(|a| Value::String(a.into())).collect(),
        v => items(v),
    };
    Norm::Names(
        list.iter()
            .filter(|a| pytext::truthy(a))
            .map(|a| pytext::casefold(&pytext::norm_ws(&pytext::py_str(a))))
            .filter(|a| !a.is_empty())
            .collect(),
    )
}

/// wcxb.py / tokenf1.py: a string is one name; each item is `norm_str(a)`, empties dropped.
pub fn authors_whole(v: &Value) -> Norm {
    let list = match v {
        Value::String(_) => vec![v.clone()],
        v => items(v),
    };
    Norm::Names(
        list.iter()
            .map(text_str)
            .filter(|a| !a.is_empty())
            .collect(),
    )
}

/// `norm_day`: the first `(\d{4})-(\d{1,2})-(\d{1,2})` in `str(v or "")`.
pub fn day(v: &Value) -> Norm {
    let s = if pytext::truthy(v) {
        pytext::py_str(v)
    } else {
        String::new()
    };
    Norm::Day(pytext::first_day(&s, false))
}

/// tokenf1.py `norm_lang`: the primary subtag of the normalised value (`en-US` = `en`).
pub fn lang(v: &Value) -> Norm {
    if !pytext::truthy(v) {
        return Norm::Text(String::new());
    }
    let s = text_str(v);
    let primary = s.split(['-', '_']).next().unwrap_or("");
    Norm::Text(primary.to_owned())
}

/// Counts for one field: pages with gold, matches, pages with empty gold, spurious values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub n: usize,
    pub matches: usize,
    pub empty_n: usize,
    pub spurious: usize,
}

/// When an empty gold value counts towards `_spurious`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyGold {
    /// Always (wcxb, tokenf1).
    Always,
    /// Only on records with a truthy `metadata_annotated` (snippets).
    WhenAnnotated,
}

/// Tallies every field over the gold records that carry its key.
pub fn tally(gold: &[Value], preds: &Preds, rules: &[FieldRule], empty: EmptyGold) -> Vec<Tally> {
    let mut out = vec![Tally::default(); rules.len()];
    for g in gold {
        let pred = preds.get(g);
        for ((name, norm), t) in rules.iter().zip(out.iter_mut()) {
            let Some(gv) = g.get(*name) else { continue };
            let (gv, pv) = (norm(gv), norm(field(pred, name)));
            if gv.is_given() {
                t.n += 1;
                t.matches += usize::from(gv == pv);
            } else if empty == EmptyGold::Always || pytext::truthy(field(g, "metadata_annotated")) {
                t.empty_n += 1;
                t.spurious += usize::from(pv.is_given());
            }
        }
    }
    out
}

/// Writes `<field>_match`, `<field>_n`, and where there were empty-gold pages
/// `<field>_spurious` (plus `<field>_empty_n` when `with_empty_n`).
pub fn put(out: &mut Figures, rules: &[FieldRule], tallies: &[Tally], with_empty_n: bool) {
    for ((name, _), t) in rules.iter().zip(tallies) {
        if t.n > 0 {
            out.put_ratio(format!("{name}_match"), t.matches as f64 / t.n as f64);
        } else {
            out.put(format!("{name}_match"), Value::Null);
        }
        out.put(format!("{name}_n"), t.n);
        if t.empty_n > 0 {
            out.put_ratio(
                format!("{name}_spurious"),
                t.spurious as f64 / t.empty_n as f64,
            );
            if with_empty_n {
                out.put(format!("{name}_empty_n"), t.empty_n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(xs: &[&str]) -> Norm {
        Norm::Names(xs.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn normalisers_follow_python() {
        assert_eq!(
            text(&json!("  Der\u{a0}Titel  ")),
            Norm::Text("der titel".into())
        );
        assert_eq!(
            text(&json!(["A", "", null, "B"])),
            Norm::Text("a; b".into())
        );
        assert!(!text(&json!([""])).is_given());
        assert!(!text(&json!(0)).is_given());
        assert_eq!(
            authors_split(&json!("Anna Bee; Carl ;")),
            names(&["anna bee", "carl"])
        );
        assert_eq!(
            authors_whole(&json!("Anna Bee; Carl")),
            names(&["anna bee; carl"])
        );
        assert_eq!(
            authors_whole(&json!(["X", ["Y", "Z"], ""])),
            names(&["x", "y; z"])
        );
        assert_eq!(
            day(&json!("2021-3-04T10:00")),
            Norm::Day(Some((2021, 3, 4)))
        );
        assert_eq!(day(&json!(["2021-03-04"])), Norm::Day(Some((2021, 3, 4))));
        assert_eq!(lang(&json!("en-US")), Norm::Text("en".into()));
        assert_eq!(lang(&json!("de_AT")), Norm::Text("de".into()));
    }

    #[test]
    fn tally_counts_matches_and_spurious() {
        let rules: [FieldRule; 1] = [("title", text)];
        let gold = vec![
            json!({"id": "a", "title": "Hello  World"}),
            json!({"id": "b", "title": null, "metadata_annotated": true}),
            json!({"id": "c", "title": null}),
            json!({"id": "d"}),
        ];
        let preds = Preds::from_jsonl(concat!(
            "{\"id\": \"a\", \"title\": \"hello world\"}\n",
            "{\"id\": \"b\", \"title\": \"x\"}\n",
            "{\"id\": \"c\", \"title\": \"y\"}\n",
            "{\"id\": \"d\", \"title\": \"z\"}\n",
        ))
        .expect("valid");
        let t = tally(&gold, &preds, &rules, EmptyGold::WhenAnnotated);
        assert_eq!(
            t[0],
            Tally {
                n: 1,
                matches: 1,
                empty_n: 1,
                spurious: 1
            }
        );
        let t = tally(&gold, &preds, &rules, EmptyGold::Always);
        assert_eq!(
            t[0],
            Tally {
                n: 1,
                matches: 1,
                empty_n: 2,
                spurious: 2
            }
        );
    }
}
