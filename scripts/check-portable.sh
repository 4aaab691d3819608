#!/usr/bin/env bash
# Checks a portable alvh (scripts/build-portable.sh): it links no Swift
# runtime and no GSL shared library, and it starts and runs a small W1 with
# the Swift toolchain out of its reach: an empty environment, and (as root,
# where unshare works) /opt/swift hidden behind an empty mount.
# Usage: scripts/check-portable.sh [BINARY]   (default .build/portable/alvh)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(readlink -f "${1:-.build/portable/alvh}")"
[ -x "$binary" ] || { echo "check-portable: $binary: no such binary (scripts/build-portable.sh)" >&2; exit 2; }
libraries="$(ldd "$binary")"
if echo "$libraries" | grep -E 'swift|Foundation|dispatch|BlocksRuntime|libgsl' >&2; then
  echo "check-portable: $binary still links the shared libraries above" >&2
  exit 1
fi
scenario="$(pwd)/Scenarios/w1.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { env -i PATH=/usr/bin:/bin HOME="$work" "$@"; }
run "$binary" --version >/dev/null
run "$binary" run "$scenario" --paths 200 --out "$work/run" --quiet >/dev/null
[ -s "$work/run/summary.json" ] || { echo "check-portable: the run wrote no summary.json" >&2; exit 1; }
hidden="not tried"
if [ -d /opt/swift ] && command -v unshare >/dev/null 2>&1 && unshare -m true 2>/dev/null; then
  unshare -m sh -c "mount -t tmpfs none /opt/swift && [ -z \"\$(ls /opt/swift)\" ] && env -i PATH=/usr/bin:/bin '$binary' run '$scenario' --paths 200 --out '$work/hidden' --quiet >/dev/null"
  [ -s "$work/hidden/summary.json" ] || { echo "check-portable: the run with /opt/swift hidden wrote nothing" >&2; exit 1; }
  cmp -s <(grep -v -E 'wallSeconds|pathDaysPerSecond|startedUTC' "$work/run/summary.json") \
         <(grep -v -E 'wallSeconds|pathDaysPerSecond|startedUTC' "$work/hidden/summary.json") || { echo "check-portable: the two runs differ" >&2; exit 1; }
  hidden="ran with /opt/swift hidden"
fi
echo "portable alvh: links $(echo "$libraries" | awk '/=>/ {print $1}' | tr '\n' ' '); started in an empty environment; $hidden"
