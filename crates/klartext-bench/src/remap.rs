//! Maps character offsets in klartext's `article.text` back to the document text it came from,
//! for the quotes sets when the text-dump path changed the text (dropped lines, joined or
//! re-spaced paragraphs). The two texts are aligned on their non-whitespace characters: each
//! paragraph of the article text is searched (whitespace ignored) in the document after the
//! previous one; a paragraph not found verbatim is aligned character by character from there.

use klartext::Quote;

/// Non-whitespace characters of a text with their character offsets.
struct Dense {
    chars: Vec<char>,
    at: Vec<usize>,
}

fn dense(text: &str) -> Dense {
    let mut d = Dense {
        chars: Vec::new(),
        at: Vec::new(),
    };
    for (i, c) in text.chars().enumerate() {
        if !c.is_whitespace() {
            d.chars.push(c);
            d.at.push(i);
        }
    }
    d
}

/// For every character of `from`, the character of `to` it corresponds to (whitespace and
/// unaligned characters: `None`).
pub fn align(from: &str, to: &str) -> Vec<Option<usize>> {
    let n = from.chars().count();
    let mut map = vec![None; n];
    let src = dense(to);
    let mut cursor = 0usize; // in src.chars
                             // Paragraphs of `from`: runs of non-whitespace separated by a line break.
    let mut para: Vec<(char, usize)> = Vec::new();
    let mut flush = |para: &mut Vec<(char, usize)>, cursor: &mut usize| {
        if para.is_empty() {
            return;
        }
        let needle: Vec<char> = para.iter().map(|p| p.0).collect();
        let found = find(&src.chars[*cursor..], &needle).map(|k| k + *cursor);
        match found {
            Some(k) => {
                for (o, &(_, i)) in para.iter().enumerate() {
                    map[i] = Some(src.at[k + o]);
                }
                *cursor = k + needle.len();
            }
            None => {
                // Character by character, each within a short window ahead.
                for &(c, i) in para.iter() {
                    let window = src.chars.len().min(*cursor + 200);
                    if let Some(o) = src.chars[*cursor..window].iter().position(|&x| x == c) {
                        map[i] = Some(src.at[*cursor + o]);
                        *cursor += o + 1;
                    }
                }
            }
        }
        para.clear();
    };
    for (i, c) in from.chars().enumerate() {
        if c == '\n' {
            flush(&mut para, &mut cursor);
        } else if !c.is_whitespace() {
            para.push((c, i));
        }
    }
    flush(&mut para, &mut cursor);
    map
}

fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `[start, end)` in `from` as `[start', end')` in `to`: the first aligned character at or
/// after `start` and one past the last aligned character before `end`.
pub fn span(map: &[Option<usize>], start: usize, end: usize) -> Option<(usize, usize)> {
    let end = end.min(map.len());
    let s = (start..end).find_map(|i| map[i])?;
    let e = (start..end).rev().find_map(|i| map[i])? + 1;
    (e > s).then_some((s, e))
}

/// The quotations with `start`/`end` and `speaker_start`/`speaker_end` moved from
/// `article_text` to `doc_text`; returns them and how many could not be mapped (dropped).
pub fn quotes_to_source(
    article_text: &str,
    doc_text: &str,
    quotes: &[Quote],
) -> (Vec<Quote>, usize) {
    let map = align(article_text, doc_text);
    let mut out = Vec::with_capacity(quotes.len());
    let mut unmapped = 0;
    for q in quotes {
        let Some((s, e)) = span(&map, q.start, q.end) else {
            unmapped += 1;
            continue;
        };
        let mut q = q.clone();
        q.start = s;
        q.end = e;
        if let (Some(a), Some(b)) = (q.speaker_start, q.speaker_end) {
            match span(&map, a, b) {
                Some((a, b)) => {
                    q.speaker_start = Some(a);
                    q.speaker_end = Some(b);
                }
                None => {
                    q.speaker_start = None;
                    q.speaker_end = None;
                }
            }
        }
        out.push(q);
    }
    (out, unmapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(s: &str, a: usize, b: usize) -> String {
        s.chars().skip(a).take(b - a).collect()
    }

    #[test]
    fn maps_across_dropped_lines_and_spacing() {
        let doc = "Menü\nTitel\n\nEr sagte,  „es reicht“.\n\nZweiter   Absatz hier.\nFooter";
        let art = "Er sagte, „es reicht“.\n\nZweiter Absatz hier.";
        let map = align(art, doc);
        let a = art.chars().position(|c| c == '„').expect("mark");
        let (s, e) = span(&map, a, a + 11).expect("mapped");
        assert_eq!(slice(doc, s, e), "„es reicht“");
        let z = art.find("Absatz").expect("word");
        let z = art[..z].chars().count();
        let (s, e) = span(&map, z, z + 6).expect("mapped");
        assert_eq!(slice(doc, s, e), "Absatz");
        assert_eq!(span(&map, 9, 10), None, "whitespace alone maps to nothing");
    }

    #[test]
    fn falls_back_to_characters_when_a_paragraph_changed() {
        let doc = "Eins zwei drei.\nVier fünf sechs.";
        let art = "Eins zwei drei. Vier fünf-sechs.";
        let map = align(art, doc);
        let v = art.chars().position(|c| c == 'V').expect("V");
        let (s, e) = span(&map, v, v + 4).expect("mapped");
        assert_eq!(slice(doc, s, e), "Vier");
    }
}
