#!/usr/bin/env bash
# Whole-process benchmark of the true-up: generates CONTRACTS three-year contracts with UNITS units each,
# ingests them, then times `fts trueup --due` (every statement: PDF + CSV + JSON + the Excel summary),
# a re-run (nothing issued twice; every statement written again as issued) and one `fts trueup --contract --year`.
# Usage: bench/trueup/run.sh [CONTRACTS=300] [UNITS=40]   (from the repository root)
set -euo pipefail
CONTRACTS=${1:-300}
UNITS=${2:-40}
WORK=$(mktemp -d)
[ "${KEEP:-}" = 1 ] && echo "work folder: $WORK" || trap 'rm -rf "$WORK"' EXIT
dotnet build src/Host -c Release -v q -nologo >/dev/null
FTS=src/Host/bin/Release/net10.0/linux-x64/fts

python3 - "$WORK/drop" "$CONTRACTS" "$UNITS" <<'PY'
import os, sys, random, datetime
out, n, units = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out)
rnd = random.Random(7)
d = datetime.date
with open(f"{out}/accounts.csv", "w") as a, open(f"{out}/sites.csv", "w") as s, open(f"{out}/contracts.csv", "w") as c, open(f"{out}/installed_base.csv", "w") as ib:
    a.write("account_id,name,country,service_manager_email\n")
    s.write("site_id,account_id,name,country,primary_contact_email\n")
    c.write("contract_id,account_id,site_id,sku,support_center,start_date,end_date,currency,co_term\n")
    ib.write("serial_number,contract_id,model,platform,covered_from,covered_to,annual_fee,end_of_support,gray_market\n")
    for i in range(n):
        start = d(2022, 1, 1) + datetime.timedelta(days=rnd.randrange(0, 730))
        end = d(start.year + 3, start.month, min(start.day, 28)) - datetime.timedelta(days=1)
        a.write(f"A-{i},Account {i},US,sm@vendor.example\n")
        s.write(f"S-{i},A-{i},Site {i},US,ops@example.com\n")
        c.write(f"C-{i:05},A-{i},S-{i},SVC-FTS-24x7,SUNNYVALE,{start},{end},{'USD' if i % 3 else 'EUR'},false\n")
        span = (end - start).days
        for u in range(units):
            frm = start if u < units // 2 else start + datetime.timedelta(days=rnd.randrange(1, span))
            to = "" if rnd.random() < 0.8 else str(frm + datetime.timedelta(days=rnd.randrange(0, max(1, (end - frm).days))))
            ib.write(f"SN{i:05}{u:04},C-{i:05},MX204,Routing,{frm},{to},{rnd.randrange(500, 9000)}.{rnd.randrange(0, 100):02},,false\n")
PY

"$FTS" ingest "$WORK/drop" --db "$WORK/fts.duckdb" >/dev/null
# Wall and CPU (user+sys) seconds: on a shared machine the CPU time is the steadier figure.
t() { local f; f=$(mktemp); TIMEFORMAT="%R s wall, %U+%S s cpu"; { time "$@" >/dev/null; } 2>"$f"; tail -1 "$f"; rm -f "$f"; }
echo "contracts=$CONTRACTS units/contract=$UNITS (load average: $(cut -d' ' -f1 /proc/loadavg))"
echo "issue all due (first run):  $(t "$FTS" trueup --due 2026-12-31 --out "$WORK/out" --db "$WORK/fts.duckdb"), $(ls "$WORK/out"/*.pdf | wc -l) statements"
echo "re-run (written as issued): $(t "$FTS" trueup --due 2026-12-31 --out "$WORK/out" --db "$WORK/fts.duckdb")"
echo "one statement (json):       $(t "$FTS" trueup --contract C-00001 --year 2 --db "$WORK/fts.duckdb")"
