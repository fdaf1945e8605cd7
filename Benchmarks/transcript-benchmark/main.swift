import Foundation
import Transcripts
let dir = URL(fileURLWithPath: "/work/shared/corpus")
for name in try! FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
    guard let format = Transcript.format(forFileName: name) else { continue }
    do {
        let t = try Transcript.read(contentsOf: dir.appendingPathComponent(name))
        let data = try t.data(as: format)
        var back = try Transcript.read(data: data, format: format, fileName: "rt")
        back.encoding = t.encoding
        if back == t { print("OK \(name)") } else {
            print("DIFF \(name) dur \(t.durationMs as Any) \(back.durationMs as Any) media \(t.media) \(back.media)")
            for (a, b) in zip(t.tiers, back.tiers) where a != b {
                print("  tier \(a.name) \(a.type)/\(b.type) \(a.constraint as Any)/\(b.constraint as Any) \(a.linguisticType as Any)/\(b.linguisticType as Any) n=\(a.annotations.count)/\(b.annotations.count)")
                for (x, y) in zip(a.annotations, b.annotations) where x != y { print("    \(x) | \(y)"); break }
            }
        }
        if format == .eaf {
            let tg = try Transcript.read(data: try t.data(as: .textgrid), format: .textgrid, fileName: "x.TextGrid")
            let e2 = try Transcript.read(data: try tg.data(as: .eaf), format: .eaf, fileName: "x.eaf")
            print("  eaf->tg->eaf tiers \(e2.tiers.map { "\($0.name):\($0.annotations.count)" })")
            _ = try t.data(as: .vtt)
        }
    } catch { print("ERR \(name) \(error)") }
}
let t = try! Transcript.read(contentsOf: dir.appendingPathComponent("speach__fables_01_03_aesop_64kb.eaf"))
print(String(decoding: try! t.inspectJSON(file: "a.eaf"), as: UTF8.self).prefix(900))
