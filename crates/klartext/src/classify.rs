//! Classification: which blocks are the article and which are furniture.

use crate::blocks::Document;

/// The decision per block: `true` for the article.
pub type Selection = Vec<bool>;

/// Decides for each block of `doc` whether it belongs to the article.
pub fn classify(doc: &Document) -> Selection {
    vec![true; doc.blocks.len()]
}
