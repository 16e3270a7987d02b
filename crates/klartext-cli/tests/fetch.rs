//! `klartext extract URL…` and `--input-file` against a server on 127.0.0.1.

mod common;

use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn klartext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run klartext")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_url_is_fetched_decoded_by_its_header_and_extracted() {
    let server = common::serve();
    let url = format!("{}/news/stadtrat.html", server.base);
    let out = klartext(&["extract", &url]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(doc["source"], url.as_str());
    assert_eq!(doc["url"], url.as_str(), "--url is implied");
    assert_eq!(doc["encoding"], "windows-1252 (declared)");
    assert!(doc["text"]
        .as_str()
        .is_some_and(|t| t.contains("über die neue Brücke")));
    let heads = server
        .requests
        .lock()
        .map(|r| r.join("\n"))
        .unwrap_or_default();
    let lower = heads.to_ascii_lowercase();
    assert!(lower.contains("user-agent: klartext/"), "{heads}");
    assert!(
        lower.contains("accept-encoding:") && lower.contains("gzip"),
        "{heads}"
    );
}

#[test]
fn redirects_gzip_and_failures() {
    let server = common::serve();
    let base = &server.base;
    let moved = format!("{base}/old-link");
    let gzip = format!("{base}/gzip.html");
    let missing = format!("{base}/gone.html");
    let looping = format!("{base}/loop");
    let pdf = format!("{base}/report.pdf");
    let out = klartext(&[
        "extract", "--format", "jsonl", &moved, &gzip, &missing, &looping, &pdf,
    ]);
    assert_eq!(out.status.code(), Some(1), "some failed");
    let docs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(
        docs[0]["url"],
        format!("{base}/news/stadtrat.html"),
        "after the redirect"
    );
    assert!(docs[1]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Brücke")));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("klartext: {missing}: HTTP status 404")),
        "{err}"
    );
    assert!(
        err.contains(&format!("klartext: {looping}: more than 5 redirects")),
        "{err}"
    );
    assert!(
        err.contains(&format!("klartext: {pdf}: not text: looks like PDF")),
        "{err}"
    );
}

#[test]
fn input_file_lists_urls_and_paths() {
    let server = common::serve();
    let dir = std::env::temp_dir().join(format!("klartext-urls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let list = dir.join("urls.txt");
    std::fs::write(
        &list,
        format!(
            "# pages to read\n{}/news/stadtrat.html\n\n{}/gzip.html\n",
            server.base, server.base
        ),
    )
    .expect("write list");
    let out_dir = dir.join("out");
    let out = klartext(&[
        "extract",
        "--format",
        "text",
        "--input-file",
        list.to_str().expect("utf-8"),
        "--output-dir",
        out_dir.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = std::fs::read_to_string(out_dir.join("stadtrat.txt")).unwrap_or_default();
    let second = std::fs::read_to_string(out_dir.join("gzip.txt")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        first.contains("Brücke") && second.contains("Brücke"),
        "{first}\n{second}"
    );
}
