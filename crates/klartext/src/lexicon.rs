//! Phrase lists and class-name hints, compiled in from `data/` and parsed once.
//!
//! One source of truth for every input path: the HTML classifier and the text-dump reader
//! ask the same lists.

use std::sync::LazyLock;

use ahash::AHashSet;
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

/// Whether a lower-cased class value names an image caption or credit.
pub fn is_caption_class(lowercase_value: &str) -> bool {
    CLASS_HINTS.caption.matches(lowercase_value)
}

/// Words and substrings for one kind of hint.
#[derive(Debug, Default)]
struct HintWords {
    parts: AHashSet<String>,
    substrings: Vec<String>,
    /// All `substrings` in one automaton, built by [`HintWords::finish`]: one scan of the
    /// value instead of one per substring.
    substring_finder: Option<AhoCorasick>,
}

impl HintWords {
    fn matches(&self, value: &str) -> bool {
        value
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
            .any(|part| !part.is_empty() && self.parts.contains(part))
            || self.matches_substring(value)
    }

    /// Whether any substring occurs in `value` (exactly as `str::contains` would say).
    fn matches_substring(&self, value: &str) -> bool {
        match &self.substring_finder {
            Some(finder) => finder.is_match(value),
            None => self.substrings.iter().any(|s| value.contains(s.as_str())),
        }
    }

    /// Builds the substring automaton once the list is complete.
    fn finish(&mut self) {
        self.substring_finder = Some(AhoCorasick::new(&self.substrings).expect("static hint list"));
    }
}

struct ClassHints {
    furniture: HintWords,
    weak_furniture: HintWords,
    discussion: HintWords,
    content: HintWords,
    caption: HintWords,
}

static CLASS_HINTS: LazyLock<ClassHints> =
    LazyLock::new(|| parse_class_hints(include_str!("../data/class-hints.txt")));

static FURNITURE_PHRASES: LazyLock<Vec<String>> =
    LazyLock::new(|| phrase_list(include_str!("../data/furniture-phrases.txt")));

/// The sections of `class-hints.txt`.
enum Section {
    Furniture,
    WeakFurniture,
    Discussion,
    Content,
    Caption,
}

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
    let mut hints = ClassHints {
        furniture: HintWords::default(),
        weak_furniture: HintWords::default(),
        discussion: HintWords::default(),
        content: HintWords::default(),
        caption: HintWords::default(),
    };
    let mut section = None;
    for line in source.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "[furniture]" => section = Some(Section::Furniture),
            "[weak-furniture]" => section = Some(Section::WeakFurniture),
            "[discussion]" => section = Some(Section::Discussion),
            "[content]" => section = Some(Section::Content),
            "[caption]" => section = Some(Section::Caption),
            _ => {
                let words = match section {
                    Some(Section::Furniture) => &mut hints.furniture,
                    Some(Section::WeakFurniture) => &mut hints.weak_furniture,
                    Some(Section::Discussion) => &mut hints.discussion,
                    Some(Section::Content) => &mut hints.content,
                    Some(Section::Caption) => &mut hints.caption,
                    None => continue,
                };
                if let Some(sub) = line.strip_prefix("substr:") {
                    words.substrings.push(sub.trim().to_lowercase());
                } else {
                    words
                        .parts
                        .extend(line.split_whitespace().map(str::to_lowercase));
                }
            }
        }
    }
    for words in [
        &mut hints.furniture,
        &mut hints.weak_furniture,
        &mut hints.discussion,
        &mut hints.content,
        &mut hints.caption,
    ] {
        words.finish();
    }
    hints
}

/// What a lower-cased class or id value hints at. Where both kinds of word occur,
/// furniture wins (`main-nav`, `article-comments`) unless the value names the article
/// body outright (`article-body`, `entry-content`).
pub fn class_hint(lowercase_value: &str) -> Option<ClassHint> {
    let hints = &*CLASS_HINTS;
    let content = hints.content.matches(lowercase_value);
    let furniture = if hints.furniture.matches(lowercase_value) {
        Some(ClassHint::Furniture)
    } else if hints.discussion.matches(lowercase_value) {
        Some(ClassHint::Discussion)
    } else if hints.weak_furniture.matches(lowercase_value) {
        Some(ClassHint::WeakFurniture)
    } else {
        None
    };
    match (content, furniture) {
        (true, Some(_)) if hints.content.matches_substring(lowercase_value) => {
            Some(ClassHint::Content)
        }
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
    let head: String = text.chars().take(60).flat_map(char::to_lowercase).collect();
    let head = head.trim_start();
    phrases.iter().any(|p| {
        head.starts_with(p.as_str())
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
    fn call_to_action_words_count_at_word_bounds_only() {
        assert!(contains_call_to_action("Jetzt den Newsletter abonnieren!"));
        assert!(contains_call_to_action("SIGN UP today"));
        assert!(!contains_call_to_action("Die Spendenaktion lief gut."));
        assert!(!contains_call_to_action("Ein Satz ohne Aufruf."));
        assert!(!contains_call_to_action(""));
    }

    #[test]
    fn hint_substrings_match_inside_words() {
        let mut words = HintWords {
            substrings: vec!["cookie".into(), "banner".into()],
            ..HintWords::default()
        };
        words.finish();
        assert!(words.matches_substring("js-cookiebar"));
        assert!(words.matches_substring("topbanner"));
        assert!(!words.matches_substring("article"));
    }

    #[test]
    fn furniture_phrases_match_at_word_ends() {
        assert!(starts_with_furniture_phrase("Mehr zum Thema: Wahlen"));
        assert!(starts_with_furniture_phrase("  Read more"));
        assert!(!starts_with_furniture_phrase("Teilnehmer berichteten"));
        assert!(!starts_with_furniture_phrase("The minister said"));
    }
}
