//! End-to-end tests of the switches trafilatura users know (`--comments`, `--favor`,
//! `--only-articles`) and of the metadata as the page prints it, on pages written here.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn klartext(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn klartext");
    if let Some(input) = stdin {
        let written = child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes());
        // A run that exits before reading its input (a usage error) breaks the pipe: no failure.
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
        }
    }
    child.wait_with_output().expect("wait")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout(out)).expect("one JSON object")
}

/// A paragraph of plain prose, numbered so no two are the same.
fn prose(n: usize) -> String {
    format!(
        "<p>Paragraph {n}: the city council met again on Tuesday evening to discuss the \
         repairs of the old bridge over the river, and the engineers explained in detail \
         why the work must be finished before the spring floods arrive in the valley.</p>"
    )
}

fn article_body(paragraphs: usize) -> String {
    (1..=paragraphs).map(prose).collect()
}

const COMMENTS: &str = "<section id=\"comments\"><h2>Comments</h2>\
    <div class=\"comment\"><p>This should have been done years ago, honestly.</p></div>\
    <div class=\"comment\"><p>Finally something happens in this town.</p></div>\
    <form><p>Leave a comment</p></form></section>";

#[test]
fn comments_are_kept_apart_when_asked() {
    let page = format!(
        "<html lang=\"en\"><body><article><h1>Bridge repairs approved</h1>{}</article>{COMMENTS}\
         </body></html>",
        article_body(4)
    );
    let without = json(&klartext(&["extract", "-"], Some(&page)));
    assert!(without["comments"].is_null(), "{without}");
    let with = json(&klartext(&["extract", "--comments", "-"], Some(&page)));
    let comments = with["comments"].as_str().expect("comments is a string");
    assert!(comments.contains("years ago"), "{comments}");
    assert!(comments.contains("Finally something happens"), "{comments}");
    assert!(!comments.contains("Leave a comment"), "{comments}");
    let text = with["text"].as_str().expect("text");
    assert!(
        text.contains("Paragraph 1") && !text.contains("years ago"),
        "{text}"
    );

    let out = klartext(
        &["extract", "--comments", "--format", "markdown", "-"],
        Some(&page),
    );
    let md = stdout(&out);
    let (body, tail) = md
        .split_once("## Comments\n\n")
        .expect("a Comments section");
    assert!(
        body.contains("Paragraph 4") && tail.contains("years ago"),
        "{md}"
    );
}

#[test]
fn favor_trades_a_link_heavy_line() {
    // A line a good third of which is links: the rules keep it; precision drops it.
    let line = "<p>The council also published <a href=\"/minutes\">the full minutes of the \
        Tuesday meeting</a> together with the engineers' report on its website.</p>";
    let page = format!(
        "<html lang=\"en\"><body><article><h1>Bridge repairs approved</h1>{}{line}{}\
         </article></body></html>",
        article_body(3),
        article_body(2).replace("Paragraph", "Section")
    );
    let text_for = |favor: &str| {
        let doc = json(&klartext(&["extract", "--favor", favor, "-"], Some(&page)));
        doc["text"].as_str().expect("text").to_string()
    };
    assert!(text_for("balanced").contains("full minutes"));
    assert!(text_for("recall").contains("full minutes"));
    let precise = text_for("precision");
    assert!(!precise.contains("full minutes"), "{precise}");
    assert!(precise.contains("Paragraph 1"), "{precise}");
    let bad = klartext(&["extract", "--favor", "both", "-"], Some(&page));
    assert_eq!(bad.status.code(), Some(2));
}

/// A temporary directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("klartext-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write page");
    path.to_str().expect("utf-8 path").to_string()
}

#[test]
fn only_articles_skips_other_page_types() {
    let dir = scratch("only-articles");
    let items: String = (1..=40)
        .map(|i| format!("<li><a href=\"/p/{i}\">Product number {i}</a> <span>{i}9.99</span></li>"))
        .collect();
    let shop = write(
        &dir,
        "shop.html",
        &format!(
            "<html lang=\"en\"><body><nav><a href=\"/\">Home</a></nav><main><h1>All \
             products</h1><ul class=\"products\">{items}</ul></main></body></html>"
        ),
    );
    let article = write(
        &dir,
        "article.html",
        &format!(
            "<html lang=\"en\"><body><article><h1>Bridge repairs approved</h1>{}</article>\
             </body></html>",
            article_body(8)
        ),
    );
    let all = klartext(&["extract", "--format", "jsonl", &shop, &article], None);
    assert_eq!(stdout(&all).lines().count(), 2);
    let out = klartext(
        &[
            "extract",
            "--only-articles",
            "--format",
            "jsonl",
            &shop,
            &article,
        ],
        None,
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["source"], article.as_str());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("shop.html") && err.contains("skipped"),
        "{err}"
    );
}

#[test]
fn metadata_as_the_page_prints_it() {
    let page = format!(
        "<html lang=\"de\"><body><article><h1>Streik legt die Bahn lahm</h1>\
         <time datetime=\"2024-03-04T18:05-05:00\">4. März 2024, 18:05</time>\
         <p>Berlin (dpa/mk) - Ein Streik der Lokführer hat am Dienstag große Teile des \
         Fernverkehrs in Deutschland lahmgelegt, wie die Bahn in Berlin mitteilte.</p>{}\
         </article></body></html>",
        article_body(3)
    );
    let doc = json(&klartext(
        &[
            "extract",
            "--url",
            "https://news.example.org/2024/03/04/streik",
            "-",
        ],
        Some(&page),
    ));
    assert_eq!(doc["date_published"], "2024-03-04T18:05:00-05:00", "{doc}");
    assert_eq!(doc["agencies"], serde_json::json!(["dpa"]), "{doc}");
}
