//! A small HTTP server on 127.0.0.1 for the tests that fetch: a std `TcpListener` on a
//! thread of its own, answering canned pages; it records the requests it saw.
//!
//! Each test file that fetches includes it (`mod common;`) and uses only part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// The article page the server hands out, in ISO-8859-1 (its header says so).
pub const PAGE_LATIN1: &[u8] = b"<html><head><title>Der Stadtrat tagt</title></head><body><article><h1>Der Stadtrat tagt</h1><p>Der Stadtrat hat am Montag \xFCber die neue Br\xFCcke beraten und nach langer Debatte beschlossen, dass sie im kommenden Fr\xFChjahr gebaut wird.</p><p>Die B\xFCrgermeisterin sagte, die Stadt habe lange genug auf diese Verbindung gewartet, und die Kosten seien im Haushalt bereits eingeplant.</p></article></body></html>";

/// A running server: its base URL and the request heads it has seen.
pub struct Server {
    pub base: String,
    pub requests: Arc<Mutex<Vec<String>>>,
}

/// Starts the server; it lives until the test process ends.
pub fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = String::new();
            let mut reader = BufReader::new(&mut stream);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            if let Ok(mut seen) = seen.lock() {
                seen.push(head);
            }
            let _ = stream.write_all(&respond(&path));
        }
    });
    Server { base, requests }
}

fn respond(path: &str) -> Vec<u8> {
    let reply = |status: &str, headers: &str, body: &[u8]| {
        let mut out = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    };
    match path {
        "/news/stadtrat.html" => reply(
            "200 OK",
            "Content-Type: text/html; charset=ISO-8859-1\r\n",
            PAGE_LATIN1,
        ),
        "/old-link" => reply(
            "301 Moved Permanently",
            "Location: /news/stadtrat.html\r\n",
            b"",
        ),
        "/loop" => reply("302 Found", "Location: /loop\r\n", b""),
        "/gzip.html" => {
            use flate2::write::GzEncoder;
            let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
            let _ = enc.write_all(PAGE_LATIN1);
            let body = enc.finish().unwrap_or_default();
            reply(
                "200 OK",
                "Content-Type: text/html; charset=windows-1252\r\nContent-Encoding: gzip\r\n",
                &body,
            )
        }
        "/report.pdf" => reply(
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
        ),
        _ => reply("404 Not Found", "Content-Type: text/plain\r\n", b"not here"),
    }
}
