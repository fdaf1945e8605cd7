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

    /// One search's question as the cache answers it: its key, and the archive's change mark read
    /// in the search's own transaction, so that what is kept matches the mark it is kept under.
    func asking(_ question: Key, mark: String) -> Asking {
        Asking(cache: self, question: question, mark: mark)
    }

    /// The answers to one question: each kept since the mark, else made by the search and kept.
    struct Asking {
        let cache: SearchCache
        let question: Key
        let mark: String

        func page(order: SearchOrder, limit: Int, offset: Int, otherwise search: () throws -> [SearchHit]) rethrows -> [SearchHit] {
            try cache.answer(\.pages, PageKey(question: question, order: order, limit: limit, offset: offset), mark: mark,
                             capacity: cache.pagesCapacity, weight: { max(1, ($0.count + 49) / 50) }, otherwise: search)
        }

        func total(otherwise count: () throws -> Int) rethrows -> Int {
            // Facet counts kept for the question carry its total too.
            if let counted = cache.kept(\.counts, question, mark: mark) { return counted.total }
            return try cache.answer(\.totals, question, mark: mark, capacity: cache.totalsCapacity, otherwise: count)
        }

        func counts(otherwise count: () throws -> Counts) rethrows -> Counts {
            try cache.answer(\.counts, question, mark: mark, capacity: cache.capacity, otherwise: count)
        }
    }

    private func kept<K, V>(_ kept: KeyPath<SearchCache, Kept<K, V>>, _ key: K, mark: String) -> V? {
        lock.withLock { mark == self.mark ? self[keyPath: kept][key] : nil }
    }

    /// The value kept for `key` since `mark`, else the one `make` makes, kept unless it weighs
    /// more than the whole capacity. `make` runs outside the lock: searches go on at once.
    private func answer<K, V>(_ kept: ReferenceWritableKeyPath<SearchCache, Kept<K, V>>, _ key: K, mark: String, capacity: Int,
                              weight: (V) -> Int = { _ in 1 }, otherwise make: () throws -> V) rethrows -> V {
        if let value = self.kept(kept, key, mark: mark) { return value }
        let value = try make()
        lock.withLock {
            moveOn(to: mark)
            self[keyPath: kept].store(value, for: key, weight: weight(value), capacity: capacity)
        }
        return value
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
