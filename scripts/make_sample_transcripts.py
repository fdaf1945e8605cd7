#!/usr/bin/env python3
"""Writes the sample collection's transcripts (called by make-sample.sh).

Arguments: RECORDINGS_TSV SEGMENTS_TSV OUT_DIR
  recordings: base, audio file, transcript format (eaf|textgrid|vtt), ISO 639-3,
              duration ms, description
  segments:   base, speaker, item number, start ms, end ms, text,
              `espeak-ng --ipa` output, `espeak-ng -x` output

The IPA tier is espeak-ng's phonemisation of what the synthetic voice says,
rewritten in the notation Chinese dialect surveys use: no stress marks,
aspiration as ʰ, zero initials without glides, tones after the syllable as Chao
values of the site's tone system (espeak --ipa shows only the first digit of a
tone, so the full tone is taken from `-x`). Python 3 standard library only.
"""
import re
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# --- IPA -------------------------------------------------------------------------

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
CHAO_LETTERS = str.maketrans("54321", "˥˦˧˨˩")

# espeak-ng's hak tone numbers follow the Pha̍k-fa-sṳ categories 阴平 阳平 上 去 阴入 阳入;
# values are those of 梅县.
MEIXIAN_TONES = {"1": "44", "2": "11", "3": "31", "4": "53", "5": "1", "6": "5"}
# Jyutping tone numbers; values of 广州, entering tones shortened.
GUANGZHOU_TONES = {"1": "55", "2": "35", "3": "33", "4": "21", "5": "13", "6": "22"}
GUANGZHOU_ENTERING = {"1": "5", "3": "3", "6": "2"}

JYUTPING_INITIALS = {
    "gw": "kʷ", "kw": "kʷʰ", "ng": "ŋ", "b": "p", "p": "pʰ", "m": "m", "f": "f",
    "d": "t", "t": "tʰ", "n": "n", "l": "l", "g": "k", "k": "kʰ", "h": "h",
    "w": "w", "z": "ts", "c": "tsʰ", "s": "s", "j": "j",
}
JYUTPING_FINALS = {
    "aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "aŋ",
    "aap": "ap", "aat": "at", "aak": "ak",
    "ai": "ɐi", "au": "ɐu", "am": "ɐm", "an": "ɐn", "ang": "ɐŋ", "ap": "ɐp",
    "at": "ɐt", "ak": "ɐk",
    "e": "ɛ", "ei": "ei", "eu": "ɛu", "em": "ɛm", "eng": "ɛŋ", "ep": "ɛp", "ek": "ɛk",
    "i": "i", "iu": "iu", "im": "im", "in": "in", "ing": "ɪŋ", "ip": "ip", "it": "it",
    "ik": "ɪk",
    "o": "ɔ", "oi": "ɔi", "ou": "ou", "on": "ɔn", "ong": "ɔŋ", "ot": "ɔt", "ok": "ɔk",
    "oe": "œ", "oeng": "œŋ", "oek": "œk", "eoi": "ɵy", "eon": "ɵn", "eot": "ɵt",
    "u": "u", "ui": "ui", "un": "un", "ung": "ʊŋ", "ut": "ut", "uk": "ʊk",
    "yu": "y", "yun": "yn", "yut": "yt",
}

ASPIRATION = [("ts.h", "tʂʰ"), ("ts.", "tʂ"), ("s.", "ʂ"), ("z.", "ʐ"),
              ("tɕh", "tɕʰ"), ("tsh", "tsʰ"), ("th", "tʰ"), ("ph", "pʰ"), ("kh", "kʰ")]


def mandarin(syllable, tone):
    s = syllable
    for old, new in ASPIRATION + [("χ", "x"), ("o-", "ɤ"), ("ʲ", "")]:
        s = s.replace(old, new)
    s = s.replace("i.", "ʅ" if re.match("tʂ|ʂ|ʐ", s) else "ɿ")
    if re.match("j[iy]|w[u]", s):
        s = s[1:]
    elif s[:1] == "j":
        s = "i" + s[1:]
    elif s[:1] == "w":
        s = "u" + s[1:]
    return s + tone.translate(SUPERSCRIPT)


def cantonese(syllable, tone):
    jp = syllable.replace("ɡ", "g").replace("ŋ", "ng")
    if jp in ("m", "ng"):
        ipa = {"m": "m̩", "ng": "ŋ̍"}[jp]
    else:
        initial = next((i for i in sorted(JYUTPING_INITIALS, key=len, reverse=True)
                        if jp.startswith(i) and jp[len(i):] in JYUTPING_FINALS), "")
        final = jp[len(initial):]
        if final not in JYUTPING_FINALS:
            raise ValueError(f"not a Jyutping syllable: {syllable!r}")
        ipa = JYUTPING_INITIALS.get(initial, "") + JYUTPING_FINALS[final]
    entering = jp[-1:] in ("p", "t", "k")
    value = (GUANGZHOU_ENTERING if entering else GUANGZHOU_TONES)[tone]
    return ipa + value.translate(CHAO_LETTERS)


def hakka(syllable, tone):
    s = syllable.replace("n^", "ȵ")
    for old, new in ASPIRATION:
        s = s.replace(old, new)
    s = s.replace("i.", "ɿ")
    return s + MEIXIAN_TONES[tone].translate(SUPERSCRIPT)


def ipa(lang, espeak_ipa, espeak_x):
    """One IPA string (syllables separated by spaces) from espeak's two outputs."""
    ipa_syllables = espeak_ipa.split()
    x_syllables = [t for t in re.sub(r"[_|]", " ", espeak_x).split()]
    if len(ipa_syllables) != len(x_syllables):
        raise ValueError(f"syllables differ: {espeak_ipa!r} / {espeak_x!r}")
    out = []
    for syl, x in zip(ipa_syllables, x_syllables):
        tones = re.findall(r"\d+", x)
        if len(tones) != 1:
            raise ValueError(f"expected one tone in {x!r} ({espeak_ipa!r})")
        tone = tones[0]
        mark = "ɜ" if tone[0] == "3" else tone[0]   # --ipa prints tone 3 as ɜ
        cut = syl.rfind(mark)
        if cut < 0:
            raise ValueError(f"tone {tone} not found in {syl!r}")
        syl = (syl[:cut] + syl[cut + 1:]).replace("ˈ", "").replace("ˌ", "")
        if re.search(r"[\d()]", syl):
            raise ValueError(f"unexpected residue in {syl!r} ({espeak_ipa!r})")
        out.append({"cmn": mandarin, "yue": cantonese, "hak": hakka}[lang](syl, tone))
    return " ".join(out)


# --- model -----------------------------------------------------------------------

class Segment:
    def __init__(self, row, lang):
        (self.base, self.speaker, self.item, start, end, self.text,
         espeak_ipa, espeak_x) = row
        self.start, self.end = int(start), int(end)
        self.ipa = ipa(lang, espeak_ipa, espeak_x)

    @property
    def labelled_text(self):
        """Han text, led by the survey item number where there is one (`0001 太阳`)."""
        return f"{self.item} {self.text}" if self.item else self.text


# Where each team's transcriber kept the audio (absolute paths from their own
# computers, as ELAN writes them) and who made the transcript.
TEAMS = {
    "bj": ("陈志远", "file:///D:/yubao2024/beijing-dongcheng/", "2024-05-20T16:02:11+08:00"),
    "gz": ("黄慧敏", "file:///Users/huimin/fieldwork/guangzhou-yuexiu/", "2024-05-22T09:41:37+08:00"),
    "mx": ("罗文清", "file:///home/luowq/yubao/meixian/", "2024-05-27T20:18:05+08:00"),
}
MIME = {".wav": "audio/x-wav", ".mp3": "audio/mpeg", ".flac": "audio/flac",
        ".ogg": "audio/ogg", ".opus": "audio/ogg"}
LANGUAGES = {"cmn": "Mandarin Chinese (cmn)", "yue": "Yue Chinese (yue)",
             "hak": "Hakka Chinese (hak)"}


# --- ELAN ------------------------------------------------------------------------

def eaf(audio, lang, segments):
    author, media_root, date = TEAMS[audio.split("-")[0]]
    speakers = list(dict.fromkeys(s.speaker for s in segments))
    slots, annotation_ids = [], {}
    for s in sorted(segments, key=lambda s: s.start):
        slots += [s.start, s.end]
    slot_id = {}
    for i, s in enumerate(sorted(segments, key=lambda s: s.start)):
        slot_id[id(s)] = (f"ts{2 * i + 1}", f"ts{2 * i + 2}")
    n = 0
    for speaker in speakers:
        for s in segments:
            if s.speaker == speaker:
                n += 1
                annotation_ids[id(s)] = f"a{n}"
    ref_ids = {}
    for speaker in speakers:
        for s in segments:
            if s.speaker == speaker:
                n += 1
                ref_ids[id(s)] = f"a{n}"

    urn = uuid.uuid5(uuid.NAMESPACE_URL, "dialect-archive/sample/" + audio)
    ext = Path(audio).suffix
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<ANNOTATION_DOCUMENT AUTHOR={quoteattr(author)} DATE="{date}" FORMAT="3.0" VERSION="3.0" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">',
        '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">',
        f'        <MEDIA_DESCRIPTOR MEDIA_URL={quoteattr(media_root + audio)} '
        f'MIME_TYPE="{MIME[ext]}" RELATIVE_MEDIA_URL={quoteattr("./" + audio)}/>',
        f'        <PROPERTY NAME="URN">urn:nl-mpi-tools-elan-eaf:{urn}</PROPERTY>',
        f'        <PROPERTY NAME="lastUsedAnnotationId">{n}</PROPERTY>',
        '    </HEADER>',
        '    <TIME_ORDER>',
    ]
    for i, t in enumerate(slots, 1):
        lines.append(f'        <TIME_SLOT TIME_SLOT_ID="ts{i}" TIME_VALUE="{t}"/>')
    lines.append('    </TIME_ORDER>')
    for speaker in speakers:
        own = [s for s in segments if s.speaker == speaker]
        han, ipa_tier = f"汉字@{speaker}", f"IPA@{speaker}"
        lines.append(f'    <TIER LANG_REF="{lang}" LINGUISTIC_TYPE_REF="orthography" '
                     f'PARTICIPANT={quoteattr(speaker)} TIER_ID={quoteattr(han)}>')
        for s in own:
            ts1, ts2 = slot_id[id(s)]
            lines += [
                '        <ANNOTATION>',
                f'            <ALIGNABLE_ANNOTATION ANNOTATION_ID="{annotation_ids[id(s)]}" '
                f'TIME_SLOT_REF1="{ts1}" TIME_SLOT_REF2="{ts2}">',
                f'                <ANNOTATION_VALUE>{escape(s.labelled_text)}</ANNOTATION_VALUE>',
                '            </ALIGNABLE_ANNOTATION>',
                '        </ANNOTATION>',
            ]
        lines.append('    </TIER>')
        lines.append(f'    <TIER LANG_REF="{lang}" LINGUISTIC_TYPE_REF="ipa" '
                     f'PARENT_REF={quoteattr(han)} PARTICIPANT={quoteattr(speaker)} '
                     f'TIER_ID={quoteattr(ipa_tier)}>')
        for s in own:
            lines += [
                '        <ANNOTATION>',
                f'            <REF_ANNOTATION ANNOTATION_ID="{ref_ids[id(s)]}" '
                f'ANNOTATION_REF="{annotation_ids[id(s)]}">',
                f'                <ANNOTATION_VALUE>{escape(s.ipa)}</ANNOTATION_VALUE>',
                '            </REF_ANNOTATION>',
                '        </ANNOTATION>',
            ]
        lines.append('    </TIER>')
    lines += [
        '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="orthography" '
        'TIME_ALIGNABLE="true"/>',
        '    <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" '
        'LINGUISTIC_TYPE_ID="ipa" TIME_ALIGNABLE="false"/>',
        f'    <LANGUAGE LANG_ID="{lang}" LANG_LABEL="{LANGUAGES[lang]}"/>',
        '    <CONSTRAINT DESCRIPTION="Time subdivision of parent annotation\'s time interval, '
        'no time gaps allowed within this interval" STEREOTYPE="Time_Subdivision"/>',
        '    <CONSTRAINT DESCRIPTION="Symbolic subdivision of a parent annotation. Annotations '
        'refering to the same parent are ordered" STEREOTYPE="Symbolic_Subdivision"/>',
        '    <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" '
        'STEREOTYPE="Symbolic_Association"/>',
        '    <CONSTRAINT DESCRIPTION="Time alignable annotations within the parent annotation\'s '
        'time interval, gaps are allowed" STEREOTYPE="Included_In"/>',
        '</ANNOTATION_DOCUMENT>',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- Praat -----------------------------------------------------------------------

def praat_number(ms):
    return str(ms // 1000) if ms % 1000 == 0 else repr(ms / 1000)


def praat_text(text):
    return '"' + text.replace('"', '""') + '"'


def textgrid(duration, segments):
    """Long text format, UTF-16 big-endian with BOM, as Praat saves non-ASCII labels."""
    tiers = [("汉字", [(s.start, s.end, s.labelled_text) for s in segments]),
             ("IPA", [(s.start, s.end, s.ipa) for s in segments])]
    out = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "",
           "xmin = 0 ", f"xmax = {praat_number(duration)} ", "tiers? <exists> ",
           f"size = {len(tiers)} ", "item []: "]
    for number, (name, labels) in enumerate(tiers, 1):
        intervals, t = [], 0
        for start, end, text in labels:
            if start > t:
                intervals.append((t, start, ""))
            intervals.append((start, end, text))
            t = end
        if t < duration:
            intervals.append((t, duration, ""))
        out += [f"    item [{number}]:", '        class = "IntervalTier" ',
                f"        name = {praat_text(name)} ", "        xmin = 0 ",
                f"        xmax = {praat_number(duration)} ",
                f"        intervals: size = {len(intervals)} "]
        for i, (start, end, text) in enumerate(intervals, 1):
            out += [f"        intervals [{i}]:",
                    f"            xmin = {praat_number(start)} ",
                    f"            xmax = {praat_number(end)} ",
                    f"            text = {praat_text(text)} "]
    return ("\ufeff" + "\n".join(out) + "\n").encode("utf-16-be")


# --- WebVTT ----------------------------------------------------------------------

def vtt_time(ms, hours):
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}" if hours else f"{m:02d}:{s:02d}.{ms:03d}"


def vtt(base, description, segments):
    speakers = ", ".join(dict.fromkeys(s.speaker for s in segments))
    numbered = all(s.item for s in segments)
    # One team writes the optional hours, the other does not.
    hours = not base.startswith("mx-")
    out = [f"WEBVTT - {description}", "",
           "NOTE",
           "语保 sample collection: synthetic speech generated by espeak-ng; not real speakers.",
           f"Speaker {speakers}. "
           + ("Cue identifiers are the survey item numbers." if numbered
              else "Cue identifiers number the lines."),
           ""]
    for i, s in enumerate(segments, 1):
        out += [s.item if numbered else f"line-{i}",
                f"{vtt_time(s.start, hours)} --> {vtt_time(s.end, hours)}",
                s.text, ""]
    return "\n".join(out).encode("utf-8")


# --- main ------------------------------------------------------------------------

def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main(recordings_tsv, segments_tsv, out_dir):
    out_dir = Path(out_dir)
    rows = read_tsv(segments_tsv)
    for base, audio, kind, lang, duration, description in read_tsv(recordings_tsv):
        segments = [Segment(r, lang) for r in rows if r[0] == base]
        if kind == "eaf":
            (out_dir / f"{base}.eaf").write_bytes(eaf(audio, lang, segments))
        elif kind == "textgrid":
            (out_dir / f"{base}.TextGrid").write_bytes(textgrid(int(duration), segments))
        elif kind == "vtt":
            (out_dir / f"{base}.vtt").write_bytes(vtt(base, description, segments))
        else:
            raise ValueError(f"unknown transcript format {kind!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
