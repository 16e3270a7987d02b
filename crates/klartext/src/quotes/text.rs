//! Tokens and sentences: the units the quotation pass works on.
//!
//! Tokens carry byte offsets into the text (always on char boundaries, since they come from
//! `char_indices`) and the code point offsets the API promises, counted in the same single
//! pass. Sentences are token ranges; they never split inside a quotation in marks, so a quote
//! of several sentences and its attribution stay one unit, but they always end at a line
//! break, and a run of more than [`MAX_SENTENCE`] tokens is cut, so that the per-sentence
//! work of the pass stays linear in the length of the text.

use super::lists;
use std::sync::LazyLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, digits and word-internal hyphens, dots of numbers, apostrophes.
    Word,
    /// A quotation mark character (`„“”‚‘’»«"'‹›`).
    Mark(char),
    /// Any other non-space character.
    Punct(char),
    /// One or more line breaks.
    Break,
}

/// A token: its kind and byte range.
///
/// Offsets are `u32` (read through the `usize` accessors): a long text has a token every
/// few bytes, and 28 bytes a token instead of 48 keep the pass's memory small. Texts past
/// 4 GB, where they would not fit, are refused long before (`Limits::max_input_bytes`).
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub kind: Kind,
    start: u32,
    end: u32,
    cstart: u32,
    cend: u32,
    /// Whitespace (or the start of the text) comes right before it.
    pub space_before: bool,
}

impl Tok {
    /// A token of `kind` over the bytes `start..end`, code points `cstart..cend`.
    pub fn new(kind: Kind, (start, end): (usize, usize), (cstart, cend): (usize, usize)) -> Tok {
        Tok {
            kind,
            start: offset(start),
            end: offset(end),
            cstart: offset(cstart),
            cend: offset(cend),
            space_before: false,
        }
    }

    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset of the end.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Code point offset of the start.
    pub fn cstart(&self) -> usize {
        self.cstart as usize
    }

    /// Code point offset of the end.
    pub fn cend(&self) -> usize {
        self.cend as usize
    }
}

/// An offset as stored in a [`Tok`] (saturating: only texts over 4 GB would need more).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Quotation mark characters.
pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '„' | '“' | '”' | '‚' | '‘' | '’' | '»' | '«' | '"' | '\'' | '‹' | '›'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut it = text.char_indices().peekable();
    let mut space = true;
    // Code points consumed so far.
    let mut chars = 0usize;
    while let Some((i, c)) = it.next() {
        let cstart = chars;
        chars += 1;
        if c == '\n' {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_whitespace() {
                    end = j + d.len_utf8();
                    chars += 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                space_before: true,
                ..Tok::new(Kind::Break, (i, end), (cstart, chars))
            });
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            // Only digits and dots so far (for 1.920 and 3,5).
            let mut numeric = c.is_ascii_digit();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    numeric &= d.is_ascii_digit();
                    chars += 1;
                    it.next();
                    continue;
                }
                // Joiners inside a word: Bahn-Chef, 1.920, 3,5, O'Neill, don't.
                if matches!(d, '-' | '.' | ',' | '\'' | '’' | '&') {
                    let mut look = it.clone();
                    look.next();
                    let next = look.peek().map(|&(_, n)| n);
                    let ok = match d {
                        '-' | '&' => next.is_some_and(is_word_char),
                        '.' | ',' => next.is_some_and(|n| n.is_ascii_digit()) && numeric,
                        _ => next.is_some_and(|n| n.is_alphabetic()),
                    };
                    if ok {
                        it.next();
                        chars += 1;
                        end = j + d.len_utf8();
                        numeric &= d == '.';
                        continue;
                    }
                }
                break;
            }
            out.push(Tok {
                space_before: space,
                ..Tok::new(Kind::Word, (i, end), (cstart, chars))
            });
        } else {
            let kind = if is_mark(c) {
                Kind::Mark(c)
            } else {
                Kind::Punct(c)
            };
            out.push(Tok {
                space_before: space,
                ..Tok::new(kind, (i, i + c.len_utf8()), (cstart, chars))
            });
        }
        space = false;
    }
    out
}

/// The longest sentence, in tokens: a longer run (a list without punctuation, a quotation
/// left open) is cut into pieces of this size.
pub const MAX_SENTENCE: usize = 300;

/// Abbreviations after which a period does not end a sentence.
static ABBREV: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::entries(include_str!("../../data/quotes/abbreviations.txt")));

/// Sentences as half-open token index ranges. `inside_quote[i]` says token `i` lies inside a
/// quotation in marks (no sentence ends there except at a line break).
pub fn sentences(text: &str, toks: &[Tok], inside_quote: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if i - start >= MAX_SENTENCE {
            out.push((start, i));
            start = i;
        }
        let t = toks[i];
        if t.kind == Kind::Break {
            if i > start {
                out.push((start, i));
            }
            start = i + 1;
            i += 1;
            continue;
        }
        // A quotation that ends with its own sentence ends the sentence when a capitalised
        // word follows: „Wir kämpfen gegen die Flut.“ Osvaldo Pereyra beklagte, …
        if matches!(t.kind, Kind::Mark(_))
            && i > start + 1
            && matches!(toks[i - 1].kind, Kind::Punct('.' | '!' | '?'))
            && inside_quote.get(i - 1).copied().unwrap_or(false)
            && !inside_quote.get(i).copied().unwrap_or(false)
        {
            if let Some(n) = toks.get(i + 1) {
                let upper = n.kind == Kind::Word
                    && text
                        .get(n.start()..n.end())
                        .and_then(|w| w.chars().next())
                        .is_some_and(char::is_uppercase);
                if upper && n.space_before {
                    out.push((start, i + 1));
                    start = i + 1;
                    i += 1;
                    continue;
                }
            }
        }
        if let Kind::Punct(c) = t.kind {
            if matches!(c, '.' | '!' | '?') && !inside_quote.get(i).copied().unwrap_or(false) {
                // Closing marks and brackets right after the period belong to this sentence.
                let mut j = i + 1;
                while j < toks.len()
                    && matches!(toks[j].kind, Kind::Mark(_) | Kind::Punct(')'))
                    && !toks[j].space_before
                {
                    j += 1;
                }
                let next = toks.get(j);
                let ends = match next {
                    None => true,
                    Some(n) if n.kind == Kind::Break => true,
                    Some(n) => {
                        let first = text[n.start()..n.end()].chars().next().unwrap_or(' ');
                        let starts_upper = first.is_uppercase()
                            || first.is_ascii_digit()
                            || matches!(n.kind, Kind::Mark(_));
                        starts_upper && n.space_before && !is_abbrev(text, toks, i, c)
                    }
                };
                if ends {
                    out.push((start, j));
                    start = j;
                    i = j;
                    continue;
                }
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

fn is_abbrev(text: &str, toks: &[Tok], i: usize, c: char) -> bool {
    if c != '.' || i == 0 {
        return false;
    }
    let prev = toks[i - 1];
    if prev.kind != Kind::Word || prev.end() != toks[i].start() {
        return false;
    }
    let w = &text[prev.start()..prev.end()];
    // Ordinals (24. Januar) and initials (John F. Kennedy).
    if w.len() <= 2 && w.chars().all(|d| d.is_ascii_digit()) {
        return true;
    }
    if w.chars().count() == 1 && w.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREV.iter().any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_words_and_marks() {
        let text = "Er sagte: „Bahn-Chef 1.920 ok.“";
        let toks = tokenize(text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start()..t.end()]).collect();
        assert_eq!(
            words,
            vec![
                "Er",
                "sagte",
                ":",
                "„",
                "Bahn-Chef",
                "1.920",
                "ok",
                ".",
                "“"
            ]
        );
    }

    #[test]
    fn tokens_count_code_points() {
        let text = "äö „x“\n\n 3,5";
        let toks = tokenize(text);
        let offs: Vec<(usize, usize)> = toks.iter().map(|t| (t.cstart(), t.cend())).collect();
        assert_eq!(offs, vec![(0, 2), (3, 4), (4, 5), (5, 6), (6, 9), (9, 12)]);
        for t in &toks {
            assert_eq!(text[..t.start()].chars().count(), t.cstart());
            assert_eq!(text[..t.end()].chars().count(), t.cend());
        }
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "wort ".repeat(MAX_SENTENCE * 3 + 7);
        let toks = tokenize(&text);
        let s = sentences(&text, &toks, &vec![false; toks.len()]);
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|&(a, b)| b - a <= MAX_SENTENCE));
        assert_eq!(s[3], (MAX_SENTENCE * 3, toks.len()));
    }

    #[test]
    fn sentences_skip_abbreviations_and_ordinals() {
        let text = "Am 24. Januar kam Dr. Weber. Er ging.";
        let toks = tokenize(text);
        let s = sentences(text, &toks, &vec![false; toks.len()]);
        assert_eq!(s.len(), 2);
    }
}
