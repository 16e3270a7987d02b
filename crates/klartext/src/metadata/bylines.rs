//! Authors: the article's writers, persons only when any is named. Their sources, in the
//! order they are trusted ([`AUTHORS`]): JSON-LD, the author meta names, microdata, the
//! byline elements and byline lines after the headline, the first and last lines of the
//! text, a labelled byline further down, a user name with the post's date; the first that
//! names anyone wins. [`choose`] then takes the site's own name only when no person is
//! named, and corrects a meta author by what the page prints (named cross-checks). The
//! agencies named in bylines are gathered on the way.

use super::fields::{Facts, SourceRow, Trust};
use super::page::{collapse, visible_text};
use super::{
    agencies, author_link_under_headline, authors, byline_elements, handle_after_date,
    handle_before_date, jsonld, labelled_byline, posted_by_further_down, visible_byline,
};
use crate::dom::NodeId;
use crate::explain::{Candidate, FieldReport};

/// The meta names that name the writer, in the order they are read.
const AUTHOR_KEYS: &[&str] = &[
    "dc:creator",
    "dc.creator",
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "citation_author",
    "article:author_name",
    "cxenseparse:author",
    "twitter:data1:author",
];

/// What the authors' sources read: the page facts and the visible lines after the
/// headline.
pub(crate) struct AuthorCtx<'a> {
    pub facts: &'a Facts<'a>,
    pub after: &'a [(NodeId, String)],
}

/// What the sources found on the way: the persons of the current source, the names that
/// are the site's own (taken when no person is named) and the agencies of the bylines.
pub(crate) struct Found<'a> {
    site: &'a super::SiteKeys,
    persons: Vec<String>,
    site_named: Vec<String>,
    agencies: Vec<String>,
}

impl Found<'_> {
    /// Notes the agencies a byline credits.
    fn note(&mut self, s: &str) {
        for a in agencies::from_credit(s) {
            if !self.agencies.contains(&a) {
                self.agencies.push(a);
            }
        }
    }

    /// Adds names: a person's, or one naming the site itself (kept apart).
    fn add(&mut self, names: Vec<String>) {
        for n in names {
            let n = self.site.strip_suffix(&n);
            let known = |l: &[String]| l.iter().any(|o| o.eq_ignore_ascii_case(&n));
            if known(&self.persons) || authors::is_non_person(&n) {
                continue;
            }
            if self.site.named_by(&n) || authors::is_web_address(&n) {
                if !known(&self.site_named) {
                    self.site_named.push(n);
                }
            } else {
                self.persons.push(n);
            }
        }
    }

    /// The persons found, when any: the source's answer.
    fn persons(&mut self) -> Option<Vec<String>> {
        (!self.persons.is_empty()).then(|| std::mem::take(&mut self.persons))
    }
}

/// One source of authors: `Some` ends the search with its names (maybe none).
pub(crate) type Source =
    SourceRow<Trust, for<'a> fn(&AuthorCtx<'a>, &mut Found) -> Option<Vec<String>>>;

const fn source(
    name: &'static str,
    trust: Trust,
    find: for<'a> fn(&AuthorCtx<'a>, &mut Found) -> Option<Vec<String>>,
) -> Source {
    SourceRow { name, trust, find }
}

/// The authors' sources, most trusted first.
pub(crate) const AUTHORS: &[Source] = &[
    source("JSON-LD author", Trust::Structured, ld_authors),
    source("meta author names", Trust::Meta, meta_authors),
    source("microdata author", Trust::Structured, microdata_authors),
    source("microdata Person", Trust::Structured, microdata_person),
    source("byline element", Trust::Printed, byline_element),
    source(
        "byline line after the headline",
        Trust::Printed,
        byline_line,
    ),
    source(
        "byline in the text's first lines",
        Trust::Printed,
        opening_line,
    ),
    source(
        "byline in the text's last lines",
        Trust::Printed,
        closing_line,
    ),
    source(
        "labelled byline further down",
        Trust::Printed,
        labelled_line,
    ),
    source("user name with the post's date", Trust::Printed, handle),
];

fn ld_authors(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let ld = c.facts.ld;
    for a in &ld.authors {
        found.note(&a.name);
        if a.person == Some(false) {
            continue;
        }
        if ld
            .publisher
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case(&a.name))
        {
            continue;
        }
        found.add(authors::split_names(&a.name, false));
    }
    found.persons()
}

/// Every `<meta name=author>`, not only the first, key by key.
fn meta_authors(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    for key in AUTHOR_KEYS {
        for (k, v) in &c.facts.page.metas {
            if k != key || v.starts_with("http") || v.starts_with('@') {
                continue;
            }
            found.note(v);
            // "Jobs & Hire": the site's name as a whole, not two names.
            let whole = collapse(&jsonld::unescape(v));
            if found.site.named_by(&whole) {
                found.add(vec![whole]);
                continue;
            }
            found.add(authors::split_names(v, false));
        }
        if !found.persons.is_empty() {
            return found.persons();
        }
    }
    None
}

/// itemprop=author (its itemprop=name, or its text). Only the first author element and
/// its siblings: later ones are commenters or forum replies.
fn microdata_authors(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let (dom, page) = (c.facts.dom, c.facts.page);
    let mut first_parent = None;
    for (prop, id) in &page.itemprops {
        if prop != "author" && prop != "creator" {
            continue;
        }
        let parent = dom.node(*id).parent;
        match first_parent {
            None => first_parent = Some(parent),
            Some(p) if p != parent => break,
            Some(_) => {}
        }
        let name_node = dom.descendants(*id).take(50).find(|d| {
            dom.attr(*d, "itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("name"))
        });
        let text = match name_node {
            Some(n) => dom
                .attr(n, "content")
                .map(str::to_string)
                .unwrap_or_else(|| visible_text(dom, n, 200)),
            None => dom
                .attr(*id, "content")
                .map(str::to_string)
                .unwrap_or_else(|| visible_text(dom, *id, 200)),
        };
        if text.chars().count() <= 150 {
            found.note(&text);
            found.add(authors::split_names(&text, false));
        }
    }
    found.persons()
}

/// A microdata Person that is not part of a comment, nor someone a paragraph of the text
/// mentions (sites that mark up every name: "… an der Seite von Pastorin <span
/// itemtype=Person>…</span>. Die Besucher …").
fn microdata_person(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let (dom, page) = (c.facts.dom, c.facts.page);
    let mut considered = 0;
    for &person in page.persons.iter().take(60) {
        if considered == 5 {
            break;
        }
        let block = dom
            .ancestors(person)
            .find(|&a| matches!(dom.tag(a), "p" | "div" | "li" | "td" | "article"))
            .filter(|&a| dom.tag(a) == "p");
        if block.is_some_and(|b| visible_text(dom, b, 400).chars().count() > 150) {
            continue;
        }
        considered += 1;
        if dom.ancestors(person).any(|a| {
            let c = dom.attr(a, "class").unwrap_or("").to_ascii_lowercase();
            c.contains("comment") || matches!(dom.tag(a), "aside" | "nav")
        }) {
            continue;
        }
        let name = dom
            .descendants(person)
            .take(30)
            .filter(|&d| {
                dom.attr(d, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            })
            .find_map(|d| {
                dom.attr(d, "content")
                    .map(str::to_string)
                    .or_else(|| Some(visible_text(dom, d, 120)))
            });
        if let Some(n) = name {
            found.add(authors::split_names(&n, false));
            if !found.persons.is_empty() {
                return found.persons();
            }
        }
    }
    None
}

/// Byline elements, nearest after the headline first: the first that holds names ends
/// the search, even if they all name the site.
fn byline_element(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let f = c.facts;
    let names = byline_elements(f.dom, f.page, f.h1, false, &mut |s| found.note(s))?;
    found.add(names);
    Some(std::mem::take(&mut found.persons))
}

/// "Von …" / "By …" lines after the headline, or a label line ("Autor", "Ein Artikel
/// von") with the name in the next text node.
fn byline_line(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    visible_byline(c.after, &mut |s| found.note(s))
}

/// The first lines of the article's text, where a page without a headline element
/// prints its byline.
fn opening_line(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let text = c.facts.text;
    let opening = edge_lines(text.split("\n\n"), 3, |p| p.split('\n'), 2, 60);
    visible_byline(&opening, &mut |s| found.note(s))
}

/// The last lines of the last two paragraphs ("Quelle: …" / "Autor: Anna Berger").
fn closing_line(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let text = c.facts.text;
    let closing = edge_lines(text.rsplit("\n\n"), 2, |p| p.rsplit('\n'), 3, 80);
    visible_byline(&closing, &mut |s| found.note(s))
}

/// An explicit label further down the article ("Autorin: Uta Berger, Projektleiterin",
/// "Text: Klaus Friedrich", a heading "Autor" over the name).
fn labelled_line(c: &AuthorCtx, found: &mut Found) -> Option<Vec<String>> {
    let f = c.facts;
    labelled_byline(f.dom, f.page, f.h1, &mut |s| found.note(s))
}

/// A user name with the post's date: "Posted by Konstantin 21.10.2019", "von rasos am
/// 24. Juli 2017". (The name is often a link: its own text node between the label's and
/// the date's.)
fn handle(c: &AuthorCtx, _: &mut Found) -> Option<Vec<String>> {
    let f = c.facts;
    let joined = c
        .after
        .iter()
        .take(40)
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    handle_before_date(&joined, false)
        .or_else(|| {
            c.after
                .iter()
                .take(40)
                .find_map(|(_, l)| handle_after_date(l))
        })
        .or_else(|| posted_by_further_down(f.dom, f.page, f.h1))
        .map(|h| vec![h])
}

/// Short lines at one edge of the article's text, as byline candidates: the first
/// `per_paragraph` lines of each of the first `paragraphs` paragraphs `paragraphs_in` yields
/// (in the order it yields them), those of at most `max_chars` characters.
fn edge_lines<'a, P, L>(
    paragraphs_in: P,
    paragraphs: usize,
    lines_of: impl Fn(&'a str) -> L,
    per_paragraph: usize,
    max_chars: usize,
) -> Vec<(NodeId, String)>
where
    P: Iterator<Item = &'a str>,
    L: Iterator<Item = &'a str>,
{
    paragraphs_in
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(paragraphs)
        .flat_map(|p| lines_of(p).map(str::trim).take(per_paragraph))
        .filter(|l| !l.is_empty() && l.chars().count() <= max_chars)
        .map(|l| (NodeId::DOCUMENT, l.to_string()))
        .collect()
}

/// The authors chosen, the source they came from, the cross-checks that changed them and
/// the agencies the bylines credit.
pub(crate) struct Choice {
    pub authors: Vec<String>,
    pub from: Option<&'static str>,
    pub checks: Vec<&'static str>,
    pub agencies: Vec<String>,
}

/// The cross-checks of [`choose`].
const SITE_ONLY: &str = "no person named: the site's own name";
const POST_AUTHOR: &str = "the post's author link beats the blog's meta author";
const IN_FULL: &str = "the name as the byline prints it in full";

/// Chooses the authors: the first source that names anyone, persons first.
pub(crate) fn choose(c: &AuthorCtx) -> Choice {
    let f = c.facts;
    let mut found = Found {
        site: &f.site,
        persons: Vec::new(),
        site_named: Vec::new(),
        agencies: Vec::new(),
    };
    let hit = AUTHORS
        .iter()
        .find_map(|s| (s.find)(c, &mut found).map(|names| (s, names)));
    let mut choice = Choice {
        authors: Vec::new(),
        from: hit.as_ref().map(|(s, _)| s.name),
        checks: Vec::new(),
        agencies: std::mem::take(&mut found.agencies),
    };
    let Some((source, persons)) = hit.filter(|(_, p)| !p.is_empty()) else {
        choice.authors = found.site_named;
        if !choice.authors.is_empty() {
            choice.checks.push(SITE_ONLY);
        }
        return choice;
    };
    let (authors, check) = as_printed(c, source, persons);
    choice.authors = authors;
    choice.checks.extend(check);
    choice
}

/// The persons of a declared source corrected by what the page prints: a blog's `<meta
/// name=author>` names the site's owner, the link to the post's author page under the
/// headline ("Erstellt von <a href=/author/fabian/>Fabian</a>") who wrote this post; a
/// first name alone ("Stefanus") that the byline gives in full ("Von Stefanus Stahl"),
/// or a user name ("gabor_munier", "DT") the page prints as a person's name: the printed
/// name.
fn as_printed(
    c: &AuthorCtx,
    source: &Source,
    persons: Vec<String>,
) -> (Vec<String>, Option<&'static str>) {
    let f = c.facts;
    if source.trust == Trust::Meta {
        if let Some(linked) = author_link_under_headline(f.dom, f.page, f.h1) {
            if !linked
                .iter()
                .any(|l| persons.iter().any(|p| p.eq_ignore_ascii_case(l)))
            {
                return (linked, Some(POST_AUTHOR));
            }
        }
    }
    if persons.iter().all(|p| !p.contains(' ')) {
        if let Some(full) = visible_byline(c.after, &mut |_| {}) {
            let first = |n: &str| n.split_whitespace().next().map(str::to_lowercase);
            let spelled = |p: &str| {
                source.trust.declared()
                    && authors::is_user_name(p)
                    && full.iter().any(|f| authors::user_name_of(p, f))
            };
            if persons
                .iter()
                .all(|p| full.iter().any(|f| first(f) == first(p)) || spelled(p))
            {
                return (full, Some(IN_FULL));
            }
        }
    }
    (persons, None)
}

/// For `explain`: the names each source finds on its own, and the choice.
pub(crate) fn report(c: &AuthorCtx) -> FieldReport {
    let candidates = AUTHORS
        .iter()
        .filter_map(|s| {
            let mut found = Found {
                site: &c.facts.site,
                persons: Vec::new(),
                site_named: Vec::new(),
                agencies: Vec::new(),
            };
            let mut values = (s.find)(c, &mut found).unwrap_or_default();
            values.extend(found.site_named);
            (!values.is_empty()).then_some(Candidate {
                source: s.name,
                trust: s.trust.as_str(),
                values,
            })
        })
        .collect();
    let choice = choose(c);
    FieldReport {
        field: "authors",
        chosen: (!choice.authors.is_empty()).then(|| choice.authors.join("; ")),
        chosen_from: choice.from,
        checks: choice.checks,
        candidates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Document;
    use crate::metadata::jsonld;
    use crate::metadata::page::{lines_after, Page};

    /// The authors [`choose`] picks on `html`, with the article's `text`.
    fn pick(html: &str, text: &str) -> Choice {
        let doc = Document::from_html(html, &crate::Limits::default(), None);
        let page = Page::collect(&doc.dom);
        let ld = jsonld::read(&page.jsonld);
        let f = Facts::gather(&doc, (&page, &ld), None, None, (text, None));
        let anchor = f.h1.or(page.body);
        let after = anchor
            .map(|a| lines_after(&doc.dom, a, 900))
            .unwrap_or_default();
        choose(&AuthorCtx {
            facts: &f,
            after: &after,
        })
    }

    #[test]
    fn the_authors_table_in_order() {
        let names: Vec<&str> = AUTHORS.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "JSON-LD author",
                "meta author names",
                "microdata author",
                "microdata Person",
                "byline element",
                "byline line after the headline",
                "byline in the text's first lines",
                "byline in the text's last lines",
                "labelled byline further down",
                "user name with the post's date"
            ]
        );
    }

    #[test]
    fn json_ld_first_and_the_agencies_on_the_way() {
        let html = r#"<html><head><script type="application/ld+json">{"@type": "NewsArticle",
        "author": [{"@type": "Person", "name": "Anna Berger"}, {"@type": "Organization",
        "name": "dpa"}]}</script><meta name="author" content="Jonas Weber"></head>
        <body><h1>Streik legt Bahn lahm</h1><p>Von Clara Hill</p></body></html>"#;
        let c = pick(html, "");
        assert_eq!(c.authors, ["Anna Berger"]);
        assert_eq!(c.from, Some("JSON-LD author"));
        assert_eq!(c.agencies, ["dpa"]);
    }

    #[test]
    fn the_visible_byline_then_the_site_only_when_no_person_is_named() {
        let html = "<html><body><h1>Streik legt Bahn lahm</h1>\
            <p>Von Anna Berger und Jonas Weber</p><p>Der Text.</p></body></html>";
        let c = pick(html, "");
        assert_eq!(c.authors, ["Anna Berger", "Jonas Weber"]);
        assert_eq!(c.from, Some("byline line after the headline"));
        let html = r#"<html><head><meta property="og:site_name" content="Tagesblatt">
            <meta name="author" content="Tagesblatt"></head><body><h1>Streik legt Bahn lahm</h1>
            <p>Der Text.</p></body></html>"#;
        let c = pick(html, "");
        assert_eq!(c.authors, ["Tagesblatt"]);
        assert_eq!(c.checks, [SITE_ONLY]);
    }

    #[test]
    fn a_first_name_in_the_meta_printed_in_full() {
        let html = r#"<html><head><meta name="author" content="Anna"></head><body>
            <h1>Streik legt Bahn lahm</h1><p>Von Anna Berger</p><p>Der Text.</p></body></html>"#;
        let c = pick(html, "");
        assert_eq!(c.authors, ["Anna Berger"]);
        assert_eq!(c.from, Some("meta author names"));
        assert_eq!(c.checks, [IN_FULL]);
    }
}
