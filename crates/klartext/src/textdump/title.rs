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

/// The index of the dump's headline: the line the title line repeats, else the title-shaped
/// line above the article's opening paragraph with the most signs of a headline
/// ([`body_headline`]). Under a title-shaped first line (a `<title>`, or a site name or menu
/// item in a dump saved from the body) only a line with strong signs counts.
pub fn find(doc: &Document, span: &std::ops::Range<usize>, values: &[f32]) -> Option<usize> {
    if let Some(h) = repeated_title(doc, span, values) {
        return Some(h);
    }
    // Under a title line the headline may differ from it (a title written for search
    // engines), and a short title-shaped first line unrelated to the article may still be
    // a `<title>`: then only a line with strong signs is taken for the headline.
    let min_signs = if opens_title_shaped(doc) {
        STRONG_SIGNS
    } else {
        i32::MIN
    };
    scored_body_headline(doc, span, values)
        .filter(|&(signs, _)| signs >= min_signs)
        .map(|(_, i)| i)
}

/// Signs ([`headline_signs`]) that outweigh a title-shaped first line: a byline or
/// dateline under the line, or the line repeated in a breadcrumb.
const STRONG_SIGNS: i32 = 3;

/// Whether the dump's first line is title-shaped and no skip link.
pub fn opens_title_shaped(doc: &Document) -> bool {
    doc.blocks
        .first()
        .and_then(|b| b.text.lines().next())
        .is_some_and(|first| {
            super::is_headline_shaped(first) && !super::notices::is_skip_link(first)
        })
}

/// A first line of this many words is a `<title>` even when it names nothing the article
/// names (a title written for search engines): menu items, skip links and site names,
/// which open a dump saved from the body, are shorter.
const UNRELATED_TITLE_WORDS: usize = 5;

/// Whether the dump opens with the page's `<title>`: a title-shaped first line, not a skip
/// link, that names something the article names too or is longer than a menu item or a
/// site name (which open a dump saved from the body and share no word with the article).
pub fn has_title_line(doc: &Document, article: &std::ops::Range<usize>) -> bool {
    let Some(first) = doc.blocks.first().and_then(|b| b.text.lines().next()) else {
        return false;
    };
    super::is_headline_shaped(first)
        && !super::notices::is_skip_link(first)
        && (first.split_whitespace().count() >= UNRELATED_TITLE_WORDS
            || article
                .clone()
                .filter(|&i| i > 0)
                .any(|i| super::shares_a_word(first, &doc.blocks[i].text)))
}

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
/// dateline, byline, a caption with its credit, a kicker between them).
const BODY_HEADLINE_REACH: usize = 8;

/// A paragraph that opens an article is this long at least, and ends like a sentence.
const OPENING_CHARS: u32 = 80;

/// The index of the headline of a dump without a title line, among the lines above the
/// article's first opening paragraph in `span` (not a caption): the title-shaped line with
/// the most signs of a headline ([`headline_signs`]), the nearest one on a tie. `None`
/// when no line there is title-shaped.
pub fn body_headline(
    doc: &Document,
    span: &std::ops::Range<usize>,
    values: &[f32],
) -> Option<usize> {
    scored_body_headline(doc, span, values).map(|(_, i)| i)
}

/// [`body_headline`] with its signs.
fn scored_body_headline(
    doc: &Document,
    span: &std::ops::Range<usize>,
    values: &[f32],
) -> Option<(i32, usize)> {
    let opening = span.clone().find(|&i| {
        let b = &doc.blocks[i];
        values.get(i).is_some_and(|v| *v > 0.0)
            && b.chars >= OPENING_CHARS
            && crate::classify::ends_like_sentence(&b.text)
            && !is_caption_or_credit(doc, i)
    })?;
    let from = opening.saturating_sub(BODY_HEADLINE_REACH);
    let mut best: Option<(i32, usize)> = None;
    for i in (from..opening).rev() {
        let Some(signs) = headline_signs(doc, i, opening) else {
            continue;
        };
        if best.is_none_or(|(b, _)| signs > b) {
            best = Some((signs, i));
        }
    }
    best
}

/// Words a headline has at most; one of fewer than three words must be repeated in the
/// dump (a breadcrumb's last item) to count.
const MAX_HEADLINE_WORDS: usize = 30;

/// How much a title-shaped line at block `i` looks like the headline of the article that
/// opens at block `opening`, or `None` when it is no candidate (several lines, a sentence,
/// a dateline, byline, caption, skip link or furniture). Signs: a byline or dateline right
/// under it, the line repeated inside another line of the dump (a breadcrumb's end, "1
/// comment on …"), a dateline or label right above it, three words or more; each line
/// between it and the opening paragraph that is not a byline, dateline or caption costs.
fn headline_signs(doc: &Document, i: usize, opening: usize) -> Option<i32> {
    let text = doc.blocks[i].text.trim();
    let words = text.split_whitespace().count();
    let shaped = !text.contains('\n')
        && (1..=MAX_HEADLINE_WORDS).contains(&words)
        && !text.ends_with(['.', ':', ',', ';'])
        && !is_meta_or_caption(doc, i, words)
        && !super::notices::is_skip_link(text)
        && !crate::lexicon::starts_with_furniture_phrase(text)
        && !crate::lexicon::starts_like_byline(text);
    if !shaped {
        return None;
    }
    let repeated = is_repeated_inside(doc, i);
    if words < 3 && !repeated {
        return None;
    }
    let meta_below = (i + 1 < opening) && is_meta_line(doc, i + 1);
    let meta_above = i > 0 && is_meta_line(doc, i - 1);
    let others_between = (i + 1..opening)
        .filter(|&j| !stands_between(doc, j))
        .count();
    // A single word repeated is a menu item as often as a headline in a breadcrumb.
    let repeated_weight = if words >= 2 { 3 } else { 1 };
    let signs = 3 * i32::from(meta_below)
        + repeated_weight * i32::from(repeated)
        + i32::from(meta_above)
        + i32::from(words >= 3)
        - others_between as i32;
    Some(signs)
}

/// Words a line holding a date has at most to be a byline or dateline rather than a
/// headline that names a day ("Conference on …, 26 and 27 May 2015").
const MAX_DATED_META_WORDS: usize = 8;

/// Whether the line at block `i` (of `words` words) is a dateline, byline, label, reading
/// time or caption rather than a headline: [`stands_between`], but a long line holding a
/// date only when the date opens it.
fn is_meta_or_caption(doc: &Document, i: usize, words: usize) -> bool {
    let text = doc.blocks[i].text.trim();
    if words <= MAX_DATED_META_WORDS {
        return stands_between(doc, i);
    }
    let opens_with_date = crate::metadata::dates::find_all(text)
        .iter()
        .any(|f| f.start == 0);
    super::lines::is_dateline(text)
        || crate::lexicon::starts_like_byline(text)
        || is_caption_or_credit(doc, i)
        || opens_with_date
}

/// A byline, a dateline or a short label line ("Update", a kicker with a date).
fn is_meta_line(doc: &Document, i: usize) -> bool {
    let text = doc.blocks[i].text.trim();
    !is_caption_or_credit(doc, i) && (stands_between(doc, i) || meta_mentions_author(text))
}

/// Words that mark a line of post metadata ("Post author", "Posted by", "Veröffentlicht am").
fn meta_mentions_author(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.chars().count() <= MAX_META_LINE_CHARS
        && [
            " by ",
            " von ",
            "author",
            "autor",
            "posted",
            "veröffentlicht",
        ]
        .iter()
        .any(|w| lower.starts_with(w.trim_start()) || lower.contains(w))
}

/// Whether the line at block `i` (four characters or more) stands again at the end of
/// another line of the dump or as a whole part of it: a breadcrumb ending in the headline,
/// "1 comment on" the headline, a link to the post under its name.
fn is_repeated_inside(doc: &Document, i: usize) -> bool {
    let line = norm(&doc.blocks[i].text);
    if line.chars().count() < 4 {
        return false;
    }
    doc.blocks.iter().enumerate().any(|(j, b)| {
        j != i
            && b.text.chars().count() <= MAX_HEADLINE_CHARS * 2
            && b.text.lines().any(|l| {
                let l = norm(l);
                l.len() > line.len() && l.ends_with(line.as_str())
            })
    })
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
    fn a_byline_under_a_line_and_a_breadcrumb_ending_in_it_make_the_headline() {
        // The line nearest the article is a tag list; the headline has a byline under it.
        let dump = format!(
            "Menu\n\nThe long road to the northern lakes\n\nBy Ann Lee\n\n\
             Tags: travel, lakes, autumn walks\n\n{BODY}"
        );
        assert_eq!(
            body_headline_of(&dump).as_deref(),
            Some("The long road to the northern lakes")
        );
        // A short headline counts when a breadcrumb ends in it.
        let dump = format!("Start » Team » Jana Berg\n\nJana Berg\n\n{BODY}");
        assert_eq!(body_headline_of(&dump).as_deref(), Some("Jana Berg"));
    }

    #[test]
    fn a_title_line_names_what_the_article_names() {
        let doc = |dump: &str| crate::textdump::document(dump);
        let titled = format!("Winzer lesen früh – Tagesblatt\n\n{BODY}\n\nDie Winzer sind froh.");
        let d = doc(&titled);
        assert!(has_title_line(&d, &(0..d.blocks.len())));
        // A skip link or a short site name unrelated to the article is no title line.
        for first in ["Skip to main content", "Das kleine Blog"] {
            let d = doc(&format!("{first}\n\n{BODY}"));
            assert!(!has_title_line(&d, &(0..d.blocks.len())), "{first}");
        }
        // A longer first line is a title written for search engines.
        let d = doc(&format!(
            "Ten things to know before you travel north\n\n{BODY}"
        ));
        assert!(has_title_line(&d, &(0..d.blocks.len())));
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
