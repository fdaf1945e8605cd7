import Foundation

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

/// Writes a file in chunks, so that generating it does not count against the reader's
/// memory (generation runs in the parent process anyway).
final class ChunkedWriter {
    private let handle: FileHandle
    private var buffer = ""
    private(set) var written = 0

    init(_ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func emit(_ text: String) throws {
        buffer += text
        if buffer.utf8.count > 1 << 20 { try flush() }
    }

    /// Writes what is left and closes the file; returns its size.
    func finish() throws -> Int {
        try flush()
        try handle.close()
        return written
    }

    private func flush() throws {
        let data = Data(buffer.utf8)
        try handle.write(contentsOf: data)
        written += data.count
        buffer = ""
    }
}
