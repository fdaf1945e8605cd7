import Crypto
import Foundation
import GRDB

/// The audit trail as a hash chain: each event stores `hash = SHA-256(previous hash ‖ canonical
/// content)`, where the previous hash is that of the event before it (64 zeros for the first),
/// as lowercase hex. Changing, removing or inserting an event breaks the chain at that point.
///
/// The canonical content of an event is one JSON object in the form of `CanonicalJSON`, with
/// the members `arguments`, `at`, `covers`, `details` (the stored details, parsed; kept as a
/// string when they are not JSON), `host`, `id`, `kind`, `summary`, `user` and
/// `working_directory`. `covers` lists the canonical content of the change sets the event
/// carries (see `ChangeSet`), in the order they were stored; it is empty when it carries none.
public enum AuditChain {
    /// The previous hash of the first event.
    public static let start = String(repeating: "0", count: 64)

    /// The columns of `event` an event's content is read from, in the order `content` takes them.
    static let contentColumns = "id, kind, at, \"user\", host, working_directory, arguments, summary, details"

    /// The canonical content of one event, from plain column values.
    public static func content(id: Int64, kind: String, at: String, user: String, host: String, workingDirectory: String,
                               arguments: String, summary: String, details: String, covers: [[UInt8]] = []) -> [UInt8] {
        content(id: id, kind: kind.utf8, at: at.utf8, user: user.utf8, host: host.utf8, workingDirectory: workingDirectory.utf8,
                arguments: arguments.utf8, summary: summary.utf8, details: details.utf8, covers: covers)
    }

    /// The canonical content of one event, from its columns' UTF-8 bytes: the one definition,
    /// which the check of a long trail reads straight from SQLite's buffers.
    static func content<Field: Collection>(id: Int64, kind: Field, at: Field, user: Field, host: Field, workingDirectory: Field,
                                           arguments: Field, summary: Field, details: Field,
                                           covers: [[UInt8]] = []) -> [UInt8] where Field.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(160 + arguments.count + summary.count + details.count)
        func member(_ key: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.appendString(key.utf8, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        out.append(UInt8(ascii: "{"))
        member("arguments", first: true); CanonicalJSON.appendString(arguments, to: &out)
        member("at"); CanonicalJSON.appendString(at, to: &out)
        member("covers"); out.append(UInt8(ascii: "["))
        for (index, row) in covers.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: row)
        }
        out.append(UInt8(ascii: "]"))
        member("details")
        if let parsed = try? CanonicalJSON.canonical(details) { out.append(contentsOf: parsed) } else {
            CanonicalJSON.appendString(details, to: &out)
        }
        member("host"); CanonicalJSON.appendString(host, to: &out)
        member("id"); out.append(contentsOf: String(id).utf8)
        member("kind"); CanonicalJSON.appendString(kind, to: &out)
        member("summary"); CanonicalJSON.appendString(summary, to: &out)
        member("user"); CanonicalJSON.appendString(user, to: &out)
        member("working_directory"); CanonicalJSON.appendString(workingDirectory, to: &out)
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The canonical content of the event in `row`, read with `contentColumns`.
    static func content(_ row: Row) -> [UInt8] {
        let id: Int64 = row[0], kind: String = row[1], at: String = row[2], user: String = row[3], host: String = row[4]
        let workingDirectory: String = row[5], arguments: String = row[6], summary: String = row[7], details: String = row[8]
        return content(id: id, kind: kind, at: at, user: user, host: host, workingDirectory: workingDirectory,
                       arguments: arguments, summary: summary, details: details)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `SHA-256(previous ‖ content)` in lowercase hex.
    public static func hash(previous: String, content: [UInt8]) -> String {
        var hasher = SHA256()
        var previous = previous
        previous.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        content.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let hex = hexDigits
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in hasher.finalize() { out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends an event to the trail inside the caller's write transaction, linked to the event
    /// before it. The trail is locked first (`lockAuditTrail`) until the transaction ends, so
    /// that no other writer, in this process or another, appends in between and the trail stays
    /// one chain. The `changeSets` are stored with the event, linked to it, and covered by its
    /// hash.
    @discardableResult
    public static func append(_ db: Database, kind: String, at: String, user: String, host: String, workingDirectory: String,
                              arguments: String, summary: String, details: String,
                              changeSets: [ChangeSet] = []) throws -> (id: Int64, previousHash: String, hash: String, changeSets: [ChangeSet]) {
        try append(SQLiteStoreDatabase(db), kind: kind, at: at, user: user, host: host, workingDirectory: workingDirectory,
                   arguments: arguments, summary: summary, details: details, changeSets: changeSets)
    }

    static func append(_ db: StoreDatabase, kind: String, at: String, user: String, host: String, workingDirectory: String,
                       arguments: String, summary: String, details: String,
                       changeSets: [ChangeSet] = []) throws -> (id: Int64, previousHash: String, hash: String, changeSets: [ChangeSet]) {
        try db.lockAuditTrail()
        var changeSets = changeSets
        guard let id = try db.value("""
            INSERT INTO event (kind, at, "user", host, working_directory, arguments, summary, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """, [kind, at, user, host, workingDirectory, arguments, summary, details], as: Int64.self) else {
            throw ArchiveError.storage(path: "event", reason: "the database gave the new event no id")
        }
        var covers: [[UInt8]] = []
        for index in changeSets.indices { covers.append(try changeSets[index].insert(eventId: id, db)) }
        let previous = try db.value("SELECT hash FROM event WHERE id < ? ORDER BY id DESC LIMIT 1", [id], as: String.self) ?? start
        let hash = hash(previous: previous, content: content(
            id: id, kind: kind, at: at, user: user, host: host, workingDirectory: workingDirectory,
            arguments: arguments, summary: summary, details: details, covers: covers))
        try db.execute("UPDATE event SET previous_hash = ?, hash = ? WHERE id = ?", [previous, hash, id])
        return (id, previous, hash, changeSets)
    }

    /// Links every event of the trail in id order, from the first: used once, on events stored
    /// before the trail was a chain. Returns how many events it linked.
    static func link(_ db: Database) throws -> Int {
        var previous = start
        var linked = 0
        let rows = try Row.fetchAll(db, sql: "SELECT \(contentColumns) FROM event ORDER BY id")
        for row in rows {
            let hash = hash(previous: previous, content: content(row))
            try db.cachedStatement(sql: "UPDATE event SET previous_hash = ?, hash = ? WHERE id = ?").execute(arguments: [previous, hash, row[0] as Int64])
            previous = hash
            linked += 1
        }
        return linked
    }
}

extension AuditEvent {
    /// Appends this event to the trail (see `AuditChain.append`) with the change sets it carries,
    /// stamping its id and hashes; returns the change sets as stored.
    @discardableResult
    mutating func append(_ db: Database, changeSets: [ChangeSet] = []) throws -> [ChangeSet] {
        try append(SQLiteStoreDatabase(db), changeSets: changeSets)
    }

    @discardableResult
    mutating func append(_ db: StoreDatabase, changeSets: [ChangeSet] = []) throws -> [ChangeSet] {
        let link = try AuditChain.append(
            db, kind: kind, at: at, user: user, host: host, workingDirectory: workingDirectory,
            arguments: arguments, summary: summary, details: details, changeSets: changeSets)
        id = link.id
        previousHash = link.previousHash
        hash = link.hash
        return link.changeSets
    }
}
