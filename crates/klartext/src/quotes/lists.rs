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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        let got = entries("# heading\n\nder\n  die \n# more\ndas\n");
        assert_eq!(got, vec!["der", "die", "das"]);
        assert!(set("a\nb\n").contains("b"));
    }
}
