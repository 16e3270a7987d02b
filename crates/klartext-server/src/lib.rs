//! klartext over HTTP: `POST /v1/extract`, `POST /v1/extract/batch`, `POST /v1/explain`,
//! `GET /healthz`, `GET /metrics`, `GET /openapi.json`, and at `/` a page that shows what
//! klartext keeps and drops and who said what.
//!
//! The async threads only move bytes: every extraction runs on tokio's blocking pool,
//! at most [`Config::workers`] at a time (a semaphore). The service fetches no URLs (a
//! `url` in a request is only used to resolve links) and listens on loopback unless told
//! otherwise.

mod api;
pub mod config;
pub mod error;
pub mod metrics;
mod page;
pub mod request;

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use tokio::sync::Semaphore;

pub use config::Config;
pub use error::ApiError;

/// The OpenAPI description of the routes, served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    workers: Arc<Semaphore>,
    metrics: metrics::Metrics,
}

impl AppState {
    pub fn new(config: Config) -> Self {
        let workers = Arc::new(Semaphore::new(config.workers.max(1)));
        AppState {
            inner: Arc::new(Inner {
                config,
                workers,
                metrics: metrics::Metrics::default(),
            }),
        }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    fn metrics(&self) -> &metrics::Metrics {
        &self.inner.metrics
    }

    /// Extractions running now.
    fn busy(&self) -> usize {
        let workers = self.inner.config.workers.max(1);
        workers.saturating_sub(self.inner.workers.available_permits())
    }
}

/// The service's routes over `state`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/healthz", get(api::healthz))
        .route("/metrics", get(api::metrics))
        .route("/openapi.json", get(api::openapi))
        .route("/v1/extract", post(api::extract))
        .route("/v1/extract/batch", post(api::batch))
        .route("/v1/explain", post(api::explain))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), record))
        .with_state(state)
}

/// Counts every request by route and status and times it (to the response head).
async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    state.metrics().record(&route, status, started.elapsed());
    response
}

/// Serves on `config.addr` until SIGTERM or Ctrl-C, then stops accepting, lets the
/// requests in flight finish, and returns.
pub async fn serve(config: Config) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    eprintln!(
        "klartext: serving on http://{} ({} workers, bodies up to {} bytes, {:?} per request)",
        listener.local_addr()?,
        config.workers,
        config.max_body,
        config.timeout
    );
    serve_on(listener, config, shutdown_signal()).await
}

/// As [`serve`], on a bound listener, stopping when `shutdown` completes (tests).
///
/// Each connection is served by hyper's HTTP/1 server with a header read timeout of
/// `config.timeout`, so a client that sends its headers byte by byte (slowloris) is cut
/// off; body reads are bounded by the handlers.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let header_timeout = config.timeout;
    let app = router(AppState::new(config));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(err) => {
                    // Out of file descriptors and the like: wait a moment, go on.
                    eprintln!("klartext: accept: {err}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(header_timeout)
            .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C (SIGINT).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    eprintln!("klartext: shutting down, finishing the requests in flight");
}
