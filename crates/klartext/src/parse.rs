//! HTML parsing: html5ever's spec tree builder writing into our [`Dom`].
//!
//! The sink enforces the caps: once the node budget is spent or the deadline has passed,
//! the input is no longer fed and the tree keeps what was built so far (`Dom::truncated`).
//! Input is fed in chunks so the caps are checked while parsing, not only after.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::time::Instant;

use html5ever::interface::tree_builder::{
    ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink,
};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult};

use crate::dom::{Attr, Dom, Element, Node, NodeData, NodeId};

/// How much of the input is fed to the tokenizer between two checks of the caps.
const CHUNK_BYTES: usize = 64 * 1024;

/// Parses `html` into a [`Dom`], stopping early at `max_nodes` or at `deadline`, and
/// flattening elements nested deeper than `max_depth`.
pub fn parse_html(
    html: &str,
    max_nodes: usize,
    max_depth: usize,
    deadline: Option<Instant>,
) -> Dom {
    let sink = Sink {
        nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
        max_nodes,
        over_budget: Cell::new(false),
    };
    // Parsed as a browser with scripting off would: `<noscript>` content becomes markup.
    // Pages that render by script often put their whole text there for crawlers.
    let options = TreeBuilderOpts {
        scripting_enabled: false,
        ..TreeBuilderOpts::default()
    };
    let builder = TreeBuilder::new(sink, options);
    let guard = DepthGuard::new(builder, max_depth);
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let input = BufferQueue::default();
    let mut rest = html;
    let mut stopped = false;
    while !rest.is_empty() {
        let cut = chunk_end(rest, CHUNK_BYTES);
        let (chunk, tail) = rest.split_at(cut);
        input.push_back(StrTendril::from_slice(chunk));
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        rest = tail;
        let past_deadline = deadline.is_some_and(|d| Instant::now() >= d);
        if tokenizer.sink.inner.sink.over_budget.get() || past_deadline {
            stopped = true;
            break;
        }
    }
    tokenizer.end();
    let mut dom = tokenizer.sink.inner.sink.finish();
    dom.truncated |= stopped;
    dom
}

/// The largest char boundary at or below `max` in `s` (all of `s` if shorter).
fn chunk_end(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// Sits between tokenizer and tree builder and drops start tags (and their end tags) that
/// would nest deeper than the cap.
///
/// The tree builder's scope checks walk its stack of open elements, so a page of 100,000
/// nested `<div>`s costs it quadratic time. The guard keeps its own estimate of that stack
/// (void elements and the usual implied end tags accounted for) and, past the cap, lets
/// only text through, as if the extra tags were not there.
struct DepthGuard<S> {
    inner: S,
    open: RefCell<Vec<LocalName>>,
    dropped_tags: Cell<usize>,
    max_depth: usize,
}

impl<S> DepthGuard<S> {
    fn new(inner: S, max_depth: usize) -> Self {
        DepthGuard {
            inner,
            open: RefCell::new(Vec::new()),
            dropped_tags: Cell::new(0),
            max_depth,
        }
    }

    /// Whether to pass `tag` on, updating the estimated stack of open elements.
    fn admit(&self, tag: &Tag) -> bool {
        let mut open = self.open.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                let name = &*tag.name;
                if tag.self_closing || is_void(name) {
                    return true;
                }
                if closes_same_sibling(name) {
                    let near = open.len().saturating_sub(4);
                    if let Some(pos) = open[near..].iter().rposition(|n| n == &tag.name) {
                        open.truncate(near + pos);
                    }
                }
                if open.len() >= self.max_depth {
                    self.dropped_tags.set(self.dropped_tags.get() + 1);
                    return false;
                }
                open.push(tag.name.clone());
                true
            }
            TagKind::EndTag => {
                if let Some(pos) = open.iter().rposition(|n| n == &tag.name) {
                    open.truncate(pos);
                    true
                } else if self.dropped_tags.get() > 0 {
                    self.dropped_tags.set(self.dropped_tags.get() - 1);
                    false
                } else {
                    true
                }
            }
        }
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
    )
}

/// Elements whose start tag implicitly closes an open element of the same name nearby.
fn closes_same_sibling(name: &str) -> bool {
    matches!(
        name,
        "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "a"
    )
}

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            if !self.admit(tag) {
                return TokenSinkResult::Continue;
            }
        }
        self.inner.process_token(token, line_number)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    max_nodes: usize,
    over_budget: Cell<bool>,
}

/// An element's name, borrowed out of the sink's node vector; `Empty` for the (never
/// expected) question about a node that is not an element.
pub enum NameRef<'a> {
    Borrowed(Ref<'a, QualName>),
    Empty(&'static QualName),
}

impl NameRef<'_> {
    fn name(&self) -> &QualName {
        match self {
            NameRef::Borrowed(r) => r,
            NameRef::Empty(q) => q,
        }
    }
}

impl std::fmt::Debug for NameRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.name().fmt(f)
    }
}

impl ElemName for NameRef<'_> {
    fn ns(&self) -> &Namespace {
        &self.name().ns
    }
    fn local_name(&self) -> &LocalName {
        &self.name().local
    }
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() >= self.max_nodes {
            self.over_budget.set(true);
        }
        let id = NodeId(nodes.len() as u32);
        nodes.push(Node::new(data));
        id
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &mut nodes[id.index()];
            (
                n.parent.take(),
                n.prev_sibling.take(),
                n.next_sibling.take(),
            )
        };
        match next {
            Some(n) => nodes[n.index()].prev_sibling = prev,
            None => {
                if let Some(p) = parent {
                    nodes[p.index()].last_child = prev;
                }
            }
        }
        match prev {
            Some(p) => nodes[p.index()].next_sibling = next,
            None => {
                if let Some(p) = parent {
                    nodes[p.index()].first_child = next;
                }
            }
        }
    }

    fn append_node(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let last = nodes[parent.index()].last_child;
        {
            let c = &mut nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(l) => nodes[l.index()].next_sibling = Some(child),
            None => nodes[parent.index()].first_child = Some(child),
        }
        nodes[parent.index()].last_child = Some(child);
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, new: NodeId) {
        Self::detach(nodes, new);
        let parent = nodes[sibling.index()].parent;
        let prev = nodes[sibling.index()].prev_sibling;
        {
            let n = &mut nodes[new.index()];
            n.parent = parent;
            n.prev_sibling = prev;
            n.next_sibling = Some(sibling);
        }
        nodes[sibling.index()].prev_sibling = Some(new);
        match prev {
            Some(p) => nodes[p.index()].next_sibling = Some(new),
            None => {
                if let Some(p) = parent {
                    nodes[p.index()].first_child = Some(new);
                }
            }
        }
    }

    /// Appends text to the text node `target` if it is one; true when it was.
    fn merge_text(nodes: &mut [Node], target: Option<NodeId>, text: &str) -> bool {
        if let Some(t) = target {
            if let NodeData::Text(existing) = &mut nodes[t.index()].data {
                existing.push_str(text);
                return true;
            }
        }
        false
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = NameRef<'a>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
            truncated: self.over_budget.get(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> NameRef<'a> {
        static EMPTY: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
        let nodes = self.nodes.borrow();
        match Ref::filter_map(nodes, |n| match &n[target.index()].data {
            NodeData::Element(e) => Some(&e.name),
            _ => None,
        }) {
            Ok(name) => NameRef::Borrowed(name),
            Err(_) => NameRef::Empty(
                EMPTY.get_or_init(|| QualName::new(None, Namespace::from(""), LocalName::from(""))),
            ),
        }
    }

    fn create_element(
        &self,
        name: QualName,
        attrs: Vec<Attribute>,
        _flags: ElementFlags,
    ) -> NodeId {
        // Tendrils are copied out with `String::from(&str)`: their `to_string` goes through
        // `Display` and the formatter, which showed in profiles.
        let attrs = attrs
            .into_iter()
            .map(|a| Attr {
                name: a.name.local,
                value: String::from(&*a.value),
            })
            .collect();
        self.push(NodeData::Element(Element { name, attrs }))
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.push(NodeData::Comment(String::from(&*text)))
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::ProcessingInstruction)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match child {
            NodeOrText::AppendNode(c) => Self::append_node(&mut nodes, *parent, c),
            NodeOrText::AppendText(text) => {
                let last = nodes[parent.index()].last_child;
                if !Self::merge_text(&mut nodes, last, &text) {
                    drop(nodes);
                    let t = self.push(NodeData::Text(String::from(&*text)));
                    Self::append_node(&mut self.nodes.borrow_mut(), *parent, t);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.nodes.borrow()[element.index()].parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public_id: StrTendril,
        _system_id: StrTendril,
    ) {
        let d = self.push(NodeData::Doctype);
        Self::append_node(&mut self.nodes.borrow_mut(), NodeId::DOCUMENT, d);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Template contents stay children of the template; extraction skips templates.
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut nodes = self.nodes.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => Self::insert_before(&mut nodes, *sibling, n),
            NodeOrText::AppendText(text) => {
                let prev = nodes[sibling.index()].prev_sibling;
                if !Self::merge_text(&mut nodes, prev, &text) {
                    drop(nodes);
                    let t = self.push(NodeData::Text(String::from(&*text)));
                    Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, t);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let NodeData::Element(e) = &mut nodes[target.index()].data {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name.local) {
                    e.attrs.push(Attr {
                        name: a.name.local,
                        value: String::from(&*a.value),
                    });
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        while let Some(child) = nodes[node.index()].first_child {
            Self::append_node(&mut nodes, *new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Dom {
        parse_html(html, 1_000_000, 512, None)
    }

    #[test]
    fn builds_the_tree_a_browser_builds() {
        let dom = parse("<p>one<p>two<b>bold</b>");
        let ps: Vec<_> = dom.elements_by_tag("p").collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(dom.text_content(ps[0]), "one");
        assert_eq!(dom.text_content(ps[1]), "twobold");
        let body = dom.elements_by_tag("body").next().expect("body");
        assert_eq!(dom.children(body).count(), 2);
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        let dom = parse("<p><b>a<i>b</b>c</i></p>");
        let p = dom.elements_by_tag("p").next().expect("p");
        assert_eq!(dom.text_content(p), "abc");
    }

    #[test]
    fn node_cap_truncates_instead_of_growing() {
        let html = "<div>x</div>".repeat(10_000);
        let dom = parse_html(&html, 1_000, 512, None);
        assert!(dom.truncated);
        assert!(dom.len() < 1_000 + 40_000 / 2);
    }

    #[test]
    fn deep_nesting_parses_without_recursion() {
        let html = "<div>".repeat(100_000) + "deep";
        let dom = parse(&html);
        assert!(dom.elements_by_tag("div").count() <= 512);
        assert!(dom.text_content(NodeId::DOCUMENT).contains("deep"));
    }

    #[test]
    fn depth_cap_keeps_text_and_later_siblings() {
        let html = format!(
            "{}inner{}<p>after</p>",
            "<div>".repeat(2_000),
            "</div>".repeat(2_000)
        );
        let dom = parse(&html);
        let text = dom.text_content(NodeId::DOCUMENT);
        assert!(text.contains("inner") && text.contains("after"));
        let p = dom.elements_by_tag("p").next().expect("p");
        // The paragraph after the deep block is a child of body, not buried in the divs.
        let body = dom.elements_by_tag("body").next().expect("body");
        assert_eq!(dom.node(p).parent, Some(body));
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_depth() {
        let html = "<p>x".repeat(5_000);
        let dom = parse(&html);
        assert_eq!(dom.elements_by_tag("p").count(), 5_000);
    }

    #[test]
    fn attributes_are_kept() {
        let dom = parse(r#"<a href="/x" class="c">l</a>"#);
        let a = dom.elements_by_tag("a").next().expect("a");
        assert_eq!(dom.attr(a, "href"), Some("/x"));
        assert_eq!(dom.attr(a, "class"), Some("c"));
        assert_eq!(dom.attr(a, "id"), None);
    }
}
