#!/usr/bin/env bash
# Brings up a one-node Slurm (Debian's slurm-wlm and munge, as root, without
# systemd, configured through SLURM_CONF in a scratch folder), runs a small
# sweep as a real job array plus a dependent merge with submit-sweep.sh
# --wait, checks that the merged sweep equals an unsharded run of the same
# sweep (timing fields aside), and stops every daemon it started by its pid.
# Usage: scripts/slurm/local-cluster-check.sh   (from the repository, after a release build)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
alvh="$repo/.build/release/alvh"
[ -x "$alvh" ] || swift build -c release --product alvh --package-path "$repo" >&2
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
D="$(mktemp -d /tmp/alvh-slurm.XXXXXX)"
mkdir -p "$D"/{munge,state,spool,log,work}
pids=()
cleanup() {
  for pidfile in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
  for pidfile in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
    [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null || true
  done
}
trap cleanup EXIT
mungekey --create --keyfile="$D/munge/munge.key" >/dev/null 2>&1 || dd if=/dev/urandom of="$D/munge/munge.key" bs=1 count=1024 2>/dev/null
chmod 0400 "$D/munge/munge.key"
munged --force --socket="$D/munge/munge.sock" --key-file="$D/munge/munge.key" \
  --log-file="$D/log/munged.log" --pid-file="$D/munge/munged.pid" --seed-file="$D/munge/munged.seed"
cat > "$D/slurm.conf" <<CONF
ClusterName=alvhci
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.sock
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 8 / 10 )) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$D/slurm.conf"
slurmctld
slurmd -N localhost
for _ in $(seq 1 30); do sinfo -h -o %T 2>/dev/null | grep -qE 'idle|mixed' && break; sleep 1; done
sinfo >&2
# A small sweep (4 points) next to a short copy of W1.
sed 's/^horizonDays: 252/horizonDays: 42/' "$repo/Scenarios/w1.yaml" > "$D/work/short.yaml"
cat > "$D/work/sweep.yaml" <<SWEEP
name: slurm-check
scenarios: [short.yaml]
paths: 2000
seed: 7
fanPaths: 100
bootstrap: 100
axes:
  - {key: strategies.alvh.budgetFraction, values: [0.1, 0.3]}
  - {key: condor.wings.points, values: [25, 50]}
SWEEP
# Relative paths, as a user in the sweep's folder would type them.
if ! (cd "$D/work" && ALVH="$alvh" timeout 600 "$repo/scripts/slurm/submit-sweep.sh" sweep.yaml ../sharded 2 --cpus-per-task=1 --wait >/dev/null); then
  echo "slurm check: the job array or its merge failed:" >&2
  cat "$D"/sharded/*.out >&2 2>/dev/null || true
  exit 1
fi
"$alvh" sweep "$D/work/sweep.yaml" --out "$D/whole" --threads 2 >/dev/null
# One run of 3,000 paths in 3 shards, with the limits submit-run.sh takes from alvh run --resources.
run_options=(--paths 3000 --fan-paths 200 --bootstrap 100)
if ! (cd "$D/work" && ALVH="$alvh" timeout 600 "$repo/scripts/slurm/submit-run.sh" short.yaml ../bigrun 3 --cpus-per-task=1 --wait \
      -- "${run_options[@]}" >/dev/null 2>"$D/log/submit-run.err"); then
  echo "slurm check: the sharded run's job array or its merge failed:" >&2
  cat "$D/log/submit-run.err" "$D"/bigrun/*.out >&2 2>/dev/null || true
  exit 1
fi
grep -q "limits from alvh run --resources" "$D/log/submit-run.err" || { echo "slurm check: submit-run.sh set no limits" >&2; exit 1; }
"$alvh" run "$D/work/short.yaml" "${run_options[@]}" --out "$D/bigwhole" --threads 2 --quiet >/dev/null
strip() { grep -v -E 'wallSeconds|pathDaysPerSecond|startedUTC|"threads"|path-days/s' "$1"; }
status=0
compare() {  # compare WHOLE SHARDED: every file of the unsharded output is in the Slurm one, equal
  for file in $(cd "$1" && find . -type f | sort); do
    case "$file" in *.out) continue ;; esac
    if [ ! -f "$2/$file" ]; then echo "missing in the Slurm output: $2/$file" >&2; status=1; continue; fi
    case "$file" in
      *.json|*.html) diff -q <(strip "$1/$file") <(strip "$2/$file") >/dev/null || { echo "differs: $2/$file" >&2; status=1; } ;;
      *) cmp -s "$1/$file" "$2/$file" || { echo "differs: $2/$file" >&2; status=1; } ;;
    esac
  done
}
compare "$D/whole" "$D/sharded"
compare "$D/bigwhole" "$D/bigrun/run"
ls "$D"/sharded/alvh-sweep-*.out >/dev/null 2>&1 || { echo "no job-array output: the sweep's shards did not run under Slurm" >&2; status=1; }
[ "$(ls "$D"/bigrun/alvh-run-*.out 2>/dev/null | wc -l)" -eq 3 ] || { echo "the run's 3 shards did not all run under Slurm" >&2; status=1; }
if [ "$status" -eq 0 ]; then
  echo "slurm check: a 2-task job array and its afterok merge reproduced the unsharded sweep (4 points); a 3-shard run and its merge reproduced the unsharded run (3,000 paths)"
fi
exit "$status"
