#!/usr/bin/env bash
# Renders an alvh report to a PNG with headless Chromium (Debian's
# chromium package: apt-get install -y chromium).
# Usage: scripts/render-report.sh RUN_DIR|REPORT.html [OUT.png] [HEIGHT]
#   RUN_DIR: a run or replay folder (its report.html); a sweep's page is
#   SWEEP_DIR/sweep.html. HEIGHT in pixels (default 5600: a whole run report).
set -euo pipefail
target="${1:?usage: scripts/render-report.sh RUN_DIR|REPORT.html [OUT.png] [HEIGHT]}"
if [ -d "$target" ]; then dir="$target"; page="$target/report.html"; else dir="$(dirname "$target")"; page="$target"; fi
out="${2:-$dir/report.png}"
height="${3:-5600}"
[ -f "$page" ] || { echo "render-report: $page: no such file" >&2; exit 2; }
command -v chromium >/dev/null 2>&1 || { echo "render-report: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
html="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1240,"$height" \
  --screenshot="$out" "file://$html" >/dev/null 2>&1
[ -s "$out" ] || { echo "render-report: chromium wrote no image" >&2; exit 1; }
echo "wrote $out"
