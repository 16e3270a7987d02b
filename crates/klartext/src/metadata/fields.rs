//! The text fields' shared page facts ([`Facts`]) and their declared source tables: a
//! source is a name, a [`Trust`] and a function from the facts to the values it finds; a
//! field's table lists its sources in the order they are trusted, and its choice is a short
//! function over that table ([`super::site`], [`super::title`], [`super::description`]).

use crate::blocks::Document;
use crate::classify::Selection;
use crate::dom::{Dom, NodeId};
use crate::explain::{Candidate, FieldReport};

use super::jsonld::LdInfo;
use super::page::{headline_text, Page};
use super::site::SiteKeys;

/// How far a text field's source is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trust {
    /// The publisher's structured data (JSON-LD).
    Structured,
    /// `<meta>` names, OpenGraph and Twitter cards, the `<title>`.
    Meta,
    /// What the reader sees on the page.
    Printed,
    /// Taken only when no other source finds anything.
    Fallback,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::Structured => "structured",
            Trust::Meta => "meta",
            Trust::Printed => "printed",
            Trust::Fallback => "fallback",
        }
    }

    /// Structured data or a meta name: what the publisher declares rather than prints.
    pub fn declared(self) -> bool {
        matches!(self, Trust::Structured | Trust::Meta)
    }
}

/// One row of a field's source table, the shape every metadata table shares: its name (as
/// `klartext explain` prints it), how far it is trusted on the field's own scale `T`, and
/// the function `F` that finds its candidates.
pub(crate) struct SourceRow<T, F> {
    pub name: &'static str,
    pub trust: T,
    pub find: F,
}

/// One source of a text field.
pub(crate) type Source = SourceRow<Trust, for<'a> fn(&Facts<'a>) -> Vec<String>>;

pub(crate) const fn source(
    name: &'static str,
    trust: Trust,
    find: for<'a> fn(&Facts<'a>) -> Vec<String>,
) -> Source {
    SourceRow { name, trust, find }
}

/// What the text fields' sources read: the page's facts, and the fields chosen before
/// (the site name before the title, the title before the description).
pub(crate) struct Facts<'a> {
    pub dom: &'a Dom,
    pub page: &'a Page,
    pub ld: &'a LdInfo,
    /// The host of the article's URL (the canonical one, else the page's).
    pub host: Option<String>,
    /// The headline element and its text.
    pub h1: Option<NodeId>,
    pub h1_text: Option<String>,
    /// The elements of the blocks the extractor dropped as furniture.
    pub dropped: Vec<NodeId>,
    /// The article's text.
    pub text: &'a str,
    /// The names the site goes by.
    pub site: SiteKeys,
    /// The title the document gave before the metadata was read (a dump's headline).
    pub given_title: Option<String>,
    /// The site name chosen.
    pub site_name: Option<String>,
    /// The title chosen.
    pub title: Option<String>,
}

impl<'a> Facts<'a> {
    /// Gathers the facts of `doc`'s page (`page`, `ld`), knowing what the extractor kept
    /// (`selection`), the article's `host`, its `text` and the title the document gave.
    pub fn gather(
        doc: &'a Document,
        (page, ld): (&'a Page, &'a LdInfo),
        selection: Option<&Selection>,
        host: Option<String>,
        (text, given_title): (&'a str, Option<String>),
    ) -> Facts<'a> {
        let dom = &doc.dom;
        let h1 = super::title::headline_node(dom, page, ld);
        let h1_text = h1.map(|h| headline_text(dom, h)).filter(|t| !t.is_empty());
        let dropped = selection
            .map(|s| super::description::dropped_boxes(doc, s))
            .unwrap_or_default();
        Facts {
            dom,
            page,
            ld,
            host,
            h1,
            h1_text,
            dropped,
            text,
            site: SiteKeys::of(page, ld),
            given_title,
            site_name: None,
            title: None,
        }
    }
}

/// A field's choice: the value, the source it came from and the named cross-checks that
/// changed it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pick {
    pub value: Option<String>,
    pub from: Option<&'static str>,
    pub checks: Vec<&'static str>,
}

impl Pick {
    pub fn new(value: String, from: &'static str) -> Pick {
        Pick {
            value: Some(value),
            from: Some(from),
            checks: Vec::new(),
        }
    }
}

/// Every value the sources `take` admits find, in the table's order.
pub(crate) fn found(
    table: &'static [Source],
    f: &Facts,
    take: impl Fn(&Source) -> bool,
) -> Vec<(String, &'static Source)> {
    table
        .iter()
        .filter(|s| take(s))
        .flat_map(|s| (s.find)(f).into_iter().map(move |v| (v, s)))
        .collect()
}

/// The first value of the first source (among those `take` admits) that finds one.
pub(crate) fn first_found(
    table: &'static [Source],
    f: &Facts,
    take: impl Fn(&Source) -> bool,
) -> Option<(String, &'static Source)> {
    table
        .iter()
        .filter(|s| take(s))
        .find_map(|s| (s.find)(f).into_iter().next().map(|v| (v, s)))
}

/// For `explain`: every value each source of `table` finds, and the choice.
pub(crate) fn report(
    field: &'static str,
    table: &'static [Source],
    f: &Facts,
    pick: Pick,
) -> FieldReport {
    let candidates = table
        .iter()
        .filter_map(|s| {
            let values = (s.find)(f);
            (!values.is_empty()).then_some(Candidate {
                source: s.name,
                trust: s.trust.as_str(),
                values,
            })
        })
        .collect();
    FieldReport {
        field,
        chosen: pick.value,
        chosen_from: pick.from,
        checks: pick.checks,
        candidates,
    }
}
