#!/usr/bin/env python3
"""Turns a JMH JSON result into benchmarks/RESULTS.md: per backend, our ops/s, the raw
baseline's ops/s and the ratio, plus the machine, versions and date. With RESULTS_INTERLEAVED (the
table InterleavedRatios printed), its ratios are the ones of record: each the median of rounds in
which ours and raw alternated in one JVM, which a change of the machine's load cannot tilt."""
import json, platform, subprocess, sys, datetime, os, zipfile

results = json.load(open(sys.argv[1]))
footprint = sys.argv[2] if len(sys.argv) > 2 else ""
table = {}
for r in results:
    method = r["benchmark"].rsplit(".", 1)[1]
    backend = r["params"]["backend"]
    raw = method.endswith("Raw")
    op = method[:-3] if raw else method
    score = r["primaryMetric"]["score"]
    error = r["primaryMetric"].get("scoreError")
    error = error if isinstance(error, (int, float)) and error == error else 0  # NaN with one iteration
    table.setdefault(backend, {}).setdefault(op, {})["raw" if raw else "ours"] = (score, error)

interleaved = {}
if os.environ.get("RESULTS_INTERLEAVED") and os.path.exists(os.environ["RESULTS_INTERLEAVED"]):
    for line in open(os.environ["RESULTS_INTERLEAVED"]):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1] not in ("operation", "---"):
            try:
                interleaved[(cells[0], cells[1])] = (cells[2], cells[3], float(cells[4]))
            except ValueError:
                pass

def fmt(v):
    return f"{v[0]:,.0f} ± {v[1]:,.0f}" if v else "n/a"

def cmd(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "unknown"

java = results[0]["vmName"] + " " + results[0]["jdkVersion"] if results else "unknown"
cpu = cmd(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).strip()
print("# Benchmark results\n")
print(f"Date: {datetime.date.today().isoformat()}  ")
print(f"Machine: {os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}  ")
print(f"JVM: {java}  ")
if results:
    r0 = results[0]
    print(f"JMH: {r0['jmhVersion']}, {r0['warmupIterations']} warm-up x {r0['warmupTime']}, "
          f"{r0['measurementIterations']} measured x {r0['measurementTime']}, {r0['forks']} fork(s)\n")
VERSIONS = ["spring-boot", "hibernate-core", "HikariCP", "h2", "sqlite-jdbc", "postgresql", "mariadb-java-client",
            "lettuce-core", "spring-data-redis", "mongodb-driver-sync", "spring-data-mongodb", "mongo-java-server"]
here = os.path.dirname(os.path.abspath(__file__))
try:
    found = {}
    with zipfile.ZipFile(os.path.join(here, "target", "benchmarks.jar")) as jar:
        for name in jar.namelist():
            if name.endswith("/pom.properties"):
                props = dict(l.split("=", 1) for l in jar.read(name).decode().splitlines() if "=" in l)
                if props.get("artifactId") in VERSIONS:
                    found[props["artifactId"]] = props.get("version", "?")
    more = os.environ.get("RESULTS_VERSIONS", "")
    print("Versions: " + ", ".join([more] if more else []) + (", " if more else "")
          + ", ".join(f"{a} {found[a]}" for a in VERSIONS if a in found) + "  ")
except Exception:
    pass
print("Services: PostgreSQL, MariaDB and Redis on localhost; H2 and SQLite on temp files; MongoDB is the "
      "in-process mongo-java-server (no MongoDB server on this machine), so its figures show the driver and "
      "library overhead, not a real server's. " + os.environ.get("RESULTS_CONDITIONS", "") + "\n")
print("Throughput in operations per second (savePeers1000: peers per second). Ratio = ours / raw "
      "driver doing the same logical work in the same run; target >= 0.8.\n")
if interleaved:
    print("The ratios of record are the interleaved ones (`InterleavedRatios`, " + os.environ.get("RESULTS_INTERLEAVED_ROUNDS", "")
          + " rounds per side, who goes first alternating; the median of the per-round ratios): ours and raw alternate "
          "in one JVM, so a change of the machine's load between JMH's forks, which run minutes apart, cannot tilt "
          "them. The JMH columns give each side's throughput with its error; their ratio is shown too.\n")
SINGLE = ["savePeer", "loadPeer", "loadPeerByUsername", "setUpdateState", "saveAndLoadSession"]

def ratio(backend, op):
    if (backend, op) in interleaved:
        return interleaved[(backend, op)][2]
    row = table[backend].get(op, {})
    ours, raw = row.get("ours"), row.get("raw")
    return ours[0] / raw[0] if ours and raw and raw[0] else None

def raw_factor(backend):
    single = table[backend].get("savePeer", {}).get("raw")
    batch = table[backend].get("savePeers1000", {}).get("raw")
    return f"{batch[0] / single[0]:.1f}x" if single and batch else "n/a"

print("## Summary\n")
print("| backend | single-record ops, lowest ratio (>= 0.8) | savePeers1000 ratio (>= 0.8) | savePeers1000 per peer vs savePeer (>= 10x) | the same for the raw driver |")
print("|---|---:|---:|---:|---:|")
for backend in sorted(table):
    singles = [r for r in (ratio(backend, op) for op in SINGLE) if r is not None]
    single = table[backend].get("savePeer", {}).get("ours")
    batch = table[backend].get("savePeers1000", {}).get("ours")
    batch_ratio = ratio(backend, "savePeers1000")
    print(f"| {backend} | {min(singles):.2f} | " + (f"{batch_ratio:.2f}" if batch_ratio else "n/a") + " | "
          + (f"{batch[0] / single[0]:.1f}x" if single and batch else "n/a") + " | " + raw_factor(backend) + " |")
print()
for backend in sorted(table):
    print(f"## {backend}\n")
    print("| operation | ours (ops/s, JMH) | raw baseline (ops/s, JMH) | JMH ratio | ours, interleaved | raw, interleaved | interleaved ratio (of record) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for op in ["savePeer", "savePeers1000", "loadPeer", "loadPeerByUsername", "setUpdateState", "saveAndLoadSession"]:
        row = table[backend].get(op, {})
        ours, raw = row.get("ours"), row.get("raw")
        jmh_ratio = f"{ours[0] / raw[0]:.2f}" if ours and raw and raw[0] else "n/a"
        i = interleaved.get((backend, op))
        print(f"| {op} | {fmt(ours)} | {fmt(raw)} | {jmh_ratio} | " + (f"{i[0]} | {i[1]} | **{i[2]:.2f}**" if i else "n/a | n/a | n/a") + " |")
    single = table[backend].get("savePeer", {}).get("ours")
    batch = table[backend].get("savePeers1000", {}).get("ours")
    if single and batch:
        print(f"\nsavePeers(1000) per peer vs savePeer: {batch[0] / single[0]:.1f}x faster (target >= 10x).\n")
    else:
        print()
    causes = os.path.join(here, "causes", backend + ".md")
    if os.path.exists(causes) and not os.environ.get("RESULTS_NO_CAUSES"):
        print("*Notes kept by hand: figures in them are from the runs they date; the table above is this run's.*\n")
        print(open(causes).read().strip() + "\n")
if footprint:
    print("## Memory footprint\n")
    print(footprint + " (target: at most 300 bytes per peer at 1,000,000 peers).")
copying = os.path.join(here, "copying.md")
if os.path.exists(copying):
    # Written by hand from benchmarks/copy.sh: copying is timed once, not by JMH.
    print("\n" + open(copying).read().strip())
