#!/usr/bin/env bash
# Runs the benchmark suite: benchmarks/run.sh quick|full [JMH args...]
#   quick: 100k posts, paired rounds for the headline, forked JMH with short iterations (about 40 minutes)
#   full : 100k and 1M posts, all modes, phrase and multiterm queries too, 200 jurisdictions (about 1 h 45 min)
# With extra arguments, runs only JMH with the profile's settings plus those arguments (e.g. a benchmark name),
# writing results/<profile>.json, then renders the report.
# Writes benchmarks/results/<profile>-paired.json (headline ratios), <profile>-paired-rewritten.json (the query and
# service ratios again on the index with deletions), <profile>.json (JMH: QueryFilterBenchmark,
# ReloadBenchmark, ServiceBenchmark), <profile>-extra.json, <profile>-memory.json, <profile>-reload-latency.json,
# <profile>-reload-latency-{lowjit,zgc,200j,zgc-lowjit,200j-lowjit}.json (the swap with the compiler threads at
# nice 19, with ZGC, with 200 jurisdictions, and in quick the last two at nice 19), <profile>.md (tables),
# <profile>-verdicts.txt and <profile>-query.png (chart).
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
# A fixed heap, touched at start: with -Xms2g -Xmx3g the 200-jurisdiction swap row was slow in about a third of
# the runs, each time right after G1 grew the heap (the queries then page-faulted in fresh memory); with this heap
# none of seven runs was (HISTORY.md, "The slow swap follows the heap's growth"). JMH's forks set their own heap.
jvm=(-Xms3g -Xmx3g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
log() { echo "[run.sh $(date +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*" >&2; }

log "building the benchmarks jar with $JAVA_HOME"
mvn -B -ntp -q -pl benchmarks -am package -DskipTests

# The rerun on the index with deletions takes the terms class and newest in every profile: deletions change the
# filter path (live docs, the hidden sets' form), not the query.
rewritten_queries=terms,newest

# Every JMH run is forked (-f >= 1): the absolute figures. The headline ratios come from Paired, which runs the
# ways it compares interleaved in one JVM, in rounds of alternating order (median ratio over the rounds, its IQR and
# its 95% confidence interval; the interval decides the verdict).
if [ "$profile" = quick ]; then
  sizes=(100000)
  posts=100000
  # C2 needs seconds to compile SearchService's path: one 1 s warm-up iteration left errors of ±200% and more.
  jmh=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  query_args=(-p mode=unfiltered,filtered,filtered_reader,filtered_hits -p query=term,matchall_newest -p change=1pct,1k)
  service_args=(-p query=term,newest -p highlight=false,true)
  extra_args=(-f 1 -wi 1 -w 1s -i 3 -r 1s -p rules=100000)
  # Paired's relevance figures are over the terms class (16 words near 5% of the posts, Queries.all): one word's
  # filtered ÷ unfiltered through SearchService turned on which post replaced a hidden one on its page.
  # 44 rounds: the median's 95% confidence interval is then the 16th to 29th round (at 22 the 6th to 17th, as wide
  # as the IQR), and rounds are cheap beside the warm-ups (120 ms a round for a service group).
  paired=(44 query,service,jurisdictions,check,indexing,hiddenshare terms,newest 500)
  # Paired's rounds split over two JVMs and pooled: a ratio moves between JVMs (a median 2% here), and a verdict
  # taken in one JVM flipped on re-runs when its figure sat near the bound.
  paired_forks=2
  indexing_posts=10000
  jurisdictions=3
  quiet=4
  warmup_ms=3000
  nice19_variants=yes
else
  # Sized so that one run fits in a working session on the 2-core machine, so that one run of the current code gives
  # every table: JMH forked once with quick's iterations (its errors are stated beside each mean; the headline
  # ratios come from Paired) and the phrase query beside term and the newest listing. 2 h 51 min on 2026-12-03
  # with 22 paired rounds, before Paired's warm-up let a way of slow calls (naive at 1M) sit out once warm (it
  # took about 13 minutes of each JVM) and before the two nice-19 swap rows left this profile (9 minutes); the
  # earlier -f 2 over every mode, query and size needed about 3.5 hours and was never run whole.
  sizes=(100000 1000000)
  posts=1000000
  jmh=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  query_args=(-p mode=unfiltered,filtered,filtered_reader,filtered_hits,naive,postfilter
    -p query=term,phrase,matchall_newest -p change=1pct,1k)
  service_args=(-p query=term,phrase,newest -p highlight=false,true)
  extra_args=(-f 1 -wi 2 -w 2s -i 5 -r 2s)
  paired=(44 query,service,jurisdictions,check,indexing,hiddenshare terms,phrase,multiterm,newest 5000)
  paired_forks=2
  indexing_posts=20000
  # 200 jurisdictions of the MEMORY policy (1k rules each) on the 1M index: the cache for all of them.
  jurisdictions=200
  quiet=8
  warmup_ms=5000
  # The swap with ZGC and with 200 jurisdictions again at nice 19: met in all eight full runs from 787010c to
  # 608cce0 and kept in quick (100k); at 1M the two took 9 of the run's minutes.
  nice19_variants=no
fi

# LUCENEFILTER_BENCH_SMOKE=POSTS runs the whole flow on a tiny index with one short iteration each: for checking
# this script, never for figures.
if [ -n "${LUCENEFILTER_BENCH_SMOKE:-}" ]; then
  sizes=("$LUCENEFILTER_BENCH_SMOKE")
  posts=$LUCENEFILTER_BENCH_SMOKE
  jmh=(-f 1 -wi 0 -i 2 -r 200ms)
  extra_args=(-f 1 -wi 0 -i 2 -r 200ms -p rules=1000 -p corpus="$LUCENEFILTER_BENCH_SMOKE")
  paired=(3 query,service,jurisdictions,check,indexing,hiddenshare terms,newest 200)
  paired_forks=2
  indexing_posts=500
  jurisdictions=2
  quiet=2
  warmup_ms=100
fi

log "preparing datasets (cached in $LUCENEFILTER_BENCH_DATA) for ${sizes[*]} posts"
java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Datasets "${sizes[@]}"

machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}; JDK $(java -version 2>&1 | head -1 | sed 's/"//g'); load average before the run $1, after $(cut -d' ' -f1-3 /proc/loadavg). Profile \`$profile\`, run $(date -u +%Y-%m-%dT%H:%MZ)."
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The previous run's verdicts of this profile, kept to tell at the end which verdicts this run repeated.
previous_verdicts=$(mktemp)
trap 'rm -f "$previous_verdicts"' EXIT
if [ -f "$results/$profile-verdicts.txt" ]; then cp "$results/$profile-verdicts.txt" "$previous_verdicts"; fi

size_list=$(IFS=,; echo "${sizes[*]}")
if [ $# -gt 0 ]; then
  log "JMH with the $profile settings and: $*"
  java "${jvm[@]}" -jar "$jar" "${jmh[@]}" -rf json -rff "$results/$profile.json" "$@"
else
  # Every swap row this run makes is written anew; a row it does not make (full leaves out two) must not be
  # rendered from an earlier run's file as if it were this run's.
  rm -f "$results/$profile-reload-latency"{,-lowjit,-zgc,-200j,-zgc-lowjit,-200j-lowjit}.json
  log "Paired: interleaved rounds, the headline ratios (${paired[*]})"
  # Paired indexing runs half the JMH run's posts: a run stays long against opening and committing an index.
  java "${jvm[@]}" -Dpaired.warmupMillis="$warmup_ms" -Dpaired.indexingPosts=$((indexing_posts / 2)) -Dpaired.forks=$paired_forks \
    -cp "$jar" dev.lucenefilter.benchmarks.Paired "$size_list" "${paired[0]}" "$results/$profile-paired.json" \
    "${paired[@]:1}"
  # The same query and service groups on a copy of the index where every 100th post was written again: every
  # segment then has deletions, as a live index that takes edits has (Datasets.ensureRewrittenIndex).
  log "Paired again on the index with deletions (every 100th post written again)"
  java "${jvm[@]}" -Dpaired.warmupMillis="$warmup_ms" -Dlucenefilter.bench.rewriteEvery=100 -Dpaired.forks=$paired_forks \
    -cp "$jar" dev.lucenefilter.benchmarks.Paired "$size_list" "${paired[0]}" "$results/$profile-paired-rewritten.json" \
    query,service "$rewritten_queries" "${paired[3]}"
  tmp=$(mktemp -d)
  log "JMH (forked): QueryFilterBenchmark and ReloadBenchmark (-prof gc)"
  java "${jvm[@]}" -jar "$jar" 'QueryFilterBenchmark|ReloadBenchmark' "${jmh[@]}" "${query_args[@]}" -p posts="$size_list" \
    -prof gc -rf json -rff "$tmp/query.json"
  log "JMH (forked): ServiceBenchmark (SearchService filtered/unfiltered and the floor)"
  java "${jvm[@]}" -jar "$jar" ServiceBenchmark "${jmh[@]}" "${service_args[@]}" -p posts="$size_list" \
    -prof gc -rf json -rff "$tmp/service.json"
  java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Report --merge "$results/$profile.json" "$tmp/query.json" "$tmp/service.json"
  rm -rf "$tmp"
  log "JMH (forked): QueryFilterBenchmark mode=filtered_cold (one invocation: each builds every exclusion set)"
  java "${jvm[@]}" -jar "$jar" QueryFilterBenchmark -f 1 -wi 0 -i 1 -r 1s -p mode=filtered_cold -p query=term \
    -p posts="${sizes[0]}" -rf json -rff "$results/$profile-cold.json"
  log "JMH (forked): check and its peers, indexing, policy load, matcher and smoke benchmarks"
  others='CheckBenchmark|IndexingBenchmark|PolicyLoadBenchmark|NormalizerSmokeBenchmark'
  if java -jar "$jar" -l | grep -q MatcherBenchmark; then others="$others|MatcherBenchmark"; fi
  java "${jvm[@]}" -jar "$jar" "$others" "${extra_args[@]}" -p filtering=off,on -p posts="$indexing_posts" \
    -rf json -rff "$results/$profile-extra.json"
  log "memory and swap latency (Harness, $posts posts, $jurisdictions jurisdictions)"
  java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Harness "$posts" "$results" "$profile" "$jurisdictions" "$quiet"
  # The same swap with the JIT compiler threads at the lowest priority: on two cores C2 is a third busy thread
  # beside the queries and the warm-up, and it compiles the warm-up's code for many swaps (deoptimizations
  # included). This tells the compiler's contention from the warm-up's. Lowering a priority needs no privilege.
  log "swap latency again with the JIT compiler threads at nice 19"
  java "${jvm[@]}" -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19 -cp "$jar" \
    dev.lucenefilter.benchmarks.ReloadLatency "$posts" "$results/$profile-reload-latency-lowjit.json" "$quiet"
  # The same swap under a low-pause collector: tells collector pauses from CPU contention in the p99 during a swap.
  log "swap latency again with ZGC"
  java "${jvm[@]}" -XX:+UseZGC -cp "$jar" dev.lucenefilter.benchmarks.ReloadLatency "$posts" \
    "$results/$profile-reload-latency-zgc.json" "$quiet"
  # One index, 200 jurisdictions (PolicySpec.MEMORY, 1k rules each): all warmed before the queries and at every
  # swap, as PolicyVisibility does; the queries ask for each jurisdiction in turn.
  log "swap latency again with 200 jurisdictions"
  java "${jvm[@]}" -Dreload.policy=c1000-d1000-p1000-u100-j200-v10-s42 -cp "$jar" \
    dev.lucenefilter.benchmarks.ReloadLatency "$posts" "$results/$profile-reload-latency-200j.json" "$quiet"
  # ZGC and 200 jurisdictions again with the compiler threads at nice 19, the setting README recommends: the
  # warm-up steps aside for waiting threads, but at default priority C2 recompiling the warm-up's code during a
  # swap still takes a query's core on two cores.
  if [ "$nice19_variants" = yes ]; then
    log "swap latency with ZGC and with 200 jurisdictions, JIT compiler threads at nice 19"
    java "${jvm[@]}" -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19 -XX:+UseZGC -cp "$jar" \
      dev.lucenefilter.benchmarks.ReloadLatency "$posts" "$results/$profile-reload-latency-zgc-lowjit.json" "$quiet"
    java "${jvm[@]}" -XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19 \
      -Dreload.policy=c1000-d1000-p1000-u100-j200-v10-s42 -cp "$jar" \
      dev.lucenefilter.benchmarks.ReloadLatency "$posts" "$results/$profile-reload-latency-200j-lowjit.json" "$quiet"
  fi
fi

log "rendering the report"
java "${jvm[@]}" -cp "$jar" dev.lucenefilter.benchmarks.Report "$results" "$profile" "$(machine "$load_before")"
log "done: $results/$profile.md"
# The verdict of every target, one line each (also at the top of the report).
grep '^VERDICT' "$results/$profile-verdicts.txt" || true
# Against the previous run of the profile (VerdictDiff): which verdicts this run repeated, which moved.
if [ -s "$previous_verdicts" ] && [ $# -eq 0 ]; then
  log "verdicts against the previous $profile run (also in $profile-verdict-diff.txt)"
  java -cp "$jar" dev.lucenefilter.benchmarks.VerdictDiff "$previous_verdicts" "$results/$profile-verdicts.txt" \
    | tee "$results/$profile-verdict-diff.txt" || true
fi
