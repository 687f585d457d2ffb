#!/usr/bin/env bash
# The main job on the embedded default: serve the bundled demo site, crawl it, search it, list the
# top entities and export the top hit as a signed evidence package.
set -euo pipefail
cd "$(dirname "$0")/.."
# Never fetch the public suffix list at run time (tldextract, via Scrapy and surt): use the bundled one.
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=""

VENV=${VENV:-.venv}
LW="$VENV/bin/lurewatch"
export LUREWATCH_HOME=${LUREWATCH_HOME:-$PWD/lurewatch-data}
PORT=${DEMO_PORT:-8765}
SITE="http://127.0.0.1:$PORT/"

"$VENV/bin/python" -m lurewatch.demo.server --port "$PORT" --day 1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  "$VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('$SITE', timeout=1)" 2>/dev/null && break
  sleep 0.2
done

echo "== crawl $SITE (archive in $LUREWATCH_HOME)"
"$LW" crawl "$SITE" --name demo
echo "== search: telegram"
"$LW" search telegram --limit 5
echo "== search: 招聘 (Chinese, no spaces)"
"$LW" search 招聘 --limit 3
echo "== top entities"
"$LW" entities --limit 10
top=$("$LW" search --min-risk 0.5 --limit 1 --json | "$VENV/bin/python" -c 'import json,sys; h=json.load(sys.stdin)["hits"]; print(h[0]["url"] if h else "")')
if [ -n "$top" ] && "$LW" evidence --help 2>/dev/null | grep -q export; then
  echo "== evidence export of the top-risk page: $top"
  "$LW" evidence export "$top" -o "$LUREWATCH_HOME/exports/top-hit.wacz" --force
  "$LW" evidence verify "$LUREWATCH_HOME/exports/top-hit.wacz"
fi
