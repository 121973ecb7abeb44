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
# FTS=path/to/fts measures another build (e.g. one from before the cache) the same way.
fts=${FTS:-$out/fts/fts}
[ -n "${FTS:-}" ] || [ -x "$fts" ] || dotnet publish -c Release -v q -nologo src/Host -o "$out/fts" >/dev/null
cp "$db" "$out/fts.duckdb"; rm -f "$out/fts.duckdb.wal"

token=bench-token
export Portal__Users__0__Name=Bench Portal__Users__0__Email=bench@vendor.example Portal__Users__0__Role=leadership
export Portal__Users__0__TokenSha256=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
# No job may run during the measurement: 31 February never comes, so no job is ever due.
# (Names with '-' cannot be exported by bash, so they go through env.)
never=(); for job in ingest sla-refresh true-up forecast review-packs; do never+=("Service__Schedules__$job=0 0 31 2 *"); done
export Service__DropFolder="$out/drop" Service__OutFolder="$out/service"
port=5099; base="http://127.0.0.1:$port"
env "${never[@]}" "$fts" serve --db "$out/fts.duckdb" --urls "$base" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done
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
