#!/usr/bin/env bash
# Live capture under a flood: two network namespaces joined by a veth pair, iperf3 sending TCP as fast
# as it can from one to the other for SECONDS, and a capture on the receiving side's interface, first by
# Sniffer (-w to a pcapng on tmpfs or -q), then by tcpdump for comparison. Prints each tool's own
# counters: packets captured, dropped by the tool's own queue, dropped by the kernel.
# Needs root, iproute2 and iperf3 (apt-get install iperf3). Never touches other namespaces' traffic.
#
# usage: bench/live-flood.sh [SECONDS] [MODE]    MODE: write (default, -w) | count (-q)
set -euo pipefail
seconds=${1:-10}
mode=${2:-write}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sniffer="$root/sniffer"
out=$(mktemp -d /tmp/sniffer-flood.XXXXXX)
a=snf-flood-a; b=snf-flood-b

cleanup() {
  ip netns pids $a 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns pids $b 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del $a 2>/dev/null || true
  ip netns del $b 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT
cleanup; out=$(mktemp -d /tmp/sniffer-flood.XXXXXX)

"$sniffer" -v >/dev/null 2>&1 || true   # build before timing anything
ip netns add $a; ip netns add $b
ip link add veth-a netns $a type veth peer name veth-b netns $b
ip -n $a addr add 10.250.0.1/24 dev veth-a; ip -n $b addr add 10.250.0.2/24 dev veth-b
for ns in $a $b; do ip -n $ns link set lo up; done
ip -n $a link set veth-a up; ip -n $b link set veth-b up
# Real-sized packets, not 64 KB offload super-packets.
ip netns exec $a ethtool -K veth-a tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec $b ethtool -K veth-b tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec $b iperf3 -s -D -1 >/dev/null

run() { # name command...
  local name=$1; shift
  ip netns exec $b iperf3 -s -D -1 >/dev/null 2>&1 || true
  sleep 0.3
  ip netns exec $b "$@" >"$out/$name.out" 2>"$out/$name.err" &
  local pid=$!
  sleep 1.5
  ip netns exec $a iperf3 -c 10.250.0.2 -t "$seconds" -J >"$out/$name.iperf.json" 2>/dev/null || true
  sleep 0.5
  kill -INT $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  python3 - "$out/$name.iperf.json" "$name" <<'PY'
import json, sys
try:
    j = json.load(open(sys.argv[1])); bps = j["end"]["sum_received"]["bits_per_second"]
    print(f"{sys.argv[2]}: iperf3 {bps/1e9:.2f} Gbit/s")
except Exception as e: print(f"{sys.argv[2]}: iperf3 result unavailable ({e})")
PY
  tail -n 3 "$out/$name.err"
}

if [ "$mode" = count ]; then
  run sniffer "$sniffer" -i veth-b -q
  run tcpdump tcpdump -i veth-b -n -q -w /dev/null
else
  run sniffer "$sniffer" -i veth-b -w "$out/sniffer.pcapng"
  ls -la "$out/sniffer.pcapng" | awk '{print "sniffer file: " $5 " bytes"}'
  run tcpdump tcpdump -i veth-b -n -w "$out/tcpdump.pcap"
  ls -la "$out/tcpdump.pcap" | awk '{print "tcpdump file: " $5 " bytes"}'
fi
