import Foundation

/// Recent searches' pages of hits, exact totals and facet counts, kept by a long-running process
/// (the web server, its FCS endpoint) so that asking the same question again neither searches
/// nor counts again. Everything is kept per query, filters and what the reader may see, never
/// across a change to the archive: each answer is stored with the archive's change mark (see
/// `ChangeMark`) and all are dropped when it moves on.
public final class SearchCache: @unchecked Sendable {
    /// Which question: the same query and filters for readers who see the same material.
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

    /// Which page of a question's hits.
    struct PageKey: Hashable {
        var question: Key
        var order: SearchOrder
        var limit: Int
        var offset: Int
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
    /// How many pages of 50 hits are kept (some 30 KB each with their tiers); a longer page
    /// counts as as many pages of 50 as it takes, so that long pages cannot fill the memory.
    public let pagesCapacity: Int
    private let lock = NSLock()
    private var mark = ""
    private var counts = Kept<Key, Counts>()
    private var totals = Kept<Key, Int>()
    private var pages = Kept<PageKey, [SearchHit]>()

    /// A cache that keeps up to `pages` pages of hits (0 keeps none), `totalsCapacity` totals
    /// and `capacity` searches' facet counts.
    public init(capacity: Int = 256, totalsCapacity: Int = 16_384, pages: Int = 1_024) {
        self.capacity = max(1, capacity)
        self.totalsCapacity = max(1, totalsCapacity)
        pagesCapacity = max(0, pages)
    }

    func counts(for key: Key, mark: String) -> Counts? {
        lock.withLock { mark == self.mark ? counts[key] : nil }
    }

    func total(for key: Key, mark: String) -> Int? {
        lock.withLock { mark == self.mark ? totals[key] ?? counts[key]?.total : nil }
    }

    func page(for key: PageKey, mark: String) -> [SearchHit]? {
        lock.withLock { mark == self.mark ? pages[key] : nil }
    }

    func store(_ counted: Counts, for key: Key, mark: String) {
        lock.withLock {
            moveOn(to: mark)
            counts.store(counted, for: key, weight: 1, capacity: capacity)
        }
    }

    func storeTotal(_ total: Int, for key: Key, mark: String) {
        lock.withLock {
            moveOn(to: mark)
            totals.store(total, for: key, weight: 1, capacity: totalsCapacity)
        }
    }

    func storePage(_ hits: [SearchHit], for key: PageKey, mark: String) {
        guard pagesCapacity > 0 else { return }
        lock.withLock {
            moveOn(to: mark)
            pages.store(hits, for: key, weight: max(1, (hits.count + 49) / 50), capacity: pagesCapacity)
        }
    }

    /// Forgets everything when the archive has changed since it was kept.
    private func moveOn(to mark: String) {
        guard mark != self.mark else { return }
        self.mark = mark
        counts = Kept()
        totals = Kept()
        pages = Kept()
    }

    /// Values in the order they were stored, each with its weight; past the capacity, the
    /// oldest go (never the newest) until a quarter is free, so that a full cache does not shift
    /// its list at every search.
    private struct Kept<K: Hashable, V> {
        var values: [K: (value: V, weight: Int)] = [:]
        var order: [K] = []
        var weight = 0

        subscript(key: K) -> V? { values[key]?.value }

        mutating func store(_ value: V, for key: K, weight: Int, capacity: Int) {
            guard weight <= capacity else { return }
            if let old = values.updateValue((value, weight), forKey: key) {
                self.weight -= old.weight
            } else {
                order.append(key)
            }
            self.weight += weight
            guard self.weight > capacity else { return }
            var dropped = 0
            while self.weight > capacity * 3 / 4, dropped < order.count - 1 {
                self.weight -= values.removeValue(forKey: order[dropped])?.weight ?? 0
                dropped += 1
            }
            order.removeFirst(dropped)
        }
    }
}
