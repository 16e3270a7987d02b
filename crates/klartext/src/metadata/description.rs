//! Description: the publisher's teaser. Its sources, in the order they are trusted
//! ([`DESCRIPTION`]): Dublin Core, the page's own description (unless the CMS cut it short),
//! OpenGraph, JSON-LD, the other description names, the lead printed under the headline;
//! failing all, the first paragraph of the text. [`choose`] takes the first that is about
//! the article (not the site's blurb), and a fuller declared one when it was cut mid-sentence.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{self, first_found, found, source, Facts, Pick, Source, Trust};
use super::jsonld;
use super::page::{self, collapse, Page};
use super::title;
use crate::blocks::Document;
use crate::classify::{Reason, Selection};
use crate::dom::{Dom, NodeId};

/// The description's sources, most trusted first.
pub(crate) const DESCRIPTION: &[Source] = &[
    source("meta dc:description", Trust::Meta, dublin_core),
    // The page's own description, unless the CMS cut it short ("…"): then the others
    // first (a blog's cut excerpt is still its teaser if nothing else is given).
    source("meta description, whole", Trust::Meta, whole_description),
    source("og:description", Trust::Meta, og_description),
    source("JSON-LD description", Trust::Structured, ld_description),
    source("meta description names", Trust::Meta, any_description),
    source("lead under the headline", Trust::Printed, lead),
    source(
        "first paragraph of the text",
        Trust::Fallback,
        first_paragraph,
    ),
];

/// A description as the choice reads it: plain text, entities and spaces undone; none
/// when empty or a CMS's placeholder.
fn cleaned(value: Option<&str>) -> Vec<String> {
    value
        .map(|d| collapse(&strip_tags(&jsonld::unescape(d))))
        .filter(|d| !d.is_empty() && !is_placeholder(d))
        .into_iter()
        .collect()
}

fn dublin_core(f: &Facts) -> Vec<String> {
    cleaned(f.page.meta(&["dc:description", "dcterm:description"]))
}

fn whole_description(f: &Facts) -> Vec<String> {
    let cut = |d: &&str| d.trim_end().ends_with("...") || d.trim_end().ends_with('…');
    cleaned(f.page.meta(&["description"]).filter(|d| !cut(d)))
}

fn og_description(f: &Facts) -> Vec<String> {
    cleaned(f.page.meta(&["og:description"]))
}

fn ld_description(f: &Facts) -> Vec<String> {
    cleaned(f.ld.description.as_deref())
}

fn any_description(f: &Facts) -> Vec<String> {
    cleaned(f.page.meta(&[
        "description",
        "twitter:description",
        "dc.description",
        "dcterms.description",
    ]))
}

fn lead(f: &Facts) -> Vec<String> {
    let lead =
        f.h1.and_then(|h| visible_lead(f.dom, f.page, h, f.h1_text.as_deref(), &f.dropped));
    cleaned(lead.as_deref())
}

/// The lead: the first paragraph of the article's text that is not the headline.
fn first_paragraph(f: &Facts) -> Vec<String> {
    f.text
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !f.title.as_deref().is_some_and(|t| title::same(t, p)))
        .map(collapse)
        .into_iter()
        .collect()
}

/// The cross-check that passes over the site's own blurb.
const BLURB: &str = "the site's blurb passed over";
/// The cross-check that completes a teaser cut short.
const FULLER: &str = "cut mid-sentence: the whole one";

/// Chooses the description: the first found that is about this article — the site's own
/// blurb ("buehnenblatt.de – das unabhängige Bühnenportal"), which names the site and
/// shares no word with the headline, only when nothing else is given — else the text's
/// first paragraph.
pub(crate) fn choose(f: &Facts) -> Pick {
    let candidates = found(DESCRIPTION, f, |s| s.trust != Trust::Fallback);
    let title = f.title.as_deref();
    let at = candidates
        .iter()
        .position(|(d, _)| !f.site.blurb(d, title))
        .unwrap_or(0);
    let Some((chosen, from)) = candidates.get(at) else {
        return first_found(DESCRIPTION, f, |s| s.trust == Trust::Fallback)
            .map(|(d, s)| Pick::new(d, s.name))
            .unwrap_or_default();
    };
    let mut pick = Pick::new(chosen.clone(), from.name);
    if at > 0 {
        pick.checks.push(BLURB);
    }
    if let Some((whole, from)) = fuller(&candidates, chosen) {
        pick.value = Some(whole.clone());
        pick.from = Some(from.name);
        pick.checks.push(FULLER);
    }
    pick
}

/// A teaser cut short mid-sentence without a mark ("… The most commonly"), given whole in
/// another declared field: the whole one. (One cut with "…" is the excerpt as the CMS
/// prints it; the visible lead may run on into a byline.)
fn fuller<'c>(
    candidates: &'c [(String, &'static Source)],
    chosen: &str,
) -> Option<&'c (String, &'static Source)> {
    let mid_sentence = chosen.chars().last().is_some_and(|c| c.is_alphanumeric());
    if !mid_sentence || chosen.chars().count() < 10 {
        return None;
    }
    let stem = chosen.to_lowercase();
    candidates
        .iter()
        .filter(|(_, s)| s.trust.declared())
        .find(|(d, _)| {
            d.chars().count() > chosen.chars().count() && d.to_lowercase().starts_with(&stem)
        })
}

/// For `explain`: every description each source finds, and the choice.
pub(crate) fn report(f: &Facts) -> crate::explain::FieldReport {
    fields::report("description", DESCRIPTION, f, choose(f))
}

/// A CMS's stand-in for a missing description ("Visit the post for more.").
fn is_placeholder(d: &str) -> bool {
    const PLACEHOLDERS: &[&str] = &["visit the post for more.", "beitrag ansehen", "read more"];
    let l = d.trim().to_lowercase();
    PLACEHOLDERS.contains(&l.as_str())
}

/// Markup some CMSs leave in their descriptions ("<p>…</p>", "<em>NDR</em>"): a
/// description is plain text.
fn strip_tags(s: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"</?([A-Za-z][A-Za-z0-9]*)[^<>]{0,200}>").expect("static regex")
    });
    if !s.contains('<') {
        return s.to_string();
    }
    // Inline tags join their words ("<em>NDR</em>-Recherchen"), others separate them.
    TAG.replace_all(s, |c: &regex::Captures| {
        let name = c.get(1).map_or("", |m| m.as_str()).to_ascii_lowercase();
        let inline = matches!(
            name.as_str(),
            "a" | "b" | "i" | "em" | "strong" | "span" | "u" | "small" | "sup" | "sub"
        );
        if inline {
            ""
        } else {
            " "
        }
    })
    .into_owned()
}

/// The teaser printed right after the headline: an element marked as lead, teaser, intro
/// or summary, of paragraph length, not a link (lists of other articles' teasers are).
fn visible_lead(
    dom: &Dom,
    page: &Page,
    h1: NodeId,
    h1_text: Option<&str>,
    dropped: &[NodeId],
) -> Option<String> {
    let hi = h1.index();
    page.leads
        .iter()
        .filter(|l| l.index() > hi && l.index() < hi + 250)
        .filter(|&&l| !holds_any(dom, l, dropped))
        .filter(|&&l| {
            !dom.ancestors(l).any(|a| {
                matches!(
                    dom.tag(a),
                    "a" | "nav" | "aside" | "li" | "footer" | "figure"
                )
            })
        })
        .filter(|&&l| {
            !matches!(
                dom.tag(l),
                "a" | "img" | "figure" | "ul" | "ol" | "section" | "article" | "main" | "body"
            )
        })
        .take(10)
        .find_map(|&l| {
            if dom
                .descendants(l)
                .any(|d| matches!(dom.tag(d), "h1" | "h2" | "figure" | "ul" | "img"))
            {
                return None;
            }
            let t = block_spaced_text(dom, l, 1200);
            let n = t.chars().count();
            let is_h1 = h1_text.is_some_and(|h| title::same(h, &t));
            (40..=800).contains(&n).then_some(t).filter(|_| !is_h1)
        })
}

/// The elements of the blocks the extractor dropped as furniture (a furniture box, a
/// link-heavy line, a furniture phrase, a trailing section, a call to action).
pub(crate) fn dropped_boxes(doc: &Document, selection: &Selection) -> Vec<NodeId> {
    doc.blocks
        .iter()
        .zip(&selection.reasons)
        .filter(|(_, r)| {
            matches!(
                r,
                Reason::FurnitureContainer
                    | Reason::LinkHeavy
                    | Reason::FurniturePhrase
                    | Reason::TrailingSection
                    | Reason::CallToAction
            )
        })
        .map(|(b, _)| b.node)
        .collect()
}

/// Whether `id` is one of `nodes` or holds one of them.
fn holds_any(dom: &Dom, id: NodeId, nodes: &[NodeId]) -> bool {
    nodes
        .iter()
        .any(|&n| n == id || dom.ancestors(n).any(|a| a == id))
}

/// The text of `id`, words of one block run together as written, a space where one block
/// ends and the next begins ("<h3>Mehr zum Thema</h3><a>…</a>" is not "Thema…") and at
/// a `<br>`; scripts and styles left out. Up to about `limit` bytes.
fn block_spaced_text(dom: &Dom, id: NodeId, limit: usize) -> String {
    let block_of = |n: NodeId| {
        std::iter::once(n)
            .chain(dom.ancestors(n).take_while(|&a| a != id))
            .find(|&a| crate::blocks::is_block_tag(dom.tag(a)))
            .unwrap_or(id)
    };
    let mut out = String::new();
    let mut last_block = None;
    for d in dom.descendants(id) {
        let hidden = || {
            dom.ancestors(d)
                .take_while(|&a| a != id)
                .any(|a| matches!(dom.tag(a), "script" | "style" | "noscript" | "template"))
        };
        match &dom.node(d).data {
            crate::dom::NodeData::Element(e) if e.tag() == "br" => out.push(' '),
            crate::dom::NodeData::Text(t) if !hidden() => {
                let block = Some(block_of(d));
                if last_block.is_some() && block != last_block {
                    out.push(' ');
                }
                last_block = block;
                out.push_str(t);
                if out.len() > 2 * limit {
                    break;
                }
            }
            _ => {}
        }
    }
    page::cut_collapsed(&out, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The description [`choose`] picks on `html`, with the article's `text` and `title`.
    fn pick(html: &str, text: &str, title: Option<&str>) -> Pick {
        let doc = Document::from_html(html, &crate::Limits::default(), None);
        let page = Page::collect(&doc.dom);
        let ld = jsonld::read(&page.jsonld);
        let mut f = Facts::gather(&doc, (&page, &ld), None, None, (text, None));
        f.title = title.map(str::to_string);
        choose(&f)
    }

    #[test]
    fn the_description_table_in_order() {
        let names: Vec<&str> = DESCRIPTION.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "meta dc:description",
                "meta description, whole",
                "og:description",
                "JSON-LD description",
                "meta description names",
                "lead under the headline",
                "first paragraph of the text"
            ]
        );
    }

    #[test]
    fn a_cut_description_yields_to_the_next_and_a_blurb_is_passed_over() {
        let html = r#"<html><head>
        <meta property="og:site_name" content="Tagesblatt">
        <meta name="description" content="Die Lokführer streiken seit …">
        <meta property="og:description" content="Tagesblatt – Ihre Zeitung für die Region">
        <script type="application/ld+json">{"@type": "NewsArticle",
        "description": "Die Lokführer streiken seit Montag."}</script>
        </head><body><h1>Streik legt Bahn lahm</h1></body></html>"#;
        let p = pick(html, "", Some("Streik legt Bahn lahm"));
        assert_eq!(
            p.value.as_deref(),
            Some("Die Lokführer streiken seit Montag.")
        );
        assert_eq!(p.from, Some("JSON-LD description"));
        assert_eq!(p.checks, [BLURB]);
    }

    #[test]
    fn a_teaser_cut_mid_sentence_is_completed_by_a_declared_one() {
        let html = r#"<html><head>
        <meta property="og:description" content="Die Lokführer streiken seit Montag, und">
        <meta name="twitter:description"
              content="Die Lokführer streiken seit Montag, und kein Zug fährt.">
        </head><body><p>x</p></body></html>"#;
        let p = pick(html, "", None);
        assert_eq!(
            p.value.as_deref(),
            Some("Die Lokführer streiken seit Montag, und kein Zug fährt.")
        );
        assert_eq!(p.from, Some("meta description names"));
        assert_eq!(p.checks, [FULLER]);
    }

    #[test]
    fn the_printed_lead_then_the_first_paragraph() {
        let html = r#"<html><body><article><h1>Streik legt Bahn lahm</h1>
        <p class="lead">Die Lokführer streiken seit Montag, kein Zug fährt mehr im Land.</p>
        <p>Der Text.</p></article></body></html>"#;
        let p = pick(html, "", None);
        assert_eq!(
            p.value.as_deref(),
            Some("Die Lokführer streiken seit Montag, kein Zug fährt mehr im Land.")
        );
        assert_eq!(p.from, Some("lead under the headline"));
        let html = "<html><body><p>x</p></body></html>";
        let text = "Streik legt Bahn lahm\n\nDie Lokführer  streiken.\n\nMehr.";
        let p = pick(html, text, Some("Streik legt Bahn lahm"));
        assert_eq!(p.value.as_deref(), Some("Die Lokführer streiken."));
        assert_eq!(p.from, Some("first paragraph of the text"));
    }
}
