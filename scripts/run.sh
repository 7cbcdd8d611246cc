#!/usr/bin/env bash
# Builds the server with the token app inside it (tests skipped) if needed, and runs it on its
# development defaults in the current folder: H2 database and vault key store under ./data, the
# demo service, demo customers and demo staff, port 8080. Extra arguments go to the server, e.g.
# --server.port=9090.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/dist/target/ichie-server.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT" -path '*/src/main/*' -newer "$JAR" -print -quit)" ]]; then
  (cd "$ROOT" && ./mvnw -q -B -ntp package -Dmaven.test.skip=true -pl dist -am)
fi
# The deployment's JVM settings (scripts/jvm.sh): heap bounds, the serial collector and a
# class-data archive (JDK 25's AOT cache, or CDS before), made by one training start the first time.
source "$ROOT/scripts/jvm.sh"
prepare_fast_start java "$JAR"
exec java "${FAST_OPTS[@]}" -jar "$FAST_JAR" --spring.profiles.active=dev "$@"
