/// How a search reads the segment index, which is kept in parts of consecutive ids
/// (`PostgresSchema.idsPerPart`), and the statements that read it so. Both readings give the
/// same ids; they differ in how many rows the server touches.
enum PostgresSearchReading: Equatable {
    /// Part after part in id order, the hits of each through the GIN index, sorted, until the
    /// page is full: the server sorts the hits of a part, never those of the whole archive.
    case throughIndex
    /// Rows in id order, each tested, up to (not including) the id `end` or until the page is
    /// full; the rest through the index.
    case alongIds(end: Int64)

    /// Up to this many estimated hits in a part, a search reads through the index (sorting a
    /// part's hits costs about what walking 20 times as many rows does); beyond, along the ids,
    /// which find a page soon when hits are that common.
    static let fewHitsPerPart = 2_000.0
    /// The most ids a walk tests before the search goes on through the index: the walk's
    /// length comes from an estimate, which can be far too high for a phrase of common parts
    /// or a syllable heard in one dialect only.
    static let longestWalk: Int64 = 20_000

    /// Through the index when each part has few hits (or the page lies deep among them); else
    /// along the ids, as far as twice the ids that should hold the page, at most `longestWalk`.
    static func choose(hits: Double, rows: Double, wanted: Int) -> PostgresSearchReading {
        let hitsPerPart = hits * min(1, Double(PostgresSchema.idsPerPart) / max(rows, 1))
        guard hitsPerPart > fewHitsPerPart, Double(wanted) * 20 <= hits else { return .throughIndex }
        return .alongIds(end: min(longestWalk, Int64(2 * Double(wanted) * rows / hits) + 1))
    }

    /// The walk along the ids below `end`, for the tsquery `$1`.
    static func walk(until end: Int64, limit: Int, _ m: PostgresSearchMatching = PostgresSearchMatching()) -> String {
        m.ids(in: "id < \(end)", limit: limit)
    }

    /// How many parts a branch of `partByPart` reads at once: enough that it should hold twice
    /// the page, so that a rare term is asked in one or a few branches (each branch is planned
    /// for every part it reads), a common one part by part.
    static func partsAtOnce(hits: Double, rows: Double, wanted: Int) -> Int64 {
        let hitsPerPart = hits * min(1, Double(PostgresSchema.idsPerPart) / max(rows, 1))
        guard hitsPerPart > 0 else { return .max }
        return Int64(min(1e9, max(1, (2 * Double(wanted) / hitsPerPart).rounded(.up))))
    }

    /// The ids a branch of `partByPart` reads: from `start` up to (not including) `end`, or
    /// on to the last id when `end` is nil.
    struct Branch: Equatable {
        var start: Int64
        var end: Int64?
    }

    /// The branches of the reading through the index from the id `start`: `partsAtOnce` parts
    /// each, the last one open-ended, so that it also reads any part made after `lastPart`.
    static func branches(from start: Int64, lastPart: Int64, partsAtOnce: Int64) -> [Branch] {
        let size = PostgresSchema.idsPerPart
        var part = max(0, start) / size
        var branches: [Branch] = []
        while true {
            let from = max(start, part * size)
            guard lastPart - part >= partsAtOnce else {
                branches.append(Branch(start: from, end: nil))
                return branches
            }
            part += partsAtOnce
            branches.append(Branch(start: from, end: part * size))
        }
    }

    /// How many branches a search asks in its first statement: they should hold the page four
    /// times over (`partsAtOnce`). The rest are asked, in a second statement, only when they do
    /// not: the server plans every branch of a statement before it runs the first, and a branch
    /// that joins the catalogue takes half a millisecond to plan (20 of them, 10 ms).
    static let branchesFirst = 2

    /// `branches` as the statements that ask them, in turn: the first `branchesFirst`, then the
    /// rest (none empty).
    static func statements(_ branches: [Branch]) -> [ArraySlice<Branch>] {
        [branches.prefix(branchesFirst), branches.dropFirst(branchesFirst)].filter { !$0.isEmpty }
    }

    /// The reading of `branches` through the index, for the tsquery `$1`. The server runs a
    /// `UNION ALL`'s branches in turn (never in parallel: see `PostgresSegmentIndex.hold`) and
    /// stops at the limit, so later parts are never read once the page is full. (Asked as one
    /// ordered query, the planner sorts every part's hits before the first row, or walks the
    /// primary key.)
    static func partByPart(_ branches: ArraySlice<Branch>, limit: Int, _ m: PostgresSearchMatching = PostgresSearchMatching()) -> String {
        let asked = branches.map { branch in
            "(" + m.ids(in: "id >= \(branch.start)" + (branch.end.map { " AND id < \($0)" } ?? ""), limit: limit) + ")"
        }
        return "SELECT id FROM (" + asked.joined(separator: " UNION ALL ") + ") hits LIMIT \(limit)"
    }
}
