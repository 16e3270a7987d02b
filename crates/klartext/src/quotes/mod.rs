//! Who said what: direct, partial and indirect quotations with their speakers, and the
//! persons and organisations named. A pass over the article's clean text.
//!
//! The pass is linear in the text: tokenize once ([`text`]), pair the quotation marks
//! ([`marks`]), split sentences that never break inside a quotation, then walk the sentences
//! in order. In each sentence [`reported`] finds the attribution — a speech verb, noun or
//! preposition from [`cues`] with its speaker phrase — and the reported clause; [`speakers`]
//! resolves the phrase (pronoun, role noun, surname) to the full name met earlier and carries
//! the speaker over to the next sentences; [`entities`] lists the persons and organisations.

pub mod cues;
pub mod entities;
pub mod marks;
pub mod reported;
pub mod speakers;
pub mod text;

use crate::article::{Article, Quote, QuoteKind};
use text::{CharMap, Kind, Tok};

/// The tokens of the text with their lower-cased forms; shared by the submodules.
pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    lower: Vec<String>,
    /// The text reads as English rather than German.
    pub english: bool,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let toks = text::tokenize(text);
        let lower: Vec<String> = toks
            .iter()
            .map(|t| {
                if t.kind == Kind::Word {
                    text[t.start..t.end].to_lowercase()
                } else {
                    String::new()
                }
            })
            .collect();
        let (mut en, mut de) = (0usize, 0usize);
        for w in lower.iter().take(2000) {
            match w.as_str() {
                "the" | "and" | "of" | "said" | "to" | "is" | "was" | "he" | "she" => en += 1,
                "der" | "die" | "und" | "das" | "ist" | "nicht" | "sagte" | "er" | "sie" => de += 1,
                _ => {}
            }
        }
        Doc {
            text,
            toks,
            lower,
            english: en > de,
        }
    }

    /// The token's text ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start..t.end).unwrap_or(""),
            None => "",
        }
    }

    /// The lower-cased word ("" for punctuation and past the end).
    pub fn low(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// A word that starts with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    pub fn is_mark(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Mark(_)))
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[a].start..self.toks[b - 1].end)
            .unwrap_or("")
    }
}

/// A quotation found by the pass, in tokens, before offsets are converted.
#[derive(Debug, Clone)]
pub struct Found {
    /// Token range of the quotation (with its marks for direct quotations).
    pub span: (usize, usize),
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub speaker: Option<speakers::Mention>,
}

/// Finds the quotations and entities in `article.text`.
pub fn annotate(article: &mut Article) {
    let (quotes, entities) = analyse(&article.text);
    article.quotes = quotes;
    article.entities = entities;
}

/// The quotations and entities of a text.
pub fn analyse(text: &str) -> (Vec<Quote>, Vec<crate::article::Entity>) {
    let doc = Doc::new(text);
    let mut registry = speakers::Registry::default();
    let found = reported::find(&doc, &mut registry);
    let map = CharMap::new(text);
    let mut quotes = Vec::with_capacity(found.len());
    for f in found {
        let (a, b) = f.span;
        if a >= b || b > doc.toks.len() {
            continue;
        }
        let start = doc.toks[a].start;
        let end = doc.toks[b - 1].end;
        // The words without the marks for a quotation in marks.
        let inner = if matches!(f.kind, QuoteKind::Direct | QuoteKind::Partial)
            && doc.is_mark(a)
            && doc.is_mark(b - 1)
            && b - a > 2
        {
            doc.span_text(a + 1, b - 1)
        } else {
            doc.span_text(a, b)
        };
        let (speaker, speaker_mention, speaker_start, speaker_end) = match &f.speaker {
            Some(m) => (
                Some(m.canonical.clone()),
                Some(doc.span_text(m.span.0, m.span.1).to_string()),
                doc.toks.get(m.span.0).map(|t| map.char_of(t.start)),
                m.span
                    .1
                    .checked_sub(1)
                    .and_then(|i| doc.toks.get(i))
                    .map(|t| map.char_of(t.end)),
            ),
            None => (None, None, None, None),
        };
        quotes.push(Quote {
            text: inner.to_string(),
            speaker,
            speaker_mention,
            speaker_start,
            speaker_end,
            cue: f.cue,
            kind: f.kind,
            start: map.char_of(start),
            end: map.char_of(end),
        });
    }
    quotes.sort_by_key(|q| (q.start, q.end));
    let entities = entities::collect(&registry);
    (quotes, entities)
}
