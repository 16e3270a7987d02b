//! Authors: turns byline strings into person names, one entry each — strips labels ("Von",
//! "By", "Text:"), splits lists ("Anna Berger und Jonas Weber", "Jane Doe and Tom Hill"),
//! drops places and roles after a comma ("Anna Berger, Berlin"), dates, e-mail addresses,
//! and entries that are no person: agencies, desks, "Redaktion", "Staff", publishers.

use std::sync::LazyLock;

use regex::Regex;

use super::{agencies, dates};

static NON_PERSONS: LazyLock<Vec<String>> = LazyLock::new(|| {
    include_str!("../../data/metadata/non_persons.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect()
});

/// Words that make an entry no person wherever they stand: (word, whether it matches the
/// word's end only).
static NON_PERSON_WORDS: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
    include_str!("../../data/metadata/non_person_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| match l.strip_prefix('*') {
            Some(end) => (end.to_string(), true),
            None => (l.to_string(), false),
        })
        .collect()
});

/// "Verein e.V.", "e. V.": a registered association.
static REGISTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)e\.\s?v(?-u:\b)").expect("static regex"));

/// "morgenpost-example.de", "MeineStimme.com": a web address, the site rather than a writer.
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.[a-z]{2,4}$").expect("static regex")
});

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:veröffentlicht|eingestellt|geschrieben|gepostet|geposted|erstellt|verfasst|posted|published|written|submitted|contributed)\s+(?:von|by)|(?:ein\s+)?(?:blog\s*)?(?:beitrag|kommentar|gastbeitrag|interview|analyse|bericht|essay|kolumne|text|artikel|pressemitteilung)\s+von|von|by|por|par|text(?:\s+von)?:?|autor(?:in|en|innen)?:?|authors?:?|written\s+by|posted\s+by|published\s+by|story\s+by|reporting\s+by|words\s+by|geschrieben\s+von|verfasst\s+von|redakteur(?:in)?:|redaktion:|erstellt\s+von|aufgezeichnet\s+von|interview:|fotos?:)(?:\s+|:\s*|$)",
    )
    .expect("static regex")
});

static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:;|\s&\s|\||•|·|\s/\s|\bund\b|\band\b|\bsowie\b|\bmit\b|\bwith\b)\s*")
        .expect("static regex")
});

static CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\s*(?:\||•|·|\s[-–—]\s|\bveröffentlicht\b|\bpublished\b|\b(?:last\s+)?updated\b|\baktualisiert\b|\bposted\b|\bam\s+\d|\bon\s+\d|\bstand:|\bupdated:|\bfollow\b|\bfolgen\b|\bmehr\s+(?:von|artikel)\b|\bmore\s+(?:from|by)\b|\bread\s+more\b|\balle?s?\s+(?:artikel|beiträge|posts|articles|von)\b|\ball\s+posts\b|\bzeige\b|\büber\s+(?:den|die|uns|mich)?\b|\bautorenseite\b|\bview\s+all\b|\bsee\s+all\b|\bshares?\b|\bemail\b|\be-mail\b|\bkontakt\b|\bprofil\b|\bprofile\b).*$",
    )
    .expect("static regex")
});

/// "Inga HoeltmannFollow…": a profile button's label glued to the name.
static GLUED_BUTTON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Ll})(?:Follow|Folgen|Abonnieren|Subscribe)(?:\p{Lu}|\s|$).*$")
        .expect("static regex")
});

/// A weekday's abbreviation left after the name by a cut date ("Heiko Sauer Do").
static TRAILING_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?$")
        .expect("static regex")
});

/// Professional titles printed before a name ("Rechtsanwalt Sebastian Einbock").
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Rechtsanwalt|Rechtsanwältin|Fachanwalt|Fachanwältin|Notar|Notarin|Pfarrer|Pfarrerin|Bundespräsident|Bundeskanzler|Bundeskanzlerin)\s+").expect("static regex")
});

static GLUED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Author|Autor|Autorin|Von|By|Text)(\p{Lu}\p{Ll})").expect("static regex")
});

static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+(?:\p{Lu}\p{L}+\s+)?(?:Editor|Reporter|Correspondent|Writer|Contributor|Columnist|Redakteur|Redakteurin|Korrespondent|Korrespondentin|Autor|Autorin)\b.*$")
        .expect("static regex")
});

static TRAILING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:am|on|um|at|in|vom|den|the|,)\s*$").expect("static regex")
});

static PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[(\[][^()\[\]]*[)\]]").expect("static regex"));

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S*@\S+|https?://\S+|www\.\S+").expect("static regex"));

/// Lower-case particles that may start or sit inside a name.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "zu", "ten",
    "ter", "al", "bin", "el", "dos", "das", "y", "e",
];

/// True when `name` is a desk, staff label, agency or other non-person.
pub fn is_non_person(name: &str) -> bool {
    let l = name.to_lowercase();
    let l = l.trim_matches(|c: char| !c.is_alphanumeric());
    if l.is_empty() {
        return true;
    }
    if agencies::canonical(name).is_some() {
        return true;
    }
    if NON_PERSONS.iter().any(|w| w == l) {
        return true;
    }
    if REGISTERED.is_match(l) {
        return true;
    }
    // "DITIB", "L-MAG": one word in capitals is an acronym, an organisation's name.
    let t = name.trim();
    if !t.contains(char::is_whitespace)
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && t.chars().all(|c| c.is_uppercase() || c == '-' || c == '&')
    {
        return true;
    }
    // "Redaktion Berlin", "Online-Redaktion", "Tagesspiegel-Redaktion", "Staff Writer".
    l.split(|c: char| c.is_whitespace() || c == '-').any(|w| {
        NON_PERSON_WORDS.iter().any(|(n, suffix)| {
            if *suffix {
                w.ends_with(n.as_str())
            } else {
                w == n
            }
        })
    })
}

/// Whether `name` is a web address ("morgenpost-example.de"): the site, not a writer.
pub fn is_web_address(name: &str) -> bool {
    DOMAIN.is_match(name.trim())
}

/// Whether `name` is a user name rather than a name as printed: one word that is all lower
/// case ("gabor_munier", "human"), holds a "_", "." or digit ("christian.stadtfeld",
/// "delta201"), or is two or three capitals, initials ("DT").
pub fn is_user_name(name: &str) -> bool {
    let n = name.trim();
    if n.is_empty() || n.contains(char::is_whitespace) {
        return false;
    }
    let letters: Vec<char> = n.chars().filter(|c| c.is_alphabetic()).collect();
    let lower = !letters.is_empty() && letters.iter().all(|c| c.is_lowercase());
    let marked = n.contains(['_', '.']) || n.chars().any(|c| c.is_ascii_digit());
    let initials = (2..=3).contains(&n.chars().count()) && n.chars().all(|c| c.is_uppercase());
    lower || marked || initials
}

/// Lower-case ASCII letters of `s`, accents dropped ("Gàbor Muniér" → "gabormunier").
fn folded_letters(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'a'..='z' => Some(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => Some('a'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' | 'ı' => Some('i'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'ů' | 'ű' => Some('u'),
            'ç' | 'č' | 'ć' => Some('c'),
            'ñ' | 'ń' | 'ň' => Some('n'),
            'š' | 'ś' => Some('s'),
            'ž' | 'ź' | 'ż' => Some('z'),
            'ý' | 'ÿ' => Some('y'),
            'ł' => Some('l'),
            'ř' => Some('r'),
            _ => None,
        })
        .collect()
}

/// Whether the user name `handle` spells the name `full`: all of it ("gabor_munier",
/// "christian.stadtfeld" for "Christian P. Stadtfeld" without the middle initial), the first
/// initial and the last name ("srauturier"), or the initials ("DT").
pub fn user_name_of(handle: &str, full: &str) -> bool {
    let h = folded_letters(handle);
    let words: Vec<String> = full
        .split_whitespace()
        .map(folded_letters)
        .filter(|w| !w.is_empty())
        .collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    if words.len() < 2 || h.len() < 2 {
        return false;
    }
    let initial = |w: &String| w.chars().next().map(String::from).unwrap_or_default();
    h == words.concat()
        || h == format!("{first}{last}")
        || h == format!("{}{last}", initial(first))
        || h == words.iter().map(initial).collect::<String>()
}

fn looks_like_name(s: &str, strict: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || s.chars().count() > 60 {
        return false;
    }
    if s.chars().any(|c| {
        c.is_ascii_digit() || matches!(c, '@' | '#' | '?' | '!' | ':' | '=' | '<' | '>' | '{')
    }) {
        return false;
    }
    if !s.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    // "deinen Hochzeitsbloggern": several words opened by a lower-case one that is no
    // particle are a phrase, not a name ("janedoe" alone is a user name).
    if words.len() >= 2
        && words[0].chars().next().is_some_and(char::is_lowercase)
        && !PARTICLES.contains(&words[0])
        && words[1..]
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    if strict {
        // Visible text: at least two words, each capitalised or a particle.
        if words.len() < 2 {
            return false;
        }
        return words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || PARTICLES.contains(&w.to_lowercase().as_str())
        });
    }
    true
}

/// Person names in a byline or author value. `strict` is for visible text, where more
/// noise gets in: names must then look like "First Last".
pub fn split_names(raw: &str, strict: bool) -> Vec<String> {
    let mut s = super::page::collapse(&super::jsonld::unescape(raw));
    if s.is_empty() || s.len() > 400 {
        return Vec::new();
    }
    // Cut at the first date ("Von Anna Berger, 30.11.2025").
    if let Some(f) = dates::find_all(&s).first() {
        s.truncate(f.start);
    }
    s = EMAIL.replace_all(&s, " ").into_owned();
    s = PAREN.replace_all(&s, "").into_owned();
    // "Eberhard Fuhr (Pressesprecher des": a parenthesis left open at the end.
    if let Some(open) = s.rfind(['(', '[']) {
        s.truncate(open);
    }
    let mut s = s.trim().to_string();
    for _ in 0..2 {
        s = LABEL.replace(&s, "").trim().to_string();
    }
    s = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    for _ in 0..2 {
        s = LABEL.replace(&s, "").trim().to_string();
    }
    s = GLUED_LABEL.replace(&s, "$1").trim().to_string();
    s = GLUED_BUTTON.replace(&s, "$1").trim().to_string();
    s = CUT.replace(&s, "").trim().to_string();
    s = TRAILING_WORD.replace(&s, "").trim().to_string();
    if s.split_whitespace().count() > 2 {
        s = ROLE.replace(&s, "").trim().to_string();
    }
    // "Berger, Emery D." (a citation's last name first) gives "Emery D. Berger".
    if !strict {
        if let Some((last, first)) = s.split_once(", ") {
            let one_word_last = !last.contains(' ') && last.chars().count() > 1;
            let short_first = first.split_whitespace().count() <= 3
                && !first.contains(',')
                && first.chars().next().is_some_and(char::is_uppercase);
            if one_word_last && short_first && !is_non_person(first) && !is_non_person(last) {
                s = format!("{first} {last}");
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    let parts: Vec<&str> = SPLIT.split(&s).collect();
    // "Landesanstalt für Wald und Forstwirtschaft": an organisation's name holds the "und";
    // its one-word rest is no writer.
    let org_split = parts.len() > 1
        && parts
            .iter()
            .any(|p| p.split_whitespace().count() >= 2 && is_non_person(p));
    for part in parts {
        if org_split && !part.trim().contains(' ') {
            continue;
        }
        // "Anna Berger, Berlin" / "Jane Doe, Washington Post": the name is before the comma,
        // unless the commas separate whole names ("Anna Berger, Jonas Weber").
        let pieces: Vec<&str> = part
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let names: Vec<&str> = if pieces.len() > 1
            && pieces.iter().all(|p| p.split_whitespace().count() >= 2)
            && pieces.iter().all(|p| !is_non_person(p))
        {
            pieces
        } else {
            pieces.into_iter().take(1).collect()
        };
        for n in names {
            let n = n
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
                .trim();
            // Keep the dot of "Jr." or an initial ("Muñoz C."), not a sentence's.
            let last_len = n.rsplit(' ').next().map_or(0, |w| w.chars().count());
            let n = if n.contains(' ') && last_len <= 3 {
                n
            } else {
                n.trim_end_matches('.')
            };
            let n = strip_title_and_weekday(&dedupe_repeat(n));
            let n = LABEL.replace(&n, "");
            let n = n.trim();
            if n.is_empty() || is_non_person(n) || !looks_like_name(n, strict) {
                continue;
            }
            if !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
                out.push(n.to_string());
            }
        }
    }
    out
}

/// The name without a professional title before it or a weekday's abbreviation after it.
fn strip_title_and_weekday(n: &str) -> String {
    let n = TITLE.replace(n, "");
    if n.split_whitespace().count() >= 3 {
        TRAILING_WEEKDAY.replace(&n, "").into_owned()
    } else {
        n.into_owned()
    }
}

/// "Anna Berger Anna Berger" (a name printed twice in one byline) gives "Anna Berger".
fn dedupe_repeat(n: &str) -> String {
    let words: Vec<&str> = n.split_whitespace().collect();
    let half = words.len() / 2;
    if words.len() >= 2 && words.len() % 2 == 0 && words[..half] == words[half..] {
        return words[..half].join(" ");
    }
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        split_names(s, false)
    }

    #[test]
    fn german_bylines() {
        assert_eq!(
            names("Von Anna Berger und Jonas Weber"),
            vec!["Anna Berger", "Jonas Weber"]
        );
        assert_eq!(names("Anna Berger, Berlin"), vec!["Anna Berger"]);
        assert_eq!(
            names("Von Anna Berger, 30.11.2025, 14:03 Uhr"),
            vec!["Anna Berger"]
        );
        assert_eq!(names("Ein Kommentar von Jonas Weber"), vec!["Jonas Weber"]);
        assert_eq!(names("Blog Beitrag von Anna Berger"), vec!["Anna Berger"]);
        assert_eq!(
            names("Pressemitteilung von Jonas Weber"),
            vec!["Jonas Weber"]
        );
        assert_eq!(
            names("Text: Anna Berger | Fotos: Tom Hill"),
            vec!["Anna Berger"]
        );
        assert_eq!(
            names("Hans-Peter von der Heide"),
            vec!["Hans-Peter von der Heide"]
        );
        assert!(names("Redaktion").is_empty());
        assert!(names("dpa").is_empty());
        assert!(names("Online-Redaktion").is_empty());
        assert_eq!(names("Heiko Sauer Do"), vec!["Heiko Sauer"]);
        assert_eq!(
            names("Autor: Rechtsanwalt Sebastian Einbock"),
            vec!["Sebastian Einbock"]
        );
        assert!(names("Hanns-Seidel-Stiftung e.V").is_empty());
        assert!(names("Deutscher Caritasverband e. V.").is_empty());
        assert!(names("Bund der Energieverbraucher e.V. ").is_empty());
        assert!(names("L-MAG – Das Magazin für Lesben").is_empty());
        assert!(names("WDR").is_empty());
        assert!(names("Bayerische Landesanstalt für Wald und Forstwirtschaft - LWF").is_empty());
        assert_eq!(
            names("Anna Berger und Online-Redaktion"),
            vec!["Anna Berger"]
        );
        assert_eq!(names("Jane DOE"), vec!["Jane DOE"]);
        assert!(names("Freunde des Waldes e. V.").is_empty());
        assert!(names("Krimiblog-Archiv").is_empty());
        assert!(is_web_address("morgenpost-example.de") && !is_web_address("Jane Doe"));
        assert_eq!(names("Anna Berger (dpa)"), vec!["Anna Berger"]);
        assert_eq!(
            split_names("Redaktion: Jonas Weber (Pressesprecher des", true),
            vec!["Jonas Weber"]
        );
        assert_eq!(
            names("VON MORITZ GATHMANN am 21. April 2020"),
            vec!["MORITZ GATHMANN"]
        );
        assert_eq!(names("Veröffentlicht von Chris Jung"), vec!["Chris Jung"]);
        assert_eq!(
            names("| Klaus Quibeldey-Cirkel"),
            vec!["Klaus Quibeldey-Cirkel"]
        );
    }

    #[test]
    fn english_bylines() {
        assert_eq!(
            names("By Jane Doe and Tom Hill"),
            vec!["Jane Doe", "Tom Hill"]
        );
        assert_eq!(names("BY Jane Doe, Tom Hill"), vec!["Jane Doe", "Tom Hill"]);
        assert_eq!(names("Jane Doe, Washington"), vec!["Jane Doe"]);
        assert_eq!(names("Berger, Emery D."), vec!["Emery D. Berger"]);
        assert_eq!(names("Ben Silverman Games Editor"), vec!["Ben Silverman"]);
        assert_eq!(names("Jane Doe | Staff Writer"), vec!["Jane Doe"]);
        assert_eq!(names("Jane Doe jane@example.com"), vec!["Jane Doe"]);
        assert!(names("Staff").is_empty());
        assert!(names("Associated Press").is_empty());
        assert!(names("Editorial Team").is_empty());
        assert!(names("Reuters").is_empty());
        assert_eq!(
            names("Martin Junker Alles von Martin Junker"),
            vec!["Martin Junker"]
        );
        assert_eq!(
            names("Cazzy Magennis Last updated May 2, 2024"),
            vec!["Cazzy Magennis"]
        );
        assert_eq!(names("Author Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(names("Por Camila Méndez"), vec!["Camila Méndez"]);
        assert_eq!(
            names("Inga HoeltmannFollowTransformationsbegleiterin"),
            vec!["Inga Hoeltmann"]
        );
        assert!(names("The Author").is_empty());
        assert!(names("Agencia EFE").is_empty());
    }

    #[test]
    fn strict_visible_text() {
        assert_eq!(split_names("Von Anna Berger", true), vec!["Anna Berger"]);
        assert!(split_names("von allen Seiten bedrängt", true).is_empty());
        assert!(split_names("by the way this is text", true).is_empty());
        assert_eq!(split_names("janedoe", false), vec!["janedoe"]);
        // A label must be a whole word: "Byron" is no "By" label.
        assert_eq!(split_names("Byron Smith", true), vec!["Byron Smith"]);
        assert_eq!(split_names("Vonda Kay", true), vec!["Vonda Kay"]);
        assert!(split_names("janedoe", true).is_empty());
    }

    #[test]
    fn user_names_and_phrases() {
        assert!(is_user_name("gabor_munier"));
        assert!(is_user_name("christian.stadtfeld"));
        assert!(is_user_name("human"));
        assert!(is_user_name("DT"));
        assert!(is_user_name("delta201"));
        assert!(!is_user_name("Stefanus"));
        assert!(!is_user_name("Anna Berger"));
        assert!(!is_user_name("NASA Team"));
        assert!(user_name_of("gabor_munier", "Gàbor Muniér"));
        assert!(user_name_of(
            "christian.stadtfeld",
            "Christian P. Stadtfeld"
        ));
        assert!(user_name_of("jweber", "Jonas Weber"));
        assert!(user_name_of("DT", "Donald Townsend"));
        assert!(!user_name_of("human", "Margarita Koreneva"));
        assert!(!user_name_of("beijingwalker", "Erik van Klinken"));
        // A meta value that is a phrase, not a name; a name in lower case stays.
        assert!(names("deinen Hochzeitsbloggern").is_empty());
        assert_eq!(names("kirstin boatto"), vec!["kirstin boatto"]);
        assert_eq!(names("van der Berg"), vec!["van der Berg"]);
    }
}
