#!/usr/bin/env bash
# Runs a sweep on a Slurm cluster: a job array of N shards, then a merge job
# that starts only if every shard succeeded (afterok). alvh schedules
# nothing itself; Slurm does.
# Usage: scripts/slurm/submit-sweep.sh SWEEP.yaml OUT_DIR SHARDS [extra sbatch options...]
# Add --wait to block until the merge has finished (its exit code is returned).
# SWEEP.yaml, OUT_DIR and ALVH may be relative to where it is run: they are
# made absolute before the jobs change into OUT_DIR.
set -euo pipefail
sweep="${1:?usage: submit-sweep.sh SWEEP.yaml OUT_DIR SHARDS [sbatch options]}"
out="${2:?}"
shards="${3:?}"
shift 3
[ -f "$sweep" ] || { echo "submit-sweep.sh: $sweep: no such sweep file" >&2; exit 2; }
sweep="$(cd "$(dirname "$sweep")" && pwd)/$(basename "$sweep")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
alvh="${ALVH:-$(cd "$here/../.." && pwd)/.build/release/alvh}"
case "$alvh" in /*) ;; *) alvh="$(cd "$(dirname "$alvh")" && pwd)/$(basename "$alvh")" ;; esac
wait_flag=()
extra=()
for option in "$@"; do
  if [ "$option" = "--wait" ]; then wait_flag=(--wait); else extra+=("$option"); fi
done
array=$(ALVH="$alvh" SWEEP="$sweep" OUT="$out" sbatch --parsable --export=ALL --array="0-$((shards - 1))" \
  --chdir="$out" "${extra[@]}" "$here/alvh-sweep.sbatch")
echo "submitted shards as job array $array" >&2
merge=$(sbatch --parsable "${wait_flag[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --chdir="$out" --output="$out/alvh-merge-%j.out" \
  "${extra[@]}" --wrap "'$alvh' merge '$out' --out '$out'")
echo "merge job $merge (afterok:$array)" >&2
echo "$merge"
