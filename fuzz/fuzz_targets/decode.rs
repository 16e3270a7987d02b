//! Fuzz target: `klartext::decode::decode` on arbitrary bytes, with and without a
//! declared charset. It must never panic, and it fails only by refusing bytes that are no
//! text (`Error::NotText`: NUL and control bytes), with or without a declared charset.
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
        Err(klartext::Error::NotText(_)) => {}
        Err(err) => panic!("a known label or none must decode: {err}"),
    }
    let undeclared = klartext::decode::decode(bytes, None);
    assert!(matches!(undeclared, Ok(_) | Err(klartext::Error::NotText(_))));
}

fuzz_target!(|data: &[u8]| check(data));
