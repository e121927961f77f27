#!/usr/bin/env bash
# Merge the shards' folders into $RESULTS/class, the gradebook of the whole class: results and
# notebooks are copied in (the newest result of each student wins), then grades.csv,
# summary.html and the feedback pages are rebuilt, with $RESULTS/class/manual.csv if there is
# one. Safe to run again at any time, e.g. after a failed shard was graded again.
#
# Settings (environment): RESULTS (required), GRADBOOK (as in grade-shard.sh).
set -euo pipefail
: "${RESULTS:?set RESULTS to the folder that holds the results of every shard}"
shopt -s nullglob
shards=("$RESULTS"/shard-*)
if ((${#shards[@]} == 0)); then
  echo "merge-shards.sh: no shard-* folder in $RESULTS" >&2
  exit 2
fi
# shellcheck disable=SC2086
exec ${GRADBOOK:-npx --no-install gradbook} gradebook "$RESULTS/class" "${shards[@]}"
