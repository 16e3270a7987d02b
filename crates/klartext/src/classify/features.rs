//! Block features: what the learned block model (see [`super::model`]) sees of a block after
//! the rules have spoken — the block's own shape, the containers around it, its place
//! relative to the main region, its neighbours, and the rules' verdict on it.
//!
//! The same function feeds training (`klartext-bench --features`, then
//! `tools/train_block_model.py`) and prediction, so the two can't drift apart; the order
//! of [`NAMES`] is the order of the vector and is written into the model file, which is
//! refused when the names differ.

use std::cell::RefCell;
use std::ops::Range;

use super::{ends_like_sentence, is_copyright_line, Reason, LONG_PARAGRAPH};
use crate::blocks::{Block, BlockKind, Document, Flags};
use crate::lexicon::{contains_call_to_action, starts_like_byline, starts_with_furniture_phrase};

/// The features of one block, in the order of [`NAMES`].
pub type Features = [f32; COUNT];

/// How many features a block has.
pub const COUNT: usize = NAMES.len();

/// The names of the features, in vector order.
pub const NAMES: [&str; 69] = [
    "heading_level",
    "is_paragraph",
    "is_list_item",
    "is_quote",
    "is_pre",
    "is_cell",
    "is_caption",
    "log_chars",
    "link_density",
    "ends_like_sentence",
    "log_words",
    "commas_per_word",
    "digit_share",
    "capitalised_word_share",
    "mean_word_length",
    "separator_count",
    "in_nav",
    "in_header",
    "in_footer",
    "in_aside",
    "in_form",
    "in_article",
    "in_main",
    "in_article_body",
    "in_furniture_class",
    "in_content_class",
    "in_list",
    "in_table",
    "in_figure",
    "in_link",
    "in_blockquote",
    "rule_keeps",
    "reason_outside_main",
    "reason_furniture_container",
    "reason_link_heavy",
    "reason_furniture_phrase",
    "reason_headline",
    "reason_caption",
    "reason_trailing_section",
    "reason_repeated",
    "reason_byline",
    "reason_call_to_action",
    "reason_kicker",
    "starts_with_furniture_phrase",
    "contains_call_to_action",
    "starts_like_byline",
    "is_copyright_line",
    "position_in_page",
    "position_in_main",
    "blocks_before_main",
    "blocks_after_main",
    "after_last_long_paragraph",
    "before_first_long_paragraph",
    "prev_log_chars",
    "prev_link_density",
    "prev_keeps",
    "next_log_chars",
    "next_link_density",
    "next_keeps",
    "log_main_prose",
    "log_blocks",
    "listing_mode",
    "block_value_share",
    "log_siblings",
    "text_count",
    "kept_share_of_parent",
    "word_score",
    "markup_score",
    "class_repeats",
];

/// Everything the features need to know about the page beyond the blocks.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub reasons: &'a [Reason],
    /// The blocks of the main region (or of a text dump's best run).
    pub main: Range<usize>,
    /// The blocks' values as the region choice weighs them.
    pub values: &'a [f32],
    pub listing: bool,
}

/// The features of every block of the page.
pub fn features(cx: &Context) -> Vec<Features> {
    let table = Table::new(cx);
    (0..cx.doc.blocks.len()).map(|i| table.row(i)).collect()
}

/// A page ready to give the features of any of its blocks: the page-wide facts are
/// gathered once, each block's row only when asked for (the model reads only the blocks
/// it may change).
pub struct Table<'a> {
    cx: &'a Context<'a>,
    page: PageFacts<'a>,
}

impl<'a> Table<'a> {
    pub fn new(cx: &'a Context<'a>) -> Table<'a> {
        Table {
            cx,
            page: PageFacts::new(cx),
        }
    }

    /// The features of block `i`.
    pub fn row(&self, i: usize) -> Features {
        let (cx, block) = (self.cx, &self.cx.doc.blocks[i]);
        let mut f = [0.0f32; COUNT];
        let mut at = 0;
        let mut put = |value: f32| {
            f[at] = value;
            at += 1;
        };
        own_features(block, &mut put);
        flag_features(block.flags, &mut put);
        rule_features(cx.reasons[i], &mut put);
        lexical_features(block, &mut put);
        position_features(cx, &self.page, i, &mut put);
        neighbour_features(cx, i, &mut put);
        page_features(cx, &self.page, i, &mut put);
        debug_assert_eq!(at, COUNT);
        f
    }
}

/// Facts about the page computed once for all blocks.
struct PageFacts<'a> {
    first_long: Option<usize>,
    last_long: Option<usize>,
    main_prose: f32,
    /// How often each block text occurs (aHash: every text is hashed twice, per block).
    text_count: ahash::AHashMap<&'a str, u32>,
    /// For each block's parent element: how many blocks it owns and how many are kept.
    parent_blocks: ahash::AHashMap<crate::dom::NodeId, (u32, u32)>,
    /// How many elements of the page carry each class value.
    class_counts: ahash::AHashMap<&'a str, u32>,
    /// The weighted markup words of each element met so far: blocks share their
    /// ancestors, so each element's class and id are read once.
    markup: RefCell<ahash::AHashMap<crate::dom::NodeId, Vec<(&'static str, f32)>>>,
}

impl<'a> PageFacts<'a> {
    fn new(cx: &Context<'a>) -> PageFacts<'a> {
        let blocks = &cx.doc.blocks;
        let is_long = |i: &usize| cx.reasons[*i].keeps() && blocks[*i].chars >= LONG_PARAGRAPH;
        let mut text_count = ahash::AHashMap::new();
        let mut parent_blocks = ahash::AHashMap::new();
        for (block, reason) in blocks.iter().zip(cx.reasons) {
            *text_count.entry(block.text.as_str()).or_insert(0) += 1;
            let entry = parent_blocks
                .entry(parent_of(cx.doc, block))
                .or_insert((0u32, 0u32));
            entry.0 += 1;
            entry.1 += u32::from(reason.keeps());
        }
        PageFacts {
            first_long: cx.main.clone().find(is_long),
            last_long: cx.main.clone().rev().find(is_long),
            main_prose: cx.values[cx.main.clone()]
                .iter()
                .filter(|v| **v > 0.0)
                .sum(),
            text_count,
            parent_blocks,
            class_counts: class_counts(&cx.doc.dom),
            markup: RefCell::default(),
        }
    }

    /// How much the class and id names of the elements around a block speak for it being
    /// article text: the log-odds of the markup model over the distinct words of
    /// [`markup_words`].
    fn markup_score(&self, dom: &crate::dom::Dom, node: crate::dom::NodeId) -> f32 {
        let mut cache = self.markup.borrow_mut();
        let mut seen: Vec<&'static str> = Vec::new();
        let mut score = super::model::markup_intercept();
        for id in markup_elements(dom, node) {
            let words = cache.entry(id).or_insert_with(|| {
                dom.element(id)
                    .map(super::model::weighted_markup_words)
                    .unwrap_or_default()
            });
            for &(word, weight) in words.iter() {
                if !seen.contains(&word) {
                    seen.push(word);
                    score += weight;
                }
            }
        }
        score
    }
}

/// How many elements of the page carry each class value (the whole attribute as written).
fn class_counts(dom: &crate::dom::Dom) -> ahash::AHashMap<&str, u32> {
    let mut counts = ahash::AHashMap::new();
    for i in 0..dom.len() {
        let id = crate::dom::NodeId(i as u32);
        if let Some(class) = dom.attr(id, "class") {
            *counts.entry(class).or_insert(0) += 1;
        }
    }
    counts
}

/// How many levels up from a block its classed box is looked for.
const CLASS_BOX_DEPTH: usize = 4;

/// How many elements of the page share the class of the block's nearest classed element
/// (itself or up to [`CLASS_BOX_DEPTH`] levels up): a teaser text or a menu item sits in
/// one of many boxes alike, an article paragraph in a box of its own. 0 without a class.
fn class_repeats(cx: &Context, page: &PageFacts, block: &Block) -> f32 {
    let dom = &cx.doc.dom;
    std::iter::once(block.node)
        .chain(dom.ancestors(block.node))
        .take(CLASS_BOX_DEPTH + 1)
        .find_map(|id| dom.attr(id, "class"))
        .and_then(|class| page.class_counts.get(class))
        .map_or(0.0, |&n| ln1(n as f32))
}

fn parent_of(doc: &Document, block: &Block) -> crate::dom::NodeId {
    doc.dom.node(block.node).parent.unwrap_or(block.node)
}

/// `ln(1 + x)` of a count or length (never below 0).
pub(crate) fn ln1(x: f32) -> f32 {
    (1.0 + x.max(0.0)).ln()
}

/// A yes/no feature as 1 or 0.
pub(crate) fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn own_features(block: &Block, put: &mut impl FnMut(f32)) {
    let kind = block.kind;
    put(match kind {
        BlockKind::Heading(level) => f32::from(level),
        _ => 0.0,
    });
    put(flag(kind == BlockKind::Paragraph));
    put(flag(matches!(kind, BlockKind::ListItem { .. })));
    put(flag(kind == BlockKind::Quote));
    put(flag(kind == BlockKind::Preformatted));
    put(flag(kind == BlockKind::TableCell));
    put(flag(kind == BlockKind::Caption));
    put(ln1(block.chars as f32));
    put(block.link_density());
    put(flag(ends_like_sentence(&block.text)));
    let shape = TextShape::of(&block.text);
    put(ln1(shape.words as f32));
    let words = shape.words.max(1) as f32;
    put(shape.commas as f32 / words);
    put(shape.digits as f32 / block.chars.max(1) as f32);
    put(shape.capitalised as f32 / words);
    put(block.chars as f32 / words);
    put(shape.separators as f32);
}

/// Counts over a block's text that tell prose from labels and lists.
#[derive(Default)]
struct TextShape {
    words: u32,
    commas: u32,
    digits: u32,
    capitalised: u32,
    separators: u32,
}

impl TextShape {
    fn of(text: &str) -> TextShape {
        let mut shape = TextShape::default();
        for word in text.split_whitespace() {
            shape.words += 1;
            if word.chars().next().is_some_and(char::is_uppercase) {
                shape.capitalised += 1;
            }
            if matches!(word, "|" | "·" | "•" | "/" | "-" | "–") {
                shape.separators += 1;
            }
        }
        for c in text.chars() {
            match c {
                ',' => shape.commas += 1,
                c if c.is_ascii_digit() => shape.digits += 1,
                _ => {}
            }
        }
        shape
    }
}

const FLAG_ORDER: [Flags; 15] = [
    Flags::NAV,
    Flags::HEADER,
    Flags::FOOTER,
    Flags::ASIDE,
    Flags::FORM,
    Flags::ARTICLE,
    Flags::MAIN,
    Flags::ARTICLE_BODY,
    Flags::FURNITURE_CLASS.union(Flags::DISCUSSION_CLASS),
    Flags::CONTENT_CLASS,
    Flags::LIST,
    Flags::TABLE,
    Flags::FIGURE,
    Flags::LINK,
    Flags::BLOCKQUOTE,
];

fn flag_features(flags: Flags, put: &mut impl FnMut(f32)) {
    for f in FLAG_ORDER {
        put(flag(flags.intersects(f)));
    }
}

const REASON_ORDER: [Reason; 11] = [
    Reason::OutsideMain,
    Reason::FurnitureContainer,
    Reason::LinkHeavy,
    Reason::FurniturePhrase,
    Reason::Headline,
    Reason::Caption,
    Reason::TrailingSection,
    Reason::Repeated,
    Reason::Byline,
    Reason::CallToAction,
    Reason::Kicker,
];

fn rule_features(reason: Reason, put: &mut impl FnMut(f32)) {
    put(flag(reason.keeps()));
    for r in REASON_ORDER {
        put(flag(reason == r));
    }
}

fn lexical_features(block: &Block, put: &mut impl FnMut(f32)) {
    let text = block.text.as_str();
    put(flag(starts_with_furniture_phrase(text)));
    // Searching a long paragraph for every phrase costs more than the rest of the features
    // together, and the rules never read a call to action into one.
    put(flag(
        block.chars < LONG_PARAGRAPH && contains_call_to_action(text),
    ));
    put(flag(starts_like_byline(text)));
    put(flag(is_copyright_line(text)));
}

fn position_features(cx: &Context, page: &PageFacts, i: usize, put: &mut impl FnMut(f32)) {
    let n = cx.doc.blocks.len().max(1) as f32;
    put(i as f32 / n);
    let main = &cx.main;
    put(if main.contains(&i) {
        (i - main.start) as f32 / main.len().max(1) as f32
    } else {
        -1.0
    });
    put(ln1(main.start.saturating_sub(i) as f32));
    put(ln1((i + 1).saturating_sub(main.end) as f32));
    put(flag(page.last_long.is_some_and(|l| i > l)));
    put(flag(page.first_long.is_some_and(|f| i < f)));
}

fn neighbour_features(cx: &Context, i: usize, put: &mut impl FnMut(f32)) {
    for neighbour in [i.checked_sub(1), Some(i + 1)] {
        match neighbour.and_then(|j| cx.doc.blocks.get(j).map(|b| (j, b))) {
            Some((j, b)) => {
                put(ln1(b.chars as f32));
                put(b.link_density());
                put(flag(cx.reasons[j].keeps()));
            }
            None => {
                put(0.0);
                put(0.0);
                put(0.0);
            }
        }
    }
}

fn page_features(cx: &Context, page: &PageFacts, i: usize, put: &mut impl FnMut(f32)) {
    let block = &cx.doc.blocks[i];
    put(ln1(page.main_prose));
    put(ln1(cx.doc.blocks.len() as f32));
    put(flag(cx.listing));
    put(cx.values[i] / page.main_prose.max(1.0));
    let (siblings, kept) = page
        .parent_blocks
        .get(&parent_of(cx.doc, block))
        .copied()
        .unwrap_or((1, 0));
    put(ln1(siblings as f32));
    put(page
        .text_count
        .get(block.text.as_str())
        .copied()
        .unwrap_or(1) as f32);
    put(kept as f32 / siblings.max(1) as f32);
    put(super::model::word_score(&block.text));
    put(page.markup_score(&cx.doc.dom, block.node));
    put(class_repeats(cx, page, block));
}

/// How many elements up from a block its markup words are read: far enough to reach the
/// box a teaser or a bio sits in, not so far that every block shares the page's frame.
const MARKUP_DEPTH: usize = 12;

/// Class and id parts longer than this are generated names, not words.
const MAX_MARKUP_WORD: usize = 24;

/// Hands `each` the markup words of the elements from `node` up to [`MARKUP_DEPTH`]
/// levels: every element's tag as `<tag>`, and the parts of its class and id, cut at
/// anything but ASCII letters and digits and lower-cased. Parts with digits (generated
/// names such as `css-1x9k2`) and one-letter parts are left out. The block model's
/// trainer reads these words from `klartext-bench --features`, so both see the same.
pub fn markup_words(dom: &crate::dom::Dom, node: crate::dom::NodeId, each: &mut dyn FnMut(&str)) {
    for id in markup_elements(dom, node) {
        if let Some(element) = dom.element(id) {
            element_markup_words(element, each);
        }
    }
}

/// The elements whose markup words count for the block at `node`: itself and its
/// ancestors, [`MARKUP_DEPTH`] elements at most.
fn markup_elements(
    dom: &crate::dom::Dom,
    node: crate::dom::NodeId,
) -> impl Iterator<Item = crate::dom::NodeId> + '_ {
    std::iter::once(node)
        .chain(dom.ancestors(node))
        .filter(|&id| dom.element(id).is_some())
        .take(MARKUP_DEPTH)
}

/// The markup words of one element: its tag as `<tag>`, then the parts of its class and
/// id (see [`markup_words`]).
pub fn element_markup_words(element: &crate::dom::Element, each: &mut dyn FnMut(&str)) {
    let mut word = String::new();
    word.push('<');
    word.push_str(element.tag());
    word.push('>');
    each(&word);
    for value in ["class", "id"].into_iter().filter_map(|a| element.attr(a)) {
        for part in value.split(|c: char| !c.is_ascii_alphanumeric()) {
            if part.len() < 2
                || part.len() > MAX_MARKUP_WORD
                || part.bytes().any(|b| b.is_ascii_digit())
            {
                continue;
            }
            word.clear();
            word.extend(part.chars().map(|c| c.to_ascii_lowercase()));
            each(&word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    #[test]
    fn every_block_gets_a_full_vector_with_the_rule_verdict() {
        let prose = "A sentence long enough to be prose, with a comma, that ends with a full stop.";
        let html = format!(
            "<nav><a href=/>Home</a></nav><article><h1>Title</h1><p>{prose}</p><p>{prose}</p></article>"
        );
        let doc = Document::from_html(&html, &Limits::default(), None);
        let table = super::super::block_features(&doc);
        assert_eq!(table.len(), doc.blocks.len());
        let keeps = NAMES.iter().position(|n| *n == "rule_keeps").unwrap_or(0);
        let nav = NAMES.iter().position(|n| *n == "in_nav").unwrap_or(0);
        let kept: Vec<bool> = table.iter().map(|f| f[keeps] == 1.0).collect();
        assert_eq!(kept, [false, false, true, true]);
        assert_eq!(table[0][nav], 1.0);
        assert!(table.iter().flatten().all(|x| x.is_finite()));
    }
}
