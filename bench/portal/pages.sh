#!/usr/bin/env bash
# The portal's pages and JSON on a large estate: the time of each page's data (first request, nothing cached; then
# warm), and /api/sla/summary under 8 concurrent clients, against the real `fts serve` on loopback.
# Usage: bench/portal/pages.sh DB [quarter=2026Q3] [clients=8] [requests=2000]
#   DB: a database with 1M cases, e.g. from `fts sample --out D --cases 1000000 --seed 7 && fts ingest D --db DB`.
# The load comes from ab (Debian's apache2-utils) when it is installed, else from curl: CLIENTS curl processes, each
# sending its share of the requests one after another over one kept-alive connection; percentiles over every request.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1; quarter=${2:-2026Q3}; clients=${3:-8}; requests=${4:-2000}
out=bench/out/portal-pages; mkdir -p "$out"
port=5098
source bench/portal/serve.sh
auth="Authorization: Bearer $token"
get() { curl -s -o /dev/null -w "%{http_code} %{time_total}" -H "$auth" "$base$1"; }

# An account with many cases in the quarter, and one of its breaches.
account=$(curl -sf -H "$auth" "$base/api/accounts?quarter=$quarter" | grep -o '"account_id":"[^"]*","name":"[^"]*","service_manager":[^,]*,"attainment_pct":[^,]*,"rating":"[^"]*","eligible":[0-9]*' \
  | sed 's/.*"account_id":"\([^"]*\)".*"eligible":\([0-9]*\)/\2 \1/' | sort -rn | head -1 | cut -d' ' -f2 || true)
case=$(curl -sf -H "$auth" "$base/api/accounts/$account/cases?quarter=$quarter&status=breached" | grep -o '"case_number":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
echo "load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "account $account, case $case (the warm-up above read /api/accounts and the account's cases once)"

echo "== each page's data: first request (nothing cached for that page), then the median of 5 more"
for path in "/api/sla/summary?quarter=$quarter" "/api/sla/summary?quarter=$quarter&by=account" "/api/sla/trend?quarter=$quarter&by=priority" \
            "/?quarter=$quarter" "/?quarter=$quarter&by=region" "/?quarter=$quarter&by=account&region=AMERICAS" \
            "/accounts?quarter=$quarter&sort=attainment" "/accounts/$account?quarter=$quarter" "/cases/$case" "/api/cases/$case/explain" \
            "/trueup" "/operations"; do
  first=$(get "$path")
  warm=$(for i in 1 2 3 4 5; do get "$path" | cut -d' ' -f2; done | sort -n | sed -n 3p)
  printf '%-55s %s s first (HTTP %s), %s s warm\n' "$path" "${first#* }" "${first% *}" "$warm"
done

url="$base/api/sla/summary?quarter=$quarter"
echo "== /api/sla/summary?quarter=$quarter: $requests requests, $clients at a time"
if command -v ab >/dev/null; then
  # ab counts an answer of another length than the first as failed ("Length"); the as-of is written at a fixed length.
  ab -q -k -n "$requests" -c "$clients" -H "$auth" "$url" | grep -E "Complete requests|Failed requests|Connect: |Non-2xx|Requests per second|  50%|  90%|  99%| 100%"
else
  per=$((requests / clients)); start=$(date +%s.%N); loaders=()
  for c in $(seq "$clients"); do
    args=(); for i in $(seq "$per"); do args+=(-o /dev/null "$url"); done # headers and -w apply to every transfer
    curl -s -H "$auth" -w "%{http_code} %{time_total}\n" "${args[@]}" > "$out/load.$c" &
    loaders+=($!)
  done; wait "${loaders[@]}" # not the server
  end=$(date +%s.%N)
  cat "$out"/load.* | awk -v s="$start" -v e="$end" '$1 != 200 { bad++ } END { printf "requests %d, non-200 %d, %.0f requests/s\n", NR, bad, NR / (e - s) }'
  cat "$out"/load.* | cut -d' ' -f2 | sort -n | awk '{ t[NR] = $1 } END { printf "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms\n", 1000*t[int(NR*.5)], 1000*t[int(NR*.9)], 1000*t[int(NR*.99)], 1000*t[NR] }'
  rm -f "$out"/load.*
fi
echo "load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(awk '/VmHWM/ {printf "peak RSS %.2f GiB", $2/1048576}' /proc/$pid/status)"
