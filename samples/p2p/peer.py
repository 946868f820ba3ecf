#!/usr/bin/env python3
"""A peer of the p2p-overlay sample: it listens on its own port, logs in to the supernode, asks it for
the peer list, connects to the next peers in address order and accepts the connections of the others.

Peer to peer, a line-based protocol over TCP (connections stay open while both peers are online):

    HELLO <name> <listen-port>    ->  HI <name>
    PING <name> <n>               ->  PONG <name> <n>
    RELAY <ip:port> <message...>  ->  (nothing back) <message...> is sent on to the peer at ip:port
    MSG <id> <text...>            ->  (nothing back) a message for this peer
    BYE                               closes

Before logging in over TCP the peer announces itself over UDP (ANNOUNCE <name> <port>, see supernode.py).

Usage: peer.py NAME ADDRESS PORT SUPERNODE-ADDRESS SUPERNODE-PORT PEERS FANOUT LIFETIME-S [RELAY-AT-S VIA DEST MESSAGE]
"""
import ipaddress
import socket
import sys
import threading
import time


def log(*words):
    print(NAME, *words, file=sys.stderr, flush=True)


class Link:
    """One TCP connection to another peer, in either direction, read by its own thread."""

    def __init__(self, sock):
        self.sock = sock
        self.lines = sock.makefile("rb")
        self.lock = threading.Lock()

    def send(self, line):
        with self.lock:
            self.sock.sendall((line + "\n").encode("ascii"))

    def read(self):
        raw = self.lines.readline()
        return raw.decode("ascii", "replace").strip() if raw else None


links = {}  # "ip:port" of the other peer's listening socket -> Link
links_lock = threading.Lock()


def serve(link, other):
    """Answers what arrives on a connection until it closes."""
    while (line := link.read()) is not None:
        words = line.split(" ", 2)
        if words[0] == "HELLO" and len(words) == 3:
            other = f"{link.sock.getpeername()[0]}:{words[2]}"
            with links_lock:
                links.setdefault(other, link)
            link.send(f"HI {NAME}")
        elif words[0] == "PING" and len(words) == 3:
            link.send(f"PONG {NAME} {words[2]}")
        elif words[0] == "RELAY" and len(words) == 3:
            with links_lock:
                onward = links.get(words[1])
            if onward is None:
                onward = connect(words[1])
            log("relays to", words[1], ":", words[2])
            onward.send(words[2])
        elif words[0] == "MSG":
            log("got", line)
        elif words[0] == "BYE":
            break
    with links_lock:
        if links.get(other) is link:
            del links[other]
    link.sock.close()


def connect(target):
    ip, port = target.rsplit(":", 1)
    link = Link(socket.create_connection((ip, int(port)), timeout=5))
    link.sock.settimeout(None)
    link.send(f"HELLO {NAME} {PORT}")
    reply = link.read()
    assert reply and reply.startswith("HI "), reply
    with links_lock:
        links[target] = link
    threading.Thread(target=serve, args=(link, target), daemon=True).start()
    return link


def accept_forever(listener):
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=serve, args=(Link(sock), None), daemon=True).start()


def announce(supernode, port):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((ADDRESS, 0))
    udp.settimeout(1)
    for _ in range(3):
        udp.sendto(f"ANNOUNCE {NAME} {PORT}".encode("ascii"), (supernode, port))
        try:
            udp.recvfrom(512)
            break
        except socket.timeout:
            pass
    udp.close()


def main():
    global NAME, ADDRESS, PORT
    NAME, ADDRESS, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])
    supernode, supernode_port = sys.argv[4], int(sys.argv[5])
    expected, fanout, lifetime = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
    relay = sys.argv[9:13] if len(sys.argv) >= 13 else None
    started = time.monotonic()

    listener = socket.create_server((ADDRESS, PORT), reuse_port=False)
    threading.Thread(target=accept_forever, args=(listener,), daemon=True).start()

    announce(supernode, supernode_port + 1)
    login = Link(socket.create_connection((supernode, supernode_port), source_address=(ADDRESS, 0)))
    login.send(f"HELLO {NAME} {PORT}")
    login.read()
    # Ask for the list until every peer has logged in (the supernode is the only rendezvous).
    while True:
        login.send("LIST")
        peers = login.read().split()[1:]
        if len(peers) >= expected - 1 or time.monotonic() - started > 15:
            break
        time.sleep(0.3)

    me = f"{ADDRESS}:{PORT}"
    ring = sorted(peers + [me], key=lambda p: ipaddress.ip_address(p.rsplit(":", 1)[0]))
    at = ring.index(me)
    for step in range(1, fanout + 1):
        target = ring[(at + step) % len(ring)]
        if target == me:
            continue
        link = connect(target)
        link.send(f"PING {NAME} {step}")

    if relay:
        relay_at, via, dest, message = float(relay[0]), relay[1], relay[2], relay[3]
        time.sleep(max(0.0, relay_at - (time.monotonic() - started)))
        with links_lock:
            link = links.get(via)
        link = link or connect(via)
        log("sends through", via, "to", dest, ":", message)
        link.send(f"RELAY {dest} {message}")

    time.sleep(max(0.0, lifetime - (time.monotonic() - started)))
    login.send("BYE")
    login.read()
    login.sock.close()
    with links_lock:
        mine = list(links.values())
    for link in mine:
        try:
            link.send("BYE")
            link.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
    time.sleep(0.3)


if __name__ == "__main__":
    main()
