//! Cues: the speech verbs, nouns and prepositions that introduce a quotation, and the German
//! Konjunktiv forms that mark reported speech. The lexicons are data files compiled into the
//! crate (`data/quotes/`), parsed once on first use.

use super::{FastMap as HashMap, FastSet as HashSet};
use std::sync::LazyLock;

static CUES_DE: &str = include_str!("../../data/quotes/cues_de.txt");
static CUES_EN: &str = include_str!("../../data/quotes/cues_en.txt");
static KONJUNKTIV: &str = include_str!("../../data/quotes/konjunktiv.txt");
static WEAK: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| super::lists::set(include_str!("../../data/quotes/weak_lemmas.txt")));

/// A speech verb form: its lemma and the separable particle it needs later in the clause.
#[derive(Debug, Clone)]
pub struct VerbCue {
    pub lemma: &'static str,
    pub particle: Option<&'static str>,
}

struct Lexicon {
    verbs: HashMap<&'static str, Vec<VerbCue>>,
    nouns: HashSet<&'static str>,
    /// Lower-cased speech nouns long enough to end a compound.
    noun_ends: HashSet<String>,
    preps: HashSet<&'static str>,
    konjunktiv: HashSet<&'static str>,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut verbs: HashMap<&'static str, Vec<VerbCue>> = HashMap::default();
    let mut nouns = HashSet::default();
    let mut preps = HashSet::default();
    for line in CUES_DE.lines().chain(CUES_EN.lines()) {
        let mut parts = line.split_whitespace();
        match parts.next() {
            Some("v") => {
                if let Some(form) = parts.next() {
                    let lemma = parts.next().unwrap_or(form);
                    let particle = parts.next();
                    verbs
                        .entry(form)
                        .or_default()
                        .push(VerbCue { lemma, particle });
                }
            }
            Some("n") => {
                if let Some(n) = parts.next() {
                    nouns.insert(n);
                }
            }
            Some("p") => {
                if let Some(p) = parts.next() {
                    preps.insert(p);
                }
            }
            _ => {}
        }
    }
    let konjunktiv = KONJUNKTIV
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let noun_ends = nouns
        .iter()
        .filter(|n| n.chars().count() >= 6)
        .map(|n| n.to_lowercase())
        .collect();
    Lexicon {
        verbs,
        nouns,
        noun_ends,
        preps,
        konjunktiv,
    }
});

/// The speech verb readings of a lower-cased word form.
pub fn verb(lower: &str) -> Option<&'static [VerbCue]> {
    LEX.verbs.get(lower).map(Vec::as_slice)
}

/// Whether a capitalised word is a speech noun (Angaben) or a compound ending in one
/// (Polizeiangaben, Medienberichten); `lower` is the word lower-cased.
pub fn is_speech_noun(word: &str, lower: &str) -> bool {
    if LEX.nouns.contains(word) {
        return true;
    }
    // A proper suffix of at least six chars: only the lengths a compound can end in.
    let total = lower.chars().count();
    lower
        .char_indices()
        .enumerate()
        .skip(1)
        .take_while(|&(n, _)| total - n >= 6)
        .any(|(_, (i, _))| lower.get(i..).is_some_and(|s| LEX.noun_ends.contains(s)))
}

/// Whether a lower-cased word is an attributing preposition (laut, zufolge, gemäß).
pub fn is_prep(lower: &str) -> bool {
    LEX.preps.contains(lower)
}

/// Whether a lower-cased word form is a Konjunktiv form of reported speech (sei, habe, könne).
/// Verbs in -eln keep or drop the e before l (handle, handele): the lexicon lists one form.
pub fn is_konjunktiv(lower: &str) -> bool {
    LEX.konjunktiv.contains(lower)
        || lower
            .strip_suffix("ele")
            .filter(|stem| stem.len() >= 3)
            .is_some_and(|stem| LEX.konjunktiv.contains(format!("{stem}le").as_str()))
}

/// Verbs of speech that take a clause but are weak evidence on their own (glauben, hoffen):
/// they need Konjunktiv or `dass` in the clause.
pub fn is_weak_lemma(lemma: &str) -> bool {
    WEAK.contains(lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_load() {
        assert!(verb("sagte").is_some());
        assert!(verb("said").is_some());
        assert!(verb("teilte")
            .unwrap()
            .iter()
            .any(|v| v.particle == Some("mit")));
        assert!(is_speech_noun("Polizeiangaben", "polizeiangaben"));
        assert!(!is_speech_noun("Haus", "haus"));
        assert!(is_konjunktiv("sei"));
        assert!(is_konjunktiv("habe"));
        assert!(!is_konjunktiv("ist"));
        assert!(!is_konjunktiv("eine"));
        assert!(is_prep("laut"));
    }

    #[test]
    fn verbs_in_eln_in_both_forms() {
        assert!(is_konjunktiv("handle"));
        assert!(is_konjunktiv("handele"));
        assert!(!is_konjunktiv("ele"));
        assert!(verb("mitteilte").is_some());
    }
}
