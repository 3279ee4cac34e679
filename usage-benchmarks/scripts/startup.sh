#!/usr/bin/env bash
# Start-up of the report tool as whole processes: hyperfine medians of the demo, --version and a csv report of
# 36,000 results from a local server (startup-pages.py, another process), then the peak RSS of each with
# /usr/bin/time -v. Each command runs as `java -jar` and through the launcher the build makes (target/usage-report:
# C1 only, serial GC, CDS archive); with a second jar given (an older build), as `java -jar` of that one too, in
# the same hyperfine run. Needs hyperfine (apt-get install hyperfine) and python3.
# Usage: usage-benchmarks/scripts/startup.sh [older usage-report.jar]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="$ROOT/usage-cli/target"
BEFORE="${1:-}"
WORK="$(mktemp -d)"
python3 "$ROOT/usage-benchmarks/scripts/startup-pages.py" > "$WORK/url" &
SERVER=$!
trap 'kill $SERVER; rm -rf "$WORK"' EXIT
while [ ! -s "$WORK/url" ]; do sleep 0.2; done
URL="$(head -1 "$WORK/url")"
export OPENAI_ADMIN_KEY=sk-admin-startup-benchmark
CSV="completions --base-url $URL --start 2023-11-15 --end 2025-11-04 --bucket-width 1d --limit 31 --group-by project_id,model,user_id,api_key_id --format csv"

runs=()
for args in "demo" "--version" "$CSV"; do
  [ -n "$BEFORE" ] && runs+=("java -jar $BEFORE $args")
  runs+=("java -jar $TARGET/usage-report.jar $args" "$TARGET/usage-report $args")
done
echo "load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 2 --runs "${RUNS:-15}" --style none --export-json "$WORK/hyperfine.json" "${runs[@]}"
python3 - "$WORK/hyperfine.json" "$URL" <<'PY'
import json, statistics, sys
print("| command | median wall [s] | min [s] | mean CPU user+sys [s] |")
print("|:---|---:|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    print("| `%s` | %.3f | %.3f | %.3f |" % (r["command"].replace(sys.argv[2], "<url>"), statistics.median(r["times"]),
                                           min(r["times"]), r["user"] + r["system"]))
PY
echo
echo "peak RSS (median of 5, /usr/bin/time -v):"
for run in "${runs[@]}"; do
  rss=$(for _ in 1 2 3 4 5; do
    /usr/bin/time -v $run 2>&1 >/dev/null | awk '/Maximum resident/ {print $6}'
  done | sort -n | sed -n 3p)
  printf '%8d KiB  %s\n' "$rss" "${run/$URL/<url>}"
done
