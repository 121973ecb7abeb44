# Sourced by the portal benches: publishes fts (Release) unless FTS names another build, starts `fts serve` as a
# leadership user with token $token on a copy of $db in $out, on $port, with no job ever due; sets $base and $pid.
# FTS=path/to/fts measures another build (e.g. one from before a change) the same way.
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
base="http://127.0.0.1:$port"
env "${never[@]}" "$fts" serve --db "$out/fts.duckdb" --urls "$base" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done
