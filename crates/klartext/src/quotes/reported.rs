//! Reported speech and the attribution of every sentence: finds the cue (speech verb, noun
//! or preposition), the speaker phrase and the reported clause — German Konjunktiv I clauses
//! (er sagte, die Lage sei ernst; Der Plan stehe, erklärte sie), prepositional attribution
//! (laut X, nach Angaben von X, X zufolge, so X, wie X mitteilte), English reported speech
//! (X said that …, according to X) — and continues a speaker over the following sentences
//! in Konjunktiv (free indirect speech) and over quotations in marks that name nobody.

use super::cues;
use super::marks::{self, Pair};
use super::names;
use super::speakers::{self, Mention, Registry};
use super::text::{self, Kind};
use super::{lists, Doc, FastSet, Found};
use crate::article::QuoteKind;
use std::sync::LazyLock;

/// What a sentence says about who speaks.
#[derive(Debug, Clone)]
struct Attr {
    cue: String,
    speaker: Option<(usize, usize)>,
    /// Token range of the reported clause, if the sentence reports one.
    clause: Option<(usize, usize)>,
    reported: bool,
    /// The speaker goes on speaking in the next sentences (not for an opinion noun in
    /// the middle of a sentence: „… ist nach Auffassung des Ministers …“).
    carry: bool,
}

/// Words a German sentence may open with before its finite verb that are not its subject.
static ADVERBIAL: &str = include_str!("../../data/quotes/adverbial_de.txt");
/// English sentence openers that are not subjects.
static EN_ADVERBIAL: &str = include_str!("../../data/quotes/adverbial_en.txt");
/// Verbs whose object can be the whole report (X kündigte eine Reform an).
static REPORTING: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| lists::set(include_str!("../../data/quotes/reporting_lemmas.txt")));

static ADVERBIAL_SET: LazyLock<FastSet<&'static str>> = LazyLock::new(|| lists::set(ADVERBIAL));
static EN_ADVERBIAL_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| lists::set(EN_ADVERBIAL));

fn is_adverbial(lower: &str) -> bool {
    ADVERBIAL_SET.contains(lower)
}

fn is_en_adverbial(lower: &str) -> bool {
    EN_ADVERBIAL_SET.contains(lower)
}

fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "dass"
            | "daß"
            | "ob"
            | "wie"
            | "warum"
            | "weshalb"
            | "wann"
            | "wo"
            | "wer"
            | "was"
            | "that"
            | "whether"
    )
}

fn has_konjunktiv(doc: &Doc, a: usize, b: usize, strict: bool) -> bool {
    (a..b).any(|k| {
        let w = doc.low(k);
        doc.is_word(k)
            && !doc.is_cap(k)
            && cues::is_konjunktiv(w)
            && !(strict
                && matches!(
                    w,
                    "wäre"
                        | "wären"
                        | "hätte"
                        | "hätten"
                        | "würde"
                        | "würden"
                        | "könnte"
                        | "könnten"
                        | "müsste"
                        | "müssten"
                        | "dürfte"
                        | "dürften"
                ))
    })
}

/// Finds the quotations of the document.
pub fn find(doc: &Doc, reg: &mut Registry) -> Vec<Found> {
    let n = doc.toks.len();
    let pairs = marks::pair(doc.text, &doc.toks);
    let mut inside = vec![false; n];
    let mut quote_pairs: Vec<Pair> = Vec::new();
    // One word in marks after a verb of naming: a quotation if its sentence has a speaker.
    let mut named: Vec<Pair> = Vec::new();
    let mut ni = 0;
    // `pair_of[k]`: the index in `quote_pairs` of the quotation whose marks enclose token
    // `k` (marks included), so that "is k inside one of this sentence's quotations" is O(1).
    let mut pair_of: Vec<u32> = vec![u32::MAX; n];
    for p in pairs.iter().filter(|p| p.depth == 0) {
        if let Some(flags) = inside.get_mut(p.open + 1..p.close) {
            flags.fill(true);
        }
        let words = (p.open + 1..p.close).filter(|&k| doc.is_word(k)).count();
        if marks::is_named_word(doc.text, &doc.toks, *p, words) {
            named.push(*p);
        } else if !marks::is_trap(doc.text, &doc.toks, *p, words) {
            let idx = u32::try_from(quote_pairs.len()).unwrap_or(u32::MAX);
            if let Some(slots) = pair_of.get_mut(p.open..=p.close) {
                slots.fill(idx);
            }
            quote_pairs.push(*p);
        }
    }
    let sents = text::sentences(doc.text, &doc.toks, &inside);
    let mut out = Vec::new();
    // The last speaker and the sentence it spoke in.
    let mut last: Option<(Mention, usize)> = None;
    let mut prev_colon = false;
    // The subjects of the two sentences before, the fallback speakers.
    let mut subjects: [Option<(usize, usize)>; 2] = [None, None];
    // The sentence of the last free indirect quotation, to merge a run of them.
    let mut last_free: Option<usize> = None;
    let mut qi = 0;
    // The sentence before reported something: Konjunktiv II (würde, hätte) goes on with it.
    let mut quoted_before = false;
    for (si, &(a, b)) in sents.iter().enumerate() {
        let found_before = out.len();
        let mut e = b;
        while e > a
            && matches!(
                doc.toks[e - 1].kind,
                Kind::Punct('.' | '!' | '?' | ':' | ';')
            )
        {
            e -= 1;
        }
        while qi < quote_pairs.len() && quote_pairs[qi].open < a {
            qi += 1;
        }
        let mut qj = qi;
        while qj < quote_pairs.len() && quote_pairs[qj].open < b {
            qj += 1;
        }
        let directs: &[Pair] = &quote_pairs[qi..qj];
        let in_direct = |k: usize| {
            pair_of
                .get(k)
                .is_some_and(|&p| (qi..qj).contains(&(p as usize)))
        };
        let attr = attribution(doc, a, e, &in_direct, !directs.is_empty());
        // Names introduced by the sentence's subject (Außenministerin Anna Berger ist …) are
        // remembered for the pronouns, role nouns and surnames that follow.
        for k in a..e.saturating_sub(2) {
            // The cheap flags first: the suffix lookup of a role runs on few words.
            if doc.is_cap(k + 1)
                && doc.is_cap(k + 2)
                && doc.is_word(k)
                && !in_direct(k)
                && doc.is_role(k)
            {
                let mut m = k + 3;
                while m < e && doc.is_cap(m) {
                    m += 1;
                }
                reg.resolve(doc, (k, m));
            }
        }
        let subject = sentence_subject(doc, a, e);
        if let Some(sp) = subject {
            if attr.as_ref().and_then(|x| x.speaker) != Some(sp)
                && speakers::is_speakerlike(doc, sp, reg)
            {
                reg.resolve(doc, sp);
            }
        }
        let recent = last
            .as_ref()
            .filter(|(_, s)| si - s <= 2 || (prev_colon && si - s <= 1))
            .map(|(m, _)| m.clone());
        let mut mention = None;
        if let Some(at) = &attr {
            if let Some(sp) = at.speaker {
                let m = if doc.low(sp.0) == "demnach" {
                    // The source it points back to, when one spoke just before.
                    let canonical =
                        recent_canonical(&last, si).unwrap_or_else(|| doc.word(sp.0).to_string());
                    Mention {
                        span: sp,
                        canonical,
                    }
                } else {
                    let mut m = reg.resolve(doc, sp);
                    // A name in marks (laut „Abendpost“, die Zeitung „Nordpost“) is named
                    // by the words in the marks.
                    if let Some((_, rest)) = m.canonical.split_once(['„', '"', '»']) {
                        let inner = rest.split(['“', '”', '"', '«']).next().unwrap_or(rest);
                        if !inner.trim().is_empty() {
                            m.canonical = inner.trim().to_string();
                        }
                    }
                    m
                };
                if at.carry {
                    last = Some((m.clone(), si));
                }
                mention = Some(m);
            }
        }
        let own_subject = if attr.is_none()
            && directs.first().is_some_and(|p| p.open > a + 1)
            && (doc.is_cap(a) || speakers::is_pronoun(doc.low(a)))
            && !is_adverbial(doc.low(a))
        {
            speakers::np_forward(doc, a, directs[0].open)
                .filter(|sp| doc.is_word(sp.1) && !doc.is_cap(sp.1))
                .filter(|&sp| speakers::is_speakerlike(doc, sp, reg))
                .map(|sp| reg.resolve(doc, sp))
        } else {
            None
        };
        let mut fallback = || {
            recent.clone().or_else(|| {
                subjects
                    .iter()
                    .flatten()
                    .next()
                    .filter(|&&sp| speakers::is_speakerlike(doc, sp, reg))
                    .map(|&sp| reg.resolve(doc, sp))
            })
        };
        let sentence_speaker = if mention.is_some() {
            mention.clone()
        } else if own_subject.is_some() {
            own_subject
        } else if attr.is_none() {
            fallback()
        } else {
            None
        };
        // Quotations in marks.
        for p in directs {
            let full = starts_sentence(doc, a, p.open) || ends_with_sentence_punct(doc, *p);
            // A quotation over paragraphs closes in a later sentence: its attribution
            // follows the closing mark there ("…," said Diaz.).
            let tail = if mention.is_none() && p.close >= b {
                tail_speaker(doc, &sents, p.close, &|k| {
                    pair_of.get(k).is_some_and(|&x| x != u32::MAX)
                })
                .map(|sp| reg.resolve(doc, sp))
                // A pronoun that names nobody gives way to the speaker before.
                .filter(|m| !speakers::is_pronoun(&m.canonical.to_lowercase()))
            } else {
                None
            };
            let speaker = tail
                .or_else(|| mention.clone())
                .or_else(|| sentence_speaker.clone());
            // A partial quotation needs a speaker, or enough words to be more than a
            // phrase held at a distance.
            let words = (p.open + 1..p.close).filter(|&k| doc.is_word(k)).count();
            if speaker.is_none() && !full && words < 4 {
                continue;
            }
            out.push(Found {
                span: (p.open, p.close + 1),
                kind: if full {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                },
                cue: attr.as_ref().map(|x| x.cue.clone()),
                speaker: speaker.clone(),
            });
            if let Some(m) = speaker {
                if attr.as_ref().is_none_or(|x| x.carry) {
                    last = Some((m, si));
                }
            }
        }
        // Named words: the speaker of the sentence's attribution, found as for a quotation.
        while ni < named.len() && named[ni].open < a {
            ni += 1;
        }
        while ni < named.len() && named[ni].open < b {
            let p = named[ni];
            ni += 1;
            let speaker = mention.clone().or_else(|| {
                attribution(doc, a, e, &in_direct, true)
                    .and_then(|x| x.speaker)
                    .map(|sp| reg.resolve(doc, sp))
            });
            if let Some(m) = speaker {
                out.push(Found {
                    span: (p.open, p.close + 1),
                    kind: QuoteKind::Partial,
                    cue: attr.as_ref().map(|x| x.cue.clone()),
                    speaker: Some(m),
                });
            }
        }
        // The reported clause.
        if let Some(at) = &attr {
            if let Some((cs, ce)) = at.clause {
                let free_words = (cs..ce)
                    .filter(|&k| doc.is_word(k) && !in_direct(k))
                    .count();
                if free_words >= 2 {
                    let span = trim(doc, cs, ce);
                    // A quotation in marks inside the report is part of it, not a second
                    // quotation over the same words.
                    let mut idx = found_before;
                    while idx < out.len() {
                        let f = &out[idx];
                        if doc.english
                            && f.kind == QuoteKind::Partial
                            && f.span.0 >= span.0
                            && f.span.1 <= span.1
                        {
                            out.remove(idx);
                        } else {
                            idx += 1;
                        }
                    }
                    let kind = if at.reported {
                        QuoteKind::Reported
                    } else {
                        QuoteKind::Indirect
                    };
                    // X said A and that B: two reports.
                    let second = if doc.english {
                        en_second_that(doc, span, &in_direct)
                    } else {
                        None
                    };
                    let parts = match second {
                        Some(j) => vec![trim(doc, span.0, j - 1), (j, span.1)],
                        None => vec![span],
                    };
                    for part in parts {
                        out.push(Found {
                            span: part,
                            kind,
                            cue: Some(at.cue.clone()),
                            speaker: mention.clone(),
                        });
                    }
                }
            }
        } else if directs.is_empty()
            && !doc.english
            && (has_konjunktiv(doc, a, e, !quoted_before) || hearsay(doc, a, e, &in_direct))
        {
            // Free indirect speech: a sentence in Konjunktiv I goes on with the speaker
            // before; a run of such sentences is one quotation.
            let span = trim(doc, a, e);
            let merged = match (last_free, out.last_mut()) {
                (Some(s), Some(prev)) if s + 1 == si && prev.speaker == sentence_speaker => {
                    prev.span.1 = span.1;
                    true
                }
                _ => false,
            };
            if !merged {
                out.push(Found {
                    span,
                    kind: QuoteKind::Indirect,
                    cue: None,
                    speaker: sentence_speaker.clone(),
                });
            }
            last_free = Some(si);
            if let Some(m) = sentence_speaker {
                last = Some((m, si));
            }
        }
        prev_colon = b > a && doc.is_punct(b - 1, ':');
        subjects = [subject, subjects[0]];
        quoted_before = out.len() > found_before || last_free == Some(si);
    }
    out
}

/// The canonical name of the last speaker when it spoke in one of the two sentences before
/// sentence `si`.
fn recent_canonical(last: &Option<(Mention, usize)>, si: usize) -> Option<String> {
    last.as_ref()
        .filter(|(_, s)| si - s <= 2)
        .map(|(m, _)| m.canonical.clone())
}

/// A name in marks from token `i`, with an article before it (laut „Abendpost“, wie der
/// „Kurier“ berichtete): its token range, marks included. Only capitalised words inside, at
/// most five.
fn marked_name(doc: &Doc, i: usize, e: usize) -> Option<(usize, usize)> {
    let open = if speakers::is_det(doc.low(i)) {
        i + 1
    } else {
        i
    };
    if !doc.is_mark(open) {
        return None;
    }
    let close = (open + 2..e.min(open + 7)).find(|&j| doc.is_mark(j))?;
    (open + 1..close)
        .all(|j| doc.is_cap(j) || doc.is_punct(j, '-'))
        .then_some((i, close + 1))
}

/// A name in marks that ends right before token `k` (dem „Kurier“ zufolge), with its
/// article; not before `a`.
fn marked_name_before(doc: &Doc, k: usize, a: usize) -> Option<(usize, usize)> {
    let close = k.checked_sub(1).filter(|&c| c > a && doc.is_mark(c))?;
    let open = (close.saturating_sub(6).max(a)..close - 1)
        .rev()
        .find(|&j| doc.is_mark(j))?;
    if !(open + 1..close).all(|j| doc.is_cap(j) || doc.is_punct(j, '-')) {
        return None;
    }
    let start = if open > a && speakers::is_det(doc.low(open - 1)) {
        open - 1
    } else {
        open
    };
    Some((start, k))
}

/// Prepositions that name where words come from after `heißt es` (in, aus, bei …).
fn is_source_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "in" | "im" | "auf" | "bei" | "aus" | "vom" | "von" | "seitens"
    )
}

/// The source of `heißt es` / `hieß es` at token `k` in the sentence [a, e): the noun phrase
/// of the prepositional phrase after it (…, heißt es weiter in einer Mitteilung der Stadt)
/// or opening the sentence before it (Aus Paris hieß es, …), without the preposition.
fn it_says_source(doc: &Doc, a: usize, k: usize, e: usize) -> Option<(usize, usize)> {
    if doc.low(k + 1) != "es" {
        return None;
    }
    let mut j = k + 2;
    while j < e
        && matches!(
            doc.low(j),
            "weiter" | "dazu" | "wörtlich" | "zudem" | "auch" | "nun" | "außerdem" | "ferner"
        )
    {
        j += 1;
    }
    if j < e && is_source_preposition(doc.low(j)) {
        if let Some(sp) = speakers::np_forward(doc, j + 1, e) {
            return Some(sp);
        }
    }
    if k > a + 1 && is_source_preposition(doc.low(a)) {
        return speakers::np_forward(doc, a + 1, k).filter(|sp| sp.1 == k);
    }
    None
}

/// Conjunctions that open an adverbial clause, not a report (sagte er, als er ankam).
fn is_subordinator(lower: &str) -> bool {
    matches!(
        lower,
        "als"
            | "nachdem"
            | "bevor"
            | "weil"
            | "während"
            | "wenn"
            | "obwohl"
            | "da"
            | "um"
            | "und"
            | "aber"
            | "sondern"
            | "doch"
            | "falls"
            | "sobald"
            | "seit"
            | "seitdem"
            | "bis"
            | "indem"
            | "ohne"
            | "statt"
    )
}

/// Finite auxiliaries and modals of a German main clause whose speech verb comes last.
fn is_aux(lower: &str) -> bool {
    matches!(
        lower,
        "hat"
            | "hatte"
            | "hatten"
            | "haben"
            | "ist"
            | "war"
            | "wird"
            | "wurde"
            | "werden"
            | "wollte"
            | "will"
            | "musste"
            | "muss"
            | "soll"
            | "sollte"
            | "kann"
            | "konnte"
            | "ließ"
            | "lässt"
    )
}

/// Hearsay `sollen` with a perfect infinitive: „Im Hafen sollen 14 Boote beschädigt worden
/// sein.“ — reported from someone, though nobody is named in the sentence.
fn hearsay(doc: &Doc, a: usize, e: usize, in_direct: &dyn Fn(usize) -> bool) -> bool {
    e > a + 3
        && matches!(doc.low(e - 1), "sein" | "haben")
        && (a..e).any(|k| matches!(doc.low(k), "soll" | "sollen") && !in_direct(k))
}

/// The subject phrase a German sentence opens with (Die Regierung verteidigte …), if any.
fn sentence_subject(doc: &Doc, a: usize, e: usize) -> Option<(usize, usize)> {
    if !doc.is_cap(a)
        || is_adverbial(doc.low(a))
        || is_en_adverbial(doc.low(a))
        || speakers::is_pronoun(doc.low(a))
    {
        return None;
    }
    let sp = speakers::np_forward(doc, a, e)?;
    let next_is_verb = doc.is_word(sp.1) && !doc.is_cap(sp.1);
    (next_is_verb || doc.is_punct(sp.1, ',')).then_some(sp)
}

/// Drops punctuation at both ends of a token range.
fn trim(doc: &Doc, mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && matches!(doc.toks[a].kind, Kind::Punct(_)) {
        a += 1;
    }
    while b > a && matches!(doc.toks[b - 1].kind, Kind::Punct(_)) {
        b -= 1;
    }
    (a, b)
}

fn starts_sentence(doc: &Doc, a: usize, open: usize) -> bool {
    (a..open).all(|k| !doc.is_word(k)) || (open > a && doc.is_punct(open - 1, ':'))
}

fn ends_with_sentence_punct(doc: &Doc, p: Pair) -> bool {
    p.close > p.open + 1
        && matches!(
            doc.toks[p.close - 1].kind,
            Kind::Punct('.' | '!' | '?' | ',')
        )
}

/// The attribution of the sentence [a, e): cue, speaker phrase and reported clause.
fn attribution(
    doc: &Doc,
    a: usize,
    e: usize,
    in_direct: &dyn Fn(usize) -> bool,
    has_direct: bool,
) -> Option<Attr> {
    match prepositional(doc, a, e, in_direct) {
        // An opinion attributed in passing gives way to a speech verb of the sentence.
        Some(at) if !at.carry => Some(
            verbal(doc, a, e, in_direct, has_direct)
                .filter(|v| v.speaker.is_some())
                .unwrap_or(at),
        ),
        // The source of a report (laut Agenturen, according to state media) gives way to a
        // speaker named with a speech verb of the sentence.
        Some(at) if is_source_cue(&at.cue) => Some(
            verbal(doc, a, e, in_direct, has_direct)
                .filter(|v| {
                    v.speaker.is_some_and(|sp| {
                        names_a_person(doc, sp)
                            && at.speaker.is_none_or(|src| sp.1 <= src.0 || sp.0 >= src.1)
                    })
                })
                .unwrap_or(at),
        ),
        Some(at) => Some(at),
        None => verbal(doc, a, e, in_direct, has_direct),
    }
}

/// The speaker named by a speech verb right after the closing mark `close`, in the rest of
/// the sentence that holds it ("…," said Diaz. / "…," Diaz said.).
fn tail_speaker(
    doc: &Doc,
    sents: &[(usize, usize)],
    close: usize,
    in_quote: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let si = sents.partition_point(|&(_, b)| b <= close);
    let &(_, b) = sents.get(si)?;
    let mut e = b;
    while e > close + 1 && matches!(doc.toks[e - 1].kind, Kind::Punct('.' | '!' | '?')) {
        e -= 1;
    }
    let k = (close + 1..e.min(close + 6)).find(|&k| doc.is_verb(k) && !in_quote(k))?;
    if k == close + 1 {
        speakers::np_forward(doc, k + 1, e)
    } else {
        speakers::np_backward(doc, k, close + 1)
    }
}

/// Whether a speaker phrase names a person: in English a capitalised word; in German, where
/// every noun is capitalised, a given name, a role noun before a capitalised word
/// (Außenminister Paul Klee, Präsident Sarow) or a name without an article (Sarow).
fn names_a_person(doc: &Doc, (a, b): (usize, usize)) -> bool {
    if doc.english {
        return (a..b).any(|j| doc.is_cap(j));
    }
    (doc.is_cap(a) && !speakers::is_det(doc.low(a)) && !doc.seen_lower(a))
        || (a..b)
            .any(|j| names::is_given(doc, j) || (doc.is_role(j) && j + 1 < b && doc.is_cap(j + 1)))
}

/// A prepositional cue that names where a report comes from (laut, zufolge, nach Angaben,
/// according to).
fn is_source_cue(cue: &str) -> bool {
    matches!(
        cue.to_lowercase().as_str(),
        "laut" | "gemäß" | "zufolge" | "nach" | "according to"
    )
}

/// The clause of [a, e) without the attribution phrase [s, t).
fn without(doc: &Doc, a: usize, e: usize, s: usize, t: usize) -> (usize, usize) {
    let mut t2 = t;
    while t2 < e && matches!(doc.toks[t2].kind, Kind::Punct(',')) {
        t2 += 1;
    }
    if s <= a + 1 {
        (t2, e)
    } else if t >= e || (t2 >= e) {
        let mut s2 = s;
        while s2 > a && matches!(doc.toks[s2 - 1].kind, Kind::Punct(',' | '–' | '-')) {
            s2 -= 1;
        }
        (a, s2)
    } else {
        (a, e)
    }
}

fn prepositional(doc: &Doc, a: usize, e: usize, in_direct: &dyn Fn(usize) -> bool) -> Option<Attr> {
    for k in a..e {
        if in_direct(k) || !doc.is_word(k) {
            continue;
        }
        let w = doc.low(k);
        let found = match w {
            "laut" | "gemäß" => speakers::np_forward(doc, k + 1, e)
                .or_else(|| marked_name(doc, k + 1, e))
                .map(|sp| (sp, k, sp.1)),
            "zufolge" => speakers::np_backward(doc, k, a)
                .or_else(|| marked_name_before(doc, k, a))
                .map(|sp| (sp, sp.0, k + 1)),
            "nach" => {
                let mut j = k + 1;
                if doc.is_word(j) && !doc.is_cap(j) && j + 1 < e {
                    j += 1; // nach eigenen Angaben, nach ersten Erkenntnissen
                }
                if doc.is_cap(j) && cues::is_speech_noun(doc.word(j), doc.low(j))
                    || (doc.is_cap(j)
                        && doc.word(j).ends_with('s')
                        && doc.is_cap(j + 1)
                        && cues::is_speech_noun(doc.word(j + 1), doc.low(j + 1)))
                {
                    speakers::np_forward(doc, k + 1, e).map(|sp| (sp, k, sp.1))
                } else {
                    None
                }
            }
            // Demnach ist …, … hat demnach …: the report goes on from a source named before;
            // the adverb is the attribution as written.
            "demnach" if !doc.english => Some(((k, k + 1), k, k + 1)),
            "according" if doc.low(k + 1) == "to" => speakers::np_forward(doc, k + 2, e)
                .or_else(|| speakers::en_np_forward(doc, k + 2, e))
                .map(|sp| (sp, k, sp.1)),
            "so" if k > a
                && (doc.is_punct(k - 1, ',')
                    || doc.is_mark(k - 1)
                    || doc.is_punct(k - 1, '–')
                    || doc.is_punct(k - 1, '-')) =>
            {
                speakers::np_forward(doc, k + 1, e)
                    .filter(|sp| {
                        sp.1 >= e
                            || doc.is_punct(sp.1, ',')
                            || doc.is_punct(sp.1, '–')
                            || doc.is_punct(sp.1, '-')
                            || matches!(
                                doc.low(sp.1),
                                "in" | "im"
                                    | "am"
                                    | "auf"
                                    | "bei"
                                    | "gegenüber"
                                    | "weiter"
                                    | "wörtlich"
                            )
                    })
                    .map(|sp| (sp, k, sp.1))
            }
            "wie" => {
                // wie X mitteilte / wie X berichtet
                let sp = speakers::np_forward(doc, k + 1, e).or_else(|| marked_name(doc, k + 1, e));
                sp.and_then(|sp| {
                    let mut v = sp.1;
                    while v < e && v < sp.1 + 6 && !doc.is_punct(v, ',') {
                        if doc.is_verb(v) && !doc.is_cap(v) {
                            let mut end = v + 1;
                            // hatte mitgeteilt / mitgeteilt hatte
                            while end < e && doc.is_word(end) && end < v + 3 {
                                end += 1;
                            }
                            return Some((sp, k, end));
                        }
                        v += 1;
                    }
                    None
                })
            }
            _ => None,
        };
        if let Some((sp, s, t)) = found {
            // "so" and "wie" attributions sit at a clause edge.
            let clause = without(doc, a, e, s, t);
            // nach Auffassung/Meinung/Ansicht X in the middle of a sentence.
            let opinion = w == "nach"
                && s > a
                && (k + 1..t.min(k + 3)).any(|j| {
                    matches!(
                        doc.low(j),
                        "auffassung"
                            | "meinung"
                            | "ansicht"
                            | "einschätzung"
                            | "überzeugung"
                            | "sicht"
                            | "einschätzungen"
                    )
                });
            return Some(Attr {
                carry: !opinion && w != "demnach",
                cue: if w == "according" {
                    "according to".to_string()
                } else {
                    doc.word(k).to_string()
                },
                speaker: Some(sp),
                clause: Some(clause),
                reported: false,
            });
        }
    }
    None
}

fn verbal(
    doc: &Doc,
    a: usize,
    e: usize,
    in_direct: &dyn Fn(usize) -> bool,
    has_direct: bool,
) -> Option<Attr> {
    for k in a..e {
        if !doc.is_verb(k) || in_direct(k) || (doc.is_cap(k) && !doc.english) {
            continue;
        }
        // English: a participle opening the sentence (Asked about the report, …) is no cue.
        if doc.english && k == a {
            continue;
        }
        let Some(readings) = cues::verb(doc.low(k)) else {
            continue;
        };
        // A separable verb needs its particle later in the clause.
        let reading = readings.iter().find(|r| match r.particle {
            None => true,
            Some(p) => (k + 1..e).any(|j| doc.low(j) == p && !in_direct(j)),
        });
        let Some(reading) = reading else {
            continue;
        };
        // Not inside a relative clause right after a comma: ", die sagte".
        if k >= a + 2
            && doc.is_punct(k - 2, ',')
            && matches!(doc.low(k - 1), "der" | "die" | "das" | "who" | "which")
        {
            continue;
        }
        // A sentence that opens with its subject (with an apposition or a relative clause
        // between commas) before the verb: Der Sprecher, Tom Berg, teilte mit, …
        let lead_subject = if !doc.english && doc.is_cap(a) && !is_adverbial(doc.low(a)) {
            speakers::np_forward(doc, a, k)
                .filter(|sp| {
                    sp.1 == k
                        || (doc.is_punct(sp.1, ',')
                            && (sp.1 + 1 == k
                                || matches!(
                                    doc.low(sp.1 + 1),
                                    "der"
                                        | "die"
                                        | "das"
                                        | "ein"
                                        | "eine"
                                        | "welcher"
                                        | "welche"
                                        | "dessen"
                                        | "deren"
                                )))
                })
                .map(|sp| {
                    // An apposition in lower case right before the verb belongs to the phrase:
                    // Osvaldo Pereyra, der Gouverneur der Provinz, sagte …
                    if doc.is_punct(sp.1, ',')
                        && k >= 2
                        && doc.is_punct(k - 1, ',')
                        && k - 1 > sp.1 + 2
                        && k - 1 - sp.1 <= 9
                        && doc.is_cap(sp.1 + 2)
                        && (sp.1 + 1..k - 1).all(|j| doc.is_word(j) && !doc.is_verb(j))
                    {
                        (sp.0, k - 1)
                    } else {
                        sp
                    }
                })
        } else if !doc.english && k > a + 1 && matches!(doc.low(k - 1), "und" | "sowie") {
            // Dragan bedankte sich … und sagte: …
            sentence_subject(doc, a, k)
        } else {
            None
        };
        let inverted = k == a
            || (doc.is_mark(k - 1) && in_direct(k - 1))
            || in_direct(k - 1)
            || (doc.is_punct(k - 1, ',') && lead_subject.is_none() && !doc.english);
        // English: the phrase that opens the frame after a quotation, up to a comma
        // (Tom Hill, the chief executive of Acme, told reporters).
        let en_lead = || {
            let mut s0 = a;
            for j in (a..k).rev() {
                if in_direct(j) {
                    s0 = j + 1;
                    break;
                }
            }
            while s0 < k && matches!(doc.toks[s0].kind, Kind::Punct(_)) {
                s0 += 1;
            }
            speakers::np_forward(doc, s0, k).filter(|sp| sp.1 == k || doc.is_punct(sp.1, ','))
        };
        let after = || {
            (k + 1..(k + 4).min(e)).find_map(|s| {
                if s > k + 1
                    && !matches!(
                        doc.low(s - 1),
                        "dazu"
                            | "auch"
                            | "jedoch"
                            | "aber"
                            | "zudem"
                            | "weiter"
                            | "später"
                            | "dann"
                            | "daraufhin"
                            | "nun"
                            | "also"
                            | "later"
                            | "then"
                            | "gegenüber"
                            | "am"
                            | "on"
                            | "again"
                            | "sich"
                    )
                {
                    return None;
                }
                speakers::np_forward(doc, s, e)
            })
        };
        let speaker = if inverted {
            after()
        } else if doc.english {
            // The object of `told` is the listener, never the speaker.
            let listener_verb = matches!(doc.low(k), "told" | "tells" | "tell");
            // A name in an apposition right before the verb: Its author, Rosa Lindqvist, says.
            let apposed = || {
                (k > a + 1 && doc.is_punct(k - 1, ','))
                    .then(|| speakers::np_backward(doc, k - 1, a))
                    .flatten()
                    .filter(|sp| doc.is_cap(sp.1 - 1))
            };
            // After the verb only a name: a pronoun there opens the reported clause
            // (says she wrote it).
            let after_name =
                || after().filter(|sp| !(sp.1 == sp.0 + 1 && speakers::is_pronoun(doc.low(sp.0))));
            speakers::np_backward(doc, k, a)
                .or_else(en_lead)
                .or_else(|| speakers::en_subject(doc, a, k, in_direct))
                .or_else(apposed)
                .or_else(|| if listener_verb { None } else { after_name() })
        } else {
            let first = doc.low(a);
            let opens_adverbial = !doc.is_cap(a) && !speakers::is_pronoun(first)
                || is_adverbial(first)
                || (a..k).any(|j| doc.is_punct(j, ','));
            // The subject right after the finite auxiliary of a verb at the clause end:
            // „Schon vor drei Tagen hatte die Gewerkschaft erklärt, …“, „… musste er betonen“.
            let after_aux = || {
                let j = (a..k).find(|&j| is_aux(doc.low(j)) && !in_direct(j))?;
                speakers::np_forward(doc, j + 1, k).filter(|sp| {
                    sp.1 == k || doc.is_punct(sp.1, ',') || (doc.is_word(sp.1) && !doc.is_cap(sp.1))
                })
            };
            if lead_subject.is_some() {
                lead_subject
            } else if opens_adverbial && (!doc.is_cap(a) || is_adverbial(first)) {
                after().or_else(after_aux)
            } else {
                speakers::np_forward(doc, a, k)
                    .filter(|sp| {
                        sp.1 == k
                            || doc.is_punct(sp.1, ',')
                            || doc.is_punct(sp.1, '(')
                            || (is_aux(doc.low(sp.1)) && !in_direct(sp.1))
                    })
                    .or_else(after)
                    .or_else(after_aux)
            }
        };
        // heißt es in der Mitteilung, Aus Paris hieß es: where the words come from speaks.
        let speaker = if reading.lemma == "heißen" && speaker.is_none_or(|sp| doc.low(sp.0) == "es")
        {
            it_says_source(doc, a, k, e).or(speaker)
        } else {
            speaker
        };
        // The reported clause.
        let weak = cues::is_weak_lemma(reading.lemma);
        let mut clause = None;
        if inverted && k > a + 1 && doc.is_punct(k - 1, ',') {
            let (cs, ce) = (a, k - 1);
            let direct_inside = (cs..ce).any(in_direct);
            if !direct_inside && (doc.english || has_konjunktiv(doc, cs, ce, false) || !weak) {
                clause = Some((cs, ce));
            }
        }
        if clause.is_none() && !inverted && doc.english {
            let from = speaker.map(|s| s.1.max(k + 1)).unwrap_or(k + 1);
            clause = en_clause(doc, k, from, e, in_direct, weak);
        } else if clause.is_none() && !inverted {
            let from = speaker.map(|s| s.1.max(k + 1)).unwrap_or(k + 1);
            if let Some(c) = (from..e).find(|&j| doc.is_punct(j, ',') || doc.is_punct(j, ':')) {
                let next = doc.low(c + 1);
                if doc.is_punct(c, ',') && c + 2 <= e {
                    // A relative pronoun, not an article before a noun (…, die USA hielten …).
                    let rel = matches!(
                        next,
                        "der" | "die" | "das" | "welche" | "welcher" | "who" | "which"
                    ) && !(matches!(next, "der" | "die" | "das") && doc.is_cap(c + 2));
                    // After a strong speech verb, a main clause after the comma is the
                    // report even without Konjunktiv: „sagte Lund, die Firmen hielten sich …“.
                    let main_clause = !doc.english
                        && !weak
                        && !rel
                        && (doc.is_cap(c + 1)
                            || speakers::is_pronoun(next)
                            || matches!(next, "der" | "die" | "das" | "man" | "es"))
                        && !is_subordinator(next)
                        && (c + 2..e).any(|j| doc.is_word(j) && !doc.is_cap(j) && !in_direct(j));
                    let kj = has_konjunktiv(doc, c + 1, e, false);
                    let zu_inf = !weak
                        && (c + 1..e).any(|j| {
                            doc.low(j) == "zu" && doc.is_word(j + 1) && !doc.is_cap(j + 1)
                        });
                    let ok = (!rel || kj)
                        && (is_clause_word(next)
                            || kj
                            || zu_inf
                            || main_clause
                            || (doc.english && !weak));
                    if ok {
                        clause = Some((c + 1, e));
                    }
                }
            } else if let Some(d) =
                (from..e).find(|&j| matches!(doc.low(j), "dass" | "daß" | "that"))
            {
                clause = Some(if doc.low(d) == "that" {
                    (d + 1, e)
                } else {
                    (d, e)
                });
            } else if doc.english && !weak && from < e && !has_direct && e - from >= 4 {
                clause = Some((from, e));
            }
        }
        let mut reported = false;
        if clause.is_none()
            && !has_direct
            && !doc.english
            && REPORTING.contains(reading.lemma)
            && speaker.is_some_and(|sp| {
                // Something reported: a noun besides the speaker (berichtete von drei
                // Verletzten), not only adverbs (berichtete zuerst darüber).
                (a..e).any(|j| (j < sp.0 || j >= sp.1) && j != k && j > a && doc.is_cap(j))
            })
        {
            clause = Some((a, e));
            reported = true;
        }
        if clause.is_none() && !has_direct {
            // A speech verb with no clause and no quotation: look further.
            continue;
        }
        let mut cue = doc.word(k).to_string();
        if let Some(p) = reading.particle {
            cue.push(' ');
            cue.push_str(p);
        }
        return Some(Attr {
            cue,
            speaker,
            clause,
            reported,
            carry: true,
        });
    }
    None
}

/// Words that end an English reported clause after a comma: the source or a concession
/// (…, according to state media; …, despite the protests).
fn en_clause_stop(lower: &str) -> bool {
    matches!(lower, "according" | "despite" | "officials" | "citing")
}

/// The English reported clause after the speech verb at `k` (`from`: the first token after
/// the verb and a speaker phrase that follows it). The listener of `told` and adverbials of
/// time and place before `that` are skipped (said on Friday that, told reporters that);
/// `that` belongs to the clause, as `dass` does. The clause ends before a trailing source
/// (…, according to state media) or attribution (…, state media reported).
fn en_clause(
    doc: &Doc,
    k: usize,
    from: usize,
    e: usize,
    in_direct: &dyn Fn(usize) -> bool,
    weak: bool,
) -> Option<(usize, usize)> {
    let from = en_skip_source(doc, from, e);
    if from >= e {
        return None;
    }
    let listener = matches!(doc.low(k), "told" | "tells" | "tell");
    let start = if let Some(d) = (from..e.min(from + 8))
        .take_while(|&j| !doc.is_punct(j, ',') && !doc.is_punct(j, ':') && !in_direct(j))
        .find(|&j| doc.low(j) == "that")
    {
        d
    } else if weak {
        return None;
    } else {
        let mut j = from;
        if listener {
            j = en_skip_listener(doc, j, e);
        }
        j = en_skip_adverbial(doc, j, e);
        // A clause, not an adverbial or an object: four words or more, not opening with a
        // preposition (said on the steps, vowed to fight on, reported record revenue).
        let free = (j..e).filter(|&i| doc.is_word(i) && !in_direct(i)).count();
        if doc.is_punct(j, ',')
            || doc.is_punct(j, ':')
            || in_direct(j)
            || free < 4
            || is_en_preposition(doc.low(j))
        {
            return None;
        }
        j
    };
    let end = en_clause_end(doc, start, e);
    // A clause that is a quotation in marks is that quotation, not a report.
    let free = (start..end)
        .filter(|&j| doc.is_word(j) && !in_direct(j))
        .count();
    (end > start + 1 && free >= 3).then_some((start, end))
}

/// Past a source between commas right after the verb (said, according to state media,
/// that …): the clause starts after the second comma. Anything else is left as it is.
fn en_skip_source(doc: &Doc, from: usize, e: usize) -> usize {
    if !(doc.is_punct(from, ',') && doc.low(from + 1) == "according" && doc.low(from + 2) == "to") {
        return from;
    }
    match (from + 3..e.min(from + 12)).find(|&j| doc.is_punct(j, ',')) {
        Some(c) if c > from + 3 => c + 1,
        _ => from,
    }
}

/// English prepositions that open an adverbial, not a reported clause.
fn is_en_preposition(lower: &str) -> bool {
    matches!(
        lower,
        "on" | "at"
            | "in"
            | "to"
            | "for"
            | "with"
            | "after"
            | "before"
            | "during"
            | "from"
            | "by"
            | "of"
            | "about"
            | "into"
            | "over"
            | "outside"
            | "inside"
    )
}

/// Past the listener of `told` (told reporters, told the BBC, told Sky News, told us).
fn en_skip_listener(doc: &Doc, mut j: usize, e: usize) -> usize {
    if j < e && speakers::is_det(doc.low(j)) && doc.is_cap(j + 1) {
        j += 1;
    }
    if j < e && doc.is_cap(j) {
        while j < e && doc.is_cap(j) {
            j += 1;
        }
        return j;
    }
    if j < e && doc.is_word(j) && !doc.is_cap(j) && doc.low(j) != "that" {
        // One listener word: reporters, members, parliament, us.
        return j + 1;
    }
    j
}

/// Past an adverbial of time or place after the verb (on Tuesday, today, last week).
fn en_skip_adverbial(doc: &Doc, mut j: usize, e: usize) -> usize {
    loop {
        let w = doc.low(j);
        if matches!(
            w,
            "today" | "yesterday" | "tonight" | "earlier" | "later" | "again"
        ) {
            j += 1;
        } else if matches!(w, "last" | "this" | "on") && doc.is_word(j + 1) && j + 1 < e {
            let next = doc.low(j + 1);
            let time = doc.is_cap(j + 1)
                || matches!(
                    next,
                    "week" | "month" | "year" | "night" | "weekend" | "morning"
                );
            if !time {
                return j;
            }
            j += 2;
            // on March 3
            if doc.toks.get(j).is_some_and(|t| t.kind == Kind::Word)
                && doc.word(j).chars().all(|c| c.is_ascii_digit())
            {
                j += 1;
            }
        } else {
            return j;
        }
    }
}

/// The end of an English clause from `start`: before a comma that opens a source, a
/// concession or a trailing attribution (…, state media reported).
fn en_clause_end(doc: &Doc, start: usize, e: usize) -> usize {
    for c in start..e {
        if !doc.is_punct(c, ',') {
            continue;
        }
        if en_clause_stop(doc.low(c + 1)) {
            return c;
        }
        // A trailing attribution: a few words ending in a speech verb at the sentence end.
        if e > c + 1 && e - c <= 6 && doc.is_verb(e - 1) && (c + 1..e).all(|j| doc.is_word(j)) {
            return c;
        }
    }
    e
}

/// A reported clause that joins two reports (X said A and that B): the token of the second
/// `that`, if any, outside quotations.
pub fn en_second_that(
    doc: &Doc,
    (a, b): (usize, usize),
    in_direct: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    (a + 2..b.saturating_sub(2))
        .find(|&j| doc.low(j) == "that" && !in_direct(j) && matches!(doc.low(j - 1), "and" | "but"))
}

#[cfg(test)]
mod tests {
    use super::super::analyse;
    use crate::article::QuoteKind;

    fn one(text: &str) -> Vec<(String, Option<String>, QuoteKind)> {
        analyse(text)
            .0
            .into_iter()
            .map(|q| (q.text, q.speaker_mention, q.kind))
            .collect()
    }

    #[test]
    fn konjunktiv_clause_after_verb() {
        let q = one("Der Minister sagte am Montag, die Lage sei ernst.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "die Lage sei ernst");
        assert_eq!(q[0].1.as_deref(), Some("Der Minister"));
        assert_eq!(q[0].2, QuoteKind::Indirect);
    }

    #[test]
    fn clause_before_inverted_verb() {
        let q = one("Der Plan stehe, erklärte sie.");
        assert_eq!(q[0].0, "Der Plan stehe");
        assert_eq!(q[0].1.as_deref(), Some("sie"));
    }

    #[test]
    fn laut_and_zufolge() {
        let q = one("Laut Polizei wurden drei Menschen verletzt.");
        assert_eq!(q[0].0, "wurden drei Menschen verletzt");
        assert_eq!(q[0].1.as_deref(), Some("Polizei"));
        let q = one("Dem Bericht zufolge sind die Kosten gestiegen.");
        assert_eq!(q[0].1.as_deref(), Some("Dem Bericht"));
        assert_eq!(q[0].0, "sind die Kosten gestiegen");
    }

    #[test]
    fn so_at_the_end() {
        let q = one("Die Reform komme zu spät, so der Gewerkschaftschef Uwe Berg.");
        assert_eq!(q[0].0, "Die Reform komme zu spät");
        assert_eq!(q[0].1.as_deref(), Some("der Gewerkschaftschef Uwe Berg"));
    }

    #[test]
    fn free_indirect_continues_speaker() {
        let q = one(
            "Die Ministerin Eva Roth sagte, das Gesetz sei fertig. Es werde im Mai beschlossen.",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0, "Es werde im Mai beschlossen");
        assert_eq!(q[1].1.as_deref(), Some("Die Ministerin Eva Roth"));
    }

    fn speakers_of(text: &str) -> Vec<(Option<String>, Option<String>)> {
        analyse(text)
            .0
            .into_iter()
            .map(|q| (q.speaker, q.speaker_mention))
            .collect()
    }

    #[test]
    fn sentence_opening_conjunction_is_no_name() {
        let q = speakers_of("„Wir sind früh dran“, sagt Winzer Markus Thiel. Wenn Markus Thiel sagt: „Das reicht“, hört man zu.");
        assert!(
            q.iter().all(|(s, _)| s.as_deref() == Some("Markus Thiel")),
            "{q:?}"
        );
    }

    #[test]
    fn speech_noun_source_is_the_speaker() {
        let q = speakers_of(
            "Nach Angaben des regionalen Weinbauverbands haben 40 Betriebe mit der Lese begonnen.",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0.as_deref(), Some("regionaler Weinbauverband"));
        assert_eq!(
            q[0].1.as_deref(),
            Some("Angaben des regionalen Weinbauverbands")
        );
    }

    #[test]
    fn subject_after_auxiliary() {
        let q = speakers_of("Schon vor drei Tagen hatte die Gewerkschaft erklärt, dass die Fahrer ihre Pausen nicht einhalten könnten.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1.as_deref(), Some("die Gewerkschaft"));
    }

    #[test]
    fn opinion_in_passing_is_not_carried() {
        let q = speakers_of(
            "Der Sprecher Tom Berg sagte, die Anlage sei nach Auffassung des Ministers sicher. \
             Daran ändere auch die Panne nichts.",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(
            q.iter().all(|(s, _)| s.as_deref() == Some("Tom Berg")),
            "{q:?}"
        );
    }

    #[test]
    fn free_indirect_speaker_is_no_object() {
        let q = one("Die Rechnungen kamen nie an. Die Belege seien gefälscht.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1, None);
    }

    #[test]
    fn konjunktiv_two_and_hearsay_go_on_with_the_report() {
        let q = one(
            "Die Polizei sagte, die Lage sei ruhig. Jeden Sommer würden etwa 40 Boote beschädigt. \
             Er kam spät. Im Hafen sollen 14 Boote beschädigt worden sein.",
        );
        let texts: Vec<&str> = q.iter().map(|x| x.0.as_str()).collect();
        assert!(
            texts.contains(&"Jeden Sommer würden etwa 40 Boote beschädigt"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Im Hafen sollen 14 Boote beschädigt worden sein"),
            "{texts:?}"
        );
        // Konjunktiv II alone, after no report, is no quotation.
        assert!(one("Er kam spät. Sonst würde er bleiben.").is_empty());
    }

    #[test]
    fn main_clause_after_strong_verb() {
        let q = one("In Genf sagte Lund, die Firmen hielten sich an den Vertrag.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "die Firmen hielten sich an den Vertrag");
        assert_eq!(q[0].1.as_deref(), Some("Lund"));
        // An adverbial clause after the comma is no report.
        assert!(one("Er sagte das, als er ankam.").is_empty());
    }

    #[test]
    fn indefinite_apposition_before_the_verb() {
        let q = one(
            "Paul Hensel, ein Abgeordneter aus Thüringen, sagte, dass es kein Unfall gewesen sei.",
        );
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].0, "dass es kein Unfall gewesen sei");
        assert_eq!(
            q[0].1.as_deref(),
            Some("Paul Hensel, ein Abgeordneter aus Thüringen")
        );
    }

    #[test]
    fn sentence_ends_after_a_closed_quotation() {
        let q = one("Pereyra sagte: „Wir kämpfen gegen die Flut.“ Pereyra beklagte, dass zu wenige Helfer gekommen seien.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[1].0, "dass zu wenige Helfer gekommen seien");
    }

    #[test]
    fn partial_quotations_without_speaker() {
        let q = one("Die Lage bleibt „schwierig, aber nicht hoffnungslos“ in der Region.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].2, QuoteKind::Partial);
        assert!(one("Die Lage bleibt „sehr schwierig“ in der Region.").is_empty());
    }
}
