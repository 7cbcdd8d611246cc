#!/usr/bin/env bash
# Builds the benchmark jar and runs the JMH benchmarks of docs/benchmarks.md.
#
#   bench/run-jmh.sh                      # everything: 2 forks, warmup 3 x 2 s, measurement 5 x 2 s, 1 thread
#   bench/run-jmh.sh TotpVerify           # a regular expression picks benchmarks
#   bench/run-jmh.sh -f 1 -i 3 TotpVerify # any JMH option passes through (java -jar bench/target/benchmarks.jar -h)
#
# The defaults are the @Fork/@Warmup/@Measurement/@Threads annotations of the benchmark classes, so
# `java -jar bench/target/benchmarks.jar` alone runs the same; options given here override them.
# Unless -rf/-rff is given, JMH's JSON results go to bench/target/jmh-result.json.
# Only one JMH run at a time per machine (JMH takes /tmp/jmh.lock), and a busy machine gives noisy numbers.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

./mvnw -q -B -pl bench -am package -DskipTests

results=(-rf json -rff bench/target/jmh-result.json)
for arg in "$@"; do
  case "$arg" in
    -rf | -rff) results=() ;;
  esac
done

exec java -jar bench/target/benchmarks.jar "${results[@]}" "$@"
