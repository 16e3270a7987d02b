//! Prints the quotations of a text given as the first argument (a debugging aid).
fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let (quotes, entities) = klartext::quotes::analyse(&text);
    for q in quotes {
        println!(
            "{:?} {:?} | spk={:?} mention={:?} cue={:?}",
            q.kind, q.text, q.speaker, q.speaker_mention, q.cue
        );
    }
    for e in entities {
        println!(
            "entity {} {:?} {:?} {}",
            e.name, e.kind, e.roles, e.mentions
        );
    }
}
