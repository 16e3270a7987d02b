//! `klartext serve`: the HTTP service of the `klartext-server` crate, started from the
//! command line (a tokio runtime around [`klartext_server::serve`]).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

pub const SERVE_HELP: &str = "\
Routes:
  POST /v1/extract        one document: text/html or text/plain (charset honoured) as-is,
                          or JSON {\"html\"|\"text\", \"url\", \"reference_time\", \"format\"}
  POST /v1/extract/batch  NDJSON in (one JSON request a line), NDJSON out, streamed
  POST /v1/explain        the article and every block with the verdict on it
  GET  /healthz, /metrics (Prometheus), /openapi.json, and the page at /

The service fetches no URLs. It listens on loopback unless --addr says otherwise.
SIGTERM or Ctrl-C stops it after the requests in flight are answered.

Examples:
  klartext serve
  klartext serve --addr 0.0.0.0:8080 --workers 4 --max-body 20MB --timeout 30s";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Extractions running at once [default: number of cores].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub workers: Option<u16>,
    /// Largest request body (B, kB, MB, GB, KiB, MiB, GiB); larger ones get 413.
    #[arg(long, value_name = "SIZE", default_value = "10MB", value_parser = klartext_server::config::parse_size)]
    pub max_body: usize,
    /// Time to read a body (past it 408) and to extract each document (past it 504).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = klartext_server::config::parse_duration)]
    pub timeout: Duration,
}

/// Runs the service until SIGTERM or Ctrl-C.
pub fn run(args: ServeArgs) -> ExitCode {
    let defaults = klartext_server::Config::default();
    let config = klartext_server::Config {
        addr: args.addr,
        workers: args.workers.map_or(defaults.workers, usize::from),
        max_body: args.max_body,
        timeout: args.timeout,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.workers.max(1) * 2)
        .build();
    let result = runtime.and_then(|rt| rt.block_on(klartext_server::serve(config)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("klartext: serve on {}: {err}", args.addr);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;

    #[test]
    fn options_parse() {
        let cli = Cli::try_parse_from([
            "klartext",
            "serve",
            "--max-body",
            "1MiB",
            "--timeout",
            "500ms",
            "--workers",
            "3",
        ])
        .expect("parses");
        let Command::Serve(args) = cli.command else {
            panic!("serve parses as serve");
        };
        assert_eq!(args.max_body, 1024 * 1024);
        assert_eq!(args.timeout.as_millis(), 500);
        assert!(args.addr.ip().is_loopback());
        let bad = Cli::try_parse_from(["klartext", "serve", "--max-body", "lots"]);
        assert_eq!(bad.map(|_| ()).map_err(|e| e.exit_code()), Err(2));
    }
}
