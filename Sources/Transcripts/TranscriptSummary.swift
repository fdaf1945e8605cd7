import Foundation

/// What `dialect-archive inspect --json` prints for a transcript: every tier with every
/// annotation, times in milliseconds, absent values as explicit `null`s.
///
/// ```swift
/// let transcript = try Transcript.read(contentsOf: url)
/// let json = try JSONEncoder().encode(TranscriptSummary(transcript, file: "a.eaf"))
/// // {"kind":"transcript","file":"a.eaf","format":"eaf","encoding":"utf-8",
/// //  "media":["a.wav"],"duration_ms":97958,"tiers":[{"name":"Story", …}]}
/// ```
public struct TranscriptSummary: Encodable, Equatable, Sendable {
    /// One tier as `inspect` shows it.
    public struct TierSummary: Encodable, Equatable, Sendable {
        public var name: String
        public var type: Tier.Kind
        public var participant: String?
        public var parent: String?
        public var annotations: [AnnotationSummary]

        enum CodingKeys: String, CodingKey {
            case name, type, participant, parent, annotations
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(type, forKey: .type)
            try encodeExplicitly(participant, forKey: .participant, in: &container)
            try encodeExplicitly(parent, forKey: .parent, in: &container)
            try container.encode(annotations, forKey: .annotations)
        }
    }

    /// One annotation as `inspect` shows it.
    public struct AnnotationSummary: Encodable, Equatable, Sendable {
        public var startMs: Int
        public var endMs: Int
        public var text: String

        enum CodingKeys: String, CodingKey {
            case startMs = "start_ms", endMs = "end_ms", text
        }
    }

    public var file: String
    public var format: Transcript.Format
    public var encoding: String
    public var media: [String]
    public var durationMs: Int?
    public var tiers: [TierSummary]

    public init(_ transcript: Transcript, file: String) {
        self.file = file
        format = transcript.format
        encoding = transcript.encoding
        media = transcript.media
        durationMs = transcript.durationMs
        tiers = transcript.tiers.map { tier in
            TierSummary(name: tier.name, type: tier.type, participant: tier.participant, parent: tier.parent,
                        annotations: tier.annotations.map {
                            AnnotationSummary(startMs: $0.startMs, endMs: $0.endMs, text: $0.text)
                        })
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, file, format, encoding, media, durationMs = "duration_ms", tiers
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("transcript", forKey: .kind)
        try container.encode(file, forKey: .file)
        try container.encode(format, forKey: .format)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(media, forKey: .media)
        try encodeExplicitly(durationMs, forKey: .durationMs, in: &container)
        try container.encode(tiers, forKey: .tiers)
    }
}

/// `null` rather than a missing key, so that consumers of the JSON see every field.
private func encodeExplicitly<Value: Encodable, Key: CodingKey>(
    _ value: Value?, forKey key: Key, in container: inout KeyedEncodingContainer<Key>
) throws {
    if let value {
        try container.encode(value, forKey: key)
    } else {
        try container.encodeNil(forKey: key)
    }
}

extension Transcript {
    /// The `inspect --json` document for this transcript, pretty-printed.
    ///
    /// ```swift
    /// let transcript = try Transcript.read(contentsOf: url)
    /// FileHandle.standardOutput.write(try transcript.inspectJSON(file: url.lastPathComponent))
    /// ```
    ///
    /// - Parameter file: the value of the `file` field, as the user named the file.
    public func inspectJSON(file: String) throws -> Data {
        let encoder = JSONEncoder()
        // Sorted, because key order would otherwise change from run to run.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(TranscriptSummary(self, file: file))
    }
}
