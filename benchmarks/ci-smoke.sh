#!/usr/bin/env bash
# Runs one short benchmark so CI notices when the benchmarks stop compiling or running, and checks that the
# Lucene Monitor peer (lucene-monitor 10.3.0) still runs beside the library's Lucene. Under a minute, no datasets.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA_HOME=$("$root/bin/find-jdk")
jar="$root/benchmarks/target/benchmarks.jar"
"$JAVA_HOME/bin/java" -cp "$jar" dev.lucenefilter.benchmarks.MonitorSmoke
# A smoke run measures nothing, so another JMH run on the machine (the /tmp/jmh.lock) must not fail it.
exec "$JAVA_HOME/bin/java" -Djmh.ignoreLock=true -jar "$jar" "${CI_BENCHMARK:-NormalizerSmokeBenchmark}" \
  -f 1 -wi 1 -w 1s -i 1 -r 2s -foe true
