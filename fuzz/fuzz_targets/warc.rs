//! Fuzz target: the WARC reader (`klartext_warc::Records`) on arbitrary bytes, read as a
//! WARC file as they are and gzip-compressed (one member, or split into two members), with
//! the default and a tiny record cap. It must end with records and errors only: no panic,
//! no endless stream of items, nothing after a fatal error.
#![no_main]

use std::io::{Cursor, Write};

use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;

/// More items than this from one small input means the reader is looping.
const MAX_ITEMS: usize = 100_000;

fn gzip(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(part).expect("in-memory gzip");
        out.extend(e.finish().expect("in-memory gzip"));
    }
    out
}

fn read(bytes: Vec<u8>, max_record: Option<u64>) {
    let Ok(records) =
        klartext_warc::Records::from_reader(Box::new(Cursor::new(bytes)), "fuzz".into())
    else {
        return;
    };
    let mut records = match max_record {
        Some(cap) => records.with_max_record(cap),
        None => records,
    };
    let mut items = 0;
    let mut fatal = false;
    for item in &mut records {
        assert!(!fatal, "an item after a fatal error");
        items += 1;
        assert!(items < MAX_ITEMS, "the reader does not end");
        match item {
            Ok(record) => {
                let _ = record.is_text_dump();
            }
            Err(err) => {
                fatal = err.fatal;
                let _ = err.to_string();
            }
        }
    }
    let _ = (
        records.skipped(),
        records.bytes_read(),
        records.compression(),
    );
}

fn check(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let cap = (mode & 0x80 != 0).then_some(64);
    match mode % 3 {
        0 => read(rest.to_vec(), cap),
        1 => read(gzip(&[rest]), cap),
        _ => {
            let mid = rest.len() / 2;
            read(gzip(&[&rest[..mid], &rest[mid..]]), cap)
        }
    }
}

fuzz_target!(|data: &[u8]| check(data));
