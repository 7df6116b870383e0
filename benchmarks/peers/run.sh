#!/usr/bin/env bash
# Peer benchmark: this library's JDBC store on SQLite (WAL) against Telethon's SQLiteSession (Debian
# python3-telethon) and mtcute's SqliteStorage (npm @mtcute/node), on the same 10,000 generated peers,
# in interleaved rounds, with each library's default durability and with all three on the same
# fsync policy (see bench.py). About 6 minutes on 2 cores. Not part of the test command.
# Writes the table between the "peers" markers of benchmarks/RESULTS.md (benchmarks/run.sh keeps it).
#
#   benchmarks/peers/run.sh                  (ROUNDS=11 SECONDS=0.5 by default)
#   SKIP_BUILD=1 benchmarks/peers/run.sh     reuse benchmarks/target/benchmarks.jar
#   MAVEN_ARGS="-Dmaven.repo.local=..."      passed to the Maven build
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
if [ -z "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  "$root/mvnw" -q -B -f "$root/pom.xml" ${MAVEN_ARGS:-} -DskipTests -pl benchmarks -am package
fi
if [ ! -d node_modules/@mtcute/node ]; then
  npm ci --no-audit --no-fund
fi
work="$root/benchmarks/target/peers"
rm -rf "$work"
mkdir -p "$work"
/usr/bin/python3 bench.py "$work" "$work/section.md"
python3 - "$root/benchmarks/RESULTS.md" "$work/section.md" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(path).read()
pattern = re.compile(r"<!-- peers -->.*?<!-- /peers -->", re.S)
text = pattern.sub(lambda m: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
cat "$work/section.md"
