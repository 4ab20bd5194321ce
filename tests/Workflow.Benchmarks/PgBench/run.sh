#!/usr/bin/env bash
# What this machine's PostgreSQL can do with the statements of a task completion, driven by pgbench (a C client that
# costs the machine little) instead of the runtime: the ceiling for db-load --provider postgresql on the same machine.
# usage: run.sh "host=127.0.0.1 dbname=workflow_perf user=postgres password=…" [seconds] [clients]
# SCRIPTS="completion completion" runs only those scripts, in that order (default: each of the two twice, alternating).
# The database must have been migrated and filled by db-load first. Prints completions/s for each script.
set -euo pipefail
conninfo=${1:?usage: run.sh CONNINFO [seconds] [clients]}
seconds=${2:-20}
clients=${3:-16}
if [ "$clients" -gt 17 ]; then echo "at most 17 clients: setup.sql makes 2,000 instances for each of 17" >&2; exit 2; fi
here=$(cd "$(dirname "$0")" && pwd)
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
for script in ${SCRIPTS:-completion completion-bare completion completion-bare}; do
  psql -q -v ON_ERROR_STOP=1 -d "$conninfo" -f "$here/setup.sql" > /dev/null
  tps=$("$pgbench" -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$here/$script.sql" "$conninfo" | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  echo "{\"script\":\"$script\",\"clients\":$clients,\"seconds\":$seconds,\"completionsPerSecond\":$tps}"
done
