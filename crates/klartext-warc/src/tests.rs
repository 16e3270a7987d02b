//! Record selection and error reporting over small WARCs written in the test.

use super::*;
use std::io::Write;

fn warc_record(kind: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut v = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n\
         WARC-Target-URI: https://example.org/{kind}\r\nWARC-Date: 2025-11-30T12:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n{body}").into_bytes()
}

const PAGE: &str = "<html><body><article><h1>Titel</h1><p>Ein Absatz mit genug Text, \
    damit er als Artikel gilt, und noch ein paar Wörter mehr.</p></article></body></html>";

fn read(bytes: Vec<u8>) -> (Vec<Result<Record, RecordError>>, BTreeMap<Skip, u64>) {
    let mut records =
        Records::from_reader(Box::new(io::Cursor::new(bytes)), "t".into()).expect("open");
    let items: Vec<_> = (&mut records).collect();
    (items, records.skipped().clone())
}

fn mixed_warc() -> Vec<u8> {
    let mut w = warc_record("warcinfo", "application/warc-fields", b"software: test\r\n");
    w.extend(warc_record(
        "request",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    let resp = http("200 OK", "text/html; charset=utf-8", PAGE);
    w.extend(warc_record(
        "response",
        "application/http; msgtype=response",
        &resp,
    ));
    let png = http("200 OK", "image/png", "\u{89}PNG");
    w.extend(warc_record(
        "response",
        "application/http; msgtype=response",
        &png,
    ));
    let moved = http("301 Moved", "text/html", "");
    w.extend(warc_record(
        "response",
        "application/http; msgtype=response",
        &moved,
    ));
    w.extend(warc_record(
        "resource",
        "text/plain",
        b"Ein Text.\n\nNoch einer.\n",
    ));
    w
}

#[test]
fn pages_are_taken_and_the_rest_counted_by_reason() {
    let (items, skipped) = read(mixed_warc());
    let pages: Vec<Record> = items.into_iter().map(|r| r.expect("no errors")).collect();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].http_status, Some(200));
    assert_eq!(pages[0].charset.as_deref(), Some("utf-8"));
    assert_eq!(pages[0].body, PAGE.as_bytes());
    assert!(pages[1].is_text_dump());
    assert_eq!(pages[1].http_status, None);
    let expect: BTreeMap<Skip, u64> = [
        (Skip::RecordType("warcinfo".into()), 1),
        (Skip::RecordType("request".into()), 1),
        (Skip::ContentType("image/png".into()), 1),
        (Skip::HttpStatus(301), 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(skipped, expect);
}

#[test]
fn per_record_gzip_gives_member_offsets() {
    let plain = mixed_warc();
    let mut gz = Vec::new();
    let mut starts = Vec::new();
    for rec in split_records(&plain) {
        starts.push(gz.len() as u64);
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&rec).expect("gzip");
        gz.extend(e.finish().expect("gzip"));
    }
    let (items, _) = read(gz);
    let offsets: Vec<u64> = items
        .iter()
        .map(|r| r.as_ref().expect("ok").offset)
        .collect();
    assert_eq!(offsets, vec![starts[2], starts[5]]);
}

/// The records of a plain WARC written by `warc_record`, each with its trailing CRLFs.
fn split_records(plain: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = plain;
    while !rest.is_empty() {
        let next = rest[1..]
            .windows(7)
            .position(|w| w == b"WARC/1.")
            .map_or(rest.len(), |p| p + 1);
        out.push(rest[..next].to_vec());
        rest = &rest[next..];
    }
    out
}

#[test]
fn a_truncated_file_keeps_the_records_before_and_reports_the_offset() {
    let mut w = warc_record("resource", "text/html", PAGE.as_bytes());
    let second = w.len() as u64;
    w.extend(warc_record("resource", "text/html", PAGE.as_bytes()));
    w.truncate(w.len() - 40);
    let (items, _) = read(w);
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let err = items[1].as_ref().expect_err("the cut record");
    assert_eq!(err.offset, second);
    assert!(err.fatal && err.message.contains("truncated"), "{err}");
}

#[test]
fn a_corrupt_record_is_skipped_and_reading_goes_on() {
    let mut w = warc_record("resource", "text/html", PAGE.as_bytes());
    let bad = w.len() as u64;
    w.extend(b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: x\r\n\r\njunk\r\n\r\n");
    w.extend(warc_record("resource", "text/html", PAGE.as_bytes()));
    let (items, _) = read(w);
    assert_eq!(items.len(), 3);
    let err = items[1].as_ref().expect_err("the corrupt record");
    assert_eq!((err.offset, err.fatal), (bad, false));
    assert!(items[2].is_ok());
}

#[test]
fn oversized_records_are_skipped_not_read() {
    let w = warc_record("resource", "text/html", PAGE.as_bytes());
    let mut records = Records::from_reader(Box::new(io::Cursor::new(w)), "t".into())
        .expect("open")
        .with_max_record(10);
    assert!(records.next().is_none());
    assert_eq!(records.skipped().get(&Skip::TooLarge), Some(&1));
}

#[test]
fn extract_record_adds_the_warc_fields() {
    let (items, _) = read(mixed_warc());
    let page = items.into_iter().next().expect("a page").expect("ok");
    let json = extract_record(&page, &klartext::Options::default()).expect("extract");
    assert_eq!(json["url"], "https://example.org/response");
    assert_eq!(json["warc_record_id"], "<urn:uuid:response>");
    assert_eq!(json["warc_date"], "2025-11-30T12:00:00Z");
    assert_eq!(json["http_status"], 200);
    assert!(json["text"]
        .as_str()
        .is_some_and(|t| t.contains("Ein Absatz")));
    let options = record_options(&page, &klartext::Options::default());
    assert_eq!(options.reference_time, Some(1_764_504_000));
}

/// Each record of a plain WARC compressed as its own member by `compress`; the file and
/// the members' starts.
fn per_record(plain: &[u8], compress: impl Fn(&[u8]) -> Vec<u8>) -> (Vec<u8>, Vec<u64>) {
    let mut file = Vec::new();
    let mut starts = Vec::new();
    for rec in split_records(plain) {
        starts.push(file.len() as u64);
        file.extend(compress(&rec));
    }
    (file, starts)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

fn three_pages() -> Vec<u8> {
    let mut w = Vec::new();
    for _ in 0..3 {
        w.extend(warc_record("resource", "text/html", PAGE.as_bytes()));
    }
    w
}

#[test]
fn a_cut_gzip_member_is_reported_at_its_start_in_the_file() {
    let (gz, starts) = per_record(&three_pages(), gzip);
    let damaged = starts[2];
    // Cut anywhere in the last member: in its gzip header, in the WARC head, in the body.
    for cut in (damaged + 1..gz.len() as u64).step_by(7) {
        let (items, _) = read(gz[..cut as usize].to_vec());
        // A cut in the gzip trailer still lets the record out whole, before the error.
        let (last, before) = items.split_last().expect("items");
        assert!(matches!(before.len(), 2 | 3), "cut at {cut}");
        assert!(before.iter().all(Result::is_ok), "cut at {cut}");
        let err = last.as_ref().expect_err("the damaged member");
        assert!(err.fatal, "cut at {cut}: {err}");
        assert!(err.offset < cut, "cut at {cut}: {err}");
        assert_eq!(
            (err.offset, err.within),
            (damaged, 0),
            "cut at {cut}: {err}"
        );
    }
}

#[test]
fn per_record_zstd_gives_frame_offsets() {
    let (zst, starts) = per_record(&mixed_warc(), |r| {
        zstd::stream::encode_all(r, 3).expect("zstd")
    });
    let (items, _) = read(zst);
    let places: Vec<(u64, u64)> = items
        .iter()
        .map(|r| r.as_ref().map(|r| (r.offset, r.within)).expect("ok"))
        .collect();
    assert_eq!(places, vec![(starts[2], 0), (starts[5], 0)]);
}

#[test]
fn a_file_compressed_whole_tells_the_place_inside_its_one_member() {
    let plain = three_pages();
    let first_len = split_records(&plain)[0].len() as u64;
    let (items, _) = read(gzip(&plain));
    let second = items[1].as_ref().expect("ok");
    assert_eq!((second.offset, second.within), (0, first_len));
    let mut bad = plain.clone();
    bad.splice(
        first_len as usize..first_len as usize,
        b"WARC/1.1\r\nno colon\r\n\r\n".to_vec(),
    );
    let (items, _) = read(gzip(&bad));
    let err = items[1].as_ref().expect_err("the malformed record");
    assert_eq!((err.offset, err.within), (0, first_len));
    assert!(
        err.to_string()
            .starts_with(&format!("t: offset 0 (+{first_len} decompressed): ")),
        "{err}"
    );
}
