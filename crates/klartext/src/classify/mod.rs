//! Classification: which blocks are the article and which are furniture.
//!
//! Two steps. First the *main region* is chosen: the element subtree whose blocks add up
//! to the most article-like text, where prose counts for it and link lists and short
//! fragments count against it — a maximum-sum segment search, constrained to the page's
//! own containers. Then, inside that region, blocks are dropped one by one for local
//! reasons: a nested furniture container (a share bar or a "related" box inside the
//! article), a link-heavy line, a furniture phrase, the headline repeated.
//!
//! Every decision carries its [`Reason`], so a page's result can be explained.

use crate::blocks::{Block, BlockKind, Document, Flags, Region};
use crate::lexicon::starts_with_furniture_phrase;
use crate::pagetype::PageType;
pub use favor::Favor;

pub mod discussion;
mod dump;
pub mod favor;
pub mod features;
pub mod model;

/// Why a block was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Inside the main region and nothing against it.
    Main,
    /// Outside the main region.
    OutsideMain,
    /// Inside a navigation, aside, footer, form or furniture-named container.
    FurnitureContainer,
    /// Mostly link text.
    LinkHeavy,
    /// Starts with a furniture phrase ("Mehr zum Thema", "Share this").
    FurniturePhrase,
    /// The headline, which is metadata rather than body text.
    Headline,
    /// A figure caption: it goes with its image, not into the running text.
    Caption,
    /// After a heading that opens a furniture section at the end of the article.
    TrailingSection,
    /// The same text was kept earlier on the page.
    Repeated,
    /// A byline or dateline: metadata, not body text.
    Byline,
    /// A closing call to subscribe, follow, download or donate.
    CallToAction,
    /// A short line of a text dump that leads into no text: a menu item, a label.
    ShortLine,
    /// A short label above the headline.
    Kicker,
    /// Kept by the rules, dropped by the learned block model.
    ModelDropped,
    /// Outside the main region, taken in by the learned block model.
    ModelKept,
    /// A leftover of the page's scripts in a text dump (JSON, a `console.…` call, flags).
    Code,
}

impl Reason {
    pub fn keeps(self) -> bool {
        matches!(self, Reason::Main | Reason::ModelKept)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Main => "main",
            Reason::OutsideMain => "outside-main",
            Reason::FurnitureContainer => "furniture-container",
            Reason::LinkHeavy => "link-heavy",
            Reason::FurniturePhrase => "furniture-phrase",
            Reason::Headline => "headline",
            Reason::Caption => "caption",
            Reason::TrailingSection => "trailing-section",
            Reason::Repeated => "repeated",
            Reason::Byline => "byline",
            Reason::CallToAction => "call-to-action",
            Reason::ShortLine => "short-line",
            Reason::Kicker => "kicker",
            Reason::ModelDropped => "model-dropped",
            Reason::ModelKept => "model-kept",
            Reason::Code => "code",
        }
    }
}

/// The decision for every block of a document.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub reasons: Vec<Reason>,
    /// Index into `Document::regions` of the chosen main region.
    pub main_region: Option<usize>,
}

impl Selection {
    pub fn keeps(&self, block: usize) -> bool {
        self.reasons.get(block).is_some_and(|r| r.keeps())
    }
}

/// Containers whose own tag, role or class marks them as furniture.
pub const FURNITURE: Flags = Flags::NAV
    .union(Flags::ASIDE)
    .union(Flags::FOOTER)
    .union(Flags::FORM)
    .union(Flags::FURNITURE_CLASS)
    .union(Flags::DISCUSSION_CLASS);

/// Furniture on a page read as a thread (see [`reads_as_thread`]): the posts in comment- and
/// reply-named boxes are its content.
const THREAD_FURNITURE: Flags = FURNITURE.difference(Flags::DISCUSSION_CLASS);

/// Decides for each block of `doc` whether it belongs to the article.
pub fn classify(doc: &Document) -> Selection {
    classify_favoring(doc, Favor::Balanced)
}

/// [`classify`], giving borderline verdicts the way `favor` prefers (see [`favor`]).
/// A text dump is classified as balanced whatever `favor` says.
pub fn classify_favoring(doc: &Document, favor: Favor) -> Selection {
    classify_page(doc, favor, None)
}

/// [`classify_favoring`] knowing the page type (`pagetype::detect`): a page the type model
/// is sure is an article is never read as a thread (see [`reads_as_thread`]).
pub fn classify_page(doc: &Document, favor: Favor, page_type: Option<&PageType>) -> Selection {
    let values: Vec<f32> = doc.blocks.iter().map(block_value).collect();
    if doc.regions.is_empty() {
        return dump::classify(doc, &values);
    }
    let thread = match page_type {
        Some(t) if t.kind == "article" && t.confidence >= 0.5 => Thread::Never,
        Some(t) if t.kind == "forum" && t.confidence >= FORUM_SURE => Thread::Always,
        _ => Thread::Maybe,
    };
    let mut ruled = apply_rules(doc, &values, favor, thread);
    if let Some(model) = model::shipped() {
        let revised = {
            let cx = ruled.context(doc, &values);
            let limits = favor.thresholds(model);
            model_verdicts(
                doc,
                model,
                limits,
                &features::Table::new(&cx),
                &ruled.reasons,
            )
        };
        ruled.reasons = revised;
    }
    Selection {
        reasons: ruled.reasons,
        main_region: ruled.main_region,
    }
}

/// The share of the rules' kept text a model (the block model or the dump model) may drop;
/// past it the model is more likely lost on an unusual page (a one-line test page, text
/// without spaces between words) than right, and the rules' verdicts stand.
const MAX_MODEL_DROP: f32 = 0.5;

/// Whether a model's revision of the rules' verdicts keeps enough of the text they kept
/// (see [`MAX_MODEL_DROP`]).
pub(super) fn within_drop_budget(doc: &Document, rules: &[Reason], revised: &[Reason]) -> bool {
    let kept_chars = |reasons: &[Reason]| -> f32 {
        doc.blocks
            .iter()
            .zip(reasons)
            .filter(|(_, r)| r.keeps())
            .map(|(b, _)| b.chars as f32)
            .sum()
    };
    kept_chars(revised) >= (1.0 - MAX_MODEL_DROP) * kept_chars(rules)
}

/// The block model's revision of the rules' verdicts: it drops kept blocks it finds
/// unlikely to be article text, and takes in blocks outside the main region it finds likely.
fn model_verdicts(
    doc: &Document,
    model: &model::Model,
    limits: favor::Thresholds,
    table: &features::Table,
    reasons: &[Reason],
) -> Vec<Reason> {
    let mut revised = reasons.to_vec();
    for (i, (reason, block)) in revised.iter_mut().zip(&doc.blocks).enumerate() {
        let droppable = reason.keeps() && may_drop(block, limits.drop_max_chars);
        if !droppable && *reason != Reason::OutsideMain {
            continue; // the model has no say here
        }
        let p = model.probability(&table.row(i));
        if droppable && p < limits.drop_below {
            *reason = Reason::ModelDropped;
        } else if *reason == Reason::OutsideMain && p >= limits.add_above {
            // Only what the region choice left out: a local rule's verdict inside the
            // main region (a byline, a caption) stands. Cross-validation on the dev sets
            // preferred this to taking back any block.
            *reason = Reason::ModelKept;
        }
    }
    if within_drop_budget(doc, reasons, &revised) {
        revised
    } else {
        reasons.to_vec()
    }
}

/// Whether the block model may drop a block the rules keep: only one shorter than
/// `max_chars` (the furniture it finds is short: a support appeal, an app link, a contact
/// line, an author's bio; long paragraphs are the article), not code or a table cell,
/// which the rules judged with their container, and not text written without spaces
/// (Chinese, Japanese): the training pages hold too little of these for the model to
/// judge them.
fn may_drop(block: &Block, max_chars: u32) -> bool {
    let words = block.text.split_whitespace().count() as u32;
    block.chars < max_chars
        && !matches!(block.kind, BlockKind::Preformatted | BlockKind::TableCell)
        && block.chars <= MAX_MEAN_WORD * words.max(1)
}

/// Longer "words" on average mean a script written without spaces.
const MAX_MEAN_WORD: u32 = 20;

/// The features of every block of an HTML page after the rules have spoken: what the
/// block model is trained on (`klartext-bench --features`); no page is read as a thread here.
pub fn block_features(doc: &Document) -> Vec<features::Features> {
    let values: Vec<f32> = doc.blocks.iter().map(block_value).collect();
    let ruled = apply_rules(doc, &values, Favor::Balanced, Thread::Never);
    features::features(&ruled.context(doc, &values))
}

/// The dump model's features of every block of a text dump after the dump rules have
/// spoken: what the dump model is trained on (`textdump::model::training_rows`).
pub fn dump_block_features(doc: &Document) -> Vec<Vec<f32>> {
    let values: Vec<f32> = doc.blocks.iter().map(block_value).collect();
    dump::block_features(doc, &values)
}

/// The verdicts of the hand-written rules on an HTML page.
struct Ruled {
    reasons: Vec<Reason>,
    main_region: Option<usize>,
    range: std::ops::Range<usize>,
    mode: Mode,
}

impl Ruled {
    fn context<'a>(&'a self, doc: &'a Document, values: &'a [f32]) -> features::Context<'a> {
        features::Context {
            doc,
            reasons: &self.reasons,
            main: self.range.clone(),
            values,
            listing: self.mode == Mode::Listing,
        }
    }
}

/// Chooses the main region and gives every block the rules' verdict.
/// Unless `thread` is [`Thread::Never`], a page whose posts hold more prose than the rest
/// is read as a thread ([`reads_as_thread`]).
fn apply_rules(doc: &Document, values: &[f32], favor: Favor, thread: Thread) -> Ruled {
    let ruled = apply_rules_with(doc, values, favor, FURNITURE);
    if thread != Thread::Never && reads_as_thread(doc, values, &ruled.reasons, thread) {
        apply_rules_with(doc, values, favor, THREAD_FURNITURE)
    } else {
        ruled
    }
}

/// Whether a page may be read as a thread, by what the page type says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Thread {
    /// The type model is sure of an article: the comment boxes are furniture.
    Never,
    /// The rules decide ([`reads_as_thread`]).
    Maybe,
    /// The type model is sure of a forum: the posts are the content.
    Always,
}

/// From this confidence on, a page the type model reads as a forum is read as a thread.
const FORUM_SURE: f64 = 0.5;

/// [`apply_rules`] with `furniture` as the containers that are furniture.
fn apply_rules_with(doc: &Document, values: &[f32], favor: Favor, furniture: Flags) -> Ruled {
    let (mut main_region, best) = choose_main_region(&doc.regions, &prefix_sums(values), furniture);
    let mut mode = Mode::Article;
    if best < MODEST_PROSE {
        // Little prose for an article: a listing, a product page, a thread index? There
        // the links and short items are the content; only marked furniture is not.
        let listing: Vec<f32> = doc.blocks.iter().map(listing_value).collect();
        let (listing_region, listing_best) =
            choose_main_region(&doc.regions, &prefix_sums(&listing), furniture);
        if best < LOW_PROSE || best < LISTING_SHARE * listing_best {
            main_region = listing_region;
            mode = Mode::Listing;
        }
    }
    let range = match main_region {
        Some(i) => doc.regions[i].blocks.clone(),
        None => 0..doc.blocks.len(),
    };
    let mut reasons = vec![Reason::OutsideMain; doc.blocks.len()];
    for i in range.clone() {
        reasons[i] = local_reason(&doc.blocks[i], mode);
    }
    drop_nested_furniture(doc, main_region, &range, values, furniture, &mut reasons);
    if favor.cuts_tail() {
        cut_trailing_section(doc, &range, values, &mut reasons);
    }
    if let Some(main) = main_region {
        adopt_adjacent_prose(doc, main, furniture, &mut reasons);
    }
    drop_kickers(doc, &range, &mut reasons);
    if favor.cuts_tail() {
        drop_closing_calls_to_action(doc, &range, &mut reasons);
    }
    if mode == Mode::Article {
        // (On a listing the links are the content.)
        favor.cut_links(doc, &mut reasons);
    }
    drop_repeats(doc, &mut reasons);
    Ruled {
        reasons,
        main_region,
        range,
        mode,
    }
}

/// What kind of page the classifier decided it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Running prose: links and fragments are furniture.
    Article,
    /// Little prose anywhere: lists of links and short items are the content.
    Listing,
}

/// Below this much prose in the best region a page is read as a listing.
const LOW_PROSE: f32 = 400.0;
/// Below this much prose, a page is read as a listing when its best listing region holds
/// several times more text than its best prose region.
const MODEST_PROSE: f32 = 1500.0;
const LISTING_SHARE: f32 = 0.25;

fn prefix_sums(values: &[f32]) -> Vec<f32> {
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0f32);
    for v in values {
        prefix.push(prefix[prefix.len() - 1] + v);
    }
    prefix
}

/// Whether the page is a thread whose posts are its content: what the rules keep outside
/// comment- and reply-named boxes is little prose, less than the boxes hold together. On
/// an article with a comment section the article's own prose wins, and the comments stay
/// furniture. On a page the type model is sure is a forum ([`Thread::Always`]), posts under
/// a furniture-named ancestor count (themes name whole pages `fixed-nav-bar`), and the
/// rest may hold twice as much prose.
fn reads_as_thread(doc: &Document, values: &[f32], reasons: &[Reason], thread: Thread) -> bool {
    // A sure forum: posts under a furniture-named ancestor count, and more prose may sit
    // outside them.
    let (not_posts, prose_cap) = if thread == Thread::Always {
        (
            NOT_POSTS.difference(Flags::FURNITURE_CLASS),
            2.0 * MODEST_PROSE,
        )
    } else {
        (NOT_POSTS, MODEST_PROSE)
    };
    let (mut kept, mut posts) = (0.0f32, 0.0f32);
    for ((block, value), reason) in doc.blocks.iter().zip(values).zip(reasons) {
        let prose = value.max(0.0);
        if reason.keeps() {
            kept += prose;
        }
        if block.flags.contains(Flags::DISCUSSION_CLASS) && !block.flags.intersects(not_posts) {
            posts += prose;
        }
    }
    kept < prose_cap && posts >= LOW_PROSE && kept < posts
}

/// Containers whose blocks are no posts even in a comment- or reply-named box. Not forms:
/// forum software often sets the posts in a moderation form.
const NOT_POSTS: Flags = THREAD_FURNITURE.difference(Flags::FORM);

/// The page's own frame by tag or role: navigation, header, footer, aside, forms.
const PAGE_FRAME: Flags = Flags::NAV
    .union(Flags::HEADER)
    .union(Flags::FOOTER)
    .union(Flags::ASIDE)
    .union(Flags::FORM);

/// A block's value on a page without an article: any text counts, marked furniture
/// (navigation, footer, aside, forms) counts against.
fn listing_value(block: &Block) -> f32 {
    let chars = block.chars as f32;
    if block.flags.intersects(PAGE_FRAME) {
        -chars
    } else {
        chars
    }
}

/// How much a block speaks for the region that holds it: prose for, link lists and short
/// fragments against.
pub(super) fn block_value(block: &Block) -> f32 {
    let chars = block.chars as f32;
    let link_density = block.link_density();
    if link_density > 0.5 {
        return -chars;
    }
    if matches!(block.kind, BlockKind::Heading(_)) {
        return 0.0;
    }
    if block.chars >= 100 || (block.chars >= 40 && ends_like_sentence(&block.text)) {
        return chars * (1.0 - link_density);
    }
    -0.25 * chars
}

pub(crate) fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '"', '“', '”', '»', '«', ':', ')', '…'])
}

/// The region with the highest weighted block sum, and that sum; furniture containers
/// can't be chosen.
fn choose_main_region(
    regions: &[Region],
    prefix: &[f32],
    furniture: Flags,
) -> (Option<usize>, f32) {
    let mut best: Option<(usize, f32, f32)> = None;
    for (i, region) in regions.iter().enumerate() {
        if region.own.intersects(furniture) {
            continue;
        }
        let sum = prefix[region.blocks.end] - prefix[region.blocks.start];
        if sum <= 0.0 {
            continue;
        }
        let score = sum * bonus(region.own);
        if best.is_none_or(|(_, s, _)| score > s) {
            best = Some((i, score, sum));
        }
    }
    match best {
        Some((i, _, sum)) => (Some(i), sum),
        None => (None, 0.0),
    }
}

/// How much a container's own markup vouches for it being the article.
fn bonus(own: Flags) -> f32 {
    if own.contains(Flags::ARTICLE_BODY) {
        1.3
    } else if own.intersects(
        Flags::ARTICLE
            .union(Flags::MAIN)
            .union(Flags::CONTENT_CLASS),
    ) {
        1.1
    } else {
        1.0
    }
}

/// The verdict on a block inside the main region, from the block alone.
pub(super) fn local_reason(block: &Block, mode: Mode) -> Reason {
    if block.kind == BlockKind::Heading(1) {
        return Reason::Headline;
    }
    if block.kind == BlockKind::Caption {
        return Reason::Caption;
    }
    if is_byline(block) {
        return Reason::Byline;
    }
    if mode == Mode::Article
        && block.link_density() > 0.5
        && !matches!(block.kind, BlockKind::Heading(_))
    {
        return Reason::LinkHeavy;
    }
    if (block.chars < 120 && starts_with_furniture_phrase(&block.text))
        || is_copyright_line(&block.text)
    {
        return Reason::FurniturePhrase;
    }
    Reason::Main
}

/// The share of the region's prose that may follow a furniture heading for everything
/// after it to be dropped.
const TRAILING_SHARE: f32 = 0.25;

/// Drops the tail of the main region from a heading that opens a furniture section
/// ("Mehr zum Thema", "Related", "Über den Autor"), when little prose follows it.
fn cut_trailing_section(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
) {
    cut_trailing_section_at(doc, range, values, reasons, opens_furniture_section);
}

/// Drops the tail of `range` from the first block `opens_section` accepts after which
/// little of the prose follows.
pub(super) fn cut_trailing_section_at(
    doc: &Document,
    range: &std::ops::Range<usize>,
    values: &[f32],
    reasons: &mut [Reason],
    opens_section: impl Fn(&Block) -> bool,
) {
    let total: f32 = values[range.clone()].iter().filter(|v| **v > 0.0).sum();
    if total <= 0.0 {
        return;
    }
    let mut after: f32 = total;
    for i in range.clone() {
        if opens_section(&doc.blocks[i]) && after <= TRAILING_SHARE * total {
            for r in &mut reasons[i..range.end] {
                if r.keeps() {
                    *r = Reason::TrailingSection;
                }
            }
            return;
        }
        after -= values[i].max(0.0);
    }
}

/// A heading, or a short label ending in a colon, that names a furniture section.
pub(super) fn opens_furniture_section(block: &Block) -> bool {
    let label = matches!(block.kind, BlockKind::Heading(_))
        || (block.chars < 40 && block.text.trim_end().ends_with(':'));
    label && block.link_density() < 0.5 && starts_with_furniture_phrase(&block.text)
}

/// How many blocks that are not prose may stand between the main region and prose next to
/// it that still belongs to the article (a dateline, a subheading, an image caption).
const ADJACENT_GAP: usize = 2;

/// Takes in prose that stands right before or after the main region inside its parent
/// container: the lead paragraph set in the header, a closing paragraph after an ad slot.
fn adopt_adjacent_prose(doc: &Document, main: usize, furniture: Flags, reasons: &mut [Reason]) {
    let Some(parent) = parent_region(doc, main) else {
        return;
    };
    let main_blocks = doc.regions[main].blocks.clone();
    let outer = doc.regions[parent].blocks.clone();
    let mut adopt = |indices: &mut dyn Iterator<Item = usize>| {
        let mut gap = Vec::new();
        for i in indices {
            let block = &doc.blocks[i];
            if block.flags.intersects(furniture) {
                break;
            }
            if is_adjacent_prose(block) {
                for g in gap.drain(..) {
                    reasons[g] = local_reason(&doc.blocks[g], Mode::Article);
                }
                reasons[i] = local_reason(block, Mode::Article);
            } else if gap.len() < ADJACENT_GAP {
                gap.push(i);
            } else {
                break;
            }
        }
    };
    adopt(&mut (outer.start..main_blocks.start).rev());
    adopt(&mut (main_blocks.end..outer.end));
}

/// Prose that can join the article from next to it.
fn is_adjacent_prose(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
        && block.chars >= 80
        && block.link_density() < 0.25
        && ends_like_sentence(&block.text)
}

/// The nearest region around `child` that holds more blocks than it.
fn parent_region(doc: &Document, child: usize) -> Option<usize> {
    let inner = &doc.regions[child];
    // Regions are stored children first, so the parent comes later.
    doc.regions[child + 1..]
        .iter()
        .position(|r| {
            r.blocks.start <= inner.blocks.start
                && r.blocks.end >= inner.blocks.end
                && r.blocks != inner.blocks
        })
        .map(|p| child + 1 + p)
}

/// Kickers ("Weinbau", "Exklusiv", "Analysis") are a few words long.
const MAX_KICKER_CHARS: u32 = 40;

/// Drops the short labels that stand above the headline (kicker, section, "Update").
pub(super) fn drop_kickers(doc: &Document, range: &std::ops::Range<usize>, reasons: &mut [Reason]) {
    let Some(headline) = range
        .clone()
        .find(|&i| doc.blocks[i].kind == BlockKind::Heading(1))
    else {
        return;
    };
    let above = range.start..headline;
    for (block, reason) in doc.blocks[above.clone()].iter().zip(&mut reasons[above]) {
        if reason.keeps() && block.chars <= MAX_KICKER_CHARS && !ends_like_sentence(&block.text) {
            *reason = Reason::Kicker;
        }
    }
}

/// A paragraph this long is article text wherever it stands.
pub(super) const LONG_PARAGRAPH: u32 = 250;

/// Drops short blocks after the article's last long paragraph that ask the reader to do
/// something else: subscribe, follow, download, donate.
pub(super) fn drop_closing_calls_to_action(
    doc: &Document,
    range: &std::ops::Range<usize>,
    reasons: &mut [Reason],
) {
    let Some(last_long) = range
        .clone()
        .rev()
        .find(|&i| reasons[i].keeps() && doc.blocks[i].chars >= LONG_PARAGRAPH)
    else {
        return;
    };
    let tail = last_long + 1..range.end;
    for (block, reason) in doc.blocks[tail.clone()].iter().zip(&mut reasons[tail]) {
        if reason.keeps()
            && block.chars < LONG_PARAGRAPH
            && crate::lexicon::contains_call_to_action(&block.text)
        {
            *reason = Reason::CallToAction;
        }
    }
}

/// Blocks shorter than this may repeat (a "Note:" label, a list marker word).
pub(super) const MIN_REPEAT_CHARS: u32 = 20;

/// How many repeated blocks in a row make a duplicated section.
const MIN_REPEAT_RUN: usize = 2;

/// Drops runs of kept blocks whose text was kept before in another container: responsive
/// layouts render one text once per screen size and hide all but one by style sheet;
/// sliders clone their slides. A paragraph repeated here and there is the author's and
/// stays.
pub(super) fn drop_repeats(doc: &Document, reasons: &mut [Reason]) {
    let mut seen = std::collections::HashMap::new();
    let mut repeated = vec![false; doc.blocks.len()];
    for (i, block) in doc.blocks.iter().enumerate() {
        if !reasons[i].keeps() || block.chars < MIN_REPEAT_CHARS {
            continue;
        }
        let container = doc.dom.node(block.node).parent;
        let first = *seen.entry(block.text.as_str()).or_insert(container);
        repeated[i] = first != container;
    }
    let kept: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| reasons[i].keeps())
        .collect();
    for run in kept.chunk_by(|&a, &b| repeated[a] == repeated[b]) {
        if repeated[run[0]] && run.len() >= MIN_REPEAT_RUN {
            for &i in run {
                reasons[i] = Reason::Repeated;
            }
        }
    }
}

/// Bylines and datelines are short.
const MAX_BYLINE_CHARS: u32 = 100;

/// A byline or dateline: "Von Anna Berger", "Posted: April 21, 2022", "19.08.2024, 07:45 Uhr".
fn is_byline(block: &Block) -> bool {
    if block.kind != BlockKind::Paragraph || block.chars > MAX_BYLINE_CHARS {
        return false;
    }
    let digits = block.text.chars().filter(char::is_ascii_digit).count() as u32;
    crate::lexicon::starts_like_byline(&block.text) || (digits >= 4 && digits * 3 >= block.chars)
}

/// A copyright notice, whatever its length.
pub(super) fn is_copyright_line(text: &str) -> bool {
    let head = text.trim_start();
    head.starts_with('©')
        || head.starts_with("(c) ")
        || head.starts_with("Copyright")
        || head.starts_with("copyright")
}

/// Prose mass (characters of prose blocks) beyond which a container is taken for content
/// whatever its name says: share bars and teaser boxes are never that long.
const LARGE_PROSE: f32 = 1500.0;

/// Drops the blocks of furniture containers nested inside the main region, unless such a
/// container holds much of the region's prose (then its name is misleading).
pub(super) fn drop_nested_furniture(
    doc: &Document,
    main_region: Option<usize>,
    range: &std::ops::Range<usize>,
    values: &[f32],
    furniture: Flags,
    reasons: &mut [Reason],
) {
    let positive = |r: &std::ops::Range<usize>| -> f32 {
        values[r.clone()].iter().filter(|v| **v > 0.0).sum()
    };
    let main_mass = positive(range);
    for (i, region) in doc.regions.iter().enumerate() {
        if Some(i) == main_region
            || region.blocks.start < range.start
            || region.blocks.end > range.end
            || !region.own.intersects(furniture)
        {
            continue;
        }
        let mass = positive(&region.blocks);
        if main_mass > 0.0 && (mass > 0.5 * main_mass || mass > LARGE_PROSE) {
            continue;
        }
        if named_weakly(region.own) && holds_long_paragraph(doc, &region.blocks) {
            continue;
        }
        for r in &mut reasons[region.blocks.clone()] {
            if r.keeps() {
                *r = Reason::FurnitureContainer;
            }
        }
    }
}

/// Whether a container is furniture only by a weak class word (`print`, `tools`, `ads`)
/// and not by its tag or role.
fn named_weakly(own: Flags) -> bool {
    own.contains(Flags::WEAK_FURNITURE_CLASS) && !own.intersects(PAGE_FRAME)
}

/// Whether some block of `blocks` is a long paragraph of prose: toolbars and ad slots hold
/// none.
fn holds_long_paragraph(doc: &Document, blocks: &std::ops::Range<usize>) -> bool {
    doc.blocks[blocks.clone()].iter().any(|b| {
        b.kind == BlockKind::Paragraph && b.chars >= LONG_PARAGRAPH && b.link_density() < 0.2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn kept(html: &str) -> Vec<String> {
        let doc = Document::from_html(html, &Limits::default(), None);
        texts_kept(&doc, &classify(&doc))
    }

    /// The texts of the blocks `sel` keeps, in order.
    pub(super) fn texts_kept(doc: &Document, sel: &Selection) -> Vec<String> {
        doc.blocks
            .iter()
            .enumerate()
            .filter(|(i, _)| sel.keeps(*i))
            .map(|(_, b)| b.text.clone())
            .collect()
    }

    const PROSE: &str = "This is a sentence of the article that is long enough to count as prose, with a comma, and it ends properly.";

    /// A thread whose posts sit in reply-named boxes inside a moderation form, and the
    /// same posts under an article of its own.
    fn thread(article: &str) -> String {
        let post = |n: u32| {
            format!(
                "<div class=\"reply\"><aside><a href=/u>Member {n}</a></aside><p>Reply {n}: I \
                 tried the same steps on my own machine and they worked once I had cleared the \
                 cache, restarted the service twice and waited a minute for it.</p></div>"
            )
        };
        format!(
            "<html><body><nav><a href=/>Home</a> <a href=/f>Forums</a></nav><main><h1>Cache \
             trouble</h1>{article}<div id=\"comments\"><form method=post>{}</form></div></main>\
             </body></html>",
            (1..=6).map(post).collect::<String>()
        )
    }

    fn kept_as(html: &str, page_type: Option<&PageType>) -> Vec<String> {
        let doc = Document::from_html(html, &Limits::default(), None);
        texts_kept(&doc, &classify_page(&doc, Favor::Balanced, page_type))
    }

    #[test]
    fn a_thread_keeps_its_posts_in_order() {
        let got = kept_as(&thread(""), None);
        let replies: Vec<&String> = got.iter().filter(|t| t.starts_with("Reply")).collect();
        // (The block model may still drop a closing one-liner; the posts stay in order.)
        assert!(replies.len() >= 5, "{got:?}");
        assert!(replies
            .iter()
            .enumerate()
            .all(|(i, t)| t.starts_with(&format!("Reply {}", i + 1))));
        assert!(!got.iter().any(|t| t.starts_with("Member")), "{got:?}");
    }

    #[test]
    fn an_article_keeps_its_comments_out() {
        let article = format!("<article><p>{PROSE}</p>").repeat(12) + &"</article>".repeat(12);
        let got = kept_as(&thread(&article), None);
        assert!(got.iter().any(|t| t == PROSE), "{got:?}");
        assert!(!got.iter().any(|t| t.starts_with("Reply")), "{got:?}");
    }

    #[test]
    fn a_page_sure_to_be_an_article_is_no_thread() {
        let sure = PageType {
            kind: "article".into(),
            confidence: 0.9,
        };
        let got = kept_as(&thread(""), Some(&sure));
        assert!(!got.iter().any(|t| t.starts_with("Reply")), "{got:?}");
    }

    #[test]
    fn the_article_wins_over_menus_and_footers() {
        let html = format!(
            "<nav><ul><li><a href=/a>Home</a></li><li><a href=/b>World</a></li></ul></nav>\
             <div class=content><h1>Headline</h1><p>{PROSE}</p><p>{PROSE} Two.</p></div>\
             <footer><p>All rights reserved. Contact us for more information about this site.</p></footer>"
        );
        let kept = kept(&html);
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept[1].ends_with("Two."));
    }

    #[test]
    fn nested_share_bar_and_related_box_are_dropped() {
        let html = format!(
            "<article><p>{PROSE}</p><div class=share-bar><a href=#>Facebook</a> <a href=#>X</a></div>\
             <p>{PROSE} B.</p><aside class=related><h3>Mehr zum Thema</h3><p><a href=/x>Another story about something else entirely</a></p></aside>\
             <p>{PROSE} C.</p></article>"
        );
        let kept = kept(&html);
        assert_eq!(kept.len(), 3, "{kept:?}");
        assert!(kept.iter().all(|t| t.starts_with("This is")));
    }

    #[test]
    fn a_box_named_by_a_weak_furniture_word_is_kept_when_it_holds_long_paragraphs() {
        let long = format!("{PROSE} {PROSE} {PROSE}");
        let html = format!(
            "<article><p>{PROSE}</p><section class=\"report report--ads\"><h2>Fazit</h2><p>{long}</p></section>\
             <div class=article-tools><p>Drucken</p><p>Teilen per Mail</p></div><p>{PROSE} End.</p></article>"
        );
        let kept = kept(&html);
        assert!(kept.contains(&long), "{kept:?}");
        assert!(!kept.iter().any(|t| t == "Drucken"), "{kept:?}");
    }

    #[test]
    fn furniture_phrases_are_dropped_inside_the_article() {
        let html = format!(
            "<article><p>{PROSE}</p><p>Lesen Sie auch: Noch ein Text</p><p>{PROSE}</p></article>"
        );
        assert_eq!(kept(&html).len(), 2);
    }

    #[test]
    fn a_trailing_related_section_is_cut_but_not_a_midway_one() {
        let html = format!(
            "<article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><h2>Mehr zum Thema</h2><p>{PROSE} Other.</p></article>"
        );
        let kept = kept(&html);
        assert_eq!(kept.len(), 4, "{kept:?}");
        let html = format!(
            "<article><p>{PROSE}</p><h2>Related</h2><p>{PROSE}</p><p>{PROSE}</p></article>"
        );
        assert_eq!(kept_count(&html), 3);
    }

    fn kept_count(html: &str) -> usize {
        kept(html).len()
    }

    #[test]
    fn a_page_without_prose_keeps_its_listing_not_its_menu() {
        let items: String = (0..12)
            .map(|i| format!("<li><a href=/p{i}>Paper number {i} on extraction</a></li>"))
            .collect();
        let html = format!(
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/about>About us</a></li></ul></nav>\
             <main><h2>Recent submissions</h2><ul>{items}</ul></main><footer><a href=/imprint>Imprint</a></footer>"
        );
        let kept = kept(&html);
        // The listing's heading is the model's call; the twelve items are the rules'.
        let papers = kept.iter().filter(|t| t.starts_with("Paper number"));
        assert_eq!(papers.count(), 12, "{kept:?}");
        assert!(kept
            .iter()
            .all(|t| !t.contains("Home") && !t.contains("Imprint")));
    }

    #[test]
    fn a_layout_copy_of_the_article_is_dropped_but_a_repeated_line_stays() {
        let body = format!("<p>{PROSE} A.</p><p>{PROSE} B.</p>");
        let html =
            format!("<main><div class=desktop>{body}</div><div class=mobile>{body}</div></main>");
        assert_eq!(kept_count(&html), 2);
        let html = format!("<article><div><p>{PROSE}</p></div><p>{PROSE} B.</p><div><p>{PROSE}</p></div></article>");
        assert_eq!(kept_count(&html), 3);
    }

    #[test]
    fn bylines_and_datelines_are_dropped() {
        let html = format!(
            "<article><p>Von Anna Berger</p><p>19.08.2024, 07:45 Uhr</p><p>{PROSE}</p></article>"
        );
        assert_eq!(kept(&html), [PROSE]);
    }

    #[test]
    fn a_closing_call_to_action_is_dropped() {
        let long = PROSE.repeat(3);
        let html = format!(
            "<article><p>{long}</p><p>Sign up for our newsletter to get the news.</p><p>The company said it will answer.</p></article>"
        );
        assert_eq!(
            kept(&html),
            [long.as_str(), "The company said it will answer."]
        );
    }

    #[test]
    fn the_kicker_above_the_headline_is_dropped() {
        let html =
            format!("<article><p>Weinbau</p><h1>Winzer lesen früh</h1><p>{PROSE}</p></article>");
        assert_eq!(kept(&html), [PROSE]);
    }

    #[test]
    fn the_model_may_not_drop_code_tables_long_paragraphs_or_unspaced_text() {
        let html = format!(
            "<article><p>Support us: donate now.</p><pre>let x = 1;</pre><table><tr><td>April 2014</td></tr></table>\
             <p>{}</p><p>{}</p></article>",
            PROSE.repeat(2),
            "人工智能公司开发出一款新的计算机。".repeat(3)
        );
        let doc = Document::from_html(&html, &Limits::default(), None);
        let droppable: Vec<bool> = doc.blocks.iter().map(|b| may_drop(b, 150)).collect();
        assert_eq!(droppable, [true, false, false, false, false]);
    }

    #[test]
    fn an_empty_page_keeps_nothing() {
        assert!(kept("").is_empty());
        assert!(kept("<p></p>").is_empty());
    }
}
