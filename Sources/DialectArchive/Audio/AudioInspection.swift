import Foundation

/// The `inspect --json` report of an audio file, in the shape DESIGN.md fixes
/// (nulls written out, times in milliseconds).
public struct AudioInspection: Encodable {
    public var file: String
    public var facts: AudioFacts

    public init(file: String, facts: AudioFacts) {
        self.file = file
        self.facts = facts
    }

    enum Keys: String, CodingKey {
        case kind, file, container, codec, sample_rate, channels, bits_per_sample, frames, duration_ms
        case size, sha256, audio_sha256, bext, warnings
    }

    enum BextKeys: String, CodingKey {
        case description, originator, originator_reference, origination_date, origination_time
        case time_reference, coding_history
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("audio", forKey: .kind)
        try c.encode(file, forKey: .file)
        try c.encode(facts.container, forKey: .container)
        try c.encode(facts.codec, forKey: .codec)
        try c.encode(facts.sampleRate, forKey: .sample_rate)
        try c.encode(facts.channels, forKey: .channels)
        try c.encode(facts.bitsPerSample, forKey: .bits_per_sample)
        try c.encode(facts.frames, forKey: .frames)
        try c.encode(facts.durationMs, forKey: .duration_ms)
        try c.encode(facts.size, forKey: .size)
        try c.encode(facts.sha256, forKey: .sha256)
        try c.encode(facts.audioSHA256, forKey: .audio_sha256)
        if let bext = facts.bext {
            var b = c.nestedContainer(keyedBy: BextKeys.self, forKey: .bext)
            try b.encode(bext.description, forKey: .description)
            try b.encode(bext.originator, forKey: .originator)
            try b.encode(bext.originatorReference, forKey: .originator_reference)
            try b.encode(bext.originationDate, forKey: .origination_date)
            try b.encode(bext.originationTime, forKey: .origination_time)
            try b.encode(bext.timeReference, forKey: .time_reference)
            try b.encode(bext.codingHistory, forKey: .coding_history)
        } else {
            try c.encodeNil(forKey: .bext)
        }
        try c.encode(facts.warnings, forKey: .warnings)
    }
}
