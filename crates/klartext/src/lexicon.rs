//! Phrase lists and class-name hints, compiled in from `data/` and parsed once.
//!
//! One source of truth for every input path: the HTML classifier and the text-dump reader
//! ask the same lists.

use std::sync::LazyLock;

use ahash::{AHashMap, AHashSet};
use aho_corasick::AhoCorasick;

/// What a class, id or role says about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassHint {
    Furniture,
    /// Furniture by a weak word only (`print`, `tools`, `ads`), which sites also give to
    /// the boxes their article is set in.
    WeakFurniture,
    /// A comment section or a post of a thread (`comments`, `reply`): furniture beside an
    /// article, the content of a forum page.
    Discussion,
    Content,
}

/// What a lower-cased class or id value hints at, and whether it names an image caption or
/// credit, from one look at the value. Where both kinds of word occur, furniture wins
/// (`main-nav`, `article-comments`) unless the value names the article body outright
/// (`article-body`, `entry-content`).
pub fn class_hint_and_caption(lowercase_value: &str) -> (Option<ClassHint>, bool) {
    let hits = CLASS_HINTS.hits(lowercase_value);
    (hint_of(hits), hits.any() & CAPTION != 0)
}

/// One bit per section of `class-hints.txt`.
const FURNITURE: u8 = 1;
const WEAK_FURNITURE: u8 = 2;
const DISCUSSION: u8 = 4;
const CONTENT: u8 = 8;
const CAPTION: u8 = 16;
/// Not a hint: the words of layout-state classes (see [`ClassHints::states_layout`]).
const STATE: u8 = 32;

/// The words and substrings of every section in one index, each with the sections that
/// list it: a value is split once and scanned once, whatever the number of sections.
#[derive(Debug, Default)]
struct ClassHints {
    /// Whole parts of a value (`nav` in `main-nav`).
    parts: AHashMap<String, u8>,
    /// Substrings (`cookie` in `js-cookiebanner`), each once.
    substrings: Vec<(String, u8)>,
    /// All `substrings` in one automaton (pattern `i` is `substrings[i]`), built by
    /// [`ClassHints::finish`].
    finder: Option<AhoCorasick>,
    /// Words that open a class naming a layout state rather than the element (`[state]`).
    state: AHashSet<String>,
}

/// The sections a value hits, by a whole part and by a substring.
#[derive(Debug, Clone, Copy)]
struct Hits {
    parts: u8,
    substrings: u8,
}

impl Hits {
    fn any(self) -> u8 {
        self.parts | self.substrings
    }
}

impl ClassHints {
    /// The sections whose words are parts of `value` (split at whitespace, `-`, `_`, `:`)
    /// or whose substrings occur in it.
    /// Classes that state what the layout has (see [`ClassHints::states_layout`]) are not
    /// read.
    fn hits(&self, value: &str) -> Hits {
        let mut hits = Hits {
            parts: 0,
            substrings: 0,
        };
        for class in value.split_whitespace() {
            if self.states_layout(class) {
                continue;
            }
            for part in class.split(['-', '_', ':']) {
                if let Some(&sections) = self.parts.get(part) {
                    hits.parts |= sections;
                }
            }
            if let Some(finder) = &self.finder {
                for m in finder.find_overlapping_iter(class) {
                    hits.substrings |= self.substrings[m.pattern().as_usize()].1;
                }
            }
        }
        hits
    }

    /// Whether a class states what the layout has (`has-sidebar`, `no-comments`,
    /// `with_banner`): a state word, `-` or `_`, and more. Themes put such classes on the
    /// wrappers of whole pages, articles included, so they name nothing.
    fn states_layout(&self, class: &str) -> bool {
        class
            .split_once(['-', '_'])
            .is_some_and(|(head, rest)| !rest.is_empty() && self.state.contains(head))
    }

    fn add_part(&mut self, word: String, section: u8) {
        *self.parts.entry(word).or_insert(0) |= section;
    }

    fn add_substring(&mut self, sub: String, section: u8) {
        match self.substrings.iter_mut().find(|(s, _)| *s == sub) {
            Some((_, sections)) => *sections |= section,
            None => self.substrings.push((sub, section)),
        }
    }

    /// Builds the substring automaton once the lists are complete.
    fn finish(&mut self) {
        let subs = self.substrings.iter().map(|(s, _)| s.as_str());
        self.finder = Some(AhoCorasick::new(subs).expect("static hint list"));
    }
}

static CLASS_HINTS: LazyLock<ClassHints> =
    LazyLock::new(|| parse_class_hints(include_str!("../data/class-hints.txt")));

static FURNITURE_PHRASES: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../data/furniture-phrases.txt")));

/// The phrases of a list file, lower-cased: one a line, `#` starts a comment line.
pub(crate) fn phrase_list(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
}

fn parse_class_hints(source: &str) -> ClassHints {
    let mut hints = ClassHints::default();
    let mut section = None;
    for line in source.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[furniture]" => section = Some(FURNITURE),
            "[weak-furniture]" => section = Some(WEAK_FURNITURE),
            "[discussion]" => section = Some(DISCUSSION),
            "[content]" => section = Some(CONTENT),
            "[caption]" => section = Some(CAPTION),
            "[state]" => section = Some(STATE),
            _ if section == Some(STATE) => {
                hints
                    .state
                    .extend(line.split_whitespace().map(str::to_lowercase));
            }
            _ => {
                let Some(section) = section else { continue };
                if let Some(sub) = line.strip_prefix("substr:") {
                    hints.add_substring(sub.trim().to_lowercase(), section);
                } else {
                    for word in line.split_whitespace() {
                        hints.add_part(word.to_lowercase(), section);
                    }
                }
            }
        }
    }
    hints.finish();
    hints
}

/// The hint alone (for the tests).
#[cfg(test)]
fn class_hint(lowercase_value: &str) -> Option<ClassHint> {
    hint_of(CLASS_HINTS.hits(lowercase_value))
}

fn hint_of(hits: Hits) -> Option<ClassHint> {
    let any = hits.any();
    let content = any & CONTENT != 0;
    let furniture = if any & FURNITURE != 0 {
        Some(ClassHint::Furniture)
    } else if any & DISCUSSION != 0 {
        Some(ClassHint::Discussion)
    } else if any & WEAK_FURNITURE != 0 {
        Some(ClassHint::WeakFurniture)
    } else {
        None
    };
    match (content, furniture) {
        (true, Some(_)) if hits.substrings & CONTENT != 0 => Some(ClassHint::Content),
        (_, Some(furniture)) => Some(furniture),
        (true, None) => Some(ClassHint::Content),
        (false, None) => None,
    }
}

static BYLINE_STARTS: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../data/byline-starts.txt")));

static CALL_TO_ACTION: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../data/call-to-action.txt")));

/// All call-to-action phrases in one automaton: one scan of a text finds every
/// occurrence of every phrase.
static CALL_TO_ACTION_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(CALL_TO_ACTION.iter()).expect("static phrase list"));

/// Whether a text holds a call-to-action word anywhere, at word bounds.
pub fn contains_call_to_action(text: &str) -> bool {
    let lower = text.to_lowercase();
    let finder = &*CALL_TO_ACTION_FINDER;
    // Each phrase's occurrences as `str::match_indices` yields them: left to right, an
    // occurrence overlapping the phrase's previous one is skipped.
    let mut next_start = vec![0usize; finder.patterns_len()];
    finder.find_overlapping_iter(&lower).any(|m| {
        let slot = &mut next_start[m.pattern().as_usize()];
        if m.start() < *slot {
            return false;
        }
        *slot = m.end();
        at_word_bounds(&lower, m.start(), m.end())
    })
}

/// Whether `text[start..end]` has no letter or digit right before or after it.
fn at_word_bounds(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

/// Whether a text opens like a byline or dateline ("Von …", "By …", "Posted: …").
pub fn starts_like_byline(text: &str) -> bool {
    starts_with_any(text, &BYLINE_STARTS)
}

/// Whether a short block's text starts with a furniture phrase ("Mehr zum Thema", "Share").
pub fn starts_with_furniture_phrase(text: &str) -> bool {
    starts_with_any(text, &FURNITURE_PHRASES)
}

/// Whether `text`, lower-cased, starts with one of `phrases` followed by a non-letter.
pub(crate) fn starts_with_any(text: &str, phrases: &[String]) -> bool {
    let mut head = String::with_capacity(64);
    for c in text.chars().take(60) {
        if c.is_ascii() {
            head.push(c.to_ascii_lowercase());
        } else {
            head.extend(c.to_lowercase());
        }
    }
    let head = head.trim_start();
    let Some(&first) = head.as_bytes().first() else {
        return phrases.iter().any(String::is_empty);
    };
    phrases.iter().any(|p| {
        // The first byte rules out nearly every phrase before a comparison is called.
        p.as_bytes().first().is_none_or(|&b| b == first)
            && head.starts_with(p.as_str())
            && head[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_parts_match_whole_words_only() {
        assert_eq!(class_hint("main-nav"), Some(ClassHint::Furniture));
        assert_eq!(class_hint("shadow header"), None);
        assert_eq!(class_hint("article-body"), Some(ClassHint::Content));
        assert_eq!(class_hint("article-comments"), Some(ClassHint::Discussion));
        assert_eq!(class_hint("comments sidebar"), Some(ClassHint::Furniture));
        assert_eq!(class_hint("js-cookiebanner"), Some(ClassHint::Furniture));
        assert_eq!(class_hint("article-tools"), Some(ClassHint::WeakFurniture));
        assert_eq!(class_hint("print-share"), Some(ClassHint::Furniture));
    }

    #[test]
    fn layout_states_name_nothing() {
        assert_eq!(class_hint("site has-sidebar"), None);
        assert_eq!(class_hint("page no-comments with_banner"), None);
        assert_eq!(
            class_hint("has-sidebar entry-content"),
            Some(ClassHint::Content)
        );
        assert_eq!(
            class_hint("has-sidebar widget-sidebar"),
            Some(ClassHint::Furniture)
        );
        assert_eq!(class_hint("no"), None);
        assert_eq!(class_hint("nav-no"), Some(ClassHint::Furniture));
    }

    #[test]
    fn call_to_action_words_count_at_word_bounds_only() {
        assert!(contains_call_to_action("Jetzt den Newsletter abonnieren!"));
        assert!(contains_call_to_action("SIGN UP today"));
        assert!(!contains_call_to_action("Die Spendenaktion lief gut."));
        assert!(!contains_call_to_action("Ein Satz ohne Aufruf."));
        assert!(!contains_call_to_action(""));
    }

    #[test]
    fn hint_sections_add_up_per_value() {
        let hints = parse_class_hints(
            "[furniture]\nnav\nsubstr:cookie\n[content]\nsubstr:cookie\nbody\n[caption]\nnav\n",
        );
        let hits = hints.hits("js-cookiebar main-nav");
        assert_eq!(hits.parts, FURNITURE | CAPTION);
        assert_eq!(hits.substrings, FURNITURE | CONTENT);
        assert_eq!(hints.hits("article").any(), 0);
        assert_eq!(hints.hits("").any(), 0);
    }

    #[test]
    fn furniture_phrases_match_at_word_ends() {
        assert!(starts_with_furniture_phrase("Mehr zum Thema: Wahlen"));
        assert!(starts_with_furniture_phrase("  Read more"));
        assert!(!starts_with_furniture_phrase("Teilnehmer berichteten"));
        assert!(!starts_with_furniture_phrase("The minister said"));
    }
}
