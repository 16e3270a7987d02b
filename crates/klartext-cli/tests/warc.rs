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
    // A run that rejects its arguments exits without reading standard input: the pipe
    // then breaks under the writer, which is no failure of the run under test.
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
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

/// A page with a figure and quotations, so the nested columns have values.
fn rich_page(n: usize) -> String {
    format!(
        "<html lang=\"en\"><head><title>Council story {n}</title></head><body><article>\
         <h1>Council story {n}</h1><p class=\"byline\">By Jane Miller</p>\
         <figure><img src=\"/img/{n}.jpg\"><figcaption>The town hall. Photo: Sam Lee</figcaption></figure>\
         <p>\"We will build the school next year,\" said Mayor Anna Berg on Monday.</p>\
         <p>The council of the city agreed on the plan after a long debate about the costs, \
         and Anna Berg thanked the members of the Green Party for their support.</p>\
         <p>\"It is a good day for the children,\" Berg said.</p></article></body></html>"
    )
}

/// A cell of an Arrow array as JSON (the inverse of the Parquet writer's mapping).
fn cell(array: &dyn arrow_array::Array, i: usize) -> serde_json::Value {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    use arrow_schema::DataType;
    use serde_json::Value;
    if array.is_null(i) {
        return Value::Null;
    }
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(i).into(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(i).into(),
        DataType::Boolean => array.as_boolean().value(i).into(),
        DataType::List(_) => {
            let items = array.as_list::<i32>().value(i);
            (0..items.len()).map(|k| cell(items.as_ref(), k)).collect()
        }
        DataType::Struct(fields) => {
            let s = array.as_struct();
            let members = fields.iter().zip(s.columns());
            Value::Object(
                members
                    .map(|(f, c)| (f.name().clone(), cell(c.as_ref(), i)))
                    .collect(),
            )
        }
        other => panic!("unexpected column type {other}"),
    }
}

#[test]
fn parquet_holds_the_values_of_the_json_lines() {
    let dir = std::env::temp_dir().join(format!("klartext-warc-pq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("in.warc");
    let mut w = warc(3);
    for n in 0..3 {
        let uri = format!("https://example.org/rich/{n}");
        w.extend(resource(&uri, "text/html", &rich_page(n)));
    }
    std::fs::write(&input, w).expect("write");
    let input = input.to_string_lossy().into_owned();
    let parquet = dir.join("out.parquet");
    let pq = parquet.to_string_lossy().into_owned();
    let out = klartext(&["warc", "--format", "parquet", "--out", &pq, &input], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = lines(&klartext(&["warc", &input], b""));
    assert_eq!(json.len(), 6);

    let file = std::fs::File::open(&parquet).expect("the parquet file");
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a parquet file")
        .build()
        .expect("reader");
    let mut rows = Vec::new();
    let mut columns = Vec::new();
    for batch in reader {
        let batch = batch.expect("a batch");
        let schema = batch.schema();
        columns = schema.fields().iter().map(|f| f.name().clone()).collect();
        for i in 0..batch.num_rows() {
            let names = schema.fields().iter().map(|f| f.name().clone());
            let values = batch.columns().iter().map(|c| cell(c.as_ref(), i));
            rows.push(names.zip(values).collect::<serde_json::Map<_, _>>());
        }
    }
    assert_eq!(columns[..3], ["warc_path", "warc_record_id", "url"]);
    assert_eq!(rows.len(), json.len());
    for (row, line) in rows.iter().zip(&json) {
        assert_eq!(row["warc_path"], input.as_str());
        assert!(row["error"].is_null());
        for name in &columns[1..columns.len() - 1] {
            assert_eq!(row[name], line[name], "column {name}");
        }
    }
    assert!(
        json.iter()
            .any(|l| l["quotes"].as_array().is_some_and(|q| !q.is_empty())),
        "the rich pages give quotations"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn parquet_needs_a_file() {
    for args in [
        &["warc", "--format", "parquet", "-"][..],
        &["warc", "--format", "parquet", "--out", "-", "-"],
    ] {
        let out = klartext(args, &warc(1));
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--format parquet needs --out PATH"), "{err}");
    }
}
