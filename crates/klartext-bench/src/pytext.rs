//! Python string semantics that the reference scorers (`../shared/eval/kinds/*.py`) rely on,
//! re-implemented so the Rust figures equal score.py's:
//!
//! - `\s` of Python's `re` on `str` (= `str.isspace()`): [`is_space`], [`norm_ws`];
//! - `\w+` of Python's `re` on `str`: letters and numbers of any script plus `_`
//!   (general categories L* and N*; combining marks are *not* word characters): [`tokens`];
//! - `\d` (general category Nd, any script) and `int()` of such digits: [`first_day`];
//! - `str.lower()` ([`lower`]) and `str.casefold()` ([`casefold`]);
//! - `str(v)` and truthiness of JSON values: [`py_str`], [`truthy`].
//!
//! Python 3.11 (the reference) uses Unicode 14.0; the `regex` crate and std use a newer
//! version, so characters assigned since may classify differently (checked over all code
//! points: 55 case mappings differ, all of characters new since 14.0). None occur in the sets.
//! Rust's own `\w` would differ (it counts combining marks, connector punctuation and joiners
//! and not No numbers such as `²`): on wcxb-dev and readability-dev it changes the tokens of
//! about a hundred gold and predicted texts, hence the explicit class.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::casefold_table::CASEFOLD;

/// Python's `\w+` on `str`: runs of Unicode letters (L*), numbers (N*) and `_`.
static WORD: LazyLock<Regex> = LazyLock::new(word_regex);

/// Python's `\d` on `str`: one Unicode decimal digit (general category Nd).
static DECIMAL: LazyLock<Regex> = LazyLock::new(decimal_regex);

fn word_regex() -> Regex {
    // A constant pattern, covered by the unit tests.
    Regex::new(r"[\p{L}\p{N}_]+").expect("word pattern compiles")
}

fn decimal_regex() -> Regex {
    Regex::new(r"^\p{Nd}$").expect("decimal pattern compiles")
}

/// Whether `c` is whitespace for Python (`str.isspace()`, the `\s` of `re` on `str`).
/// Unlike Rust's `char::is_whitespace` this includes U+001C..U+001F.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | '\u{1c}'..='\u{1f}'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `re.sub(r"\s+", " ", s).strip()`: every whitespace run becomes one space, ends trimmed.
pub fn norm_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if is_space(c) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(c);
    }
    out
}

/// Python's `str.strip()` (whitespace as [`is_space`]).
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.lower()`: full lower-case mapping with the final-sigma rule.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Python's `str.casefold()`: full case folding, character by character (no context).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match CASEFOLD.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => out.push_str(CASEFOLD[i].1),
            Err(_) => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `re.findall(r"\w+", s)`: the word tokens of `s` (not lower-cased here).
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    WORD.find_iter(s).map(|m| m.as_str())
}

/// `re.findall(r"\w+", s.lower())`: the lower-cased word tokens of `s`.
pub fn tokens(s: &str) -> Vec<String> {
    words(&lower(s)).map(str::to_owned).collect()
}

/// Whether `c` is a decimal digit for Python's `\d` / `str.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let mut buf = [0u8; 4];
    DECIMAL.is_match(c.encode_utf8(&mut buf))
}

/// The value of a decimal digit, as `int()` reads it. Unicode encodes decimal digits in
/// contiguous code-point runs of ten, zero first, so the value is the distance from the start
/// of the code-point run the digit is in (modulo ten: e.g. the mathematical digits are five
/// tens in one run).
fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() {
        return c as u32 - '0' as u32;
    }
    let mut start = c as u32;
    while let Some(prev) = start.checked_sub(1).and_then(char::from_u32) {
        if !is_decimal(prev) {
            break;
        }
        start -= 1;
    }
    (c as u32 - start) % 10
}

fn number(s: &[char], from: usize, len: usize) -> u32 {
    s[from..from + len]
        .iter()
        .fold(0, |acc, &c| acc * 10 + digit_value(c))
}

/// A calendar day as `(year, month, day)` integers, the way the scorers compare dates.
pub type Day = (u32, u32, u32);

/// The first `(\d{4})-(\d{1,2})-(\d{1,2})` in `s` as integers (Python `re.search`).
/// With `bounded`, the match must also satisfy `(?<!\d)` before and `(?!\d)` after
/// (the `dates` kind's pattern).
pub fn first_day(s: &str, bounded: bool) -> Option<Day> {
    let cs: Vec<char> = s.chars().collect();
    let dig = |i: usize| cs.get(i).is_some_and(|&c| is_decimal(c));
    let dash = |i: usize| cs.get(i) == Some(&'-');
    for i in 0..cs.len() {
        if bounded && i > 0 && dig(i - 1) {
            continue;
        }
        if !(i..i + 4).all(dig) || !dash(i + 4) {
            continue;
        }
        // Month: greedy \d{1,2} followed by '-'.
        let month_len = if dig(i + 5) && dig(i + 6) && dash(i + 7) {
            2
        } else if dig(i + 5) && dash(i + 6) {
            1
        } else {
            continue;
        };
        let day_at = i + 6 + month_len;
        let day_len = match (dig(day_at), dig(day_at + 1)) {
            (false, _) => continue,
            (true, true) => 2,
            (true, false) => 1,
        };
        // (?!\d): a third digit fails both the greedy and the backtracked match.
        if bounded && dig(day_at + day_len) {
            continue;
        }
        return Some((
            number(&cs, i, 4),
            number(&cs, i + 5, month_len),
            number(&cs, day_at, day_len),
        ));
    }
    None
}

/// Python truthiness of a JSON value (`None`, `False`, `0`, `""`, `[]`, `{}` are false).
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// Python's `str(v)` of the value `json.loads` gives. Lists and dicts use a simplified
/// `repr` (quotes and the common escapes only); predictions give strings in practice.
pub fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match n.as_f64() {
            Some(x) if !(n.is_i64() || n.is_u64()) => py_float_repr(x),
            _ => n.to_string(),
        },
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(float)`: shortest round-trip digits; exponent form outside [1e-4, 1e16).
fn py_float_repr(x: f64) -> String {
    // Rust's `{:?}` uses the same digits and the same thresholds, but writes `1e16` / `1e-5`
    // where Python writes `1e+16` / `1e-05`.
    let s = format!("{x:?}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None if x.is_infinite() => if x > 0.0 { "inf" } else { "-inf" }.into(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whitespace_is_pythons() {
        // NBSP, narrow NBSP, ideographic space, U+001F and U+0085 are Python whitespace;
        // a zero-width space (U+200B) is not.
        assert_eq!(
            norm_ws("\u{a0} a\u{202f}\u{3000}b\u{1f}c\u{85}d\u{200b}e \n"),
            "a b c d\u{200b}e"
        );
        assert_eq!(norm_ws(" \t\n "), "");
        assert!(!is_space('\u{200b}') && is_space('\u{1c}') && !'\u{1c}'.is_whitespace());
        assert_eq!(py_strip("\u{1e} x \u{3000}"), "x");
    }

    #[test]
    fn words_are_pythons() {
        // Combining marks end a word in Python (decomposed é = e + U+0301); superscript
        // digits and fractions (No) are numbers; a connector like U+203F is not a word char.
        assert_eq!(
            tokens("Cafe\u{301} x²½ a\u{203f}b foo_bar 東京 ١٢٣"),
            ["cafe", "x²½", "a", "b", "foo_bar", "東京", "١٢٣"]
        );
        // İ lower-cases to i + U+0307, which splits the word as in Python.
        assert_eq!(tokens("İstanbul"), ["i", "stanbul"]);
        // Final sigma, as str.lower().
        assert_eq!(tokens("ΟΔΟΣ"), ["οδος"]);
        assert_eq!(tokens("--  "), Vec::<String>::new());
    }

    #[test]
    fn casefold_is_pythons() {
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(casefold("ΟΔΟΣ ς"), "οδοσ σ");
        assert_eq!(casefold("ﬁne ẞ"), "fine ss");
        assert_eq!(lower("ẞ"), "ß");
    }

    #[test]
    fn days_as_python_re() {
        assert_eq!(
            first_day("2020-06-07T23:30:00+02:00", true),
            Some((2020, 6, 7))
        );
        assert_eq!(first_day("on 2020-6-7.", true), Some((2020, 6, 7)));
        // Unbounded: the first match may sit inside longer digit runs.
        assert_eq!(first_day("12020-01-123", false), Some((2020, 1, 12)));
        assert_eq!(first_day("12020-01-123", true), None);
        assert_eq!(
            first_day("2020-01-123 2021-02-03", true),
            Some((2021, 2, 3))
        );
        assert_eq!(first_day("2020-123-01", false), None);
        // Other scripts' digits count, and int() reads them.
        assert_eq!(first_day("٢٠٢٠-٠٦-٠٧", true), Some((2020, 6, 7)));
        assert_eq!(
            first_day("\u{1d7d0}\u{1d7ce}\u{1d7d0}\u{1d7ce}-1-2", true),
            Some((2020, 1, 2))
        );
        assert_eq!(first_day("", false), None);
    }

    #[test]
    fn str_and_truthiness_as_python() {
        assert_eq!(py_str(&json!(["2020-01-02", null])), "['2020-01-02', None]");
        assert_eq!(py_str(&json!(1.5e16)), "1.5e+16");
        assert_eq!(py_str(&json!(0.00001)), "1e-05");
        assert_eq!(py_str(&json!(2.0)), "2.0");
        assert_eq!(py_str(&json!(true)), "True");
        assert_eq!(py_str(&json!(["it's"])), "[\"it's\"]");
        assert!(!truthy(&json!("")) && !truthy(&json!([])) && !truthy(&json!(0)));
        assert!(truthy(&json!(" ")) && truthy(&json!([null])));
    }
}
