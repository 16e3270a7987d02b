//! Blocks: the page cut into the units a reader sees (headings, paragraphs, list items,
//! quotes, table rows, captions), each with the features the classifier decides on.

use std::time::Instant;

use crate::dom::{Dom, NodeId};
use crate::Limits;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem { ordered: bool },
    Quote,
    Preformatted,
    TableRow,
    Caption,
}

/// One block of text and where it sits in the page.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub node: NodeId,
}

/// A page as blocks, with its tree kept for the metadata passes.
#[derive(Debug)]
pub struct Document {
    pub dom: Dom,
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

impl Document {
    /// Parses `html` and cuts it into blocks.
    pub fn from_html(html: &str, limits: &Limits, deadline: Option<Instant>) -> Document {
        let dom = crate::parse::parse_html(html, limits.max_nodes, limits.max_depth, deadline);
        Document {
            dom,
            blocks: Vec::new(),
            title: None,
        }
    }
}
