#!/usr/bin/env bash
# End-to-end throughput of `./telltale monitor -s -c`, JVM start included (docs/PERFORMANCE.md).
# usage: benchmarks/monitor-e2e.sh [RUNS] [MESSAGES] [OPEN]
# Generates MESSAGES context messages (default 1,000,000; OPEN contexts at once, default 1,000)
# into target/monitor-e2e.jsonl once, then times RUNS (default 3) runs of the launcher over them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}" messages="${2:-1000000}" open="${3:-1000}"
input="$root/benchmarks/target/monitor-e2e-$messages-$open.jsonl"
mkdir -p "$root/benchmarks/target"
[ -s "$input" ] || python3 "$root/benchmarks/monitor-input.py" "$messages" "$open" > "$input"
"$root/telltale" monitor -s -c < /dev/null > /dev/null # builds the launcher's jar if needed
for run in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$root/telltale" monitor -s -c < "$input" > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$messages" -v r="$run" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "run %d: %.2f s, %.0f messages/s (load average %s)\n", r, e - s, n / (e - s), l }'
done
