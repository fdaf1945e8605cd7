#!/usr/bin/env bash
# Throughput of ingests running at once into one archive on PostgreSQL, against one ingest of
# the same files: two field teams on two machines, each with its own processor, sharing one
# database and one folder of originals.
#
#   scripts/concurrent-ingest-benchmark.sh [--files 40] [--seconds 120] [--rounds 2] [--work DIR] [--binary PATH]
#
# Generates --files distinct WAV files (16 kHz mono 16-bit, pink noise under a tone of its own)
# of --seconds each, once, in --work (default $TMPDIR/concurrent-ingest-benchmark). Each round
# ingests them into fresh archives on a throwaway PostgreSQL cluster, three ways:
#   one     one `dialect-archive ingest` of every file, held to one core (taskset -c 0)
#   two     two ingests at once, each of half the files and held to a core of its own
#   whole   one ingest of every file on all the machine's cores
#   shared  two ingests at once, not held to a core: both share the machine's cores
# and prints each way's wall time, audio ingested per second of it, and two's gain over one.
# It checks that every file was stored once in each archive.
set -euo pipefail
cd "$(dirname "$0")/.."
files=40 seconds=120 rounds=2 work="${TMPDIR:-/tmp}/concurrent-ingest-benchmark" binary=""
while [ $# -gt 0 ]; do
    case "$1" in
    --files) files=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: $0 [--files N] [--seconds S] [--rounds R] [--work DIR] [--binary PATH]" >&2; exit 2 ;;
    esac
done
[ $(( files % 2 )) -eq 0 ] || { echo "$0: --files must be even" >&2; exit 2; }
bash scripts/install-dependencies.sh
if [ -z "$binary" ]; then
    swift build -c release --product dialect-archive >&2
    binary="$(swift build -c release --show-bin-path)/dialect-archive"
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

input="$work/input-$files-$seconds"
if [ ! -f "$input/done" ]; then
    rm -rf "$input"
    echo "generating $files files of $seconds s in $input …" >&2
    for i in $(seq 1 "$files"); do
        half=$(( i <= files / 2 ? 1 : 2 ))
        folder="$input/team-$half/trip-$i"
        mkdir -p "$folder"
        ffmpeg -loglevel error -f lavfi -i "anoisesrc=color=pink:seed=$i:duration=$seconds:sample_rate=16000:amplitude=0.3" \
            -f lavfi -i "sine=frequency=$(( 180 + 37 * i )):duration=$seconds:sample_rate=16000" \
            -filter_complex "[0:a][1:a]amix=inputs=2:duration=shortest" -ac 1 -ar 16000 -c:a pcm_s16le "$folder/recording-$i.wav"
    done
    touch "$input/done"
fi

cluster="$work/postgres"
trap 'bash scripts/postgres-cluster.sh stop "$cluster"' EXIT
server=$(bash scripts/postgres-cluster.sh start "$cluster" | tail -1)
cores=$(nproc)
[ "$cores" -ge 2 ] || { echo "$0: needs two cores" >&2; exit 2; }

# A fresh archive on a fresh database; prints its folder.
fresh_archive() {
    local name=$1 database
    database="bench_${name}_$RANDOM$RANDOM"
    psql "$server" --quiet --no-psqlrc -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database" >/dev/null
    rm -rf "$work/$name"
    "$binary" init --archive "$work/$name" --database "${server/\/postgres\?/\/$database?}" >/dev/null
    echo "$work/$name"
}

# Checks that every generated file is stored once in the archive at $1.
check_archive() {
    local stored
    stored=$("$binary" stats --archive "$1" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['recordings'])")
    [ "$stored" -eq "$files" ] || { echo "$0: $1 holds $stored recordings, not $files" >&2; exit 1; }
}

now() { date +%s.%N; }

audio=$(( files * seconds ))
printf "%d files of %d s (%d s of audio) per run, %d rounds, %s\n" "$files" "$seconds" "$audio" "$rounds" "$(date -u +%FT%TZ)"
printf "%-8s %6s %10s %14s\n" way round "wall s" "audio s/s"
declare -A total
for round in $(seq 1 "$rounds"); do
    for way in one two whole shared; do
        archive=$(fresh_archive "$way")
        start=$(now)
        case "$way" in
        one) taskset -c 0 "$binary" ingest --archive "$archive" "$input/team-1" "$input/team-2" >/dev/null ;;
        two)
            taskset -c 0 "$binary" ingest --archive "$archive" "$input/team-1" >/dev/null & first=$!
            taskset -c 1 "$binary" ingest --archive "$archive" "$input/team-2" >/dev/null & second=$!
            wait "$first"; wait "$second" ;;
        whole) "$binary" ingest --archive "$archive" "$input/team-1" "$input/team-2" >/dev/null ;;
        shared)
            "$binary" ingest --archive "$archive" "$input/team-1" >/dev/null & first=$!
            "$binary" ingest --archive "$archive" "$input/team-2" >/dev/null & second=$!
            wait "$first"; wait "$second" ;;
        esac
        end=$(now)
        check_archive "$archive"
        wall=$(python3 -c "print(f'{$end - $start:.2f}')")
        total[$way]=$(python3 -c "print(${total[$way]:-0} + $wall)")
        printf "%-8s %6d %10s %14s\n" "$way" "$round" "$wall" "$(python3 -c "print(f'{$audio / $wall:.0f}')")"
    done
done
python3 - "${total[one]}" "${total[two]}" "${total[whole]}" "${total[shared]}" <<'EOF'
import sys
one, two, whole, shared = map(float, sys.argv[1:])
print(f"two ingests at once, a core each: {one / two:.2f}× the throughput of one ingest on one core")
print(f"two ingests at once sharing the cores: {whole / shared:.2f}× that of one ingest on all cores")
EOF
