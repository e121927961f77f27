#!/usr/bin/env bash
# Queue the grading array and the merge after it, from the course repository:
#   SOURCE=notebooks/source/01-normal-equation.ipynb ASSIGNMENT=01-normal-equation \
#   SUBMITTED=/shared/course/submitted RESULTS=/shared/course/grades/01 \
#   DUE=2024-03-01T17:00:00Z LATE_PENALTY=per-hour:10% deploy/slurm/submit.sh
# Settings go to the jobs through the environment (sbatch exports it by default); use absolute
# paths on the shared file system. Pass --array=0-(N-1) to change the number of shards.
set -euo pipefail
: "${SOURCE:?}" "${SUBMITTED:?}" "${RESULTS:?}"
cd "$(dirname "$0")/../.."
grading=$(sbatch --parsable "$@" deploy/slurm/grade.sbatch)
sbatch --parsable --dependency="afterany:${grading%%;*}" deploy/slurm/merge.sbatch
