import DialectArchive

/// The search page's facets: every value with its count over all hits, as a link that adds
/// its filter to the search, and the filters already given, each with a link that removes it.
extension SearchPage {
    /// The parameters a facet link keeps from the current search (paging starts again).
    static let keptByFacets = ["q", "sort", "limit"] + SearchRequest.filterNames

    static func facets(_ result: SearchResult, form: FormQuery, _ t: [String: String]) -> [[String: Any]] {
        let kept = keptByFacets.compactMap { name in form[name].map { (name, $0) } }
        return result.facets.filter { !$0.values.isEmpty }.map { facet in
            let values: [[String: Any]] = facet.values.map { entry in
                var view: [String: Any] = ["label": entry.value == nil ? t["notGiven"]! : entry.label, "hits": entry.hits]
                if let value = entry.value {
                    let selected = form[facet.filter] == value
                    view["selected"] = selected
                    if !selected {
                        view["link"] = Links.page("/search", kept.filter { $0.0 != facet.filter } + [(facet.filter, value)])
                    }
                }
                return view
            }
            return ["name": facet.name, "title": t["facet_" + facet.name] ?? facet.name, "values": values]
        }
    }

    /// The filters of the current search, each with the link to the search without it.
    static func selectedFilters(form: FormQuery, _ t: [String: String]) -> [[String: Any]] {
        let kept = keptByFacets.compactMap { name in form[name].map { (name, $0) } }
        return SearchRequest.filterNames.compactMap { name in
            form[name].map { value in
                ["name": name, "title": t["filter_" + name] ?? name, "value": value,
                 "remove": Links.page("/search", kept.filter { $0.0 != name })] as [String: Any]
            }
        }
    }
}
