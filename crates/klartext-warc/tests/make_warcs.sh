#!/bin/sh
# Builds the test WARCs (see make_warcs.py): makes sure python3 with venv is there
# (apt-get as root when missing), then runs make_warcs.py OUT_DIR VENV_DIR.
set -eu
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
        echo "make_warcs.sh: python3 with venv is missing and apt-get needs root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3 python3-venv
fi
exec python3 "$(dirname "$0")/make_warcs.py" "$@"
