#!/usr/bin/env python3
"""The supernode of the p2p-overlay sample: peers log in to it and ask it who else is there.

A line-based protocol over TCP (one connection per peer, kept open while the peer is online):

    HELLO <name> <listen-port>    ->  WELCOME <name> <peers-online>
    LIST                          ->  PEERS <ip:port> <ip:port> ...   (every peer online but the asker)
    BYE                           ->  BYE  (and the supernode closes)

and a UDP announce on the next port, answered from the same fixed port to each peer's ephemeral port:

    ANNOUNCE <name> <listen-port> ->  ACK <name>

Usage: supernode.py ADDRESS TCP-PORT   (UDP on TCP-PORT + 1); stops on SIGTERM.
"""
import signal
import socket
import socketserver
import sys
import threading

online = {}  # (ip, listen-port) -> name
lock = threading.Lock()


class Login(socketserver.StreamRequestHandler):
    def handle(self):
        me = None
        for raw in self.rfile:
            words = raw.decode("ascii", "replace").split()
            if not words:
                continue
            if words[0] == "HELLO" and len(words) == 3:
                me = (self.client_address[0], int(words[2]))
                with lock:
                    online[me] = words[1]
                    count = len(online)
                self.send(f"WELCOME {words[1]} {count}")
            elif words[0] == "LIST":
                with lock:
                    others = sorted(f"{ip}:{port}" for (ip, port) in online if (ip, port) != me)
                self.send("PEERS " + " ".join(others))
            elif words[0] == "BYE":
                self.send("BYE")
                break
        if me is not None:
            with lock:
                online.pop(me, None)

    def send(self, line):
        self.wfile.write((line + "\n").encode("ascii"))
        self.wfile.flush()


class Announce(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        words = data.decode("ascii", "replace").split()
        if len(words) == 3 and words[0] == "ANNOUNCE":
            sock.sendto(f"ACK {words[1]}\n".encode("ascii"), self.client_address)


class TcpServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    address, port = sys.argv[1], int(sys.argv[2])
    tcp = TcpServer((address, port), Login)
    udp = socketserver.ThreadingUDPServer((address, port + 1), Announce)
    threading.Thread(target=udp.serve_forever, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=tcp.shutdown).start())
    print(f"supernode on {address}:{port} (udp {port + 1})", flush=True)
    tcp.serve_forever()


if __name__ == "__main__":
    main()
