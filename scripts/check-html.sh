#!/usr/bin/env bash
# Renders the HTML report's test fixtures, opens them in headless Chromium and keeps the pages
# and screenshots under target/html-check/. Fails (rather than skips) when Chromium is absent.
# Usage: scripts/check-html.sh            (Debian: apt-get install chromium first)
#        POWREC_CHROMIUM=/path/to/chrome scripts/check-html.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${POWREC_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "check-html: Chromium not found; install it (apt-get install chromium) or set POWREC_CHROMIUM" >&2
  exit 1
fi
export POWREC_REQUIRE_CHROMIUM=1
cargo test --locked --test integration html:: -- --nocapture --test-threads=1
dir="${CARGO_TARGET_DIR:-target}/html-check"
echo "check-html: pages and screenshots in $dir:"
ls -l "$dir"
