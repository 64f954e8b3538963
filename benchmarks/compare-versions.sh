#!/usr/bin/env bash
# Compares two builds of the benchmarks jar (e.g. before and after a refactoring): QueryFilterBenchmark
# (unfiltered, filtered, filtered_reader; term and matchall_newest; 100k posts, forked) and DecideProbe, run
# alternately base/new, new/base, ... so both see the same drift of the machine. Compare the ratios inside each
# run (filtered ÷ unfiltered), which cancel the JVM-to-JVM noise, and DecideProbe's µs and hidden count.
# Each build needs its own datasets directory (the index layout may differ between versions).
# usage: BASE_JAR=... BASE_DATA=... NEW_DATA=... benchmarks/compare-versions.sh NEW_JAR ROUNDS OUT_DIR
set -u
: "${BASE_JAR:?}" "${BASE_DATA:?}" "${NEW_DATA:?}"
J=$("$(dirname "$0")/../bin/find-jdk")/bin/java
new=$1; rounds=$2; out=$3; mkdir -p $out
jvm="-Xms2g -Xmx3g --enable-native-access=ALL-UNNAMED"
run() { # name jar data
  local tag=$1 jar=$2 data=$3 r=$4
  LUCENEFILTER_BENCH_DATA=$data $J $jvm -jar $jar QueryFilterBenchmark -f 1 -wi 2 -w 1s -i 5 -r 1s \
    -p mode=unfiltered,filtered,filtered_reader -p query=term,matchall_newest -p posts=100000 -rf json -rff $out/q-$tag-$r.json > $out/q-$tag-$r.log 2>&1
  LUCENEFILTER_BENCH_DATA=$data $J $jvm -cp $jar dev.lucenefilter.benchmarks.DecideProbe 2000 > $out/d-$tag-$r.log 2>&1
  echo "$(date +%T) $tag round $r load $(cut -d' ' -f1-3 /proc/loadavg)" >> $out/progress.log
}
for r in $(seq 1 $rounds); do
  if [ $((r % 2)) = 1 ]; then run base "$BASE_JAR" "$BASE_DATA" $r; run new $new "$NEW_DATA" $r
  else run new $new "$NEW_DATA" $r; run base "$BASE_JAR" "$BASE_DATA" $r; fi
done
