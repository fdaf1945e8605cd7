import Foundation

/// An ELAN file of about `targetBytes`: two speakers' turns in Chinese characters on
/// alignable tiers, an IPA reference tier under the first speaker, and a TIME_ORDER with
/// two slots per turn.
func generateELAN(at url: URL, targetBytes: Int) throws -> (bytes: Int, turns: Int) {
    let writer = try ChunkedWriter(url)
    let emit = writer.emit
    var generator = Generator()
    // Each turn costs about 610 bytes across slots, annotations and IPA.
    let turns = targetBytes / 610
    try emit("""
        <?xml version="1.0" encoding="UTF-8"?>
        <ANNOTATION_DOCUMENT AUTHOR="benchmark" DATE="2024-05-06T12:00:00+08:00" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">
            <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
                <MEDIA_DESCRIPTOR MEDIA_URL="file:///data/fieldwork/hangzhou/session-01.wav" MIME_TYPE="audio/x-wav" RELATIVE_MEDIA_URL="./session-01.wav"/>
            </HEADER>
            <TIME_ORDER>

        """)
    var time = 0
    var spans: [(Int, Int)] = []
    spans.reserveCapacity(turns)
    for turn in 0..<turns {
        let start = time + 200 + generator.next(800)
        let end = start + 1500 + generator.next(4000)
        time = end
        spans.append((start, end))
        try emit("        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * turn + 1)\" TIME_VALUE=\"\(start)\"/>\n")
        try emit("        <TIME_SLOT TIME_SLOT_ID=\"ts\(2 * turn + 2)\" TIME_VALUE=\"\(end)\"/>\n")
    }
    try emit("    </TIME_ORDER>\n")
    var texts: [Int: Int] = [:]
    for speaker in 0..<2 {
        try emit("    <TIER LINGUISTIC_TYPE_REF=\"orthography\" PARTICIPANT=\"\(speaker == 0 ? "老男" : "青女")\" LANG_REF=\"wuu\" TIER_ID=\"\(speaker == 0 ? "A-汉字" : "B-汉字")\">\n")
        for turn in stride(from: speaker, to: turns, by: 2) {
            let length = 8 + generator.next(23)
            texts[turn] = length
            let text = String((0..<length).map { _ in generator.pick(characters) })
            try emit("""
                        <ANNOTATION>
                            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a\(turn + 1)" TIME_SLOT_REF1="ts\(2 * turn + 1)" TIME_SLOT_REF2="ts\(2 * turn + 2)">
                                <ANNOTATION_VALUE>\(escape(text))</ANNOTATION_VALUE>
                            </ALIGNABLE_ANNOTATION>
                        </ANNOTATION>

                """)
        }
        try emit("    </TIER>\n")
    }
    try emit("    <TIER LINGUISTIC_TYPE_REF=\"ipa\" PARENT_REF=\"A-汉字\" PARTICIPANT=\"老男\" LANG_REF=\"wuu-fonipa\" TIER_ID=\"A-IPA\">\n")
    for turn in stride(from: 0, to: turns, by: 2) {
        let ipa = (0..<(texts[turn] ?? 8)).map { _ in generator.pick(syllables) }.joined(separator: " ")
        try emit("""
                    <ANNOTATION>
                        <REF_ANNOTATION ANNOTATION_ID="a\(turns + turn + 1)" ANNOTATION_REF="a\(turn + 1)">
                            <ANNOTATION_VALUE>\(escape(ipa))</ANNOTATION_VALUE>
                        </REF_ANNOTATION>
                    </ANNOTATION>

            """)
    }
    try emit("""
            </TIER>
            <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="orthography" TIME_ALIGNABLE="true"/>
            <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="ipa" TIME_ALIGNABLE="false"/>
            <LANGUAGE LANG_ID="wuu"/>
            <LANGUAGE LANG_ID="wuu-fonipa"/>
            <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
        </ANNOTATION_DOCUMENT>

        """)
    return (try writer.finish(), turns)
}

