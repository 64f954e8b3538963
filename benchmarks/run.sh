#!/usr/bin/env bash
# Runs the benchmark suite: benchmarks/run.sh quick|full [JMH args...]
#   quick: 100k posts, one warm-up and two short measured iterations, a subset of queries (a few minutes)
#   full : 100k and 1M posts, all modes and queries, longer iterations (under an hour, datasets cached)
# With extra arguments, runs only JMH with the profile's settings plus those arguments (e.g. a benchmark name),
# writing results/<profile>.json, then renders the report.
# Writes benchmarks/results/<profile>.json (JMH), <profile>-extra.json, <profile>-memory.json,
# <profile>-reload-latency.json, <profile>.md (tables) and <profile>-query.png (chart).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
profile=${1:-}
case "$profile" in
  quick|full) shift ;;
  *) echo "usage: benchmarks/run.sh quick|full [JMH args...]" >&2; exit 2 ;;
esac
JAVA_HOME=$(bin/find-jdk)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export LUCENEFILTER_BENCH_DATA="$root/benchmarks/data"
results="$root/benchmarks/results"
mkdir -p "$results"
jar="$root/benchmarks/target/benchmarks.jar"
jvm=(-Xms2g -Xmx3g --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
log() { echo "[run.sh $(date +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*" >&2; }

log "building the benchmarks jar with $JAVA_HOME"
mvn -B -ntp -q -pl benchmarks -am package -DskipTests

if [ "$profile" = quick ]; then
  sizes=(100000)
  posts=100000
  # The query and reload benchmarks run in this JVM (-f 0) so the exclusion build of the 10k-phrase policy
  # (tens of seconds) is paid once, not once per parameter combination.
  query_args=(-f 0 -wi 1 -w 1s -i 2 -r 1s -p mode=unfiltered,filtered,filtered_reader,naive,postfilter
    -p query=term,matchall_newest -p change=1pct,1k)
  extra_args=(-f 1 -wi 1 -w 1s -i 1 -r 2s -p rules=100000)
  indexing_posts=10000
  jurisdictions=3
  quiet=4
else
  sizes=(100000 1000000)
  posts=1000000
  query_args=(-f 0 -wi 2 -w 2s -i 3 -r 2s -p mode=unfiltered,filtered,filtered_reader,naive,postfilter
    -p change=1pct,1k)
  extra_args=(-f 1 -wi 2 -w 2s -i 3 -r 2s)
  indexing_posts=20000
  jurisdictions=10
  quiet=8
fi

log "preparing datasets (cached in $LUCENEFILTER_BENCH_DATA) for ${sizes[*]} posts"
java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Datasets "${sizes[@]}"

machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}; JDK $(java -version 2>&1 | head -1 | sed 's/"//g'); load average before the run $1, after $(cut -d' ' -f1-3 /proc/loadavg). Profile \`$profile\`, run $(date -u +%Y-%m-%dT%H:%MZ)."
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

if [ $# -gt 0 ]; then
  log "JMH with the $profile settings and: $*"
  java "${jvm[@]}" -jar "$jar" "${extra_args[@]}" -rf json -rff "$results/$profile.json" "$@"
else
  log "JMH: QueryFilterBenchmark and ReloadBenchmark (-prof gc)"
  size_list=$(IFS=,; echo "${sizes[*]}")
  java "${jvm[@]}" -jar "$jar" 'QueryFilterBenchmark|ReloadBenchmark' "${query_args[@]}" -p posts="$size_list" \
    -prof gc -rf json -rff "$results/$profile.json"
  log "JMH: QueryFilterBenchmark mode=filtered_cold (one invocation: each builds every exclusion set)"
  java "${jvm[@]}" -jar "$jar" QueryFilterBenchmark -f 0 -wi 0 -i 1 -r 1s -p mode=filtered_cold -p query=term \
    -p posts=100000 -rf json -rff "$results/$profile-cold.json"
  log "JMH: indexing, policy load, matcher and smoke benchmarks"
  others='IndexingBenchmark|PolicyLoadBenchmark|NormalizerSmokeBenchmark'
  if java -jar "$jar" -l | grep -q MatcherBenchmark; then others="$others|MatcherBenchmark"; fi
  java "${jvm[@]}" -jar "$jar" "$others" "${extra_args[@]}" -p filtering=off,on -p posts="$indexing_posts" \
    -rf json -rff "$results/$profile-extra.json"
  log "memory and swap latency (Harness, $posts posts)"
  java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Harness "$posts" "$results" "$profile" "$jurisdictions" "$quiet"
fi

log "rendering the report"
java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Report "$results" "$profile" "$(machine "$load_before")"
log "done: $results/$profile.md"
