/// A time-aligned transcript of one recording, as read from ELAN, Praat,
/// WebVTT or SRT: tiers of annotations with times in integer milliseconds.
public struct Transcript: Equatable, Sendable {
    /// The file format a transcript was read from or is written to.
    public enum Format: String, Codable, Sendable, CaseIterable {
        case eaf, textgrid, srt, vtt
    }

    public var format: Format
    /// Text encoding the file was read in, as detected: `ascii`, `utf-8`, `utf-8-bom`,
    /// `utf-16-be-bom`, `utf-16-le-bom`, `utf-16-be`, `utf-16-le` (no BOM), `gb18030`,
    /// or for XML the lower-cased name its declaration gives.
    public var encoding: String
    /// Media files the transcript names, best reference first.
    public var media: [String]
    /// Length of the transcribed span in milliseconds: a TextGrid's `xmax − xmin`,
    /// an ELAN file's latest time slot, a subtitle file's latest cue end.
    public var durationMs: Int?
    public var tiers: [Tier]
    /// Where the transcribed span starts, in milliseconds, where the format says it
    /// (a TextGrid's `xmin`); `durationMs` counts from here. `nil` means time zero.
    public var startMs: Int?

    public init(format: Format, encoding: String = "utf-8", media: [String] = [],
                durationMs: Int? = nil, tiers: [Tier] = [], startMs: Int? = nil) {
        self.format = format
        self.encoding = encoding
        self.media = media
        self.durationMs = durationMs
        self.tiers = tiers
        self.startMs = startMs
    }
}

/// One tier (layer) of a transcript: orthography, IPA, translation, a speaker's turns.
public struct Tier: Equatable, Sendable {
    /// How a tier's annotations are anchored in time.
    public enum Kind: String, Codable, Sendable {
        /// Intervals with their own start and end.
        case interval
        /// Points in time (Praat `TextTier`).
        case point
        /// EAF reference annotations, whose times come from their parent.
        case ref
    }

    public var name: String
    public var type: Kind
    public var participant: String?
    public var language: String?
    public var parent: String?
    public var linguisticType: String?
    public var constraint: String?
    public var annotations: [Annotation]

    public init(name: String, type: Kind, participant: String? = nil, language: String? = nil,
                parent: String? = nil, linguisticType: String? = nil, constraint: String? = nil,
                annotations: [Annotation] = []) {
        self.name = name
        self.type = type
        self.participant = participant
        self.language = language
        self.parent = parent
        self.linguisticType = linguisticType
        self.constraint = constraint
        self.annotations = annotations
    }
}

/// One annotation: a span (or point, where start equals end) and its text exactly as written.
public struct Annotation: Equatable, Sendable {
    public var startMs: Int
    public var endMs: Int
    public var text: String
    /// The cue identifier a subtitle file gives (SRT number, WebVTT cue identifier);
    /// `nil` where there is none and for formats whose ids are internal (ELAN, Praat).
    public var id: String?

    public init(startMs: Int, endMs: Int, text: String, id: String? = nil) {
        self.startMs = startMs
        self.endMs = endMs
        self.text = text
        self.id = id
    }
}
