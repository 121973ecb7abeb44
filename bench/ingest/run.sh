#!/usr/bin/env bash
# Ingest benchmark: `fts ingest` against DuckDB's own unvalidated COPY of the same CSV files into the
# same schema, in the same run, for growing drop folders; wall time and peak RSS from /usr/bin/time -v.
#   bench/ingest/run.sh                 # 250k and 1M cases
#   SIZES="100000" bench/ingest/run.sh  # quicker; SKIP_PUBLISH=1 reuses the last build
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/fts-bench-ingest}
sizes=${SIZES:-"250000 1000000"}
mkdir -p "$work"

if [ -z "${SKIP_PUBLISH:-}" ]; then
  dotnet publish "$root/src/Host" -c Release -o "$work/fts" -v q -nologo >/dev/null
  dotnet publish "$root/bench/ingest" -c Release -o "$work/copy" -v q -nologo >/dev/null
fi

wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$1"; }
rss()  { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

printf '%-9s %-9s %-10s %-8s %-10s %-10s %-11s %-10s\n' cases csv_MB copy_s copy_MB ingest_s ingest_MB ratio reingest_s
for n in $sizes; do
  data="$work/data-$n"
  [ -f "$data/cases.csv" ] || "$work/fts/fts" sample --out "$data" --cases "$n" --seed 1 --clean >/dev/null
  rm -f "$work"/copy-$n.duckdb* "$work"/ingest-$n.duckdb*
  /usr/bin/time -v -o "$work/copy-$n.time" "$work/copy/IngestBench" copy "$data" "$work/copy-$n.duckdb" >/dev/null
  /usr/bin/time -v -o "$work/ingest-$n.time" "$work/fts/fts" ingest --no-sla-refresh "$data" --db "$work/ingest-$n.duckdb" >"$work/ingest-$n.out" 2>&1
  /usr/bin/time -v -o "$work/reingest-$n.time" "$work/fts/fts" ingest --no-sla-refresh "$data" --db "$work/ingest-$n.duckdb" >"$work/reingest-$n.out" 2>&1
  grep -q "nothing changed" "$work/reingest-$n.out" || { echo "re-ingest of $n changed rows" >&2; exit 1; }
  c=$(wall "$work/copy-$n.time"); i=$(wall "$work/ingest-$n.time")
  printf '%-9s %-9s %-10s %-8s %-10s %-10s %-11s %-10s\n' "$n" "$(du -sm "$data" | cut -f1)" "$c" "$(rss "$work/copy-$n.time")" \
    "$i" "$(rss "$work/ingest-$n.time")" "$(awk -v a="$i" -v b="$c" 'BEGIN { printf "%.2fx", a / b }')" "$(wall "$work/reingest-$n.time")"
done
