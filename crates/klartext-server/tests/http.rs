//! HTTP tests of every route and every error, through the router (no sockets), and one
//! over a real socket for graceful shutdown. Every answer is checked against
//! `/openapi.json`: the route, method and status must be declared there.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use klartext_server::{router, AppState, Config};
use tower::ServiceExt;

const ARTICLE: &str = include_str!("fixtures/article.html");

fn app(config: Config) -> Router {
    router(AppState::new(config))
}

fn default_app() -> Router {
    app(Config::default())
}

/// Sends `request`, checks the answer against the spec, returns status, type and body.
async fn send(app: &Router, request: Request<Body>) -> (StatusCode, String, Bytes) {
    let path = request.uri().path().to_string();
    let method = request.method().as_str().to_ascii_lowercase();
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    assert_declared(&path, &method, status);
    (status, content_type, body)
}

/// The spec declares `status` for `method path` (pages and unknown routes are outside it).
fn assert_declared(path: &str, method: &str, status: StatusCode) {
    if ["/", "/app.js", "/style.css"].contains(&path) || status == StatusCode::NOT_FOUND {
        return;
    }
    let spec: serde_json::Value = serde_json::from_str(klartext_server::OPENAPI).expect("spec");
    let declared = &spec["paths"][path][method]["responses"][status.as_str()];
    assert!(
        !declared.is_null(),
        "{method} {path} answered {status}, which /openapi.json does not declare"
    );
}

fn post(path: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut b = Request::post(path);
    if let Some(t) = content_type {
        b = b.header("content-type", t);
    }
    b.body(body.into()).expect("request")
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("JSON body")
}

/// An error answer: the status and a JSON body with a code and a message.
fn assert_error(status: StatusCode, body: &[u8], expected: StatusCode, code: &str) {
    assert_eq!(status, expected, "{}", String::from_utf8_lossy(body));
    let v = json(body);
    assert_eq!(v["error"]["code"], code, "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn healthz_answers() {
    let (status, ty, body) = send(&default_app(), get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ty.starts_with("application/json"));
    assert_eq!(json(&body)["status"], "ok");
}

#[tokio::test]
async fn extract_raw_html() {
    let req = post("/v1/extract", Some("text/html"), ARTICLE);
    let (status, ty, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ty, "application/json");
    let article = json(&body);
    assert_eq!(article["title"], "Harbour town approves new footbridge");
    assert_eq!(article["quotes"][0]["speaker"], "Anna Berger");
    assert!(article["markdown"].is_null());
}

#[tokio::test]
async fn raw_bodies_honour_the_charset() {
    let line = "Der Rat in Z\u{fc}rich hat am Donnerstag lange beraten, und er hat am Ende mit knapper Mehrheit entschieden.";
    let latin1 = |s: &str| -> Vec<u8> { s.chars().map(|c| c as u32 as u8).collect() };
    let dump = latin1(&format!("Zeitung\n\n{line}\n\n{line}\n"));
    let req = post("/v1/extract", Some("text/plain; charset=iso-8859-1"), dump);
    let (status, _, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(json(&body)["encoding"], "windows-1252 (declared)");
    let page = latin1(&format!(
        "<html><body><article><p>{line}</p><p>{line}</p></article></body></html>"
    ));
    let req = post("/v1/extract", Some("text/html; charset=latin1"), page);
    let (status, _, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK);
    let article = json(&body);
    assert!(
        article["text"]
            .as_str()
            .is_some_and(|t| t.contains("Zürich")),
        "{article}"
    );
}

#[tokio::test]
async fn extract_json_with_options() {
    let request = serde_json::json!({
        "html": ARTICLE,
        "url": "https://example.org/news/bridge",
        "reference_time": "2025-12-01",
        "format": "markdown",
    });
    let req = post("/v1/extract", Some("application/json"), request.to_string());
    let (status, _, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK);
    let article = json(&body);
    assert!(article["markdown"]
        .as_str()
        .is_some_and(|m| m.contains("footbridge")));
    let text = serde_json::json!({"text": "Just one line of text."});
    let req = post("/v1/extract", Some("application/json"), text.to_string());
    assert_eq!(send(&default_app(), req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn bad_json_is_400_with_a_json_body() {
    for bad in [
        "{not json",
        r#"{"html": "a", "text": "b"}"#,
        r#"{"html": 5}"#,
        r#"{"html": "a", "reference_time": "someday"}"#,
    ] {
        let (status, _, body) = send(
            &default_app(),
            post("/v1/extract", Some("application/json"), bad),
        )
        .await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_json");
    }
}

#[tokio::test]
async fn unknown_types_are_415() {
    for ty in [
        Some("image/png"),
        None,
        Some("text/html; charset=no-such-charset"),
    ] {
        let (status, _, body) = send(&default_app(), post("/v1/extract", ty, "x")).await;
        assert_error(
            status,
            &body,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
        );
    }
    let req = post("/v1/extract/batch", Some("text/html"), "x");
    let (status, _, body) = send(&default_app(), req).await;
    assert_error(
        status,
        &body,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_type",
    );
}

fn small_app() -> Router {
    app(Config {
        max_body: 1000,
        timeout: Duration::from_millis(300),
        ..Config::default()
    })
}

#[tokio::test]
async fn bodies_past_the_cap_are_413() {
    let big = "x".repeat(2000);
    // Declared length, and a chunked body that only shows its size while read.
    let (status, _, body) = send(
        &small_app(),
        post("/v1/extract", Some("text/html"), big.clone()),
    )
    .await;
    assert_error(status, &body, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    let chunks = futures_util::stream::iter(
        (0..4).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; 500]))),
    );
    let req = post("/v1/explain", Some("text/plain"), Body::from_stream(chunks));
    let (status, _, body) = send(&small_app(), req).await;
    assert_error(status, &body, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    let req = post("/v1/extract/batch", Some("application/x-ndjson"), big);
    let (status, _, body) = send(&small_app(), req).await;
    assert_error(status, &body, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
}

#[tokio::test]
async fn a_body_that_stalls_is_408() {
    let first = futures_util::stream::iter([Ok::<_, std::io::Error>(Bytes::from_static(b"<p>"))]);
    let stalled = futures_util::StreamExt::chain(first, futures_util::stream::pending());
    let req = post("/v1/extract", Some("text/html"), Body::from_stream(stalled));
    let (status, _, body) = send(&small_app(), req).await;
    assert_error(
        status,
        &body,
        StatusCode::REQUEST_TIMEOUT,
        "request_timeout",
    );
}

#[tokio::test]
async fn batch_streams_one_line_per_document_in_order() {
    let lines = [
        serde_json::json!({"html": ARTICLE, "id": "a"}).to_string(),
        "{broken".to_string(),
        String::new(),
        serde_json::json!({"text": "A short dump.", "id": 7}).to_string(),
    ]
    .join("\n");
    let req = post("/v1/extract/batch", Some("application/x-ndjson"), lines);
    let (status, ty, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ty, "application/x-ndjson");
    let out: Vec<serde_json::Value> = body
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(json)
        .collect();
    assert_eq!(out.len(), 3, "{out:?}");
    assert_eq!(out[0]["id"], "a");
    assert_eq!(
        out[0]["article"]["title"],
        "Harbour town approves new footbridge"
    );
    assert_eq!(out[1]["index"], 1);
    assert_eq!(out[1]["error"]["code"], "bad_json");
    assert_eq!(out[2]["id"], 7);
    assert!(out[2]["article"]["text"].is_string());
}

#[tokio::test]
async fn explain_marks_every_block() {
    let req = post("/v1/explain", Some("text/html; charset=utf-8"), ARTICLE);
    let (status, _, body) = send(&default_app(), req).await;
    assert_eq!(status, StatusCode::OK);
    let v = json(&body);
    assert_eq!(
        v["article"]["title"],
        "Harbour town approves new footbridge"
    );
    let blocks = v["blocks"].as_array().expect("blocks");
    assert!(blocks
        .iter()
        .any(|b| b["kept"] == true && b["reason"].is_string()));
    let footer = blocks
        .iter()
        .find(|b| {
            b["text"]
                .as_str()
                .is_some_and(|t| t.contains("All rights reserved"))
        })
        .expect("the footer is a block");
    assert_eq!(footer["kept"], false);
}

#[tokio::test]
async fn metrics_count_requests_errors_and_bytes() {
    let app = default_app();
    send(&app, post("/v1/extract", Some("text/html"), ARTICLE)).await;
    send(&app, post("/v1/extract", Some("image/png"), "x")).await;
    let (status, ty, body) = send(&app, get("/metrics")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ty.starts_with("text/plain"));
    let text = String::from_utf8_lossy(&body);
    assert!(
        text.contains("klartext_http_requests_total{route=\"/v1/extract\",status=\"200\"} 1"),
        "{text}"
    );
    assert!(text.contains("klartext_http_requests_total{route=\"/v1/extract\",status=\"415\"} 1"));
    assert!(text.contains("klartext_http_errors_total 1"));
    assert!(text.contains("klartext_http_request_duration_seconds_count 2"));
    assert!(text.contains(&format!(
        "klartext_http_request_bytes_total {}",
        ARTICLE.len()
    )));
    assert!(text.contains("klartext_documents_total{outcome=\"ok\"} 1"));
}

#[tokio::test]
async fn openapi_describes_the_routes() {
    let (status, _, body) = send(&default_app(), get("/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    let spec = json(&body);
    let paths = spec["paths"].as_object().expect("paths");
    let app = default_app();
    // Every declared route exists: an empty request gets a declared answer, never 404/405.
    for (path, ops) in paths {
        for method in ops.as_object().expect("operations").keys() {
            let req = Request::builder()
                .method(method.to_ascii_uppercase().as_str())
                .uri(path.as_str())
                .header("content-type", "application/json")
                .body(Body::from("{}"))
                .expect("request");
            let (status, _, _) = send(&app, req).await;
            assert!(
                status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}: {status}"
            );
        }
    }
    assert_eq!(
        paths.len(),
        6,
        "a route was added or removed: update the spec and this test"
    );
}

/// The spec states the forms `reference_time` takes as the server reads them.
#[test]
fn the_spec_states_the_reference_time_forms() {
    let spec: serde_json::Value = serde_json::from_str(klartext_server::OPENAPI).expect("spec");
    let forms =
        &spec["components"]["schemas"]["ExtractRequest"]["properties"]["reference_time"]["oneOf"];
    let range = klartext_server::request::REFERENCE_TIME_RANGE;
    assert_eq!(forms[0]["type"], "integer");
    assert_eq!(forms[0]["minimum"], *range.start());
    assert_eq!(forms[0]["maximum"], *range.end());
    assert_eq!(forms[1]["type"], "string");
    assert_eq!(
        forms[1]["pattern"],
        klartext_server::request::REFERENCE_TIME_PATTERN
    );
}

#[tokio::test]
async fn the_page_and_its_assets() {
    let app = default_app();
    let (status, ty, body) = send(&app, get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ty.starts_with("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("/app.js"));
    let (status, ty, _) = send(&app, get("/app.js")).await;
    assert_eq!(
        (status, ty.starts_with("text/javascript")),
        (StatusCode::OK, true)
    );
    let (status, ty, _) = send(&app, get("/style.css")).await;
    assert_eq!((status, ty.starts_with("text/css")), (StatusCode::OK, true));
}

#[tokio::test]
async fn unknown_routes_are_404_json() {
    let (status, _, body) = send(&default_app(), get("/v2/nothing")).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
}

#[test]
fn binds_loopback_by_default() {
    assert!(Config::default().addr.ip().is_loopback());
}

#[tokio::test]
async fn shutdown_lets_the_request_in_flight_finish() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(klartext_server::serve_on(
        listener,
        Config::default(),
        async {
            let _ = stopped.await;
        },
    ));
    let mut conn = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let body = ARTICLE.as_bytes();
    let head = format!(
        "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).await.expect("write");
    conn.write_all(&body[..100]).await.expect("write");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = stop.send(());
    tokio::time::sleep(Duration::from_millis(100)).await;
    conn.write_all(&body[100..]).await.expect("write the rest");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).await.expect("read");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("footbridge"));
    let done = tokio::time::timeout(Duration::from_secs(5), server).await;
    assert!(
        matches!(done, Ok(Ok(Ok(())))),
        "the server stops after the request"
    );
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections"
    );
}

#[tokio::test]
async fn headers_sent_too_slowly_close_the_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let config = Config {
        timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let server = tokio::spawn(klartext_server::serve_on(
        listener,
        config,
        std::future::pending(),
    ));
    let mut slow = tokio::net::TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHo")
        .await
        .expect("write");
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(3), slow.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server closed the slow connection");
    // Meanwhile and afterwards a prompt client is answered.
    let mut conn = tokio::net::TcpStream::connect(addr).await.expect("connect");
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut ok = String::new();
    conn.read_to_string(&mut ok).await.expect("read");
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");
    server.abort();
}
