//! Quotation marks: pairs opening and closing marks of every common style („…“ ‚…‘ »…« «…»
//! “…” ‘…’ "…" '…'), keeps nesting, carries a quotation over a paragraph break when the next
//! paragraph opens with the same mark, and tells quotations from titles, names, scare quotes
//! and slogans.

use super::lists;
use super::text::{Kind, Tok};
use std::sync::LazyLock;

/// A pair of marks: token indices of the opening and closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub open: usize,
    pub close: usize,
    /// 0 for an outermost pair.
    pub depth: usize,
}

/// The closing marks that may end a quotation opened by `c`.
fn closers(c: char, german_guillemets: bool) -> &'static [char] {
    match c {
        '„' => &['“', '”', '"'],
        '‚' => &['‘', '’', '\''],
        '»' if german_guillemets => &['«'],
        '»' => &['»'],
        '«' => &['»'],
        '“' => &['”', '“', '"'],
        '”' => &['”'],
        '‘' => &['’', '‘'],
        '"' => &['"', '“', '”'],
        '\'' => &['\'', '’'],
        '‹' => &['›'],
        '›' => &['‹'],
        _ => &[],
    }
}

fn letter_at(text: &str, byte: usize) -> bool {
    text.get(byte..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

fn letter_before(text: &str, byte: usize) -> bool {
    text.get(..byte)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Pairs the quotation marks of `toks`.
pub fn pair(text: &str, toks: &[Tok]) -> Vec<Pair> {
    // Guillemets: »…« (German) unless the text opens one with « first.
    let german_guillemets = toks
        .iter()
        .find_map(|t| match t.kind {
            Kind::Mark('»') => Some(true),
            Kind::Mark('«') => Some(false),
            _ => None,
        })
        .unwrap_or(true);
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind == Kind::Break {
            // A quotation open at the end of a paragraph goes on if the next paragraph opens
            // with the same mark; otherwise it was no quotation.
            if let Some(&(_, c)) = stack.first() {
                if let Some(n) = toks.get(i + 1) {
                    if n.kind == Kind::Mark(c) && stack.len() == 1 {
                        i += 2;
                        continue;
                    }
                }
            }
            stack.clear();
            i += 1;
            continue;
        }
        let Kind::Mark(c) = t.kind else {
            i += 1;
            continue;
        };
        let after_letter = letter_at(text, t.end());
        let before_letter = letter_before(text, t.start());
        // Apostrophes: Peter's, don't, geht's.
        if matches!(c, '\'' | '’') && before_letter && after_letter {
            i += 1;
            continue;
        }
        let top_closes = stack
            .iter()
            .rposition(|&(_, o)| closers(o, german_guillemets).contains(&c));
        let can_close = !t.space_before || !after_letter;
        if let (Some(pos), true) = (top_closes, can_close) {
            let (open, _) = stack[pos];
            stack.truncate(pos);
            out.push(Pair {
                open,
                close: i,
                depth: pos,
            });
            i += 1;
            continue;
        }
        let can_open = after_letter
            || text
                .get(t.end()..)
                .and_then(|s| s.chars().next())
                .is_some_and(|d| is_open_punct(d) || d.is_ascii_digit());
        let opener = match c {
            '„' | '‚' | '»' | '«' | '“' | '"' | '‹' | '›' => true,
            '‘' | '\'' => t.space_before,
            '”' => t.space_before,
            _ => false,
        };
        if opener && can_open && stack.len() < 4 {
            stack.push((i, c));
        }
        i += 1;
    }
    out.sort_by_key(|p| p.open);
    out
}

fn is_open_punct(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '.' | '…' | '-' | '„' | '‚' | '»' | '«' | '“' | '‘' | '"' | '\''
    )
}

/// Nouns that announce a title or a name in marks (the film „…“, the ship "…").
static TITLE_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::entries(include_str!("../../data/quotes/title_nouns.txt")));
static INSCRIPTION_NOUNS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| lists::entries(include_str!("../../data/quotes/inscription_nouns.txt")));

/// One word in marks that a verb of naming puts in someone's mouth (nannte den Plan
/// „fahrlässig“, called it "reckless"): a quotation when the sentence names the speaker.
pub fn is_named_word(text: &str, toks: &[Tok], p: Pair, words: usize) -> bool {
    words == 1 && after_naming_verb(text, toks, p.open)
}

/// Whether a verb of naming (nannte, bezeichnete, sprach von, called) stands among the eight
/// tokens before the opening mark `open`, in the same sentence.
fn after_naming_verb(text: &str, toks: &[Tok], open: usize) -> bool {
    for t in toks[open.saturating_sub(8)..open].iter().rev() {
        match t.kind {
            Kind::Word => {
                let w = text[t.start()..t.end()].to_lowercase();
                if matches!(
                    w.as_str(),
                    "nannte"
                        | "nannten"
                        | "nennt"
                        | "nennen"
                        | "bezeichnete"
                        | "bezeichneten"
                        | "bezeichnet"
                        | "sprach"
                        | "sprachen"
                        | "spricht"
                        | "called"
                        | "calls"
                        | "branded"
                        | "described"
                ) {
                    return true;
                }
            }
            Kind::Punct('.' | '!' | '?') | Kind::Break => return false,
            _ => {}
        }
    }
    false
}

/// Whether the words right before the opening mark `open` (across one colon) announce an
/// inscription, slogan or sign: „T-Shirt mit der Aufschrift: „…““, `a banner reading "…"`.
fn after_inscription_noun(text: &str, toks: &[Tok], open: usize) -> bool {
    let mut k = open;
    if k > 0 && toks[k - 1].kind == Kind::Punct(':') {
        k -= 1;
    }
    let mut words = 0;
    while k > 0 && words < 2 {
        k -= 1;
        let t = toks[k];
        if t.kind != Kind::Word {
            return false;
        }
        words += 1;
        let w = text[t.start()..t.end()].to_lowercase();
        let last = w.rsplit('-').next().unwrap_or(&w);
        if INSCRIPTION_NOUNS.contains(&w.as_str()) || INSCRIPTION_NOUNS.contains(&last) {
            return true;
        }
        // a cap that read "…", a sign which reads "…"
        if matches!(w.as_str(), "read" | "reads") && k > 0 {
            let before = toks[k - 1];
            if before.kind == Kind::Word
                && matches!(
                    text[before.start()..before.end()].to_lowercase().as_str(),
                    "that" | "which"
                )
            {
                return true;
            }
        }
    }
    false
}

/// Whether the marks pair `p` holds a title, a name, a scare-quoted word or a slogan rather
/// than a quotation. `words` is the number of word tokens inside.
pub fn is_trap(text: &str, toks: &[Tok], p: Pair, words: usize) -> bool {
    if words == 0 {
        return true;
    }
    // One word in marks is a scare quote, a coinage or a name (see [`is_named_word`]).
    if words == 1 {
        return true;
    }
    if after_inscription_noun(text, toks, p.open) {
        return true;
    }
    let inner = &toks[p.open + 1..p.close];
    let has_sentence_punct = inner
        .iter()
        .any(|t| matches!(t.kind, Kind::Punct('.' | '!' | '?' | ',' | ':' | ';')));
    // Preceded by a title noun (possibly with an article or adjective in between).
    let mut k = p.open;
    let mut steps = 0;
    while k > 0 && steps < 2 {
        k -= 1;
        let t = toks[k];
        if matches!(
            t.kind,
            Kind::Break | Kind::Punct('.' | '!' | '?' | ':' | ',' | ';')
        ) {
            break;
        }
        if t.kind == Kind::Word {
            steps += 1;
            let w = text[t.start()..t.end()].to_lowercase();
            let last = w.rsplit('-').next().unwrap_or(&w);
            if TITLE_NOUNS.contains(&w.as_str())
                || TITLE_NOUNS.contains(&last)
                || TITLE_NOUNS.iter().any(|n| n.len() > 4 && w.ends_with(n))
            {
                return words <= 8 || !has_sentence_punct;
            }
        }
    }
    // Followed by a year in brackets: „Jungle Fever“ (1991).
    if let (Some(a), Some(b)) = (toks.get(p.close + 1), toks.get(p.close + 2)) {
        if a.kind == Kind::Punct('(')
            && b.kind == Kind::Word
            && text[b.start()..b.end()].len() == 4
            && text[b.start()..b.end()].chars().all(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    // Short and every word capitalised: a title or a name (The Old Man and the Sea is caught
    // by allowing short function words).
    if words <= 6 && !has_sentence_punct {
        let mut caps = 0;
        let mut small = 0;
        for t in inner.iter().filter(|t| t.kind == Kind::Word) {
            let w = &text[t.start()..t.end()];
            if w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                caps += 1;
            } else if matches!(
                w,
                "the"
                    | "of"
                    | "and"
                    | "a"
                    | "an"
                    | "in"
                    | "on"
                    | "to"
                    | "for"
                    | "der"
                    | "die"
                    | "das"
                    | "und"
                    | "von"
                    | "im"
                    | "am"
                    | "vom"
                    | "zum"
                    | "zur"
            ) {
                small += 1;
            }
        }
        if caps >= 2 && caps + small == words {
            // German nouns are capitalised too: only call it a title when there is no
            // lowercase word at all and it does not open with an article or pronoun.
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn pairs(text: &str) -> Vec<String> {
        let toks = tokenize(text);
        pair(text, &toks)
            .into_iter()
            .map(|p| text[toks[p.open].end()..toks[p.close].start()].to_string())
            .collect()
    }

    #[test]
    fn german_and_english_styles() {
        assert_eq!(pairs("Er sagte: „Das geht.“"), vec!["Das geht."]);
        assert_eq!(pairs("He said: “It works.”"), vec!["It works."]);
        assert_eq!(pairs("Sie sagte: »Gut so.«"), vec!["Gut so."]);
        assert_eq!(pairs("Il a dit: «Bon.»"), vec!["Bon."]);
        assert_eq!(
            pairs("He said \"fine, really\" twice."),
            vec!["fine, really"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(pairs("Peter's dog didn't bark.").is_empty());
    }

    #[test]
    fn nested_quotes() {
        let p = pairs("Er sagte: „Ich las ‚Faust‘ gern.“");
        assert_eq!(p, vec!["Ich las ‚Faust‘ gern.", "Faust"]);
    }

    #[test]
    fn quote_across_paragraphs() {
        let p = pairs("“First part.\n\n“Second part.” he said.");
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("Second part."));
    }
}
