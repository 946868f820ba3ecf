#!/usr/bin/env python3
"""Regenerates Golden/Bpf/tcpdump-bpf.tsv: which frames of each sample tcpdump (libpcap) selects for each BPF
expression. tcpdump numbers only the packets it prints, so its packets are mapped back to the file's frame
numbers by their nanosecond timestamps (in order: the selected packets are a subsequence of the file).
Run from the repository root: python3 tests/Cli.Tests/make-bpf-golden.py"""
import os, subprocess, sys

EXPRESSIONS = [
    "tcp", "udp", "ip", "ip6", "icmp", "arp", "not arp", "vlan",
    "tcp port 80", "udp port 53", "dst port 443", "tcp and not port 80", "portrange 1-1024",
    "host 127.0.0.1", "host 10.77.2.2", "src host 10.77.2.2 and tcp", "net 10.0.0.0/8", "net 10.99.0.0/16",
    "ip6 host ::1", "tcp[tcpflags] & tcp-syn != 0", "tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)",
    "tcp[tcpflags] & tcp-rst != 0", "len > 100", "less 80", "greater 1000", "ether src 00:00:00:00:00:00",
    "udp and (port 53 or port 5353)", "ip[8] == 64",
]

def stamps(path, expr=None):
    cmd = ["tcpdump", "--time-stamp-precision=nano", "-tt", "-nr", path] + ([expr] if expr else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return [line.split(" ", 1)[0] for line in out.splitlines() if line and line[0].isdigit()]

def ranges(numbers):
    parts, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1: j += 1
        parts.append(str(numbers[i]) if i == j else f"{numbers[i]}-{numbers[j]}")
        i = j + 1
    return ",".join(parts) if parts else "-"

def main():
    samples = "samples/pcaps"
    rows = ["# file\texpression\tcount\tframes (tcpdump " + subprocess.run(["tcpdump", "--version"], capture_output=True, text=True).stdout.splitlines()[0].split()[-1] + ")"]
    for name in sorted(f for f in os.listdir(samples) if f.endswith((".pcap", ".pcapng"))):
        path = os.path.join(samples, name)
        every = stamps(path)
        for expr in EXPRESSIONS:
            chosen, frames, k = stamps(path, expr), [], 0
            for ts in chosen:
                while every[k] != ts: k += 1
                k += 1
                frames.append(k)
            rows.append(f"{name}\t{expr}\t{len(frames)}\t{ranges(frames)}")
    with open("tests/Cli.Tests/Golden/Bpf/tcpdump-bpf.tsv", "w") as f:
        f.write("\n".join(rows) + "\n")

if __name__ == "__main__":
    sys.exit(main())
