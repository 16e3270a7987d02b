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

/// One metadata field: every candidate its sources found, and the one chosen.
#[derive(Debug, Clone)]
pub struct FieldReport {
    /// The article field, as `date_published`.
    pub field: &'static str,
    /// The value chosen, as the article gives it.
    pub chosen: Option<String>,
    /// The source it came from, before the cross-checks.
    pub chosen_from: Option<&'static str>,
    /// The named cross-checks that changed it, in order.
    pub checks: Vec<&'static str>,
    /// The sources that found something, most trusted first.
    pub candidates: Vec<Candidate>,
}

/// What one source found for a field.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub source: &'static str,
    /// How far the source is trusted (`structured`, `printed`, `loose`, `url`, …).
    pub trust: &'static str,
    pub values: Vec<String>,
}

/// The page as [`crate::extract`] reads it: an HTML page or a text dump, as
/// `options.input` says; and whether it is HTML.
fn document(bytes: &[u8], options: &Options) -> Result<(Document, bool), Error> {
    let decoded = crate::decode::decode(bytes, options.charset.as_deref())?;
    Ok(if options.input.is_html(&decoded.text) {
        (
            Document::from_html(&decoded.text, &options.limits, None),
            true,
        )
    } else {
        (crate::textdump::document(&decoded.text), false)
    })
}

/// The metadata section: for the fields chosen from declared tables of sources (the site
/// name, the title, the description, the authors, the dates), every candidate found, its
/// source, and which won. Empty for a text dump (its fields are read from the dump's lines).
pub fn metadata(bytes: &[u8], options: &Options) -> Result<Vec<FieldReport>, Error> {
    let (doc, html) = document(bytes, options)?;
    Ok(if html {
        // The text as the extractor gives it: the description may fall back on its lead.
        let page_type = crate::pagetype::detect(&doc);
        let selection = classify_page(&doc, options.favor, page_type.as_ref());
        let text = crate::render::text(&doc, &selection, options.style);
        crate::metadata::explain(&doc, options, Some(&selection), &text)
    } else {
        Vec::new()
    })
}

/// Classifies `bytes` as [`crate::extract`] does (an HTML page or a text dump, as
/// `options.input` says) and reports every block.
pub fn explain(bytes: &[u8], options: &Options) -> Result<Vec<BlockReport>, Error> {
    let (doc, _) = document(bytes, options)?;
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

    #[test]
    fn the_metadata_section_names_every_date_candidate_and_the_winner() {
        let html = r#"<html lang="en"><head>
        <meta property="article:published_time" content="2025-11-20T08:00:00+00:00">
        <meta property="article:modified_time" content="2025-11-21T09:30:00+00:00">
        </head><body><h1>Harbour bridge reopens</h1><p>Published: Nov. 20, 2025</p>
        <p>The bridge reopened on Thursday after two years of repairs.</p></body></html>"#;
        let options = Options {
            reference_time: crate::metadata::dates::Date::ymd(2025, 12, 1).map(|d| d.timestamp()),
            ..Options::default()
        };
        let fields = metadata(html.as_bytes(), &options).expect("explains");
        let published = fields
            .iter()
            .find(|f| f.field == "date_published")
            .expect("a published field");
        assert_eq!(
            published.chosen.as_deref(),
            Some("2025-11-20T08:00:00+00:00")
        );
        assert_eq!(published.chosen_from, Some("meta article:published_time"));
        let sources: Vec<&str> = published.candidates.iter().map(|c| c.source).collect();
        assert!(
            sources.contains(&"labelled date near the headline"),
            "{sources:?}"
        );
        let modified = fields
            .iter()
            .find(|f| f.field == "date_modified")
            .expect("a modified field");
        assert_eq!(modified.chosen_from, Some("meta modification names"));
        let title = fields.iter().find(|f| f.field == "title").expect("a title");
        assert_eq!(title.chosen.as_deref(), Some("Harbour bridge reopens"));
        assert_eq!(title.chosen_from, Some("<h1>"));
    }
}
