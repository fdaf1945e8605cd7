import Foundation

extension TranscriptFile {
    /// Where the file goes in an export: the current revision under its stored path; a replaced
    /// revision beside it, its stored name marked with the revision (`HZ-2023-01.r1.eaf`), so no
    /// revision overwrites another and the name says which one it is.
    var exportPath: String {
        guard replacedBy != nil else { return storedPath }
        let ext = (storedPath as NSString).pathExtension
        let stem = (storedPath as NSString).deletingPathExtension
        return stem + ".r\(revision)" + (ext.isEmpty ? "" : ".\(ext)")
    }
}

extension ExportItem {
    /// Every transcript file the export carries: the current revisions, then the replaced ones asked for.
    var exportedTranscripts: [TranscriptFile] { transcripts + replacedRevisions }
}
