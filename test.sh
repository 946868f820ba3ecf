#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (libpcap, and tshark/tcpdump for the
# conformance checks) when run as root on Debian; otherwise says what to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
scripts/ensure-deps.sh test
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test Sniffer.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The real binary in tmux, driven with keys (tests/tui-smoke.sh prints "ok NAME" / "FAIL NAME").
bash tests/tui-smoke.sh 2>&1 | tee -a "$log"
smoke=${PIPESTATUS[0]}
[ "$smoke" -eq 0 ] || status=1
set -e
# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     /^ok   / { p++ } /^FAIL / { f++ }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
