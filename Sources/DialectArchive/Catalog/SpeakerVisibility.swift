extension AccessRules {
    /// A speaker on their own (their page, a locality's speakers) as `reader` may see them,
    /// given the collections of the sessions they were recorded in: in full when the speaker's
    /// own condition allows it for the material of any of them, else as `reader` sees the
    /// speaker outside any collection (by id and role only when withheld).
    static func visible(_ speaker: Speaker, reader: Reader, recordedFor collections: [String]) -> Speaker {
        for collection in collections where visible(speaker, reader: reader, collection: collection) == speaker {
            return speaker
        }
        return visible(speaker, reader: reader, collection: nil)
    }
}
