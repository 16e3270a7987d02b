//! Fuzz target: `klartext::decode::decode` on arbitrary bytes, with and without a
//! declared charset. It must never panic, and an undeclared decode never fails.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Labels to try as the declared charset; the first input byte picks one.
const LABELS: [Option<&str>; 8] = [
    None,
    Some("utf-8"),
    Some("iso-8859-1"),
    Some("utf-16le"),
    Some("utf-16be"),
    Some("shift_jis"),
    Some("x-user-defined"),
    Some("gb18030"),
];

fn check(data: &[u8]) {
    let (label, bytes) = match data.split_first() {
        Some((&first, rest)) => (LABELS[usize::from(first) % LABELS.len()], rest),
        None => (None, data),
    };
    match klartext::decode::decode(bytes, label) {
        Ok(decoded) => {
            let _ = decoded.describe();
        }
        Err(err) => panic!("a known label or none must decode: {err}"),
    }
    assert!(klartext::decode::decode(bytes, None).is_ok());
}

fuzz_target!(|data: &[u8]| check(data));
