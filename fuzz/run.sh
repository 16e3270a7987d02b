#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, one after the other, with a
# corpus under fuzz/corpus/<target> seeded from the test fixtures; installs the nightly
# toolchain and cargo-fuzz first if they are missing. Exit status 1 if a target crashed
# (the input is saved under fuzz/artifacts/<target>/).
#
#   fuzz/run.sh [SECONDS] [TARGET...]      e.g. fuzz/run.sh 1200   or   fuzz/run.sh 60 request
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

# Seeds (read-only; new inputs go to the corpus): the example pages and the test
# fixtures, or a target's own seeds under fuzz/seeds/<target> when it has them (the WARC
# target's inputs are WARC files behind a mode byte, see fuzz_targets/warc.rs).
page_seeds=()
for dir in examples crates/klartext-cli/tests/fixtures/pages crates/klartext-server/tests/fixtures; do
    [ -d "$dir" ] && page_seeds+=("$dir")
done

failed=()
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    seeds=("${page_seeds[@]}")
    [ -d "fuzz/seeds/$target" ] && seeds=("fuzz/seeds/$target")
    dict=()
    case "$target" in parse|extract_html) dict=(-dict=fuzz/html.dict) ;; esac
    echo "== $target: ${seconds}s" >&2
    start=$(date +%s)
    if nice -n 10 cargo +nightly fuzz run "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 "${dict[@]}" -print_final_stats=1 \
        2> "fuzz/$target.log"; then
        echo "== $target: no crash in $(( $(date +%s) - start ))s; $(grep -E '^stat::number_of_executed_units' "fuzz/$target.log" | tail -1)" >&2
    else
        echo "== $target: CRASH or error, see fuzz/$target.log and fuzz/artifacts/$target/" >&2
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
fi
