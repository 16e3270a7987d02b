//! Text dumps: a page saved as plain text enters the pipeline here, its lines and
//! paragraphs becoming blocks for the same classifier the HTML path uses.
//!
//! A dump with blank lines between paragraphs is cut at the blank lines; one without them
//! is cut at every line. Each block's text is kept as written (only line ends are
//! trimmed), so offsets into the article text line up with the input where the dump
//! already separates paragraphs by one blank line.
//!
//! Submodules: `lines` judges single lines (end markers, datelines, script leftovers),
//! `title` finds the headline the title line repeats, `meta` reads date, byline, agency
//! credit and image captions from the lines around the article, `notices` knows consent
//! notices and skip links.

pub mod lines;
pub mod meta;
pub mod model;
pub mod notices;
pub mod title;

use crate::blocks::{Block, BlockKind, Document, Flags};
use crate::classify::Selection;
use crate::dom::{Dom, NodeId};

/// Cuts a text dump into blocks.
pub fn document(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Blank lines at the very start or end (a final line end) separate nothing.
    let has_blank_lines = text.trim().split('\n').any(|line| line.trim().is_empty());
    let mut blocks = Vec::new();
    let mut push = |t: &str| {
        let t = t.trim_matches(|c: char| c == '\n' || c == '\r' || c == ' ' || c == '\t');
        if t.is_empty() {
            return;
        }
        if is_list_of_short_lines(t) || (t.len() > LONG_BLOCK_BYTES && !looks_wrapped(t)) {
            blocks.extend(
                t.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| text_block(l.trim())),
            );
        } else {
            blocks.push(text_block(t));
        }
    };
    if has_blank_lines {
        let mut para = String::new();
        for line in text.split('\n') {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                push(&para);
                para.clear();
            } else {
                if !para.is_empty() {
                    para.push('\n');
                }
                para.push_str(line);
            }
        }
        push(&para);
    } else {
        for line in text.split('\n') {
            push(line);
        }
    }
    Document {
        dom: Dom::new(),
        blocks,
        regions: Vec::new(),
        title: None,
    }
}

/// How far above the article's first kept block its headline stands at most.
const NEAR_HEADLINE: usize = 3;

/// How far before the article's first kept block the headline may stand.
const HEADLINE_WINDOW: usize = 12;

/// The headline of a text dump: a headline-shaped line shortly before the article text,
/// preferably one the dump's first line (where a page's `<title>` lands) repeats; else that
/// first line without its site suffix.
pub fn headline(doc: &Document, selection: &Selection) -> Option<String> {
    let rules = rules_view(selection);
    let selection = &rules;
    let marked = selection
        .reasons
        .iter()
        .position(|r| *r == crate::classify::Reason::Headline);
    let first_line = doc
        .blocks
        .first()
        .map(|b| b.text.as_str())
        .unwrap_or_default();
    let kept = (0..doc.blocks.len()).filter(|&i| selection.keeps(i));
    let first_kept = kept.clone().next();
    let last_kept = kept.clone().next_back();
    let titled = match (first_kept, last_kept) {
        (Some(a), Some(b)) => title::has_title_line(doc, &(a..b + 1)),
        _ => false,
    } || (marked.is_none() && title::opens_title_shaped(doc));
    // A headline found above the article is trusted unless a title line names something
    // else: then the dump has a `<title>` written for search engines, which is read below.
    if let Some(h) = marked.and_then(|h| doc.blocks.get(h)) {
        if !titled || shares_a_word(&h.text, first_line) {
            return Some(h.text.trim().to_string());
        }
    }
    let first_kept = first_kept?;
    let window = first_kept.saturating_sub(HEADLINE_WINDOW)..first_kept;
    let candidates: Vec<&str> = doc.blocks[window]
        .iter()
        .rev()
        .map(|b| b.text.as_str())
        .filter(|t| is_headline_shaped(t))
        .filter(|t| titled || (!lines::is_dateline(t) && !notices::is_skip_link(t)))
        .collect();
    if !titled {
        // A dump saved from the body: its first line is a skip link, a menu item or the
        // site's name, never the headline.
        return candidates
            .first()
            .filter(|c| **c != first_line)
            .map(|c| c.trim().to_string());
    }
    let confirmed = candidates
        .iter()
        .find(|c| c.len() >= 12 && first_line.contains(**c) && **c != first_line);
    if let Some(c) = confirmed {
        return Some(c.to_string());
    }
    // A `<title>` written for search engines differs from the headline; the headline
    // stands right above the article (a byline or dateline may come between).
    let near = doc.blocks[first_kept.saturating_sub(NEAR_HEADLINE)..first_kept]
        .iter()
        .rev()
        .map(|b| b.text.as_str())
        .filter(|t| !lines::is_dateline(t) && !crate::lexicon::starts_like_byline(t))
        .find(|t| {
            is_headline_shaped(t)
                && first_kept > 1
                && *t != first_line
                && shares_a_word(t, first_line)
        });
    if let Some(h) = near {
        return Some(h.trim().to_string());
    }
    if is_headline_shaped(first_line) && first_kept > 0 {
        return Some(crate::metadata::title::strip_unknown_suffix(first_line));
    }
    candidates.first().map(|c| c.to_string())
}

/// The selection as the dump rules made it, before the dump model revised it: what the
/// model took in counts as dropped, what it dropped as kept. The headline and the lines
/// around the article are found from where the rules put the article.
pub fn rules_view(selection: &Selection) -> Selection {
    use crate::classify::Reason;
    Selection {
        reasons: selection
            .reasons
            .iter()
            .map(|r| match r {
                Reason::ModelKept => Reason::OutsideMain,
                Reason::ModelDropped => Reason::Main,
                r => *r,
            })
            .collect(),
        main_region: selection.main_region,
    }
}

/// Whether two lines share a word of four letters or more (case aside): a headline and
/// its page's `<title>` name the same thing.
pub(crate) fn shares_a_word(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let b = words(b);
    words(a).iter().any(|w| b.contains(w))
}

/// A line that could be a headline: a few words, no full stop at the end, no furniture.
pub(crate) fn is_headline_shaped(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (3..=30).contains(&words)
        && !text.contains('\n')
        && !text.trim_end().ends_with(['.', ':', ',', ';'])
        && !crate::lexicon::starts_with_furniture_phrase(text)
        && !crate::lexicon::starts_like_byline(text)
}

/// Lines shorter than this on average are items (a menu, a list of links), not a
/// paragraph wrapped over several lines.
const WRAPPED_LINE_CHARS: usize = 60;

/// Whether a paragraph of several lines is really a list of short items.
fn is_list_of_short_lines(paragraph: &str) -> bool {
    let lines = paragraph.lines().count();
    lines > 1 && paragraph.chars().count() / lines < WRAPPED_LINE_CHARS
}

/// A block of lines longer than this is cut into its lines unless its author wrapped it:
/// a converter that runs a form, a table or a widget together must not make it one
/// paragraph that outweighs the article. (Shorter blocks of lines are kept whole: lines
/// broken at `<br>` inside a paragraph are its text.)
const LONG_BLOCK_BYTES: usize = 2000;

/// Lines of a paragraph wrapped by its author (an e-mail, an old text file) are this long.
const WRAPPED_LINES: std::ops::RangeInclusive<usize> = 40..=110;
/// ... and differ in length by no more than this, the last line excepted.
const WRAPPED_SPREAD: usize = 35;

/// Whether a paragraph of several lines is one paragraph its author wrapped, rather than
/// lines the converter put on lines of their own (list items, a form, a menu).
fn looks_wrapped(paragraph: &str) -> bool {
    let lengths: Vec<usize> = paragraph
        .lines()
        .map(|l| l.trim().chars().count())
        .collect();
    let Some((last, body)) = lengths.split_last() else {
        return true;
    };
    let (Some(min), Some(max)) = (body.iter().min(), body.iter().max()) else {
        return true;
    };
    WRAPPED_LINES.contains(min)
        && WRAPPED_LINES.contains(max)
        && max - min <= WRAPPED_SPREAD
        && *last <= max + 5
}

fn text_block(text: &str) -> Block {
    // Control characters (NUL and the like) are debris of a binary or broken dump, never
    // text; tabs and line breaks stay.
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    Block {
        kind: BlockKind::Paragraph,
        node: NodeId::DOCUMENT,
        chars: text.chars().filter(|c| !c.is_whitespace()).count() as u32,
        text,
        link_chars: 0,
        flags: Flags::empty(),
        links: Vec::new(),
    }
}

/// Whether decoded input looks like HTML rather than a text dump: it opens with a tag,
/// a doctype or a comment, or holds the tags of a page's skeleton early on.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(1024)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with('<')
        || [
            "<html",
            "<body",
            "<head",
            "<!doctype",
            "<div",
            "<p>",
            "<meta",
        ]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let wrapped = "A paragraph that its author wrapped over two lines of text, at about\r\nseventy characters, the way e-mails and old text files are written, stays whole.";
        let d = document(&format!(
            "Title\r\n\r\n{wrapped}\r\n\r\n\r\nHome\nNews\nSport\n"
        ));
        assert_eq!(
            texts(&d),
            ["Title", &wrapped.replace('\r', ""), "Home", "News", "Sport"]
        );
    }

    #[test]
    fn without_blank_lines_every_line_is_a_block() {
        let d = document("Menu\nHeadline\nBody text.");
        assert_eq!(texts(&d), ["Menu", "Headline", "Body text."]);
    }

    #[test]
    fn control_characters_are_dropped() {
        let d = document("Ein\0 Satz\u{7}.\tmit Tab");
        assert_eq!(texts(&d), ["Ein Satz.\tmit Tab"]);
    }

    #[test]
    fn the_headline_is_the_title_line_repeated_before_the_article() {
        let dump = "Winzer beginnen früh mit der Lese - Tagesblatt\n\nHome\nWirtschaft\n\nWinzer beginnen früh mit der Lese\n\n\
            Wenn Markus Thiel morgens in seinen Weinberg steigt, ist die Luft schon lau, und die Trauben reifen schneller als je zuvor.\n\n\
            Seit Tagen klettert das Thermometer an der Mosel über dreißig Grad, und die Winzer holen die ersten Trauben ein.";
        let doc = document(dump);
        let selection = crate::classify::classify(&doc);
        assert_eq!(
            headline(&doc, &selection).as_deref(),
            Some("Winzer beginnen früh mit der Lese")
        );
    }

    #[test]
    fn a_notice_repeated_at_every_embed_is_dropped() {
        let prose = "Die Regierung hat am Montag ein neues Gesetz vorgestellt, das im Herbst in Kraft treten soll, sagte die Sprecherin.";
        let notice = "Dieser Inhalt eines Drittanbieters wird erst nach Ihrer Einwilligung geladen";
        let dump = format!(
            "{prose}\n\n{notice} (Video)\n\n{prose} Zwei.\n\n{notice} (Video)\n\n{prose} Drei."
        );
        let doc = document(&dump);
        let selection = crate::classify::classify(&doc);
        let kept: Vec<&str> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| selection.keeps(*i))
            .map(|(_, b)| b.text.as_str())
            .collect();
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert!(kept.iter().all(|t| t.starts_with("Die Regierung")));
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("\u{feff}<p>x</p>"));
        assert!(!looks_like_html(
            "Berlin (dpa) - Die Regierung hat <b> nicht gesagt"
        ));
        assert!(!looks_like_html(""));
    }
}
