//! The JSON routes: reading bodies within the size and time limits, running extraction on
//! the blocking pool under the worker semaphore, and answering in JSON (or NDJSON).

use std::convert::Infallible;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http_body_util::BodyExt;
use serde::Serialize;

use crate::error::ApiError;
use crate::request::{self, BodyType, Job};
use crate::AppState;

/// `GET /healthz`: the service is up.
pub async fn healthz() -> Response {
    axum::Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")}))
        .into_response()
}

/// `GET /metrics`: Prometheus text.
pub async fn metrics(State(state): State<AppState>) -> Response {
    let text = state.metrics().render(state.busy());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// Any other path: 404 with a JSON body.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

/// `POST /v1/extract`: one document in, the article as JSON out.
pub async fn extract(State(state): State<AppState>, request: Request) -> Response {
    let deadline = Instant::now() + state.config().timeout;
    let result = async {
        let (job, _) = read_job(&state, request, deadline).await?;
        run_job(&state, job, deadline).await
    }
    .await;
    match result {
        Ok(json) => json_response(json),
        Err(err) => err.into_response(),
    }
}

/// `POST /v1/explain`: as `/v1/extract`, and every block with the verdict on it.
pub async fn explain(State(state): State<AppState>, request: Request) -> Response {
    let deadline = Instant::now() + state.config().timeout;
    let result = async {
        let (job, _) = read_job(&state, request, deadline).await?;
        let metrics_state = state.clone();
        let out = blocking(&state, deadline, move || explain_job(&job)).await?;
        metrics_state.metrics().document(out.is_ok());
        out
    }
    .await;
    match result {
        Ok(json) => json_response(json),
        Err(err) => err.into_response(),
    }
}

/// `POST /v1/extract/batch`: NDJSON in (one JSON request a line), NDJSON out in the same
/// order, each line written as soon as it and those before it are done. A line that fails
/// answers `{"index", "id", "error"}`; the others go on. Each line has its own time budget.
pub async fn batch(State(state): State<AppState>, request: Request) -> Response {
    let deadline = Instant::now() + state.config().timeout;
    let content_type = content_type(request.headers());
    let body = match request::body_type(content_type.as_deref()) {
        Ok(BodyType::Ndjson | BodyType::Json) => read_body(&state, request, deadline).await,
        Ok(_) => Err(ApiError::unsupported_type(
            "the batch route takes application/x-ndjson",
        )),
        Err(err) => Err(err),
    };
    let body = match body {
        Ok(body) => body,
        Err(err) => return err.into_response(),
    };
    let lines: Vec<Bytes> = split_lines(&body);
    let workers = state.config().workers.max(1);
    let stream = futures_util::stream::iter(lines.into_iter().enumerate())
        .map(move |(index, line)| batch_line(state.clone(), index, line))
        .buffered(workers)
        .map(Ok::<Bytes, Infallible>);
    (
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response()
}

/// The non-blank lines of an NDJSON body.
fn split_lines(body: &Bytes) -> Vec<Bytes> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in body
        .iter()
        .enumerate()
        .chain(std::iter::once((body.len(), &b'\n')))
    {
        if b == b'\n' {
            let line = body.slice(start..i);
            if !line.iter().all(u8::is_ascii_whitespace) {
                out.push(line);
            }
            start = i + 1;
        }
    }
    out
}

/// One line of a batch, answered as one NDJSON line.
async fn batch_line(state: AppState, index: usize, line: Bytes) -> Bytes {
    let deadline = Instant::now() + state.config().timeout;
    let mut id = None;
    let result = async {
        let job = request::json_job(&line)?;
        id = job.id.clone();
        run_job(&state, job, deadline).await
    }
    .await;
    let mut out = match result {
        Ok(article) => {
            let mut v = format!("{{\"index\":{index},\"id\":").into_bytes();
            v.extend(serde_json::to_vec(&id).unwrap_or_else(|_| b"null".to_vec()));
            v.extend(b",\"article\":");
            v.extend(article);
            v.push(b'}');
            v
        }
        Err(err) => {
            let line = serde_json::json!({"index": index, "id": id, "error": err.body()["error"]});
            serde_json::to_vec(&line).unwrap_or_default()
        }
    };
    out.push(b'\n');
    Bytes::from(out)
}

/// Reads a request into a job: the type from `Content-Type`, the body within the limits.
async fn read_job(
    state: &AppState,
    request: Request,
    deadline: Instant,
) -> Result<(Job, usize), ApiError> {
    let body_type = request::body_type(content_type(request.headers()).as_deref())?;
    let body = read_body(state, request, deadline).await?;
    let mut job = request::job(&body_type, &body)?;
    job.options.limits.max_input_bytes = state.config().max_body;
    job.options.limits.time_budget = Some(state.config().timeout);
    Ok((job, body.len()))
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The whole body, at most `max_body` bytes (else 413), arriving before `deadline` (else 408).
async fn read_body(
    state: &AppState,
    request: Request,
    deadline: Instant,
) -> Result<Bytes, ApiError> {
    let limit = state.config().max_body;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::too_large(limit));
    }
    let limited = http_body_util::Limited::new(request.into_body(), limit);
    let collected = tokio::time::timeout_at(deadline.into(), limited.collect()).await;
    let body = match collected {
        Err(_) => return Err(ApiError::request_timeout(state.config().timeout)),
        Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => {
            return Err(ApiError::too_large(limit))
        }
        Ok(Err(err)) => {
            return Err(ApiError::bad_request(
                "bad_body",
                format!("cannot read the body: {err}"),
            ))
        }
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    state.metrics().add_request_bytes(body.len());
    Ok(body)
}

/// Extracts `job` on the blocking pool and serialises the article there too.
async fn run_job(state: &AppState, mut job: Job, deadline: Instant) -> Result<Vec<u8>, ApiError> {
    job.options.limits.time_budget = Some(remaining(deadline));
    let out = blocking(state, deadline, move || {
        let article = klartext::extract(&job.bytes, &job.options)?;
        serde_json::to_vec(&article)
            .map_err(|e| ApiError::internal(format!("cannot serialise the article: {e}")))
    })
    .await?;
    state.metrics().document(out.is_ok());
    out
}

/// Runs `work` on tokio's blocking pool once a worker slot is free; past `deadline`
/// (waiting for the slot included) the answer is 504. The slot stays taken until the work
/// really ends, so abandoned work still counts against `--workers`.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    deadline: Instant,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let budget = state.config().timeout;
    let slots = state.inner.workers.clone();
    let permit = match tokio::time::timeout_at(deadline.into(), slots.acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) => return Err(ApiError::internal("the worker pool is closed")),
        Err(_) => return Err(ApiError::extraction_timeout(budget)),
    };
    let handle = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    match tokio::time::timeout_at(deadline.into(), handle).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) => Err(ApiError::internal("the extraction failed unexpectedly")),
        Err(_) => Err(ApiError::extraction_timeout(budget)),
    }
}

fn remaining(deadline: Instant) -> Duration {
    deadline
        .saturating_duration_since(Instant::now())
        .max(Duration::from_millis(1))
}

fn json_response(json: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], json).into_response()
}

/// One block of the explain answer.
#[derive(Serialize)]
struct BlockOut<'a> {
    kind: String,
    text: &'a str,
    reason: &'static str,
    kept: bool,
    in_main_region: bool,
    link_density: f32,
    owner: &'a str,
    furniture_container: Option<&'a str>,
}

/// The article and the blocks of `job`, as the JSON of `/v1/explain`.
fn explain_job(job: &Job) -> Result<Vec<u8>, ApiError> {
    let article = klartext::extract(&job.bytes, &job.options)?;
    let blocks = klartext::explain::explain(&job.bytes, &job.options)?;
    let blocks: Vec<BlockOut> = blocks
        .iter()
        .map(|b| BlockOut {
            kind: block_kind(b.kind),
            text: &b.text,
            reason: b.reason.as_str(),
            kept: b.reason.keeps(),
            in_main_region: b.in_main_region,
            link_density: if b.link_density.is_finite() {
                b.link_density
            } else {
                0.0
            },
            owner: &b.owner,
            furniture_container: b.furniture_container.as_deref(),
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({"article": article, "blocks": blocks}))
        .map_err(|e| ApiError::internal(format!("cannot serialise: {e}")))
}

fn block_kind(kind: klartext::blocks::BlockKind) -> String {
    use klartext::blocks::BlockKind as K;
    match kind {
        K::Heading(level) => format!("h{level}"),
        K::Paragraph => "paragraph".into(),
        K::ListItem { .. } => "list-item".into(),
        K::Quote => "quote".into(),
        K::Preformatted => "preformatted".into(),
        K::TableCell => "table-cell".into(),
        K::Caption => "caption".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_lines_skip_blanks() {
        let body = Bytes::from_static(b"{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}");
        let lines = split_lines(&body);
        assert_eq!(lines.len(), 3);
        assert_eq!(&lines[2][..], b"{\"c\":3}");
        assert!(split_lines(&Bytes::new()).is_empty());
    }

    fn state(workers: usize, timeout_ms: u64) -> AppState {
        AppState::new(crate::Config {
            workers,
            timeout: Duration::from_millis(timeout_ms),
            ..crate::Config::default()
        })
    }

    #[tokio::test]
    async fn work_past_the_budget_is_504() {
        let state = state(1, 50);
        let deadline = Instant::now() + Duration::from_millis(50);
        let slow = blocking(&state, deadline, || {
            std::thread::sleep(Duration::from_millis(300))
        });
        let err = slow.await.expect_err("too slow");
        assert_eq!(err.status, StatusCode::GATEWAY_TIMEOUT);
        // The abandoned work still holds the only slot: the next job waits, then 504s too.
        let deadline = Instant::now() + Duration::from_millis(50);
        let err = blocking(&state, deadline, || ())
            .await
            .expect_err("no slot");
        assert_eq!(err.status, StatusCode::GATEWAY_TIMEOUT);
        assert_eq!(state.busy(), 1);
    }

    #[tokio::test]
    async fn a_panicking_worker_is_500() {
        let state = state(2, 1000);
        let deadline = Instant::now() + Duration::from_secs(1);
        let err = blocking(&state, deadline, || -> () { panic!("a bug") })
            .await
            .expect_err("panicked");
        assert_eq!(err.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(err.body()["error"]["code"], "internal");
    }
}
