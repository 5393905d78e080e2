# A throwaway PostgreSQL server for the catalog tests on PostgreSQL (ADR 21), sourced by scripts/test.sh: Debian's
# package (installed when missing), a cluster in a temporary folder on a free local port, stopped and removed by
# stop_postgres (call it from an EXIT trap so it runs on failure too).

pg_folder=""
pg_run=""

install_postgres() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  echo "Installing Debian's postgresql for the catalog tests…"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
}

# Starts the server and exports MESHSTUDIO_TEST_POSTGRES, the connection string the catalog tests read.
start_postgres() {
  local bin port
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  # /var/tmp: world-traversable, so Debian's postgres user reaches the folder when the script runs as root (initdb
  # refuses to run as root; the server runs as postgres then).
  pg_folder="$(mktemp -d /var/tmp/meshstudio-postgres.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_folder"; pg_run="runuser -u postgres --"; fi
  port=$((20000 + RANDOM % 30000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((20000 + RANDOM % 30000)); done
  $pg_run "$bin/initdb" -D "$pg_folder/data" -U meshstudio --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_folder/initdb.log" 2>&1 || {
    cat "$pg_folder/initdb.log"; return 1; }
  # No durability needed for test data: fsync off keeps the many small test databases fast.
  $pg_run "$bin/pg_ctl" -D "$pg_folder/data" -l "$pg_folder/server.log" -w \
    -o "-p $port -k $pg_folder -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" \
    start >/dev/null || { cat "$pg_folder/server.log"; return 1; }
  export MESHSTUDIO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=meshstudio;Database=postgres"
  PG_CTL="$bin/pg_ctl"
}

stop_postgres() {
  [ -n "$pg_folder" ] || return 0
  $pg_run "$PG_CTL" -D "$pg_folder/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_folder"
  pg_folder=""
}
