import ArgumentParser
import DialectArchive
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Take in folders and files: audio, transcripts, and metadata CSV/JSON.",
        discussion: """
        Metadata (localities.csv, speakers.csv, sessions.csv or metadata.json) is read from the top of \
        each folder given, or from --metadata. Originals are copied byte for byte and never altered; \
        running the same ingest again adds nothing and says so.
        """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Collection for sessions whose metadata names none.") var collection: String?
    @Option(help: "A metadata folder or file to use instead of the folders' own.") var metadata: String?
    @Flag(help: "Analyse and report without storing anything.") var dryRun = false
    @Argument(help: "Folders and files to ingest.") var paths: [String]

    func run() throws {
        let archive = try options.openArchive()
        let progress: IngestProgress = options.json ? SilentProgress()
            : (isatty(STDERR_FILENO) != 0 ? TerminalProgress() : LineProgress())
        let request = IngestRequest(paths: paths.map { URL(fileURLWithPath: $0) }, collection: collection,
                                    metadata: metadata.map { URL(fileURLWithPath: $0) }, dryRun: dryRun)
        let report = try failing { try archive.ingest(request, progress: progress) }
        if options.json {
            print(try JSONOutput.string(report))
        } else {
            say(IngestSummary.render(report))
        }
        let diskFull = Set(report.diskFull)
        for failure in report.failed where !diskFull.contains(failure.file) {
            printError("error: \(failure.file): \(failure.message ?? "failed")")
        }
        if !diskFull.isEmpty {
            printError("error: the archive's disk is full (\(archive.url.path)): \(diskFull.count) file\(diskFull.count == 1 ? "" : "s") could not be stored; "
                       + "free some space on it and run the same ingest again to finish")
        }
        if !report.succeeded { throw ExitCode.failure }
    }
}

/// The closing summary of an ingest: what happened to every file.
enum IngestSummary {
    static func render(_ report: IngestReport) -> Output {
        var lines: [Output] = []
        let verb = report.dryRun ? "would be added" : "added"
        func count(_ kind: IngestReport.Outcome.Kind, _ status: IngestReport.Outcome.Status) -> Int {
            report.outcomes.filter { $0.kind == kind && $0.status == status }.count
        }
        lines.append(report.dryRun ? "Dry run: nothing was stored." : "Ingest finished in \(String(format: "%.1f", report.seconds)) s.")
        lines.append("  recordings   \(count(.recording, .added)) \(verb), \(count(.recording, .alreadyPresent)) already present, \(count(.recording, .failed)) failed")
        lines.append("  transcripts  \(count(.transcript, .added)) \(verb), \(count(.transcript, .alreadyPresent)) already present, \(count(.transcript, .failed)) failed")
        if !report.paired.isEmpty {
            lines.append("  paired       \(report.paired.count) transcripts stored earlier, now with their recording")
        }
        if !report.revisions.isEmpty {
            lines.append("  revised      \(report.revisions.count) transcripts replaced an earlier revision of the same name")
            for revision in report.revisions { lines.append("    \(revision.file): \(revision.summary)") }
        }
        if !report.metadataRows.isEmpty {
            let rows = ["localities", "speakers", "sessions"].map { "\(report.metadataRows[$0] ?? 0) \($0)" }.joined(separator: ", ")
            lines.append("  metadata     \(rows)")
        }
        lines += metadataChanges(report)
        if !report.ignored.isEmpty {
            lines.append("  left alone   \(report.ignored.count) files that are not audio, transcripts or metadata")
        }
        lines.append("  warnings     \(report.warnings.count)")
        lines.append("  failed       \(report.failed.count)")
        if report.outcomes.allSatisfy({ $0.status == .alreadyPresent }) && !report.outcomes.isEmpty && report.metadataChanges.isEmpty {
            lines.append("Everything was already in the archive; nothing was added.")
        }
        if !report.warnings.isEmpty {
            lines.append("Warnings:")
            for warning in report.warnings { lines.append("  \(warning.file): \(warning.message)") }
        }
        if !report.failed.isEmpty {
            lines.append("Failed:")
            for failure in report.failed { lines.append("  \(failure.file): \(failure.message ?? "")") }
        }
        return lines.joined(separator: "\n")
    }

    /// Each record the metadata changed, field by field; records it added are counted, and
    /// listed one a line in a dry run.
    static func metadataChanges(_ report: IngestReport) -> [Output] {
        guard !report.metadataChanges.isEmpty else { return [] }
        let added = report.metadataChanges.filter { $0.action == .created }
        let changed = report.metadataChanges.filter { $0.action == .changed }
        let verb: Output = report.dryRun ? "would be " : ""
        var lines: [Output] = ["  changes      \(added.count) records \(verb)added, \(changed.count) \(verb)changed"
            + (report.metadataEvent.map { " (event \($0))" } ?? "")]
        for change in report.metadataChanges where change.action == .changed || report.dryRun {
            let from: Output = change.source.map { " (\($0))" } ?? ""
            lines.append("    \(change.recordKind.rawValue) \(change.recordId)\(from)"
                         + (change.action == .created ? ": new, \(change.fields.count) fields" : ""))
            for field in change.fields where change.action == .changed {
                lines.append("      \(field.field): \(field.before ?? "(empty)") → \(field.after ?? "(empty)")")
            }
        }
        return lines
    }
}
