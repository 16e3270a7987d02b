//! Blocks: the page cut into the units a reader sees — headings, paragraphs, list items,
//! quotes, preformatted text, table cells, captions — each with the features the
//! classifier decides on, and the *regions* (element subtrees) that hold them.
//!
//! One iterative walk over the [`Dom`] produces both. A region is an element's subtree
//! seen as the contiguous range of blocks it holds, so the classifier can reason about
//! containers ("this `<aside>` holds blocks 40–52") without walking the tree again.

use ahash::AHashMap;
use std::ops::Range;
use std::time::Instant;

use crate::dom::{Dom, NodeData, NodeId};
use crate::lexicon::{class_hint_and_caption, ClassHint};
use crate::Limits;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem { ordered: bool },
    Quote,
    Preformatted,
    TableCell,
    Caption,
}

/// Semantic facts about where a block or region sits, inherited down the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags(u32);

impl Flags {
    pub const NAV: Flags = Flags(1);
    pub const HEADER: Flags = Flags(1 << 1);
    pub const FOOTER: Flags = Flags(1 << 2);
    pub const ASIDE: Flags = Flags(1 << 3);
    pub const FORM: Flags = Flags(1 << 4);
    pub const ARTICLE: Flags = Flags(1 << 5);
    pub const MAIN: Flags = Flags(1 << 6);
    pub const ARTICLE_BODY: Flags = Flags(1 << 7);
    pub const FURNITURE_CLASS: Flags = Flags(1 << 8);
    pub const CONTENT_CLASS: Flags = Flags(1 << 9);
    pub const LIST: Flags = Flags(1 << 10);
    pub const TABLE: Flags = Flags(1 << 11);
    pub const FIGURE: Flags = Flags(1 << 12);
    pub const LINK: Flags = Flags(1 << 13);
    pub const BLOCKQUOTE: Flags = Flags(1 << 14);
    /// Named furniture only by a weak word (`print`, `tools`, `ads`): a box so named that
    /// holds long paragraphs is content (see `class-hints.txt`).
    pub const WEAK_FURNITURE_CLASS: Flags = Flags(1 << 15);
    /// Named as a comment section or a post of a thread (`comments`, `reply`): furniture
    /// beside an article, the content of a forum page.
    pub const DISCUSSION_CLASS: Flags = Flags(1 << 16);

    pub const fn empty() -> Flags {
        Flags(0)
    }
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
    /// These flags without `other`'s.
    pub const fn difference(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        self.union(rhs)
    }
}

impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        *self = self.union(rhs);
    }
}

/// One block of text and where it sits in the page.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The text, whitespace collapsed (kept as written in preformatted blocks); `<br>`
    /// gives a line break, two or more in a row (`<br><br>`) a blank line: a paragraph
    /// break inside the block.
    pub text: String,
    /// The element that owns the block (its nearest block-level ancestor).
    pub node: NodeId,
    /// Characters of the text, not counting whitespace.
    pub chars: u32,
    /// Of those, the characters inside links.
    pub link_chars: u32,
    /// Facts inherited from the ancestors.
    pub flags: Flags,
    /// The links (`<a href>`) inside the text, for the Markdown rendering.
    pub links: Vec<Link>,
}

/// A link inside a block: byte offsets into [`Block::text`] and the `<a>` element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub node: NodeId,
}

impl Block {
    /// The share of the text that sits inside links.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// An element seen as the range of blocks below it.
#[derive(Debug, Clone)]
pub struct Region {
    pub node: NodeId,
    pub blocks: Range<usize>,
    /// The element's own facts (not inherited).
    pub own: Flags,
    /// Nesting depth of the element.
    pub depth: u32,
}

/// A page as blocks and regions, with its tree kept for the metadata passes.
#[derive(Debug)]
pub struct Document {
    pub dom: Dom,
    pub blocks: Vec<Block>,
    pub regions: Vec<Region>,
    /// The text of `<title>`.
    pub title: Option<String>,
}

impl Document {
    /// Parses `html` and cuts it into blocks.
    pub fn from_html(html: &str, limits: &Limits, deadline: Option<Instant>) -> Document {
        let dom = crate::parse::parse_html(html, limits.max_nodes, limits.max_depth, deadline);
        Document::from_dom(dom)
    }

    /// Cuts a parsed page into blocks.
    pub fn from_dom(dom: Dom) -> Document {
        let title = dom
            .elements_by_tag("title")
            .next()
            .map(|t| collapse_whitespace(&dom.text_content(t)))
            .filter(|t| !t.is_empty());
        let (blocks, regions) = Walker::new(&dom).run();
        Document {
            dom,
            blocks,
            regions,
            title,
        }
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// How an element takes part in the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not rendered or not text: the subtree is skipped.
    Skip,
    /// Starts and ends a block.
    Block,
    /// Flows inside the current block.
    Inline,
    /// A line break.
    Break,
}

/// Whether `tag` starts a block of its own (its text is not run on with its neighbours').
pub(crate) fn is_block_tag(tag: &str) -> bool {
    matches!(role_of(tag), Role::Block)
}

fn role_of(tag: &str) -> Role {
    match tag {
        "script" | "style" | "template" | "svg" | "math" | "iframe" | "object" | "embed"
        | "canvas" | "video" | "audio" | "button" | "select" | "option" | "textarea" | "input"
        | "head" | "map" | "dialog" | "picture" | "source" => Role::Skip,
        // Ruby annotations (furigana) are a reading aid over the text, not part of it.
        "rt" | "rp" => Role::Skip,
        "br" => Role::Break,
        "p" | "div" | "section" | "article" | "main" | "aside" | "nav" | "header" | "footer"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "dl" | "dt" | "dd"
        | "blockquote" | "pre" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
        | "caption" | "figure" | "figcaption" | "form" | "fieldset" | "legend" | "address"
        | "hr" | "center" | "details" | "summary" | "body" | "html" | "hgroup" | "menu"
        | "output" | "noscript" => Role::Block,
        _ => Role::Inline,
    }
}

/// The facts an element states about itself by its tag and attributes.
fn own_flags<'a>(dom: &'a Dom, id: NodeId, tag: &str, hints: &mut HintCache<'a>) -> Flags {
    let mut flags = match tag {
        "nav" | "menu" => Flags::NAV,
        "header" => Flags::HEADER,
        "footer" => Flags::FOOTER,
        "aside" => Flags::ASIDE,
        "form" => Flags::FORM,
        "article" => Flags::ARTICLE,
        "main" => Flags::MAIN,
        "ul" | "ol" | "dl" => Flags::LIST,
        "table" => Flags::TABLE,
        "figure" => Flags::FIGURE,
        "a" => Flags::LINK,
        "blockquote" => Flags::BLOCKQUOTE,
        _ => Flags::empty(),
    };
    let Some(el) = dom.element(id) else {
        return flags;
    };
    let mut named_furniture = false;
    let mut named_discussion = false;
    for attr in &el.attrs {
        match &*attr.name {
            "class" | "id" => match hints.get(&attr.value).0 {
                Some(ClassHint::Furniture) => named_furniture = true,
                Some(ClassHint::Discussion) => named_discussion = true,
                Some(ClassHint::WeakFurniture) => flags |= Flags::WEAK_FURNITURE_CLASS,
                Some(ClassHint::Content) => flags |= Flags::CONTENT_CLASS,
                None => {}
            },
            "role" => {
                flags |= match attr.value.as_str() {
                    "navigation" | "menu" | "menubar" => Flags::NAV,
                    "banner" => Flags::HEADER,
                    "contentinfo" => Flags::FOOTER,
                    "complementary" => Flags::ASIDE,
                    "main" => Flags::MAIN,
                    "article" => Flags::ARTICLE,
                    _ => Flags::empty(),
                }
            }
            "itemprop" if attr.value.contains("articleBody") => flags |= Flags::ARTICLE_BODY,
            _ => {}
        }
    }
    if named_furniture || named_discussion {
        // A strong name wins over a weak one on the same element.
        flags = Flags(flags.0 & !Flags::WEAK_FURNITURE_CLASS.0);
        if named_furniture {
            flags |= Flags::FURNITURE_CLASS;
        }
        if named_discussion {
            flags |= Flags::DISCUSSION_CLASS;
        }
    } else if flags.contains(Flags::WEAK_FURNITURE_CLASS) {
        flags |= Flags::FURNITURE_CLASS;
    }
    flags
}

/// Markup kept as text inside `<noscript>` (a page saved with scripting on): not prose.
fn is_escaped_markup(dom: &Dom, parent: NodeId, text: &str) -> bool {
    dom.tag(parent) == "noscript" && text.trim_start().starts_with('<')
}

/// Whether the element's class names it a caption or credit (`wp-caption-text`).
fn has_caption_class<'a>(dom: &'a Dom, id: NodeId, hints: &mut HintCache<'a>) -> bool {
    dom.attr(id, "class").is_some_and(|c| hints.get(c).1)
}

/// What class and id values hint at, looked up once per distinct value: pages repeat the
/// same few class names on thousands of elements.
#[derive(Default)]
struct HintCache<'a> {
    seen: AHashMap<&'a str, (Option<ClassHint>, bool)>,
}

impl<'a> HintCache<'a> {
    /// The hint of a class or id value, and whether it names a caption.
    fn get(&mut self, value: &'a str) -> (Option<ClassHint>, bool) {
        *self.seen.entry(value).or_insert_with(|| {
            let lower = value.to_ascii_lowercase();
            class_hint_and_caption(&lower)
        })
    }
}

/// Whether the element is hidden from readers by its attributes.
fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(el) = dom.element(id) else {
        return false;
    };
    el.attrs.iter().any(|a| match &*a.name {
        // React's streaming render parks finished content in `<div hidden id="S:0">` and
        // moves it into place by script: readers see it.
        "hidden" => !el.attr("id").is_some_and(|id| id.starts_with("S:")),
        "aria-hidden" => a.value.eq_ignore_ascii_case("true"),
        "style" => {
            let style: String = a
                .value
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            style.contains("display:none") || style.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// Longer texts are not taken for captions, whatever their container is called.
const MAX_CAPTION_CHARS: u32 = 400;

/// One open element during the walk.
struct Frame {
    node: NodeId,
    next_child: Option<NodeId>,
    flags: Flags,
    own: Flags,
    role: Role,
    /// The kind a block owned here (or below, unless overridden) takes.
    kind: BlockKind,
    first_block: usize,
    preformatted: bool,
    /// For an `<a href>`: the flush count and text offset where the link began.
    link_start: Option<(usize, usize)>,
}

struct Walker<'a> {
    dom: &'a Dom,
    blocks: Vec<Block>,
    regions: Vec<Region>,
    buf: String,
    buf_chars: u32,
    buf_link_chars: u32,
    /// Links closed in the current block (offsets into `buf`).
    buf_links: Vec<Link>,
    /// How often `flush` ran: a link is kept only when no flush came between its ends.
    flushes: usize,
    hints: HintCache<'a>,
}

impl<'a> Walker<'a> {
    fn new(dom: &'a Dom) -> Self {
        Walker {
            dom,
            blocks: Vec::new(),
            regions: Vec::new(),
            buf: String::new(),
            buf_chars: 0,
            buf_link_chars: 0,
            buf_links: Vec::new(),
            flushes: 0,
            hints: HintCache::default(),
        }
    }

    fn run(mut self) -> (Vec<Block>, Vec<Region>) {
        let mut stack = vec![Frame {
            node: NodeId::DOCUMENT,
            next_child: self.dom.node(NodeId::DOCUMENT).first_child,
            flags: Flags::empty(),
            own: Flags::empty(),
            role: Role::Block,
            kind: BlockKind::Paragraph,
            first_block: 0,
            preformatted: false,
            link_start: None,
        }];
        while let Some(top) = stack.last_mut() {
            let Some(child) = top.next_child else {
                if let Some(frame) = stack.pop() {
                    self.leave(frame, &stack);
                }
                continue;
            };
            top.next_child = self.dom.node(child).next_sibling;
            let parent = &stack[stack.len() - 1];
            match &self.dom.node(child).data {
                NodeData::Text(text) if is_escaped_markup(self.dom, parent.node, text) => {}
                NodeData::Text(text) => self.push_text(text, parent.flags, parent.preformatted),
                NodeData::Element(el) => {
                    let tag = el.tag();
                    let role = role_of(tag);
                    if role == Role::Skip || is_hidden(self.dom, child) {
                        continue;
                    }
                    if role == Role::Break {
                        self.push_break();
                        continue;
                    }
                    let frame = self.enter(child, tag, role, parent);
                    stack.push(frame);
                }
                _ => {}
            }
        }
        (self.blocks, self.regions)
    }

    fn enter(&mut self, node: NodeId, tag: &str, role: Role, parent: &Frame) -> Frame {
        if role == Role::Block {
            self.flush(parent);
        }
        let own = own_flags(self.dom, node, tag, &mut self.hints);
        let kind = match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                BlockKind::Heading(tag.as_bytes()[1].saturating_sub(b'0'))
            }
            "li" => BlockKind::ListItem {
                ordered: parent.node != NodeId::DOCUMENT && self.dom.tag(parent.node) == "ol",
            },
            "blockquote" => BlockKind::Quote,
            "pre" => BlockKind::Preformatted,
            "td" | "th" => BlockKind::TableCell,
            "figcaption" | "caption" => BlockKind::Caption,
            "p" | "div" | "span" | "small"
                if has_caption_class(self.dom, node, &mut self.hints) =>
            {
                BlockKind::Caption
            }
            "p" | "div" if parent.kind == BlockKind::TableCell => BlockKind::Paragraph,
            _ => parent.kind,
        };
        Frame {
            node,
            next_child: self.dom.node(node).first_child,
            flags: parent.flags | own,
            own,
            role,
            kind,
            first_block: self.blocks.len(),
            preformatted: parent.preformatted || tag == "pre",
            link_start: (tag == "a" && self.dom.attr(node, "href").is_some())
                .then_some((self.flushes, self.buf.len())),
        }
    }

    fn leave(&mut self, frame: Frame, stack: &[Frame]) {
        if frame.role == Role::Block {
            self.flush(&frame);
        }
        // A link is kept when it lies inside one block and holds text.
        if let Some((flushes, start)) = frame.link_start {
            if flushes == self.flushes && self.buf.len() > start {
                self.buf_links.push(Link {
                    start,
                    end: self.buf.len(),
                    node: frame.node,
                });
            }
        }
        if self.blocks.len() > frame.first_block && frame.node != NodeId::DOCUMENT {
            self.regions.push(Region {
                node: frame.node,
                blocks: frame.first_block..self.blocks.len(),
                own: frame.own,
                depth: stack.len() as u32,
            });
        }
    }

    fn push_text(&mut self, text: &str, flags: Flags, preformatted: bool) {
        let in_link = flags.contains(Flags::LINK);
        for c in text.chars() {
            if c.is_whitespace() && !preformatted {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
                continue;
            }
            self.buf.push(c);
            if !c.is_whitespace() {
                self.buf_chars += 1;
                if in_link {
                    self.buf_link_chars += 1;
                }
            }
        }
    }

    /// A `<br>`: a line break; a second one in a row makes it a paragraph break.
    fn push_break(&mut self) {
        while self.buf.ends_with(' ') {
            self.buf.pop();
        }
        if !self.buf.is_empty() && !self.buf.ends_with("\n\n") {
            self.buf.push('\n');
        }
    }

    /// Ends the current block, owned by the element of `owner`.
    fn flush(&mut self, owner: &Frame) {
        self.flushes += 1;
        if self.buf_chars == 0 {
            self.buf.clear();
            self.buf_links.clear();
            return;
        }
        let (lead, text) = if owner.preformatted {
            let t = self.buf.trim_start_matches('\n');
            (self.buf.len() - t.len(), t.trim_end().to_string())
        } else {
            let t = self.buf.trim_end_matches([' ', '\n']);
            let t = t.trim_start_matches([' ', '\n']);
            (
                self.buf.len() - self.buf.trim_start_matches([' ', '\n']).len(),
                t.to_string(),
            )
        };
        self.buf.clear();
        let links = self
            .buf_links
            .drain(..)
            .filter_map(|l| {
                let start = l.start.saturating_sub(lead);
                let end = l.end.saturating_sub(lead).min(text.len());
                let whole =
                    start < end && text.is_char_boundary(start) && text.is_char_boundary(end);
                whole.then_some(Link { start, end, ..l })
            })
            .collect();
        let kind = match owner.kind {
            BlockKind::Paragraph if owner.flags.contains(Flags::BLOCKQUOTE) => BlockKind::Quote,
            // A long text in a container named like a caption is no caption.
            BlockKind::Caption if self.buf_chars > MAX_CAPTION_CHARS => BlockKind::Paragraph,
            k => k,
        };
        self.blocks.push(Block {
            kind,
            text,
            node: owner.node,
            chars: self.buf_chars,
            link_chars: self.buf_link_chars,
            flags: owner.flags,
            links,
        });
        self.buf_chars = 0;
        self.buf_link_chars = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        Document::from_html(html, &Limits::default(), None)
    }

    fn texts(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn block_elements_cut_blocks_and_inline_ones_do_not() {
        let d = doc("<div>Lead <b>bold</b> text<p>Para <a href=x>link</a>.</p>tail</div>");
        assert_eq!(texts(&d), ["Lead bold text", "Para link.", "tail"]);
        assert_eq!(d.blocks[1].link_chars, 4);
        assert_eq!(d.blocks[1].chars, 9);
    }

    #[test]
    fn ruby_annotations_are_left_out_of_the_text() {
        let d = doc("<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもの<ruby>法律<rt>ほうりつ</rt></ruby></p>");
        assert_eq!(texts(&d), ["子どもの法律"]);
    }

    #[test]
    fn a_weak_furniture_name_is_marked_as_such_and_a_strong_one_wins() {
        let d = doc(
            "<div class=\"report--ads\"><p>a</p></div><div class=\"tools related\"><p>b</p></div>",
        );
        let own: Vec<Flags> = d.regions.iter().map(|r| r.own).collect();
        assert!(own
            .iter()
            .any(|f| f.contains(Flags::WEAK_FURNITURE_CLASS | Flags::FURNITURE_CLASS)));
        assert!(own.iter().any(
            |f| f.contains(Flags::FURNITURE_CLASS) && !f.contains(Flags::WEAK_FURNITURE_CLASS)
        ));
    }

    #[test]
    fn kinds_follow_the_owning_element() {
        let d = doc("<h2>Head</h2><ol><li>one</li></ol><blockquote><p>q</p></blockquote><pre>a\n  b</pre><figure><figcaption>cap</figcaption></figure>");
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(2),
                BlockKind::ListItem { ordered: true },
                BlockKind::Quote,
                BlockKind::Preformatted,
                BlockKind::Caption
            ]
        );
        assert_eq!(d.blocks[3].text, "a\n  b");
    }

    #[test]
    fn scripts_hidden_and_head_are_skipped() {
        let d = doc("<head><title> The  title </title></head><body><script>x()</script><p hidden>h</p><p style='display: none'>n</p><p>seen</p></body>");
        assert_eq!(texts(&d), ["seen"]);
        assert_eq!(d.title.as_deref(), Some("The title"));
    }

    #[test]
    fn noscript_fallback_text_is_read_but_escaped_markup_is_not() {
        let d = doc("<body><noscript><p>Crawler copy of the thread.</p></noscript><noscript>&lt;img src=x&gt;</noscript></body>");
        assert_eq!(texts(&d), ["Crawler copy of the thread."]);
    }

    #[test]
    fn react_streaming_boundaries_are_visible_other_hidden_divs_not() {
        let d = doc(
            "<div hidden id='S:0'><p>Streamed</p></div><div hidden id='menu'><p>Menu</p></div>",
        );
        assert_eq!(texts(&d), ["Streamed"]);
    }

    #[test]
    fn whitespace_collapses_and_br_breaks_lines() {
        let d = doc("<p>  a \n\t b<br>c  </p>");
        assert_eq!(texts(&d), ["a b\nc"]);
    }

    #[test]
    fn two_breaks_in_a_row_are_a_paragraph_break() {
        let d = doc("<div>One.<br><br>Two.<br> <br><br>Three.<br></div>");
        assert_eq!(texts(&d), ["One.\n\nTwo.\n\nThree."]);
    }

    #[test]
    fn links_are_kept_as_offsets_into_the_text() {
        let d = doc("<p> See <a href='/a'>the <b>report</b></a> and <a>no href</a>.</p>");
        let b = &d.blocks[0];
        assert_eq!(b.text, "See the report and no href.");
        assert_eq!(b.links.len(), 1);
        assert_eq!(&b.text[b.links[0].start..b.links[0].end], "the report");
        assert_eq!(d.dom.attr(b.links[0].node, "href"), Some("/a"));
    }

    #[test]
    fn regions_cover_their_blocks_and_carry_hints() {
        let d = doc(
            "<nav class='main-nav'><a href=/>Home</a></nav><article><p>a</p><p>b</p></article>",
        );
        let nav = d
            .regions
            .iter()
            .find(|r| d.dom.tag(r.node) == "nav")
            .expect("nav");
        assert_eq!(nav.blocks, 0..1);
        assert!(nav.own.contains(Flags::NAV | Flags::FURNITURE_CLASS));
        let article = d
            .regions
            .iter()
            .find(|r| d.dom.tag(r.node) == "article")
            .expect("article");
        assert_eq!(article.blocks, 1..3);
        assert!(d.blocks[2].flags.contains(Flags::ARTICLE));
    }
}
