//! What a single line of a text dump is, judged from its text alone: a label that closes
//! the article (share bar, tags, comments), a comment count, a leftover of page scripts.
//! The dump classifier uses these where the HTML path would see a container.

use std::sync::LazyLock;

use crate::lexicon::{phrase_list, starts_with_any};

static PHOTO_CREDITS: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../../data/dump-photo-credits.txt")));

/// Caption lines are short.
const MAX_CREDIT_LINE_CHARS: usize = 200;

/// A caption or credit line closed by a picture agency without a label: "Getty Images",
/// "Ein Pinguin in der Antarktis. EFE", "Sergio Massa (Télam)".
pub fn ends_with_photo_credit(text: &str) -> bool {
    let t = text.trim().trim_end_matches([')', ']']);
    if t.chars().count() > MAX_CREDIT_LINE_CHARS || t.contains('\n') || t.ends_with('.') {
        return false;
    }
    let lower = t.to_lowercase();
    PHOTO_CREDITS.iter().any(|c| {
        lower.strip_suffix(c.as_str()).is_some_and(|head| {
            head.is_empty() || head.ends_with([' ', '/', '(', '|', '.', ',', '-', '–', ':'])
        })
    })
}

static END_MARKERS: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../../data/dump-end-markers.txt")));

/// Labels are short; a longer line starting with "Tags" or "Related" is a sentence.
const MAX_LABEL_CHARS: usize = 80;

/// A short line that only ever stands after an article: "Share this:", "Tags: …",
/// "Beitrags-Navigation", "3 Kommentare", "Über den Autor".
pub fn is_end_marker(text: &str) -> bool {
    let text = text.trim();
    if text.chars().count() > MAX_LABEL_CHARS || text.contains('\n') {
        return false;
    }
    let is_label = !text.ends_with(['.', '!', '?']);
    is_label && (starts_with_any(text, &END_MARKERS) || counts_comments(text))
}

/// Words that name comments or replies, as their stems ("Kommentar", "Ergänzungen").
const COMMENT_STEMS: [&str; 9] = [
    "comment",
    "kommentar",
    "response",
    "repl",
    "antwort",
    "ergänzung",
    "reaktion",
    "reaction",
    "commentaire",
];

/// Number words that open a comment count ("Ein Kommentar", "No Responses").
const COUNT_WORDS: [&str; 8] = ["ein", "eine", "one", "no", "keine", "null", "zero", "aucun"];

/// A comment count: "91 Ergänzungen", "Ein Kommentar", "11 responses to …", "Comments (35)".
fn counts_comments(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let is_count = first.chars().all(|c| c.is_ascii_digit()) || COUNT_WORDS.contains(&first);
    let names_comments = |w: &str| COMMENT_STEMS.iter().any(|s| w.starts_with(s));
    (is_count && names_comments(second))
        || (names_comments(first)
            && second
                .strip_prefix('(')
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())))
}

/// Calls of page scripts (trackers, ad slots, logging) that a converter leaves in the
/// text. Statements such as `var x = …` are left alone: a programming article shows them.
const SCRIPT_STARTS: [&str; 7] = [
    "console.",
    "window.",
    "googletag.",
    "datalayer",
    "_paq.",
    "(function(",
    "__",
];

/// A leftover of the page's scripts rather than text: a JSON fragment, a `console.…` or
/// `window.…` call, a `key: value` flag (`isPremium: false`).
pub fn looks_like_code(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    let json = (t.starts_with('{') || t.starts_with('[')) && t.contains("\":");
    let script = SCRIPT_STARTS.iter().any(|s| lower.starts_with(s))
        && (t.contains('(') || t.contains('=') || t.ends_with(';'));
    json || script || t.lines().all(is_flag)
}

/// `key: value` or `key = value` with an identifier for a key and a literal for a value.
fn is_flag(line: &str) -> bool {
    let Some((key, value)) = line.split_once(':').or_else(|| line.split_once('=')) else {
        return false;
    };
    let key = key.trim().trim_matches('"');
    let value = value.trim().trim_end_matches([',', ';']).trim();
    let identifier = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && key
            .chars()
            .any(|c| c.is_ascii_uppercase() || c == '_' || c == '.');
    let literal = matches!(value, "true" | "false" | "null" | "undefined" | "[]" | "{}")
        || (!value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-'))
        || (value.len() >= 2 && value.starts_with('"') && value.ends_with('"'));
    identifier && literal
}

/// Prose of this length holds at least one sentence end ...
const SENTENCE_CHARS: usize = 400;

/// Whether a long block reads as sentences: at least one sentence end (`.`, `!`, `?`, `。`
/// and the like, before a space or at the end) per `SENTENCE_CHARS` characters. Menus,
/// tag clouds and select boxes that a converter runs into one line have none.
pub fn has_sentences(text: &str) -> bool {
    let chars = text.chars().count();
    if chars < SENTENCE_CHARS {
        return true;
    }
    let mut ends = 0;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        let next = it.peek().copied();
        if matches!(c, '。' | '！' | '？')
            || (matches!(c, '.' | '!' | '?' | ':' | ';')
                && next.is_none_or(|n| n.is_whitespace() || "\"'»«“”’)]".contains(n)))
        {
            ends += 1;
        }
    }
    ends * SENTENCE_CHARS >= chars
}

/// Datelines are short: a date, perhaps a time and a word or two.
const MAX_DATELINE_CHARS: usize = 40;

/// A line that is mostly a date with a year ("18. Nov 2021", "03/11/2023, 14:20 Uhr"): in
/// a teaser list or under each comment. A bare time ("12:45 Uhr") is a live blog's entry
/// and does not count.
pub fn is_dateline(text: &str) -> bool {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > MAX_DATELINE_CHARS || chars == 0 {
        return false;
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    // A day and a year at least; more words than figures make it a title ("Trends 2026").
    digits >= 5 && letters <= digits + 4 && holds_year(text)
}

/// Whether a year from 1990 to 2039 stands in `text` as a number of its own.
fn holds_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && ("1990".."2040").contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_markers_are_labels_not_sentences() {
        assert!(is_end_marker("Share this:"));
        assert!(is_end_marker("Tags: Politik, Wahlen"));
        assert!(is_end_marker("91 Ergänzungen"));
        assert!(is_end_marker("Ein Kommentar"));
        assert!(is_end_marker("Comments (35)"));
        assert!(is_end_marker("7 responses to “The Quiet Neighbour”"));
        assert!(!is_end_marker(
            "Teilen Sie diese Meinung? Viele tun es nicht."
        ));
        assert!(!is_end_marker(
            "Related to this, the minister said the plan would fail."
        ));
        assert!(!is_end_marker("12 Kinder spielten im Hof"));
    }

    #[test]
    fn script_leftovers_are_code() {
        assert!(looks_like_code(
            r#"{"@type":"NewsArticle","isAccessibleForFree":false}"#
        ));
        assert!(looks_like_code("console.log(\"ad slot ready\");"));
        assert!(looks_like_code("isPremium: false"));
        assert!(looks_like_code("ad_slot_id = 4711"));
        assert!(!looks_like_code("Fazit: Die Regierung hat versagt."));
        assert!(!looks_like_code("Ort: Berlin"));
        assert!(!looks_like_code("poetry add yapapi"));
    }

    #[test]
    fn picture_agencies_close_captions() {
        assert!(ends_with_photo_credit("Getty Images"));
        assert!(ends_with_photo_credit("Ein Pinguin in der Antarktis. EFE"));
        assert!(ends_with_photo_credit("Sergio Massa (Télam)"));
        assert!(!ends_with_photo_credit("Das meldete die Agentur Reuters."));
        assert!(!ends_with_photo_credit("Kaffee mit Imagefilm"));
    }

    #[test]
    fn a_menu_run_into_one_line_has_no_sentences() {
        let menu = "ARCHIVES Select Month January 2026 November 2025 October 2025 ".repeat(10);
        assert!(!has_sentences(&menu));
        let prose =
            "Der Rat hat entschieden. Die Stadt baut einen Radweg, der im Frühjahr fertig wird. "
                .repeat(5);
        assert!(has_sentences(&prose));
    }

    #[test]
    fn datelines_carry_a_year() {
        assert!(is_dateline("18. Nov 2021"));
        assert!(is_dateline("03/11/2023"));
        assert!(is_dateline("23. Juni 2016 um 17:21 Uhr"));
        assert!(!is_dateline("12:45 Uhr"));
        assert!(!is_dateline("New! 2026 Trends"));
        assert!(!is_dateline("Falcon Pro Book 14 (2023)"));
        assert!(!is_dateline("Im Jahr 2021 stieg die Zahl der Fälle"));
    }
}
