//! Parity tests: hand-made gold and predictions full of edge cases (Unicode whitespace and word
//! characters, case folding, odd value types, dates in other scripts) scored by the Rust scorers
//! and by `../shared/eval/score.py`; every figure must be identical. Skipped (with a note)
//! where the shared folder or python3 is missing.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::check;
use crate::score::{Kind, Preds};

fn score_py() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/score.py");
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (path.is_file() && python).then_some(path)
}

/// Scores `preds` against `gold` both ways and asserts identical figures.
fn assert_parity(kind: &str, gold: &[Value], preds: &[Value]) {
    let Some(score_py) = score_py() else {
        eprintln!("note: ../shared/eval/score.py or python3 missing; parity test skipped");
        return;
    };
    let dir = std::env::temp_dir().join(format!(
        "klartext-bench-parity-{}-{kind}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let set_json = json!({"name": format!("parity-{kind}"), "kind": kind});
    std::fs::write(dir.join("set.json"), set_json.to_string()).expect("write set.json");
    let lines = |vs: &[Value]| vs.iter().map(|v| v.to_string() + "\n").collect::<String>();
    std::fs::write(dir.join("gold.jsonl"), lines(gold)).expect("write gold");
    let pred_path = dir.join("pred.jsonl");
    std::fs::write(&pred_path, lines(preds)).expect("write preds");

    let kind_ = Kind::parse(kind).expect("known kind");
    let preds = Preds::load(&pred_path).expect("preds load");
    let rust = kind_.scorer().score(gold, &preds).with_header(
        &format!("parity-{kind}"),
        kind,
        gold,
        &preds,
    );
    let python = check::python_figures(&score_py, &dir, &pred_path).expect("score.py runs");
    let cmp = check::compare(&rust, &python);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(cmp.agrees(), "{kind}: {:?}", cmp.disagreements);
    assert!(cmp.near.is_empty(), "{kind}: {:?}", cmp.near);
}

#[test]
fn snippets_parity() {
    let gold = vec![
        json!({"id": "a", "with": ["Erste\u{a0}Zeile  mit\u{2028}Umbruch", "x\u{1c}y", "İstanbul"],
               "without": ["Menü", "\u{3000}"], "title": ["Der", "", "Titel"], "metadata_annotated": true,
               "authors": ["Anna  B.", "CARL"], "date_published": "2021-3-4", "description": null,
               "site_name": "Straße"}),
        json!({"id": "b", "with": ["ΟΔΟΣ"], "without": [], "title": null, "metadata_annotated": true,
               "authors": [], "date_published": null, "description": "Lead"}),
        json!({"id": "c", "with": ["nothing"], "without": ["Ads"], "title": "T"}),
    ];
    let preds = vec![
        json!({"id": "a", "text": "Erste Zeile mit Umbruch\tx y İstanbul Menü",
               "title": "der; titel", "authors": "anna b.;carl;", "date_published": "2021-03-04T00:00:00Z",
               "description": "", "site_name": "STRASSE"}),
        json!({"source": "/x/b.html", "text": "ΟΔΟΣ", "title": "  ", "authors": [""], "date_published": [],
               "description": "lead"}),
        json!({"id": "c", "text": 42, "title": 0}),
    ];
    assert_parity("snippets", &gold, &preds);
}

#[test]
fn wcxb_parity() {
    let gold = vec![
        json!({"id": "1", "page_type": "article", "text": "Cafe\u{301} x²½ a\u{203f}b foo_bar 東京 ١٢٣ İstanbul ΟΔΟΣ Straße",
               "with": ["CAFE\u{301}", "Straße"], "without": ["ads"], "title": "Ti\u{a0}tle",
               "authors": ["Anna; Bo"], "date_published": "2020-01-02"}),
        json!({"id": "2", "page_type": "forum", "text": "", "with": [], "without": [],
               "title": "F", "authors": [], "date_published": null}),
        json!({"id": "3", "page_type": "zeta", "text": "a b c d"}),
        json!({"id": "4", "page_type": "", "text": "a a a b"}),
    ];
    let preds = vec![
        json!({"id": "1", "text": "café x 2 a b foo_bar 東京 istanbul οδοσ STRASSE ads",
               "title": "TI TLE", "authors": "anna; bo", "date_published": "2020-1-2"}),
        json!({"id": "2", "text": "   ", "title": "f", "authors": ["x"], "date_published": "2020-01-01"}),
        json!({"id": "4", "text": "a b b"}),
    ];
    assert_parity("wcxb", &gold, &preds);
}

#[test]
fn tokenf1_parity() {
    let gold = vec![
        json!({"id": "001", "text": "Hello, World! Hello. ﬁne ǅ", "readerable": true, "title": "Hi",
               "authors": ["By Ann"], "language": "en-US", "site_name": null, "description": "Lead",
               "date_published": null}),
        json!({"id": "002", "text": "x", "readerable": false, "title": null, "authors": [],
               "language": null, "site_name": "S", "description": "d", "date_published": "2019-12-31"}),
        json!({"id": "003", "text": "", "readerable": "yes"}),
    ];
    let preds = vec![
        json!({"id": "001", "text": "hello world FINE ǆ", "title": "HI", "authors": ["by ann"],
               "language": "EN_gb", "site_name": "Site", "description": ["lead"]}),
        json!({"id": "002", "text": null, "language": "de", "site_name": "s",
               "date_published": "2019-12-31T23:00:00-05:00"}),
        json!({"id": "003", "text": ""}),
    ];
    assert_parity("tokenf1", &gold, &preds);
}

#[test]
fn dates_parity() {
    let gold = vec![
        json!({"id": "a", "date_published": "2019-10-19"}),
        json!({"id": "b", "date_published": "2019-10-19"}),
        json!({"id": "c", "date_published": "2019-10-19"}),
        json!({"id": "d", "date_published": null}),
        json!({"id": "e", "date_published": null}),
        json!({"id": "f", "date_published": "2020-06-07"}),
        json!({"id": "g", "date_published": "2020-06-07"}),
        json!({"id": "h", "date_published": "2020-06-07"}),
        json!({"id": "i", "date_published": "2020-06-07"}),
    ];
    let preds = vec![
        json!({"id": "a", "date_published": "2019-10-19T23:30:00+02:00"}),
        json!({"id": "b", "date_published": "12019-10-19"}),
        json!({"id": "c", "date_published": "\u{a0} "}),
        json!({"id": "d", "date_published": false}),
        json!({"id": "e", "date_published": "yesterday"}),
        json!({"id": "f", "date_published": "٢٠٢٠-٠٦-٠٧"}),
        json!({"id": "g", "date_published": ["2020-6-7", "x"]}),
        json!({"id": "h", "date_published": {"d": "2020-06-07"}}),
        json!({"id": "i", "date_published": "2020-06-077"}),
    ];
    assert_parity("dates", &gold, &preds);
}

#[test]
fn quotes_parity() {
    // Tokens: whitespace-separated words of the text, with their code-point offsets.
    fn doc(id: &str, text: &str, quotes: Value) -> Value {
        let mut tokens = Vec::new();
        let mut start = None;
        for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    tokens.push(json!([s, i]));
                    start = None;
                }
                _ => {}
            }
        }
        json!({"id": id, "text": text, "tokens": tokens, "quotes": quotes})
    }
    let t1 = "Müller sagte, „wir schaffen das“. Die Ministerin erklärte, die Lage sei ernst. MÜLLER lachte.";
    let t2 = "Laut Polizei gab es drei Verletzte. Er sagte: „Es war schlimm.“ Sie widersprach.";
    let gold = vec![
        doc(
            "a",
            t1,
            json!([
                {"start": 14, "end": 32, "kind": "direct", "medium": "Speech", "speaker_spans": [[0, 6]],
                 "cue_spans": [[7, 12]]},
                {"spans": [[59, 77]], "kind": "indirect", "speaker_spans": [[34, 48]]},
                {"start": 79, "end": 92, "kind": "reported", "speaker_spans": []}
            ]),
        ),
        doc(
            "b",
            t2,
            json!([
                {"start": 13, "end": 34, "kind": "reported", "speaker_spans": [[5, 12]]},
                {"start": 46, "end": 63, "kind": "direct", "speaker_spans": [[36, 38]]},
                {"start": 64, "end": 80, "kind": "free_indirect"}
            ]),
        ),
        doc("c", "Nichts gesagt.", json!([])),
        doc(
            "d",
            "Er meinte, es gehe.",
            json!([{"start": 11, "end": 18, "kind": "indirect_free_indirect"}]),
        ),
    ];
    let preds = vec![
        json!({"id": "a", "quotes": [
            {"start": 14, "end": 32, "text": "wir schaffen das", "kind": "Direct", "speaker": "müller",
             "medium": "Speech", "cue": "sagte"},
            {"text": "die Lage sei ernst", "kind": "INDIRECT", "speaker": "Die Ministerin"},
            {"start": 5, "end": 3, "kind": "direct"},
            {"spans": [[79, 85], [86, 92]], "kind": "partial", "speaker_start": 0, "speaker_end": 6},
            {"start": 0, "end": 12, "kind": 7, "speaker": "Niemand"},
            "not a quote"
        ]}),
        json!({"id": "b", "offset_unit": "UTF-8", "quotes": [
            {"start": 47, "end": 66, "kind": "direct", "speaker": "Er"},
            {"start": 13, "end": 35, "kind": "reported", "speaker_spans": [[5, 12]], "medium": 3},
            {"start": 46, "end": 66, "kind": "indirect", "speaker": "sie"},
            {"start": -10, "end": 200, "kind": "free indirect"}
        ]}),
        json!({"id": "c", "quotes": [{"start": 0, "end": 6, "kind": "reported", "speaker": "Nichts"}]}),
        json!({"id": "d", "quotes": {"start": 0}}),
    ];
    assert_parity("quotes", &gold, &preds);
}
