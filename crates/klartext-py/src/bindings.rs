//! The pyo3 glue: `klartext._native`, re-exported by the `klartext` package.
//!
//! Arguments are checked here (a bad name raises `ValueError`, a bad type `TypeError`)
//! before any work; the extraction itself runs with the GIL released, so other Python
//! threads go on, and `extract_many` spreads the documents over a rayon pool.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};

use crate::batch::{extract_all, extract_one, Document, Failure, Output};
use crate::settings::{parse_reference_time, Request};

create_exception!(
    klartext,
    KlartextError,
    PyException,
    "Base class of the errors klartext raises for a document."
);
create_exception!(
    klartext,
    TooLarge,
    KlartextError,
    "The document is larger than klartext's input limit (64 MiB)."
);
create_exception!(
    klartext,
    ExtractError,
    KlartextError,
    "The document could not be extracted (the message says why)."
);

/// The exception for one failed document; `prefix` names it in a batch.
fn failure_to_err(failure: &Failure, prefix: &str) -> PyErr {
    let message = format!("{prefix}{}", failure.message());
    match failure {
        Failure::TooLarge(_) => TooLarge::new_err(message),
        Failure::Extract(_) => ExtractError::new_err(message),
    }
}

/// A successful result as a Python object: a dict for `format="dict"`, else a str.
fn output_to_py(py: Python<'_>, output: &Output) -> PyResult<Py<PyAny>> {
    match output {
        Output::Article(article) => Ok(pythonize::pythonize(py, article.as_ref())?.unbind()),
        Output::Str(s) => Ok(PyString::new(py, s).into_any().unbind()),
    }
}

/// Reads one document: `str` (already decoded: read as UTF-8), `bytes` or `bytearray`
/// (decoded as a browser would); with `allow_pair`, also an `(html, url)` tuple.
fn to_document(item: &Bound<'_, PyAny>, allow_pair: bool) -> PyResult<Document> {
    if let Ok(bytes) = item.cast::<PyBytes>() {
        return Ok(Document {
            bytes: bytes.as_bytes().to_vec(),
            ..Document::default()
        });
    }
    if let Ok(array) = item.cast::<PyByteArray>() {
        return Ok(Document {
            bytes: array.to_vec(),
            ..Document::default()
        });
    }
    if item.is_instance_of::<PyString>() {
        let text: String = item.extract()?;
        return Ok(Document {
            bytes: text.into_bytes(),
            url: None,
            charset: Some("utf-8".to_string()),
        });
    }
    if allow_pair {
        if let Ok(pair) = item.cast::<PyTuple>() {
            if pair.len() == 2 {
                let mut doc = to_document(&pair.get_item(0)?, false)?;
                doc.url = pair.get_item(1)?.extract()?;
                return Ok(doc);
            }
        }
    }
    let kind = item.get_type().name()?;
    let wanted = if allow_pair {
        "str, bytes or an (html, url) tuple"
    } else {
        "str or bytes"
    };
    Err(PyTypeError::new_err(format!(
        "expected {wanted}, got {kind}"
    )))
}

/// The reference time as seconds since 1970: an int or float, a `datetime` (its
/// `timestamp()`: a naive one is local time, as in Python), or a str as the CLI reads it.
fn reference_seconds(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<i64>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyString>() {
        let text: String = value.extract()?;
        return parse_reference_time(&text)
            .map(Some)
            .map_err(PyValueError::new_err);
    }
    if let Ok(secs) = value.extract::<i64>() {
        return Ok(Some(secs));
    }
    if let Ok(secs) = value.extract::<f64>() {
        return Ok(Some(secs.floor() as i64));
    }
    if value.hasattr("timestamp")? {
        let secs: f64 = value.call_method0("timestamp")?.extract()?;
        return Ok(Some(secs.floor() as i64));
    }
    let kind = value.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "reference_time must be seconds, a datetime or a date string, got {kind}"
    )))
}

/// Checks the shared keyword arguments of `extract` and `extract_many`.
fn request(
    url: Option<String>,
    input: &str,
    reference_time: Option<&Bound<'_, PyAny>>,
    format: &str,
    charset: Option<String>,
    markdown: bool,
) -> PyResult<Request> {
    let seconds = reference_seconds(reference_time)?;
    Request::new(input, format, url, charset, seconds, markdown).map_err(PyValueError::new_err)
}

/// Extracts the article from one page (see `klartext.extract` for the arguments).
#[pyfunction]
#[pyo3(signature = (html, *, url=None, input="auto", reference_time=None, format="dict", charset=None, markdown=false))]
#[allow(clippy::too_many_arguments)]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    url: Option<String>,
    input: &str,
    reference_time: Option<&Bound<'_, PyAny>>,
    format: &str,
    charset: Option<String>,
    markdown: bool,
) -> PyResult<Py<PyAny>> {
    let request = request(url, input, reference_time, format, charset, markdown)?;
    let doc = to_document(html, false)?;
    let result = py.detach(|| extract_one(&doc, &request));
    match result {
        Ok(output) => output_to_py(py, &output),
        Err(failure) => Err(failure_to_err(&failure, "")),
    }
}

/// Extracts many pages in parallel (see `klartext.extract_many` for the arguments).
#[pyfunction]
#[pyo3(signature = (documents, *, threads=None, url=None, input="auto", reference_time=None, format="dict", charset=None, markdown=false, errors="raise"))]
#[allow(clippy::too_many_arguments)]
fn extract_many(
    py: Python<'_>,
    documents: &Bound<'_, PyAny>,
    threads: Option<usize>,
    url: Option<String>,
    input: &str,
    reference_time: Option<&Bound<'_, PyAny>>,
    format: &str,
    charset: Option<String>,
    markdown: bool,
    errors: &str,
) -> PyResult<Py<PyList>> {
    let raise = match errors {
        "raise" => true,
        "return" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"return\", not {other:?}"
            )))
        }
    };
    let request = request(url, input, reference_time, format, charset, markdown)?;
    let mut docs = Vec::new();
    for item in documents.try_iter()? {
        docs.push(to_document(&item?, true)?);
    }
    let results = py
        .detach(|| extract_all(&docs, &request, threads))
        .map_err(PyValueError::new_err)?;
    let list = PyList::empty(py);
    for (i, result) in results.iter().enumerate() {
        match result {
            Ok(output) => list.append(output_to_py(py, output)?)?,
            Err(failure) if raise => {
                return Err(failure_to_err(failure, &format!("document {i}: ")))
            }
            Err(failure) => list.append(failure_to_err(failure, "").into_value(py))?,
        }
    }
    Ok(list.unbind())
}

/// The native part of the klartext package; use it through `import klartext`.
#[pymodule(name = "_native")]
mod native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{extract, extract_many, ExtractError, KlartextError, TooLarge};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
