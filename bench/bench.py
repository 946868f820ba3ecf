#!/usr/bin/env python3
"""Sniffer's benchmark: the same jobs through Sniffer, tshark, tcpdump and a C libpcap loop, in one run.

Builds bench/data/big.pcap (>= 1 GB and >= 5 M packets of replayed real traffic) when missing, runs each
command several times with its output sent to /dev/null, and prints medians of packets/s, MB/s and peak
memory, with ratios against the reference tool for each job. No thresholds: it reports, it doesn't judge.

usage: bench/bench.py [--size small|big] [--runs N] [--tshark-runs N] [--jobs fields,summary,count,...]
                      [--capture FILE] [--markdown FILE] [--skip tshark]
--size small makes and uses bench/data/small.pcap (50 k packets) to check the script itself quickly;
the README's table comes from the default big capture. --markdown writes the table for the README.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "conformance", "corpus"))
SEEDS = ["ppa__http_espn.pcapng", "ppa__http_espn_fail.pcapng", "ppa__arppoison.pcapng", "ppa__dns.pcap",
         "ppa__dns_query_response.pcapng", "ppa__cryptowall4_c2.pcapng", "ppa__tcp_handshake.pcapng"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def measure(cmd):
    """Runs cmd with stdout to /dev/null; returns (seconds, peak RSS in MB)."""
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        print(f"  ! {' '.join(cmd)} exited {code}: {err.strip()[:300]}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024.0


def build_capture(path, min_packets, min_bytes):
    seeds = [os.path.join(ROOT, "samples", "pcaps", f) for f in sorted(os.listdir(os.path.join(ROOT, "samples", "pcaps")))
             if f.endswith((".pcap", ".pcapng"))] if os.path.isdir(os.path.join(ROOT, "samples", "pcaps")) else []
    seeds += [os.path.join(CORPUS, s) for s in SEEDS if os.path.exists(os.path.join(CORPUS, s))]
    if not seeds:
        sys.exit("bench: no seed captures (samples/pcaps or ../shared/conformance/corpus)")
    out = os.path.join(ROOT, ".build", "bigcapture")
    sh(["dotnet", "build", os.path.join(HERE, "BigCapture"), "-c", "Release", "-o", out, "--nologo", "-v", "q"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sh([os.path.join(out, "bigcapture"), path, str(min_packets), str(min_bytes)] + seeds)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=["small", "big"], default="big")
    ap.add_argument("--capture")
    ap.add_argument("--min-packets", type=int)
    ap.add_argument("--min-bytes", type=int)
    ap.add_argument("--markdown", help="also write the results as a markdown table to this file")
    ap.add_argument("--runs", type=int, default=3, help="runs of each fast command (median reported)")
    ap.add_argument("--tshark-runs", type=int, default=1, help="runs of each tshark command (slow)")
    ap.add_argument("--jobs", default="fields,summary,count,retrans,synack")
    ap.add_argument("--skip", default="", help="tools to leave out, e.g. tshark (to re-measure Sniffer against an earlier run)")
    args = ap.parse_args()
    small = args.size == "small"
    args.capture = args.capture or os.path.join(HERE, "data", "small.pcap" if small else "big.pcap")
    args.min_packets = args.min_packets or (50_000 if small else 5_000_000)
    args.min_bytes = args.min_bytes or (10_000_000 if small else 1_000_000_000)

    if not os.path.exists(args.capture):
        build_capture(args.capture, args.min_packets, args.min_bytes)
    size_mb = os.path.getsize(args.capture) / 1e6
    sniffer = os.path.join(ROOT, "sniffer")
    sh([sniffer, "--version"], stdout=subprocess.DEVNULL)  # build first, outside the timings
    packets = int(subprocess.run(["capinfos", "-c", "-M", args.capture], capture_output=True, text=True)
                  .stdout.split()[-1]) if shutil.which("capinfos") else None
    loop = os.path.join(ROOT, ".build", "pcaploop")
    if shutil.which("cc") and not os.path.exists(loop):
        subprocess.run(["cc", "-O2", "-o", loop, os.path.join(HERE, "pcaploop.c"), "-lpcap"])
    cap = args.capture
    fields = ["-T", "fields", "-e", "frame.number", "-e", "ip.src", "-e", "tcp.srcport"]
    jobs = {
        "fields": ("3 fields per packet (-T fields)", [
            ("sniffer", [sniffer, "-r", cap, "-n"] + fields, args.runs),
            ("tshark", ["tshark", "-r", cap, "-n"] + fields, args.tshark_runs)], "tshark"),
        "summary": ("one summary line per packet", [
            ("sniffer", [sniffer, "-r", cap, "-n"], args.runs),
            ("tcpdump", ["tcpdump", "-nr", cap], args.runs),
            ("tshark", ["tshark", "-r", cap, "-n"], args.tshark_runs)], "tcpdump"),
        "count": ("count packets (-T fields -e frame.number)", [
            ("sniffer", [sniffer, "-r", cap, "-T", "fields", "-e", "frame.number"], args.runs),
            ("C pcap_next_ex loop", [loop, cap], args.runs)], "C pcap_next_ex loop"),
        "retrans": ("TCP analysis + -Y tcp.analysis.retransmission", [
            ("sniffer", [sniffer, "-r", cap, "-n", "-Y", "tcp.analysis.retransmission"], args.runs),
            ("tshark", ["tshark", "-r", cap, "-n", "-Y", "tcp.analysis.retransmission"], args.tshark_runs)], "tshark"),
        "synack": ("-Y 'tcp.flags.syn == 1 && tcp.flags.ack == 1'", [
            ("sniffer", [sniffer, "-r", cap, "-n", "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 1"], args.runs),
            ("tshark", ["tshark", "-r", cap, "-n", "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 1"], args.tshark_runs)], "tshark"),
    }
    machine = f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    print(f"capture: {cap} ({size_mb:.0f} MB, {packets or '?'} packets); {machine}; medians")
    rows = []
    print(f"{'job':48} {'tool':20} {'seconds':>8} {'packets/s':>11} {'MB/s':>8} {'peak MB':>8} {'ratio':>7}")
    # Every command's runs are interleaved with the others' (round 1 of everything, then round 2, ...):
    # on a shared machine whose speed drifts over minutes, drift then falls on all tools alike.
    planned = []
    for name in args.jobs.split(","):
        title, commands, reference = jobs[name]
        for tool, cmd, runs in commands:
            if tool in args.skip.split(","):
                continue
            if not shutil.which(cmd[0]) and not os.path.exists(cmd[0]):
                print(f"{title:48} {tool:20} {'(not installed)':>8}")
                continue
            planned.append((name, tool, cmd, max(1, runs)))
    samples = {(name, tool): [] for name, tool, _, _ in planned}
    for round_index in range(max((runs for *_, runs in planned), default=0)):
        for name, tool, cmd, runs in planned:
            if round_index < runs:
                samples[(name, tool)].append(measure(cmd))
    for name in args.jobs.split(","):
        title, commands, reference = jobs[name]
        results = {}
        for tool, _, _ in commands:
            if (name, tool) not in samples:
                continue
            taken = samples[(name, tool)]
            results[tool] = (statistics.median(s for s, _ in taken), max(m for _, m in taken))
        ref = results.get(reference)
        for tool, (secs, rss) in results.items():
            pps = packets / secs if packets else 0
            ratio = f"{ref[0] / secs:6.2f}x" if ref and tool != reference else ""
            print(f"{title:48} {tool:20} {secs:8.2f} {pps:11,.0f} {size_mb / secs:8.1f} {rss:8.0f} {ratio:>7}")
            rows.append((title, tool, secs, pps, size_mb / secs, rss, ratio.strip(), reference))
    print("ratio = reference tool's time / this tool's time (above 1: faster than the reference)")
    if args.markdown:
        with open(args.markdown, "w") as out:
            out.write(markdown_table(rows, cap, size_mb, packets, machine, args))
        print(f"markdown table written to {args.markdown}")


def markdown_table(rows, cap, size_mb, packets, machine, args):
    """The README's benchmark table: machine, commands, medians, ratios against each job's reference."""
    lines = [f"Capture: `{os.path.basename(cap)}`, {size_mb:.0f} MB, {packets or '?'} packets; {machine}; "
             f"medians of {args.runs} runs ({args.tshark_runs} for tshark), interleaved, output to /dev/null, file in page cache.", "",
             "| job | tool | seconds | packets/s | MB/s | peak MB | speed vs reference |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for title, tool, secs, pps, mbs, rss, ratio, reference in rows:
        shown = ratio if ratio else ("reference" if tool == reference else "")
        lines.append(f"| {title} | {tool} | {secs:.2f} | {pps:,.0f} | {mbs:.1f} | {rss:.0f} | {shown} |")
    lines.append("")
    lines.append("Speed vs reference = the reference tool's time / this tool's time (above 1: faster).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
