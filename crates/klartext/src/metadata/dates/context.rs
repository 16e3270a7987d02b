//! The page facts the date sources read ([`DateCtx`]): the dates printed near the headline
//! with their labels, the `<time>` elements beside it, the URL's date, how the page writes
//! ambiguous numeric dates; and the small readers behind them.

use std::sync::LazyLock;

use regex::Regex;

use super::sources::MODIFIED_KEYS;
use super::{self as dates, Date};
use crate::dom::{Dom, NodeId};
use crate::metadata::host_of;
use crate::metadata::jsonld::LdInfo;
use crate::metadata::page::{collapse, visible_text, Page};

/// What every date source reads: the page, and what is printed around its headline.
pub(crate) struct DateCtx<'a> {
    pub dom: &'a Dom,
    pub page: &'a Page,
    pub ld: &'a LdInfo,
    pub h1: Option<NodeId>,
    pub h1_index: usize,
    pub now: i64,
    /// Whether "02/10/2020" means 2 October here.
    pub day_first: bool,
    /// The visible lines after the headline, without captions and menus.
    pub after: Vec<(NodeId, String)>,
    /// The plausible dates in them: date, label, offset in the joined lines.
    pub near_at: Vec<(Date, Label, usize)>,
    pub near: Vec<(Date, Label)>,
    /// The plausible dates in the lines above the headline.
    pub near_before: Vec<(Date, Label)>,
    pub url_date: Option<Date>,
    /// The days the reader sees: the first dates near the headline not labelled as an
    /// update, and the URL's.
    pub seen: Vec<i64>,
    /// The modification date of JSON-LD or the meta names (reads ambiguous meta values).
    pub meta_modified: Option<Date>,
    /// The `<time>` elements near the headline, outside teasers and comments.
    pub times: Vec<NodeId>,
    /// The page's modification date and the source that gave it: chosen once here, since
    /// the publication's sources and checks read it too.
    pub modified: Option<(Date, &'static str)>,
}

/// The visible lines the date sources read: the ones after the headline (or from the top of
/// the article) and the ones before it.
pub(crate) struct Lines<'a> {
    pub after: &'a [(NodeId, String)],
    pub before: &'a [(NodeId, String)],
}

impl<'a> DateCtx<'a> {
    pub fn new(
        (dom, page, ld): (&'a Dom, &'a Page, &'a LdInfo),
        h1: Option<NodeId>,
        lines: Lines<'_>,
        url: Option<&str>,
        (now, reference): (i64, Option<i64>),
    ) -> DateCtx<'a> {
        let day_first = day_first(page, url);
        let shown = |lines: &[(NodeId, String)]| -> Vec<(NodeId, String)> {
            lines
                .iter()
                .filter(|(n, t)| !in_caption(dom, *n) && !in_menu(dom, *n) && !caption_line(t))
                .cloned()
                .collect()
        };
        let after = shown(lines.after);
        let near_at: Vec<(Date, Label, usize)> = text_dates(&after, reference, day_first)
            .into_iter()
            .filter(|(d, _, _)| d.plausible(now))
            .collect();
        let near = near_at.iter().map(|(d, l, _)| (*d, *l)).collect();
        let near_before = text_dates(&shown(lines.before), reference, day_first)
            .into_iter()
            .filter(|(d, _, _)| d.plausible(now))
            .map(|(d, l, _)| (d, l))
            .collect();
        let mut c = DateCtx {
            dom,
            page,
            ld,
            h1,
            h1_index: h1.map_or(0, |h| h.index()),
            now,
            day_first,
            after,
            near_at,
            near,
            near_before,
            url_date: url.and_then(dates::from_url).filter(|d| d.plausible(now)),
            seen: Vec::new(),
            meta_modified: None,
            times: Vec::new(),
            modified: None,
        };
        c.seen = c.seen_days();
        c.meta_modified = c.parse_alone(ld.date_modified.as_deref()).or_else(|| {
            MODIFIED_KEYS
                .iter()
                .find_map(|k| c.parse_alone(page.meta(&[k])))
        });
        c.times = page
            .times
            .iter()
            .copied()
            .filter(|&t| c.near_h1(t) && !in_teaser(dom, t))
            .collect();
        c.modified = super::choose::modified(&c);
        c
    }

    /// When the structured sources disagree, the one the reader sees beside the headline
    /// (or in the URL) wins.
    fn seen_days(&self) -> Vec<i64> {
        self.near
            .iter()
            .chain(&self.near_before)
            .filter(|(_, l)| *l != Label::Modified)
            .take(3)
            .map(|(d, _)| d.days())
            .chain(self.url_date.map(|d| d.days()))
            .collect()
    }

    pub fn ok(&self, d: Option<Date>) -> Option<Date> {
        d.filter(|d| d.plausible(self.now))
    }

    /// Whether an element is near the headline and not in an aside, menu, footer or quote.
    pub fn near_h1(&self, id: NodeId) -> bool {
        let i = id.index();
        let close = self.h1.is_none() || (i + 150 >= self.h1_index && i <= self.h1_index + 600);
        close
            && !self.dom.ancestors(id).any(|a| {
                matches!(
                    self.dom.tag(a),
                    "aside" | "nav" | "footer" | "blockquote" | "iframe"
                )
            })
    }

    /// A meta value such as "10/05/2022" is read month first (servers mostly write the US
    /// form), unless the page reads day first and that reading is the one it prints beside
    /// the headline, or the one not later than its modification date.
    fn read(&self, v: &str, modified: Option<Date>) -> Option<Date> {
        let m = self.ok(dates::parse_value(v))?;
        let Some(d) = self
            .ok(dates::parse_value_order(v, true))
            .filter(|d| self.day_first && *d != m)
        else {
            return Some(m);
        };
        let printed = self.seen.contains(&d.days()) && !self.seen.contains(&m.days());
        let in_order = modified.is_some_and(|x| m.days() > x.days() && d.days() <= x.days());
        Some(if printed || in_order { d } else { m })
    }

    /// A meta value read on its own.
    pub fn parse_alone(&self, s: Option<&str>) -> Option<Date> {
        s.and_then(|v| self.read(v, None))
    }

    /// A meta value read beside the page's meta modification date.
    pub fn parse(&self, s: Option<&str>) -> Option<Date> {
        s.and_then(|v| self.read(v, self.meta_modified))
    }

    /// The plausible date of a `<time>` or dated element.
    pub fn time(&self, id: NodeId) -> Option<Date> {
        self.ok(time_value(self.dom, id, self.day_first))
    }

    /// The first date near the headline (below, then above it) with this label.
    pub fn labelled_near(&self, label: Label) -> Option<Date> {
        self.near
            .iter()
            .chain(&self.near_before)
            .find(|(_, l)| *l == label)
            .map(|(d, _)| *d)
    }
}

/// A labelled date: what the label before it says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
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

pub(crate) fn label_before(s: &str, start: usize) -> Label {
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
pub(crate) fn text_dates(
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
pub(crate) fn date_line(lines: &[(NodeId, String)], at: usize, day_first: bool) -> bool {
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
pub(crate) fn spaced_text(dom: &Dom, id: NodeId, limit: usize) -> String {
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
pub(crate) fn line_at(lines: &[(NodeId, String)], at: usize) -> Option<&(NodeId, String)> {
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

pub(crate) fn time_value(dom: &Dom, id: NodeId, day_first: bool) -> Option<Date> {
    dom.attr(id, "datetime")
        .or_else(|| dom.attr(id, "content"))
        .and_then(dates::parse_value)
        .or_else(|| dates::parse_value_order(&visible_text(dom, id, 120), day_first))
}

/// Whether "02/10/2020" on this page means 2 October: anything but US English (by the
/// declared language's region, else the country domain).
pub(crate) fn day_first(page: &Page, url: Option<&str>) -> bool {
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
pub(crate) fn in_caption(dom: &Dom, n: NodeId) -> bool {
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
pub(crate) fn in_menu(dom: &Dom, n: NodeId) -> bool {
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
pub(crate) fn caption_line(line: &str) -> bool {
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
pub(crate) fn in_teaser(dom: &Dom, t: NodeId) -> bool {
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
pub(crate) fn body_script_date(dom: &Dom, body: Option<NodeId>, day_first: bool) -> Option<Date> {
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
pub(crate) fn is_comment_class(token: &str) -> bool {
    token.contains("comment")
        && !["open", "closed", "count", "link", "number", "button"]
            .iter()
            .any(|w| token.contains(w))
}

/// A publication date inside inline script data, by its key.
pub(crate) fn script_date(dom: &Dom) -> Option<Date> {
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
