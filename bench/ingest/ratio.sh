#!/usr/bin/env bash
# One run of the three loads docs/benchmarks.md compares on one drop folder, fresh database each:
# DuckDB's own COPY (IngestBench), `fts ingest --no-sla-refresh`, and `fts ingest` (with the SLA evaluation of every case).
# Needs the Release builds bench/ingest/run.sh publishes into $WORK (fts/ and copy/).
#   bench/ingest/ratio.sh DATA [TAG]      e.g. after: $WORK/fts/fts sample --out DATA --cases 1000000 --seed 7 --clean
set -u
w=${WORK:-/tmp/fts-bench-ingest}; d=$1; tag=${2:-a}
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.1f", s }' "$1"; }
rss()  { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
rm -f $w/c-$tag.duckdb* $w/i-$tag.duckdb* $w/f-$tag.duckdb*
/usr/bin/time -v -o $w/c-$tag.time $w/copy/IngestBench copy $d $w/c-$tag.duckdb > /dev/null
/usr/bin/time -v -o $w/i-$tag.time $w/fts/fts ingest --no-sla-refresh $d --db $w/i-$tag.duckdb > $w/i-$tag.out 2>&1
/usr/bin/time -v -o $w/f-$tag.time $w/fts/fts ingest $d --db $w/f-$tag.duckdb > $w/f-$tag.out 2>&1
c=$(wall $w/c-$tag.time); i=$(wall $w/i-$tag.time); f=$(wall $w/f-$tag.time)
echo "run $tag load=$(cut -d' ' -f1 /proc/loadavg) copy ${c}s $(rss $w/c-$tag.time)MB | ingest --no-sla-refresh ${i}s $(rss $w/i-$tag.time)MB $(awk -v a=$i -v b=$c 'BEGIN{printf "%.2fx",a/b}') | ingest ${f}s $(rss $w/f-$tag.time)MB $(awk -v a=$f -v b=$c 'BEGIN{printf "%.2fx",a/b}')"
