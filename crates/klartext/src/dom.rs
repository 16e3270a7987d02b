//! The document tree: a flat arena of nodes addressed by [`NodeId`].
//!
//! Every later stage reads the page through this small interface, never through the
//! parser's types, so the parser can be swapped without touching extraction. Nodes live in
//! one `Vec`; links are indices, so dropping a tree of any depth is a flat free and no
//! walk over it needs recursion.

use html5ever::{LocalName, QualName};

/// The index of a node in its [`Dom`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The document node, the root of every tree.
    pub const DOCUMENT: NodeId = NodeId(0);

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One attribute of an element.
#[derive(Debug, Clone)]
pub struct Attr {
    pub name: LocalName,
    pub value: String,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub enum NodeData {
    Document,
    Doctype,
    Element(Element),
    Text(String),
    Comment(String),
    ProcessingInstruction,
}

/// An element: its qualified name and its attributes.
#[derive(Debug, Clone)]
pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attr>,
}

impl Element {
    /// The value of the attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| a.value.as_str())
    }

    /// The local tag name, lower case (`div`, `p`, `svg`).
    pub fn tag(&self) -> &str {
        &self.name.local
    }
}

/// A node and its links to its neighbours.
#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub data: NodeData,
}

impl Node {
    pub(crate) fn new(data: NodeData) -> Self {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
        }
    }
}

/// A parsed page.
#[derive(Debug, Clone)]
pub struct Dom {
    pub(crate) nodes: Vec<Node>,
    /// True when the parse stopped early at a node-count or time cap; the tree holds what
    /// was read up to then.
    pub truncated: bool,
}

impl Dom {
    /// An empty document.
    pub fn new() -> Self {
        Dom {
            nodes: vec![Node::new(NodeData::Document)],
            truncated: false,
        }
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The element data of `id`, if it is an element.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local tag name of `id`, or `""` for non-elements.
    pub fn tag(&self, id: NodeId) -> &str {
        self.element(id).map_or("", Element::tag)
    }

    /// The value of attribute `name` on element `id`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    /// The children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// `id` and everything below it, in document order, without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: id,
            next: Some(id),
        }
    }

    /// The ancestors of `id`, nearest first (not including `id`).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.node(id).parent, move |&p| self.node(p).parent)
    }

    /// All elements with the tag `tag`, in document order.
    pub fn elements_by_tag<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len() as u32)
            .map(NodeId)
            .filter(move |&id| self.tag(id) == tag)
    }

    /// The concatenated text below `id` (scripts and styles included as they stand).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for d in self.descendants(id) {
            if let NodeData::Text(t) = &self.node(d).data {
                out.push_str(t);
            }
        }
        out
    }

    /// The next node after `id` in document order within the subtree of `root`,
    /// skipping the children of `id` when `skip_children` is set.
    pub fn next_in_subtree(&self, id: NodeId, root: NodeId, skip_children: bool) -> Option<NodeId> {
        if !skip_children {
            if let Some(c) = self.node(id).first_child {
                return Some(c);
            }
        }
        let mut cur = id;
        loop {
            if cur == root {
                return None;
            }
            if let Some(s) = self.node(cur).next_sibling {
                return Some(s);
            }
            cur = self.node(cur).parent?;
        }
    }
}

impl Default for Dom {
    fn default() -> Self {
        Dom::new()
    }
}

/// Iterator over the children of a node.
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.node(id).next_sibling;
        Some(id)
    }
}

/// Pre-order iterator over a subtree.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.next_in_subtree(id, self.root, false);
        Some(id)
    }
}
