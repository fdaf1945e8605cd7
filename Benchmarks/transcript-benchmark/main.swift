// Reads a large, realistic ELAN file and reports throughput and peak memory against
// the targets: at least 30 MB/s, and peak resident memory under 10× the file size.
//
//     swift run -c release --scratch-path .build-transcripts transcript-benchmark [size-in-MB]
//
// The file is generated in a temporary directory: two speakers' turns in Chinese
// characters on alignable tiers, an IPA reference tier under the first speaker, and a
// TIME_ORDER with two slots per turn. MB here means 1,000,000 bytes.

import Foundation
import Transcripts

let targetMBPerSecond = 30.0
let targetMemoryFactor = 10.0

/// Deterministic content, so that runs are comparable.
struct Generator {
    private var state: UInt64 = 0x2545_F491_4F6C_DD1D

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}

// 400 common characters of written Chinese.
let characters = Array("我你他她们的是不了在有人这中大为上个国来到说时要就出会可也对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质"
)
let syllables = ["ȵi˨˩˧", "tsʰəʔ˥", "lɛ˨", "ɦoʔ˨", "sɿ˧˦", "tɕi˥˧", "kuɛ˧", "pʰo˩", "mɤ˨˦", "ŋu˧˩", "zã˨", "ɕiɔ˥", "dʑy˨˨", "ʔɑ˧˥", "vəŋ˨˩"]

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
}

/// Writes the file in chunks, so that generating it does not count against the
/// reader's memory.
func generate(at url: URL, targetBytes: Int) throws -> (bytes: Int, turns: Int) {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var buffer = ""
    var written = 0
    func emit(_ text: String) throws {
        buffer += text
        if buffer.utf8.count > 1 << 20 {
            let data = Data(buffer.utf8)
            try handle.write(contentsOf: data)
            written += data.count
            buffer = ""
        }
    }
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
    let data = Data(buffer.utf8)
    try handle.write(contentsOf: data)
    written += data.count
    return (written, turns)
}

/// A field of /proc/self/status in bytes (Linux reports kB).
func processStatus(_ field: String) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
          let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    return kilobytes * 1024
}

/// Starts a new peak-memory measurement (Linux 4.0 and later); false if unavailable.
func resetPeakMemory() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

let sizeMB = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 50
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("transcript-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let url = directory.appendingPathComponent("benchmark.eaf")

let (fileSize, turns) = try generate(at: url, targetBytes: Int(sizeMB * 1_000_000))
print("generated \(megabytes(fileSize)): \(turns) turns, \(turns + (turns + 1) / 2) annotations, \(2 * turns) time slots")

let resetWorked = resetPeakMemory()
let baseline = processStatus("VmRSS") ?? 0
var throughputs: [Double] = []
var annotationCount = 0
for run in 1...3 {
    let started = DispatchTime.now()
    let transcript = try Transcript.read(contentsOf: url)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    annotationCount = transcript.tiers.reduce(0) { $0 + $1.annotations.count }
    let throughput = Double(fileSize) / 1_000_000 / seconds
    throughputs.append(throughput)
    print(String(format: "run %d: %.2f s, %.1f MB/s, %d annotations", run, seconds, throughput, annotationCount))
}
let peak = processStatus("VmHWM") ?? 0
let median = throughputs.sorted()[1]
let factor = Double(peak) / Double(fileSize)
print("peak resident memory \(megabytes(peak)) (\(String(format: "%.1f", factor))× the file; before reading \(megabytes(baseline))\(resetWorked ? "" : ", includes generation"))")
print(String(format: "median throughput %.1f MB/s (target ≥ %.0f), memory %.1f× file size (target < %.0f×)", median, targetMBPerSecond, factor, targetMemoryFactor))
let met = median >= targetMBPerSecond && factor < targetMemoryFactor
print(met ? "targets met" : "TARGETS MISSED")
exit(met ? 0 : 1)
