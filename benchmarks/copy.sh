#!/usr/bin/env bash
# Times StorageCopy out of a Redis Cluster, PostgreSQL and MongoDB (CopyBenchmark) and prints the
# figures for the "Copying" section of RESULTS.md.
#
#   benchmarks/copy.sh [sessions] [peers]      default 1000 sessions x 100 peers
#   SOURCES="postgres mongodb" benchmarks/copy.sh 100 100     only some sources
#
# The Redis Cluster is the script's own: three masters and three replicas (redis-server
# --cluster-enabled yes) on spare loopback ports in a temporary directory, stopped by PID at the
# end. PostgreSQL is 127.0.0.1:5432 (postgres, db test; the benchmark works in a schema of its own
# and drops it). MongoDB is the in-process mongo-java-server, filled with the raw driver (insertMany
# in the store's layout, see MongoRawFill: the store's own writes scan the collection there) and
# read back through the store before the copy is timed.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d -t mtgo-copy-cluster-XXXX)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap stop EXIT
ports=()
for port in $(python3 -c 'import socket
found = []
while len(found) < 6:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close()
    if p < 55000 and p not in found: found.append(p)
print(*found)'); do
  mkdir -p "$dir/$port"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir/$port" --cluster-enabled yes --cluster-config-file nodes.conf \
    --appendonly no --save "" --daemonize no > "$dir/$port/server.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  until redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
done
addresses=()
for port in "${ports[@]}"; do addresses+=("127.0.0.1:$port"); done
redis-cli --cluster create "${addresses[@]}" --cluster-replicas 1 --cluster-yes > "$dir/create.log"
until redis-cli -p "${ports[0]}" cluster info | grep -q cluster_state:ok; do sleep 0.2; done
[ -f benchmarks/target/benchmarks.jar ] || ./mvnw -q -B -DskipTests -pl benchmarks -am package
sources=()
for source in ${SOURCES:-redis-cluster postgres mongodb}; do
  if [ "$source" = redis-cluster ]; then
    sources+=("redis-cluster=127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}")
  else
    sources+=("$source")
  fi
done
java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.CopyBenchmark "${sources[@]}" "$@" 2>&1 \
  | grep -a -E '^(warm-up )?[a-z-]+: (filled|copied|read back)|Exception' 
