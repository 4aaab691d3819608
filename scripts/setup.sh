#!/usr/bin/env bash
# Installs what alvh needs on Debian (libgsl-dev, pkg-config) when missing,
# then builds the release binary at .build/release/alvh.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
pkg-config --exists gsl 2>/dev/null || need+=(libgsl-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
swift build -c release --product alvh >&2
