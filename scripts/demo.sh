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
# The riskiest job ad: what an investigator would hand to the legal team first.
top=$("$LW" search --min-risk 0.5 --limit 1000 --json | "$VENV/bin/python" -c '
import json, sys
hits = [h for h in json.load(sys.stdin)["hits"] if h.get("kind") == "job_ad"]
print(max(hits, key=lambda h: h["risk"]["score"])["url"] if hits else "")')
if [ -n "$top" ]; then
  echo "== evidence export of the riskiest ad: $top"
  "$LW" evidence export "$top" -o "$LUREWATCH_HOME/exports/top-hit.wacz" --force
  "$LW" evidence verify "$LUREWATCH_HOME/exports/top-hit.wacz"
fi
