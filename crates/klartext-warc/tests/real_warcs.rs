//! WARCs written by real writers (warcio, wget) from the fixture pages: every page comes
//! out with the same JSON as from its file, and a truncated file gives the records before
//! the damage and an error with the offset of the cut record.
//!
//! `tests/make_warcs.sh` builds the files (python3 and wget with apt-get when missing,
//! warcio into a venv under target/). If it cannot, this test fails: it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use klartext_warc::{extract_record, Record, Records};
use serde_json::Value;

/// Builds the WARCs once per test run; returns the directory with `manifest.json`.
fn warcs() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let out = tmp.join("warcs");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/make_warcs.sh");
        let status = Command::new("sh")
            .arg(&script)
            .arg(&out)
            .arg(tmp.join("warc-venv"))
            .status()
            .expect("sh must be there to build the test WARCs");
        assert!(status.success(), "{} failed: {status}", script.display());
        out
    })
}

fn manifest() -> Value {
    let text = std::fs::read_to_string(warcs().join("manifest.json")).expect("manifest");
    serde_json::from_str(&text).expect("manifest JSON")
}

/// The JSON the record gives, without the WARC fields and with `url` back to the
/// article's canonical URL: what `klartext::extract` gives on the page's file.
fn article_part(mut json: Value) -> Value {
    let map = json.as_object_mut().expect("an object");
    for key in ["warc_record_id", "warc_date", "http_status"] {
        assert!(map.remove(key).is_some(), "{key} missing");
    }
    let canonical = map.remove("canonical_url").expect("canonical_url");
    map.insert("url".into(), canonical);
    json
}

/// The JSON of the page's own file, extracted with the options the WARC gives it.
fn from_file(page: &Value, record: &Record) -> Value {
    let file = page["file"].as_str().expect("file");
    let bytes = std::fs::read(file).expect("fixture page");
    let reference_time = record
        .date
        .as_deref()
        .and_then(klartext::metadata::dates::parse_value)
        .map(|d| d.timestamp());
    assert!(
        reference_time.is_some(),
        "WARC-Date {:?} must parse",
        record.date
    );
    let options = klartext::Options {
        url: page["uri"].as_str().map(str::to_string),
        charset: page["charset"].as_str().map(str::to_string),
        reference_time,
        input: match page["input"].as_str() {
            Some("text") => klartext::InputKind::Text,
            _ => klartext::InputKind::Auto,
        },
        ..klartext::Options::default()
    };
    let article = klartext::extract(&bytes, &options).expect("extract the file");
    serde_json::to_value(article).expect("JSON")
}

fn check_pages(name: &str, records: Vec<Record>, pages: &[Value]) {
    let uris: Vec<_> = records.iter().map(|r| r.target_uri.clone()).collect();
    let expected: Vec<_> = pages
        .iter()
        .map(|p| p["uri"].as_str().map(str::to_string))
        .collect();
    assert_eq!(uris, expected, "{name}: the pages, in order");
    for (record, page) in records.iter().zip(pages) {
        let json = extract_record(record, &klartext::Options::default()).expect("extract");
        assert_eq!(json["url"], page["uri"], "{name}");
        assert_eq!(
            article_part(json),
            from_file(page, record),
            "{name}: {} differs from its file",
            page["uri"]
        );
    }
}

#[test]
fn every_fixture_page_comes_out_of_every_warc_as_from_its_file() {
    let manifest = manifest();
    let warcs_listed = manifest["warcs"].as_object().expect("warcs");
    assert_eq!(warcs_listed.len(), 5, "warcio ×4 and wget");
    for (name, pages) in warcs_listed {
        let mut records = Records::open(&warcs().join(name)).expect("open");
        let read: Vec<Record> = (&mut records)
            .map(|r| r.unwrap_or_else(|e| panic!("{name}: {e}")))
            .collect();
        check_pages(name, read, pages.as_array().expect("pages"));
        let skipped = records.skipped();
        let count = |reason: &klartext_warc::Skip| skipped.get(reason).copied().unwrap_or(0);
        use klartext_warc::Skip;
        assert_eq!(
            count(&Skip::ContentType("application/json".into())),
            1,
            "{name}"
        );
        assert_eq!(count(&Skip::HttpStatus(404)), 1, "{name}: {skipped:?}");
        assert!(count(&Skip::RecordType("request".into())) >= 1, "{name}");
        if name.starts_with("wget") {
            assert!(
                count(&Skip::UriScheme("metadata".into())) >= 1,
                "{name}: {skipped:?}"
            );
        }
    }
}

#[test]
fn a_truncated_warc_gives_the_records_before_and_the_offset() {
    let manifest = manifest();
    let damaged = manifest["truncated"].as_object().expect("truncated");
    assert_eq!(damaged.len(), 2);
    for (name, expect) in damaged {
        let items: Vec<_> = Records::open(&warcs().join(name)).expect("open").collect();
        let (last, before) = items.split_last().expect("some items");
        let records: Vec<Record> = before
            .iter()
            .map(|r| r.clone().unwrap_or_else(|e| panic!("{name}: {e}")))
            .collect();
        check_pages(name, records, expect["pages"].as_array().expect("pages"));
        let err = last.as_ref().expect_err("the damage is reported");
        assert!(err.fatal, "{name}: {err}");
        assert_eq!(Some(err.offset), expect["offset"].as_u64(), "{name}: {err}");
        assert!(err.message.contains("truncated"), "{name}: {err}");
    }
}
