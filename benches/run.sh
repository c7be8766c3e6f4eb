#!/usr/bin/env bash
# Times whole runs of the release binary on generated lists and prints a Markdown table for
# BENCHMARKS.md: for each size, synth → reconcile (wall time, peak memory) → evaluate.
#
#   benches/run.sh [SIZE ...]        default sizes: 10000 100000 1000000
#
# Needs GNU time (/usr/bin/time; `apt-get install time`). Generated data goes to
# ${POWREC_BENCH_DIR:-target/bench-data}, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
seed=${POWREC_BENCH_SEED:-42}
dir=${POWREC_BENCH_DIR:-target/bench-data}
bin=target/release/powrec

if [ ! -x /usr/bin/time ]; then
  echo "benches/run.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
cargo build --release --locked --quiet

# Runs a command under GNU time; prints "seconds peak_MiB".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { code=$?; [ $code -le 1 ] || { cat "$log" >&2; exit $code; }; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { kb = $2 }
    END { printf "%.2f %.0f\n", s, kb / 1024 }' "$log"
  rm -f "$log"
}

echo "| people | synth s | reconcile s | peak MiB | match precision | match recall | match F1 | recall match+review |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  out="$dir/$n"
  rm -rf "$out"
  mkdir -p "$out"
  read -r synth_s _ < <(measure "$bin" synth --people "$n" --seed "$seed" --out "$out")
  read -r rec_s rec_mb < <(measure "$bin" reconcile "$out/side-a.csv" "$out/side-b.json" \
    --agreement "$out/agreement.toml" --format json -o "$out/report.json")
  "$bin" evaluate "$out/report.json" --truth "$out/truth.json" --format json >"$out/eval.json" || true
  python3 - "$out/eval.json" "$n" "$synth_s" "$rec_s" "$rec_mb" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
m, mr = e["match"], e["match_or_review"]
print(f"| {int(sys.argv[2]):,} | {sys.argv[3]} | {sys.argv[4]} | {sys.argv[5]} | "
      f"{m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | {mr['recall']:.4f} |")
PY
done
echo
echo "Command: benches/run.sh ${sizes[*]} (seed $seed), $(nproc) cores, $(date -u +%Y-%m-%d)"
