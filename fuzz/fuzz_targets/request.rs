//! Fuzz target: the service's request parsing (`klartext_server::request`): a
//! `Content-Type` picked by the first byte (or made of the first line), the rest the body,
//! read as `/v1/extract` reads it and line by line as `/v1/extract/batch` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use klartext_server::request::{body_type, job, json_job, BodyType};

const TYPES: [Option<&str>; 8] = [
    None,
    Some("text/html"),
    Some("text/html; charset=iso-8859-1"),
    Some("text/plain; charset=\"shift_jis\""),
    Some("application/json"),
    Some("application/x-ndjson"),
    Some("application/json; charset=utf-8"),
    Some("image/png"),
];

fn check(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let owned;
    let (content_type, body) = if first == b'!' {
        // "!TYPE\nBODY": a Content-Type of the fuzzer's own making.
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        owned = String::from_utf8_lossy(&rest[..end]).into_owned();
        (Some(owned.as_str()), rest.get(end + 1..).unwrap_or_default())
    } else {
        (TYPES[usize::from(first) % TYPES.len()], rest)
    };
    match body_type(content_type) {
        Ok(kind) => match job(&kind, body) {
            // A raw body is passed on byte for byte.
            Ok(j) if kind != BodyType::Json => assert_eq!(j.bytes, body),
            Ok(_) => {}
            Err(err) => assert!(matches!(err.status.as_u16(), 400 | 415), "{err}"),
        },
        Err(err) => assert_eq!(err.status.as_u16(), 415, "{err}"),
    }
    for line in body.split(|&b| b == b'\n') {
        if let Err(err) = json_job(line) {
            assert_eq!(err.status.as_u16(), 400, "{err}");
            assert!(err.body()["error"]["message"].is_string());
        }
    }
}

fuzz_target!(|data: &[u8]| check(data));
