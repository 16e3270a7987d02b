//! Synthetic text dumps of German and English news pages (written for these tests, in
//! `tests/dumps/`), each with the article and metadata a reader would take from it: the
//! body paragraphs in order and nothing of the furniture, the headline, the teaser, the
//! byline's authors, the dateline's date, the credited agencies, image captions with their
//! credits apart.

use klartext::{extract, Article, InputKind, Options};

/// What a dump must give.
struct Expected<'a> {
    title: Option<&'a str>,
    description: Option<&'a str>,
    /// The day of publication (`YYYY-MM-DD`), compared with the start of the value.
    date: Option<&'a str>,
    authors: &'a [&'a str],
    agencies: &'a [&'a str],
    /// Caption and credit of each image, in order.
    images: &'a [(Option<&'a str>, &'a str)],
    /// The text: exactly these paragraphs, in this order.
    paragraphs: &'a [&'a str],
}

const NONE: Expected<'static> = Expected {
    title: None,
    description: None,
    date: None,
    authors: &[],
    agencies: &[],
    images: &[],
    paragraphs: &[],
};

fn run(dump: &str, input: InputKind) -> Article {
    let options = Options {
        input,
        // The dumps' dates lie before this moment (2025-01-01); nothing is "in the future".
        reference_time: Some(1_735_689_600),
        ..Options::default()
    };
    extract(dump.as_bytes(), &options).expect("a dump extracts")
}

fn check(name: &str, dump: &str, want: &Expected<'_>) {
    for input in [InputKind::Text, InputKind::Auto] {
        let got = run(dump, input);
        let paragraphs: Vec<&str> = got.text.split("\n\n").filter(|p| !p.is_empty()).collect();
        assert_eq!(paragraphs, want.paragraphs, "{name}: text");
        assert_eq!(got.title.as_deref(), want.title, "{name}: title");
        if want.description.is_some() {
            assert_eq!(
                got.description.as_deref(),
                want.description,
                "{name}: description"
            );
        }
        let day = got
            .date_published
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d));
        assert_eq!(day, want.date, "{name}: date");
        assert_eq!(got.authors, want.authors, "{name}: authors");
        assert_eq!(got.agencies, want.agencies, "{name}: agencies");
        let images: Vec<(Option<&str>, &str)> = got
            .images
            .iter()
            .map(|i| {
                (
                    i.caption.as_deref(),
                    i.credit.as_deref().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(images, want.images, "{name}: images");
    }
}

#[test]
fn german_agency_copy_with_caption_byline_and_dateline() {
    check(
        "de_agency",
        include_str!("dumps/de_agency.txt"),
        &Expected {
            title: Some("Bahnstreik legt Fernverkehr lahm"),
            description: Some("Reisende müssen sich am Montag auf massive Einschränkungen einstellen: Die Gewerkschaft hat zum bundesweiten Ausstand aufgerufen."),
            date: Some("2024-08-19"),
            authors: &["Anna Berger"],
            agencies: &["dpa"],
            images: &[(
                Some("Reisende warten am Berliner Hauptbahnhof auf ihre Züge."),
                "Max Muster/dpa",
            )],
            paragraphs: &[
                "Reisende müssen sich am Montag auf massive Einschränkungen einstellen: Die Gewerkschaft hat zum bundesweiten Ausstand aufgerufen.",
                "Berlin (dpa) - Die Lokführergewerkschaft hat ihre Mitglieder zu einem bundesweiten Streik im Personenverkehr aufgerufen, der am frühen Montagmorgen begonnen hat und bis Dienstagabend dauern soll.",
                "Die Bahn richtete einen Notfahrplan ein, nach dem nur etwa jeder fünfte Fernzug fahren soll. Fahrgäste sollten ihre Reise nach Möglichkeit verschieben, teilte das Unternehmen mit.",
                "Der Konflikt dreht sich vor allem um die Arbeitszeit. Die Gewerkschaft verlangt eine Absenkung der Wochenstunden bei vollem Lohnausgleich, die Bahn lehnt das bislang ab.",
            ],
        },
    );
}

#[test]
fn english_opinion_without_blank_lines_drops_the_comments() {
    check(
        "en_opinion_noblank",
        include_str!("dumps/en_opinion_noblank.txt"),
        &Expected {
            title: Some("Cities should stop building car parks"),
            date: Some("2023-03-03"),
            authors: &["Jane Doe"],
            paragraphs: &[
                "Every new multi-storey car park locks a town into decades of traffic it says it wants to reduce.",
                "When the council approved another car park on the edge of the old town last week, it told residents that the building would ease congestion in the narrow streets around the market.",
                "It will do the opposite. Decades of research on induced demand show that cheap, plentiful parking invites more people to drive, and the streets fill up again within a few years.",
                "The money would be better spent on frequent buses, safe cycle lanes and wider pavements, which carry far more people through the same space than private cars ever could.",
                "Other towns have shown that it works. Where parking was reduced and public transport improved, shops did not close; footfall rose, and so did the takings of local traders.",
                "Jane Doe is a transport planner and writes a fortnightly column for the Ledger.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_live_blog_keeps_every_entry_but_not_the_timestamps() {
    check(
        "de_liveblog",
        include_str!("dumps/de_liveblog.txt"),
        &Expected {
            title: Some("Unwetter im Süden: Der Liveblog zum Nachlesen"),
            paragraphs: &[
                "Heftige Gewitter haben in der Nacht in weiten Teilen Süddeutschlands Bäume entwurzelt und Keller geflutet. Wir berichten laufend.",
                "Der Deutsche Wetterdienst hebt die Unwetterwarnung für Oberbayern auf. In den kommenden Stunden soll es nur noch vereinzelt regnen, teilte der Dienst am Abend mit.",
                "Die Feuerwehr in Rosenheim meldet mehr als 200 Einsätze seit dem Mittag. Vor allem vollgelaufene Keller und umgestürzte Bäume beschäftigen die Helfer in der Stadt und im Landkreis.",
                "Auf der Autobahn 8 ist ein Lastwagen wegen einer Sturmböe umgekippt. Der Fahrer wurde leicht verletzt, die Strecke Richtung Salzburg ist für mehrere Stunden gesperrt.",
                "Guten Tag, wir begleiten die Folgen der Unwetter hier in unserem Liveblog. Schicken Sie uns gern Ihre Fotos und Beobachtungen aus der Region.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_gallery_splits_captions_from_credits() {
    check(
        "en_gallery",
        include_str!("dumps/en_gallery.txt"),
        &Expected {
            title: Some("In pictures: The harbour festival returns"),
            images: &[
                (
                    Some("Tall ships line the quay on Saturday morning."),
                    "Tom Baker/Reuters",
                ),
                (
                    Some("A sailor climbs the rigging of the Morning Star."),
                    "Lisa Grant",
                ),
            ],
            paragraphs: &[
                "After a two-year break, tall ships and thousands of visitors filled the old harbour at the weekend.",
                "The festival drew an estimated 80,000 visitors over three days, the organisers said on Sunday, more than in any year before the break.",
                "Children watch the fireworks over the water on Saturday night, the highlight of the festival for many families who came from across the region.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_paywalled_teaser_keeps_what_is_shown_and_drops_the_offer() {
    check(
        "de_paywall",
        include_str!("dumps/de_paywall.txt"),
        &Expected {
            title: Some("Wie die Stadtwerke ihre Preise berechnen"),
            description: Some("Strom und Gas werden zum Jahreswechsel teurer. Ein Blick in die Kalkulation des Versorgers zeigt, welche Kosten den größten Anteil haben und wo die Stadt mitverdient."),
            date: Some("2023-12-02"),
            authors: &["Jonas Keller"],
            paragraphs: &[
                "Strom und Gas werden zum Jahreswechsel teurer. Ein Blick in die Kalkulation des Versorgers zeigt, welche Kosten den größten Anteil haben und wo die Stadt mitverdient.",
                "Wer in diesen Tagen Post von den Stadtwerken bekommt, muss mit deutlich höheren Abschlägen rechnen. Der Versorger begründet die Erhöhung mit gestiegenen Einkaufspreisen und höheren Netzentgelten.",
            ],
            ..NONE
        },
    );
}

#[test]
fn windows_line_ends_are_read_like_unix_ones() {
    let dump = include_str!("dumps/de_crlf.txt");
    assert!(dump.contains("\r\n"), "the fixture has Windows line ends");
    let expected = Expected {
        title: Some("Gemeinderat beschließt neuen Radweg"),
        paragraphs: &[
            "Der Gemeinderat hat am Dienstagabend mit großer Mehrheit den Bau eines Radwegs zwischen dem Ortskern und dem Bahnhof beschlossen, der im kommenden Frühjahr fertig werden soll.",
            "Die Kosten von rund 400.000 Euro trägt zu einem großen Teil das Land, das den Ausbau sicherer Schulwege fördert. Der Bürgermeister sprach von einem guten Tag für die Gemeinde.",
            "Nur zwei Räte stimmten dagegen. Sie hatten vorgeschlagen, zuerst die Straßenbeleuchtung entlang der Strecke zu erneuern.",
        ],
        ..NONE
    };
    check("de_crlf", dump, &expected);
    check("de_crlf as LF", &dump.replace("\r\n", "\n"), &expected);
}

#[test]
fn a_dump_holding_only_the_article_keeps_everything() {
    let dump = include_str!("dumps/en_only_article.txt");
    let paragraphs: Vec<&str> = dump.trim().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3);
    let got = run(dump, InputKind::Text);
    assert_eq!(got.text, dump.trim());
    // Without blank lines, too.
    let got = run(&dump.replace("\n\n", "\n"), InputKind::Text);
    assert_eq!(got.text, paragraphs.join("\n\n"));
}

#[test]
fn script_leftovers_and_a_notice_at_every_embed_are_dropped() {
    check(
        "de_script_leftovers",
        include_str!("dumps/de_script_leftovers.txt"),
        &Expected {
            title: Some("Neue Schwimmhalle öffnet im Herbst"),
            paragraphs: &[
                "Nach drei Jahren Bauzeit soll das neue Hallenbad im Oktober seine Türen öffnen, teilte die Stadtverwaltung am Mittwoch mit.",
                "Das Becken ist 25 Meter lang und hat sechs Bahnen. Außerdem gibt es ein Lehrschwimmbecken mit Hubboden, in dem Kinder das Schwimmen lernen können.",
                "Die Eintrittspreise sollen im September bekannt gegeben werden. Vereine und Schulen erhalten nach Angaben der Stadt feste Zeiten am Vormittag.",
            ],
            ..NONE
        },
    );
}

#[test]
fn english_agency_copy_credits_the_agency_and_drops_the_standards_line() {
    check(
        "en_agency_reuters",
        include_str!("dumps/en_agency_reuters.txt"),
        &Expected {
            title: Some("Central bank holds rates steady, signals cuts later in year"),
            agencies: &["Reuters"],
            paragraphs: &[
                "WASHINGTON (Reuters) - The central bank kept interest rates unchanged on Wednesday but signalled that it still expects to lower borrowing costs before the end of the year as inflation continues to ease.",
                "Policymakers voted unanimously to hold the benchmark rate in its current range, a decision widely expected by financial markets after a run of mixed economic data.",
                "\"We are not yet confident enough to begin easing,\" the chair told reporters after the two-day meeting, adding that the labour market remained strong.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_german_opinion_piece_ends_before_share_bar_and_comments() {
    check(
        "de_kommentar",
        include_str!("dumps/de_kommentar.txt"),
        &Expected {
            title: Some("Kommentar: Die Schuldenbremse braucht eine Reform"),
            description: Some("Wer heute nicht investiert, hinterlässt den Kindern marode Brücken statt solider Finanzen."),
            authors: &["Clara Hoffmann"],
            paragraphs: &[
                "Wer heute nicht investiert, hinterlässt den Kindern marode Brücken statt solider Finanzen.",
                "Die Schuldenbremse war in guten Zeiten ein sinnvolles Versprechen: Der Staat gibt nicht mehr aus, als er einnimmt. Doch ein Land, das seine Schulen verfallen lässt, spart nicht, es verschiebt die Kosten nur auf später.",
                "Eine Reform müsste Investitionen von laufenden Ausgaben trennen. Wer eine Brücke baut, schafft Werte für Jahrzehnte, und es ist nur fair, wenn auch spätere Generationen einen Teil der Rechnung tragen.",
                "Andere Länder zeigen, dass das geht. Dort gelten für Investitionen eigene Regeln, und die Haushalte sind trotzdem solide geblieben, wie die Zahlen der vergangenen zehn Jahre belegen.",
                "Die Regierung sollte den Mut haben, diese Debatte jetzt zu führen, statt sie bis nach der nächsten Wahl aufzuschieben.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_very_long_line_is_one_paragraph() {
    let dump = include_str!("dumps/en_long_lines.txt");
    let long = dump.lines().nth(3).unwrap_or_default();
    assert!(long.len() > 2000, "the fixture has a long line");
    check(
        "en_long_lines",
        dump,
        &Expected {
            title: Some("Dam report finds years of neglect"),
            paragraphs: &[
                long,
                "The operator said it would study the findings carefully and respond within the month.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_dated_teaser_list_after_the_article_is_dropped() {
    check(
        "de_teaserliste",
        include_str!("dumps/de_teaserliste.txt"),
        &Expected {
            title: Some("Neuer Wanderweg am Stausee eröffnet"),
            paragraphs: &[
                "Der zwölf Kilometer lange Rundweg führt einmal um den gesamten Stausee und ist ab sofort ausgeschildert. Wanderer finden unterwegs drei Rastplätze und eine Aussichtsplattform über dem Wasser.",
                "Der Weg wurde in zwei Jahren von Ehrenamtlichen des Heimatvereins angelegt, die Gemeinde übernahm die Kosten für die Beschilderung und die Bänke entlang der Strecke.",
                "Am Sonntag lädt der Verein zu einer ersten geführten Wanderung ein. Treffpunkt ist um zehn Uhr am Parkplatz an der Staumauer, eine Anmeldung ist nicht nötig.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_blog_post_ends_at_its_tags() {
    check(
        "en_tags_related",
        include_str!("dumps/en_tags_related.txt"),
        &Expected {
            title: Some("How to repot a fiddle leaf fig without killing it"),
            date: Some("2022-05-02"),
            authors: &["Mark Evans"],
            paragraphs: &[
                "Fiddle leaf figs hate being moved, so the best time to repot one is in spring, when the plant is growing and can recover quickly from the shock.",
                "Choose a pot only a few centimetres wider than the old one, with good drainage holes, and use a chunky, well-draining mix rather than ordinary garden soil.",
                "If the roots are circling the bottom of the old pot, tease them apart with your fingers and trim any that are dark and mushy, because those will only rot in the new soil.",
                "Water the plant a day before you repot it, loosen the roots gently and keep it out of direct sun for a week afterwards while it settles in.",
            ],
            ..NONE
        },
    );
}

#[test]
fn a_copy_button_line_before_a_command_does_not_end_the_article() {
    check(
        "de_kopieren",
        include_str!("dumps/de_kopieren.txt"),
        &Expected {
            title: Some("So richten Sie eine Datensicherung mit rsync ein"),
            paragraphs: &[
                "Wer seine Daten regelmäßig sichern will, braucht dafür keine teure Software. Das Werkzeug rsync ist auf fast jedem Linux-System schon installiert und kopiert nur, was sich seit dem letzten Lauf geändert hat.",
                "Zuerst legen Sie auf der externen Festplatte einen Ordner für die Sicherung an. Dann genügt ein einziger Befehl, um das Home-Verzeichnis dorthin zu spiegeln:",
                "rsync -av --delete ~/ /media/backup/home/",
                "Die Option -a übernimmt Rechte und Zeitstempel, -v zeigt jede kopierte Datei an, und --delete entfernt in der Sicherung, was Sie zu Hause gelöscht haben. Wer das nicht möchte, lässt die Option einfach weg.",
                "Damit die Sicherung jede Nacht von selbst läuft, tragen Sie den Befehl in die Crontab ein. Öffnen Sie sie mit crontab -e und fügen Sie eine Zeile hinzu, die den Befehl um zwei Uhr startet.",
                "Prüfen Sie ab und zu, ob sich die Dateien aus der Sicherung auch wirklich zurückholen lassen. Eine Sicherung, die niemand getestet hat, ist keine.",
            ],
            ..NONE
        },
    );
}

/// A German news page saved from its body (no title line, issue 13): a skip link and a
/// menu, an image caption with its credit line, an "Update" label over the headline, the
/// teaser, an empty "Stand:" line, a note printed twice, consent notices for two embeds, a
/// second credited image, an agency credit and a link back to the front page.
#[test]
fn a_german_body_only_dump_finds_its_headline_and_drops_the_notices() {
    check(
        "de_body_only",
        include_str!("dumps/de_body_only.txt"),
        &Expected {
            title: Some("Streit um die Agrarhilfen spitzt sich zu"),
            description: Some("Die Bundesregierung will die Kürzungen beim Agrardiesel nur teilweise zurücknehmen. Die Bauernverbände kündigen neue Proteste an."),
            agencies: &["AFP", "dpa"],
            images: &[
                (
                    Some("Der Minister bei seiner Ankunft in Brüssel am Dienstag."),
                    "dpa/Michael Kappeler",
                ),
                (
                    Some("Landwirte protestieren mit ihren Traktoren vor dem Kanzleramt."),
                    "Kay Nietfeld/dpa",
                ),
            ],
            paragraphs: &[
                "Die Bundesregierung will die Kürzungen beim Agrardiesel nur teilweise zurücknehmen. Die Bauernverbände kündigen neue Proteste an.",
                "Nach wochenlangen Protesten der Landwirte hat die Bundesregierung am Dienstag einen Kompromiss vorgelegt, der die geplanten Kürzungen zeitlich streckt, aber nicht aufhebt.",
                "Der Bauernverband nannte den Vorschlag unzureichend. Sein Präsident sagte, die Betriebe brauchten Planungssicherheit und keine Rechenspiele, die am Ende doch zulasten der Höfe gingen.",
                "Auch in der Koalition regt sich Widerstand. Mehrere Abgeordnete verlangten, die Belastungen für kleine Betriebe stärker abzufedern, als es der Entwurf bisher vorsieht.",
                "Die Opposition wirft der Regierung vor, die Landwirte zu lange hingehalten zu haben. Eine Entscheidung im Bundestag wird für Ende des Monats erwartet.",
            ],
            ..NONE
        },
    );
}

/// The English counterpart: skip link, menu, a "Live" label, headline, teaser, dateline,
/// a caption with its "Photo:" credit line inside the body (a picture agency, not the
/// text's), an embed's consent notice, a note printed twice and a link back to the front
/// page.
#[test]
fn an_english_body_only_dump_finds_its_headline_and_drops_the_notices() {
    check(
        "en_body_only",
        include_str!("dumps/en_body_only.txt"),
        &Expected {
            title: Some("Storm batters the west coast as thousands lose power"),
            description: Some("Tens of thousands of homes were without electricity on Sunday after gales of up to 90 miles per hour swept across the coast."),
            date: Some("2024-03-10"),
            images: &[(
                Some("Rescuers help a resident out of a flooded street in the harbour district."),
                "Jane Smith/Reuters",
            )],
            paragraphs: &[
                "Tens of thousands of homes were without electricity on Sunday after gales of up to 90 miles per hour swept across the coast.",
                "Emergency crews worked through the night to clear fallen trees from railway lines and roads, the network operator said on Sunday morning.",
                "The operator said most homes should be reconnected by Monday evening, but warned that some remote villages could wait until the middle of the week.",
                "Forecasters expect the wind to ease on Monday, although further heavy rain is likely across higher ground, where the soil is already saturated.",
                "Residents in low-lying areas were advised to keep sandbags ready and to follow the advice of the local authorities over the coming days.",
            ],
            ..NONE
        },
    );
}

/// A blog saved from its body: the site's name and a menu open it, a breadcrumb ends in
/// the headline, a byline, a dateline and a comment count stand under it. (The comment
/// count, which repeats the headline, stays in the text: dropping such lines cost text F1.)
#[test]
fn an_english_blog_dump_without_title_line_finds_its_headline() {
    let got = run(include_str!("dumps/en_blog_body_only.txt"), InputKind::Text);
    assert_eq!(
        got.title.as_deref(),
        Some("Restoring an old oak chest of drawers")
    );
    assert!(got.text.contains("Last winter a neighbour"), "{}", got.text);
}

#[test]
fn a_german_blog_dump_without_title_line_finds_its_headline() {
    let got = run(include_str!("dumps/de_blog_body_only.txt"), InputKind::Text);
    assert_eq!(got.title.as_deref(), Some("Tomaten auf dem Balkon ziehen"));
    assert!(got.text.contains("Wer keinen Garten hat"), "{}", got.text);
}
