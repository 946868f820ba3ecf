#!/bin/sh
# Regenerates Golden/Statistics/STAT.txt from tshark (run once by hand; tshark is never a test dependency).
# Usage: tests/Cli.Tests/make-stat-golden.sh STAT DISPLAY_FILTER
#   keeps the captures (samples, then the corpus beside the repository) where DISPLAY_FILTER matches a packet.
set -eu
stat=$1 applies=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/Golden/Statistics/$stat.txt"
: > "$out"
for f in "$repo"/samples/pcaps/*.pcap* "$repo"/../shared/conformance/corpus/*; do
  [ -f "$f" ] || continue
  n=$(tshark -r "$f" -n -Y "$applies" 2>/dev/null | head -1 | wc -l)
  [ "$n" -gt 0 ] || continue
  printf '### %s\n' "$(basename "$f")" >> "$out"
  tshark -r "$f" -n -q -z "$stat" 2>/dev/null >> "$out" || true
done
