#!/usr/bin/env bash
# Smoke test of the real terminal UI: runs ./sniffer in a detached tmux session, drives it with
# keys and checks what the screen shows. Usage: tests/tui-smoke.sh [--save-screens DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
save=""
[ "${1:-}" = "--save-screens" ] && save="${2:?directory}"

if ! command -v tmux >/dev/null 2>&1; then
  echo "tui-smoke: SKIP (tmux is not installed)"
  exit 0
fi

corpus=""
for dir in "$root/../shared/conformance/corpus" "$root/../../shared/conformance/corpus"; do
  [ -d "$dir" ] && corpus="$(cd "$dir" && pwd)" && break
done
if [ -z "$corpus" ]; then
  echo "tui-smoke: SKIP (shared/conformance/corpus not found)"
  exit 0
fi

"$root/sniffer" --version >/dev/null  # build once, outside the timed screens
session="sniffer-smoke-$$"
failures=0
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; }
trap cleanup EXIT

start() {  # start FILE: opens the UI and waits for the first screen
  cleanup
  # tmux can refuse right after its last session ended (the server is shutting down): retry.
  for _ in 1 2 3; do
    tmux new-session -d -s "$session" -x 160 -y 50 "$root/sniffer $1; sleep 5" 2>/dev/null && break
    sleep 0.5
  done
  wait_for "Packets:" 20
  sleep 0.3 # let the first layout settle before keys arrive
}
screen() { tmux capture-pane -p -t "$session"; }
keys() { tmux send-keys -t "$session" "$@"; sleep 0.6; }
wait_for() {  # wait_for TEXT SECONDS
  local deadline=$((SECONDS + ${2:-10}))
  while [ $SECONDS -lt $deadline ]; do
    screen | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  return 1
}
check() {  # check NAME TEXT...: every TEXT must be on the screen (within 3 s: the UI may still be drawing)
  local name="$1"; shift
  for text in "$@"; do wait_for "$text" 3 || break; done
  local now; now="$(screen)"
  for text in "$@"; do
    if ! grep -qF -- "$text" <<<"$now"; then
      echo "FAIL $name: \"$text\" not on screen"; echo "$now" | sed 's/^/    | /'; failures=$((failures + 1)); return
    fi
  done
  echo "ok   $name"
  [ -n "$save" ] && mkdir -p "$save" && echo "$now" > "$save/$name.txt"
  return 0
}

google="$corpus/ppa__http_google.pcapng"
espn="$corpus/ppa__http_espn.pcapng"
fail="$corpus/ppa__http_espn_fail.pcapng"

# No arguments: the bundled website-load sample.
if [ -f "$root/samples/pcaps/website-load.pcapng" ]; then
  start ""
  check default-sample "website-load.pcapng" "Packets: 53" "[SYN]"
  keys t
  check timeline "Timeline" "GET www.site.test/style.css" "404 Not Found" "7 HTTP requests"
  keys Right
  check timeline-phases "connect  frames 5 -> 6 -> 7" "handshake RTT"
  keys Down Down Enter
  check timeline-enter-goes-to-frame "Frame 5: 74 bytes"
  keys t Down Down f
  check timeline-filter "Filter: (tcp.stream == 1" "Displayed: 6"
fi

start "$google"
check packet-list "No." "Destination" "74.125.95.104" "[SYN, ACK]" "Packets: 12"
keys Down Down Down
check detail-and-hex "Frame 4: 681 bytes on wire" "Transmission Control Protocol" "0000  00 05 5d 21"
keys f
check follow-stream "Follow TCP Stream (tcp.stream eq 0)" "GET / HTTP/1.1" "HTTP/1.1 200 OK"
keys Escape
keys l
check ladder "SYN Seq=0 Len=0" "SYN, ACK Seq=0 Ack=1 Len=0" "handshake 3/3 ACK" "handshake RTT"
keys Escape
keys '?'
check help "follow the selected packet" "apply the selected tree field"
keys Escape

# Hosts (h) on the peer-to-peer sample: roles, the selected host's arrows, Enter filters to it.
if [ -f "$root/samples/pcaps/p2p-overlay.pcapng" ]; then
  start "$root/samples/pcaps/p2p-overlay.pcapng"
  keys h
  check hosts "Hosts (10: 2 client, 1 server, 6 peer, 1 supernode, 1 overlay)" "│10.99.0.10│supernode│" "│10.99.0.80│server"
  keys Down Down
  check hosts-arrows "Connections of 10.99.0.22 (peer)" " 7102 ─►│ 10.99.0.22" "► 10.99.0.10 supernode" "relayed 10.99.0.21 ─► 10.99.0.22 ─► 10.99.0.23"
  keys Enter
  check hosts-filter "Filter: ip.addr == 10.99.0.22" "Displayed: 92"
fi

start "$espn"
keys 1
sleep 1
check syn-ack-filter "Filter: tcp.flags.syn == 1 && tcp.flags.ack == 1" "Displayed: 25"
keys c
check conversations "Conversations — TCP" "Address A"
keys Escape
keys /
keys -l "tcp.port == 8O"
check filter-error "col 13: "
keys Escape

start "$fail"
keys 3
sleep 1
check problems-filter "Displayed: 104" "[TCP Retransmission]"
keys e
check expert-info "Expert Info" "retransmission"
keys Escape
keys q
sleep 1

# Live capture on loopback (needs root or cap_net_raw, python3 and curl; skipped otherwise).
if [ "$(id -u)" = 0 ] && command -v python3 >/dev/null && command -v curl >/dev/null; then
  port=$((20000 + RANDOM % 20000))
  (cd /tmp && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
  httpd=$!
  cleanup
  for _ in 1 2 3; do
    tmux new-session -d -s "$session" -x 160 -y 50 "cd /tmp && $root/sniffer -i lo -f 'tcp port $port'; sleep 5" 2>/dev/null && break
    sleep 0.5
  done
  wait_for "capturing on lo" 20 || true
  sleep 0.5
  keys h
  check live-hosts-empty "Hosts (none yet)"
  curl -s "http://127.0.0.1:$port/" >/dev/null || true
  sleep 1.5
  check live-hosts "Hosts (1: 1 server)" "│127.0.0.1│server" "accepts on $port from itself only" "Connections of 127.0.0.1 (server): talks to itself"
  keys Escape
  check live-capture "● capturing on lo" "[SYN, ACK]" "live (unsaved)"
  keys q
  check live-quit-asks "is not saved" "Save" "Discard"
  keys d
  kill "$httpd" 2>/dev/null || true
else
  echo "skip live-capture (needs root, python3 and curl)"
fi

if [ "$failures" -gt 0 ]; then
  echo "tui-smoke: $failures check(s) failed"
  exit 1
fi
echo "tui-smoke: all checks passed"
