#!/usr/bin/env bash
# Runs the JMH suite of every backend against its raw-driver baseline and writes RESULTS.md.
#
#   benchmarks/run.sh             every backend, the full run: 1 warm-up x 2 s, 3 measured x 2 s,
#                                 1 fork per benchmark (about 25 minutes on 2 cores), then the
#                                 interleaved ratios (InterleavedRatios, about 10 minutes)
#   benchmarks/run.sh --quick     every backend, one 1 s warm-up and one 1 s iteration each: a smoke
#                                 run (about 15 minutes), not figures to quote
#   BACKENDS=memory,redis benchmarks/run.sh [--quick]    only some backends
#   any further arguments go to JMH, e.g. benchmarks/run.sh --quick 'StorageBenchmarks.loadPeer'
#   SKIP_PEERS=1 benchmarks/run.sh  without the peer benchmark against Telethon and mtcute that ends it
#                                 (benchmarks/peers/run.sh, about 6 minutes; it needs npm once)
#
# Backends: memory, h2, sqlite (temp files), postgres (127.0.0.1:5432, postgres, db test),
# mariadb (127.0.0.1:3306, root, db test), redis (127.0.0.1:6379), mongodb (the in-process
# mongo-java-server). Each run writes session "bench" (ours) and "bench-raw" (raw driver) and
# deletes both at the end; nothing else in those databases is touched.
# benchmarks/causes/<backend>.md, when present, is printed under that backend's table.
# RESULTS_CONDITIONS="..." adds a sentence on the run's conditions (e.g. what else ran meanwhile).
set -euo pipefail
cd "$(dirname "$0")/.."
backends=${BACKENDS:-memory,h2,sqlite,postgres,mariadb,redis,mongodb}
jmh_args=(-rf json -rff benchmarks/target/jmh-result.json -p "backend=$backends")
quick=
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
  jmh_args+=(-wi 1 -w 1 -i 1 -r 1 -f 1)
else
  jmh_args+=(-wi 1 -w 2 -i 3 -r 2 -f 1)
fi
filter=("$@")
[ ${#filter[@]} -eq 0 ] && filter=(StorageBenchmarks)
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}" "${filter[@]}"
# The ratios of record: ours and raw alternating in short rounds in one JVM (InterleavedRatios), so a
# change of the machine's load between JMH's forks, minutes apart, cannot tilt them.
interleaved_rounds=11
interleaved_ms=300
[ -n "$quick" ] && interleaved_rounds=3 && interleaved_ms=100
# Not on the in-process mongo-java-server, whose figures say nothing of MongoDB's (and whose point
# writes scan the collection: one operation took minutes).
interleaved_backends=$(echo "$backends" | tr ',' '\n' | grep -vx mongodb | paste -sd, - || true)
: > benchmarks/target/interleaved.md
if [ -n "$interleaved_backends" ]; then
  java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.InterleavedRatios "$interleaved_backends" \
    "$interleaved_rounds" "$interleaved_ms" | grep '^|' | tee benchmarks/target/interleaved.md
fi
footprint=$(java -Xmx4g -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.MemoryFootprint 1000000)
echo "$footprint"
RESULTS_VERSIONS=$(java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.Versions) \
  RESULTS_INTERLEAVED=benchmarks/target/interleaved.md RESULTS_INTERLEAVED_ROUNDS="$interleaved_rounds x $interleaved_ms ms" \
  python3 benchmarks/results.py benchmarks/target/jmh-result.json "$footprint" > benchmarks/target/RESULTS.md
# The start-up section comes from benchmarks/startup/run.sh and the peers section from
# benchmarks/peers/run.sh: keep both (the peers one is measured again below).
for section in startup peers; do
  sed -n "/<!-- $section -->/,/<!-- \\/$section -->/p" benchmarks/RESULTS.md > "benchmarks/target/$section-section.md" || true
  if [ -s "benchmarks/target/$section-section.md" ]; then
    printf '\n' >> benchmarks/target/RESULTS.md
    cat "benchmarks/target/$section-section.md" >> benchmarks/target/RESULTS.md
  fi
done
mv benchmarks/target/RESULTS.md benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md"
# Peers against Telethon and mtcute (about 6 minutes), on the jar built above.
if [ -z "${SKIP_PEERS:-}" ]; then
  SKIP_BUILD=1 benchmarks/peers/run.sh
fi
