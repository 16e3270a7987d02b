//! The text-dump path of the classifier. A dump has no containers to choose from, so the
//! article is the best contiguous run of blocks (script leftovers counting against it),
//! started after the headline that repeats the dump's title line and ended at the first
//! line that only stands after an article (share bar, tags, comment count, author box),
//! at a list of dated teasers, or at a furniture label with little prose after it. Then
//! the local verdicts the HTML path uses, plus what only a dump needs: short lines that
//! lead nowhere (menu items, labels), caption lines with an image credit, and short
//! blocks printed more than once (a consent notice at every embed).

use super::{
    cut_trailing_section_at, drop_closing_calls_to_action, drop_kickers, drop_repeats,
    ends_like_sentence, local_reason, opens_furniture_section, Mode, Reason, Selection,
    LONG_PARAGRAPH, MIN_REPEAT_CHARS,
};
use crate::blocks::{Block, Document};

/// Decides for each block of a text dump whether it belongs to the article; `values` are
/// the blocks' values as the HTML path weighs them.
pub(super) fn classify(doc: &Document, values: &[f32]) -> Selection {
    let mut ruled = rules(doc, values);
    model_verdicts(doc, &ruled.range, &ruled.values, &mut ruled.reasons);
    Selection {
        reasons: ruled.reasons,
        main_region: None,
    }
}

/// The dump model's features of every block after the rules have spoken: what the model
/// is trained on (`textdump::model::training_rows`).
pub(super) fn block_features(doc: &Document, values: &[f32]) -> Vec<Vec<f32>> {
    let ruled = rules(doc, values);
    let every_block = 0..doc.blocks.len();
    crate::textdump::model::rows(
        doc,
        &ruled.reasons,
        &ruled.range,
        &ruled.values,
        every_block,
    )
    .into_iter()
    .map(|(_, row)| row)
    .collect()
}

/// The dump rules' verdicts, the run of blocks they read as the article, and the blocks'
/// values as the dump weighs them.
struct Ruled {
    reasons: Vec<Reason>,
    range: std::ops::Range<usize>,
    values: Vec<f32>,
}

/// Chooses the article's run of blocks and gives every block the rules' verdict.
fn rules(doc: &Document, values: &[f32]) -> Ruled {
    let is_code: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| crate::textdump::lines::looks_like_code(&b.text))
        .collect();
    // Script leftovers can be long; they never speak for the article.
    let values: Vec<f32> = values
        .iter()
        .zip(&doc.blocks)
        .zip(&is_code)
        .map(|((&v, b), &code)| {
            if code {
                -(b.chars as f32)
            } else if v > 0.0 && !crate::textdump::lines::has_sentences(&b.text) {
                // A menu or a select box run into one long line: words without sentences.
                -0.25 * b.chars as f32
            } else {
                v
            }
        })
        .collect();
    let values = values.as_slice();
    let span = best_span(values);
    // A dump saved from the page's body has no title line (it opens with a skip link, a
    // menu, a caption): its headline is the title-shaped line above the article's opening
    // paragraph.
    let headline = crate::textdump::title::find(doc, &span, values)
        .filter(|&h| starts_article(h, &span, values));
    let range = match headline {
        Some(h) if h + 1 >= span.start => h + 1..span.end.max(h + 1),
        Some(h) if span.start - h <= HEADLINE_GAP => h + 1..span.end,
        _ => span,
    };
    let mut reasons = vec![Reason::OutsideMain; doc.blocks.len()];
    if let Some(h) = headline {
        reasons[h] = Reason::Headline;
    }
    for i in range.clone() {
        // Nothing in a dump is a link, so it reads in listing mode.
        reasons[i] = if is_code[i] {
            Reason::Code
        } else {
            local_reason(&doc.blocks[i], Mode::Listing)
        };
    }
    cut_at_end_marker(doc, &range, values, &mut reasons);
    cut_at_dated_list(doc, &range, values, &mut reasons);
    cut_trailing_section_at(doc, &range, values, &mut reasons, opens_dump_section);
    drop_stray_short_lines(doc, &range, values, &mut reasons);
    drop_credited_captions(doc, &range, &mut reasons);
    drop_recurring_lines(doc, &mut reasons);
    drop_notices(doc, &mut reasons);
    drop_kickers(doc, &range, &mut reasons);
    drop_closing_calls_to_action(doc, &range, &mut reasons);
    drop_repeats(doc, &mut reasons);
    Ruled {
        reasons,
        range,
        values: values.to_vec(),
    }
}

/// The dump model's revision of the rules' verdicts (`textdump::model`): it drops kept
/// blocks shorter than the model's `max_drop_chars` it finds unlikely to be article text,
/// and takes in blocks it finds likely that the rules left outside the article (outside the
/// best run, in a trailing section, a short line).
fn model_verdicts(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
) {
    use crate::textdump::model;
    if let Some(m) = model::shipped() {
        revise(doc, range, values, reasons, m, model::shipped_second());
    }
}

/// [`model_verdicts`] with the model `m` and its second stage, if any.
fn revise(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
    m: &crate::textdump::model::Model,
    second_stage: Option<&crate::textdump::model::Model>,
) {
    use crate::textdump::model;
    let may_change = |i: usize| {
        let r = reasons[i];
        if r.keeps() {
            let b = &doc.blocks[i];
            b.chars < m.max_drop_chars
                && !(m.keep_sentence_chars > 0
                    && b.chars >= m.keep_sentence_chars
                    && ends_like_sentence(&b.text))
        } else {
            // Only where the rules placed the article's bounds: a line they judged by its
            // own text (a caption, a repeated notice, a byline, script) stays dropped.
            matches!(
                r,
                Reason::OutsideMain | Reason::TrailingSection | Reason::ShortLine
            )
        }
    };
    let mut revised = reasons.to_vec();
    let mut decide = |i: usize, p: f64, m: &model::Model| {
        if reasons[i].keeps() && p < m.drop_below {
            revised[i] = Reason::ModelDropped;
        } else if !reasons[i].keeps() && p >= m.add_above {
            revised[i] = Reason::ModelKept;
        }
    };
    match second_stage {
        // Two stages: the first one's probabilities of every block feed the second.
        Some(second) => {
            let rows = model::rows(doc, reasons, range, values, 0..doc.blocks.len());
            let first: Vec<f64> = rows.iter().map(|(_, row)| m.probability(row)).collect();
            for (i, mut row) in rows {
                if may_change(i) {
                    row.extend(model::neighbour_probs(&first, i));
                    decide(i, second.probability(&row), second);
                }
            }
        }
        None => {
            let rows = model::rows(
                doc,
                reasons,
                range,
                values,
                (0..doc.blocks.len()).filter(|&i| may_change(i)),
            );
            for (i, row) in rows {
                decide(i, m.probability(&row), m);
            }
        }
    }
    if super::within_drop_budget(doc, reasons, &revised) {
        reasons.copy_from_slice(&revised);
    }
}

/// How many blocks (teaser, byline, date, caption) may stand between the headline and the
/// best run of prose for them to be read with the article.
const HEADLINE_GAP: usize = 12;

/// The share of the span's prose that may precede the headline: a title repeated further
/// down (in a share line, a teaser list) does not start the article.
const MAX_PROSE_BEFORE_HEADLINE: f32 = 0.25;

/// Whether the headline at `h` can open the article of `span`.
fn starts_article(h: usize, span: &std::ops::Range<usize>, values: &[f32]) -> bool {
    let prose = |r: std::ops::Range<usize>| -> f32 {
        values
            .get(r)
            .unwrap_or_default()
            .iter()
            .map(|v| v.max(0.0))
            .sum()
    };
    h < span.start || prose(span.start..h) <= MAX_PROSE_BEFORE_HEADLINE * prose(span.clone())
}

/// The contiguous run of blocks with the largest value sum (empty when none is positive).
fn best_span(values: &[f32]) -> std::ops::Range<usize> {
    let (mut best, mut best_sum) = (0..0, 0.0f32);
    let (mut start, mut sum) = (0, 0.0f32);
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0.0 {
            start = i;
            sum = 0.0;
        }
        sum += v;
        if sum > best_sum {
            best_sum = sum;
            best = start..i + 1;
        }
    }
    best
}

/// How much prose must precede an end marker for it to close the article: a share bar
/// under the lead paragraph does not.
const MIN_PROSE_BEFORE_END: f32 = 600.0;

/// Drops everything from the first line that only stands after an article (share bar,
/// tags, post navigation, comment count, author box) once more of the article is read
/// than follows up to the next such line: the comments and teasers further down may hold
/// more prose than the article itself, while a share bar or comment count above the
/// article is followed by all of it.
fn cut_at_end_marker(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
) {
    let is_marker = |i: usize| crate::textdump::lines::is_end_marker(&doc.blocks[i].text);
    let prose = |r: std::ops::Range<usize>| -> f32 { values[r].iter().map(|v| v.max(0.0)).sum() };
    let markers: Vec<usize> = range.clone().filter(|&i| is_marker(i)).collect();
    for (k, &i) in markers.iter().enumerate() {
        let next = markers.get(k + 1).copied().unwrap_or(range.end);
        let before = prose(range.start..i);
        if before >= MIN_PROSE_BEFORE_END && before >= prose(i + 1..next) {
            for r in &mut reasons[i..range.end] {
                if r.keeps() {
                    *r = Reason::TrailingSection;
                }
            }
            return;
        }
    }
}

/// Drops a list of dated items after the article (more teasers, other posts, comments):
/// from the first of two or more datelines after enough of the article, when the item
/// the dateline opens holds no long paragraph (a live blog's entries do) and less prose
/// follows than came before.
fn cut_at_dated_list(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
) {
    let is_dateline = |i: usize| crate::textdump::lines::is_dateline(&doc.blocks[i].text);
    let mut before = 0.0f32;
    let datelines: Vec<usize> = range.clone().filter(|&i| is_dateline(i)).collect();
    let mut start = range.start;
    for (k, &d) in datelines.iter().enumerate() {
        before += values[start..d].iter().map(|v| v.max(0.0)).sum::<f32>();
        start = d;
        let Some(&next) = datelines.get(k + 1) else {
            return;
        };
        let item_is_short = doc.blocks[d + 1..next]
            .iter()
            .all(|b| b.chars < LONG_PARAGRAPH);
        // A teaser box in the middle of the article is followed by the rest of it.
        let after: f32 = values[d..range.end].iter().map(|v| v.max(0.0)).sum();
        if before >= MIN_PROSE_BEFORE_END && item_is_short && after <= before {
            for r in &mut reasons[d..range.end] {
                if r.keeps() {
                    *r = Reason::TrailingSection;
                }
            }
            return;
        }
    }
}

/// Whether a dump line opens a furniture section: what opens one on an HTML page, or, since
/// a dump has no headings, a short line that is no sentence (or ends in a colon) and names
/// one ("Related Posts", "Mehr zum Thema").
fn opens_dump_section(block: &Block) -> bool {
    let text = block.text.trim();
    let is_label = block.chars < SHORT_LINE
        && !text.contains('\n')
        && (!ends_like_sentence(text) || text.ends_with(':'));
    opens_furniture_section(block)
        || (is_label && crate::lexicon::starts_with_furniture_phrase(text))
}

/// Lines shorter than this may be menu items or labels rather than text.
const SHORT_LINE: u32 = 60;

/// In a text dump, where no markup tells a menu from a subheading: drops short lines that
/// are not sentences unless prose follows them (a subheading leads into its section).
fn drop_stray_short_lines(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
) {
    for i in range.clone() {
        let block = &doc.blocks[i];
        // A subheading has a few words; a lone word before prose is more often a label.
        let leads_into_prose = values.get(i + 1).is_some_and(|v| *v > 0.0)
            && block.text.split_whitespace().nth(1).is_some();
        if reasons[i].keeps()
            && block.chars < SHORT_LINE
            && !ends_like_sentence(&block.text)
            && !leads_into_prose
        {
            reasons[i] = Reason::ShortLine;
        }
    }
}

use crate::textdump::title::MAX_CAPTION_CHARS;

/// A caption standing above its own credit line is no longer than this (a longer block
/// there is a paragraph before an image credited without a caption).
const MAX_CAPTION_ABOVE_CHARS: usize = 250;

/// Drops the lines that carry an image credit ("Foto: …", "© …", "Name/dpa"), and the
/// caption above a credit line of its own: a caption goes with its image, not into the
/// running text.
fn drop_credited_captions(doc: &Document, range: &std::ops::Range<usize>, reasons: &mut [Reason]) {
    for i in range.clone() {
        let text = &doc.blocks[i].text;
        if reasons[i].keeps()
            && text.chars().count() <= MAX_CAPTION_CHARS
            && (crate::metadata::images::split_caption(text).1.is_some()
                || crate::textdump::lines::ends_with_photo_credit(text))
        {
            reasons[i] = Reason::Caption;
        }
        let above = i.wrapping_sub(1);
        if range.contains(&above)
            && reasons[above].keeps()
            && crate::textdump::title::is_credit_only(doc, i)
            && doc.blocks[above].text.chars().count() <= MAX_CAPTION_ABOVE_CHARS
            // A question or an exclamation closes the text above an image; a caption
            // describes the picture.
            && !doc.blocks[above].text.trim_end().ends_with(['?', '!'])
        {
            reasons[above] = Reason::Caption;
        }
    }
}

/// Drops consent notices (label, explanation, consent sentence) and skip and front-page
/// links wherever they stand, so that the dump model cannot take them in either.
fn drop_notices(doc: &Document, reasons: &mut [Reason]) {
    use crate::textdump::notices;
    let skip_links = (0..doc.blocks.len()).filter(|&i| notices::is_skip_link(&doc.blocks[i].text));
    for i in notices::notice_blocks(doc).into_iter().chain(skip_links) {
        if matches!(
            reasons[i],
            Reason::Main | Reason::OutsideMain | Reason::ShortLine
        ) {
            reasons[i] = Reason::FurniturePhrase;
        }
    }
}

/// In a text dump, drops every copy of a short block that recurs: the consent notice
/// printed at each embed, the share line under every section. (Long paragraphs may recur
/// on purpose.)
fn drop_recurring_lines(doc: &Document, reasons: &mut [Reason]) {
    let mut count = std::collections::HashMap::new();
    for block in &doc.blocks {
        *count.entry(block.text.as_str()).or_insert(0u32) += 1;
    }
    for (block, reason) in doc.blocks.iter().zip(reasons.iter_mut()) {
        if reason.keeps()
            && (MIN_REPEAT_CHARS..LONG_PARAGRAPH).contains(&block.chars)
            && count[block.text.as_str()] > 1
        {
            *reason = Reason::Repeated;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::textdump::model::{names, Model};

    /// A one-tree model that answers `low` for blocks whose feature `name` is at most
    /// `threshold`, `high` above.
    fn model_on(name: &str, threshold: f64, low: f64, high: f64) -> Model {
        let at = names().iter().position(|n| *n == name).unwrap_or(0);
        let text = format!(
            "features {}\ndrop_below 0.4\nadd_above 0.8\nmax_drop_chars 100000\nbaseline 0.0\n\
             tree 3\nsplit {at} {threshold} 1 2 L\nleaf {low}\nleaf {high}\n",
            names().join(" ")
        );
        Model::parse(&text, &names()).expect("a test model parses")
    }

    fn revised(dump: &str, m: &Model) -> Vec<Reason> {
        let doc = crate::textdump::document(dump);
        let mut sel = classify(&doc);
        // Back to the rules' verdicts (the shipped model may have revised them).
        sel = crate::textdump::rules_view(&sel);
        let values: Vec<f32> = doc.blocks.iter().map(super::super::block_value).collect();
        let mut reasons = sel.reasons.clone();
        let first = reasons.iter().position(|r| r.keeps()).unwrap_or(0);
        let last = reasons.iter().rposition(|r| r.keeps()).unwrap_or(0);
        revise(&doc, &(first..last + 1), &values, &mut reasons, m, None);
        reasons
    }

    #[test]
    fn the_dump_model_drops_and_takes_in_within_its_bounds() {
        // Furniture by the model's judgement: blocks of 20 characters or fewer (ln 21 ≈ 3.04).
        let m = model_on("log_chars", 3.0, -3.0, 3.0);
        let dump = format!(
            "Alles aus der Region und der Welt\n\n{PROSE} A.\n\n{PROSE} B.\n\nDas war es.\n\n{PROSE} C."
        );
        let rules = revised(&dump, &model_on("log_chars", 3.0, 0.0, 0.0));
        assert!(!rules[0].keeps() && rules[3].keeps(), "{rules:?}");
        let reasons = revised(&dump, &m);
        // The line the rules left out comes in, the short line they kept goes, the prose
        // stays.
        assert_eq!(reasons[0], Reason::ModelKept, "{reasons:?}");
        assert_eq!(reasons[3], Reason::ModelDropped, "{reasons:?}");
        assert!(reasons[1].keeps() && reasons[2].keeps() && reasons[4].keeps());
    }

    #[test]
    fn the_dump_model_may_not_drop_most_of_the_article() {
        // A model that finds nothing article text: the rules' verdicts stand.
        let m = model_on("dump_is_end_marker", 0.5, -3.0, -3.0);
        let dump = format!("Menü\n\n{PROSE} A.\n\n{PROSE} B.");
        let reasons = revised(&dump, &m);
        assert!(reasons[1].keeps() && reasons[2].keeps(), "{reasons:?}");
        assert!(!reasons.contains(&Reason::ModelDropped));
    }

    #[test]
    fn the_dump_model_leaves_lines_judged_by_their_text() {
        // A repeated notice stays dropped however sure the model is.
        let m = model_on("dump_is_end_marker", 0.5, 3.0, 3.0);
        let notice = "Dieser Inhalt wird erst nach Ihrer Einwilligung geladen (Video)";
        let dump = format!("{PROSE} A.\n\n{notice}\n\n{PROSE} B.\n\n{notice}\n\n{PROSE} C.");
        let reasons = revised(&dump, &m);
        assert_eq!(reasons[1], Reason::Repeated, "{reasons:?}");
        assert_eq!(reasons[3], Reason::Repeated, "{reasons:?}");
    }

    const PROSE: &str = "This is a sentence of the article that is long enough to count as prose, with a comma, and it ends properly.";

    #[test]
    fn a_dump_keeps_subheadings_but_not_stray_menu_lines() {
        let dump = format!("Home\nNews\nSport\n\n{PROSE} A.\n\nWhat comes next\n\n{PROSE} B.\n\nShare\n\nPrint\n\n{PROSE} C.\n\nImpressum\nKontakt");
        let doc = crate::textdump::document(&dump);
        let sel = classify(&doc);
        let kept: Vec<&str> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| sel.keeps(*i))
            .map(|(_, b)| b.text.as_str())
            .collect();
        let a = format!("{PROSE} A.");
        let b = format!("{PROSE} B.");
        let c = format!("{PROSE} C.");
        assert_eq!(
            kept,
            [a.as_str(), "What comes next", b.as_str(), c.as_str()]
        );
    }
}
