#!/usr/bin/env bash
# The test command: builds the benchmarks, then runs every test of the solution. Extra arguments go to
# `dotnet test` (e.g. --filter, --logger).
# Tests shell out to a browser (tests/Host.Tests/Web/BrowserFinder.cs looks for FTS_BROWSER, Playwright's
# Chromium, Chrome, Edge, /usr/bin/chromium) and to node/npm (a real OpenID provider). When one is missing
# and apt-get is there, this installs Debian's `chromium`, `nodejs`, `npm` (with sudo unless root) first.
# Nothing else is installed; NuGet restore and `npm ci` fetch the packages.
set -euo pipefail
cd "$(dirname "$0")"

has_browser() {
  [ -n "${FTS_BROWSER:-}" ] && return 0
  compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium-*" >/dev/null && return 0
  [ -x /opt/google/chrome/chrome ] || [ -x /opt/microsoft/msedge/msedge ] || [ -x /usr/bin/chromium ]
}

has_soffice() {
  [ -n "${FTS_SOFFICE:-}" ] && return 0
  command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || [ -x /usr/lib/libreoffice/program/soffice ]
}

missing=()
has_browser || missing+=(chromium)
has_soffice || missing+=(libreoffice-impress)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: the tests need ${missing[*]}; installing with ${sudo:+sudo }apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: apt-get install ${missing[*]} failed; install them (see README) and run again" >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The benchmarks are no tests and are run by hand (docs/benchmarks.md), but they must keep compiling: build them
# first (they share the src builds the tests use, so this costs little more than their own few files).
dotnet build bench/JuniperFts.Bench.slnx -nologo -v q \
  || { echo "test.sh: bench/ does not build (dotnet build bench/JuniperFts.Bench.slnx)" >&2; exit 1; }
exec dotnet test JuniperFts.sln "$@"
