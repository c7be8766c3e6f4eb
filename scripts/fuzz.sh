#!/usr/bin/env bash
# Open-ended fuzzing of every target (or those named), each for SECONDS (default 600), two at
# a time on a 2-core machine. Crashes land in fuzz/artifacts/<target>/; new inputs worth
# keeping in target/fuzz-corpus/<target>/ (merge them with -merge_control_file and pick what to
# commit under a byte budget with scripts/fuzz-corpus.py; FUZZING.md has the commands).
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(read_csv read_json read_ndjson read_excel date names agreement)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
cargo fuzz build -s none
for t in "${targets[@]}"; do
  mkdir -p "../target/fuzz-corpus/$t"
  cargo fuzz run -s none "$t" "../target/fuzz-corpus/$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 &
  # Two at a time.
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
done
wait
