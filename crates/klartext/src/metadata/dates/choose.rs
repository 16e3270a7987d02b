//! Choosing the publication and modification dates among the page's sources.

use std::sync::LazyLock;

use regex::Regex;

use super::{self as dates, Date};
use crate::dom::{Dom, NodeId};
use crate::metadata::page::{collapse, visible_text, Page};
use crate::metadata::{host_of, jsonld};

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "og:published_time",
    "article.published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_date",
    "publication_date",
    "publication-date",
    "pubdate",
    "og:pubdate",
    "date.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "article.created",
    "article_date_original",
    "originalpublicationdate",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "rnews:datepublished",
    "datecreated",
    "date_published",
    "release_date",
    "displaydate",
    "content_date",
    "created",
    "creation_date",
    "pdate",
    "bt:pubdate",
    "shareaholic:article_published_time",
];

/// Meta names that say "date" without saying which: often the day the page was last
/// changed or generated, so a different, earlier date the reader sees beats them.
const GENERIC_DATE_KEYS: &[&str] = &["dc.date", "dcterms.date", "date"];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "last_updated",
    "revised",
    "article.updated",
    "parsely-updated-date",
    "dateupdate",
    "sailthru.lastmodified",
];

/// A labelled date: what the label before it says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Published,
    Modified,
    None,
}

static MODIFIED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:aktualisiert|zuletzt|geändert|änderung|update[d]?|stand|modified|last\s+edited|revised|überarbeitet|mis à jour|actualizado)\W{0,3}(?:am|on|:)?:?\s*$")
        .expect("static regex")
});

static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:veröffentlicht|erschienen|erstellt|publiziert|erscheinungsdatum|published|posted|publié|publicado|pubblicato|online\s+seit|datum|date)\W{0,3}(?:am|on|le|el|il|:)?:?|(?:von|by)\s+[\p{L}\d][\p{L}\d_.' -]{1,40}?(?:\s(?:am|on)|\s*[·|•,]))\s*$")
        .expect("static regex")
});

fn label_before(s: &str, start: usize) -> Label {
    let from = start.saturating_sub(40);
    let mut from = from;
    while !s.is_char_boundary(from) {
        from += 1;
    }
    // (Lines are joined with " ¦ ": "von ¦ Marianne1 ¦ am 20.09.2020" reads as one phrase.)
    let ctx = s[from..start].replace(" ¦ ", " ");
    let ctx = ctx.as_str();
    if MODIFIED_LABEL.is_match(ctx) {
        Label::Modified
    } else if PUBLISHED_LABEL.is_match(ctx) {
        Label::Published
    } else {
        Label::None
    }
}

/// Dates in joined visible lines, with their labels, in order.
fn text_dates(
    lines: &[(NodeId, String)],
    reference: Option<i64>,
    day_first: bool,
) -> Vec<(Date, Label, usize)> {
    let joined = lines
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(" ¦ ");
    let mut out: Vec<(Date, Label, usize)> = dates::find_all_order(&joined, day_first)
        .into_iter()
        .map(|f| (f.date, label_before(&joined, f.start), f.start))
        .collect();
    if let Some(r) = reference {
        for (_, line) in lines {
            if let Some((d, _)) = dates::relative(line, r) {
                if let Some(i) = joined.find(line.as_str()) {
                    out.push((d, label_before(&joined, i), i));
                }
                break;
            }
        }
        out.sort_by_key(|x| x.2);
    }
    out
}

/// Whether the line holding offset `at` of the joined `lines` (see [`text_dates`]) is a date
/// line of its own: the date and at most a weekday ("Samstag, 9. September 2017").
fn date_line(lines: &[(NodeId, String)], at: usize, day_first: bool) -> bool {
    let Some((_, line)) = line_at(lines, at) else {
        return false;
    };
    let Some(f) = dates::find_all_order(line, day_first).into_iter().next() else {
        return false;
    };
    // (No digits and no label besides: "Termin: 05.02.2020" dates something else.)
    let rest = format!("{}{}", &line[..f.start], &line[f.end..]);
    !rest.chars().any(|c| c.is_ascii_digit() || c == ':')
        && rest.chars().filter(|c| c.is_alphabetic()).count() <= 12
}

/// The text of `id` with a space between its text nodes, up to about `limit` bytes.
fn spaced_text(dom: &Dom, id: NodeId, limit: usize) -> String {
    let mut out = String::new();
    for d in dom.descendants(id) {
        if dom
            .ancestors(d)
            .take_while(|&a| a != id)
            .any(|a| matches!(dom.tag(a), "script" | "style" | "noscript" | "template"))
        {
            continue;
        }
        if let crate::dom::NodeData::Text(t) = &dom.node(d).data {
            out.push(' ');
            out.push_str(t);
            if out.len() > limit {
                break;
            }
        }
    }
    collapse(&out)
}

/// The line holding offset `at` of the joined `lines` (see [`text_dates`]).
fn line_at(lines: &[(NodeId, String)], at: usize) -> Option<&(NodeId, String)> {
    let mut start = 0;
    for entry in lines {
        let end = start + entry.1.len();
        if at < end {
            return Some(entry);
        }
        start = end + " ¦ ".len();
    }
    None
}

fn time_value(dom: &Dom, id: NodeId, day_first: bool) -> Option<Date> {
    dom.attr(id, "datetime")
        .or_else(|| dom.attr(id, "content"))
        .and_then(dates::parse_value)
        .or_else(|| dates::parse_value_order(&visible_text(dom, id, 120), day_first))
}

/// Whether "02/10/2020" on this page means 2 October: anything but US English (by the
/// declared language's region, else the country domain).
fn day_first(page: &Page, url: Option<&str>) -> bool {
    let lang = page
        .html_lang
        .as_deref()
        .or_else(|| page.meta(&["og:locale", "content-language"]))
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace('_', "-");
    if !lang.is_empty() {
        return !(lang == "en" || lang.starts_with("en-us")) || {
            let host = url.and_then(host_of).unwrap_or("");
            lang == "en"
                && [".uk", ".au", ".nz", ".ie", ".in", ".za"]
                    .iter()
                    .any(|t| host.ends_with(t))
        };
    }
    let host = url.and_then(host_of).unwrap_or("");
    !(host.ends_with(".com")
        || host.ends_with(".org")
        || host.ends_with(".net")
        || host.ends_with(".us")
        || host.is_empty())
}

/// Whether a text node sits in a photo caption or credit.
fn in_caption(dom: &Dom, n: NodeId) -> bool {
    dom.ancestors(n).take(8).any(|a| {
        matches!(dom.tag(a), "figcaption" | "figure")
            || dom.attr(a, "class").is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    let t = t.to_ascii_lowercase();
                    // ("item-caption" boxes hold a video's whole description, "credits"
                    // boxes the article's byline and date.)
                    matches!(
                        t.as_str(),
                        "caption" | "wp-caption-text" | "image-caption" | "photo-credit"
                    )
                })
            })
    })
}

/// Whether a text node sits in a menu or a breadcrumb trail (their links often carry dates).
fn in_menu(dom: &Dom, n: NodeId) -> bool {
    dom.ancestors(n).take(10).any(|a| {
        dom.tag(a) == "nav"
            || dom.attr(a, "class").is_some_and(|c| {
                c.split_whitespace().any(|t| {
                    let t = t.to_ascii_lowercase();
                    t.starts_with("menu")
                        || t.contains("breadcrumb")
                        || t == "nav"
                        || t.starts_with("nav-")
                        || t.starts_with("navbar")
                        || t.starts_with("navigation")
                })
            })
    })
}

/// Whether a line is a photo caption by its opening words ("FILE PHOTO: …", "Archivbild: …").
fn caption_line(line: &str) -> bool {
    static STARTS: LazyLock<Vec<String>> = LazyLock::new(|| {
        crate::lexicon::phrase_list(include_str!(
            "../../../data/metadata/photo-caption-starts.txt"
        ))
    });
    let head: String = line.chars().take(24).collect::<String>().to_lowercase();
    STARTS.iter().any(|s| head.starts_with(s.as_str()))
}

/// Whether a `<time>` belongs to a teaser of another article (a teaser or related box) or to
/// a reader's comment rather than to the page's own article.
fn in_teaser(dom: &Dom, t: NodeId) -> bool {
    dom.ancestors(t).take(8).any(|a| {
        dom.attr(a, "class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("teaser")
                || c.contains("related")
                || c.contains("widget")
                || c.split_whitespace().any(is_comment_class)
        })
    }) || dom
        .attr(t, "class")
        .is_some_and(|c| c.to_ascii_lowercase().contains("teaser"))
}

/// The date in a small inline script of the body, one that writes a date into the page.
fn body_script_date(dom: &Dom, body: Option<NodeId>, day_first: bool) -> Option<Date> {
    let body = body?;
    dom.elements_by_tag("script")
        .filter(|&id| dom.attr(id, "src").is_none() && dom.ancestors(id).any(|a| a == body))
        .take(200)
        .find_map(|id| {
            let text = dom.text_content(id);
            if text.len() > 200 {
                return None;
            }
            dates::find_all_order(&text, day_first)
                .first()
                .map(|f| f.date)
        })
}

/// A class naming a reader's comment ("comment-body", "kb-comment-box"), not a page's
/// comment settings or its link to the comments ("comments-open", "comments-link").
fn is_comment_class(token: &str) -> bool {
    token.contains("comment")
        && !["open", "closed", "count", "link", "number", "button"]
            .iter()
            .any(|w| token.contains(w))
}

/// A publication date inside inline script data, by its key.
fn script_date(dom: &Dom) -> Option<Date> {
    static KEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"(?i)["']?(?:datePublished|publishDate|published_at|publishedAt|pubDate|date_published|publication_date|article_publication_date|first-publication|firstPublication|firstPublished|publishingDate|cmsPublishingDate|publishedDate|publication_time|DateCreation|date_created|created_at|createdAt|uploadDate)["']?\s*[:=]\s*["']([^"']{8,40})["']"#,
        )
        .expect("static regex")
    });
    for id in dom.elements_by_tag("script").take(200) {
        let text = dom.text_content(id);
        if let Some(d) = KEY
            .captures_iter(&text)
            .filter_map(|c| c.get(1).and_then(|m| dates::parse_value(m.as_str())))
            .next()
        {
            return Some(d);
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
pub(in crate::metadata) fn choose_dates(
    dom: &Dom,
    page: &Page,
    ld: &jsonld::LdInfo,
    h1: Option<NodeId>,
    after: &[(NodeId, String)],
    before: &[(NodeId, String)],
    url: Option<&str>,
    now: i64,
    reference: Option<i64>,
) -> (Option<Date>, Option<Date>) {
    let ok = |d: Option<Date>| d.filter(|d| d.plausible(now));
    let day_first = day_first(page, url);
    let h1_index = h1.map_or(0, |h| h.index());
    let near_h1 = |id: NodeId| {
        let i = id.index();
        let close = h1.is_none() || (i + 150 >= h1_index && i <= h1_index + 600);
        close
            && !dom.ancestors(id).any(|a| {
                matches!(
                    dom.tag(a),
                    "aside" | "nav" | "footer" | "blockquote" | "iframe"
                )
            })
    };
    // The visible text near the headline, without photo captions (they date the photo).
    let after: Vec<(NodeId, String)> = after
        .iter()
        .filter(|(n, t)| !in_caption(dom, *n) && !in_menu(dom, *n) && !caption_line(t))
        .cloned()
        .collect();
    let near_at: Vec<(Date, Label, usize)> = text_dates(&after, reference, day_first)
        .into_iter()
        .filter(|(d, _, _)| d.plausible(now))
        .collect();
    // The date printed right under the headline, as the reader sees it.
    // (Labelled as the publication, in a <time> of its own, or a date line of its own
    // straight under the headline.)
    let beside = near_at
        .iter()
        .find(|(_, l, at)| {
            *at < 300
                && match l {
                    Label::Published => true,
                    Label::Modified => false,
                    Label::None => {
                        h1.is_some()
                            && (line_at(&after, *at).is_some_and(|(n, _)| {
                                dom.ancestors(*n).take(3).any(|a| dom.tag(a) == "time")
                                    && !in_teaser(dom, *n)
                            }) || (*at < 150 && date_line(&after, *at, day_first)))
                    }
                }
        })
        .map(|(d, l, _)| (*d, *l));
    let near: Vec<(Date, Label)> = near_at.iter().map(|(d, l, _)| (*d, *l)).collect();
    let before: Vec<(NodeId, String)> = before
        .iter()
        .filter(|(n, t)| !in_caption(dom, *n) && !in_menu(dom, *n) && !caption_line(t))
        .cloned()
        .collect();
    let near_before: Vec<(Date, Label)> = text_dates(&before, reference, day_first)
        .into_iter()
        .filter(|(d, _, _)| d.plausible(now))
        .map(|(d, l, _)| (d, l))
        .collect();
    let url_date = url.and_then(dates::from_url).filter(|d| d.plausible(now));
    // When the structured sources disagree, the one the reader sees beside the headline
    // (or in the URL) wins.
    let seen: Vec<i64> = near
        .iter()
        .chain(&near_before)
        .filter(|(_, l)| *l != Label::Modified)
        .take(3)
        .map(|(d, _)| d.days())
        .chain(url_date.map(|d| d.days()))
        .collect();
    // A meta value such as "10/05/2022" is read month first (servers mostly write the US
    // form), unless the page reads day first and that reading is the one it prints beside
    // the headline, or the one not later than its modification date.
    let read = |v: &str, modified: Option<Date>| -> Option<Date> {
        let m = ok(dates::parse_value(v))?;
        let Some(d) = ok(dates::parse_value_order(v, true)).filter(|d| day_first && *d != m) else {
            return Some(m);
        };
        let printed = seen.contains(&d.days()) && !seen.contains(&m.days());
        let in_order = modified.is_some_and(|x| m.days() > x.days() && d.days() <= x.days());
        Some(if printed || in_order { d } else { m })
    };
    let parse_alone = |s: Option<&str>| s.and_then(|v| read(v, None));
    let mut modified = parse_alone(ld.date_modified.as_deref()).or_else(|| {
        MODIFIED_KEYS
            .iter()
            .find_map(|k| parse_alone(page.meta(&[k])))
    });
    let meta_modified = modified;
    let parse = |s: Option<&str>| s.and_then(|v| read(v, meta_modified));

    // Structured sources, most trusted first: JSON-LD, meta names, microdata.
    let mut strong: Vec<Date> = Vec::new();
    // (`article:published_time` first: where it and JSON-LD disagree it is more often
    // the day the reader sees.)
    strong.extend(parse(page.meta(&["article:published_time"])));
    strong.extend(parse(ld.date_published.as_deref()));
    strong.extend(PUBLISHED_KEYS.iter().filter_map(|k| parse(page.meta(&[k]))));
    strong.extend(
        page.meta(&["parsely-page"])
            .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
            .and_then(|v| parse(v.get("pub_date")?.as_str())),
    );
    for (prop, id) in &page.itemprops {
        match prop.as_str() {
            "datepublished" | "datecreated" => strong.extend(ok(time_value(dom, *id, day_first))),
            "datemodified" if modified.is_none() => modified = ok(time_value(dom, *id, day_first)),
            _ => {}
        }
    }
    let explicit = strong.len();
    strong.extend(
        GENERIC_DATE_KEYS
            .iter()
            .filter_map(|k| parse(page.meta(&[k]))),
    );
    let mut published = strong
        .iter()
        .find(|d| seen.contains(&d.days()))
        .or(strong.first())
        .copied();
    // Only a generic "date" meta: an earlier date printed under the headline is the
    // publication, the meta the last change.
    // (Above the headline too, and a "Stand:" date: the generic meta is later than even the
    // version the reader sees, so it is when the page was generated.)
    if explicit == 0 {
        let printed = near_at
            .iter()
            .find(|(_, l, at)| *at < 600 && *l != Label::Modified)
            .map(|(d, _, _)| *d)
            .or_else(|| near_before.first().map(|(d, _)| *d))
            .or_else(|| {
                near_at
                    .iter()
                    .find(|(_, l, at)| *at < 600 && *l == Label::Modified)
                    .map(|(d, _, _)| *d)
            });
        if let (Some(v), Some(p)) = (printed, published) {
            if v.days() < p.days() {
                published = Some(v);
            }
        }
    }
    let weak = published.is_none();
    // A <time> right under the headline, not marked as an update.
    let time_beside = page
        .times
        .iter()
        .copied()
        .filter(|t| t.index() > h1_index && t.index() < h1_index + 120 && h1.is_some())
        .filter(|&t| {
            let class = dom.attr(t, "class").unwrap_or("").to_ascii_lowercase();
            !class.contains("updat") && !class.contains("modif") && near_h1(t) && !in_teaser(dom, t)
        })
        .find_map(|t| ok(time_value(dom, t, day_first)));
    // A different date right under the headline is what the page says it is.
    // (An unlabelled one that is the page's modification date is the update it shows.)
    let beside = beside
        .filter(|(b, l)| *l == Label::Published || modified.is_none_or(|m| m.days() != b.days()))
        .map(|(b, _)| b);
    if let Some(b) = beside.or(time_beside) {
        // (An ambiguous "12/04/2020" that a structured date reads the other way round is
        // that structured date.)
        let swapped = Date::ymd(b.year, b.day, b.month).map(|d| d.days());
        let agrees = |p: &Date| p.days() == b.days() || Some(p.days()) == swapped;
        let confirmed = published.is_some_and(|p| seen.contains(&p.days()));
        if published.is_some_and(|p| !agrees(&p)) && !confirmed {
            published = strong
                .iter()
                .find(|d| d.days() == b.days())
                .copied()
                .or(Some(b));
        }
    }

    // A structured publication time that is the modification time to the second is the
    // last revision's: a date a few days earlier printed at the headline is the first one
    // ("January 19, 2020 / 12:25 PM / Updated 8 hours ago").
    if let (Some(p), Some(m)) = (published, modified) {
        let printed = near_before
            .first()
            .filter(|(_, l)| *l != Label::Modified)
            .map(|(d, _)| *d)
            .or_else(|| {
                near_at
                    .iter()
                    .find(|(_, l, at)| *at < 300 && *l != Label::Modified)
                    .map(|(d, _, _)| *d)
            });
        if let Some(v) = printed {
            let back = p.days() - v.days();
            if p.timestamp() == m.timestamp() && p.time.is_some() && (1..=7).contains(&back) {
                published = Some(v);
            }
        }
    }
    // <time> elements marked as publication or update, near the headline.
    let times: Vec<NodeId> = page
        .times
        .iter()
        .copied()
        .filter(|&t| near_h1(t) && !in_teaser(dom, t))
        .collect();
    for &t in &times {
        let class = dom.attr(t, "class").unwrap_or("").to_ascii_lowercase();
        let marked_pub = dom.attr(t, "pubdate").is_some()
            || class.contains("publish")
            || class.contains("created")
            || class.contains("entry-date");
        let marked_mod = class.contains("update") || class.contains("modif");
        if marked_pub && published.is_none() {
            published = ok(time_value(dom, t, day_first));
        } else if marked_mod && modified.is_none() {
            modified = ok(time_value(dom, t, day_first));
        }
    }
    if published.is_none() {
        published = parse(ld.page_date_published.as_deref());
    }
    if modified.is_none() {
        modified = parse(ld.page_date_modified.as_deref());
    }
    let labelled_near = |label: Label| {
        near.iter()
            .chain(&near_before)
            .find(|(_, l)| *l == label)
            .map(|(d, _)| *d)
    };
    if modified.is_none() {
        modified = labelled_near(Label::Modified);
    }
    if published.is_none() {
        // (A labelled date further down, after a date line of its own, labels something
        // else: "Samstag, 9. September 2017 … Buchinfos: Erscheinungsdatum: 14.08.2017".)
        let first = near_at.iter().find(|(_, l, _)| *l != Label::Modified);
        published = match first {
            Some((_, Label::None, at)) if *at < 300 && date_line(&after, *at, day_first) => None,
            _ => labelled_near(Label::Published),
        };
    }
    if published.is_none() {
        // The unlabelled <time> nearest the headline (one above it counts double the
        // distance: a list of other articles' times often follows the text).
        let distance = |t: &NodeId| {
            let i = t.index();
            if i > h1_index {
                i - h1_index
            } else {
                2 * (h1_index - i)
            }
        };
        let mut by_distance: Vec<NodeId> = times.clone();
        by_distance.sort_by_key(distance);
        published = by_distance
            .iter()
            .find_map(|&t| ok(time_value(dom, t, day_first)));
    }
    if published.is_none() {
        published = near
            .iter()
            .find(|(_, l)| *l == Label::None)
            .or_else(|| near_before.iter().find(|(_, l)| *l == Label::None))
            .map(|(d, _)| *d);
    }
    if published.is_none() && url_date.is_none() {
        // Only "Stand: 05. Februar 2020" under the headline: the version the reader sees is
        // the page's date, surer than dates guessed from loose meta names or scripts.
        published = near
            .iter()
            .chain(&near_before)
            .find(|(_, l)| *l == Label::Modified)
            .map(|(d, _)| *d);
    }
    if published.is_none() {
        // Other meta values named like a publication date ("…:uploaded", "…_date").
        published = page.metas.iter().find_map(|(k, v)| {
            let dateish = ["date", "time", "publish", "upload", "created", "issued"]
                .iter()
                .any(|w| k.contains(w));
            let other = ["modif", "updat", "expir", "end", "start", "birth", "valid"]
                .iter()
                .any(|w| k.contains(w));
            (dateish && !other).then(|| parse(Some(v))).flatten()
        });
    }
    if published.is_none() {
        // Elements whose class says "date": their text, or a date in `title`/`datetime`.
        published = page
            .date_hints
            .iter()
            .filter(|&&n| near_h1(n))
            .take(50)
            .find_map(|&n| {
                // (Its text nodes apart: "<span>Feb</span> <span>18</span><span>2009</span>".)
                let t = spaced_text(dom, n, 200);
                let in_text = (t.chars().count() <= 120)
                    .then(|| dates::find_all_order(&t, day_first).first().map(|f| f.date))
                    .flatten();
                let attr = || {
                    ["datetime", "title", "content", "data-date"]
                        .iter()
                        .find_map(|a| {
                            dom.attr(n, a)
                                .and_then(|v| dates::parse_value_order(v, day_first))
                        })
                };
                ok(in_text.or_else(attr))
            });
    }
    // A full date in the URL beats what the page's loose text suggests — not the time
    // the page gives in a `<time datetime>` beside its headline, nor a date of the URL's
    // day that says the time besides.
    if weak
        && url_date.is_some()
        && !published.is_some_and(|p| finer_than_url(dom, &times, p, url_date))
    {
        published = url_date;
    }
    if published.is_none() {
        published = url_date;
    }
    if published.is_none() {
        // The canonical URL, then the lead image's upload path (/2016/05/04/).
        published = [
            page.canonical.as_deref(),
            page.meta(&["og:url"]),
            page.meta(&["og:image", "twitter:image"]),
        ]
        .into_iter()
        .flatten()
        .find_map(|u| dates::from_url(u).filter(|d| d.plausible(now)));
    }
    if published.is_none() {
        // The page's own modification date says more about it than dates in its scripts'
        // data (other items' dates often) or in its text.
        published = modified;
    }
    if published.is_none() {
        // Dates the page keeps in its scripts' data ("datePublished", "created_at").
        published = script_date(dom).filter(|d| d.plausible(now));
    }
    if published.is_none() {
        // A date in the description ("Notizia del 3 Marzo 2021").
        published = page
            .meta(&["description", "og:description"])
            .and_then(|d| dates::find_all_order(d, day_first).first().map(|f| f.date))
            .filter(|d| d.plausible(now));
    }
    if published.is_none() {
        // A labelled date anywhere in the visible page, else the first plausible one.
        published = page.body.and_then(|b| {
            let text = visible_text(dom, b, 40_000);
            let found: Vec<(Date, Label)> = dates::find_all_order(&text, day_first)
                .into_iter()
                .filter(|f| f.date.plausible(now))
                .map(|f| (f.date, label_before(&text, f.start)))
                .collect();
            // ("Aktualisiert: 30.12.2016" at the foot of a page says more about it than
            // a date in its text.)
            [Label::Published, Label::Modified, Label::None]
                .iter()
                .find_map(|want| found.iter().find(|(_, l)| l == want))
                .map(|(d, _)| *d)
        });
    }
    if published.is_none() {
        published = modified;
    }
    if published.is_none() {
        // A date a small script in the body prints: `<script>showDate("2020/04/17 01:43")`.
        published = body_script_date(dom, page.body, day_first).filter(|d| d.plausible(now));
    }
    // A UTC timestamp at 22:00 or 23:00 sharp is a local midnight (CET/CEST) written in
    // UTC: the publisher meant the next calendar day.
    if let Some(p) = published {
        if p.offset == Some(0) && matches!(p.time, Some((22 | 23, 0, 0))) {
            published =
                Date::ymd(p.year, p.month, p.day).and_then(|d| Date::ymd_from_days(d.days() + 1));
        }
    }
    // A time a day off the date in the URL (or, for UTC times, beside the headline) is the
    // same moment in another zone: keep the publisher's calendar day.
    if let Some(p) = published.filter(|p| p.time.is_some()) {
        let beside = near
            .first()
            .map(|(d, _)| *d)
            .filter(|d| d.offset.is_none() && p.offset == Some(0));
        if let Some(l) = url_date.or(beside) {
            // Only where a zone can move the day: an early time read a day later than
            // the local day (zones west of it), a late one a day earlier (east of it).
            let hour = p.time.map_or(12, |(h, _, _)| h);
            let shift = l.days() - p.days();
            let zone_shift = (shift == -1 && hour < 12) || (shift == 1 && hour >= 12);
            let from_url = url_date.is_some();
            if (from_url && zone_shift) || (!from_url && shift.abs() == 1) {
                published = Date::ymd(l.year, l.month, l.day);
            }
        }
    }
    (published, modified)
}

/// Whether `published` says more than the URL's date `url`: its time on the same day, or
/// a time and zone the page gives machine-readably in one of its `<time datetime>`
/// elements near the headline (`times`).
fn finer_than_url(dom: &Dom, times: &[NodeId], published: Date, url: Option<Date>) -> bool {
    if published.time.is_none() {
        return false;
    }
    if url.is_some_and(|u| u.days() == published.days()) {
        return true;
    }
    published.offset.is_some()
        && times
            .iter()
            .any(|&t| dom.attr(t, "datetime").and_then(dates::parse_value) == Some(published))
}
