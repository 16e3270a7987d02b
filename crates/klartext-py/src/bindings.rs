//! The pyo3 glue: `klartext._native`, re-exported by the `klartext` package.
//!
//! Arguments are checked here (a bad name raises `ValueError`, a bad type `TypeError`)
//! before any work; the extraction itself runs with the GIL released, so other Python
//! threads go on, and `extract_many` spreads the documents over a rayon pool.

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString, PyTuple};

use crate::batch::{extract_all, extract_one, Document, Failure, Output};
use crate::settings::{parse_reference_time, Request};
use crate::warc::{Filters, Page, WarcPages};

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

/// A Python binary file object (anything with `read(n)` returning bytes) as a Rust reader.
struct PyReader(Py<PyAny>);

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let data = self
                .0
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(|e| io::Error::other(e.to_string()))?;
            let chunk: Vec<u8> = data
                .extract()
                .map_err(|_| io::Error::other("read() must return bytes"))?;
            if chunk.len() > buf.len() {
                return Err(io::Error::other("read(n) returned more than n bytes"));
            }
            buf[..chunk.len()].copy_from_slice(&chunk);
            Ok(chunk.len())
        })
    }
}

/// The language filter: `"de,en"` or a list of codes.
fn languages(lang: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(lang) = lang.filter(|l| !l.is_none()) else {
        return Ok(Vec::new());
    };
    let codes: Vec<String> = if lang.is_instance_of::<PyString>() {
        let text: String = lang.extract()?;
        text.split(',').map(|c| c.trim().to_string()).collect()
    } else {
        lang.extract().map_err(|_| {
            PyTypeError::new_err("lang must be a str like \"de,en\" or a list of str")
        })?
    };
    Ok(codes.into_iter().filter(|c| !c.is_empty()).collect())
}

struct WarcState {
    pages: WarcPages,
    pending: VecDeque<Page>,
    errors: Vec<String>,
    raise: bool,
}

/// An iterator over the pages of a WARC file, as dicts (see `klartext.iter_warc`).
#[pyclass(name = "WarcReader", module = "klartext")]
struct WarcReader {
    state: Mutex<WarcState>,
}

impl WarcReader {
    fn lock(&self) -> PyResult<std::sync::MutexGuard<'_, WarcState>> {
        self.state
            .try_lock()
            .map_err(|_| PyRuntimeError::new_err("this WarcReader is in use by another thread"))
    }
}

#[pymethods]
impl WarcReader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            let mut state = self.lock()?;
            match state.pending.pop_front() {
                Some(Page::Extracted(value)) => {
                    return Ok(Some(pythonize::pythonize(py, &value)?.unbind()))
                }
                Some(Page::Failed(message)) if state.raise => {
                    return Err(ExtractError::new_err(message))
                }
                Some(Page::Failed(message)) => state.errors.push(message),
                None => {
                    let state = &mut *state;
                    match py.detach(|| state.pages.next_batch()) {
                        Some(batch) => state.pending.extend(batch),
                        None => return Ok(None),
                    }
                }
            }
        }
    }

    /// Records passed over so far, by reason (record type, HTTP status, content type,
    /// language, min_chars, ...).
    #[getter]
    fn skipped(&self) -> PyResult<BTreeMap<String, u64>> {
        Ok(self.lock()?.pages.skipped())
    }

    /// With `errors="skip"`: the records that failed so far, as "PATH: offset N: reason".
    #[getter]
    fn errors(&self) -> PyResult<Vec<String>> {
        Ok(self.lock()?.errors.clone())
    }
}

/// Opens a WARC file for `klartext.iter_warc` (see there for the arguments).
#[pyfunction]
#[pyo3(signature = (source, *, threads=None, input="auto", charset=None, markdown=false, lang=None, min_chars=0, errors="raise"))]
#[allow(clippy::too_many_arguments)]
fn iter_warc(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    threads: Option<usize>,
    input: &str,
    charset: Option<String>,
    markdown: bool,
    lang: Option<&Bound<'_, PyAny>>,
    min_chars: usize,
    errors: &str,
) -> PyResult<WarcReader> {
    let raise = match errors {
        "raise" => true,
        "skip" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"skip\", not {other:?}"
            )))
        }
    };
    let request = Request::new(input, "dict", None, charset, None, markdown)
        .map_err(PyValueError::new_err)?;
    let filters = Filters {
        languages: languages(lang)?,
        min_chars,
    };
    let pages = if source.hasattr("read")? {
        let name = match source.getattr("name") {
            Ok(n) => n.str()?.to_string(),
            Err(_) => "<stream>".to_string(),
        };
        let reader = Box::new(PyReader(source.clone().unbind()));
        py.detach(|| WarcPages::from_reader(reader, name, request.options, filters, threads))
    } else {
        let path: PathBuf = source
            .extract()
            .map_err(|_| PyTypeError::new_err("source must be a path or a binary file object"))?;
        if !path.exists() {
            return Err(PyOSError::new_err(format!(
                "{}: no such file",
                path.display()
            )));
        }
        py.detach(|| WarcPages::open(&path, request.options, filters, threads))
    }
    .map_err(PyOSError::new_err)?;
    Ok(WarcReader {
        state: Mutex::new(WarcState {
            pages,
            pending: VecDeque::new(),
            errors: Vec::new(),
            raise,
        }),
    })
}

/// The native part of the klartext package; use it through `import klartext`.
#[pymodule(name = "_native")]
mod native {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{
        extract, extract_many, iter_warc, ExtractError, KlartextError, TooLarge, WarcReader,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
