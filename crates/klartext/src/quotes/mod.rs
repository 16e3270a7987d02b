//! Who said what: direct, partial and indirect quotations with their speakers, and the
//! persons, organisations and places named. A pass over the article's clean text.
//!
//! The pass is linear in the text: tokenize once ([`text`]), pair the quotation marks
//! ([`marks`]), split sentences that never break inside a quotation, then walk the sentences
//! in order. In each sentence [`reported`] finds the attribution — a speech verb, noun or
//! preposition from [`cues`] with its speaker phrase — and the reported clause; [`speakers`]
//! resolves the phrase (pronoun, role noun, surname) to the full name met earlier and carries
//! the speaker over to the next sentences. Then [`entities`] scans the text once more for
//! every person, organisation and place named ([`names`] holds the matchers), with the
//! mentions merged and the roles read from role nouns and appositions. Every named speaker
//! is then tied to its entity: `speaker` is the person's fullest name, `speaker_mention` and
//! its offsets what the text wrote there. The word lists of all steps are data files under
//! `data/quotes/` ([`lists`]); `data/quotes/README.md` says where the rules come from (studied
//! on the German set's train split, measured on its dev split and on the English dev set in
//! `tests/quotes-en/`).
//!
//! English follows the same walk with its own clause rules ([`reported`]): the subject of the
//! cue speaks (`X said`, `said X`, `X told Y` — Y listens), `that`-clauses after a listener
//! or a time adverbial, `according to X`, appositions, common-noun speakers (`a rebel
//! commander`) and pronouns resolved to the last person.

pub mod cues;
pub mod entities;
pub mod lists;
pub mod marks;
pub mod names;
pub mod reported;
pub mod speakers;
pub mod text;

use crate::article::{Article, Quote, QuoteKind};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use text::{Kind, Tok};

/// FNV-1a: a fast hash for the short words of the lexicons (no attacker chooses the keys;
/// the lexicons are fixed and the registry is bounded by the text).
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Hash map and set with [`Fnv`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// Per-token flags computed once in [`Doc::new`].
const F_WORD: u8 = 1;
const F_CAP: u8 = 2;
const F_VERB: u8 = 4;
const F_ROLE: u8 = 8;
const F_HEAD: u8 = 16;

/// The tokens of the text with their lower-cased forms and flags; shared by the submodules.
/// All lower-cased forms live in one buffer, so building a `Doc` allocates a few vectors,
/// not a string per token.
pub struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// The lower-cased words, one after the other; `lower_at[i]..lower_at[i + 1]` is token
    /// `i`'s (empty for punctuation).
    lower: String,
    lower_at: Vec<u32>,
    flags: Vec<u8>,
    /// The words the text writes in lower case somewhere (for telling a capitalised
    /// sentence opener like `Wenn` or `Besonders` from a name).
    seen_lower: FastSet<String>,
    /// The text reads as English rather than German.
    pub english: bool,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        let toks = text::tokenize(text);
        let mut lower = String::with_capacity(text.len());
        let mut lower_at = Vec::with_capacity(toks.len() + 1);
        let mut flags = Vec::with_capacity(toks.len());
        for t in &toks {
            // Offsets beyond u32 only on texts over 4 GB, which the crate refuses.
            lower_at.push(u32::try_from(lower.len()).unwrap_or(u32::MAX));
            let mut f = 0;
            if t.kind == Kind::Word {
                let w = text.get(t.start()..t.end()).unwrap_or("");
                let from = lower.len();
                if w.is_ascii() {
                    lower.push_str(w);
                    lower[from..].make_ascii_lowercase();
                } else {
                    lower.extend(w.chars().flat_map(char::to_lowercase));
                }
                let lw = &lower[from..];
                f |= F_WORD;
                // Capitalised, or a number compound with a capitalised part (der 58-Jährige).
                let first = w.chars().next();
                if first.is_some_and(char::is_uppercase)
                    || (first.is_some_and(|c| c.is_ascii_digit())
                        && w.split('-')
                            .nth(1)
                            .and_then(|p| p.chars().next())
                            .is_some_and(char::is_uppercase))
                {
                    f |= F_CAP;
                }
                if cues::verb(lw).is_some() {
                    f |= F_VERB;
                }
                // Role and head nouns are asked for again and again; the suffix test is
                // the costly part of both, so it runs once a token.
                if speakers::is_role(lw) {
                    f |= F_ROLE;
                }
                if names::is_head(names::without_possessive(lw)) {
                    f |= F_HEAD;
                }
            }
            flags.push(f);
        }
        lower_at.push(u32::try_from(lower.len()).unwrap_or(u32::MAX));
        // The words written in lower case: read off the flags, not kept aside while
        // tokenizing (a long text has hundreds of thousands).
        let mut seen_lower: FastSet<String> = FastSet::default();
        for i in (0..toks.len()).filter(|&i| flags[i] & (F_WORD | F_CAP) == F_WORD) {
            let Some(w) = lower.get(lower_at[i] as usize..lower_at[i + 1] as usize) else {
                continue;
            };
            if !seen_lower.contains(w) {
                seen_lower.insert(w.to_string());
            }
        }
        let (mut en, mut de) = (0usize, 0usize);
        for i in 0..toks.len().min(2000) {
            let (a, b) = (lower_at[i] as usize, lower_at[i + 1] as usize);
            match lower.get(a..b).unwrap_or("") {
                "the" | "and" | "of" | "said" | "to" | "is" | "was" | "he" | "she" => en += 1,
                "der" | "die" | "und" | "das" | "ist" | "nicht" | "sagte" | "er" | "sie" => de += 1,
                _ => {}
            }
        }
        Doc {
            text,
            toks,
            lower,
            lower_at,
            flags,
            seen_lower,
            english: en > de,
        }
    }

    /// The token's text ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) => self.text.get(t.start()..t.end()).unwrap_or(""),
            None => "",
        }
    }

    /// The lower-cased word ("" for punctuation and past the end).
    pub fn low(&self, i: usize) -> &str {
        match (self.lower_at.get(i), self.lower_at.get(i + 1)) {
            (Some(&a), Some(&b)) => self.lower.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    fn flag(&self, i: usize, f: u8) -> bool {
        self.flags.get(i).is_some_and(|&x| x & f != 0)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.flag(i, F_WORD)
    }

    /// A word that starts with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        self.flag(i, F_CAP)
    }

    /// A word that names an office or a role ([`speakers::is_role`]).
    pub fn is_role(&self, i: usize) -> bool {
        self.flag(i, F_ROLE)
    }

    /// A head noun of organisation names ([`names::is_head`]).
    pub fn is_head(&self, i: usize) -> bool {
        self.flag(i, F_HEAD)
    }

    /// A capitalised word the text also writes in lower case: a sentence opener, not a name.
    pub fn seen_lower(&self, i: usize) -> bool {
        self.is_cap(i) && self.seen_lower.contains(self.low(i))
    }

    /// Whether the text writes a lower-cased word in lower case somewhere.
    pub fn written_lower(&self, lower: &str) -> bool {
        self.seen_lower.contains(lower)
    }

    /// A speech verb form ([`cues::verb`]).
    pub fn is_verb(&self, i: usize) -> bool {
        self.flag(i, F_VERB)
    }

    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Punct(c))
    }

    pub fn is_mark(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Mark(_)))
    }

    /// The text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[a].start()..self.toks[b - 1].end())
            .unwrap_or("")
    }
}

/// A quotation found by the pass, in tokens, before offsets are converted.
#[derive(Debug, Clone)]
pub struct Found {
    /// Token range of the quotation (with its marks for direct quotations).
    pub span: (usize, usize),
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub speaker: Option<speakers::Mention>,
}

/// Finds the quotations and entities in `article.text`.
pub fn annotate(article: &mut Article) {
    let (quotes, entities) = analyse(&article.text);
    article.quotes = quotes;
    article.entities = entities;
}

/// The quotations and entities of a text.
pub fn analyse(text: &str) -> (Vec<Quote>, Vec<crate::article::Entity>) {
    let doc = Doc::new(text);
    let mut registry = speakers::Registry::default();
    let found = reported::find(&doc, &mut registry);
    let mut quotes = Vec::with_capacity(found.len());
    for f in found {
        let (a, b) = f.span;
        if a >= b || b > doc.toks.len() {
            continue;
        }
        let start = doc.toks[a].cstart();
        let end = doc.toks[b - 1].cend();
        // The words without the marks for a quotation in marks.
        let inner = if matches!(f.kind, QuoteKind::Direct | QuoteKind::Partial)
            && doc.is_mark(a)
            && doc.is_mark(b - 1)
            && b - a > 2
        {
            doc.span_text(a + 1, b - 1)
        } else {
            doc.span_text(a, b)
        };
        let (speaker, speaker_mention, speaker_start, speaker_end) = match &f.speaker {
            Some(m) => (
                Some(m.canonical.clone()),
                Some(doc.span_text(m.span.0, m.span.1).to_string()),
                doc.toks.get(m.span.0).map(|t| t.cstart()),
                m.span
                    .1
                    .checked_sub(1)
                    .and_then(|i| doc.toks.get(i))
                    .map(|t| t.cend()),
            ),
            None => (None, None, None, None),
        };
        quotes.push(Quote {
            text: inner.to_string(),
            speaker,
            speaker_mention,
            speaker_start,
            speaker_end,
            cue: f.cue,
            kind: f.kind,
            start,
            end,
        });
    }
    quotes.sort_by_key(|q| (q.start, q.end));
    let speakers = quotes.iter().filter_map(|q| q.speaker.as_deref());
    let mut entities = entities::collect(&doc, speakers);
    speakers_as_entities(&mut quotes, &mut entities, &registry, doc.english);
    if !doc.english {
        for e in entities
            .iter_mut()
            .filter(|e| e.kind == crate::article::EntityType::Person)
        {
            let female = speakers::is_female(&e.name) == Some(true);
            let mut roles: Vec<String> = Vec::with_capacity(e.roles.len());
            for r in e.roles.drain(..) {
                let r = role_base(&r, female);
                if !roles.contains(&r) {
                    roles.push(r);
                }
            }
            e.roles = roles;
        }
    }
    (quotes, entities)
}

/// German role nouns declined like adjectives (der Gesandte, ein Gesandter): their last
/// letters as written after an article.
const ADJECTIVAL_ROLES: [&str; 11] = [
    "gesandte",
    "beauftragte",
    "vorsitzende",
    "abgeordnete",
    "angestellte",
    "delegierte",
    "bevollmächtigte",
    "sachverständige",
    "beamte",
    "angeklagte",
    "verdächtige",
];

/// A German role in the form it takes without an article: an adjectival role noun read
/// after `der`, `dem` or `den` (der US-Sondergesandte, dem Vorsitzenden) becomes
/// `US-Sondergesandter`, `Vorsitzender` — or `Vorsitzende` for a woman. Other roles are
/// returned as they are.
pub fn role_base(role: &str, female: bool) -> String {
    let lower = role.to_lowercase();
    for stem in ADJECTIVAL_ROLES {
        if lower.ends_with(stem) {
            return if female {
                role.to_string()
            } else {
                format!("{role}r")
            };
        }
        let dative = format!("{stem}n");
        if lower.ends_with(&dative) {
            let base = &role[..role.len() - 1];
            return if female {
                base.to_string()
            } else {
                format!("{base}r")
            };
        }
    }
    role.to_string()
}

/// Makes every named speaker an entity: a speaker whose last word is the surname of one
/// person entity becomes that person (the words before it join the roles); any other
/// speaker the pass took for a person, or in English any speaker with a capitalised word
/// (German capitalises every noun), is added as an entity of its own with the roles the
/// pass met. Speakers that name nobody (an unresolved pronoun, `ein Sprecher`, `die
/// Regierung`: a common noun is no name) keep the phrase as `speaker` and have no entity.
/// `speaker_mention` and its offsets are left as written.
fn speakers_as_entities(
    quotes: &mut [Quote],
    entities: &mut Vec<crate::article::Entity>,
    reg: &speakers::Registry,
    english: bool,
) {
    use crate::article::{Entity, EntityType};
    let mut by_name: FastMap<String, usize> = FastMap::default();
    let mut by_surname: FastMap<String, Option<usize>> = FastMap::default();
    for (i, e) in entities.iter().enumerate() {
        by_name.insert(e.name.clone(), i);
        if e.kind == EntityType::Person && e.name.contains(' ') {
            if let Some(last) = e.name.rsplit(' ').next() {
                // A surname two persons share names neither.
                let slot = by_surname.entry(last.to_string()).or_insert(Some(i));
                if *slot != Some(i) {
                    *slot = None;
                }
            }
        }
    }
    for q in quotes.iter_mut() {
        let Some(name) = q.speaker.clone() else {
            continue;
        };
        if by_name.contains_key(&name) {
            continue;
        }
        let mut words = name.split(' ');
        let last = words.next_back().unwrap_or("");
        let first_lower = name.chars().next().is_some_and(char::is_lowercase);
        if let Some(Some(i)) = by_surname.get(last) {
            let e = &mut entities[*i];
            let role = name[..name.len() - last.len()].trim();
            if !role.is_empty() && !first_lower && !e.roles.iter().any(|r| r == role) {
                e.roles.push(role.to_string());
            }
            q.speaker = Some(e.name.clone());
            continue;
        }
        let named = name
            .split(' ')
            .any(|w| w.chars().next().is_some_and(char::is_uppercase));
        let single_lower = !name.contains(' ') && speakers::is_pronoun(&name.to_lowercase());
        let known = reg.get(&name);
        // German: one capitalised word is a person only when written bare, like a name
        // (Klee sagte), and not like a noun (dem Rathaus, Regierungskreisen).
        let lower = name.to_lowercase();
        let one_noun = !english
            && !name.contains(' ')
            && (q.speaker_mention.as_deref() != Some(name.as_str())
                || speakers::is_org(&lower)
                || speakers::is_role(&lower)
                || names::has_noun_ending(&lower)
                || lower.ends_with("en"));
        // A name the text writes in marks (die Zeitung „Nordpost“) is a body's, not a person's.
        let marked = q
            .speaker_mention
            .as_deref()
            .is_some_and(|m| m.contains(['„', '“', '"', '»']));
        let person = known.is_some_and(|k| k.person) && !one_noun && !marked;
        if !named || single_lower || !(person || english || marked) {
            continue;
        }
        let kind = if person {
            EntityType::Person
        } else {
            EntityType::Organization
        };
        by_name.insert(name.clone(), entities.len());
        entities.push(Entity {
            name,
            kind,
            roles: known.map(|k| k.roles.clone()).unwrap_or_default(),
            mentions: 1,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long text with thousands of distinct names is analysed whole. (The registry and
    /// the per-sentence work are linear; the quadratic version took over a minute here in a
    /// debug build. Speed itself is measured by the benchmark, not asserted here.)
    #[test]
    fn a_long_text_with_thousands_of_names_is_analysed_whole() {
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(&format!(
                "Außenministerin Anna Berger{i} sagte am Montag, die Lage sei ernst. \
                 „Das ist richtig so, und wir bleiben dabei“, sagte Jonas Weber{i}. \
                 Der Konzern Firma{i} teilte mit, man habe keine Pläne.\n\n"
            ));
        }
        text.push_str(&"Wort sagte Müller, es sei gut und „lang ".repeat(20_000));
        let (quotes, entities) = analyse(&text);
        assert!(quotes.len() >= 9000, "{} quotes", quotes.len());
        assert!(entities.len() >= 6000, "{} entities", entities.len());
    }

    #[test]
    fn adjectival_roles_take_their_form_without_article() {
        assert_eq!(role_base("US-Sondergesandte", false), "US-Sondergesandter");
        assert_eq!(role_base("Vorsitzenden", false), "Vorsitzender");
        assert_eq!(role_base("Vorsitzenden", true), "Vorsitzende");
        assert_eq!(role_base("Bundesbeauftragte", true), "Bundesbeauftragte");
        assert_eq!(role_base("Außenminister", false), "Außenminister");
        assert_eq!(role_base("Präsidentenberater", false), "Präsidentenberater");
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Ärger: „Schön, dass es geht“, sagte Jörg Müller.";
        let (quotes, _) = analyse(text);
        assert_eq!(quotes.len(), 1);
        let q = &quotes[0];
        let chars: Vec<char> = text.chars().collect();
        let span: String = chars[q.start..q.end].iter().collect();
        assert_eq!(span, "„Schön, dass es geht“");
        assert_eq!(q.text, "Schön, dass es geht");
        let (s, e) = (q.speaker_start.unwrap_or(0), q.speaker_end.unwrap_or(0));
        assert_eq!(chars[s..e].iter().collect::<String>(), "Jörg Müller");
    }
}
