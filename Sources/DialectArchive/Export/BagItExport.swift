import Foundation

/// A BagIt 1.0 bag (RFC 8493): originals and transcripts under `data/`, the metadata as CSV and
/// JSON, the history of what it holds as PREMIS 3 (`premis.xml`, a tag file), payload and tag
/// manifests computed from the archive's own checksums.
enum BagItExport {
    static func write(_ items: [ExportItem], archive: Archive, to folder: ExportFolder, request: ExportRequest) throws {
        for item in items {
            try folder.copy(archive.absolute(item.recording.storedPath), expectedSHA256: item.recording.sha256,
                            to: "data/" + item.recording.storedPath)
            for transcript in item.exportedTranscripts {
                try folder.copy(archive.absolute(transcript.storedPath), expectedSHA256: transcript.sha256,
                                to: "data/" + transcript.exportPath)
            }
        }
        try folder.write(RecordingTable.csv(items, includeRestricted: request.includeRestricted), to: "data/metadata/recordings.csv")
        try folder.write(try RecordingTable.json(items, includeRestricted: request.includeRestricted), to: "data/metadata/recordings.json")

        let payload = folder.written.filter { $0.path.hasPrefix("data/") }
        let manifest = payload.sorted { $0.path < $1.path }.map { "\($0.sha256)  \(encode($0.path))\n" }.joined()
        let bytes = payload.reduce(0) { $0 + $1.size }
        let collections = Set(items.map(\.session.collectionId)).sorted()
        let date = CalendarDate.today()
        var info = [
            ("Source-Organization", request.organization),
            ("Bagging-Date", date),
            ("Payload-Oxum", "\(bytes).\(payload.count)"),
            ("Bag-Size", ByteCount.human(bytes)),
            ("Bag-Count", "1 of 1"),
            ("External-Identifier", collections.joined(separator: " ")),
            ("External-Description", "Dialect recordings: \(items.count) recordings, \(items.reduce(0) { $0 + $1.transcripts.count }) transcripts, from \(Set(items.map(\.session.id)).count) sessions of \(collections.joined(separator: ", "))"),
            ("Bag-Software-Agent", "dialect-archive"),
        ]
        if request.includeRestricted { info.append(("Internal-Sender-Description", "Includes restricted and closed material: handle under its access conditions.")) }
        let tagFiles: [(String, Data)] = [
            ("bagit.txt", Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8)),
            ("bag-info.txt", Data(info.map { "\($0.0): \($0.1)\n" }.joined().utf8)),
            ("manifest-sha256.txt", Data(manifest.utf8)),
        ]
        for (name, data) in tagFiles { try folder.write(data, to: name) }
        let provenance = try archive.provenance(of: items, includeRestricted: request.includeRestricted)
        try folder.write(Data(PREMISDocument.xml(provenance, files: items.flatMap(ProvenanceEvent.PackageFile.all(in:)), prefix: "data/").utf8),
                         to: "premis.xml")
        let tagManifest = folder.written.filter { !$0.path.hasPrefix("data/") }.map { "\($0.sha256)  \($0.path)\n" }.joined()
        try folder.write(Data(tagManifest.utf8), to: "tagmanifest-sha256.txt")
    }

    /// RFC 8493 §2.1.3: CR, LF and % in manifest paths are percent-encoded.
    static func encode(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
