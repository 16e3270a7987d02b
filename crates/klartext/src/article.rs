//! The result of extraction: one [`Article`] per document, with stable field names.
//!
//! Every field exists in the JSON output even when a later pass (metadata, quotations,
//! entities) has not filled it yet, so consumers can rely on the schema: an empty optional
//! field is `null`, never absent, and the keys come in the order they are declared here.

use serde::{Deserialize, Serialize};

/// An extracted article: its clean text and what a reader wants to know about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The path or URL the caller named the document by.
    pub source: Option<String>,
    /// The canonical URL of the article.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The teaser or lead as the publisher wrote it.
    pub description: Option<String>,
    /// Persons credited as authors, one entry each.
    pub authors: Vec<String>,
    /// ISO 8601 publication date (with time and zone where known).
    pub date_published: Option<String>,
    /// ISO 8601 date of the last modification.
    pub date_modified: Option<String>,
    /// The name of the site or publication.
    pub site_name: Option<String>,
    /// BCP 47 language code.
    pub language: Option<String>,
    /// The main text: blocks separated by a blank line.
    pub text: String,
    /// The main text as Markdown, when asked for (else `null`).
    #[serde(default)]
    pub markdown: Option<String>,
    /// The page's comment section as text, blocks separated by a blank line, when asked for
    /// (`Options::comments`) and the page has one (else `null`).
    #[serde(default)]
    pub comments: Option<String>,
    /// The lead image and the figures of the article.
    pub images: Vec<Image>,
    /// News agencies credited for the story, as canonical short names.
    pub agencies: Vec<String>,
    /// Quotations with their speakers, in document order.
    pub quotes: Vec<Quote>,
    /// Persons and organisations named in the article.
    pub entities: Vec<Entity>,
    /// What kind of page this is (article, forum, product, collection, listing,
    /// documentation, service) and how sure the model is; null for a text dump.
    pub page_type: Option<crate::pagetype::PageType>,
    /// How the bytes were decoded.
    pub encoding: Option<String>,
    /// True when a cap (node count, time budget) cut the work short: the text holds what
    /// was read in time, and later passes may be missing.
    pub truncated: bool,
}

/// An image with its caption and credit kept apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// What kind of speech a quotation reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
    Reported,
}

/// A quotation and who said it. `start` and `end` are character (Unicode code point)
/// offsets into [`Article::text`], so Python and JSON consumers can slice with them; for a
/// quotation in marks they include the marks, while `text` holds the words without them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    /// The speaker's full canonical name (or the phrase, when no name is known).
    pub speaker: Option<String>,
    /// The speaker as written near the quotation (a pronoun, role noun or name).
    pub speaker_mention: Option<String>,
    /// Character offsets of `speaker_mention` in [`Article::text`] (`null` without one).
    #[serde(default)]
    pub speaker_start: Option<usize>,
    #[serde(default)]
    pub speaker_end: Option<usize>,
    pub cue: Option<String>,
    pub kind: QuoteKind,
    pub start: usize,
    pub end: usize,
}

/// The type of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    Organization,
    Place,
}

/// A person, organisation or place named in the article, all mentions merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub roles: Vec<String>,
    pub mentions: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_optional_fields_are_null_not_absent() {
        let quote = Quote {
            text: "Wir bleiben.".to_string(),
            speaker: None,
            speaker_mention: None,
            speaker_start: None,
            speaker_end: None,
            cue: None,
            kind: QuoteKind::Direct,
            start: 0,
            end: 14,
        };
        let article = Article {
            quotes: vec![quote],
            ..Article::default()
        };
        let json = serde_json::to_value(&article).expect("serialises");
        assert!(json["markdown"].is_null() && json.get("markdown").is_some());
        let q = &json["quotes"][0];
        for key in [
            "speaker",
            "speaker_mention",
            "speaker_start",
            "speaker_end",
            "cue",
        ] {
            assert!(q.get(key).is_some_and(serde_json::Value::is_null), "{key}");
        }
    }
}
