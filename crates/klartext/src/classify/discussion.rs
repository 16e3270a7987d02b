//! The comment section (`klartext extract --comments`): the blocks of comment- and
//! reply-named boxes that the article left out, kept apart from the article text.
//!
//! The blocks come from containers the block builder flags as discussion
//! ([`Flags::DISCUSSION_CLASS`], the `[discussion]` class words of `data/class-hints.txt`).
//! Of those, only what reads like a comment is taken: not the comment form, not navigation
//! inside the box ("Reply", page links), not a line that is mostly links.

use crate::blocks::{Block, Document, Flags};

use super::{Reason, Selection};

/// Inside a discussion box, these are the box's furniture rather than comments.
const NOT_COMMENTS: Flags = Flags::NAV.union(Flags::FORM).union(Flags::FOOTER);

/// The comments of a page as a selection over its blocks: a block is kept when it is
/// comment text the article selection `main` dropped. `None` when there is none (a page
/// without comments, or a forum page whose posts are the article itself).
pub fn comments(doc: &Document, main: &Selection) -> Option<Selection> {
    let reasons: Vec<Reason> = doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            if !main.keeps(i) && is_comment_text(block) {
                Reason::Main
            } else {
                Reason::OutsideMain
            }
        })
        .collect();
    reasons.iter().any(|r| r.keeps()).then_some(Selection {
        reasons,
        main_region: None,
    })
}

/// A block of a discussion box that a reader would read as (part of) a comment.
fn is_comment_text(block: &Block) -> bool {
    block.flags.contains(Flags::DISCUSSION_CLASS)
        && !block.flags.intersects(NOT_COMMENTS)
        && block.link_density() <= 0.5
        && !block.text.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    fn comment_texts(html: &str) -> Vec<String> {
        let doc = Document::from_html(html, &Limits::default(), None);
        let main = super::super::classify(&doc);
        comments(&doc, &main)
            .map_or_else(Vec::new, |sel| super::super::tests::texts_kept(&doc, &sel))
    }

    const PROSE: &str = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den \
        Fluss bis zum Frühjahr zu sanieren, nachdem Gutachter Risse im Beton gefunden hatten.";

    #[test]
    fn comment_boxes_are_kept_apart_from_the_article() {
        let html = format!(
            "<html><body><article><h1>Brücke</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>\
             </article><section id=\"comments\"><h2>Kommentare</h2>\
             <div class=\"comment\"><p>Das hätte man schon vor Jahren machen sollen.</p></div>\
             <div class=\"comment\"><p>Endlich passiert etwas in dieser Stadt.</p></div>\
             <form><p>Schreiben Sie einen Kommentar</p></form></section></body></html>"
        );
        let got = comment_texts(&html);
        assert!(got.iter().any(|t| t.contains("vor Jahren")), "{got:?}");
        assert!(got.iter().any(|t| t.contains("Endlich")), "{got:?}");
        assert!(!got.iter().any(|t| t.contains("Stadtrat")), "{got:?}");
        assert!(!got.iter().any(|t| t.contains("Schreiben Sie")), "{got:?}");
    }

    #[test]
    fn a_page_without_comment_boxes_has_none() {
        let html = format!("<html><body><article><p>{PROSE}</p></article></body></html>");
        assert!(comment_texts(&html).is_empty());
    }
}
