/// The Broadcast WAV (EBU Tech 3285) `bext` chunk: who made a recording, when, and on what.
public struct BroadcastExtension: Equatable, Sendable, Codable {
    public var description: String
    public var originator: String
    public var originatorReference: String
    /// `yyyy-mm-dd` as written by the recorder (some write `yyyy:mm:dd`; it is normalised).
    public var originationDate: String
    public var originationTime: String
    /// Sample count since midnight of the first sample.
    public var timeReference: UInt64
    public var codingHistory: String

    /// Parses the body of a `bext` chunk; nil when it is too short to be one.
    public init?(chunk: [UInt8]) {
        guard chunk.count >= 346 else { return nil }
        func text(_ offset: Int, _ length: Int) -> String {
            let slice = chunk[offset..<min(offset + length, chunk.count)]
            let bytes = slice.prefix { $0 != 0 }
            let decoded = String(bytes: bytes, encoding: .utf8) ?? String(decoding: bytes, as: UTF8.self)
            return decoded.trimmingCharacters(in: .whitespaces)
        }
        func uint32(_ offset: Int) -> UInt64 {
            (0..<4).reduce(UInt64(0)) { $0 | UInt64(chunk[offset + $1]) << (8 * UInt64($1)) }
        }
        description = text(0, 256)
        originator = text(256, 32)
        originatorReference = text(288, 32)
        originationDate = text(320, 10).replacingOccurrences(of: ":", with: "-")
            .replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        originationTime = text(330, 8).replacingOccurrences(of: "-", with: ":")
            .replacingOccurrences(of: ".", with: ":")
        timeReference = uint32(338) | (uint32(342) << 32)
        codingHistory = chunk.count > 602 ? text(602, chunk.count - 602) : ""
    }

    /// The origination date when it is a real calendar date.
    public var validOriginationDate: String? {
        CalendarDate.isValid(originationDate) ? originationDate : nil
    }
}

import Foundation
