//! The service's settings and the readers of their command-line spellings ("10MB", "10s").

use std::net::SocketAddr;
use std::time::Duration;

/// How the service runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; loopback unless the operator says otherwise.
    pub addr: SocketAddr,
    /// Extractions running at once (the rest wait for a slot).
    pub workers: usize,
    /// Largest request body in bytes; larger ones get 413.
    pub max_body: usize,
    /// Budget for reading a body (past it 408) and for each extraction (past it 504).
    pub timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_body: 10 * 1000 * 1000,
            timeout: Duration::from_secs(10),
        }
    }
}

/// Splits "1.5 kB" into its number and its unit (trimmed, possibly empty); `expected`
/// names the form in the error.
fn number_and_unit<'a>(value: &'a str, expected: &str) -> Result<(f64, &'a str), String> {
    let v = value.trim();
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (number, unit) = v.split_at(split);
    let number = number
        .parse()
        .map_err(|_| format!("expected {expected}, not {value:?}"))?;
    Ok((number, unit.trim()))
}

/// Reads a size: a number with an optional unit, decimal (kB, MB, GB) or binary
/// (KiB, MiB, GiB); "B" or nothing means bytes. Case-insensitive.
pub fn parse_size(value: &str) -> Result<usize, String> {
    let (number, unit) = number_and_unit(value, "a size like 10MB")?;
    let factor: f64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(format!(
                "unknown size unit {other:?} (B, kB, MB, GB, KiB, MiB, GiB)"
            ))
        }
    };
    let bytes = number * factor;
    if !(1.0..=(u32::MAX as f64) * 16.0).contains(&bytes) {
        return Err(format!("size out of range: {value:?}"));
    }
    Ok(bytes as usize)
}

/// Reads a duration: a number with a unit ms, s, m (or none: seconds).
pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let (number, unit) = number_and_unit(value, "a duration like 10s")?;
    let secs = match unit {
        "ms" => number / 1000.0,
        "" | "s" => number,
        "m" | "min" => number * 60.0,
        other => return Err(format!("unknown duration unit {other:?} (ms, s, m)")),
    };
    if !(0.001..=86_400.0).contains(&secs) {
        return Err(format!("duration out of range: {value:?}"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("1.5 kB"), Ok(1500));
        assert_eq!(parse_size("2MiB"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("0").is_err());
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("1h").is_err());
    }
}
