#!/usr/bin/env bash
# The whole test suite on a fresh machine: install, start the local Elasticsearch node, run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
# Never fetch the public suffix list at run time (tldextract, via Scrapy and surt): use the bundled one.
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=""

scripts/setup.sh
VENV=${VENV:-.venv}

started_es=0
if [ -x scripts/elasticsearch.sh ]; then
  if ! scripts/elasticsearch.sh status >/dev/null 2>&1; then
    scripts/elasticsearch.sh start
    started_es=1
  fi
  LUREWATCH_TEST_ES_URL=$(scripts/elasticsearch.sh url)
  export LUREWATCH_TEST_ES_URL
fi
cleanup() { [ "$started_es" = 1 ] && scripts/elasticsearch.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

"$VENV/bin/python" -m pytest "$@"
