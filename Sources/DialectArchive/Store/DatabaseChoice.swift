/// Where a new archive keeps its database: `archive.sqlite` in its folder (the default), or a
/// PostgreSQL database, named by its address (libpq's form), whose address is then kept in the
/// folder's `archive.database`. The recordings and transcripts are in the folder either way.
///
/// ```swift
/// let archive = try Archive.create(at: URL(fileURLWithPath: "archive"),
///                                  database: .postgres("postgres://archive@db.example.org/dialects"))
/// ```
public enum DatabaseChoice: Equatable, Sendable {
    case sqlite
    /// The address as given, password included: it is written to `archive.database` as it is.
    case postgres(String)

    /// Reads a choice as a user writes it: `sqlite`, or a `postgres://` address, which must be
    /// one (`PostgresAddressError` says why not).
    public init(_ text: String) throws {
        if text.lowercased() == "sqlite" {
            self = .sqlite
        } else {
            _ = try PostgresAddress(text)
            self = .postgres(text)
        }
    }
}
