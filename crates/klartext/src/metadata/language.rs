//! Language: the article's language as a BCP 47 primary code, from whatlang on the text
//! with the page's declarations (`<html lang>`, `content-language`, `og:locale`, JSON-LD
//! `inLanguage`) as priors: a declaration stands unless the text clearly says otherwise.

/// The primary subtag of a declared language ("de-DE" → "de", "en_US" → "en").
pub fn primary(tag: &str) -> Option<String> {
    let p = tag
        .trim()
        .split(['-', '_', ',', ';', ' '])
        .next()?
        .to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
    }
}

/// The language of `text`, with `declared` (a primary code) as the prior.
pub fn detect(text: &str, declared: Option<&str>) -> Option<String> {
    let sample: String = text.chars().take(3000).collect();
    let info = if sample.chars().filter(|c| c.is_alphabetic()).count() >= 40 {
        whatlang::detect(&sample)
    } else {
        None
    };
    match (info, declared) {
        (Some(i), Some(d)) => {
            let code = iso639_1(i.lang());
            // The declaration stands unless the text is long and clearly another language
            // (templates often keep the default lang="en").
            if code != d && i.is_reliable() && i.confidence() > 0.9 && sample.chars().count() > 250
            {
                Some(code.to_string())
            } else {
                Some(d.to_string())
            }
        }
        (Some(i), None) => (i.is_reliable() || sample.chars().count() > 200)
            .then(|| iso639_1(i.lang()).to_string()),
        (None, d) => d.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: &str = "Die Bundesregierung hat am Mittwoch beschlossen, die Förderung für den Ausbau der Windkraft deutlich zu erhöhen. Nach Angaben des Wirtschaftsministeriums sollen in den kommenden Jahren zusätzliche Mittel bereitgestellt werden, um die Klimaziele zu erreichen. Kritiker bemängeln jedoch, dass die Genehmigungsverfahren weiterhin zu lange dauern und die Netze nicht schnell genug ausgebaut werden.";
    const EN: &str = "The government decided on Wednesday to significantly increase funding for the expansion of wind power. According to the ministry of economics, additional funds are to be made available in the coming years in order to reach the climate targets. Critics complain, however, that approval procedures still take too long and that the grids are not being expanded quickly enough.";

    #[test]
    fn primary_subtags() {
        assert_eq!(primary("de-DE").as_deref(), Some("de"));
        assert_eq!(primary("en_US").as_deref(), Some("en"));
        assert_eq!(primary(""), None);
    }

    #[test]
    fn text_overrides_a_wrong_template_default() {
        assert_eq!(detect(DE, Some("en")).as_deref(), Some("de"));
        assert_eq!(detect(EN, None).as_deref(), Some("en"));
        assert_eq!(detect(DE, None).as_deref(), Some("de"));
    }

    #[test]
    fn short_text_keeps_the_declaration() {
        assert_eq!(detect("Hallo Welt", Some("de")).as_deref(), Some("de"));
        assert_eq!(detect("", Some("fr")).as_deref(), Some("fr"));
        assert_eq!(detect("", None), None);
    }
}
