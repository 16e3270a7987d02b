//! The errors a client sees: an HTTP status and a JSON body
//! `{"error": {"code": "...", "message": "..."}}`. Every failure of the service goes out as
//! one of these; nothing panics towards the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A failed request: the status, a stable machine-readable code and a message for people.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400: the request cannot be read.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 415: a body type or charset the service does not take.
    pub fn unsupported_type(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            message,
        )
    }

    /// 413: the body is larger than `--max-body`.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the body exceeds the limit of {limit} bytes"),
        )
    }

    /// 504: extraction did not finish within `--timeout`.
    pub fn extraction_timeout(budget: std::time::Duration) -> Self {
        Self::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!("extraction did not finish within {budget:?}"),
        )
    }

    /// 408: the client did not send its body within `--timeout`.
    pub fn request_timeout(budget: std::time::Duration) -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            format!("the body did not arrive within {budget:?}"),
        )
    }

    /// 500: a bug (a panicked or cancelled worker); the message says no more than that.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// The JSON body of this error.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({"error": {"code": self.code, "message": self.message}})
    }
}

/// The library's refusals: too large 413, unknown charset 415, a timeout 504, not text 422.
impl From<klartext::Error> for ApiError {
    fn from(err: klartext::Error) -> Self {
        use klartext::Error as E;
        let message = err.to_string();
        match err {
            E::TooLarge { limit, .. } => Self::too_large(limit),
            E::UnknownCharset(_) => Self::unsupported_type(message),
            E::Timeout(budget) => Self::extraction_timeout(budget),
            E::NotText(_) => Self::new(StatusCode::UNPROCESSABLE_ENTITY, "not_text", message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}
