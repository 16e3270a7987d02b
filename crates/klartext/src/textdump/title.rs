//! The headline of a text dump. A converter writes the page's `<title>` first and the
//! headline again where the article starts; the title usually carries the site's name
//! ("Headline – Site", "SITE: Headline"), the headline does not. So the headline is the
//! line further down that the first line repeats, and where it stands the article begins.
//!
//! A dump saved from the page's body (a browser's "save as text", `innerText`, a copy) has
//! no title line: there the headline is the short, title-shaped line right above the
//! article's opening paragraph, with at most a teaser, a dateline, a byline and captions
//! between them ([`body_headline`]).

use crate::blocks::Document;

/// A first line of one word this short is a menu item or label more often than a title.
const MAX_LABEL_TITLE_CHARS: usize = 12;

/// Headlines longer than this are paragraphs.
const MAX_HEADLINE_CHARS: usize = 300;

/// Characters that separate a headline from the site name in a `<title>`.
const SEPARATORS: [char; 10] = ['-', '|', ':', '·', '›', '»', '/', '(', ',', '~'];

/// The index of the block that repeats the dump's first line as the headline: among the
/// lines after the first that the first line holds as a whole, the last one before the
/// first paragraph of `span` (the best run of prose), else the first inside it.
pub fn repeated_title(
    doc: &Document,
    span: &std::ops::Range<usize>,
    values: &[f32],
) -> Option<usize> {
    let first = doc.blocks.first()?;
    let title_line = first.text.lines().next().unwrap_or_default();
    let title = norm(title_line);
    if title.is_empty() || title_line.chars().count() > MAX_HEADLINE_CHARS {
        return None;
    }
    // A dump that starts at the body starts with a menu item or a label, which recurs
    // in the menu further down: that is no title line.
    if !title.contains(' ') && title.chars().count() <= MAX_LABEL_TITLE_CHARS {
        return None;
    }
    let skip = usize::from(!first.text.contains('\n'));
    let first_prose = span
        .clone()
        .find(|&i| values.get(i).is_some_and(|v| *v > 0.0))
        .unwrap_or(span.start);
    let matches = |i: &usize| {
        doc.blocks
            .get(*i)
            .is_some_and(|b| repeats_title(&title, &b.text))
    };
    (skip..first_prose)
        .rev()
        .find(matches)
        .or_else(|| (first_prose.max(skip)..span.end).find(matches))
}

/// How many blocks above the article's opening paragraph its headline may stand (teaser,
/// dateline, byline, a caption with its credit between them).
const BODY_HEADLINE_REACH: usize = 6;

/// A paragraph that opens an article is this long at least, and ends like a sentence.
const OPENING_CHARS: u32 = 80;

/// The index of the headline of a dump without a title line: the title-shaped line just
/// above the first opening paragraph of `span` (not a caption), passing over one teaser
/// paragraph and the datelines, bylines, empty labels ("Stand:") and captions that stand
/// between a headline and its article. `None` when something else (a menu, more prose)
/// stands there.
pub fn body_headline(
    doc: &Document,
    span: &std::ops::Range<usize>,
    values: &[f32],
) -> Option<usize> {
    let opening = span.clone().find(|&i| {
        let b = &doc.blocks[i];
        values.get(i).is_some_and(|v| *v > 0.0)
            && b.chars >= OPENING_CHARS
            && crate::classify::ends_like_sentence(&b.text)
            && !is_caption_or_credit(doc, i)
    })?;
    let mut teaser_seen = false;
    for i in (opening.saturating_sub(BODY_HEADLINE_REACH)..opening).rev() {
        let text = doc.blocks[i].text.trim();
        if stands_between(doc, i) {
            continue;
        }
        if !teaser_seen && !text.contains('\n') && crate::classify::ends_like_sentence(text) {
            teaser_seen = true;
            continue;
        }
        return super::is_headline_shaped(text).then_some(i);
    }
    None
}

/// A line that may stand between a headline and its article: a dateline, a byline, a
/// label with nothing after its colon ("Stand:"), an image caption or its credit.
fn stands_between(doc: &Document, i: usize) -> bool {
    let text = doc.blocks[i].text.trim();
    let words = text.split_whitespace().count();
    super::lines::is_dateline(text)
        || crate::lexicon::starts_like_byline(text)
        || (text.ends_with(':') && words <= 2)
        // A byline or dateline with more around the date ("July 24, 2019 by Name").
        || (text.chars().count() <= MAX_META_LINE_CHARS
            && !crate::metadata::dates::find_all(text).is_empty())
        // A reading time or count ("4 Min Read", "Lesezeit: 3 Minuten").
        || (words <= 5 && text.contains(|c: char| c.is_ascii_digit()))
        || is_caption_or_credit(doc, i)
}

/// Bylines and datelines are short.
const MAX_META_LINE_CHARS: usize = 160;

/// An image credit line, or a caption: a line carrying a credit, or one right above a
/// credit line.
fn is_caption_or_credit(doc: &Document, i: usize) -> bool {
    let credited = |j: usize| {
        doc.blocks.get(j).is_some_and(|b| {
            b.text.chars().count() <= MAX_CAPTION_CHARS
                && (crate::metadata::images::split_caption(&b.text).1.is_some()
                    || super::lines::ends_with_photo_credit(&b.text))
        })
    };
    credited(i) || is_credit_only(doc, i + 1)
}

/// Captions are a sentence or two.
pub const MAX_CAPTION_CHARS: usize = 400;

/// A credit line with no caption of its own ("© dpa/Name", "Foto: Name"), which names the
/// image whose caption stands above it.
pub fn is_credit_only(doc: &Document, i: usize) -> bool {
    doc.blocks.get(i).is_some_and(|b| {
        b.text.chars().count() <= MAX_CAPTION_CHARS
            && !is_copyright_footer(&b.text)
            && matches!(
                crate::metadata::images::split_caption(&b.text),
                (None, Some(_))
            )
    })
}

/// A site's copyright line ("© 2025 Name. All rights reserved."): a year or the reserved
/// rights, where an image credit names a photographer or agency.
fn is_copyright_footer(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("rights reserved")
        || lower.contains("alle rechte")
        || lower
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && ("1990".."2040").contains(&n))
}

/// Whether `line` is the headline that the normalised `<title>` text holds: all of it, or
/// its start or end next to a separator (the site name on the other side).
fn repeats_title(title: &str, line: &str) -> bool {
    if line.contains('\n') || line.chars().count() > MAX_HEADLINE_CHARS {
        return false;
    }
    let line = norm(line);
    if line.chars().count() < 4 {
        return false;
    }
    if title == line {
        return true;
    }
    let separated =
        |rest: &str| rest.trim().starts_with(SEPARATORS) || rest.trim().ends_with(SEPARATORS);
    if let Some(rest) = title.strip_prefix(line.as_str()) {
        return separated(rest);
    }
    // A site name stands before the headline only when it is the shorter part; else
    // the line is the site name and the headline comes first.
    if let Some(rest) = title.strip_suffix(line.as_str()) {
        return separated(rest) && line.len() >= rest.trim().len();
    }
    line.split_whitespace().count() >= 4 && title.contains(line.as_str())
}

/// Quotation marks, straight and typographic, which a `<title>` often writes otherwise.
const QUOTES: &str = "\"'„“”«»‚‘’‹`´";

/// Lower case, quotation marks dropped, dashes as `-`, single spaces: the `<title>` and
/// the headline often differ in typography only.
fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| !QUOTES.contains(*c))
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' | '−' => '-',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Der erste Absatz des Artikels erzählt, was geschehen ist, und er ist lang genug, um als Text zu gelten.";

    /// The headline `body_headline` finds in a dump, with every block counted as prose.
    fn body_headline_of(dump: &str) -> Option<String> {
        let doc = crate::textdump::document(dump);
        let values: Vec<f32> = doc.blocks.iter().map(|b| b.chars as f32).collect();
        body_headline(&doc, &(0..doc.blocks.len()), &values).map(|h| doc.blocks[h].text.clone())
    }

    #[test]
    fn a_body_only_dump_has_its_headline_above_teaser_and_dateline() {
        let dump = format!(
            "Skip to content\n\nA reader looks at the sea.\n\n© Jane Roe\n\nLive\n\n\
             Storm batters the coast overnight\n\nThousands are without power.\n\n\
             Published 10 March 2024\n\n{BODY}"
        );
        assert_eq!(
            body_headline_of(&dump).as_deref(),
            Some("Storm batters the coast overnight")
        );
        // A caption long enough to open an article is passed over with its credit line.
        let caption = "Ein Landwirt fährt mit seinem Traktor am Dienstag über die Felder am Rand der Stadt, um zu protestieren.";
        let dump = format!(
            "Update\n\nBauern setzen ihren Protest fort\n\n{caption}\n\nFoto: Max Muster\n\n{BODY}"
        );
        assert_eq!(
            body_headline_of(&dump).as_deref(),
            Some("Bauern setzen ihren Protest fort")
        );
    }

    #[test]
    fn a_menu_above_the_article_is_no_headline() {
        let dump = format!("Politik\nWirtschaft\nSport\n\n{BODY}");
        assert_eq!(body_headline_of(&dump), None);
        let dump = format!("Noch ein langer Absatz, der vor dem Artikel steht, und mit einem Punkt endet.\n\nEin zweiter Satz.\n\n{BODY}");
        assert_eq!(body_headline_of(&dump), None);
    }

    #[test]
    fn the_title_line_holds_the_headline_beside_the_site_name() {
        let t = norm("Lena Voss: \"The Night Garden\" – STADTBLATT");
        assert!(repeats_title(&t, "Lena Voss: „The Night Garden“"));
        let t = norm("SONNENENERGIE: Der WindRebell");
        assert!(repeats_title(&t, "Der WindRebell"));
        let t = norm("Ischgl");
        assert!(repeats_title(&t, "Ischgl"));
        let t = norm("Winzer lesen früh – Tagesblatt");
        assert!(!repeats_title(&t, "Winzer"));
        assert!(
            !repeats_title(&t, "Tagesblatt"),
            "the site name alone is no headline"
        );
    }
}
