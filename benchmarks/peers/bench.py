"""Peer benchmark: this library's JDBC store on SQLite against Telethon's SQLiteSession and mtcute's
SqliteStorage, on the same generated peers, in interleaved rounds. Run by run.sh (next to this file),
which builds the Java side and installs mtcute first.

    /usr/bin/python3 benchmarks/peers/bench.py <work dir> <output markdown>

Environment: ROUNDS (default 11), SECONDS (time per measurement, default 0.5), PEER_COUNT (default 10000),
RESULTS_CONDITIONS (a sentence on what else ran meanwhile).

Each library runs in a long-lived worker process of its own (JVM, Python, Node), started once, so the
JVM is measured warm; the workers take turns, one measurement at a time, so none competes with
another for the 2 cores. One round measures every (durability set, workload, library); the order of
the libraries rotates from round to round. Reported: the median over the rounds of each measurement's
rate.
"""
import json
import os
import random
import statistics
import string
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

LIBRARIES = ["ours", "telethon", "mtcute"]
NAMES = {"ours": "this library", "telethon": "Telethon", "mtcute": "mtcute"}

# Per durability set: how each library's database is opened. Ours: sqlite-jdbc URL parameters;
# Telethon and mtcute: pragmas run once on their connection ("default": nothing changed).
# Ours as docs/jdbc.md tells an application to configure SQLite: WAL, a busy timeout and SQLite's
# multi-thread mode (open_mode=32774: no lock of SQLite's own around each call, as mtcute's
# better-sqlite3 is built) on the URL, a pool of one connection (PeerWorker).
OURS_URL = "journal_mode=WAL&busy_timeout=10000&open_mode=32774"
SETS = {
    "default": {"ours": OURS_URL, "telethon": "default", "mtcute": "default"},
    "full": {"ours": OURS_URL + "&synchronous=FULL", "telethon": "journal_mode=WAL,synchronous=FULL",
             "mtcute": "synchronous=FULL"},
    "normal": {"ours": OURS_URL + "&synchronous=NORMAL", "telethon": "journal_mode=WAL,synchronous=NORMAL",
               "mtcute": "synchronous=NORMAL"},
}
SET_TITLES = {
    "default": "each library's default durability",
    "full": "all three in WAL, `synchronous=FULL` (fsync on every commit)",
    "normal": "all three in WAL, `synchronous=NORMAL` (no fsync on commit)",
}
WORKLOADS = ["batch", "scattered", "id", "username", "single"]
WORKLOAD_TITLES = {
    "batch": "batches of 100 peers, each durable (peers/s)",
    "scattered": "batches of 100 peers in other groups than they were first saved in, each durable (peers/s)",
    "id": "read by id (ops/s)",
    "username": "read by username, mixed case (ops/s)",
    "single": "single durable upsert (ops/s)",
}


def generate(data_dir, count):
    """Writes peers.tsv, order-id.txt and order-username.txt: fixed seed, so every run has the same data."""
    rng = random.Random(16)
    users, chats = int(count * 0.85), int(count * 0.03)
    channels = count - users - chats
    taken = set()

    def username():  # Telegram's rules: a letter first, no "__", no "_" last, 5 to 32 characters
        while True:
            name = rng.choice(string.ascii_letters) + "".join(
                rng.choice(string.ascii_letters + string.digits + "_") for _ in range(rng.randint(4, 19)))
            name += rng.choice(string.ascii_letters + string.digits)
            if "__" not in name and name.lower() not in taken:
                taken.add(name.lower())
                return name

    first_names = ["Alice", "Bob", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas"]
    last_names = ["", "Smith", "Ivanova", "Nakamura", "Okafor", "Rossi", "Schmidt"]
    rows = []
    for kind, n, id_range in (("user", users, (10**6, 8 * 10**9)), ("chat", chats, (10**6, 10**9)),
                              ("channel", channels, (10**9, 3 * 10**9))):
        for peer_id in rng.sample(range(*id_range), n):
            marked = {"user": peer_id, "chat": -peer_id, "channel": -(10**12 + peer_id)}[kind]
            access_hash = 0 if kind == "chat" else rng.randint(-2**63, 2**63 - 1)
            has_username = (kind == "user" and rng.random() < 0.75) or (kind == "channel" and rng.random() < 0.6)
            if kind == "user":
                first, last = rng.choice(first_names), rng.choice(last_names)
                phone = str(rng.randint(10**10, 10**11)) if rng.random() < 0.3 else ""
                bot = "1" if rng.random() < 0.03 else "0"
            else:
                first, last, phone, bot = "Group %d" % peer_id, "", "", "0"
            rows.append([kind, str(peer_id), str(marked), str(access_hash), username() if has_username else "",
                         first, last, phone, bot])
    rng.shuffle(rows)
    with open(os.path.join(data_dir, "peers.tsv"), "w", encoding="utf-8") as f:
        f.writelines("\t".join(row) + "\n" for row in rows)
    ids = [row[2] for row in rows]
    rng.shuffle(ids)
    with open(os.path.join(data_dir, "order-id.txt"), "w") as f:
        f.writelines(i + "\n" for i in ids)
    # Looked up with the case of every letter swapped: a hit needs case-insensitive lookup.
    names = [row[4].swapcase() for row in rows if row[4]]
    rng.shuffle(names)
    with open(os.path.join(data_dir, "order-username.txt"), "w", encoding="utf-8") as f:
        f.writelines(n + "\n" for n in names)
    return {"users": users, "chats": chats, "channels": channels, "usernames": len(names)}


class Worker:
    def __init__(self, name, command, work):
        self.name = name
        self.log = os.path.join(work, name + ".log")
        started = time.perf_counter()
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                            text=True, bufsize=1)
        line = self.process.stdout.readline()
        if not line.startswith("ready "):
            self.fail("did not start: %r" % line)
        self.info = json.loads(line[len("ready "):])
        self.start_seconds = time.perf_counter() - started

    def run(self, set_name, workload, seconds):
        self.process.stdin.write("run %s %s %s\n" % (set_name, workload, seconds))
        line = self.process.stdout.readline()
        if not line:
            self.fail("died during %s/%s" % (set_name, workload))
        result = json.loads(line)
        return result["items"] / result["seconds"]

    def fail(self, what):
        with open(self.log) as log:
            sys.stderr.write(log.read()[-4000:])
        raise SystemExit("%s worker %s (its stderr: %s)" % (self.name, what, self.log))

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        self.process.wait(timeout=60)


def main():
    work, output = sys.argv[1], sys.argv[2]
    rounds = int(os.environ.get("ROUNDS", "11"))
    seconds = float(os.environ.get("SECONDS", "0.5"))
    count = int(os.environ.get("PEER_COUNT", "10000"))
    os.makedirs(work, exist_ok=True)
    load_before = os.getloadavg()[0]
    counts = generate(work, count)
    began = time.perf_counter()

    def sets(library):
        return ["%s=%s" % (name, spec[library]) for name, spec in SETS.items()]

    java = os.environ.get("JAVA", "java")
    workers = {
        "ours": Worker("ours", [java, "-Xmx1g", "-cp", os.path.join(ROOT, "benchmarks/target/benchmarks.jar"),
                                "io.mtgo.storage.benchmarks.peers.PeerWorker", work, work] + sets("ours"), work),
        "telethon": Worker("telethon", ["/usr/bin/python3", os.path.join(HERE, "telethon_worker.py"), work, work]
                           + sets("telethon"), work),
        "mtcute": Worker("mtcute", ["node", os.path.join(HERE, "mtcute_worker.mjs"), work, work] + sets("mtcute"), work),
    }
    for library, worker in workers.items():
        print("%s: opened and filled %d peers x %d sets in %.1f s; %s" % (
            library, count, len(SETS), worker.start_seconds, json.dumps(worker.info)), flush=True)

    # Warm-up: every measurement once for three times the time, not counted (the JVM compiles, files settle).
    for set_name in SETS:
        for workload in WORKLOADS:
            for library in LIBRARIES:
                workers[library].run(set_name, workload, 3 * seconds)
    rates = {(s, w, l): [] for s in SETS for w in WORKLOADS for l in LIBRARIES}
    for round_ in range(rounds):
        order = LIBRARIES[round_ % 3:] + LIBRARIES[:round_ % 3]
        for set_name in SETS:
            for workload in WORKLOADS:
                for library in order:
                    rates[(set_name, workload, library)].append(workers[library].run(set_name, workload, seconds))
        print("round %d of %d done (%.0f s)" % (round_ + 1, rounds, time.perf_counter() - began), flush=True)
    for worker in workers.values():
        worker.close()
    elapsed = time.perf_counter() - began
    load_after = os.getloadavg()[0]

    median = {key: statistics.median(values) for key, values in rates.items()}
    # How far apart the rounds were: the interquartile range of each measurement over its median.
    spreads = sorted((statistics.quantiles(values, n=4)[2] - statistics.quantiles(values, n=4)[0]) / median[key]
                     for key, values in rates.items()) if rounds >= 2 else [0.0]
    spread = statistics.median(spreads)
    lines = [
        "<!-- peers -->",
        "## Peers: this library, Telethon and mtcute on SQLite",
        "",
        "Date: %s. %d peers (%d users, %d basic chats, %d channels; %d usernames, stored in mixed case and "
        "looked up with every letter's case swapped), generated once with a fixed seed and read by all three. "
        "%d rounds after one warm-up round (each measurement once, for three times the time); in each, every measurement runs for %.1f s, one library at a time, "
        "the libraries' order rotating from round to round; medians of the rounds (all rounds: "
        "`benchmarks/target/peers/rates.json`; the middle half of a measurement's rounds spans %.0f%% of its median, "
        "the median over all measurements, up to %.0f%%). %d s in all, on %d cores, 1-minute load average %.1f before and "
        "%.1f after. Conditions: %s. Produced by `benchmarks/peers/run.sh`."
        % (time.strftime("%Y-%m-%d", time.gmtime()), count, counts["users"], counts["chats"], counts["channels"],
           counts["usernames"], rounds, seconds, 100 * spread, 100 * spreads[-1], elapsed, os.cpu_count(), load_before,
           load_after, os.environ.get("RESULTS_CONDITIONS", "not stated")),
        "",
        "The last column compares within each round (this library's rate over the better of the other two in the "
        "same round, whose measurements ran seconds apart) and gives the median of those ratios, so a change of "
        "the machine's load between rounds cancels out; it need not equal the ratio of the medians.",
        "",
        "| workload | this library | Telethon | mtcute | this library / best other, per round (median) |",
        "|---|---:|---:|---:|---:|",
    ]
    for set_name in SETS:
        lines.append("| **%s** | | | | |" % SET_TITLES[set_name])
        for workload in WORKLOADS:
            ratios = [ours / max(telethon, mtcute) for ours, telethon, mtcute in
                      zip(*(rates[(set_name, workload, l)] for l in LIBRARIES))]
            cells = ["{:,.0f}".format(median[(set_name, workload, l)]) for l in LIBRARIES]
            lines.append("| %s | %s | %s | %s | %.2f |" % (WORKLOAD_TITLES[workload], cells[0], cells[1], cells[2],
                                                           statistics.median(ratios)))
    lines += ["", "How each database was opened (as SQLite reports it; `synchronous` 2 = FULL, 1 = NORMAL):", ""]
    for set_name in SETS:
        for library in LIBRARIES:
            lines.append("- %s, %s: %s" % (SET_TITLES[set_name], NAMES[library], workers[library].info[set_name]))
    notes_path = os.path.join(HERE, "NOTES.md")
    if os.path.exists(notes_path):
        lines += [""] + open(notes_path, encoding="utf-8").read().rstrip().split("\n")
    lines.append("<!-- /peers -->")
    with open(output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(work, "rates.json"), "w") as f:
        json.dump({"%s/%s/%s" % key: values for key, values in rates.items()}, f, indent=1)


if __name__ == "__main__":
    main()
