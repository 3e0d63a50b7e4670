#!/usr/bin/env bash
# The first open of a generated library (read, parse, index, cache written) and the repeat open (cache
# unchanged), each in a JVM of its own as OpenLibrary runs it, for one or more builds interleaved A B A B …
# per round: so builds before and after a change meet the same load. Prints each run, then the medians.
# Usage: bench/library-open.sh [-n RUNBOOKS] [-r ROUNDS] [-j JAVA_OPTION]... [-J "N JAVA_OPTION"]... CLASSPATH...
#   CLASSPATH: a baton.jar (with bench/target/classes added) or a copy of one, e.g. /tmp/before/baton.jar.
#   -j gives every build an option; -J the Nth build alone (1 for the first CLASSPATH), e.g. the window's compiler
#   options of one build: -J "2 -XX:+UnlockDiagnosticVMOptions" -J "2 -XX:CompilerDirectivesFile=app/window-compiler.json".
# Build first: ./mvnw -o -q -Pbench -DskipTests package
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
count=5000
rounds=5
java_opts=(-Xmx1g)
build_opts=() # "N OPTION"
while getopts "n:r:j:J:" opt; do
  case "$opt" in
    n) count="$OPTARG" ;;
    r) rounds="$OPTARG" ;;
    j) java_opts+=("$OPTARG") ;;
    J) build_opts+=("$OPTARG") ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || set -- "$here/app/target/baton.jar"
bench="$here/bench/target/classes"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java -cp "$bench:$1" dev.baton.bench.GeneratedRunbooks "$work/runbooks" "$count"
echo "$count runbooks ($(du -sh "$work/runbooks" | cut -f1)), $rounds rounds, java ${java_opts[*]}"
# One open: "ms-from-JVM-start ms-of-the-open runbooks ms-to-listed cpu-ms-to-listed cpu-ms" (CPU: user + sys
# of the JVM, /usr/bin/time). Listed: the library given, its list shown; searchable (the open) may come after.
open_once() {
  local jar="$1" cache="$2" build="$3"
  local out own=() given
  for given in ${build_opts[@]+"${build_opts[@]}"}; do
    if [ "${given%% *}" == "$build" ]; then own+=("${given#* }"); fi
  done
  out=$( { /usr/bin/time -f '%U %S' java "${java_opts[@]}" ${own[@]+"${own[@]}"} -cp "$bench:$jar" dev.baton.bench.OpenLibrary \
      "$work/runbooks" "$cache" 2>"$work/time" ; } )
  echo "$out $(tail -1 "$work/time" | awk '{printf "%d", ($1 + $2) * 1000}')"
}
for ((round = 1; round <= rounds; round++)); do
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    rm -rf "$work/cache$i"
    first=$(open_once "$jar" "$work/cache$i" "$i")
    repeat=$(open_once "$jar" "$work/cache$i" "$i")
    echo "round $round build $i first $first repeat $repeat load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$work/runs"
  done
done
i=0
for jar in "$@"; do
  i=$((i + 1))
  # Fields: from JVM start (6, 13), the open alone (7, 14), listed (9, 16), CPU by then (10, 17), CPU of the JVM
  # (11, 18); first, then repeat.
  for f in 6 7 9 10 11 13 14 16 17 18; do
    grep " build $i " "$work/runs" | awk -v f=$f '{print $f}' | sort -n | awk '{a[NR]=$1} END {printf "%s ", a[int((NR+1)/2)]}'
  done | awk -v jar="$jar" '{printf "median %s: first open %d ms (listed at %d ms, cpu %d ms by then; %d ms from JVM start, cpu %d ms), repeat %d ms (listed at %d ms, cpu %d ms by then; %d ms from JVM start, cpu %d ms)\n", jar, $2, $3, $4, $1, $5, $7, $8, $9, $6, $10}'
done
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
