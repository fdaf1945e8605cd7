#!/usr/bin/env bash
# What the web server sustains on an archive of 1,000,000 segments, with wrk as the load
# generator: serve's start-up, /api/search over search-benchmark's one- and two-character
# queries, the facet counts of the commonest terms, 3-second audio spans of a 48 kHz 24-bit
# WAV and of a FLAC, the search load while an ingest runs beside it, CLARIN FCS searchRetrieve
# over the same queries, a federated search over three peers, and the size of a search page
# of 50 hits. Prints one table: measure, figure, target, met or not.
#
#   scripts/server-benchmark.sh [--segments 1000000] [--work DIR] [--duration 15] [--connections 32] [--port 18080]
#                               [--binary PATH] [--only search,facets,wav,flac,ingest,fcs,network]
#                               [--serve-options "--kept-pages 0"] [--database postgres]
#
# The archive (search-benchmark's generated segments plus two real recordings with
# transcripts) is built once in --work (default $TMPDIR/server-benchmark) and reused.
# --binary serves with another build of dialect-archive (to compare two builds on one archive);
# --only runs just the named load measures; --serve-options are given to every serve it starts.
# --database postgres serves a copy of the archive whose database was moved (migrate-database,
# once, kept in --work) to a PostgreSQL cluster of its own in --work, started for the run and
# stopped at its end.
set -euo pipefail
export LC_ALL=C.UTF-8
cd "$(dirname "$0")/.."
root=$(pwd)

segments=1000000
work="${TMPDIR:-/tmp}/server-benchmark"
duration=15
connections=32
port=18080
binary=""
only="search,facets,wav,flac,ingest,fcs,network"
serve_options=()
database=sqlite
while [[ $# -gt 0 ]]; do
    case "$1" in
        --segments) segments="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --binary) binary="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --serve-options) read -ra serve_options <<<"$2"; shift 2 ;;
        --database) database="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "server-benchmark: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

# --- tools ---------------------------------------------------------------------------
missing=()
for pair in wrk:wrk sox:sox flac:flac curl:curl sqlite3:sqlite3; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    echo "Installing Debian packages: ${missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -z "$binary" ]]; then
    echo "building in release mode" >&2
    swift build -c release --product dialect-archive >&2
    binary="$(swift build -c release --show-bin-path)/dialect-archive"
fi
cli="$binary"
server="$cli"
[[ -x "$server" ]] || { echo "server-benchmark: $server is not an executable" >&2; exit 2; }
measuring() { [[ ",$only," == *",$1,"* ]]; }

mkdir -p "$work"
work=$(cd "$work" && pwd)
archive="$work/archive-$segments"
queries="$work/queries-$segments.tsv"
media="$work/media"
spans_ms=600000   # length of each of the two recordings the spans are cut from

# --- the archive, built once -------------------------------------------------------------
# A tone under noise, so that neither file is silence and the WAV and the FLAC differ.
make_audio() {  # file seconds rate bits channels frequency
    sox -n -r "$3" -b "$4" -c "$5" "$1" synth "$2" sine "$6" synth "$2" pinknoise mix vol 0.4
}
make_vtt() {  # file seconds text-seed
    python3 - "$1" "$2" "$3" <<'PY'
import random, sys
path, seconds, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = "太阳 月亮 星星 下雨 刮风 吃饭 喝水 睡觉 走路 说话 今天 明天 昨天 早上 晚上 我们 你们 他们 东西 地方".split()
random.seed(seed)
def stamp(ms):
    return "%02d:%02d:%02d.%03d" % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, ms % 1000)
with open(path, "w", encoding="utf-8") as out:
    out.write("WEBVTT\n\n")
    for i, start in enumerate(range(500, seconds * 1000 - 2500, 3000)):
        out.write("%d\n%s --> %s\n%s\n\n" % (i + 1, stamp(start), stamp(start + 2500), "".join(random.sample(words, 3))))
PY
}

if [[ ! -f "$archive/.server-benchmark-complete" ]]; then
    rm -rf "$archive" "$media"
    swift build -c release --product search-benchmark >&2
    bin=$(swift build -c release --show-bin-path)
    echo "generating $segments segments into $archive" >&2
    "$bin/search-benchmark" --segments "$segments" --archive "$archive" --write-queries "$queries" >&2
    mkdir -p "$media"
    echo "making the recordings the audio spans are cut from" >&2
    make_audio "$media/span-wav.wav" $((spans_ms / 1000)) 48000 24 2 220
    make_audio "$media/span-flac-source.wav" $((spans_ms / 1000)) 48000 24 2 330
    flac -s --best -o "$media/span-flac.flac" "$media/span-flac-source.wav"
    rm "$media/span-flac-source.wav"
    make_vtt "$media/span-wav.vtt" $((spans_ms / 1000)) 1
    make_vtt "$media/span-flac.vtt" $((spans_ms / 1000)) 2
    "$cli" ingest "$media" --archive "$archive" --collection bench >&2
    touch "$archive/.server-benchmark-complete"
fi
recording_id() {
    sqlite3 -readonly "$archive/archive.sqlite" "SELECT id FROM recording WHERE original_name = '$1' ORDER BY id DESC LIMIT 1"
}
wav_id=$(recording_id span-wav.wav)
flac_id=$(recording_id span-flac.flac)
[[ -n "$wav_id" && -n "$flac_id" ]] || { echo "server-benchmark: the span recordings are not in $archive; remove it and run again" >&2; exit 1; }
segment_count=$(sqlite3 -readonly "$archive/archive.sqlite" "SELECT count(*) FROM segment")
cluster=""
stop_cluster() { [[ -z "$cluster" ]] || bash "$root/scripts/postgres-cluster.sh" stop "$cluster"; }
if [[ "$database" == postgres ]]; then
    cluster="$work/postgres-cluster"
    address=$(bash "$root/scripts/postgres-cluster.sh" start "$cluster")
    trap stop_cluster EXIT
    moved="$archive-postgres"
    if [[ ! -f "$moved/.server-benchmark-complete" ]]; then
        rm -rf "$moved"
        psql "$address" --quiet -c "DROP DATABASE IF EXISTS bench_$segments" -c "CREATE DATABASE bench_$segments"
        cp -a "$archive" "$moved"
        echo "moving the copy's database to PostgreSQL" >&2
        "$cli" migrate-database --to "postgres://postgres@/bench_$segments?host=$cluster" --archive "$moved" >&2
        touch "$moved/.server-benchmark-complete"
    fi
    archive="$moved"
elif [[ "$database" != sqlite ]]; then
    echo "server-benchmark: --database is sqlite or postgres" >&2; exit 2
fi

# --- the server --------------------------------------------------------------------------
base="http://127.0.0.1:$port"
server_pid=""
wrk_pid=""
stop_server() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
peer_pids=()
stop_peers() {
    local pid
    for pid in "${peer_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    peer_pids=()
}
cleanup() {
    [[ -n "$wrk_pid" ]] && kill "$wrk_pid" 2>/dev/null || true
    stop_server
    stop_peers
    stop_cluster
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null "$base/"; then
    echo "server-benchmark: something already answers at $base; give another --port" >&2
    exit 1
fi

# Sets startup_ms to the time from launch to the first successful answer; the server is left running.
start_server() {
    local started
    started=$(date +%s%N)
    "$server" serve "${serve_options[@]}" --archive "$archive" --port "$port" >>"$work/serve.out" 2>>"$work/serve.log" &
    server_pid=$!
    until curl -sf -o /dev/null "$base/api/openapi.json"; do
        kill -0 "$server_pid" 2>/dev/null || { echo "server-benchmark: serve exited; see $work/serve.log" >&2; exit 1; }
        sleep 0.005
    done
    startup_ms=$((($(date +%s%N) - started) / 1000000))
}

: >"$work/serve.log"
startups=()
for _ in 1 2 3; do
    start_server
    startups+=("$startup_ms")
    stop_server
done
startup_median=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 2p)
startup_max=$(printf '%s\n' "${startups[@]}" | sort -n | tail -1)
start_server

# --- measures ------------------------------------------------------------------------------
export WRK_SCRIPTS="$root/scripts/wrk" QUERIES="$queries"
result_file="$work/results.txt"
: >"$result_file"
run_wrk() {  # name connections script [KEY=VALUE environment...]
    local name=$1 c=$2 script=$3; shift 3
    echo "wrk: $name ($c connections, ${duration} s)" >&2
    env "$@" wrk -t 2 -c "$c" -d "${duration}s" --timeout 5s -s "$WRK_SCRIPTS/$script" "$base" >"$work/wrk-$name.txt" 2>&1 || true
    grep '^RESULT' "$work/wrk-$name.txt" | sed "s/^RESULT/$name/" >>"$result_file" || true
}
field() {  # name key
    grep "^$1 " "$result_file" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}

# Each query asked once, one at a time, on a server that has not seen it: what a visitor asking
# something new waits for. The load that follows asks the same queries again.
first_search() {
    python3 - "$queries" "$base" <<'PY' | while read -r url; do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n >"$work/first-search.txt"
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    kind, text, hits = line.rstrip("\n").split("\t")
    if kind in ("one", "two"):
        print(sys.argv[2] + "/api/search?q=" + urllib.parse.quote(text) + "&limit=50&facets=false")
PY
    awk '{ t[NR] = $1 * 1000 } END { printf "first count=%d p50_ms=%.2f p95_ms=%.2f max_ms=%.2f\n", NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR] }' \
        "$work/first-search.txt" >>"$result_file"
}
if measuring search; then
    first_search
    run_wrk search "$connections" search.lua KINDS=one,two FACETS=false
fi
# The facet counts of the commonest terms, asked by two visitors at once (one per core).
measuring facets && run_wrk facets 2 search.lua KINDS=one,two,common MIN_HITS=60000
measuring wav && run_wrk wav "$connections" audio.lua RECORDING="$wav_id" DURATION_MS="$spans_ms" SPAN_MS=3000
measuring flac && run_wrk flac "$connections" audio.lua RECORDING="$flac_id" DURATION_MS="$spans_ms" SPAN_MS=3000
# What a federated aggregator asks: FCS searchRetrieve, a page of 50 records with their exact count.
measuring fcs && run_wrk fcs 16 search.lua KINDS=one,two ENDPOINT=fcs

# A federated search (scope=network): a front server asks three peers over CLARIN FCS (here three
# more servers over the same archive, each a full search of a million segments) and itself.
if measuring network; then
    peers_file="$work/peers.json"
    printf '[' >"$peers_file"
    for i in 1 2 3; do
        "$server" serve "${serve_options[@]}" --archive "$archive" --port $((port + i)) >>"$work/serve.out" 2>>"$work/serve.log" &
        peer_pids+=($!)
        printf '%s{"name": "peer %d", "url": "http://127.0.0.1:%d"}' "$([[ $i == 1 ]] || echo ,)" "$i" $((port + i)) >>"$peers_file"
    done
    printf ']\n' >>"$peers_file"
    "$server" serve "${serve_options[@]}" --archive "$archive" --port $((port + 4)) --peers "$peers_file" >>"$work/serve.out" 2>>"$work/serve.log" &
    peer_pids+=($!)
    for i in 1 2 3 4; do
        until curl -sf -o /dev/null "http://127.0.0.1:$((port + i))/api/openapi.json"; do sleep 0.01; done
    done
    own_base=$base
    base="http://127.0.0.1:$((port + 4))"
    run_wrk network 8 search.lua KINDS=one,two FACETS=false SCOPE=network
    base=$own_base
    stop_peers
fi

# The search load again while another process ingests a fresh batch into the same archive.
files=0 ingest_ms=0 ingest_status=0
if measuring ingest; then
batch="$work/batch-$(date +%s)"
mkdir -p "$batch"
files=$(( duration > 4 ? duration : 4 ))
for i in $(seq 1 "$files"); do
    make_audio "$batch/batch-$i.wav" 30 48000 16 2 $((200 + i * 7 + RANDOM % 500))
    make_vtt "$batch/batch-$i.vtt" 30 $((RANDOM + i))
done
echo "wrk: search during ingest ($connections connections, ${duration} s)" >&2
(WRK_SCRIPTS="$WRK_SCRIPTS" QUERIES="$queries" KINDS=one,two FACETS=false \
    wrk -t 2 -c "$connections" -d "${duration}s" --timeout 5s -s "$WRK_SCRIPTS/search.lua" "$base" >"$work/wrk-ingest.txt" 2>&1) &
wrk_pid=$!
sleep 1
ingest_started=$(date +%s%N)
ingest_status=0
"$cli" ingest "$batch" --archive "$archive" --collection bench >"$work/ingest.out" 2>&1 || ingest_status=$?
ingest_ms=$((($(date +%s%N) - ingest_started) / 1000000))
wait "$wrk_pid" || true
wrk_pid=""
grep '^RESULT' "$work/wrk-ingest.txt" | sed 's/^RESULT/ingest/' >>"$result_file" || true
rm -rf "$batch"
fi

# The HTML search page of 50 hits for the commonest one-character query and word.
page_bytes=0
while IFS=$'\t' read -r kind text hits; do
    [[ "$kind" == common || ( "$kind" == one && "$page_bytes" == 0 ) ]] || continue
    encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$text")
    bytes=$(curl -s "$base/search?q=$encoded&limit=50" | wc -c)
    ((bytes > page_bytes)) && page_bytes=$bytes && page_query="$text ($hits hits)"
done < <(tail -n +2 "$queries")
span_bytes=$(curl -s "$base/api/recordings/$wav_id/audio?start_ms=1000&end_ms=4000" | wc -c)
stop_server

# --- the table -----------------------------------------------------------------------------
verdict() { if [[ "$1" == 1 ]]; then echo "met"; else echo "not met"; fi; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && a + 0 <= b + 0) ? 1 : 0 }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a != "" && a + 0 >= b + 0) ? 1 : 0 }'; }
failures() {  # name: failed requests, socket errors included
    local sum=0 key
    [[ -n "$(field "$1" requests)" ]] || { echo "no result"; return; }
    for key in non2xx connect read write timeout; do sum=$((sum + $(field "$1" "$key"))); done
    echo "$sum"
}
rate() { printf '%.0f' "$(field "$1" rate || true)" 2>/dev/null || echo "?"; }

echo
echo "## server-benchmark: $(printf "%'d" "$segment_count") segments on $database, $(date -u +%Y-%m-%d), $(nproc) cores, ${duration} s per measure, load average $(cut -d ' ' -f 1-3 /proc/loadavg), $server ${serve_options[*]}"
echo
echo "| measure | figure | target | |"
echo "|---|---|---|---|"
echo "| \`serve\` start-up, launch to first answer (median of 3, worst) | ${startup_median} ms, ${startup_max} ms | < 1 s | $(verdict "$(le "$startup_max" 999)") |"
measuring search && echo "| \`/api/search\`, 250 one- and 250 two-character queries, limit 50, exact total (\`facets=false\`), $connections connections | $(rate search) requests/s, p50 $(field search p50_ms) ms, p99 $(field search p99_ms) ms, $(failures search) failed | ≥ 800/s, p99 ≤ 25 ms | $(verdict "$(($(ge "$(field search rate)" 800) & $(le "$(field search p99_ms)" 25)))") |"
measuring search && echo "| \`/api/search\`, the same queries each asked for the first time, one at a time (curl) | p50 $(field first p50_ms) ms, p95 $(field first p95_ms) ms, slowest $(field first max_ms) ms | | |"
measuring facets && echo "| facet counts of the commonest terms (queries with ≥ 60,000 hits, exact total and facets), 2 connections | p50 $(field facets p50_ms) ms, p95 $(field facets p95_ms) ms, $(rate facets) requests/s | p95 ≤ 100 ms | $(verdict "$(le "$(field facets p95_ms)" 100)") |"
measuring wav && echo "| 3-second spans of a 48 kHz 24-bit stereo WAV ($span_bytes bytes each), $connections connections | $(rate wav) spans/s, p99 $(field wav p99_ms) ms, $(failures wav) failed | ≥ 300/s | $(verdict "$(ge "$(field wav rate)" 300)") |"
measuring flac && echo "| 3-second spans of a FLAC of the same format, $connections connections | $(rate flac) spans/s, p99 $(field flac p99_ms) ms, $(failures flac) failed | ≥ 100/s | $(verdict "$(ge "$(field flac rate)" 100)") |"
measuring fcs && echo "| CLARIN FCS \`searchRetrieve\` (SRU 2.0, CQL), the same queries, 50 records, 16 connections | $(rate fcs) requests/s, p50 $(field fcs p50_ms) ms, p99 $(field fcs p99_ms) ms, $(failures fcs) failed | p99 ≤ 50 ms | $(verdict "$(le "$(field fcs p99_ms)" 50)") |"
measuring network && echo "| federated search (\`scope=network\`), this archive and three peers over FCS, the same queries, 50 hits each, 8 connections | $(rate network) requests/s, p50 $(field network p50_ms) ms, p95 $(field network p95_ms) ms, $(failures network) failed | p95 ≤ 100 ms | $(verdict "$(le "$(field network p95_ms)" 100)") |"
measuring ingest && echo "| \`/api/search\` while \`ingest\` adds $files recordings with transcripts (ingest $((ingest_ms / 1000)).$(((ingest_ms % 1000) / 100)) s, exit $ingest_status) | $(field ingest requests) requests, $(rate ingest)/s, p99 $(field ingest p99_ms) ms: $(field ingest non2xx) non-2xx, $(($(field ingest connect || true) + $(field ingest read || true) + $(field ingest write || true) + 0)) socket errors, $(field ingest timeout) timeouts | 0 failed | $(verdict "$([[ "$(failures ingest)" == 0 && "$ingest_status" == 0 ]] && echo 1 || echo 0)") |"
echo "| HTML search page of 50 hits, ${page_query:-?} | $(printf "%'d" "$page_bytes") bytes | < 100 KB | $(verdict "$(le "$page_bytes" 102399)") |"
echo
echo "wrk output is in $work/wrk-*.txt; the server's request log in $work/serve.log."
