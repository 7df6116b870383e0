#!/usr/bin/env bash
# Start-up benchmark: a bare Spring Boot application against the same application with the starter on
# its zero-config default (the embedded H2 file), each started as a whole process from its fat jar,
# RUNS times each, interleaved, in one session. The starter application is started twice on each of
# its files: the first start of a new file (Liquibase creates the schema) and a restart on it (the
# common case: one query finds every changeset applied, and Liquibase does not run).
# Writes the table between the "startup" markers of benchmarks/RESULTS.md (results.py keeps it).
#
#   benchmarks/startup/run.sh            (RUNS=10 by default)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
runs=${RUNS:-10}
"$root/mvnw" -q -B -f "$root/pom.xml" -DskipTests -pl mtgo-storage-spring-boot-starter -am install
for app in bare starter; do
  # clean: Spring Boot does not repackage a jar it already repackaged, which would keep an old library
  "$root/mvnw" -q -B -f "apps/$app/pom.xml" -DskipTests clean package
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

millis() { # command... -> wall milliseconds of one run
  local start end
  start=$(date +%s%N)
  "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
  grep -q '^started$' "$work/out.txt" || { cat "$work/out.txt"; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

bare=() starter=() restart=()
for i in $(seq 1 "$runs"); do
  bare+=("$(millis java -jar apps/bare/target/startup-bare.jar)")
  starter+=("$(millis java -jar apps/starter/target/startup-starter.jar "--mtgo.storage.jdbc.h2.path=$work/db-$i")")
  restart+=("$(millis java -jar apps/starter/target/startup-starter.jar "--mtgo.storage.jdbc.h2.path=$work/db-$i")")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
size() { du -k "$1" | awk '{printf "%.1f MB", $1/1024}'; }
b=$(median "${bare[@]}"); s=$(median "${starter[@]}"); n=$(median "${restart[@]}")
ratio=$(awk -v s="$s" -v b="$b" 'BEGIN {printf "%.2f", s/b}')
ratio_n=$(awk -v s="$n" -v b="$b" 'BEGIN {printf "%.2f", s/b}')
table=$(cat <<TABLE
<!-- startup -->
## Start-up (whole processes)

Date: $(date -u +%Y-%m-%d). $runs runs of each, interleaved, wall time from \`java -jar\` to exit, medians
(all runs: bare ${bare[*]}; starter, first start ${starter[*]}; starter, restart ${restart[*]}).
Conditions: ${RESULTS_CONDITIONS:-not stated}. Produced by \`benchmarks/startup/run.sh\`.

| application | fat jar | start-up, median | ratio to bare (target <= 1.5) |
|---|---:|---:|---:|
| bare Spring Boot (\`spring-boot-starter\`) | $(size apps/bare/target/startup-bare.jar) | $b ms | 1.00 |
| + mtgo-storage starter, zero-config H2 file, restart (schema current: no Liquibase run) | $(size apps/starter/target/startup-starter.jar) | $n ms | $ratio_n |
| + mtgo-storage starter, first start on a new file (Liquibase creates the schema) | | $s ms | $ratio |

What costs what: the restart row is the starter as an application meets it on every start but the
first (H2 engine, the pool, one query that finds the schema current, the storage); the first start
on a new file adds Liquibase parsing and applying the changelog, $(( s - n )) ms here, once per
database. The fat jar grows by H2, Liquibase (with its YAML, CSV and commons dependencies), HikariCP
and spring-jdbc.
<!-- /startup -->
TABLE
)
results="$root/benchmarks/RESULTS.md"
python3 - "$results" "$table" <<'PY'
import re, sys
path, table = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- startup -->.*?<!-- /startup -->", re.S)
text = pattern.sub(lambda m: table, text) if pattern.search(text) else text.rstrip() + "\n\n" + table + "\n"
open(path, "w").write(text)
PY
echo "$table"
