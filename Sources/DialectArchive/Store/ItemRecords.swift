/// The records `show` lists under a recording or a session.
enum ItemRecords {
    /// Every recording of a session, withdrawn or not, by file name.
    static func recordings(ofSession id: String, _ db: StoreDatabase) throws -> [Recording] {
        try db.records(Recording.self, "SELECT * FROM recording WHERE session_id = ? ORDER BY original_name, id", [id])
    }

    /// The transcript files of a recording, every revision, in the order stored; withdrawn ones
    /// only when `withdrawnToo`.
    static func transcripts(ofRecording id: Int64, withdrawnToo: Bool, _ db: StoreDatabase) throws -> [TranscriptFile] {
        let present = withdrawnToo ? "" : "AND \(Withdrawal.present("transcript"))"
        return try db.records(TranscriptFile.self, "SELECT * FROM transcript WHERE recording_id = ? \(present) ORDER BY id", [id])
    }

    /// The segments of a transcript, tier by tier, in time.
    static func segments(of transcript: Int64, _ db: StoreDatabase) throws -> [Segment] {
        try db.records(Segment.self, "SELECT * FROM segment WHERE transcript_id = ? ORDER BY tier_index, start_ms, id", [transcript])
    }
}
