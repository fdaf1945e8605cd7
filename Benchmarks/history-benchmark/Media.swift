import BenchmarkSupport
import Foundation

extension Workload {
    static let sampleRate = 16_000
    static let seconds = 2

    /// A 2-second 16-bit mono WAV: three tones that change every quarter second under a little
    /// noise, drawn from `random`, so that no two recordings share bytes or samples.
    static func wav(_ random: inout SeededRandom) -> Data {
        let frames = sampleRate * seconds
        var data = Data(capacity: 44 + frames * 2)
        func append32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); append32(UInt32(36 + frames * 2)); data.append(contentsOf: Array("WAVE".utf8))
        data.append(contentsOf: Array("fmt ".utf8)); append32(16); append16(1); append16(1)
        append32(UInt32(sampleRate)); append32(UInt32(sampleRate * 2)); append16(2); append16(16)
        data.append(contentsOf: Array("data".utf8)); append32(UInt32(frames * 2))

        var tones: [Double] = []
        var samples = [Int16](repeating: 0, count: frames)
        let step = sampleRate / 4
        for frame in 0..<frames {
            if frame % step == 0 { tones = (0..<3).map { _ in random.double(in: 200...3_000) } }
            let t = Double(frame) / Double(sampleRate)
            var value = 0.02 * (random.unit() - 0.5)
            for tone in tones { value += 0.25 * sin(2 * Double.pi * tone * t) }
            samples[frame] = Int16(max(-32_767, min(32_767, value * 32_767))).littleEndian
        }
        samples.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// A WebVTT transcript of two cues, one a second, of a few characters each.
    static func vtt(_ random: inout SeededRandom) -> String {
        func line() -> String { String((0..<random.int(in: 3...8)).map { _ in random.pick(characters) }) }
        return "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\(line())\n\n00:00:01.000 --> 00:00:02.000\n\(line())\n"
    }
}
