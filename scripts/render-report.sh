#!/usr/bin/env bash
# Renders a run's report.html to a PNG with headless Chromium (Debian's
# chromium package: apt-get install -y chromium).
# Usage: scripts/render-report.sh RUN_DIR [OUT.png]
set -euo pipefail
dir="${1:?usage: scripts/render-report.sh RUN_DIR [OUT.png]}"
out="${2:-$dir/report.png}"
[ -f "$dir/report.html" ] || { echo "render-report: $dir/report.html: no such file" >&2; exit 2; }
command -v chromium >/dev/null 2>&1 || { echo "render-report: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
html="$(cd "$dir" && pwd)/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,3200 \
  --screenshot="$out" "file://$html" >/dev/null 2>&1
[ -s "$out" ] || { echo "render-report: chromium wrote no image" >&2; exit 1; }
echo "wrote $out"
