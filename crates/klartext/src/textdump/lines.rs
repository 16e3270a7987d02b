//! What a single line of a text dump is, judged from its text alone: a label that closes
//! the article (share bar, tags, comments), a comment count, a leftover of page scripts.
//! The dump classifier uses these where the HTML path would see a container.

use std::sync::LazyLock;

use crate::lexicon::{phrase_list, starts_with_any};

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
        assert!(is_end_marker("11 responses to “The Loneliest Woman”"));
        assert!(!is_end_marker(
            "Teilen Sie diese Meinung? Viele tun es nicht."
        ));
        assert!(!is_end_marker(
            "Related to this, the minister said the plan would fail."
        ));
        assert!(!is_end_marker("12 Kinder spielten im Hof"));
    }
}
