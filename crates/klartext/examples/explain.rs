//! Prints every block of a page with the verdict on it: `+` kept, `-` dropped, and why.
//!
//! `cargo run --release -p klartext --example explain -- PAGE.html [CHARSET]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: explain PAGE.html [CHARSET]")?;
    let bytes = std::fs::read(path)?;
    let options = klartext::Options {
        charset: args.get(2).cloned(),
        ..Default::default()
    };
    for r in klartext::explain::explain(&bytes, &options)? {
        let mark = if r.reason.keeps() { '+' } else { '-' };
        let region = if r.in_main_region { 'M' } else { ' ' };
        let text: String = r
            .text
            .chars()
            .take(110)
            .collect::<String>()
            .replace('\n', " ⏎ ");
        let furniture = r
            .furniture_container
            .map(|f| format!(" [in {}]", f.chars().take(40).collect::<String>()))
            .unwrap_or_default();
        println!(
            "{mark}{region} {:<19} ld={:.2} {:<28} {text}{furniture}",
            r.reason.as_str(),
            r.link_density,
            r.owner.chars().take(28).collect::<String>()
        );
    }
    Ok(())
}
