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
exec java -jar "$JAR" --spring.profiles.active=dev "$@"
