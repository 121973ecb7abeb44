#!/usr/bin/env bash
# Excel workbook benchmark: one quarter of a 1M-case dataset through the real `fts report excel`.
# Usage: bench/excel/run.sh [cases=1000000] [quarter=2025Q4]
# Prints the generator's timings, then /usr/bin/time's wall time, CPU time and peak resident memory of fts.
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${1:-1000000}
quarter=${2:-2025Q4}
out=bench/out/excel
mkdir -p "$out"

dotnet build -c Release -v q -nologo bench/excel/ExcelBench >/dev/null
dotnet build -c Release -v q -nologo src/Host >/dev/null
db="$out/fts-$cases.duckdb"
[ -f "$db" ] || bench/excel/ExcelBench/bin/Release/net10.0/linux-x64/ExcelBench generate "$db" "$cases"

fts=src/Host/bin/Release/net10.0/linux-x64/fts
# The data spans 2024-01-01..2026-12-31; as of its end every case of the quarter is settled.
for run in 1 2 3; do
  /usr/bin/time -f "run $run: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    "$fts" report excel --db "$db" --quarter "$quarter" --out "$out/sla-$quarter.xlsx" --as-of 2027-01-01T00:00:00Z
done
ls -l "$out/sla-$quarter.xlsx"
