//! Images: the lead image (og:image, JSON-LD) and the figures of the article, each with its
//! caption and credit split apart ("Foto: …", "Bild: …", "© dpa/Name", "Photo: Name/Getty
//! Images", "(Quelle: …)", a separate credit element inside the caption).

use std::sync::LazyLock;

use regex::Regex;

use crate::article::Image;
use crate::dom::{Dom, NodeId};

use super::page::{collapse, visible_text};

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(\[|/·•–—-])\(?\s*(?:fotos?|bild(?:er)?|photos?|photograph|image|credits?|quelle|source|copyright|illustration|grafik|karte|screenshot|foto\s*&\s*text)\s*:\s*([^()\[\]]{1,160}?)\s*[)\]]?\s*$",
    )
    .expect("static regex")
});

static BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s(\[|])\(?\s*(?:photo|photograph|image|foto|bild)\s+(?:by|von)\s+([^()\[\]]{1,120}?)\s*\)?\s*$")
        .expect("static regex")
});

static COPY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s|\()(?:©|\(c\)|copyright)\s*([^()]{1,160}?)\s*\)?\s*$")
        .expect("static regex")
});

static AGENCY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}\s?/\s?(?:Getty Images|AFP|Reuters|AP|dpa|picture alliance|picture-alliance|imago|IMAGO|EPA|Shutterstock|iStock|Keystone|Anadolu|ddp|SIPA|Bloomberg)(?:[\p{L} /-]{0,30}))\s*$",
    )
    .expect("static regex")
});

/// Splits a caption into the caption proper and the credit.
pub fn split_caption(text: &str) -> (Option<String>, Option<String>) {
    let t = collapse(text);
    if t.is_empty() {
        return (None, None);
    }
    for re in [&*LABELLED, &*BY, &*COPY, &*AGENCY_TAIL] {
        if let Some(c) = re.captures(&t) {
            let (Some(all), Some(credit)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let credit = credit
                .as_str()
                .trim()
                .trim_end_matches(['.', ')', ']'])
                .trim();
            if credit.is_empty() {
                continue;
            }
            let caption = t[..all.start()]
                .trim()
                .trim_end_matches(['|', '/', '–', '—', '-', '(', '[', '·', '•'])
                .trim();
            return (
                (!caption.is_empty()).then(|| caption.to_string()),
                Some(credit.to_string()),
            );
        }
    }
    (Some(t), None)
}

fn img_src(dom: &Dom, img: NodeId) -> Option<String> {
    let e = dom.element(img)?;
    for a in ["data-src", "data-lazy-src", "data-original", "src"] {
        if let Some(v) = e.attr(a) {
            let v = v.trim();
            if !v.is_empty() && !v.starts_with("data:") {
                return Some(v.to_string());
            }
        }
    }
    let set = e.attr("srcset").or_else(|| e.attr("data-srcset"))?;
    let first = set.split(',').next()?.split_whitespace().next()?;
    (!first.is_empty()).then(|| first.to_string())
}

/// The image of a `<figure>`: its URL, caption and credit.
pub fn figure(dom: &Dom, fig: NodeId, resolve: &dyn Fn(&str) -> String) -> Option<Image> {
    let mut url = None;
    let mut caption_node = None;
    let mut credit_text = None;
    for d in dom.descendants(fig).take(200) {
        match dom.tag(d) {
            "img" | "source" if url.is_none() => url = img_src(dom, d),
            "figcaption" if caption_node.is_none() => caption_node = Some(d),
            _ => {}
        }
        let class = dom.attr(d, "class").unwrap_or("").to_ascii_lowercase();
        if credit_text.is_none()
            && (class.contains("credit") || class.contains("copyright") || class.contains("source"))
            && d != fig
        {
            let t = visible_text(dom, d, 200);
            if !t.is_empty() {
                credit_text = Some(t);
            }
        }
    }
    let url = resolve(&url?);
    let (mut caption, mut credit) = match caption_node {
        Some(c) => split_caption(&visible_text(dom, c, 1000)),
        None => (None, None),
    };
    if let Some(ct) = credit_text {
        let (_, split) = split_caption(&ct);
        let ct_clean = split.unwrap_or_else(|| ct.clone());
        if let Some(c) = &caption {
            // The credit element's text sits inside the caption text: take it out.
            if let Some(i) = c.rfind(&ct) {
                let rest = c[..i].trim().to_string();
                caption = (!rest.is_empty()).then_some(rest);
            }
        }
        credit = Some(ct_clean);
    }
    Some(Image {
        url,
        caption,
        credit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (Option<&str>, Option<&str>) {
        let (a, b) = split_caption(s);
        (
            a.map(|x| &*Box::leak(x.into_boxed_str())),
            b.map(|x| &*Box::leak(x.into_boxed_str())),
        )
    }

    #[test]
    fn german_credits() {
        assert_eq!(
            split("Demonstranten vor dem Reichstag. Foto: Anna Berger"),
            (
                Some("Demonstranten vor dem Reichstag."),
                Some("Anna Berger")
            )
        );
        assert_eq!(
            split("Der Kanzler in Berlin. Bild: picture alliance/dpa"),
            (Some("Der Kanzler in Berlin."), Some("picture alliance/dpa"))
        );
        assert_eq!(
            split("Der Kanzler in Berlin. © dpa/Michael Kappeler"),
            (Some("Der Kanzler in Berlin."), Some("dpa/Michael Kappeler"))
        );
        assert_eq!(
            split("Hochwasser an der Elbe (Quelle: Stadt Dresden)"),
            (Some("Hochwasser an der Elbe"), Some("Stadt Dresden"))
        );
    }

    #[test]
    fn english_credits() {
        assert_eq!(
            split("The Senate floor. Photo: Jane Doe/Getty Images"),
            (Some("The Senate floor."), Some("Jane Doe/Getty Images"))
        );
        assert_eq!(
            split("The Senate floor. Jane Doe/Getty Images"),
            (Some("The Senate floor."), Some("Jane Doe/Getty Images"))
        );
        assert_eq!(
            split("The Senate floor (Photo by Tom Hill)"),
            (Some("The Senate floor"), Some("Tom Hill"))
        );
        assert_eq!(split("Just a caption."), (Some("Just a caption."), None));
    }

    #[test]
    fn figure_with_credit_element() {
        let html = r#"<figure><img src="/a.jpg"><figcaption>Der Hafen am Morgen. <span class="credit">Foto: Tom Hill</span></figcaption></figure>"#;
        let dom = crate::parse::parse_html(html, 10_000, 512, None);
        let fig = dom.elements_by_tag("figure").next();
        let img = fig.and_then(|f| figure(&dom, f, &|u| format!("https://x.de{u}")));
        assert_eq!(
            img,
            Some(Image {
                url: "https://x.de/a.jpg".into(),
                caption: Some("Der Hafen am Morgen.".into()),
                credit: Some("Tom Hill".into()),
            })
        );
    }
}
