//! Explaining a result: every block of a page with the verdict on it and why, for looking
//! at failures page by page.

use crate::blocks::{BlockKind, Document};
use crate::classify::{classify_page, Reason};
use crate::{Error, Options};

/// One block of a page and the verdict on it.
#[derive(Debug, Clone)]
pub struct BlockReport {
    pub kind: BlockKind,
    pub text: String,
    pub reason: Reason,
    pub link_density: f32,
    /// The tag and class of the owning element, as `div.article-body`.
    pub owner: String,
    /// True for the blocks of the chosen main region.
    pub in_main_region: bool,
    /// The innermost container named or tagged as furniture that holds the block.
    pub furniture_container: Option<String>,
}

/// Classifies `bytes` as [`crate::extract`] does (an HTML page or a text dump, as
/// `options.input` says) and reports every block.
pub fn explain(bytes: &[u8], options: &Options) -> Result<Vec<BlockReport>, Error> {
    let decoded = crate::decode::decode(bytes, options.charset.as_deref())?;
    let doc = if options.input.is_html(&decoded.text) {
        Document::from_html(&decoded.text, &options.limits, None)
    } else {
        crate::textdump::document(&decoded.text)
    };
    let page_type = crate::pagetype::detect(&doc);
    let selection = classify_page(&doc, options.favor, page_type.as_ref());
    let main_range = selection
        .main_region
        .map(|i| doc.regions[i].blocks.clone())
        .unwrap_or(0..0);
    Ok(doc
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| BlockReport {
            kind: b.kind,
            text: b.text.clone(),
            reason: selection.reasons[i],
            link_density: b.link_density(),
            owner: describe_element(&doc, b.node),
            in_main_region: main_range.contains(&i),
            furniture_container: doc
                .regions
                .iter()
                .filter(|r| r.blocks.contains(&i) && r.own.intersects(crate::classify::FURNITURE))
                .max_by_key(|r| r.depth)
                .map(|r| describe_element(&doc, r.node)),
        })
        .collect())
}

fn describe_element(doc: &Document, id: crate::dom::NodeId) -> String {
    let mut s = doc.dom.tag(id).to_string();
    if let Some(class) = doc.dom.attr(id, "class") {
        s.push('.');
        s.push_str(&class.split_whitespace().collect::<Vec<_>>().join("."));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_dump_is_explained_line_by_line() {
        let prose =
            "A sentence long enough to count as the article's prose, with a comma, and an end.";
        let dump = format!("Home\nNews\n\n{prose}\n\n{prose} Two.\n");
        let options = Options {
            input: crate::InputKind::Text,
            ..Options::default()
        };
        let report = explain(dump.as_bytes(), &options).expect("explains");
        let kept: Vec<&str> = report
            .iter()
            .filter(|b| b.reason.keeps())
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(report.iter().any(|b| b.text == "Home" && !b.reason.keeps()));
    }
}
