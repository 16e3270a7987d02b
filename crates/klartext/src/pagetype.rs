//! The page type: whether an HTML page is an article, a forum thread, a product page, a
//! collection, a listing, documentation or a service page (WCXB's seven types).
//!
//! A page is described by a few dozen page-level features — the schema.org and Open Graph
//! types it declares, and the shape of its blocks: how much of the text is prose, links,
//! code, tables, list items, posts in comment- or reply-named boxes, prices — and a
//! multinomial logistic regression over them (`data/page-type-model.txt`, trained by
//! `tools/train_page_type.py` on the tune part of WCXB dev, sites grouped) gives each type a
//! probability. Nothing here names a site: every feature is a pattern many sites share.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::blocks::{BlockKind, Document, Flags};
use crate::dom::{Dom, NodeId};

/// The types, in the order of the model's columns.
pub const TYPES: [&str; 7] = [
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
];

/// The feature names, in the order of [`features`]'s vector and the model file.
pub const NAMES: [&str; 30] = [
    "ld_article",
    "ld_product",
    "ld_forum",
    "ld_collection",
    "ld_docs",
    "ld_service",
    "og_article",
    "og_product",
    "log_chars",
    "log_blocks",
    "prose_share",
    "link_share",
    "pre_share",
    "cell_share",
    "item_share",
    "heading_share",
    "linked_headings",
    "post_share",
    "post_boxes",
    "prices",
    "cart_words",
    "times",
    "articles",
    "h1s",
    "code_elements",
    "longest_block",
    "form_share",
    "mean_block",
    "quote_share",
    "furniture_share",
];

/// A page's type and the model's probability for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageType {
    #[serde(rename = "type")]
    pub kind: String,
    /// Rounded to three decimals; an `f64`, so that every binding reads the same number.
    pub confidence: f64,
}

/// The page type of an HTML document; `None` for a text dump (the model knows HTML only) or
/// an empty page.
pub fn detect(doc: &Document) -> Option<PageType> {
    if doc.regions.is_empty() || doc.blocks.is_empty() {
        return None;
    }
    let probs = MODEL.as_ref()?.probabilities(&features(doc));
    let (best, p) = probs.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
    Some(PageType {
        kind: TYPES[best].to_owned(),
        confidence: (f64::from(*p) * 1000.0).round() / 1000.0,
    })
}

/// What the markup declares: schema.org types (JSON-LD `@type`, microdata `itemtype`) and
/// Open Graph `og:type`, sorted into the families the model reads, plus element counts.
#[derive(Debug, Default)]
struct Declared {
    families: [bool; 6],
    og_article: bool,
    og_product: bool,
    times: u32,
    articles: u32,
    h1s: u32,
    code: u32,
}

/// schema.org types by family: article, product, forum, collection, documentation, service.
const FAMILIES: [&[&str]; 6] = [
    &[
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "scholarlyarticle",
        "liveblogposting",
    ],
    &["product", "offer", "aggregateoffer", "productgroup", "car"],
    &[
        "discussionforumposting",
        "qapage",
        "question",
        "answer",
        "socialmediaposting",
        "comment",
    ],
    &[
        "collectionpage",
        "itemlist",
        "searchresultspage",
        "blog",
        "profilepage",
    ],
    &["techarticle", "apireference", "softwaresourcecode", "howto"],
    &[
        "contactpage",
        "aboutpage",
        "faqpage",
        "localbusiness",
        "service",
        "organization",
        "event",
        "jobposting",
    ],
];

fn note_type(declared: &mut Declared, name: &str) {
    let name = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    for (family, names) in FAMILIES.iter().enumerate() {
        if names.contains(&name.as_str()) {
            declared.families[family] = true;
        }
    }
}

static LD_TYPE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#""@type"\s*:\s*(\[[^\]]{0,300}\]|"[^"]{1,80}")"#).expect("valid regex")
});

fn declared(dom: &Dom) -> Declared {
    let mut d = Declared::default();
    for id in dom.descendants(NodeId::DOCUMENT) {
        let Some(element) = dom.element(id) else {
            continue;
        };
        match element.tag() {
            "script" if element.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                let text = dom.text_content(id);
                for m in LD_TYPE.captures_iter(&text) {
                    for name in m[1].split('"').filter(|s| s.len() > 1 && !s.contains(',')) {
                        note_type(&mut d, name.trim_matches(['[', ']', ' ']));
                    }
                }
            }
            "meta" if element.attr("property") == Some("og:type") => {
                let value = element.attr("content").unwrap_or("").to_ascii_lowercase();
                d.og_article |= value.contains("article");
                d.og_product |= value.contains("product");
            }
            "time" => d.times += 1,
            "article" => d.articles += 1,
            "h1" => d.h1s += 1,
            "pre" | "code" => d.code += 1,
            _ => {}
        }
        if let Some(types) = element.attr("itemtype") {
            for name in types.split_whitespace() {
                note_type(&mut d, name);
            }
        }
    }
    d
}

/// Words of class and id values that name a post of a thread or a comment.
const POST_WORDS: [&str; 8] = [
    "comment", "reply", "post", "message", "thread", "topic", "answer", "forum",
];

/// Whether an element's class or id names a post or comment box.
fn is_post_box(dom: &Dom, node: NodeId) -> bool {
    ["class", "id"].iter().any(|a| {
        dom.attr(node, a).is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| POST_WORDS.iter().any(|p| starts_with_ignore_case(w, p)))
        })
    })
}

/// Whether `word` starts with the lower-case ASCII `prefix`, ASCII case ignored (no
/// lower-cased copy of the word is made).
fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.len() >= prefix.len()
        && word.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// [`is_post_box`] answered once per element: blocks share their ancestors.
struct PostBoxes<'a> {
    dom: &'a Dom,
    /// Per node: 0 not asked yet, 1 no, 2 yes.
    known: Vec<u8>,
}

impl<'a> PostBoxes<'a> {
    fn new(dom: &'a Dom) -> Self {
        PostBoxes {
            dom,
            known: vec![0; dom.len()],
        }
    }

    fn is_post_box(&mut self, node: NodeId) -> bool {
        let Some(slot) = self.known.get_mut(node.index()) else {
            return is_post_box(self.dom, node);
        };
        if *slot == 0 {
            *slot = if is_post_box(self.dom, node) { 2 } else { 1 };
        }
        *slot == 2
    }
}

/// Words shops put on their buy buttons and stock lines (lower-case).
const CART_WORDS: [&str; 8] = [
    "add to cart",
    "add to basket",
    "in den warenkorb",
    "buy now",
    "jetzt kaufen",
    "in stock",
    "auf lager",
    "out of stock",
];

fn is_price(text: &str) -> bool {
    let bytes = text.as_bytes();
    ["€", "$", "£", "EUR", "USD", "CHF"].iter().any(|sym| {
        text.match_indices(sym).any(|(at, s)| {
            let before = bytes[..at].iter().rev().find(|b| **b != b' ');
            let after = bytes[at + s.len()..].iter().find(|b| **b != b' ');
            before.is_some_and(u8::is_ascii_digit) || after.is_some_and(u8::is_ascii_digit)
        })
    })
}

/// Sums over the blocks, in characters unless named otherwise.
#[derive(Debug, Default)]
struct Shape {
    chars: f32,
    prose: f32,
    links: f32,
    pre: f32,
    cells: f32,
    items: f32,
    quotes: f32,
    headings: f32,
    linked_headings: f32,
    posts: f32,
    prices: f32,
    cart: f32,
    longest: f32,
    form: f32,
    furniture: f32,
}

fn shape(doc: &Document) -> (Shape, u32) {
    let mut s = Shape::default();
    let mut post_boxes = std::collections::HashSet::new();
    let mut boxes = PostBoxes::new(&doc.dom);
    for b in &doc.blocks {
        let chars = b.chars as f32;
        s.chars += chars;
        s.links += b.link_chars as f32;
        s.longest = s.longest.max(chars);
        if chars >= 150.0 && b.link_density() < 0.3 {
            s.prose += chars;
        }
        match b.kind {
            BlockKind::Preformatted => s.pre += chars,
            BlockKind::TableCell => s.cells += chars,
            BlockKind::ListItem { .. } => s.items += chars,
            BlockKind::Quote => s.quotes += chars,
            BlockKind::Heading(_) => {
                s.headings += 1.0;
                if b.link_density() > 0.5 {
                    s.linked_headings += 1.0;
                }
            }
            _ => {}
        }
        if b.flags.intersects(Flags::FORM) {
            s.form += chars;
        }
        if b.flags.intersects(crate::classify::FURNITURE) {
            s.furniture += chars;
        }
        if let Some(post) = doc
            .dom
            .ancestors(b.node)
            .take(12)
            .find(|&a| boxes.is_post_box(a))
        {
            s.posts += chars;
            post_boxes.insert(post);
        }
        if b.chars < 400 && is_price(&b.text) {
            s.prices += 1.0;
        }
        if b.chars < 200 {
            let lower = b.text.to_lowercase();
            if CART_WORDS.iter().any(|w| lower.contains(w)) {
                s.cart += 1.0;
            }
        }
    }
    (s, post_boxes.len() as u32)
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

fn ln1(x: f32) -> f32 {
    x.max(0.0).ln_1p()
}

/// The page's features, in the order of [`NAMES`].
pub fn features(doc: &Document) -> Vec<f32> {
    let d = declared(&doc.dom);
    let (s, post_boxes) = shape(doc);
    let blocks = doc.blocks.len() as f32;
    let share = |x: f32| if s.chars > 0.0 { x / s.chars } else { 0.0 };
    let mut v: Vec<f32> = d.families.iter().map(|&f| flag(f)).collect();
    v.extend([
        flag(d.og_article),
        flag(d.og_product),
        ln1(s.chars),
        ln1(blocks),
        share(s.prose),
        share(s.links),
        share(s.pre),
        share(s.cells),
        share(s.items),
        if blocks > 0.0 {
            s.headings / blocks
        } else {
            0.0
        },
        ln1(s.linked_headings),
        share(s.posts),
        ln1(post_boxes as f32),
        ln1(s.prices),
        ln1(s.cart),
        ln1(d.times as f32),
        ln1(d.articles as f32),
        ln1(d.h1s as f32),
        ln1(d.code as f32),
        ln1(s.longest),
        share(s.form),
        if blocks > 0.0 {
            ln1(s.chars / blocks)
        } else {
            0.0
        },
        share(s.quotes),
        share(s.furniture),
    ]);
    v
}

/// A multinomial logistic regression: per type a bias and one weight per feature (the
/// features' standardisation folded in by the trainer).
#[derive(Debug)]
struct Model {
    bias: Vec<f32>,
    /// `weights[f][t]`: feature `f`'s weight for type `t`.
    weights: Vec<Vec<f32>>,
}

static MODEL: LazyLock<Option<Model>> =
    LazyLock::new(|| Model::parse(include_str!("../data/page-type-model.txt")));

impl Model {
    /// Reads the model file: `#` comments, `types …` and `features …` (which must equal
    /// [`TYPES`] and [`NAMES`]), `bias` with one value per type, then one line per feature,
    /// its name and one weight per type. `None` when the file does not fit this build.
    fn parse(text: &str) -> Option<Model> {
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        let words = |line: Option<&str>, head: &str| -> Option<Vec<String>> {
            let mut it = line?.split_whitespace();
            (it.next()? == head).then(|| it.map(str::to_owned).collect())
        };
        let numbers = |v: &[String]| -> Option<Vec<f32>> {
            v.iter().map(|x| x.parse::<f32>().ok()).collect()
        };
        if words(lines.next(), "types")? != TYPES {
            return None;
        }
        if words(lines.next(), "features")? != NAMES {
            return None;
        }
        let bias = numbers(&words(lines.next(), "bias")?)?;
        let mut weights = Vec::with_capacity(NAMES.len());
        for name in NAMES {
            let w = numbers(&words(lines.next(), name)?)?;
            (w.len() == TYPES.len()).then_some(())?;
            weights.push(w);
        }
        (bias.len() == TYPES.len()).then_some(Model { bias, weights })
    }

    fn probabilities(&self, x: &[f32]) -> Vec<f32> {
        let mut scores = self.bias.clone();
        for (xf, w) in x.iter().zip(&self.weights) {
            for (s, wt) in scores.iter_mut().zip(w) {
                *s += xf * wt;
            }
        }
        let top = scores.iter().copied().fold(f32::MIN, f32::max);
        let exp: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
        let sum: f32 = exp.iter().sum();
        exp.iter().map(|e| e / sum).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn doc(html: &str) -> Document {
        Document::from_html(html, &Limits::default(), None)
    }

    #[test]
    fn the_shipped_model_fits_the_build() {
        assert!(
            MODEL.is_some(),
            "data/page-type-model.txt does not fit NAMES/TYPES"
        );
    }

    #[test]
    fn features_follow_the_names() {
        let d = doc("<html><body><article><h1>T</h1><p>Some text.</p></article></body></html>");
        assert_eq!(features(&d).len(), NAMES.len());
    }

    #[test]
    fn declared_types_are_read_from_json_ld_microdata_and_open_graph() {
        let d = doc(r#"<html><head><meta property="og:type" content="product">
            <script type="application/ld+json">{"@type":["Product","Thing"],"offers":{"@type":"Offer"}}</script>
            </head><body><div itemscope itemtype="https://schema.org/FAQPage"><p>x</p></div></body></html>"#);
        let f = features(&d);
        let at = |n: &str| f[NAMES.iter().position(|x| *x == n).unwrap_or(0)];
        assert_eq!(at("ld_product"), 1.0);
        assert_eq!(at("ld_service"), 1.0);
        assert_eq!(at("og_product"), 1.0);
        assert_eq!(at("ld_article"), 0.0);
    }

    #[test]
    fn posts_in_reply_boxes_are_counted() {
        let post = "<div class=\"post-body\"><p>I had the same trouble with my router and the fix was to reset it.</p></div>";
        let html = format!("<html><body>{}</body></html>", post.repeat(4));
        let f = features(&doc(&html));
        let at = |n: &str| f[NAMES.iter().position(|x| *x == n).unwrap_or(0)];
        assert!(at("post_share") > 0.9);
        assert!(at("post_boxes") > 1.0);
    }

    #[test]
    fn prices_need_a_number_beside_the_currency() {
        assert!(is_price("Now 19,99 €"));
        assert!(is_price("$ 5"));
        assert!(!is_price("Pay in € or $ at the door"));
    }

    #[test]
    fn a_text_dump_has_no_page_type() {
        let d = crate::textdump::document("A line.\n\nAnother paragraph of a dump.");
        assert_eq!(detect(&d), None);
    }
}
