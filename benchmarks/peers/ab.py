#!/usr/bin/env python3
"""Two builds of this library on the peer benchmark's workloads, in alternating rounds.

Starts PeerWorker from each benchmarks jar (one process each, own files), then runs each workload
for 0.5 s on one and then the other, the order swapping from round to round, and prints per
workload and durability set the medians and the median of the per-round ratios new/old. For a
change of the store's SQLite statements or layout, where the peer benchmark's own ratio (against
Telethon and mtcute, measured seconds apart) is too noisy to show 10%.

  python3 benchmarks/peers/ab.py <old benchmarks.jar> <new benchmarks.jar> [rounds] [workloads]
  (data from benchmarks/peers/run.sh in benchmarks/target/peers; workloads: scattered,id,batch,username,single)
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "target", "peers")
URL = "journal_mode=WAL&busy_timeout=10000&open_mode=32774"
SETS = ["full=" + URL + "&synchronous=FULL", "normal=" + URL + "&synchronous=NORMAL"]


def start(jar, work):
    process = subprocess.Popen(["java", "-Xmx1g", "-cp", jar, "io.mtgo.storage.benchmarks.peers.PeerWorker", DATA, work] + SETS,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.startswith("ready"):
            return process
    raise SystemExit(jar + ": the worker stopped before it was ready")


def run(process, set_name, workload, seconds=0.5):
    process.stdin.write(f"run {set_name} {workload} {seconds}\n")
    process.stdin.flush()
    result = json.loads(process.stdout.readline())
    return result["items"] / result["seconds"]


def main():
    old_jar, new_jar = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    workloads = sys.argv[4].split(",") if len(sys.argv) > 4 else ["scattered", "id"]
    workers = {"old": start(old_jar, tempfile.mkdtemp(prefix="peers-ab-old-")),
               "new": start(new_jar, tempfile.mkdtemp(prefix="peers-ab-new-"))}
    print("| workload | set | old (per s) | new (per s) | new / old, per round (median) | range |")
    print("|---|---|---:|---:|---:|---|")
    for workload in workloads:
        for set_name in ("full", "normal"):
            for process in workers.values():
                run(process, set_name, workload)  # warm-up
            rates = {"old": [], "new": []}
            ratios = []
            for round_number in range(rounds):
                got = {}
                for name in (["old", "new"] if round_number % 2 == 0 else ["new", "old"]):
                    got[name] = run(workers[name], set_name, workload)
                    rates[name].append(got[name])
                ratios.append(got["new"] / got["old"])
            print(f"| {workload} | {set_name} | {statistics.median(rates['old']):,.0f} | {statistics.median(rates['new']):,.0f} | "
                  f"{statistics.median(ratios):.3f} | {min(ratios):.2f}-{max(ratios):.2f} |", flush=True)
    for process in workers.values():
        process.stdin.write("quit\n")
        process.stdin.flush()
        process.wait()


if __name__ == "__main__":
    main()
