#!/usr/bin/env bash
# The Python module's tests, as CI runs them (called from .ci/run):
#   1. a venv in target/py-venv with maturin, pytest, pyspark and warcio from PyPI (pip's cache in
#      target/pip-cache, so a second run downloads nothing: pyspark alone is ~400 MB);
#   2. clippy on the pyo3 bindings (the 'python' feature, which `cargo clippy --workspace`
#      leaves off so that it needs no Python);
#   3. `pip install .` from the repository root, with the dev profile for a quick build
#      (a user's `pip install .` builds the release profile);
#   4. pytest on crates/klartext-py/tests (the PySpark test runs Spark in local[2] mode and
#      needs Java 17+).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
venv=$root/target/py-venv
export PIP_CACHE_DIR=$root/target/pip-cache PIP_DISABLE_PIP_VERSION_CHECK=1

# Debian's python3 needs python3-venv for venvs, PySpark needs Java: installed when missing.
apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    fi
}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { rm -rf "$venv"; apt_install python3-venv && python3 -m venv "$venv"; }
fi
if ! command -v java >/dev/null && [ -z "${JAVA_HOME:-}" ]; then
    apt_install default-jre-headless || echo "ci.sh: no Java: the PySpark tests will be skipped" >&2
fi
"$venv/bin/pip" install -q "maturin>=1.9.4,<2" "pytest>=7" "pyspark>=3.4" "warcio>=1.7"

PYO3_PYTHON=$venv/bin/python cargo clippy -p klartext-py --features python --all-targets -- -D warnings

PATH=$venv/bin:$PATH MATURIN_PEP517_ARGS="--profile dev" \
    "$venv/bin/pip" install -q --no-build-isolation --force-reinstall --no-deps .

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
status=0
"$venv/bin/python" -m pytest -q -p no:cacheprovider crates/klartext-py/tests || status=$?
if [ "$status" -eq 5 ]; then
    echo "crates/klartext-py/ci.sh: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
