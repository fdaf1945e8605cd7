import Foundation
import GRDB

/// The facet counts of recent searches, kept by a long-running process (the web server) so that
/// asking the same question again does not count every hit again. Counts are kept per query,
/// filters and what the reader may see, never across a change to the archive: each is stored
/// with the archive's change mark (see `ChangeMark`) and all are dropped when it moves on.
public final class SearchCountCache: @unchecked Sendable {
    /// Which counts: the same query and filters for readers who see the same material.
    struct Key: Hashable {
        var query: String
        var filters: SearchFilters
        var seesEverything: Bool
        var grantedCollections: Set<String>

        init(_ query: SearchQuery, _ filters: SearchFilters, _ reader: Reader) {
            self.query = query.ftsExpression
            self.filters = filters
            seesEverything = reader.seesEverything
            grantedCollections = reader.seesEverything ? [] : reader.grantedCollections
        }
    }

    /// A search's counts of all its hits.
    struct Counts {
        var total: Int
        var byLocality: [SearchResult.Count]
        var byDialectGroup: [SearchResult.Count]
        var facets: [SearchFacet]
    }

    /// How many searches' counts are kept; the oldest go first.
    public let capacity: Int
    private let lock = NSLock()
    private var mark = ""
    private var entries: [Key: Counts] = [:]
    private var order: [Key] = []

    public init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    func counts(for key: Key, mark: String) -> Counts? {
        lock.withLock { mark == self.mark ? entries[key] : nil }
    }

    func store(_ counts: Counts, for key: Key, mark: String) {
        lock.withLock {
            if mark != self.mark {
                self.mark = mark
                entries.removeAll()
                order.removeAll()
            }
            if entries.updateValue(counts, forKey: key) == nil { order.append(key) }
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }
}
