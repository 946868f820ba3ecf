#!/bin/sh
# Regenerates Golden/Statistics/STAT.txt from tshark (run once by hand; tshark is never a test dependency).
# Usage: tests/Cli.Tests/make-stat-golden.sh STAT DISPLAY_FILTER [MAX_BYTES]
#   keeps the captures (samples, then the corpus beside the repository) where DISPLAY_FILTER matches a packet,
#   and, with MAX_BYTES, whose output is no longer than that (the flow diagrams of big captures are megabytes).
set -eu
stat=$1 applies=$2 max=${3:-0}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$here/Golden/Statistics/$stat.txt"
tmp=$(mktemp)
: > "$out"
for f in "$repo"/samples/pcaps/*.pcap* "$repo"/../shared/conformance/corpus/*; do
  [ -f "$f" ] || continue
  n=$(tshark -r "$f" -n -Y "$applies" -c 1000000 2>/dev/null | head -1 | wc -l)
  [ "$n" -gt 0 ] || continue
  tshark -r "$f" -n -q -z "$stat" > "$tmp" 2>/dev/null || true
  if [ "$max" -gt 0 ] && [ "$(wc -c < "$tmp")" -gt "$max" ]; then continue; fi
  printf '### %s\n' "$(basename "$f")" >> "$out"
  cat "$tmp" >> "$out"
done
rm -f "$tmp"
