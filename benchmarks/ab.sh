#!/usr/bin/env bash
# Compares two commits' ratios against their own raw baselines, for changes that must not move them
# (e.g. a refactoring): builds each commit's benchmarks jar in a worktree under /tmp, then runs
# InterleavedRatios (ours vs raw in alternating rounds, one JVM) for every backend, the two commits
# one after the other, swapping which goes first from round to round. The ratio, not the
# throughput, is what to compare: it cancels the machine's load as long as both commits' raw
# baselines are the same code. InterleavedRatios is copied from this tree into both worktrees.
#
#   benchmarks/ab.sh <commit-a> <commit-b> [backends] [rounds]
#   (default backends memory,h2,sqlite,postgres,mariadb,redis; 2 rounds; about 4 minutes per round)
# Prints one table: per backend and operation, each round's median ratio for a and b, and b/a.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
a=$1 b=$2 backends=${3:-memory,h2,sqlite,postgres,mariadb,redis} rounds=${4:-2}
results=$(mktemp)
for commit in "$a" "$b"; do
  tree=/tmp/mtgo-ab-$commit
  [ -d "$tree" ] || git worktree add -f "$tree" "$commit" >/dev/null
  cp benchmarks/src/main/java/io/mtgo/storage/benchmarks/InterleavedRatios.java "$tree/benchmarks/src/main/java/io/mtgo/storage/benchmarks/"
  (cd "$tree" && ./mvnw -q -B -DskipTests -pl benchmarks -am package)
done
for round in $(seq 1 "$rounds"); do
  order="$a $b"; [ $((round % 2)) -eq 0 ] && order="$b $a"
  for backend in ${backends//,/ }; do
    for commit in $order; do
      (cd "/tmp/mtgo-ab-$commit" && java -cp benchmarks/target/benchmarks.jar io.mtgo.storage.benchmarks.InterleavedRatios "$backend" 9 300 2>/dev/null) \
        | grep '^| [a-z]' | grep -v '^| backend' | sed "s/^/$commit /" >> "$results"
    done
  done
done
python3 - "$results" "$a" "$b" <<'PY'
import collections, sys
ratios = collections.defaultdict(list)
for line in open(sys.argv[1]):
    commit, rest = line.split(" ", 1)
    cells = [c.strip() for c in rest.strip().strip("|").split("|")]
    ratios[(cells[0], cells[1], commit)].append(float(cells[4]))
a, b = sys.argv[2], sys.argv[3]
print(f"| backend | operation | {a} ratio per round | {b} ratio per round | {b} / {a} (means) |")
print("|---|---|---|---|---:|")
for (backend, operation) in dict.fromkeys((k[0], k[1]) for k in ratios):
    ra, rb = ratios[(backend, operation, a)], ratios[(backend, operation, b)]
    if ra and rb:
        print(f"| {backend} | {operation} | {', '.join('%.2f' % r for r in ra)} | {', '.join('%.2f' % r for r in rb)} | "
              f"{(sum(rb) / len(rb)) / (sum(ra) / len(ra)):.2f} |")
PY
rm -f "$results"
