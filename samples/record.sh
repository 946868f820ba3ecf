#!/usr/bin/env bash
# Records the sample captures in samples/pcaps/ with real servers and clients.
#
# Everything runs inside network namespaces this script creates (and deletes on exit):
# nothing is sent to any address outside them. Run as root:
#
#   sudo samples/record.sh                                   # uses ./sniffer
#   sudo samples/record.sh dns-zoo https-sni                 # only some samples
#   sudo P2P_NS=test-p2p samples/record.sh p2p-overlay       # the peer-to-peer sample, namespaces test-p2p*
#
# The capture tool gets tshark-style flags: -i IFACE -q -w FILE -f 'FILTER', and is stopped with SIGINT.
set -euo pipefail

SNIFFER=${SNIFFER:-$(dirname "$0")/../sniffer}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/pcaps}
SAMPLES=("$@")
[ ${#SAMPLES[@]} -eq 0 ] && SAMPLES=(website-load lossy-download handshakes dns-zoo https-sni ipv6 p2p-overlay)

WEB_NS=snf-web            # web, DNS and TLS servers plus clients, all on this namespace's loopback
CLI_NS=snf-cli            # lossy-download: client --veth-- router --veth-- server
RTR_NS=snf-rtr
SRV_NS=snf-srv
CLIENT_IP=10.77.1.2 ROUTER_CLI_IP=10.77.1.1 ROUTER_SRV_IP=10.77.2.1 SERVER_IP=10.77.2.2
P2P_NS=${P2P_NS:-snf-p2p} # p2p-overlay: the bridge lives in $P2P_NS, each host in $P2P_NS-<host>
P2P_CREATED=()

[ "$(id -u)" -eq 0 ] || { echo "record.sh: run as root (it creates network namespaces)" >&2; exit 1; }
[ -x "$SNIFFER" ] || command -v "$SNIFFER" >/dev/null || {
    echo "record.sh: capture tool '$SNIFFER' not found; set SNIFFER=... (e.g. ./sniffer at the repository root)" >&2; exit 1; }
SNIFFER=$(cd "$(dirname "$SNIFFER")" && pwd)/$(basename "$SNIFFER")
"$SNIFFER" --version >/dev/null    # ./sniffer builds itself on first use: not while a capture waits to start

WORK=$(mktemp -d /tmp/sniffer-record.XXXXXX)
chmod 755 "$WORK"
PIDS=()

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

cleanup() {
    set +e
    [ -n "${CAPTURE_PID:-}" ] && kill -INT "$CAPTURE_PID" 2>/dev/null
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
    for ns in "$WEB_NS" "$CLI_NS" "$RTR_NS" "$SRV_NS" "${P2P_CREATED[@]}"; do
        ip netns del "$ns" 2>/dev/null
        rm -rf "/etc/netns/$ns"
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
install_tools() {
    local missing=()
    if needs_web_namespace; then
        command -v nginx >/dev/null || missing+=(nginx)
        command -v dnsmasq >/dev/null || missing+=(dnsmasq)
        command -v dig >/dev/null || missing+=(dnsutils)
        command -v openssl >/dev/null || missing+=(openssl)
        command -v nft >/dev/null || missing+=(nftables)
    fi
    command -v curl >/dev/null || missing+=(curl)
    command -v python3 >/dev/null || missing+=(python3)
    command -v ip >/dev/null || missing+=(iproute2)
    command -v ethtool >/dev/null || missing+=(ethtool)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
    fi
}

# ---------------------------------------------------------------- capture
CAPTURE_PID=
start_capture() {   # name namespace interface filter
    local name=$1 ns=$2 iface=$3 filter=$4
    mkdir -p "$OUT"
    rm -f "$OUT/$name.pcapng"
    ip netns exec "$ns" "$SNIFFER" -i "$iface" -q -w "$OUT/$name.pcapng" -f "$filter" 2>"$WORK/$name.capture.log" &
    CAPTURE_PID=$!
    for _ in $(seq 100); do
        grep -q "Capturing on" "$WORK/$name.capture.log" 2>/dev/null && { sleep 0.3; return 0; }
        kill -0 "$CAPTURE_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$WORK/$name.capture.log" >&2
    echo "record.sh: capture for $name did not start" >&2
    exit 1
}

stop_capture() {    # name
    sleep 0.5                                   # let the last FIN/ACKs arrive
    kill -INT "$CAPTURE_PID"
    wait "$CAPTURE_PID" || true
    CAPTURE_PID=
    sed 's/^/   /' "$WORK/$1.capture.log" >&2
    command -v capinfos >/dev/null && capinfos -c -s "$OUT/$1.pcapng" | tail -n 2 | sed 's/^/   /' >&2
    return 0
}

# ---------------------------------------------------------------- namespaces and servers
make_site() {
    local site=$WORK/site
    mkdir -p "$site/img" "$site/files"
    cat >"$site/index.html" <<'HTML'
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>site.test - Sniffer sample</title>
  <link rel="stylesheet" href="/style.css">
  <link rel="icon" href="/img/logo.png">
  <script src="/app.js" defer></script>
</head>
<body>
  <header><img src="/img/logo.png" alt="logo"><h1>Welcome to site.test</h1></header>
  <main>
    <p>This page exists so that a packet capture has something to show: a document, a stylesheet,
       a script, two images and one picture that is missing on purpose.</p>
    <img src="/img/banner.svg" alt="banner">
    <img src="/img/missing.png" alt="this one returns 404">
  </main>
</body>
</html>
HTML
    cat >"$site/style.css" <<'CSS'
body { font-family: sans-serif; margin: 2em auto; max-width: 40em; color: #222; }
header { display: flex; align-items: center; gap: 1em; }
h1 { font-size: 1.6em; }
img { max-width: 100%; }
CSS
    cat >"$site/app.js" <<'JS'
document.addEventListener("DOMContentLoaded", () => {
  const p = document.createElement("p");
  p.textContent = "Loaded at " + new Date().toISOString();
  document.querySelector("main").appendChild(p);
});
JS
    cat >"$site/img/banner.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60"><rect width="400" height="60" fill="#3a6"/><text x="20" y="38" font-size="24" fill="#fff">site.test</text></svg>
SVG
    # A small real PNG (32x32, one colour), written without extra tools.
    python3 - "$site/img/logo.png" <<'PY' 2>/dev/null || printf '\x89PNG\r\n\x1a\n' >"$site/img/logo.png"
import struct, sys, zlib
w = h = 32
raw = b"".join(b"\x00" + b"\x33\x66\xaa" * w for _ in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
    head -c 1000000 /dev/urandom >"$site/files/big.bin"      # incompressible 1 MB download
}

make_certificate() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
        -subj "/CN=site.test" -addext "subjectAltName=DNS:site.test,DNS:*.site.test" \
        -keyout "$WORK/site.key" -out "$WORK/site.crt" 2>/dev/null
}

start_nginx() {     # namespace name listen-lines...
    local ns=$1 name=$2; shift 2
    local prefix=$WORK/nginx-$name
    mkdir -p "$prefix/logs" "$prefix/tmp"
    {
        echo "daemon off; user root; worker_processes 1; pid $prefix/nginx.pid; error_log $prefix/logs/error.log;"
        echo "events { worker_connections 64; }"
        echo "http {"
        echo "  include /etc/nginx/mime.types; access_log $prefix/logs/access.log; keepalive_timeout 15;"
        echo "  client_body_temp_path $prefix/tmp/body; proxy_temp_path $prefix/tmp/proxy; fastcgi_temp_path $prefix/tmp/fcgi;"
        echo "  uwsgi_temp_path $prefix/tmp/uwsgi; scgi_temp_path $prefix/tmp/scgi;"
        echo "  ssl_certificate $WORK/site.crt; ssl_certificate_key $WORK/site.key; ssl_protocols TLSv1.2 TLSv1.3;"
        echo "  server { server_name _; root $WORK/site; sendfile off;"
        for listen in "$@"; do echo "    listen $listen;"; done
        echo "  }"
        echo "}"
    } >"$prefix/nginx.conf"
    ip netns exec "$ns" nginx -e "$prefix/logs/error.log" -p "$prefix" -c "$prefix/nginx.conf" &
    PIDS+=($!)
}

wait_for_port() {   # namespace address port
    for _ in $(seq 100); do
        ip netns exec "$1" bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "record.sh: nothing listens on $2:$3 in $1" >&2; exit 1
}

start_dns() {       # namespace: dnsmasq authoritative for site.test on 127.0.0.1
    local ns=$1
    ip netns exec "$ns" dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll --user=root \
        --listen-address=127.0.0.1 --bind-interfaces --port=53 --pid-file="$WORK/dnsmasq.pid" \
        --log-facility="$WORK/dnsmasq.log" --local=/site.test/ --local=/127.in-addr.arpa/ \
        --host-record=site.test,127.0.0.1,::1 \
        --host-record=www.site.test,127.0.0.1,::1 \
        --host-record=api.site.test,127.0.0.1 \
        --host-record=mail.site.test,127.0.0.25 \
        --cname=cdn.site.test,www.site.test \
        --mx-host=site.test,mail.site.test,10 \
        --txt-record=site.test,"v=spf1 mx -all" \
        --txt-record=_sniffer.site.test,"recorded by samples/record.sh" \
        --srv-host=_http._tcp.site.test,www.site.test,80,0,5 \
        --ptr-record=1.0.0.127.in-addr.arpa,www.site.test &
    PIDS+=($!)
    wait_for_dns "$ns"
}

wait_for_dns() {
    for _ in $(seq 50); do
        ip netns exec "$1" dig +short +time=1 +tries=1 @127.0.0.1 site.test A >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "record.sh: dnsmasq did not answer" >&2; exit 1
}

setup_web_namespace() {
    ip netns add "$WEB_NS"
    ip -n "$WEB_NS" link set lo up
    mkdir -p "/etc/netns/$WEB_NS"                        # ip netns exec bind-mounts this over /etc/resolv.conf
    echo "nameserver 127.0.0.1" >"/etc/netns/$WEB_NS/resolv.conf"
    start_nginx "$WEB_NS" web "127.0.0.1:80" "[::1]:80" "127.0.0.1:443 ssl http2"
    wait_for_port "$WEB_NS" 127.0.0.1 80
    wait_for_port "$WEB_NS" 127.0.0.1 443
    start_dns "$WEB_NS"
}

setup_lossy_path() {
    for ns in "$CLI_NS" "$RTR_NS" "$SRV_NS"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
    ip link add cli-eth0 netns "$CLI_NS" type veth peer name rtr-cli netns "$RTR_NS"
    ip link add srv-eth0 netns "$SRV_NS" type veth peer name rtr-srv netns "$RTR_NS"
    ip -n "$CLI_NS" addr add "$CLIENT_IP/24" dev cli-eth0
    ip -n "$RTR_NS" addr add "$ROUTER_CLI_IP/24" dev rtr-cli
    ip -n "$RTR_NS" addr add "$ROUTER_SRV_IP/24" dev rtr-srv
    ip -n "$SRV_NS" addr add "$SERVER_IP/24" dev srv-eth0
    for pair in "$CLI_NS cli-eth0" "$RTR_NS rtr-cli" "$RTR_NS rtr-srv" "$SRV_NS srv-eth0"; do
        set -- $pair
        ip -n "$1" link set "$2" up
        # Real segment sizes on the wire, so losses hit single MSS segments as on a real link.
        ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
    done
    ip -n "$CLI_NS" route add default via "$ROUTER_CLI_IP"
    ip -n "$SRV_NS" route add default via "$ROUTER_SRV_IP"
    ip netns exec "$RTR_NS" sysctl -qw net.ipv4.ip_forward=1
    # ~3% of the server's packets vanish in the router (netem is not available in every kernel; nft is).
    ip netns exec "$RTR_NS" nft add table inet lossy
    ip netns exec "$RTR_NS" nft add chain inet lossy forward_drop '{ type filter hook forward priority 0; }'
    ip netns exec "$RTR_NS" nft add rule inet lossy forward_drop ip saddr "$SERVER_IP" numgen random mod 100 '<' 3 drop
    # A rate limit towards the client gives the transfer some duration and queueing.
    ip netns exec "$RTR_NS" tc qdisc add dev rtr-cli root tbf rate 40mbit burst 32kb latency 40ms 2>/dev/null || true
    start_nginx "$SRV_NS" srv "$SERVER_IP:80"
    wait_for_port "$CLI_NS" "$SERVER_IP" 80
}

# ---------------------------------------------------------------- samples
in_web() { ip netns exec "$WEB_NS" "$@"; }

fetch() {          # HTTP/1.1 GETs of all URLs over one keep-alive connection, bodies discarded
    local args=()
    for url in "$@"; do args+=(-o /dev/null "$url"); done
    in_web curl -4 -s --http1.1 "${args[@]}"
}

record_website_load() {
    log "website-load: DNS lookups, then a page and its assets over keep-alive HTTP/1.1, one 404"
    start_capture website-load "$WEB_NS" lo "udp port 53 or tcp port 80"
    if command -v chromium >/dev/null && [ "${NO_CHROMIUM:-}" = "" ]; then
        # A real browser: it resolves the name, opens parallel keep-alive connections for the assets.
        # The resolver rule keeps Chromium's own background lookups (update servers) out of the capture.
        local profile
        profile=$(mktemp -d "$WORK/chromium.XXXXXX")
        in_web timeout 30 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
            --disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication \
            --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE *.site.test" \
            --user-data-dir="$profile" --virtual-time-budget=3000 --dump-dom http://www.site.test/ \
            >"$WORK/chromium.dom" 2>"$WORK/chromium.log" || { echo "   chromium failed, see below" >&2; tail -5 "$WORK/chromium.log" >&2; }
    else
        # Like a browser: the document first, then the assets on parallel keep-alive connections.
        in_web dig +short www.site.test AAAA >/dev/null
        local base=http://www.site.test
        fetch "$base/"
        fetch "$base/style.css" "$base/app.js" &
        local a=$!
        fetch "$base/img/logo.png" "$base/img/banner.svg" &
        local b=$!
        fetch "http://cdn.site.test/img/missing.png" &
        local c=$!
        wait $a $b $c
    fi
    stop_capture website-load
}

record_lossy_download() {
    log "lossy-download: 1 MB over a router dropping ~3% of the server's packets"
    setup_lossy_path
    start_capture lossy-download "$CLI_NS" cli-eth0 "tcp port 80"
    ip netns exec "$CLI_NS" curl -s -o /dev/null --max-time 60 "http://$SERVER_IP/files/big.bin"
    stop_capture lossy-download
}

record_handshakes() {
    log "handshakes: open+close, refused (RST), SYN left unanswered"
    in_web nft add table inet handshakes
    in_web nft add chain inet handshakes input '{ type filter hook input priority 0; }'
    in_web nft add rule inet handshakes input tcp dport 82 tcp flags syn drop
    start_capture handshakes "$WEB_NS" lo "tcp port 80 or tcp port 81 or tcp port 82"
    in_web curl -s -o /dev/null "http://127.0.0.1/style.css"
    in_web curl -s -o /dev/null "http://127.0.0.1:81/" || true              # nothing listens: RST
    in_web curl -s -o /dev/null --connect-timeout 2.5 "http://127.0.0.1:82/" || true   # SYNs vanish
    stop_capture handshakes
    in_web nft delete table inet handshakes
}

record_dns_zoo() {
    log "dns-zoo: A, AAAA, CNAME, MX, TXT, SRV, PTR, NXDOMAIN, and one query over TCP"
    start_capture dns-zoo "$WEB_NS" lo "port 53"
    in_web dig @127.0.0.1 www.site.test A >/dev/null
    in_web dig @127.0.0.1 www.site.test AAAA >/dev/null
    in_web dig @127.0.0.1 cdn.site.test A >/dev/null
    in_web dig @127.0.0.1 site.test MX >/dev/null
    in_web dig @127.0.0.1 site.test TXT >/dev/null
    in_web dig @127.0.0.1 _http._tcp.site.test SRV >/dev/null
    in_web dig @127.0.0.1 -x 127.0.0.1 >/dev/null
    in_web dig @127.0.0.1 nosuchhost.site.test A >/dev/null
    in_web dig @127.0.0.1 +tcp _sniffer.site.test TXT >/dev/null
    stop_capture dns-zoo
}

record_https_sni() {
    log "https-sni: TLS 1.2 and TLS 1.3 handshakes with SNI and ALPN"
    start_capture https-sni "$WEB_NS" lo "tcp port 443"
    in_web curl -s -k -o /dev/null --tlsv1.2 --tls-max 1.2 --http1.1 \
        --resolve www.site.test:443:127.0.0.1 https://www.site.test/
    in_web curl -s -k -o /dev/null --tlsv1.3 --http2 \
        --resolve api.site.test:443:127.0.0.1 https://api.site.test/style.css
    in_web curl -s -k -o /dev/null --tlsv1.3 --http1.1 \
        --resolve cdn.site.test:443:127.0.0.1 https://cdn.site.test/app.js
    stop_capture https-sni
}

record_ipv6() {
    log "ipv6: a page load over ::1"
    start_capture ipv6 "$WEB_NS" lo "ip6 and tcp port 80"
    local args=()
    for path in / /style.css /app.js /img/logo.png; do args+=(-o /dev/null "http://[::1]$path"); done
    in_web curl -s -g "${args[@]}"
    stop_capture ipv6
}

# ---------------------------------------------------------------- p2p-overlay
# One namespace per host, each with a veth into a Linux bridge in $P2P_NS; the capture runs on the
# bridge (promiscuous, no address of its own), so every frame between the hosts is seen exactly once.
P2P_NET=10.99.0
P2P_SUPERNODE=$P2P_NET.10 P2P_WEB=$P2P_NET.80
P2P_PEERS=(21 22 23 24 25 26)    # peerN is $P2P_NET.2N and listens on port 710N
P2P_CLIENTS=(51 52)

p2p_namespace() {   # namespace: created, lo up, no IPv6 (no router solicitations or MLD reports on the wire)
    ip netns add "$1"
    P2P_CREATED+=("$1")
    ip -n "$1" link set lo up
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

p2p_host() {        # name address: a host namespace plugged into the bridge
    local ns="$P2P_NS-$1"
    p2p_namespace "$ns"
    ip -n "$P2P_NS" link add "p2p-$1" type veth peer name eth0 netns "$ns"
    ip -n "$P2P_NS" link set "p2p-$1" master br0 up
    ip -n "$ns" addr add "$2/24" dev eth0
    ip -n "$ns" link set eth0 up
}

in_p2p() { local host=$1; shift; ip netns exec "$P2P_NS-$host" "$@"; }

record_p2p_overlay() {
    log "p2p-overlay: a supernode, six peers meshing (one message relayed), a web server and two clients on one bridge"
    p2p_namespace "$P2P_NS"
    ip -n "$P2P_NS" link add br0 type bridge
    ip -n "$P2P_NS" link set br0 up
    p2p_host super "$P2P_SUPERNODE"
    p2p_host web "$P2P_WEB"
    local n
    for n in "${P2P_PEERS[@]}"; do p2p_host "peer${n#2}" "$P2P_NET.$n"; done
    for n in "${P2P_CLIENTS[@]}"; do p2p_host "cli${n#5}" "$P2P_NET.$n"; done

    in_p2p super python3 "$HERE/p2p/supernode.py" "$P2P_SUPERNODE" 7000 >"$WORK/supernode.log" 2>&1 &
    local supernode=$!
    PIDS+=($supernode)
    in_p2p web python3 -m http.server 8080 --bind "$P2P_WEB" --directory "$WORK/site" >"$WORK/web.log" 2>&1 &
    local web=$!
    PIDS+=($web)
    wait_for_port "$P2P_NS-super" "$P2P_SUPERNODE" 7000   # from inside the server's namespace: nothing on the bridge yet
    wait_for_port "$P2P_NS-web" "$P2P_WEB" 8080

    start_capture p2p-overlay "$P2P_NS" br0 "ip or arp"
    # Each peer logs in, asks for the list until all six are there, connects to the next two in address
    # order (a ring: every peer accepts two and makes two) and stays online 4 s. peer1 sends one message
    # to peer3 through peer2 (RELAY), which peer2 forwards on its own connection to peer3.
    local peers=() count=${#P2P_PEERS[@]}
    for n in "${P2P_PEERS[@]}"; do
        local name="peer${n#2}" relay=()
        [ "$name" = peer1 ] && relay=(2.5 "$P2P_NET.22:7102" "$P2P_NET.23:7103" "MSG r1 from=peer1 text=hello-peer3-this-one-went-through-peer2")
        in_p2p "$name" python3 "$HERE/p2p/peer.py" "$name" "$P2P_NET.$n" "710${n#2}" "$P2P_SUPERNODE" 7000 "$count" 2 4 "${relay[@]}" \
            2>>"$WORK/peers.log" &
        peers+=($!)
        sleep 0.15
    done
    # Two plain clients of a plain web server on the same segment.
    sleep 1
    in_p2p cli1 curl -s -o /dev/null -o /dev/null "http://$P2P_WEB:8080/" "http://$P2P_WEB:8080/style.css"
    sleep 0.4
    in_p2p cli2 curl -s -o /dev/null -o /dev/null -o /dev/null "http://$P2P_WEB:8080/" "http://$P2P_WEB:8080/app.js" "http://$P2P_WEB:8080/img/logo.png"
    wait "${peers[@]}"
    sed 's/^/   /' "$WORK/peers.log" >&2
    stop_capture p2p-overlay
    kill "$supernode" "$web" 2>/dev/null || true

    # The role each host was built with, beside the capture (tests compare -z roles with it).
    {
        printf '# address\trole\trelays\t(how samples/record.sh built each host of p2p-overlay.pcapng)\n'
        printf '%s\tsupernode\tno\n' "$P2P_SUPERNODE"
        for n in "${P2P_PEERS[@]}"; do
            printf '%s\tpeer\t%s\n' "$P2P_NET.$n" "$([ "$n" = 22 ] && echo yes || echo no)"
        done
        printf '%s\tserver\tno\n' "$P2P_WEB"
        for n in "${P2P_CLIENTS[@]}"; do printf '%s\tclient\tno\n' "$P2P_NET.$n"; done
    } >"$OUT/p2p-overlay.roles.tsv"
}

# Every sample but p2p-overlay needs nginx (the web namespace, or the lossy path's server).
needs_web_namespace() {
    local sample
    for sample in "${SAMPLES[@]}"; do [ "$sample" = p2p-overlay ] || return 0; done
    return 1
}

# ---------------------------------------------------------------- main
install_tools
make_site
if needs_web_namespace; then
    make_certificate
    setup_web_namespace
fi
for sample in "${SAMPLES[@]}"; do
    case $sample in
        website-load) record_website_load ;;
        lossy-download) record_lossy_download ;;
        handshakes) record_handshakes ;;
        dns-zoo) record_dns_zoo ;;
        https-sni) record_https_sni ;;
        ipv6) record_ipv6 ;;
        p2p-overlay) record_p2p_overlay ;;
        *) echo "record.sh: unknown sample '$sample'" >&2; exit 1 ;;
    esac
done
log "done: $(ls "$OUT"/*.pcapng | wc -l) files in $OUT"
