#!/usr/bin/env bash
# Runs every test of Ichie on a fresh machine: installs what the tests need and is missing (with
# apt-get, as root or through sudo; otherwise it names each missing package and stops), starts a
# throw-away PostgreSQL (unless ICHIE_TEST_POSTGRES_URL is already set), runs the Maven build with
# all tests, and stops PostgreSQL again.
# Needs: a JDK 17+, Node 18+, PostgreSQL 15 server binaries, oathtool, Chromium and its driver, a display or
# xvfb-run, and a Japanese font.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${ICHIE_TEST_SETUP_DONE:-}" ]]; then
  need=()
  command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  command -v oathtool >/dev/null 2>&1 || need+=(oathtool)
  # The phone app's protocol modules run under Node's own test runner (18 or later).
  command -v node >/dev/null 2>&1 || need+=(nodejs)
  if [[ -z "${ICHIE_TEST_POSTGRES_URL:-}" ]]; then
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
    command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
  fi
  # The browser tests drive Debian's Chromium through its driver, at these paths.
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
  # The token app's window tests need a display (Xvfb through xvfb-run, which needs xauth) and a
  # Japanese font (they check that every text on screen has its glyphs).
  if [[ -z "${DISPLAY:-}" ]]; then
    command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb)
    command -v xauth >/dev/null 2>&1 || need+=(xauth)
  fi
  dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" ||
    need+=(fonts-noto-cjk)
  if ((${#need[@]})); then
    SUDO=""
    if [[ "$(id -u)" != "0" ]]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo"
      else
        echo "scripts/test.sh: these packages are missing and cannot be installed without root:" >&2
        echo "  ${need[*]}" >&2
        echo "install them (sudo apt-get install ${need[*]}) or run this as root" >&2
        exit 1
      fi
    fi
    echo "scripts/test.sh: installing ${need[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
  fi
  # The Debian package starts a cluster of its own; the tests use a throw-away one instead.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1, $2}' | while read -r v c; do
      ${SUDO:-} pg_ctlcluster "$v" "$c" stop || true
    done
  fi
  export ICHIE_TEST_SETUP_DONE=1
fi

# The token app's window tests need a display: without one, the whole run goes under Xvfb when
# xvfb-run is installed (.ci/run installs it). Without either, those tests fail and say why.
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24" bash scripts/test.sh "$@"
fi

stop_pg() { :; }
if [[ -z "${ICHIE_TEST_POSTGRES_URL:-}" ]]; then
  PGBIN="${PGBIN:-}"
  if [[ -z "$PGBIN" ]]; then
    for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
      if [[ -x "$candidate/postgres" ]]; then PGBIN="$candidate"; break; fi
    done
  fi
  if [[ -z "$PGBIN" ]]; then
    echo "scripts/test.sh: no PostgreSQL server binaries found (apt-get install postgresql)" >&2
    exit 1
  fi
  PGROOT="$(mktemp -d /tmp/ichie-pg.XXXXXX)"
  PGPORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 54329)"
  as_pg() { "$@"; }
  if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PGROOT"
    as_pg() { runuser -u postgres -- "$@"; }
  fi
  as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --no-locale -E UTF8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$PGROOT/initdb.log"
  as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=on" start >/dev/null
  stop_pg() {
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGROOT"
  }
  trap stop_pg EXIT
  "$PGBIN/psql" -q -v ON_ERROR_STOP=1 -h "$PGROOT" -p "$PGPORT" -U postgres -d postgres \
    -c "CREATE ROLE ichie LOGIN PASSWORD 'ichie'" -c "CREATE DATABASE ichie OWNER ichie" \
    -c "CREATE ROLE ichie_app LOGIN PASSWORD 'ichie_app'" -c "CREATE DATABASE ichie_prod OWNER ichie" \
    2>/dev/null || as_pg "$PGBIN/psql" -q -v ON_ERROR_STOP=1 -h "$PGROOT" -p "$PGPORT" -U postgres \
    -d postgres -c "CREATE ROLE ichie LOGIN PASSWORD 'ichie'" -c "CREATE DATABASE ichie OWNER ichie" \
    -c "CREATE ROLE ichie_app LOGIN PASSWORD 'ichie_app'" -c "CREATE DATABASE ichie_prod OWNER ichie"
  export ICHIE_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PGPORT/ichie"
  export ICHIE_TEST_POSTGRES_USER=ichie ICHIE_TEST_POSTGRES_PASSWORD=ichie
  # The application's own role, which may not change the audit trail (AuditRolePostgresTest).
  export ICHIE_TEST_POSTGRES_APP_USER=ichie_app ICHIE_TEST_POSTGRES_APP_PASSWORD=ichie_app
  # A database of its own for the production installation of docs/operations.md (ProdInstallE2ETest).
  export ICHIE_TEST_POSTGRES_PROD_URL="jdbc:postgresql://127.0.0.1:$PGPORT/ichie_prod"
  export ICHIE_TEST_PG_DUMP="$PGBIN/pg_dump"
  echo "scripts/test.sh: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
fi

# The phone app's protocol modules against the vectors and recordings the Java tests read.
echo "scripts/test.sh: the phone app's modules under Node $(node --version)"
node_tap="$(mktemp)"
node_status=0
(cd phone && node --test test/*.test.js) >"$node_tap" 2>&1 || node_status=$?
grep -E '^# (tests|pass|fail)' "$node_tap" || true
if ((node_status != 0)); then
  cat "$node_tap" >&2
  exit 1
fi
rm -f "$node_tap"

./mvnw -B -ntp verify "$@"
