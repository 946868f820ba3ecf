#!/usr/bin/env bash
# Installs what Sniffer and its tests need on Debian, when it is missing:
#   libpcap0.8        live capture (SharpPcap loads libpcap.so.0.8)
#   tshark, tcpdump   reference answers for the conformance tests and the benchmark (never used at run time)
#   tmux              drives the real terminal UI in tests/tui-smoke.sh
#   libcap2-bin       setcap/getcap for the capture-without-root test (tests/Capture.Tests/LeastPrivilegeTests.cs)
# As root it installs with apt-get; otherwise it prints the exact command to run.
# Usage: scripts/ensure-deps.sh [runtime|test]
set -euo pipefail
want=(libpcap0.8)
case "${1:-runtime}" in
  test) want+=(tshark tcpdump tmux libcap2-bin) ;;
  bench) want+=(tshark tcpdump libpcap-dev gcc) ;;
esac

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "sniffer: please install ${missing[*]} with your package manager." >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "sniffer: missing packages: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "Installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
