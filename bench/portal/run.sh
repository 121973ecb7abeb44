#!/usr/bin/env bash
# The portal under load: concurrent downloads of one quarter's workbook of a 1M-case database, sent by a
# second process (ab, Debian's apache2-utils) to the real `fts serve` on loopback.
# Usage: bench/portal/run.sh DB [quarter=2026Q2] [clients=20]
#   DB: a database with 1M cases, e.g. from `fts sample --out D --cases 1000000 --seed 7 && fts ingest D --db DB`.
# Prints ab's summary of a cold round (nothing cached) and a warm one, the server's peak RSS (VmHWM) after
# each, and what a round of distinct review packs past the build queue got (200s and 503s).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1; quarter=${2:-2026Q2}; clients=${3:-20}
out=bench/out/portal; mkdir -p "$out"
port=5099
source bench/portal/serve.sh
rss() { awk '/VmHWM|VmRSS/ {printf "%s %.2f GiB  ", $1, $2/1048576} END {print ""}' "/proc/$pid/status"; }
echo "server idle: $(rss)"

summary() { grep -E "Complete requests|Failed requests|Non-2xx|Time taken|Requests per second|  50%|  90%| 100%" || true; }
url="$base/api/reports/sla.xlsx?quarter=$quarter"
echo "== cold: $clients concurrent downloads of the $quarter workbook, nothing cached"
ab -q -s 600 -n "$clients" -c "$clients" -H "Authorization: Bearer $token" "$url" | summary
echo "server: $(rss)"
echo "== warm: 10 x $clients downloads, $clients at a time"
ab -q -s 600 -n $((10 * clients)) -c "$clients" -H "Authorization: Bearer $token" "$url" | summary
echo "server: $(rss)"

echo "== $clients concurrent review packs of distinct accounts, nothing cached"
accounts=$(curl -sf -H "Authorization: Bearer $token" "$base/api/sla/summary?quarter=$quarter&by=account" \
  | grep -o '"keys":\["[^"]*"' | cut -d'"' -f4 | head -n "$clients" || true)
for a in $accounts; do
  curl -s -o /dev/null -w "%{http_code} %{time_total}s\n" -H "Authorization: Bearer $token" "$base/api/accounts/$a/review-pack.pdf?quarter=$quarter" &
done | sort | awk '{codes[$1]++; if ($2+0 > max) max = $2+0} END {for (c in codes) printf "%s x%d  ", c, codes[c]; printf "slowest %.1fs\n", max}'
echo "server: $(rss)"
