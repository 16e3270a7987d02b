//! Phrase lists and class-name hints, compiled in from `data/` and parsed once.
//!
//! One source of truth for every input path: the HTML classifier and the text-dump reader
//! ask the same lists.

use std::collections::HashSet;
use std::sync::LazyLock;

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
    parts: HashSet<String>,
    substrings: Vec<String>,
}

impl HintWords {
    fn matches(&self, value: &str) -> bool {
        naming_classes(value).any(|class| {
            class
                .split(['-', '_', ':'])
                .any(|part| !part.is_empty() && self.parts.contains(part))
        }) || self.matches_substring(value)
    }

    fn matches_substring(&self, value: &str) -> bool {
        naming_classes(value)
            .any(|class| self.substrings.iter().any(|s| class.contains(s.as_str())))
    }
}

/// The class names of a value that name what the element is: not those that state what
/// the layout has (`has-sidebar`, `no-comments`, `with-banner`), which themes put on the
/// wrappers of whole pages, articles included.
fn naming_classes(value: &str) -> impl Iterator<Item = &str> {
    value
        .split_whitespace()
        .filter(|class| !states_layout(class))
}

/// Whether a class name is a layout state: a state word (`data/class-hints.txt`,
/// `[state]`), a `-` or `_`, and more.
fn states_layout(class: &str) -> bool {
    class
        .split_once(['-', '_'])
        .is_some_and(|(head, rest)| !rest.is_empty() && CLASS_HINTS.state.contains(head))
}

struct ClassHints {
    furniture: HintWords,
    weak_furniture: HintWords,
    discussion: HintWords,
    content: HintWords,
    caption: HintWords,
    /// Words that open a class naming a layout state rather than the element.
    state: HashSet<String>,
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
    State,
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
        state: HashSet::new(),
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
            "[state]" => section = Some(Section::State),
            _ if matches!(section, Some(Section::State)) => {
                hints
                    .state
                    .extend(line.split_whitespace().map(str::to_lowercase));
            }
            _ => {
                let words = match section {
                    Some(Section::Furniture) => &mut hints.furniture,
                    Some(Section::WeakFurniture) => &mut hints.weak_furniture,
                    Some(Section::Discussion) => &mut hints.discussion,
                    Some(Section::Content) => &mut hints.content,
                    Some(Section::Caption) => &mut hints.caption,
                    Some(Section::State) | None => continue,
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

/// Whether a text holds a call-to-action word anywhere, at word bounds.
pub fn contains_call_to_action(text: &str) -> bool {
    let lower = text.to_lowercase();
    CALL_TO_ACTION.iter().any(|w| {
        lower.match_indices(w.as_str()).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + w.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
    })
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
    fn furniture_phrases_match_at_word_ends() {
        assert!(starts_with_furniture_phrase("Mehr zum Thema: Wahlen"));
        assert!(starts_with_furniture_phrase("  Read more"));
        assert!(!starts_with_furniture_phrase("Teilnehmer berichteten"));
        assert!(!starts_with_furniture_phrase("The minister said"));
    }
}
