//! `klartext warc` end to end on small WARCs written here: pages in input order, skips
//! and failures counted on stderr, exit status 1 when a record failed. (WARCs from real
//! writers are tested in `crates/klartext-warc/tests/real_warcs.rs`.)

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn klartext(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run klartext");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn resource(uri: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2025-11-30T12:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
    .into_bytes()
}

fn page(n: usize) -> String {
    format!(
        "<html lang=\"en\"><body><article><h1>Story {n}</h1><p>The council met on Monday \
         and agreed on the plan for the new school after a long debate.</p></article></body></html>"
    )
}

fn warc(pages: usize) -> Vec<u8> {
    let mut w = Vec::new();
    for n in 0..pages {
        w.extend(resource(
            &format!("https://example.org/{n}"),
            "text/html",
            &page(n),
        ));
        w.extend(resource("https://example.org/img", "image/png", "png"));
    }
    w
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn pages_come_out_in_input_order_with_the_warc_fields() {
    let out = klartext(&["warc", "--jobs", "2", "-"], &warc(300));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = lines(&out);
    assert_eq!(rows.len(), 300);
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row["url"], format!("https://example.org/{n}"));
        assert_eq!(row["warc_date"], "2025-11-30T12:00:00Z");
        assert!(row["http_status"].is_null());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("300 pages written, 0 failed"), "{err}");
    assert!(err.contains("content type image/png: 300"), "{err}");
}

#[test]
fn a_truncated_record_is_reported_and_exits_1() {
    let mut w = warc(2);
    w.extend(resource("https://example.org/cut", "text/html", &page(9)));
    w.truncate(w.len() - 30);
    let out = klartext(&["warc", "-"], &w);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    let offset = warc(2).len();
    assert!(
        err.contains(&format!("-: offset {offset}: record cut short")),
        "{err}"
    );
}

#[test]
fn filters_count_what_they_drop() {
    let out = klartext(&["warc", "--lang", "de", "-"], &warc(3));
    assert!(out.status.success());
    assert!(lines(&out).is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("filtered by --lang: 3"), "{err}");
    let out = klartext(
        &["warc", "--min-chars", "100000", "--lang", "en,de", "-"],
        &warc(3),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("filtered by --min-chars: 3"));
}

#[test]
fn a_missing_file_fails_but_the_others_are_read() {
    let dir = std::env::temp_dir().join(format!("klartext-warc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("good.warc");
    std::fs::write(&good, warc(1)).expect("write");
    let good = good.to_string_lossy().into_owned();
    let out = klartext(&["warc", "no-such.warc", &good], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
