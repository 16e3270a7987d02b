//! Synthetic news passages (written for klartext, no third-party text) with their gold
//! direct quotations and speakers. The speaker of a direct quotation must be right for at
//! least 90% of them, in English and in German; the traps must not come out as quotations.

use klartext::quotes::analyse;

/// A passage and its direct quotations: (a piece of the quoted words, the full speaker name).
struct Fixture {
    text: &'static str,
    quotes: &'static [(&'static str, &'static str)],
}

const EN: &[Fixture] = &[
    Fixture {
        text: "The city council approved the new budget on Tuesday. \"This is a good day for every family in town,\" said Mayor Linda Park.",
        quotes: &[("good day for every family", "Linda Park")],
    },
    Fixture {
        text: "Foreign Secretary Jane Doe arrived in Oslo on Monday. She said: \"We will not give up on these talks.\"",
        quotes: &[("We will not give up", "Jane Doe")],
    },
    Fixture {
        text: "\"The numbers speak for themselves,\" Tom Hill, the chief executive of Acme, told reporters. \"We grew in every market.\"",
        quotes: &[("numbers speak for themselves", "Tom Hill"), ("We grew in every market", "Tom Hill")],
    },
    Fixture {
        text: "Police Chief Mark Owens defended his officers. “They acted by the book,” he said. “Nobody was hurt.”",
        quotes: &[("They acted by the book", "Mark Owens"), ("Nobody was hurt", "Mark Owens")],
    },
    Fixture {
        text: "The striking nurses marched to the hospital gates. “We are exhausted and we are underpaid,” said union leader Maria Lopez.",
        quotes: &[("We are exhausted", "Maria Lopez")],
    },
    Fixture {
        text: "Senator Paul Grant has criticised the plan. \"It is reckless and it is expensive,\" Grant said in a statement.",
        quotes: &[("It is reckless", "Paul Grant")],
    },
    Fixture {
        text: "The storm cut power to thousands of homes. \"Crews will work through the night,\" a spokeswoman for the utility, Amy Chen, said.",
        quotes: &[("Crews will work through the night", "Amy Chen")],
    },
    Fixture {
        text: "Coach Ben Carter was blunt after the defeat. \"We were not good enough today,\" Carter said. \"I take responsibility for that.\"",
        quotes: &[("We were not good enough", "Ben Carter"), ("I take responsibility", "Ben Carter")],
    },
    Fixture {
        text: "Professor Helen Ward studies coastal erosion. \"The sea is moving faster than anyone expected,\" she told the conference.",
        quotes: &[("The sea is moving faster", "Helen Ward")],
    },
    Fixture {
        text: "Finance Minister Raj Patel presented the budget. He said the deficit would shrink. \"We have made hard choices,\" the minister said.",
        quotes: &[("We have made hard choices", "Raj Patel")],
    },
    Fixture {
        text: "Judge Sarah Klein sentenced the man to five years. \"You showed no remorse at any point,\" Klein told him.",
        quotes: &[("You showed no remorse", "Sarah Klein")],
    },
    Fixture {
        text: "The company's founder, Omar Haddad, spoke at the launch.\n\n“We started in a garage ten years ago.\n\n“Today we employ four hundred people,” he said.",
        quotes: &[("We started in a garage", "Omar Haddad")],
    },
    Fixture {
        text: "Residents were angry at the delay. \"We have waited three years for this bridge,\" said local shop owner David Brown.",
        quotes: &[("We have waited three years", "David Brown")],
    },
    Fixture {
        text: "Governor Anne Fischer signed the bill on Friday. \"This law protects our rivers for a generation,\" Fischer said.",
        quotes: &[("This law protects our rivers", "Anne Fischer")],
    },
    Fixture {
        text: "Climate envoy Lars Berg warned of floods. According to Berg, the region has lost half its wetlands. \"Time is running out,\" Berg said.",
        quotes: &[("Time is running out", "Lars Berg")],
    },
    Fixture {
        text: "The actor Noah Reed read from the novel \"The Silent Harbour\" at the festival. \"I fell in love with this story as a boy,\" Reed said.",
        quotes: &[("I fell in love with this story", "Noah Reed")],
    },
    Fixture {
        text: "Health Secretary Karen Mills visited the clinic. 'The waiting lists are too long,' she said. 'We will fix them.'",
        quotes: &[("The waiting lists are too long", "Karen Mills"), ("We will fix them", "Karen Mills")],
    },
    Fixture {
        text: "Army spokesman Colonel James Reid confirmed the withdrawal. \"Our troops will be home by Christmas,\" Reid said on Sunday.",
        quotes: &[("Our troops will be home", "James Reid")],
    },
    Fixture {
        text: "The tanker \"Northern Star\" ran aground off the coast. \"The crew is safe and no oil has leaked,\" said coast guard commander Lisa Moreau.",
        quotes: &[("The crew is safe", "Lisa Moreau")],
    },
    Fixture {
        text: "Economist Peter Lang expects rates to fall. \"Inflation has peaked and the central bank knows it,\" Lang wrote in a note to clients.",
        quotes: &[("Inflation has peaked", "Peter Lang")],
    },
    Fixture {
        text: "Opposition leader Grace Obi attacked the government. “They promised cheaper homes and delivered nothing,” Obi told supporters in Leeds.",
        quotes: &[("They promised cheaper homes", "Grace Obi")],
    },
    Fixture {
        text: "Tech investor Sam Rivera called the deal a mistake. \"Nobody pays that much for a company with no revenue,\" he said.",
        quotes: &[("Nobody pays that much", "Sam Rivera")],
    },
    Fixture {
        text: "The school's head teacher, Emma Stone, praised the pupils. \"They worked harder than any class I have taught,\" she said.",
        quotes: &[("They worked harder", "Emma Stone")],
    },
    Fixture {
        text: "Fire officials say the blaze is under control. \"We expect to have it fully out by tomorrow,\" fire chief Robert King said.",
        quotes: &[("We expect to have it fully out", "Robert King")],
    },
    Fixture {
        text: "At the summit, Prime Minister Elena Costa urged unity. \"Divided, we lose; together, we can still win this,\" Costa said.",
        quotes: &[("Divided, we lose", "Elena Costa")],
    },
    Fixture {
        text: "Museum director Hugo Lind unveiled the painting. “It has not been seen in public for a century,” Lind said. The exhibition \"Light and Shadow\" opens in May.",
        quotes: &[("It has not been seen in public", "Hugo Lind")],
    },
];

const DE: &[Fixture] = &[
    Fixture {
        text: "Außenministerin Anna Berger ist am Montag in Wien eingetroffen. „Wir werden diese Gespräche nicht aufgeben“, sagte sie.",
        quotes: &[("Wir werden diese Gespräche", "Anna Berger")],
    },
    Fixture {
        text: "Bahnchef Jonas Weber verteidigte die neuen Preise. „Die Züge werden pünktlicher, das verspreche ich“, sagte Weber.",
        quotes: &[("Die Züge werden pünktlicher", "Jonas Weber")],
    },
    Fixture {
        text: "Der französische Chefunterhändler Luc Martin sagte am Abend: „Wir sind einer Einigung sehr nahe.“",
        quotes: &[("Wir sind einer Einigung", "Luc Martin")],
    },
    Fixture {
        text: "Die Gewerkschaft kündigte neue Streiks an. „Die Beschäftigten haben genug von leeren Versprechen“, so Verdi-Chefin Petra Hahn.",
        quotes: &[("Die Beschäftigten haben genug", "Petra Hahn")],
    },
    Fixture {
        text: "Bürgermeister Klaus Richter eröffnete die neue Brücke. „Das ist ein guter Tag für unsere Stadt“, erklärte er. „Wir haben lange darauf gewartet.“",
        quotes: &[("Das ist ein guter Tag", "Klaus Richter"), ("Wir haben lange darauf gewartet", "Klaus Richter")],
    },
    Fixture {
        text: "Die Ministerin Sabine Krüger stellte den Bericht vor. »Die Zahlen sind besser als erwartet«, sagte die Ministerin.",
        quotes: &[("Die Zahlen sind besser", "Sabine Krüger")],
    },
    Fixture {
        text: "Trainer Lukas Brandt war nach dem Spiel enttäuscht. „Wir haben heute einfach zu viele Fehler gemacht“, sagte Brandt.",
        quotes: &[("Wir haben heute einfach", "Lukas Brandt")],
    },
    Fixture {
        text: "Der Schauspieler Max Vogel las im Theater aus dem Roman „Die stille Bucht“. „Dieses Buch hat mein Leben verändert“, sagte Vogel.",
        quotes: &[("Dieses Buch hat mein Leben", "Max Vogel")],
    },
    Fixture {
        text: "Polizeisprecherin Julia Neumann äußerte sich am Morgen. „Es wurde niemand verletzt“, sagte sie. Die Straße bleibe bis zum Abend gesperrt.",
        quotes: &[("Es wurde niemand verletzt", "Julia Neumann")],
    },
    Fixture {
        text: "„Wir investieren in den Standort“, sagte Konzernchef Stefan Maier am Dienstag in Stuttgart.",
        quotes: &[("Wir investieren in den Standort", "Stefan Maier")],
    },
    Fixture {
        text: "Die Richterin Eva Lorenz verkündete das Urteil. „Der Angeklagte hat aus Habgier gehandelt“, sagte Lorenz in der Begründung.",
        quotes: &[("Der Angeklagte hat aus Habgier", "Eva Lorenz")],
    },
    Fixture {
        text: "Umweltminister Thomas Keller warnte vor Trockenheit. „Die Böden sind so trocken wie seit Jahren nicht“, sagte der Minister.",
        quotes: &[("Die Böden sind so trocken", "Thomas Keller")],
    },
];

fn accuracy(set: &[Fixture]) -> (usize, usize, Vec<String>) {
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for fx in set {
        let (quotes, _) = analyse(fx.text);
        for (piece, speaker) in fx.quotes {
            total += 1;
            let got = quotes
                .iter()
                .find(|q| q.text.contains(piece))
                .and_then(|q| q.speaker.clone());
            if got.as_deref() == Some(*speaker) {
                right += 1;
            } else {
                wrong.push(format!("{piece:?}: want {speaker:?}, got {got:?}"));
            }
        }
    }
    (right, total, wrong)
}

#[test]
fn english_direct_speakers() {
    assert!(EN.len() >= 25);
    let (right, total, wrong) = accuracy(EN);
    assert!(
        right * 10 >= total * 9,
        "English speaker accuracy {right}/{total}: {wrong:#?}"
    );
}

#[test]
fn german_direct_speakers() {
    let (right, total, wrong) = accuracy(DE);
    assert!(
        right * 10 >= total * 9,
        "German speaker accuracy {right}/{total}: {wrong:#?}"
    );
}

fn texts(text: &str) -> Vec<String> {
    analyse(text).0.into_iter().map(|q| q.text).collect()
}

#[test]
fn titles_are_not_quotations() {
    for t in [
        "Sie spielte in dem Film „Der lange Sommer“ die Hauptrolle.",
        "He reviewed the novel \"A House by the Sea\" for the paper.",
        "Die Zeitung „Neue Presse“ berichtete zuerst darüber.",
        "The documentary \"Cold Water\" won the award.",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn ship_and_operation_names_are_not_quotations() {
    for t in [
        "Das Schiff „Nordlicht“ lief am Morgen aus.",
        "The ship \"Sea Breeze\" was towed to port.",
        "Die Operation „Wüstensturm“ begann im Januar.",
        "The army launched Operation \"Iron Shield\" at dawn.",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn scare_quotes_and_slogans_are_not_quotations() {
    for t in [
        "Die sogenannte „Reform“ stieß auf Kritik.",
        "The \"experts\" were wrong again.",
        "Auf dem Transparent stand „Freiheit für alle“.",
        "The banner read \"Stop the War\".",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn nested_quotation_is_one_quote() {
    let q = analyse("Der Autor Jan Roth sagte: „Ich habe ‚Faust‘ dreimal gelesen.“").0;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "Ich habe ‚Faust‘ dreimal gelesen.");
    assert_eq!(q[0].speaker.as_deref(), Some("Jan Roth"));
}

#[test]
fn quotation_across_paragraphs() {
    let text = "Director Mia Holt addressed the staff.\n\n“We had a hard year.\n\n“Next year will be better,” she said.";
    let q = analyse(text).0;
    let both = q
        .iter()
        .find(|q| q.text.contains("hard year") && q.text.contains("Next year"));
    assert!(both.is_some(), "{q:#?}");
    assert_eq!(both.and_then(|q| q.speaker.as_deref()), Some("Mia Holt"));
}

#[test]
fn pronoun_and_role_noun_speakers() {
    let q = analyse(
        "Gesundheitsministerin Lea Franke besuchte die Klinik. Sie sagte, die Lage sei ernst. \
         Die Ministerin betonte, man brauche mehr Personal.",
    )
    .0;
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].speaker_mention.as_deref(), Some("Sie"));
    assert_eq!(q[0].speaker.as_deref(), Some("Lea Franke"));
    assert_eq!(q[1].speaker_mention.as_deref(), Some("Die Ministerin"));
    assert_eq!(q[1].speaker.as_deref(), Some("Lea Franke"));
}

#[test]
fn offsets_are_code_points_and_marks_included() {
    let text = "Älteste Bürgerin Grete Öhler sagte: „Schön ist’s hier.“";
    let q = analyse(text).0;
    assert_eq!(q.len(), 1);
    let chars: Vec<char> = text.chars().collect();
    let span: String = chars[q[0].start..q[0].end].iter().collect();
    assert_eq!(span, "„Schön ist’s hier.“");
    let s: String = chars[q[0].speaker_start.unwrap_or(0)..q[0].speaker_end.unwrap_or(0)]
        .iter()
        .collect();
    assert_eq!(s, "Älteste Bürgerin Grete Öhler");
}

// Entities: every person, organisation and place named, each once, with mentions merged.

use klartext::article::{Entity, EntityType};

fn entities(text: &str) -> Vec<Entity> {
    analyse(text).1
}

/// The one entity called `name`; fails when it is missing or listed twice.
fn entity<'a>(all: &'a [Entity], name: &str) -> &'a Entity {
    let found: Vec<&Entity> = all.iter().filter(|e| e.name == name).collect();
    assert_eq!(found.len(), 1, "{name} once in {all:#?}");
    found[0]
}

const DE_ENTITIES: &str = "Außenministerin Anna Berger ist am Montag nach Paris gereist. \
Dort traf sie den französischen Chefunterhändler Luc Martin. „Wir sind uns einig“, sagte \
Berger nach dem Treffen. Die Ministerin betonte, die Gespräche seien gut verlaufen.\n\n\
Bahnchef Jonas Weber kündigte unterdessen neue Züge an. Die Deutsche Bahn habe viel Geld \
investiert, sagte Weber. Der Konzern wolle bis 2030 klimaneutral sein.\n\n\
Das Bundesamt für Migration und Flüchtlinge (BAMF) teilte mit, die Zahl der Anträge sei \
gesunken. Ein Sprecher des BAMF sagte, man prüfe weitere Schritte. Kritik kam von der SPD. \
SPD-Chef Lars Klingbeil sprach von einem Fehler. Die Trierer Polizei ermittelt. \
Frau Dr. Katrin Roth von der Universität Hamburg hält die Zahlen für plausibel. Roth sagte, \
die Entwicklung sei absehbar gewesen. Kanzler Scholz äußerte sich nicht. Die Acme Solutions \
GmbH wollte sich nicht äußern. Anna Bergers Vorschlag stieß in Deutschland auf Zustimmung.";

#[test]
fn german_persons_with_roles_and_merged_mentions() {
    let all = entities(DE_ENTITIES);
    let berger = entity(&all, "Anna Berger");
    assert_eq!(berger.kind, EntityType::Person);
    assert_eq!(berger.roles, vec!["Außenministerin".to_string()]);
    // Anna Berger, Berger, die Ministerin, Anna Bergers.
    assert_eq!(berger.mentions, 4);
    assert_eq!(entity(&all, "Luc Martin").roles, vec!["Chefunterhändler"]);
    let weber = entity(&all, "Jonas Weber");
    assert_eq!(weber.roles, vec!["Bahnchef"]);
    assert_eq!(weber.mentions, 2);
    assert_eq!(entity(&all, "Lars Klingbeil").roles, vec!["SPD-Chef"]);
    assert_eq!(entity(&all, "Katrin Roth").mentions, 2);
    assert_eq!(entity(&all, "Scholz").roles, vec!["Kanzler"]);
}

#[test]
fn german_organisations_and_places() {
    let all = entities(DE_ENTITIES);
    let org = |name: &str| entity(&all, name).kind == EntityType::Organization;
    for name in [
        "Deutsche Bahn",
        "Bundesamt für Migration und Flüchtlinge",
        "SPD",
        "Trierer Polizei",
        "Universität Hamburg",
        "Acme Solutions GmbH",
    ] {
        assert!(org(name), "{name}: {all:#?}");
    }
    // „Der Konzern“ is the Deutsche Bahn; the acronym in brackets names the Bundesamt.
    assert_eq!(entity(&all, "Deutsche Bahn").mentions, 2);
    assert_eq!(
        entity(&all, "Bundesamt für Migration und Flüchtlinge").mentions,
        2
    );
    assert_eq!(entity(&all, "Paris").kind, EntityType::Place);
    assert_eq!(entity(&all, "Deutschland").kind, EntityType::Place);
}

#[test]
fn capitalised_german_nouns_are_no_names() {
    for text in [
        "Am Montag hat die Regierung Maßnahmen beschlossen.",
        "Vom Gutachten erwarten sich die Prüfer Hinweise auf die Ursache.",
        "Die Rechnungen kamen spät. Glocken läuteten in der Nacht.",
        "Das Ministerium teilte Ende Mai mit, die Lage sei ernst.",
    ] {
        let all = entities(text);
        assert!(all.is_empty(), "{text}: {all:#?}");
    }
}

const EN_ENTITIES: &str = "Foreign Secretary Jane Doe arrived in Berlin on Monday. \"We will \
not give up on these talks,\" she said. The foreign secretary later met Chancellor Olaf Scholz.\n\n\
\"The numbers speak for themselves,\" Tom Hill, the chief executive of Acme, told reporters. \
Acme Corp said it would hire 200 people. The company expects growth. Hill's comments came \
after the Bank of England raised rates. A spokeswoman for the Labour Party, Amy Chen, said the \
plan had failed. Police Chief Mark Owens said officers had acted by the book. Owens added that \
nobody was hurt. Union leader Maria Lopez called for a strike.";

#[test]
fn english_persons_with_roles_and_merged_mentions() {
    let all = entities(EN_ENTITIES);
    let doe = entity(&all, "Jane Doe");
    assert_eq!(doe.roles, vec!["Foreign Secretary"]);
    // Jane Doe, the foreign secretary (the pronoun is not counted).
    assert_eq!(doe.mentions, 2);
    let hill = entity(&all, "Tom Hill");
    assert_eq!(hill.roles, vec!["chief executive of Acme"]);
    assert_eq!(hill.mentions, 2);
    assert_eq!(entity(&all, "Olaf Scholz").roles, vec!["Chancellor"]);
    assert_eq!(
        entity(&all, "Amy Chen").roles,
        vec!["spokeswoman for the Labour Party"]
    );
    let owens = entity(&all, "Mark Owens");
    assert_eq!(owens.roles, vec!["Police Chief"]);
    assert_eq!(owens.mentions, 2);
    assert_eq!(entity(&all, "Maria Lopez").roles, vec!["Union leader"]);
}

#[test]
fn english_organisations() {
    let all = entities(EN_ENTITIES);
    for name in ["Acme Corp", "Bank of England", "Labour Party"] {
        assert_eq!(entity(&all, name).kind, EntityType::Organization, "{name}");
    }
    // „The company“ refers back to Acme Corp.
    assert_eq!(entity(&all, "Acme Corp").mentions, 2);
    assert_eq!(entity(&all, "Berlin").kind, EntityType::Place);
    // No sentence opener or role word became an entity of its own.
    for e in &all {
        assert!(
            !matches!(
                e.name.as_str(),
                "The" | "Police" | "Union" | "Chief" | "Hill's"
            ),
            "{all:#?}"
        );
    }
}

#[test]
fn a_speaker_outside_the_name_lexicon_is_a_person() {
    let all = entities("„Wir geben nicht auf“, sagte Baptiste Ondoua am Abend. Ondoua lachte.");
    let p = entity(&all, "Baptiste Ondoua");
    assert_eq!(p.kind, EntityType::Person);
    assert_eq!(p.mentions, 2);
}

#[test]
fn runs_of_capitalised_words_stay_bounded() {
    // Title case, name-like runs and particles without end: analysed whole, and no run
    // becomes one giant name.
    let text = "Anna Maria Berger von der Van De Al Bank Partei Ministerium ".repeat(5000);
    let all = entities(&text);
    assert!(
        all.iter().all(|e| e.name.split(' ').count() <= 8),
        "{:?}",
        all.first()
    );
}

// ---- English patterns and traps (issue 16), in sentences written for klartext ----

/// The one quotation of `text` that contains `piece`: (its text, canonical speaker, speaker
/// as written).
/// The one quotation of `text` (the test fails unless there is exactly one), and the
/// entities.
fn the_only_quote(text: &str) -> (klartext::article::Quote, Vec<Entity>) {
    let (mut quotes, entities) = analyse(text);
    assert_eq!(quotes.len(), 1, "{text}: {quotes:#?}");
    (quotes.remove(0), entities)
}

fn quote_with(text: &str, piece: &str) -> (String, Option<String>, Option<String>) {
    let (quotes, _) = analyse(text);
    let hits: Vec<_> = quotes.iter().filter(|q| q.text.contains(piece)).collect();
    assert_eq!(hits.len(), 1, "{text}: {quotes:#?}");
    let q = hits[0];
    (q.text.clone(), q.speaker.clone(), q.speaker_mention.clone())
}

#[test]
fn the_object_of_told_is_the_listener() {
    let text = "The family moved in last spring. A neighbour told the Evening Post: \"They kept to themselves.\"";
    let (_, _, mention) = quote_with(text, "They kept to themselves");
    assert_eq!(mention.as_deref(), Some("A neighbour"));
    let text = "Station manager Lee Grant told Radio North the fire started on the third floor.";
    let (quote, speaker, _) = quote_with(text, "the fire started");
    assert_eq!(quote, "the fire started on the third floor");
    assert_eq!(speaker.as_deref(), Some("Lee Grant"));
}

#[test]
fn english_cue_verbs_with_that_clauses() {
    for cue in [
        "said",
        "told reporters",
        "added",
        "warned",
        "claimed",
        "insisted",
        "said on Tuesday",
        "wrote in a statement",
    ] {
        let text = format!("Coach Dan Wells {cue} that the team would recover.");
        let (quote, speaker, _) = quote_with(&text, "the team would recover");
        assert_eq!(quote, "that the team would recover", "{text}");
        assert_eq!(speaker.as_deref(), Some("Dan Wells"), "{text}");
    }
}

#[test]
fn according_to_names_the_speaker() {
    let text = "According to the fire brigade, the blaze started in the kitchen.";
    let (quote, _, mention) = quote_with(text, "the blaze started");
    assert_eq!(quote, "the blaze started in the kitchen");
    assert_eq!(mention.as_deref(), Some("the fire brigade"));
}

#[test]
fn a_named_speaker_beats_the_source_of_the_report() {
    let text = "Foreign Minister Ivan Sorel said the talks had failed, according to state media.";
    let (quote, speaker, _) = quote_with(text, "the talks had failed");
    assert_eq!(quote, "the talks had failed");
    assert_eq!(speaker.as_deref(), Some("Ivan Sorel"));
    let text = "„Die Gespräche waren sachlich und offen“, sagte der Präsidentenberater Igor Sarow am Sonntag laut Nachrichtenagenturen.";
    let (quote, _) = the_only_quote(text);
    assert_eq!(quote.speaker.as_deref(), Some("Igor Sarow"));
}

#[test]
fn pronouns_and_role_nouns_resolve_to_the_person() {
    let text = "Senator Amy Lowe toured the plant on Friday.\n\n\"It is a model for the whole state,\" she said.";
    let (_, speaker, mention) = quote_with(text, "a model for the whole state");
    assert_eq!(speaker.as_deref(), Some("Amy Lowe"));
    assert_eq!(mention.as_deref(), Some("she"));
    let text = "Mayor Tom Fenwick opened the bridge. \"It took us six years,\" the mayor said.";
    let (_, speaker, mention) = quote_with(text, "It took us six years");
    assert_eq!(speaker.as_deref(), Some("Tom Fenwick"));
    assert_eq!(mention.as_deref(), Some("the mayor"));
}

#[test]
fn common_noun_speakers_keep_their_words() {
    for (text, piece, want) in [
        (
            "\"Our forces hold the city,\" a rebel commander told reporters by phone.",
            "Our forces hold the city",
            "a rebel commander",
        ),
        (
            "Brazil's environment minister said that logging had fallen sharply.",
            "logging had fallen",
            "Brazil's environment minister",
        ),
        (
            "'I heard a crack and then the roof came down,' one woman said.",
            "I heard a crack",
            "one woman",
        ),
    ] {
        let (_, _, mention) = quote_with(text, piece);
        assert_eq!(mention.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn appositions_stay_with_the_speaker() {
    let text = "Jane Ortiz, the mayor, said the budget was balanced.";
    let (quote, speaker, _) = quote_with(text, "the budget was balanced");
    assert_eq!(quote, "the budget was balanced");
    assert_eq!(speaker.as_deref(), Some("Jane Ortiz"));
}

#[test]
fn two_reports_joined_by_and_that() {
    let text = "Finance Minister Kenji Arai told parliament that the fall was excessive and that the government was ready to act.";
    let (quotes, _) = analyse(text);
    let texts: Vec<&str> = quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "that the fall was excessive",
            "that the government was ready to act"
        ]
    );
    assert!(quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Kenji Arai")));
}

#[test]
fn english_quotation_over_paragraphs_and_nested() {
    let text = "Tenant Rosa Diaz has lived in the block for forty years.\n\n\"The landlord came to the door last week. He told me, 'We are not moving,' and laughed.\n\n\"I did not sleep that night,\" said Diaz.";
    let (quotes, _) = analyse(text);
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Rosa Diaz")),
        "{quotes:#?}"
    );
    // The words of the landlord inside her quotation are part of it, not a quotation of
    // their own.
    assert!(
        !quotes.iter().any(|q| q.text == "We are not moving,"),
        "{quotes:#?}"
    );
}

#[test]
fn a_quotation_in_marks_inside_a_report_is_reported_once() {
    let text =
        "Governor Ingrid Falk said inflation was \"moving in the right direction\" this spring.";
    let (quote, _) = the_only_quote(text);
    assert!(quote.text.starts_with("inflation was"));
}

#[test]
fn inscriptions_newspapers_and_terms_are_no_quotations() {
    for t in [
        "Sein Begleiter trug ein T-Shirt mit der Aufschrift: „Bis bald in Wien“.",
        "Die Fans hielten ein Plakat mit der Parole „Wir bleiben hier“ hoch.",
        "Protesters wore T-shirts reading \"Not in our name\" outside the court.",
        "Das „Morning Ledger“ hatte das Treffen zuerst enthüllt.",
        "The \"Evening Courier\" first reported the story.",
        "Das sogenannte „Sondervermögen“ wird nicht angetastet.",
        "The so-called \"experts\" had warned of nothing.",
        "Der „Experte“ Tom Wirth lag wieder falsch.",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn speaker_is_the_person_and_the_mention_as_written() {
    let text = "Der US-Sondergesandte Mark Belling ist am Sonntag in Moskau eingetroffen. \
„Wir sind noch weit von einer Einigung entfernt“, sagte US-Sondergesandte Belling.";
    let (quote, entities) = the_only_quote(text);
    let q = &quote;
    assert_eq!(q.speaker.as_deref(), Some("Mark Belling"));
    assert_eq!(
        q.speaker_mention.as_deref(),
        Some("US-Sondergesandte Belling")
    );
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (q.speaker_start.unwrap_or(0), q.speaker_end.unwrap_or(0));
    assert_eq!(
        chars[s..e].iter().collect::<String>(),
        "US-Sondergesandte Belling"
    );
    let belling = entities.iter().find(|e| e.name == "Mark Belling");
    assert!(
        belling.is_some_and(|e| e.roles.iter().any(|r| r.contains("Sondergesandte"))),
        "{entities:#?}"
    );
}

#[test]
fn every_named_speaker_is_an_entity() {
    let text = "\"We will appeal the ruling,\" said Chief Financial Officer Mei Tanaka. \
Harlow Motors recalled 5,000 cars on Monday. \"Safety comes first,\" Tanaka added.";
    let (quotes, entities) = analyse(text);
    for q in &quotes {
        let name = q.speaker.as_deref().unwrap_or("");
        assert!(
            entities.iter().any(|e| e.name == name),
            "{name}: {entities:#?}"
        );
    }
}

#[test]
fn a_word_named_by_a_speaker_is_quoted_a_scare_quote_is_not() {
    let text = "Umweltminister Karl Brandt nannte den Plan „fahrlässig“.";
    let (quote, speaker, _) = quote_with(text, "fahrlässig");
    assert_eq!(quote, "fahrlässig");
    assert_eq!(speaker.as_deref(), Some("Karl Brandt"));
    assert!(texts("Der „Plan“ stieß auf Kritik.").is_empty());
}

#[test]
fn english_openers_and_plural_sources() {
    let text = "Asked about the report, Dr Helen Lee said: “I haven't read it yet.”";
    let (_, speaker, _) = quote_with(text, "I haven't read it yet");
    assert_eq!(speaker.as_deref(), Some("Helen Lee"));
    // A plural subject is no antecedent of `he`.
    let text =
        "Mayor Tom Fenwick visited the site. Officials said the death toll was likely to rise. \
He added: “There is more work to do.”";
    let (_, speaker, _) = quote_with(text, "There is more work to do");
    assert_eq!(speaker.as_deref(), Some("Tom Fenwick"));
}

#[test]
fn she_and_he_follow_the_given_name() {
    let text =
        "Jane Doe met John Miller in Geneva on Monday. Miller said the talks had been useful. \
“We will meet again in spring,” she said.";
    let (_, speaker, mention) = quote_with(text, "We will meet again");
    assert_eq!(speaker.as_deref(), Some("Jane Doe"));
    assert_eq!(mention.as_deref(), Some("she"));
}

#[test]
fn a_newspaper_named_in_marks_leaves_the_report_alone() {
    for (text, piece, want) in [
        (
            "In einem langen Gespräch mit der „Nordpost am Sonntag“ sagte Klee, er trete nicht zurück.",
            "er trete nicht zurück",
            "Klee",
        ),
        (
            "Im Gespräch mit dem „Tagesblatt“ erklärte Klee, er trete nicht zurück.",
            "er trete nicht zurück",
            "Klee",
        ),
        (
            "In a long interview with the \"Morning Ledger\", Sorel said the plan had failed.",
            "the plan had failed",
            "Sorel",
        ),
    ] {
        let (quote, _) = the_only_quote(text);
        assert_eq!(quote.text, piece, "{text}");
        assert_eq!(quote.speaker.as_deref(), Some(want), "{text}");
    }
}

#[test]
fn signs_that_read_are_no_quotations() {
    for t in [
        "He wore a cap that read \"Make it Happen\" at the rally.",
        "The fence carried a sign which reads \"Keep out of the field\".",
        "Auf seiner Mütze stand „Heimat ist hier“.",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn a_nickname_in_marks_is_no_quotation() {
    for t in [
        "Bürgermeister Hans „Hansi“ Meier eröffnete das Fest.",
        "Boxer Tom \"The Hammer\" Reed lost on points.",
    ] {
        assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
    }
}

#[test]
fn the_source_of_a_report_gives_way_to_the_person_named() {
    for (text, piece, want) in [
        (
            "Laut Agenturberichten sagte Außenminister Paul Klee, die Lage sei ernst.",
            "die Lage sei ernst",
            "Paul Klee",
        ),
        (
            "Igor Sarow sagte nach Angaben der Nachrichtenagentur, man sei zu Gesprächen bereit.",
            "man sei zu Gesprächen bereit",
            "Igor Sarow",
        ),
        (
            "Nach Angaben von Staatsmedien sagte Präsident Igor Sarow, man sei zu Gesprächen bereit.",
            "man sei zu Gesprächen bereit",
            "Igor Sarow",
        ),
        (
            "Defence Minister Ivan Sorel said, according to state media, that the army was ready.",
            "that the army was ready",
            "Ivan Sorel",
        ),
        (
            "According to Russian news agencies, Kremlin aide Igor Sarow said the talks were useful.",
            "the talks were useful",
            "Igor Sarow",
        ),
    ] {
        let (quote, speaker, _) = quote_with(text, piece);
        assert_eq!(quote, piece, "{text}");
        assert_eq!(speaker.as_deref(), Some(want), "{text}");
    }
    // With nobody named, the source is what the text gives.
    let (_, speaker, _) = quote_with(
        "Nach Angaben der Bergwacht wurden zwei Wanderer verletzt.",
        "zwei Wanderer",
    );
    assert_eq!(speaker.as_deref(), Some("Bergwacht"));
    // A noun phrase in a relative clause is no person who speaks.
    let text = "Laut Stadtpolizei ist die Kundgebung, zu der viele Gruppen aufgerufen hatten, \
„weitgehend friedlich“ verlaufen.";
    let (quotes, _) = analyse(text);
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker_mention.as_deref() != Some("die Kundgebung")),
        "{quotes:#?}"
    );
}

#[test]
fn a_quotation_inside_a_quotation_comes_out_once() {
    for text in [
        "Klee sagte: „Mein Vater sagte immer: ‚Wer wagt, gewinnt.‘ Das glaube ich bis heute.“",
        "Sorel said: \"My father always told me, 'never give up', and I believe that.\"",
    ] {
        the_only_quote(text);
    }
}

#[test]
fn a_surname_resolves_to_the_full_name_given_later() {
    let text = "„Wir sind noch weit entfernt“, sagte Belling am Sonntag. \
Der US-Sondergesandte Mark Belling war am Morgen in Moskau eingetroffen.";
    let (quote, entities) = the_only_quote(text);
    assert_eq!(quote.speaker.as_deref(), Some("Mark Belling"));
    assert_eq!(quote.speaker_mention.as_deref(), Some("Belling"));
    let belling = entity(&entities, "Mark Belling");
    assert_eq!(belling.roles, ["US-Sondergesandter"], "{entities:#?}");
}

#[test]
fn german_reports_of_speaking_about_and_calling_on() {
    use klartext::article::QuoteKind;
    for (text, mention) in [
        (
            "Die Feuerwehr berichtete von drei Verletzten.",
            "Die Feuerwehr",
        ),
        (
            "Bürgermeisterin Eva Lang sprach von einem großen Erfolg für die Stadt.",
            "Bürgermeisterin Eva Lang",
        ),
        (
            "Die Kommission forderte die Regierung zu raschem Handeln auf.",
            "Die Kommission",
        ),
    ] {
        let (quote, _) = the_only_quote(text);
        assert_eq!(quote.kind, QuoteKind::Reported, "{text}");
        assert_eq!(quote.speaker_mention.as_deref(), Some(mention), "{text}");
    }
    // Speaking with someone reports nothing.
    assert!(texts("Der Minister sprach am Abend lange mit den Bürgern.").is_empty());
}

#[test]
fn verb_final_separable_verbs_attribute() {
    for (text, piece, mention) in [
        (
            "Wie die Bergwacht mitteilte, wurden zwei Wanderer verletzt.",
            "wurden zwei Wanderer verletzt",
            "die Bergwacht",
        ),
        (
            "Wie der Sportverband gestern bekanntgab, steigen die Beiträge im Herbst.",
            "steigen die Beiträge im Herbst",
            "der Sportverband",
        ),
    ] {
        let (quote, _, m) = quote_with(text, piece);
        assert_eq!(quote, piece, "{text}");
        assert_eq!(m.as_deref(), Some(mention), "{text}");
    }
}

#[test]
fn demnach_reports_from_the_source_before() {
    let text = "Die Stadtwerke legten am Montag ihren Jahresbericht vor. \
Demnach ist der Verbrauch um ein Zehntel gesunken.";
    let (quote, _, mention) = quote_with(text, "Verbrauch");
    assert_eq!(quote, "ist der Verbrauch um ein Zehntel gesunken");
    assert_eq!(mention.as_deref(), Some("Demnach"));
}

#[test]
fn a_newspaper_in_marks_as_the_source() {
    for (text, piece, mention) in [
        (
            "Laut „Abendpost“ soll der Minister zurücktreten.",
            "soll der Minister zurücktreten",
            "„Abendpost“",
        ),
        (
            "Wie der „Kurier“ berichtete, will der Konzern Stellen streichen.",
            "will der Konzern Stellen streichen",
            "der „Kurier“",
        ),
    ] {
        let (quote, _) = the_only_quote(text);
        assert_eq!(quote.text, piece, "{text}");
        assert_eq!(quote.speaker_mention.as_deref(), Some(mention), "{text}");
        let speaker = quote.speaker.as_deref().unwrap_or("");
        assert!(!speaker.contains('„'), "{speaker}");
    }
}

#[test]
fn heisst_es_names_where_the_words_come_from() {
    for (text, piece, mention) in [
        (
            "„Die Lage ist unter Kontrolle“, heißt es in einer Mitteilung der Stadtwerke.",
            "Die Lage ist unter Kontrolle",
            "einer Mitteilung der Stadtwerke",
        ),
        (
            "In einer Mitteilung der Stadtwerke heißt es, die Lage sei unter Kontrolle.",
            "die Lage sei unter Kontrolle",
            "einer Mitteilung der Stadtwerke",
        ),
        (
            "Die Lage sei unter Kontrolle, hieß es aus dem Landratsamt.",
            "Die Lage sei unter Kontrolle",
            "dem Landratsamt",
        ),
    ] {
        let (quote, entities) = the_only_quote(text);
        assert_eq!(quote.text, piece, "{text}");
        assert_eq!(quote.speaker_mention.as_deref(), Some(mention), "{text}");
        // A common noun that speaks is no person.
        assert!(
            entities.iter().all(|e| e.kind != EntityType::Person),
            "{text}: {entities:#?}"
        );
    }
}

#[test]
fn a_body_named_in_marks_speaks_under_its_name() {
    let text = "Die Zeitung „Nordpost“ berichtet jedoch, dass die Gespräche gescheitert seien.";
    let (quote, entities) = the_only_quote(text);
    assert_eq!(
        quote.speaker_mention.as_deref(),
        Some("Die Zeitung „Nordpost“")
    );
    assert_eq!(quote.speaker.as_deref(), Some("Nordpost"));
    assert_eq!(entity(&entities, "Nordpost").kind, EntityType::Organization);
}
