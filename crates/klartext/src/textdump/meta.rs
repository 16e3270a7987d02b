//! Metadata of a text dump, read from the lines around the article the way a reader
//! finds them: the headline above it, the byline and dateline next to its start, image
//! captions with their credit lines, an agency credit under its last paragraph. The
//! parsing (dates, names, credits, agencies) is the metadata module's; this module only
//! knows where in a dump to look.

use crate::article::{Article, Image};
use crate::blocks::Document;
use crate::classify::{Reason, Selection};
use crate::metadata::{agencies, authors, dates, images};

/// How many blocks above the article's first kept block the header (headline, byline,
/// dateline) may start.
const HEADER_BEFORE: usize = 12;
/// How many blocks into the article a byline or dateline may still stand.
const HEADER_AFTER: usize = 6;
/// How many blocks after the article's last kept block an agency credit may stand.
const CREDIT_AFTER: usize = 3;
/// Bylines, datelines and credit lines are short.
const MAX_LINE_CHARS: usize = 160;
/// Captions are a sentence or two.
const MAX_CAPTION_CHARS: usize = 400;

/// Fills what the dump shows and `article` lacks: title, date, authors, agencies, images.
/// `reference_time` (seconds since the epoch; else the clock) rejects dates in the future.
pub fn fill(
    doc: &Document,
    selection: &Selection,
    article: &mut Article,
    reference_time: Option<i64>,
) {
    let now = reference_time.unwrap_or_else(current_time);
    // The header and footer lines around the article are read where the rules put it; the
    // dump model's revisions (a caption taken in, a teaser line dropped) move no boundary.
    let rules = super::rules_view(selection);
    let selection = &rules;
    if article.title.is_none() {
        article.title = super::headline(doc, selection);
    }
    let Some(first) = (0..doc.blocks.len()).find(|&i| selection.keeps(i)) else {
        return;
    };
    mend_teaser(doc, selection, first, article);
    let last = (first..doc.blocks.len())
        .rev()
        .find(|&i| selection.keeps(i))
        .unwrap_or(first);
    let header_start = selection
        .reasons
        .iter()
        .position(|r| *r == Reason::Headline)
        .filter(|&h| h < first)
        .unwrap_or(first.saturating_sub(HEADER_BEFORE));
    let header = header_start..(first + HEADER_AFTER).min(last + 1);
    let dropped = |i: &usize| !selection.keeps(*i);
    let line = |i: usize| doc.blocks[i].text.trim();
    if article.date_published.is_none() {
        // A dateline may also run into a kept line ("23.06.2016 - Name - 3 comments").
        article.date_published = header.clone().find_map(|i| date_of(line(i), now));
    }
    if article.authors.is_empty() {
        article.authors = header
            .clone()
            .filter(dropped)
            .find_map(|i| byline_names(line(i)))
            .unwrap_or_default();
    }
    let credits = header
        .clone()
        .chain(last + 1..(last + 1 + CREDIT_AFTER).min(doc.blocks.len()))
        .filter(dropped)
        .filter(|&i| line(i).chars().count() <= MAX_LINE_CHARS)
        // A picture agency named under an image did not write the text.
        .filter(|&i| !is_image_credit(doc, selection, i))
        .flat_map(|i| agency_credit(line(i)));
    for agency in credits.collect::<Vec<_>>() {
        if !article.agencies.contains(&agency) {
            article.agencies.push(agency);
        }
    }
    if article.images.is_empty() {
        // An image above the headline (a lead picture) belongs to the article too.
        let from = header_start.min(first.saturating_sub(HEADER_BEFORE));
        article.images = captions(doc, selection, from..(last + 1));
    }
}

/// A teaser is a sentence of this many characters at least.
const MIN_TEASER_CHARS: usize = 40;
/// How many kept blocks from the article's start the teaser may stand at.
const TEASER_REACH: usize = 4;

/// The teaser: when the description taken from the text's first paragraph is no sentence
/// (a byline, a caption's credit, a count the article starts with), the first kept
/// paragraph near the article's start that is a sentence and no caption or credit.
fn mend_teaser(doc: &Document, selection: &Selection, first: usize, article: &mut Article) {
    let is_teaser =
        |t: &str| t.chars().count() >= MIN_TEASER_CHARS && crate::classify::ends_like_sentence(t);
    if article.description.as_deref().is_none_or(is_teaser) {
        return;
    }
    let teaser = (first..doc.blocks.len())
        .filter(|&i| selection.keeps(i))
        .take(TEASER_REACH)
        .find(|&i| {
            let text = doc.blocks[i].text.trim();
            !text.contains('\n')
                && is_teaser(text)
                && images::split_caption(text).1.is_none()
                && !super::title::is_credit_only(doc, i + 1)
        });
    if let Some(i) = teaser {
        article.description = Some(doc.blocks[i].text.trim().to_string());
    }
}

/// Whether block `i` is a caption, or the credit line under one.
fn is_image_credit(doc: &Document, selection: &Selection, i: usize) -> bool {
    let caption = |j: usize| selection.reasons.get(j) == Some(&Reason::Caption);
    caption(i) || (i > 0 && caption(i - 1) && super::title::is_credit_only(doc, i))
}

/// The date of a short dateline, if it holds one that is not in the future.
fn date_of(text: &str, now: i64) -> Option<String> {
    if text.chars().count() > MAX_LINE_CHARS {
        return None;
    }
    dates::find_all(text)
        .into_iter()
        .map(|f| f.date)
        .find(|d| d.plausible(now))
        .map(|d| d.to_iso())
}

/// Words that open a byline naming the authors.
const BYLINE_OPENERS: [&str; 11] = [
    "von ",
    "by ",
    "par ",
    "autor:",
    "autorin:",
    "author:",
    "written by ",
    "geschrieben von ",
    "text:",
    "text von ",
    "a cura di ",
];

/// Words inside a byline after which the authors follow ("Posted on 2 May 2022 by Mark
/// Evans", "Publiziert am 13. Januar 2014 von uriebe").
const BYLINE_INFIXES: [&str; 4] = [" by ", " von ", " par ", "author: "];

/// Where the names of a byline end: a separator, a date, a time.
const NAME_ENDS: [&str; 9] = [
    " | ", " • ", " @ ", " am ", " on ", " à ", " - ", " – ", "(",
];

/// The persons a byline names ("Von Anna Berger und Jan Wolf, Berlin", "Posted on 2 May
/// 2022 by Mark Evans").
fn byline_names(text: &str) -> Option<Vec<String>> {
    if text.chars().count() > MAX_LINE_CHARS || text.contains('\n') {
        return None;
    }
    // ASCII lower case keeps every byte offset, so positions found in it hold in `text`.
    let lower = text.to_ascii_lowercase();
    let start = BYLINE_OPENERS
        .iter()
        .find(|o| lower.starts_with(**o))
        .map(|o| o.len())
        .or_else(|| {
            BYLINE_INFIXES
                .iter()
                .filter_map(|m| lower.find(m).map(|at| at + m.len()))
                .min()
        })?;
    let rest = text.get(start..)?;
    let end = NAME_ENDS
        .iter()
        .filter_map(|e| rest.find(e))
        .chain(rest.find(|c: char| c.is_ascii_digit()))
        .min()
        .unwrap_or(rest.len());
    let names: Vec<String> = authors::split_names(rest.get(..end)?, true)
        .into_iter()
        .filter(|n| agencies::canonical(n).is_none())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The agencies a credit or byline line names: "(dpa)", "Quelle: AFP", "Von dpa".
fn agency_credit(text: &str) -> Vec<String> {
    let inner = text.trim_start_matches('(').trim_end_matches([')', '.']);
    let found = agencies::from_credit(inner);
    // A credit line is little else than the agencies' names.
    let named: usize = found.iter().map(|a| a.chars().count()).sum();
    if named * 3 >= inner.chars().filter(|c| c.is_alphanumeric()).count() {
        found
    } else {
        Vec::new()
    }
}

/// The image captions of the article: dropped lines that carry a credit ("Foto: …",
/// "© …", "Name/dpa"), a credit line alone taking the caption line above it.
fn captions(doc: &Document, selection: &Selection, range: std::ops::Range<usize>) -> Vec<Image> {
    let mut out = Vec::new();
    for i in range {
        if selection.keeps(i) {
            continue;
        }
        let text = doc.blocks[i].text.trim();
        if text.chars().count() > MAX_CAPTION_CHARS {
            continue;
        }
        let (caption, Some(credit)) = images::split_caption(text) else {
            continue;
        };
        let caption = caption.or_else(|| caption_above(doc, selection, i));
        out.push(Image {
            url: String::new(),
            caption,
            credit: Some(credit),
        });
    }
    out
}

/// The caption line right above a credit line, when it is dropped text of caption length.
fn caption_above(doc: &Document, selection: &Selection, credit: usize) -> Option<String> {
    let above = credit.checked_sub(1)?;
    let text = doc.blocks.get(above)?.text.trim();
    let fits = !selection.keeps(above)
        && (20..=MAX_CAPTION_CHARS).contains(&text.chars().count())
        && images::split_caption(text).1.is_none();
    fits.then(|| text.to_string())
}

fn current_time() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(i64::MAX / 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Reason;

    #[test]
    fn a_byline_opening_the_text_is_no_teaser() {
        let dump = "Anna Berg, zuletzt geändert am 3. März 2023\n\n\
                    Der Frühling kommt, und mit ihm kehren die Störche in die Dörfer am Fluss zurück.\n\n\
                    Die ersten Vögel wurden schon in der vergangenen Woche auf den Dächern gesehen.";
        let doc = crate::textdump::document(dump);
        let selection = Selection {
            reasons: vec![Reason::Main; doc.blocks.len()],
            main_region: None,
        };
        let mut article = Article {
            description: Some(doc.blocks[0].text.clone()),
            ..Article::default()
        };
        mend_teaser(&doc, &selection, 0, &mut article);
        assert_eq!(
            article.description.as_deref(),
            Some(
                "Der Frühling kommt, und mit ihm kehren die Störche in die Dörfer am Fluss zurück."
            )
        );
        // A description that is a sentence stays.
        mend_teaser(&doc, &selection, 0, &mut article);
        assert!(article
            .description
            .is_some_and(|d| d.starts_with("Der Frühling")));
    }
}
