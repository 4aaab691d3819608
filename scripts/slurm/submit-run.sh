#!/usr/bin/env bash
# Runs one large alvh run on a Slurm cluster: a job array of N shards, each
# simulating a contiguous slice of the paths, then a merge job (afterok on
# the whole array) that combines them into OUT_DIR/run, byte-identical to
# the unsharded run apart from timing fields.
# Usage: scripts/slurm/submit-run.sh SCENARIO.yaml OUT_DIR SHARDS [sbatch options...] [--wait] [-- alvh run options...]
#   e.g. scripts/slurm/submit-run.sh Scenarios/w1.yaml runs/w1-10M 16 --cpus-per-task=8 -- --paths 10000000
# Without --mem or --time among the sbatch options, the jobs get the limits
# `alvh run --resources` suggests (twice its estimates, measured here on a
# few of the scenario's paths): per shard for the array, for the whole run
# for the merge. SCENARIO, OUT_DIR and ALVH (the binary) may be relative to
# where it is run: they are made absolute before the jobs change into OUT_DIR.
# Prints the merge job's id; with --wait, returns when the merge has finished.
set -euo pipefail
usage="usage: submit-run.sh SCENARIO.yaml OUT_DIR SHARDS [sbatch options] [--wait] [-- alvh run options]"
scenario="${1:?$usage}"
out="${2:?$usage}"
shards="${3:?$usage}"
shift 3
case "$shards" in ''|*[!0-9]*) echo "submit-run.sh: SHARDS must be a whole number, got '$shards'" >&2; exit 2 ;; esac
[ "$shards" -ge 1 ] || { echo "submit-run.sh: SHARDS must be at least 1" >&2; exit 2; }
[ -f "$scenario" ] || { echo "submit-run.sh: $scenario: no such scenario file" >&2; exit 2; }
scenario="$(cd "$(dirname "$scenario")" && pwd)/$(basename "$scenario")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
[ -e "$out/run" ] && { echo "submit-run.sh: $out/run exists: the merge would refuse it; choose another OUT_DIR" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
alvh="${ALVH:-$(cd "$here/../.." && pwd)/.build/release/alvh}"
case "$alvh" in /*) ;; *) alvh="$(cd "$(dirname "$alvh")" && pwd)/$(basename "$alvh")" ;; esac
[ -x "$alvh" ] || { echo "submit-run.sh: $alvh: not an executable (build alvh or set ALVH)" >&2; exit 2; }
wait_flag=()
extra=()
run_options=()
cpus=2
limits_given=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --) shift; run_options=("$@"); break ;;
    --wait) wait_flag=(--wait) ;;
    --cpus-per-task=*) cpus="${1#--cpus-per-task=}"; extra+=("$1") ;;
    --mem=*|--mem-per-cpu=*|--time=*) limits_given=1; extra+=("$1") ;;
    *) extra+=("$1") ;;
  esac
  shift
done
shard_limits=()
merge_limits=()
if [ "$limits_given" -eq 0 ]; then
  # The scenario is loaded and measured here: a bad file or option fails now, not in the queue.
  hint() { "$alvh" run "$scenario" --resources --json --threads "$cpus" "$@" "${run_options[@]}"; }
  field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
  shard_hint="$(hint --shard "0/$shards")"
  whole_hint="$(hint)"
  shard_limits=(--mem="$(echo "$shard_hint" | field suggestedMemoryMiB)M" --time="$(echo "$shard_hint" | field suggestedMinutes)")
  merge_limits=(--mem="$(echo "$whole_hint" | field suggestedMemoryMiB)M" --time="$(echo "$whole_hint" | field suggestedMinutes)")
  echo "limits from alvh run --resources: shards ${shard_limits[*]}, merge ${merge_limits[*]}" >&2
fi
array=$(ALVH="$alvh" SCENARIO="$scenario" OUT="$out" sbatch --parsable --export=ALL --array="0-$((shards - 1))" \
  --chdir="$out" "${shard_limits[@]}" "${extra[@]}" "$here/alvh-run.sbatch" "${run_options[@]}")
echo "submitted $shards shards as job array $array" >&2
shard_folders=""
for ((i = 0; i < shards; i++)); do shard_folders+=" '$out/shard-$i'"; done
merge=$(sbatch --parsable "${wait_flag[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --chdir="$out" --output="$out/alvh-merge-%j.out" "${merge_limits[@]}" "${extra[@]}" \
  --wrap "'$alvh' merge$shard_folders --out '$out/run'")
echo "merge job $merge (afterok:$array) into $out/run" >&2
echo "$merge"
