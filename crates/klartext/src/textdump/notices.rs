//! Lines of a text dump that speak to the reader about the page rather than tell the
//! article: consent notices standing in for embedded posts or asking about cookies
//! (their label, their explanation and their consent sentence, in German and English),
//! and links that skip about the page or lead back to its front page. The dump
//! classifier drops them wherever they stand.

use std::sync::LazyLock;

use crate::blocks::Document;
use crate::lexicon::phrase_list;

static CONSENT: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../../data/dump-consent.txt")));

static NOTICE_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../../data/dump-notice-words.txt")));

/// The skip-link phrases: those that open such a line, and those that name the front page.
static SKIP_LINKS: LazyLock<(Vec<String>, Vec<String>)> = LazyLock::new(|| {
    let all = phrase_list(include_str!("../../data/dump-skip-links.txt"));
    let with = |prefix: &str| -> Vec<String> {
        all.iter()
            .filter_map(|l| l.strip_prefix(prefix).map(|p| p.trim().to_string()))
            .collect()
    };
    (with("start:"), with("name:"))
});

/// A consent sentence or cookie notice is a few sentences at most.
const MAX_NOTICE_CHARS: usize = 500;
/// The label and explanation above a consent sentence are short.
const MAX_EXPLANATION_CHARS: usize = 250;
/// How many blocks above a consent sentence may belong to its notice.
const NOTICE_REACH: usize = 2;
/// A link is a few words.
const MAX_LINK_WORDS: usize = 6;

/// Lower case with single spaces.
fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a block is a consent sentence or cookie notice: short, and holding a phrase of
/// `data/dump-consent.txt`.
pub fn is_consent(text: &str) -> bool {
    text.chars().count() <= MAX_NOTICE_CHARS && {
        let t = folded(text);
        CONSENT.iter().any(|p| t.contains(p.as_str()))
    }
}

/// Whether a block above a consent sentence is its label or explanation: short, and naming
/// external content, a third party, cookies, privacy or consent.
fn explains_notice(text: &str) -> bool {
    text.chars().count() <= MAX_EXPLANATION_CHARS && {
        let t = folded(text);
        NOTICE_WORDS.iter().any(|p| t.contains(p.as_str()))
    }
}

/// The blocks of every consent notice: each consent sentence, with the label and
/// explanation just above it (up to [`NOTICE_REACH`] blocks; a short label line with no
/// full stop counts as well).
pub fn notice_blocks(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if !is_consent(&block.text) {
            continue;
        }
        out.push(i);
        for j in (i.saturating_sub(NOTICE_REACH)..i).rev() {
            let text = doc.blocks[j].text.trim();
            let label = text.chars().count() < 60
                && !text.contains('\n')
                && !text.ends_with(['.', '!', '?']);
            if explains_notice(text) || label {
                out.push(j);
            } else {
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a line is a skip link ("Zum Hauptinhalt springen", "Skip to content") or a link
/// to the front page ("Zur Startseite", "Back to the front page"): a few words, no
/// sentence.
pub fn is_skip_link(text: &str) -> bool {
    let t = folded(text);
    if t.split(' ').count() > MAX_LINK_WORDS || t.ends_with(['.', '!', '?']) {
        return false;
    }
    let (starts, names) = &*SKIP_LINKS;
    crate::lexicon::starts_with_any(&t, starts) || names.iter().any(|n| t.contains(n.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_sentences_are_told_in_german_and_english() {
        assert!(is_consent("Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden. Damit können personenbezogene Daten übermittelt werden."));
        assert!(is_consent(
            "I agree to the display of external content. Personal data may be transmitted."
        ));
        assert!(is_consent(
            "This website uses cookies to improve your experience."
        ));
        assert!(!is_consent(
            "Die Stadt ist damit nicht einverstanden und klagt gegen den Bescheid."
        ));
    }

    #[test]
    fn a_notice_takes_its_label_and_explanation_along() {
        let dump = "Ein Absatz des Artikels, der lang genug ist, um als Text zu gelten, und mit einem Punkt endet.\n\n\
            Externer Inhalt\n\n\
            An dieser Stelle finden Sie einen externen Inhalt, der den Artikel ergänzt.\n\n\
            Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.\n\n\
            Der Artikel geht weiter, und auch dieser Absatz ist ein ganzer Satz mit Punkt.";
        let doc = crate::textdump::document(dump);
        assert_eq!(notice_blocks(&doc), [1, 2, 3]);
    }

    #[test]
    fn skip_links_and_front_page_links() {
        for t in [
            "Zum Hauptinhalt springen",
            "Skip to main content",
            "Zur Startseite",
            "Back to the front page",
            "Direkt zum Inhalt",
        ] {
            assert!(is_skip_link(t), "{t}");
        }
        for t in [
            "Die Startseite der Stadt wurde neu gestaltet und ist seit Montag online.",
            "Politik",
            "Skip the queue and book ahead for the museum tours this summer now",
        ] {
            assert!(!is_skip_link(t), "{t}");
        }
    }
}
