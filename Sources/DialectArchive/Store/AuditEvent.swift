import Foundation
import GRDB

/// One entry of the audit trail: what was done to the archive, when, by whom, from where.
public struct AuditEvent: Codable, Equatable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// `init`, `ingest`, `edit`, `export`, `verify`, ...
    public var kind: String
    public var at: String
    /// The operating-system user who ran the command.
    public var user: String
    public var host: String
    public var workingDirectory: String
    public var arguments: String
    /// One line for people.
    public var summary: String
    /// Sources, counts and outcomes, as a JSON object.
    public var details: String
    /// The hash of the event before this one in the trail (see `AuditChain`).
    public var previousHash: String?
    /// `SHA-256(previousHash ‖ canonical content)`: what the chain checks this event against.
    public var hash: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// A new event stamped with the current user, host, folder and command line.
    public init(kind: String, summary: String, details: [String: Any]) {
        self.kind = kind
        at = CalendarDate.timestamp()
        user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
            ?? String(cString: getpwuid(getuid())?.pointee.pw_name ?? strdup("unknown"))
        host = ProcessInfo.processInfo.hostName
        workingDirectory = FileManager.default.currentDirectoryPath
        arguments = CommandLine.arguments.joined(separator: " ")
        self.summary = summary
        let data = (try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        self.details = String(decoding: data, as: UTF8.self)
    }
}

extension AuditEvent: StoredRecord {
    static var table: String { databaseTableName }
}
