#!/usr/bin/env bash
# Runs the JMH suite of every backend against its raw-driver baseline and writes RESULTS.md.
#   benchmarks/run.sh            full run (a few minutes per backend)
#   benchmarks/run.sh --quick    one short iteration each: a smoke run, not figures to quote
#   BACKENDS=memory,redis benchmarks/run.sh   only some backends
set -euo pipefail
cd "$(dirname "$0")/.."
backends=${BACKENDS:-memory}
jmh_args=(-rf json -rff benchmarks/target/jmh-result.json -p "backend=$backends")
if [ "${1:-}" = "--quick" ]; then
  jmh_args+=(-wi 1 -w 1 -i 1 -r 1 -f 1)
fi
./mvnw -q -B -DskipTests -pl benchmarks -am package
java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}" StorageBenchmarks
footprint=$(java -Xmx4g -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.MemoryFootprint 1000000)
echo "$footprint"
python3 benchmarks/results.py benchmarks/target/jmh-result.json "$footprint" > benchmarks/RESULTS.md
echo "wrote benchmarks/RESULTS.md"
