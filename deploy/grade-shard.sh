#!/usr/bin/env bash
# Grade one shard of a class: `gradbook grade --shard I/N` into $RESULTS/shard-I. The same script
# runs as a task of a Kubernetes Indexed Job (I = JOB_COMPLETION_INDEX), of a Slurm job array
# (I = SLURM_ARRAY_TASK_ID, N = SLURM_ARRAY_TASK_COUNT) or by hand (SHARD_INDEX, SHARD_COUNT).
# A student's shard depends only on their name, so running a shard again (a retried pod, a
# requeued task) grades the same students into the same folder, replacing their results.
#
# Settings (environment):
#   SOURCE        the source notebook (solutions, hidden tests)              required
#   SUBMITTED     the submissions: nbgrader's submitted/ tree or a folder    required
#   RESULTS       where shard-I/ folders go (shared by all shards)           required
#   ASSIGNMENT    nbgrader's assignment name (when SUBMITTED is its tree)
#   DUE           due date, ISO 8601 with a zone; LATE_PENALTY its rule (default none)
#   WORKERS       submissions graded at once per shard (default: the cores)
#   GRADBOOK      the command to run gradbook (default: npx --no-install gradbook)
set -euo pipefail

index="${SHARD_INDEX:-${JOB_COMPLETION_INDEX:-${SLURM_ARRAY_TASK_ID:-}}}"
count="${SHARD_COUNT:-${SLURM_ARRAY_TASK_COUNT:-}}"
: "${index:?set SHARD_INDEX, or run as a Kubernetes Indexed Job or a Slurm array task}"
: "${count:?set SHARD_COUNT to the number of shards (the completions of the Job)}"
: "${SOURCE:?set SOURCE to the source notebook}"
: "${SUBMITTED:?set SUBMITTED to the folder of submissions}"
: "${RESULTS:?set RESULTS to the folder that holds the results of every shard}"
if [[ -n "${SLURM_ARRAY_TASK_MIN:-}" && "${SLURM_ARRAY_TASK_MIN}" != 0 ]]; then
  echo "grade-shard.sh: the job array must count from 0 (sbatch --array=0-$((count - 1)))" >&2
  exit 2
fi

args=(grade --source "$SOURCE" --out "$RESULTS/shard-$index" --shard "$index/$count")
if [[ -n "${ASSIGNMENT:-}" ]]; then
  args+=(--assignment "$ASSIGNMENT")
fi
if [[ -n "${DUE:-}" ]]; then
  args+=(--due "$DUE" --late-penalty "${LATE_PENALTY:-none}")
fi
if [[ -n "${WORKERS:-}" ]]; then
  args+=(--workers "$WORKERS")
fi
# GRADBOOK may be several words ("node dist/cli/main.js"): split on purpose.
# shellcheck disable=SC2086
exec ${GRADBOOK:-npx --no-install gradbook} "${args[@]}" "$SUBMITTED"
