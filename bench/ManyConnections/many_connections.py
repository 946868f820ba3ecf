#!/usr/bin/env python3
"""Synthesises a capture of N short TCP connections and reports the peak memory of a TCP-analysis pass.

Each connection is 7 Ethernet/IPv4/TCP frames: SYN, SYN/ACK, ACK, a request (client data), the response
(server data), FIN/ACK from the client, FIN/ACK from the server and the last ACK (8 frames in all), with
its own 4-tuple (client 10.a.b.c, port 1024+; server 10.255.0.1:80). Connections follow one another
(at most CONCURRENT open at once), so a tool whose per-connection state is released when the connection
closes runs in bounded memory; one that keeps every connection grows with N.

usage: many_connections.py [--connections 1000000] [--out bench/data/many-connections.pcap]
                           [--cmd './sniffer'] [--tshark] [--jobs flags,conn]
Prints one line per job: tool, job, seconds, peak RSS (MB). The machine may be shared: seconds are
only indicative, peak RSS is what this benchmark is for.
"""
import argparse, os, struct, subprocess, sys, time

CONCURRENT = 100   # connections interleaved at once


def frame(src_ip, dst_ip, sport, dport, seq, ack, flags, payload=b""):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0x4000, 64, 6, 0, src_ip, dst_ip)
    eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    return eth + ip + tcp


def connection_frames(i):
    cli = bytes((10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF))
    srv = bytes((10, 255, 0, 1))
    sport = 1024 + (i % 60000)
    c, s = 1000, 5000          # ISNs
    req = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    rsp = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    S, A, P, F = 0x02, 0x10, 0x08, 0x01
    return [
        frame(cli, srv, sport, 80, c, 0, S),
        frame(srv, cli, 80, sport, s, c + 1, S | A),
        frame(cli, srv, sport, 80, c + 1, s + 1, A),
        frame(cli, srv, sport, 80, c + 1, s + 1, P | A, req),
        frame(srv, cli, 80, sport, s + 1, c + 1 + len(req), P | A, rsp),
        frame(cli, srv, sport, 80, c + 1 + len(req), s + 1 + len(rsp), F | A),
        frame(srv, cli, 80, sport, s + 1 + len(rsp), c + 2 + len(req), F | A),
        frame(cli, srv, sport, 80, c + 2 + len(req), s + 2 + len(rsp), A),
    ]


def write_capture(path, n):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    t = 1_700_000_000 * 1_000_000
    with open(path, "wb", buffering=1 << 20) as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        # CONCURRENT connections at a time, their frames interleaved step by step.
        for base in range(0, n, CONCURRENT):
            group = [connection_frames(i) for i in range(base, min(n, base + CONCURRENT))]
            for step in range(8):
                for frames in group:
                    data = frames[step]
                    f.write(struct.pack("<IIII", t // 1_000_000, t % 1_000_000, len(data), len(data)))
                    f.write(data)
                    t += 10
    return n * 8


def run(cmd):
    """Runs cmd under /usr/bin/time; returns (exit status, seconds, peak RSS in MB of that command alone)."""
    report = "/tmp/many-connections.time"
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        rc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report, "sh", "-c", "exec " + cmd], stdout=null).returncode
    secs = time.monotonic() - start
    with open(report) as f:
        rss_kb = int(f.read().split()[-1])
    return rc, secs, rss_kb / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connections", type=int, default=1_000_000)
    ap.add_argument("--out", default="bench/data/many-connections.pcap")
    ap.add_argument("--cmd", default="./sniffer")
    ap.add_argument("--tshark", action="store_true", help="also run tshark on the same jobs")
    ap.add_argument("--jobs", default="flags", help="comma list of: flags (-Y tcp.analysis.flags), conn (-q -z conn)")
    a = ap.parse_args()
    if not os.path.exists(a.out):
        frames = write_capture(a.out, a.connections)
        print(f"{a.out}: {a.connections} connections, {frames} frames, {os.path.getsize(a.out)} bytes")
    # Build first (./sniffer builds itself when sources changed) so the build is not measured.
    subprocess.run(f"{a.cmd} --version", shell=True, stdout=subprocess.DEVNULL)
    jobs = {"flags": "-Y tcp.analysis.flags", "conn": "-q -z conn"}
    tools = [("sniffer", a.cmd)] + ([("tshark", "tshark")] if a.tshark else [])
    for job in a.jobs.split(","):
        for name, cmd in tools:
            if name == "tshark" and job == "conn":
                job_args = "-q -z conv,tcp"   # tshark has no -z conn; its nearest per-connection table
            else:
                job_args = jobs[job]
            rc, secs, rss = run(f"{cmd} -r {a.out} -n {job_args}")
            print(f"{name:8} {job:6} rc={rc} {secs:8.1f} s  peak RSS {rss:8.1f} MB")


if __name__ == "__main__":
    main()
