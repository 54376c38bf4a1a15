#!/usr/bin/env bash
# Seeds each target's corpus from fixtures/ and fuzzes it for $SECONDS_PER_TARGET (default 600).
# Usage: bash fuzz/run.sh [target...]   (needs `cargo install cargo-fuzz` and a nightly toolchain)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-600}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(scan_js scan_html scan_source_map)
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  case $t in
    scan_js) seeds=$(find ../fixtures ../crates/keylint/tests -type f \( -name '*.js' -o -name '*.ts' -o -name '*.tsx' -o -name '*.mjs' \)) ;;
    scan_html) seeds=$(find ../fixtures -type f -name '*.html') ;;
    scan_source_map) seeds=$(find ../fixtures -type f -name '*.map') ;;
  esac
  for s in $seeds; do cp "$s" "corpus/$t/seed-$(basename "$s")"; done
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=262144 2>&1 | tee "$t.log" | grep -E '^(#[0-9]+.*(DONE|pulse)|Done|==[0-9]+==|SUMMARY)' || true
  tail -n 3 "$t.log"
done
