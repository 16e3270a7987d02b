//! Page facts: one pass over the DOM that gathers everything the metadata sources read —
//! `<meta>` values, JSON-LD scripts, canonical links, `<html lang>`, `<title>`, headlines,
//! `<time>` elements, microdata, byline and date hints, figures — so no field needs its own
//! walk over the tree. Also the visible-text helpers the sources share.

use std::sync::LazyLock;

use ahash::AHashMap;
use aho_corasick::AhoCorasick;

use crate::dom::{Dom, Element, NodeData, NodeId};

/// What the single pass over the DOM collected.
#[derive(Debug, Default)]
pub struct Page {
    /// `(key, content)` for every `<meta>` with content; the key is the lower-cased
    /// `property`, `name`, `itemprop` or `http-equiv`.
    pub metas: Vec<(String, String)>,
    /// The text of every `application/ld+json` script.
    pub jsonld: Vec<String>,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    pub title: Option<String>,
    pub h1: Vec<NodeId>,
    pub h2: Vec<NodeId>,
    /// Microdata `Person` items.
    pub persons: Vec<NodeId>,
    pub times: Vec<NodeId>,
    /// Elements (not `<meta>`) with an `itemprop`, with the lower-cased property.
    pub itemprops: Vec<(String, NodeId)>,
    /// Elements whose class, id or rel marks them as a byline or author.
    pub bylines: Vec<NodeId>,
    /// Elements whose class or id marks them as a date.
    pub date_hints: Vec<NodeId>,
    pub figures: Vec<NodeId>,
    /// Elements whose class or id marks them as a teaser or lead.
    pub leads: Vec<NodeId>,
    pub articles: Vec<NodeId>,
    pub body: Option<NodeId>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head",
];

/// Whether a class or id value holds one of a hint's words, ASCII case ignored (as
/// `value.to_ascii_lowercase().contains(word)` for any lower-case ASCII word).
fn hint(value: &str, words: &Hint) -> bool {
    !value.is_empty() && words.is_match(value)
}

/// One hint's words in one automaton: a class value is scanned once, not once per word.
type Hint = LazyLock<AhoCorasick>;

/// The automaton for lower-case ASCII `words`, matching ASCII case-insensitively.
fn hint_words(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("static hint words")
}

static BYLINE_CLASS: Hint =
    LazyLock::new(|| hint_words(&["byline", "author", "autor", "writer", "verfasser", "vcard"]));
static BYLINE_ID: Hint = LazyLock::new(|| hint_words(&["byline", "author", "autor"]));
static LEAD_CLASS: Hint = LazyLock::new(|| {
    hint_words(&[
        "lead",
        "teaser",
        "intro",
        "summary",
        "standfirst",
        "subtitle",
        "subline",
        "excerpt",
        "abstract",
        "dek",
        "description",
        "sapo",
        "chapo",
        "vorspann",
    ])
});
static LEAD_ID: Hint =
    LazyLock::new(|| hint_words(&["lead", "intro", "teaser", "summary", "standfirst"]));
static DATE_CLASS: Hint =
    LazyLock::new(|| hint_words(&["date", "datum", "time", "publish", "posted", "meta"]));
static DATE_ID: Hint = LazyLock::new(|| hint_words(&["date", "datum", "publish"]));

/// What a class value says of its element: byline, lead or date.
#[derive(Debug, Clone, Copy)]
struct ClassHints {
    byline: bool,
    lead: bool,
    date: bool,
}

impl ClassHints {
    fn of(class: &str) -> ClassHints {
        ClassHints {
            byline: hint(class, &BYLINE_CLASS) || class.split_whitespace().any(|c| c == "fn"),
            lead: hint(class, &LEAD_CLASS),
            date: hint(class, &DATE_CLASS),
        }
    }
}

impl Page {
    /// Collects the page facts in one pass over the nodes.
    pub fn collect(dom: &Dom) -> Page {
        let mut p = Page::default();
        let mut class_hints = AHashMap::new();
        for i in 0..dom.len() {
            let id = NodeId(i as u32);
            let Some(e) = dom.element(id) else { continue };
            let tag = e.tag();
            match tag {
                "meta" => {
                    let Some(content) = e.attr("content") else {
                        if let Some(cs) = e.attr("charset") {
                            p.metas.push(("charset".into(), cs.to_string()));
                        }
                        continue;
                    };
                    for key in ["property", "name", "itemprop", "http-equiv"] {
                        if let Some(k) = e.attr(key) {
                            // `property="dc:description og:description"` names several.
                            for k in k.split_whitespace().take(8) {
                                p.metas
                                    .push((k.to_ascii_lowercase(), content.trim().to_string()));
                            }
                        }
                    }
                    continue;
                }
                "script" => {
                    if e.attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                    {
                        p.jsonld.push(dom.text_content(id));
                    }
                    continue;
                }
                "link" => {
                    let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel.split_whitespace().any(|r| r == "canonical") && p.canonical.is_none() {
                        p.canonical = e.attr("href").map(|h| h.trim().to_string());
                    }
                    continue;
                }
                "html" if p.html_lang.is_none() => {
                    p.html_lang = e
                        .attr("lang")
                        .or_else(|| e.attr("xml:lang"))
                        .map(|l| l.trim().to_string())
                        .filter(|l| !l.is_empty());
                }
                "title" if p.title.is_none() && !dom.ancestors(id).any(|a| dom.tag(a) == "svg") => {
                    p.title = Some(collapse(&dom.text_content(id)));
                }
                "body" => p.body = p.body.or(Some(id)),
                "h1" => p.h1.push(id),
                "h2" => p.h2.push(id),
                "time" => p.times.push(id),
                "figure" => p.figures.push(id),
                "article" => p.articles.push(id),
                _ => {}
            }
            // <span itemscope itemtype="…/Person"><meta itemprop="name" content="…">
            if e.attr("itemtype").is_some_and(|t| t.ends_with("/Person")) {
                p.persons.push(id);
            }
            if let Some(ip) = e.attr("itemprop") {
                p.itemprops.push((ip.trim().to_ascii_lowercase(), id));
            }
            p.note_hints(e, id, &mut class_hints);
        }
        p
    }

    /// Files the element under bylines, leads and date hints as its class, id, rel and
    /// link say. A class value is read once per page: many elements share one.
    fn note_hints<'a>(
        &mut self,
        e: &'a Element,
        id: NodeId,
        class_hints: &mut AHashMap<&'a str, ClassHints>,
    ) {
        let class = e.attr("class").unwrap_or("");
        let by_class = *class_hints
            .entry(class)
            .or_insert_with(|| ClassHints::of(class));
        let eid = e.attr("id").unwrap_or("");
        let rel = e.attr("rel").unwrap_or("");
        if rel.eq_ignore_ascii_case("author")
            || by_class.byline
            || (e.tag() == "a"
                && e.attr("href").is_some_and(|h| {
                    h.contains("/author/") || h.contains("/autor/") || h.contains("/autoren/")
                }))
            || hint(eid, &BYLINE_ID)
        {
            self.bylines.push(id);
        }
        if by_class.lead || hint(eid, &LEAD_ID) {
            self.leads.push(id);
        }
        if by_class.date || hint(eid, &DATE_ID) {
            self.date_hints.push(id);
        }
    }

    /// The first meta value for any of `keys` (in the order of `keys`).
    pub fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(mk, v)| mk == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The visible text below `id` (no scripts, styles or hidden templates), collapsed, cut
/// after about `limit` bytes.
pub fn visible_text(dom: &Dom, id: NodeId, limit: usize) -> String {
    let mut out = String::new();
    let mut cur = Some(id);
    while let Some(n) = cur {
        let mut skip = false;
        match &dom.node(n).data {
            NodeData::Text(t) => {
                out.push_str(t);
                if out.len() > limit * 2 + 64 {
                    break;
                }
            }
            NodeData::Element(e) => {
                let tag = e.tag();
                skip = SKIP.contains(&tag) && n != id;
                if matches!(tag, "br" | "p" | "div" | "li") {
                    out.push(' ');
                }
            }
            _ => {}
        }
        cur = dom.next_in_subtree(n, id, skip);
    }
    cut_collapsed(&out, limit)
}

/// `text` collapsed and cut to at most `limit` bytes, at a character boundary.
pub fn cut_collapsed(text: &str, limit: usize) -> String {
    let mut s = collapse(text);
    if s.len() > limit {
        let mut cut = limit;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// The text of a headline without its kicker ("Dachzeile", topline, eyebrow) or a
/// screen-reader label, when those are marked by class.
pub fn headline_text(dom: &Dom, id: NodeId) -> String {
    const KICKER: &[&str] = &[
        "kicker",
        "topline",
        "dachzeile",
        "overline",
        "eyebrow",
        "spitzmarke",
        "roofline",
        "supertitle",
        "pretitle",
        "over-title",
        "overtitle",
        "label",
        "sr-only",
        "screen-reader",
        "visually-hidden",
        "flag",
        "category",
    ];
    let mut out = String::new();
    let mut cur = Some(id);
    while let Some(n) = cur {
        let mut skip = false;
        match &dom.node(n).data {
            NodeData::Text(t) => out.push_str(t),
            NodeData::Element(e) => {
                let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
                skip = n != id
                    && (SKIP.contains(&e.tag()) || KICKER.iter().any(|k| class.contains(k)));
                if e.tag() == "br" {
                    out.push(' ');
                }
            }
            _ => {}
        }
        cur = dom.next_in_subtree(n, id, skip);
    }
    let t = collapse(&out);
    if t.is_empty() {
        visible_text(dom, id, 400)
    } else {
        t
    }
}

/// Visible text lines (one per text node, trimmed, non-empty) after `start` in document
/// order, up to `max_chars` characters in all, skipping the subtree of `start` itself.
pub fn lines_after(dom: &Dom, start: NodeId, max_chars: usize) -> Vec<(NodeId, String)> {
    lines_from(
        dom,
        dom.next_in_subtree(start, NodeId::DOCUMENT, true),
        max_chars,
    )
}

/// Visible text lines from the start of `start`'s own content on (a page without a headline
/// read from the top of its article or body), up to `max_chars` characters.
pub fn lines_inside(dom: &Dom, start: NodeId, max_chars: usize) -> Vec<(NodeId, String)> {
    lines_from(
        dom,
        dom.next_in_subtree(start, NodeId::DOCUMENT, false),
        max_chars,
    )
}

fn lines_from(dom: &Dom, first: Option<NodeId>, max_chars: usize) -> Vec<(NodeId, String)> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut cur = first;
    let mut steps = 0;
    while let Some(n) = cur {
        steps += 1;
        if steps > 5000 {
            break;
        }
        let mut skip = false;
        match &dom.node(n).data {
            NodeData::Text(t) => {
                let t = collapse(t);
                if !t.is_empty() {
                    total += t.chars().count();
                    out.push((n, t));
                    if total >= max_chars {
                        break;
                    }
                }
            }
            NodeData::Element(e) => skip = SKIP.contains(&e.tag()),
            _ => {}
        }
        cur = dom.next_in_subtree(n, NodeId::DOCUMENT, skip);
    }
    out
}

/// Visible text lines before `start` (nearest first), up to `max_chars` characters.
pub fn lines_before(dom: &Dom, start: NodeId, max_chars: usize) -> Vec<(NodeId, String)> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = start.index();
    let mut steps = 0;
    while i > 0 && steps < 3000 {
        i -= 1;
        steps += 1;
        let n = NodeId(i as u32);
        if let NodeData::Text(t) = &dom.node(n).data {
            if dom
                .ancestors(n)
                .take(12)
                .any(|a| SKIP.contains(&dom.tag(a)) || dom.tag(a) == "title")
            {
                continue;
            }
            let t = collapse(t);
            if !t.is_empty() {
                total += t.chars().count();
                out.push((n, t));
                if total >= max_chars {
                    break;
                }
            }
        }
    }
    out
}
