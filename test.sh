#!/usr/bin/env bash
# The test command: every test of the solution. Extra arguments go to `dotnet test` (e.g. --filter, --logger).
# The portal tests drive a real browser (tests/Host.Tests/Web/BrowserFinder.cs looks for FTS_BROWSER,
# Playwright's Chromium, Chrome, Edge, /usr/bin/chromium). When none is there and apt-get is, this installs
# Debian's `chromium` (with sudo unless root). Nothing else is installed; NuGet restore fetches the packages.
set -euo pipefail
cd "$(dirname "$0")"

has_browser() {
  [ -n "${FTS_BROWSER:-}" ] && return 0
  compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium-*" >/dev/null && return 0
  [ -x /opt/google/chrome/chrome ] || [ -x /opt/microsoft/msedge/msedge ] || [ -x /usr/bin/chromium ]
}

if ! has_browser && command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test.sh: no browser for the portal tests; installing Debian's chromium with ${sudo:+sudo }apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null \
    || { echo "test.sh: apt-get install chromium failed; install a browser (see README) and run again" >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet test JuniperFts.sln "$@"
