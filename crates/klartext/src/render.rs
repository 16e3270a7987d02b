//! Rendering the selected blocks as plain text or Markdown.

use crate::blocks::Document;
use crate::classify::Selection;

/// The selected blocks as plain text, separated by a blank line.
pub fn text(doc: &Document, main: &Selection) -> String {
    let parts: Vec<&str> = doc
        .blocks
        .iter()
        .zip(main)
        .filter(|(_, keep)| **keep)
        .map(|(b, _)| b.text.as_str())
        .collect();
    parts.join("\n\n")
}

/// The selected blocks as Markdown.
pub fn markdown(doc: &Document, main: &Selection) -> String {
    text(doc, main)
}
