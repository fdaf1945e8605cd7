#!/usr/bin/env bash
# Regenerates the bundled sample collection: recordings/ and transcripts/ at the
# repository root (both are wiped first). The speech is synthetic (espeak-ng),
# laid out the way a 语保 (Chinese Language Resources Protection Project) field
# team would hand it over: audio in several containers, ELAN/Praat/WebVTT
# transcripts aligned to the spoken phrases, and the three metadata CSVs.
#
# Deterministic: the same tools give byte-identical output on every run.
# Usage: scripts/make-sample.sh
set -euo pipefail
export LC_ALL=C.UTF-8

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rec_dir=$repo/recordings
tr_dir=$repo/transcripts
rate=16000                    # Hz, mono, 16-bit: small but plenty for speech
lead_ms=500                   # silence before the first phrase
gap_ms=600                    # silence between phrases
tail_ms=500                   # silence after the last phrase

# --- tools ---------------------------------------------------------------
missing=()
for pair in espeak-ng:espeak-ng sox:sox soxi:sox ffmpeg:ffmpeg ffprobe:ffmpeg \
            flac:flac oggenc:vorbis-tools python3:python3; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
    "${sudo[@]}" apt-get install -y "${packages[@]}"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf "$rec_dir" "$tr_dir"
mkdir -p "$rec_dir" "$tr_dir"

# --- speakers' synthetic voices ------------------------------------------------
# speaker|espeak voice|pitch|words per minute
# Mandarin uses cmn-latn-pinyin: in espeak-ng 1.51 plain `-v cmn` turns many
# characters into pinyin with tone digits and then reads those in English.
voices='bj-lm|cmn-latn-pinyin+m3|35|120
bj-ym|cmn-latn-pinyin+m1|55|160
gz-yf|yue+f2|60|150
mx-lf|hak+f4|45|120'

# --- recordings -----------------------------------------------------------------
# base name|audio container|transcript format|ISO 639-3|description (bext, tags)|date
recordings='bj-lm-danzi|bwf|eaf|cmn|北京东城 单字 老男 bj-lm|2024-05-06
bj-lm-cihui|flac|textgrid|cmn|北京东城 词汇 老男 bj-lm|2024-05-06
bj-huayu|mp3|eaf|cmn|北京东城 话语 老男 bj-lm 青男 bj-ym|2024-05-07
gz-yf-cihui|bwf|eaf|yue|广州越秀 词汇 青女 gz-yf|2024-05-10
gz-yf-yufa|ogg|vtt|yue|广州越秀 语法 青女 gz-yf|2024-05-10
mx-lf-cihui|flac|textgrid|hak|梅州梅县 词汇 老女 mx-lf|2024-05-14
mx-lf-koutou-1|ogg|eaf|hak|梅州梅县 口头文化 童谣《月光光》 老女 mx-lf|2024-05-14
mx-lf-koutou-2|opus|vtt|hak|梅州梅县 口头文化 谚语 老女 mx-lf|2024-05-14'

# bext origination time (and time_reference in samples since midnight) per BWF.
declare -A bext_time=([bj-lm-danzi]=10:15:00 [gz-yf-cihui]=14:30:00)
declare -A bext_tref=([bj-lm-danzi]=0 [gz-yf-cihui]=$((52200 * rate)))

# --- what is said ---------------------------------------------------------------
# base name|speaker|item number|text as transcribed|what espeak-ng reads (empty: the text)
# Items are the shared 语保 lists (单字 0001 多 ..., 词汇 0001 太阳 ..., 语法 0001 ...),
# in the local words. Hakka is read from Pha̍k-fa-sṳ romanisation (espeak-ng reads
# no Han characters for hak); [[...]] is espeak phoneme input where its spelling
# rules miss the tone (月 ngia̍t 阳入, 秀 siu 去声).
segments='bj-lm-danzi|bj-lm|0001|多|
bj-lm-danzi|bj-lm|0002|拖|
bj-lm-danzi|bj-lm|0003|大|
bj-lm-danzi|bj-lm|0004|锣|
bj-lm-danzi|bj-lm|0005|左|
bj-lm-danzi|bj-lm|0006|歌|
bj-lm-cihui|bj-lm|0001|太阳|
bj-lm-cihui|bj-lm|0002|月亮|
bj-lm-cihui|bj-lm|0003|星星|
bj-lm-cihui|bj-lm|0004|云彩|
bj-lm-cihui|bj-lm|0005|风|
bj-huayu|bj-lm||您吃了吗？|
bj-huayu|bj-ym||吃了，您呢？|
bj-huayu|bj-lm||我也吃了，出去走走。|
bj-huayu|bj-ym||那您慢走。|
gz-yf-cihui|gz-yf|0001|热头|
gz-yf-cihui|gz-yf|0002|月光|
gz-yf-cihui|gz-yf|0003|星|
gz-yf-cihui|gz-yf|0004|云|
gz-yf-cihui|gz-yf|0005|风|
gz-yf-yufa|gz-yf|0001|小张寻日钓咗条大鱼，我冇钓到鱼。|
gz-yf-yufa|gz-yf|0002|你平时食唔食烟啊？唔食，我唔食烟。|
mx-lf-cihui|mx-lf|0001|日头|ngit thèu
mx-lf-cihui|mx-lf|0002|月光|[[n^'"'"'ia6t]] kông
mx-lf-cihui|mx-lf|0003|星子|sên tsṳ́
mx-lf-cihui|mx-lf|0004|云|yùn
mx-lf-cihui|mx-lf|0005|风|fûng
mx-lf-koutou-1|mx-lf||月光光，|[[n^'"'"'ia6t]] kông kông
mx-lf-koutou-1|mx-lf||秀才郎，|[[S;'"'"'iu4]] chhòi lòng
mx-lf-koutou-1|mx-lf||骑白马，|khì pha̍k mâ
mx-lf-koutou-1|mx-lf||过莲塘。|ko lièn thòng
mx-lf-koutou-2|mx-lf||早起三朝，|tsó hí sâm chêu
mx-lf-koutou-2|mx-lf||当一工。|tong yit kûng'

voice_of() { grep "^$1|" <<<"$voices" | cut -d'|' -f2-; }

silence() { # duration in ms, output file
    sox -D -r "$rate" -c 1 -b 16 -n "$2" trim 0 "$(($1 * rate / 1000))s"
}
silence "$lead_ms" "$work/lead.wav"
silence "$gap_ms" "$work/gap.wav"
silence "$tail_ms" "$work/tail.wav"

# --- synthesise phrases, concatenate, note where each phrase lies ------------------
seg_tsv=$work/segments.tsv
rec_tsv=$work/recordings.tsv
: >"$seg_tsv"; : >"$rec_tsv"
while IFS='|' read -r base container tformat lang desc date; do
    parts=("$work/lead.wav")
    t=$lead_ms
    n=0
    while IFS='|' read -r _ speaker item text say; do
        [[ -n $say ]] || say=$text
        IFS='|' read -r voice pitch wpm <<<"$(voice_of "$speaker")"
        n=$((n + 1))
        raw=$work/$base-$n.raw.wav clip=$work/$base-$n.wav
        espeak-ng -v "$voice" -p "$pitch" -s "$wpm" -w "$raw" "$say"
        # Trim the synthesiser's own leading/trailing silence, resample, and pad
        # to a whole millisecond so every boundary is an integer ms in all formats.
        sox -D "$raw" -r "$rate" -b 16 -c 1 "$work/trim.wav" \
            silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse gain -3
        frames=$(soxi -s "$work/trim.wav")
        per_ms=$((rate / 1000))
        sox -D "$work/trim.wav" "$clip" pad 0 "$(((per_ms - frames % per_ms) % per_ms))s"
        dur_ms=$(python3 -c 'import sys; print(round(float(sys.argv[1]) * 1000))' "$(soxi -D "$clip")")
        ((n > 1)) && { parts+=("$work/gap.wav"); t=$((t + gap_ms)); }
        parts+=("$clip")
        ipa=$(espeak-ng -q --ipa -v "$voice" "$say" | tr '\n' ' ')
        phon=$(espeak-ng -q -x -v "$voice" "$say" | tr '\n' ' ')
        printf '%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n' "$base" "$speaker" "$item" \
            "$t" "$((t + dur_ms))" "$text" "$ipa" "$phon" >>"$seg_tsv"
        t=$((t + dur_ms))
    done < <(grep "^$base|" <<<"$segments")
    parts+=("$work/tail.wav")
    t=$((t + tail_ms))
    master=$work/$base.wav
    sox -D "${parts[@]}" "$master"
    [[ $(soxi -s "$master") -eq $((t * rate / 1000)) ]] || { echo "length mismatch: $base" >&2; exit 1; }

    tags=(-metadata "title=$desc" -metadata "date=$date" -metadata "album=sample"
          -metadata "comment=synthetic speech generated by espeak-ng; not real speakers")
    ff=(ffmpeg -nostdin -loglevel error -y -i "$master" -map_metadata -1
        -fflags +bitexact -flags:a +bitexact)
    case $container in
        bwf)  file=$base.wav
              "${ff[@]}" -c:a pcm_s16le -write_bext 1 \
                  -metadata "description=dialect-archive sample $base: synthetic speech (espeak-ng), not a real speaker" \
                  -metadata "originator=dialect-archive sample" \
                  -metadata "originator_reference=$base" \
                  -metadata "origination_date=$date" \
                  -metadata "origination_time=${bext_time[$base]}" \
                  -metadata "time_reference=${bext_tref[$base]}" \
                  "$rec_dir/$file" ;;
        flac) file=$base.flac; "${ff[@]}" -c:a flac -compression_level 8 "${tags[@]}" "$rec_dir/$file" ;;
        mp3)  file=$base.mp3;  "${ff[@]}" -c:a libmp3lame -q:a 5 "${tags[@]}" "$rec_dir/$file" ;;
        ogg)  file=$base.ogg;  "${ff[@]}" -c:a libvorbis -q:a 3 "${tags[@]}" "$rec_dir/$file" ;;
        opus) file=$base.opus; "${ff[@]}" -c:a libopus -b:a 24k "${tags[@]}" "$rec_dir/$file" ;;
    esac
    printf '%s\t%s\t%s\t%s\t%d\t%s\n' "$base" "$file" "$tformat" "$lang" "$t" "$desc" >>"$rec_tsv"
done <<<"$recordings"

# Every BWF must carry its bext chunk: walk the RIFF chunks to be sure.
for f in "$rec_dir"/*.wav; do
    python3 - "$f" <<'PY' || { echo "no bext chunk in $f" >&2; exit 1; }
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
pos, chunks = 12, []
while pos + 8 <= len(data):
    cid, size = struct.unpack("<4sI", data[pos:pos + 8])
    chunks.append(cid.decode("latin-1"))
    pos += 8 + size + (size & 1)
sys.exit(0 if "bext" in chunks else 1)
PY
done

# --- transcripts ------------------------------------------------------------------
python3 "$repo/scripts/make_sample_transcripts.py" "$rec_tsv" "$seg_tsv" "$tr_dir"

# --- metadata: as a field team's spreadsheets save them -------------------------------
# localities.csv: plain UTF-8, English headers.
cat >"$rec_dir/localities.csv" <<'EOF'
id,name,province,prefecture,county,admin_code,latitude,longitude,dialect_group,dialect_subgroup,dialect_cluster,glottocode,iso639_3
bj,北京东城,北京市,北京市,东城区,110101,39.9288,116.4160,官话,北京官话,京师小片,beij1234,cmn
gz,广州越秀,广东省,广州市,越秀区,440104,23.1291,113.2668,粤语,广府片,,cant1236,yue
mx,梅州梅县,广东省,梅州市,梅县区,441403,24.2655,116.0826,客家话,粤台片,嘉应小片,hakk1236,hak
EOF

# speakers.csv: saved by Excel as "CSV UTF-8": byte order mark and CRLF line ends.
{
    printf '\xEF\xBB\xBF'
    sed 's/$/\r/' <<'EOF'
id,name,sex,birth_year,role,locality,education,occupation,languages,consent,access
bj-lm,李德顺,男,1952,老男,bj,初中,"退休工人, 原北京第二机床厂",北京话;普通话,2024-05-06 录音、存档、研究、网络公开,open
bj-ym,赵宇航,男,1996,青男,bj,大学本科,公司职员,北京话;普通话;英语,2024-05-07 录音、存档、研究、网络公开,open
gz-yf,陈嘉欣,女,1994,青女,gz,大学本科,中学教师,广州话;普通话;英语,2024-05-10 录音、存档、研究、网络公开,open
mx-lf,刘秀英,女,1955,老女,mx,小学,务农,梅县客家话;普通话,2024-05-14 录音、存档、研究（口头文化不公开）,restricted
EOF
} >"$rec_dir/speakers.csv"

# sessions.csv: Chinese header aliases. bj-danzi has no date on purpose: the
# archive takes it from the BWF's bext origination_date (2024-05-06).
cat >"$rec_dir/sessions.csv" <<'EOF'
编号,标题,日期,地点,发音人,记录人,内容,集合,权限,文件
bj-danzi,北京东城 单字（老男）,,bj,bj-lm,陈志远,单字,sample,open,bj-lm-danzi.wav
bj-cihui,北京东城 词汇（老男）,2024-05-06,bj,bj-lm,陈志远,词汇,sample,open,bj-lm-cihui.flac
bj-huayu,北京东城 话语：见面问候（老男、青男）,2024-05-07,bj,bj-lm;bj-ym,陈志远,话语,sample,open,bj-huayu.mp3
gz-cihui,广州越秀 词汇（青女）,2024-05-10,gz,gz-yf,黄慧敏,词汇,sample,open,gz-yf-cihui.wav
gz-yufa,广州越秀 语法（青女）,2024-05-10,gz,gz-yf,黄慧敏,语法,sample,open,gz-yf-yufa.ogg
mx-cihui,梅州梅县 词汇（老女）,2024-05-14,mx,mx-lf,罗文清,词汇,sample,open,mx-lf-cihui.flac
mx-koutou,梅州梅县 口头文化：童谣、谚语（老女）,2024-05-14,mx,mx-lf,罗文清,口头文化,sample,restricted,mx-lf-koutou-1.ogg;mx-lf-koutou-2.opus
EOF

cat >"$rec_dir/README.md" <<'EOF'
# Sample collection `sample`

**Synthetic speech generated by espeak-ng; not real speakers.** The names in
`speakers.csv` are invented, the consent entries are illustrative, and the
"dialect" audio is what espeak-ng's Mandarin (`cmn-latn-pinyin`), Cantonese
(`yue`) and Hakka (`hak`) voices make of the text; the IPA tiers transcribe that
synthetic output (espeak-ng's own phonemisation, rewritten in dialectological
notation: stress marks dropped, aspiration as ʰ, tones as Chao values of each
site's tone system), not the real dialects.

Regenerate with `scripts/make-sample.sh` (wipes and rewrites `recordings/` and
`transcripts/`).

The layout follows a 语保 survey hand-over for three sites (北京东城, 广州越秀,
梅州梅县): four speakers (老男, 青男, 青女, 老女), sessions of the standard
content types (单字, 词汇, 语法, 话语, 口头文化) with the shared item numbers
(词汇 0001 太阳 ...), and

- `localities.csv`, `speakers.csv` (UTF-8 with BOM, CRLF, as Excel saves it),
  `sessions.csv` (Chinese header aliases); `;` separates several speakers,
  files or languages in one cell;
- audio: Broadcast WAV with a `bext` chunk, FLAC, MP3 (VBR), Ogg Vorbis, Opus;
  16 kHz mono;
- `../transcripts/`: one transcript per recording with the same base name
  (ELAN `.eaf`, Praat `.TextGrid` in UTF-16 with BOM, WebVTT `.vtt`).

Session `bj-danzi` has no date in `sessions.csv`; its date comes from the
BWF's `bext` origination date. Session `mx-koutou` is `restricted`.
Coordinates are approximate positions of the district seats.

Transcripts: ELAN files have, per speaker, a time-aligned tier `汉字@<speaker id>`
(`PARTICIPANT` = speaker id) with an `IPA@<speaker id>` Symbolic_Association
tier under it; TextGrids have interval tiers `汉字` and `IPA`; WebVTT cues hold
the Han text only. In 单字 and 词汇 the Han label starts with the survey item
number and one space (`0001 太阳`); in the WebVTT of 语法 the item number is the
cue identifier. Times are whole milliseconds and match the phrases in the audio.
EOF

# --- report -----------------------------------------------------------------------
cd "$repo"
for f in recordings/* transcripts/*; do printf '%8d  %s\n' "$(stat -c %s "$f")" "$f"; done
total=$(cat recordings/* transcripts/* | wc -c)
printf 'total: %d bytes (%s)\n' "$total" "$(du -shc recordings transcripts | tail -1 | cut -f1)"
((total < 3 * 1024 * 1024)) || { echo "sample exceeds 3 MB" >&2; exit 1; }
