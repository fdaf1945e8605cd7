/// Recognises an audio container from the first bytes of a file, before any decoder sees it,
/// so that a text file named `.wav` is reported as what it is.
enum AudioFormatSniffer {
    enum Kind: Equatable {
        case riffWave, wave64, aiff, flac, ogg, mpeg
    }

    static func kind(of header: [UInt8]) -> Kind? {
        func ascii(_ range: Range<Int>) -> String {
            guard header.count >= range.upperBound else { return "" }
            return String(decoding: header[range], as: UTF8.self)
        }
        let magic = ascii(0..<4)
        if ["RIFF", "RF64", "BW64"].contains(magic), ascii(8..<12) == "WAVE" { return .riffWave }
        if magic == "riff", header.count >= 16, header[4...7] == [0x2E, 0x91, 0xCF, 0x11] { return .wave64 }
        if magic == "FORM", ["AIFF", "AIFC"].contains(ascii(8..<12)) { return .aiff }
        if magic == "fLaC" { return .flac }
        if magic == "OggS" { return .ogg }
        if ascii(0..<3) == "ID3" { return .mpeg }
        if isMPEGFrameHeader(header) { return .mpeg }
        return nil
    }

    /// A plausible MPEG audio frame header: sync, a known version and layer, a valid bitrate and rate.
    static func isMPEGFrameHeader(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] & 0xE0 == 0xE0 else { return false }
        let version = (bytes[1] >> 3) & 0x3, layer = (bytes[1] >> 1) & 0x3
        let bitrate = bytes[2] >> 4, rate = (bytes[2] >> 2) & 0x3
        return version != 1 && layer != 0 && bitrate != 0xF && rate != 3
    }

    /// A short, human description of content that is not audio.
    static func describe(_ header: [UInt8]) -> String {
        let sample = header.prefix(512)
        let printable = sample.filter { $0 == 9 || $0 == 10 || $0 == 13 || ($0 >= 32 && $0 != 127) }
        if !sample.isEmpty, printable.count == sample.count || String(bytes: sample, encoding: .utf8) != nil {
            let start = TerminalText.escaped(String(decoding: sample.prefix(24), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces))
            return "it holds text (starts with \"\(start)\")"
        }
        let hex = sample.prefix(8).map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
        return "unrecognised format (first bytes \(hex))"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

import Foundation
