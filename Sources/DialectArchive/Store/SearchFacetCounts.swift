/// Counting every hit of a search by every facet at once, in one pass over the hits grouped by
/// the combination of their facet values (few, even for tens of thousands of hits).
enum SearchFacetCounts {
    /// The columns grouped by, in the order `facets` reads them. A restricted speaker's sex and
    /// birth year are withheld unless restricted material is asked for, so they are not counted.
    static func columns(includeRestricted: Bool) -> String {
        let speakerOpen = includeRestricted ? "1 = 1" : AccessRules.isOpen("sp")
        return """
            se.locality_id, sp.role, CASE WHEN \(speakerOpen) THEN sp.sex END, se.content_type, s.tier_kind,
            se.collection_id, CASE WHEN \(speakerOpen) THEN sp.birth_year / 10 * 10 END, substr(se.date, 1, 4)
            """
    }

    /// The facets of grouped rows: the columns above, then the count. `localities` gives each
    /// locality id its name and classification.
    static func facets(_ rows: [SQLRow], localities: [String: (name: String, group: String?, subgroup: String?, cluster: String?)]) -> [SearchFacet] {
        var counts = Array(repeating: [String?: Int](), count: names.count)
        for row in rows {
            let hits: Int = row[8]
            let locality: String? = row[0]
            let place = locality.flatMap { localities[$0] }
            let decade: Int? = row[6]
            let values: [String?] = [
                locality, place?.group, place?.subgroup, place?.cluster, row[1], row[2], row[3], row[4], row[5],
                decade.map { "\($0)-\($0 + 9)" }, row[7],
            ]
            for (index, value) in values.enumerated() {
                counts[index][value.flatMap { $0.isEmpty ? nil : $0 }, default: 0] += hits
            }
        }
        return names.indices.map { index in
            let (name, filter) = names[index]
            let values = counts[index].map { value, hits in
                SearchFacet.Value(value: value, label: label(name, value, localities[value ?? ""]?.name), hits: hits)
            }
            return SearchFacet(name: name, filter: filter, values: values.sorted(by: order(name)))
        }
    }

    static let names: [(name: String, filter: String)] = [
        ("locality", "locality"), ("dialect_group", "dialect"), ("dialect_subgroup", "dialect"), ("dialect_cluster", "dialect"),
        ("role", "role"), ("sex", "sex"), ("content", "content"), ("tier_kind", "tier"), ("collection", "collection"),
        ("born", "born"), ("recorded", "recorded"),
    ]

    static func label(_ name: String, _ value: String?, _ localityName: String?) -> String {
        guard let value else { return "(not given)" }
        if name == "locality", let localityName { return "\(localityName) (\(value))" }
        return value
    }

    /// Decades and years in time order; the rest commonest first, then by label; hits without
    /// a value last.
    static func order(_ name: String) -> (SearchFacet.Value, SearchFacet.Value) -> Bool {
        let chronological = name == "born" || name == "recorded"
        return { a, b in
            if (a.value == nil) != (b.value == nil) { return b.value == nil }
            if chronological { return a.label < b.label }
            return a.hits != b.hits ? a.hits > b.hits : a.label.utf8.lexicographicallyPrecedes(b.label.utf8)
        }
    }
}
