import Foundation
import GRDB

/// The exact totals and facet counts of recent searches, kept by a long-running process (the web
/// server, its FCS endpoint) so that asking the same question again does not count every hit
/// again. Counts are kept per query, filters and what the reader may see, never across a change
/// to the archive: each is stored with the archive's change mark (see `ChangeMark`) and all are
/// dropped when it moves on.
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

    /// How many searches' facet counts are kept; the oldest go first.
    public let capacity: Int
    /// How many searches' totals are kept (a total is a number, so many more than facet counts).
    public let totalsCapacity: Int
    private let lock = NSLock()
    private var mark = ""
    private var entries: [Key: Counts] = [:]
    private var order: [Key] = []
    private var totals: [Key: Int] = [:]
    private var totalsOrder: [Key] = []

    public init(capacity: Int = 256, totalsCapacity: Int = 16_384) {
        self.capacity = max(1, capacity)
        self.totalsCapacity = max(1, totalsCapacity)
    }

    func counts(for key: Key, mark: String) -> Counts? {
        lock.withLock { mark == self.mark ? entries[key] : nil }
    }

    func total(for key: Key, mark: String) -> Int? {
        lock.withLock { mark == self.mark ? totals[key] ?? entries[key]?.total : nil }
    }

    func store(_ counts: Counts, for key: Key, mark: String) {
        lock.withLock {
            moveOn(to: mark)
            if entries.updateValue(counts, forKey: key) == nil { order.append(key) }
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }

    func storeTotal(_ total: Int, for key: Key, mark: String) {
        lock.withLock {
            moveOn(to: mark)
            if totals.updateValue(total, forKey: key) == nil { totalsOrder.append(key) }
            if totalsOrder.count > totalsCapacity {
                // The oldest quarter at once, so that a full cache does not shift its list at every search.
                let dropped = totalsOrder.count - totalsCapacity * 3 / 4
                for old in totalsOrder[..<dropped] { totals[old] = nil }
                totalsOrder.removeFirst(dropped)
            }
        }
    }

    /// Forgets every count when the archive has changed since they were made.
    private func moveOn(to mark: String) {
        guard mark != self.mark else { return }
        self.mark = mark
        entries.removeAll()
        order.removeAll()
        totals.removeAll()
        totalsOrder.removeAll()
    }
}
