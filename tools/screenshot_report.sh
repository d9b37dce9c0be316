#!/usr/bin/env bash
# Render a healthyplaces HTML report to PNG in headless Chromium, to check it as a reader would.
#
#   tools/screenshot_report.sh [report.html] [out.png] [width] [height]
#
# Without a report argument, writes one from the embedded NLGN 2008 data first (to a temporary file).
# Needs chromium (or chromium-browser / google-chrome) on PATH. Not part of the test suite.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-}"
out="${2:-/tmp/healthyplaces-report.png}"
width="${3:-1280}"
height="${4:-9000}"

python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python="$(command -v python3)"

if [ -z "$report" ]; then
    report="$(mktemp --suffix=.html)"
    PYTHONPATH="$here/python${PYTHONPATH:+:$PYTHONPATH}" "$python" -m healthyplaces report --out "$report"
fi
report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

browser=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
[ -n "$browser" ] || { echo "screenshot_report.sh: no chromium found on PATH" >&2; exit 1; }

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --screenshot="$out" --window-size="${width},${height}" "file://$report" 2>/dev/null
echo "Wrote screenshot to $out (from $report)"
