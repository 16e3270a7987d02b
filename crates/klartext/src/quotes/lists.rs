//! The closed word lists of the quotation pass (determiners, stop words, role and
//! organisation nouns, openers …), compiled in from `data/quotes/*.txt` and parsed on first
//! use. Each file holds one entry a line; `#` starts a comment line. The entries are kept as
//! written (all lower case), borrowed from the compiled-in text, so loading allocates only
//! the containers.

use super::FastSet;

/// The entries of a list file, in file order.
pub fn entries(source: &'static str) -> Vec<&'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The entries of a list file as a set.
pub fn set(source: &'static str) -> FastSet<&'static str> {
    entries(source).into_iter().collect()
}

/// A word list matched whole or as the end of a compound (Bahnchef ends in chef). The last
/// four characters of the entries are kept apart as a first test, so that most words are
/// refused with one lookup instead of one per suffix.
pub struct Ends {
    words: FastSet<&'static str>,
    tails: FastSet<&'static str>,
}

impl Ends {
    pub fn new(source: &'static str) -> Ends {
        let words = set(source);
        let tails = words.iter().filter_map(|w| last_chars(w, 4)).collect();
        Ends { words, tails }
    }

    /// Whether `lower` is an entry or ends in an entry of at least `min` characters
    /// (a proper suffix).
    pub fn matches(&self, lower: &str, min: usize) -> bool {
        if self.words.contains(lower) {
            return true;
        }
        if min >= 4 && !last_chars(lower, 4).is_some_and(|t| self.tails.contains(t)) {
            return false;
        }
        let total = lower.chars().count();
        lower
            .char_indices()
            .enumerate()
            .skip(1)
            .take_while(|&(n, _)| total - n >= min)
            .any(|(_, (i, _))| lower.get(i..).is_some_and(|s| self.words.contains(s)))
    }
}

/// The last `n` characters of `word`, if it has that many.
fn last_chars(word: &str, n: usize) -> Option<&str> {
    let start = word.char_indices().rev().nth(n - 1).map(|(i, _)| i)?;
    word.get(start..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_match_whole_words_and_compound_ends() {
        let ends = Ends::new("chef\nminister\nrat\n");
        assert!(ends.matches("bahnchef", 4));
        assert!(!ends.matches("außenministerin", 4));
        assert!(ends.matches("außenminister", 4));
        assert!(ends.matches("rat", 4));
        assert!(!ends.matches("bundesrat", 4));
        assert!(!ends.matches("koch", 4));
        assert_eq!(last_chars("größe", 4), Some("röße"));
        assert_eq!(last_chars("ab", 4), None);
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let got = entries("# heading\n\nder\n  die \n# more\ndas\n");
        assert_eq!(got, vec!["der", "die", "das"]);
        assert!(set("a\nb\n").contains("b"));
    }
}
