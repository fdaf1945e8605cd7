import Foundation

extension Archive {
    /// The answer of the archive's CLARIN FCS 2.0 endpoint (SRU 2.0 and 1.2) to one request
    /// given as a URL query or a form-encoded body, as XML. Every error of the request is an SRU
    /// diagnostic in the answer; only a failure to read the archive throws. `reader` decides
    /// what the search may find, as for any other search. Pages and totals are taken from `cache` when the
    /// same question was counted since the archive last changed.
    public func fcs(formEncoded text: String, endpoint: FCSEndpoint, cache: SearchCache? = nil,
                    as reader: Reader) throws -> String {
        guard let pairs = OAIRequest.pairs(formEncoded: text) else {
            return SRUResponseWriter(version: .v2_0).explain(record: nil, endpointDescription: nil, diagnostics: [
                SRUDiagnostic.unsupportedValue("query string", "the request is not valid percent-encoding")])
        }
        return try fcs(pairs, endpoint: endpoint, cache: cache, as: reader)
    }

    public func fcs(_ pairs: [(name: String, value: String)], endpoint: FCSEndpoint, cache: SearchCache? = nil,
                    as reader: Reader) throws -> String {
        let writer = SRUResponseWriter(version: SRURequest.version(pairs))
        let request: SRURequest
        do {
            request = try SRURequest(pairs, defaultMaximum: endpoint.defaultMaximum, largestMaximum: endpoint.largestMaximum)
        } catch let diagnostic as SRUDiagnostic {
            let operation = pairs.first { $0.name == "operation" }?.value
            if operation == "searchRetrieve" || operation == nil && pairs.contains(where: { $0.name == "query" }) {
                return writer.searchRetrieve(total: 0, records: [], next: nil, echoed: nil, diagnostics: [diagnostic])
            }
            return writer.explain(record: nil, endpointDescription: nil, diagnostics: [diagnostic])
        }
        // The collections (a pass over every session) only when the answer names them.
        let readCollections = { try self.store.read { try FCSRecords.collections(reader: reader, $0) } }
        switch request.operation {
        case .explain:
            let description = FCSEndpointDescription(endpoint: endpoint, collections: try readCollections(), version: request.version)
            return writer.explain(record: description.explainRecord(),
                                  endpointDescription: request.endpointDescription ? description.endpointDescription() : nil, diagnostics: [])
        case .searchRetrieve:
            do {
                return try fcsSearch(request, collections: readCollections, endpoint: endpoint, writer: writer, cache: cache, reader: reader)
            } catch let diagnostic as SRUDiagnostic {
                return writer.searchRetrieve(total: 0, records: [], next: nil, echoed: request, diagnostics: [diagnostic])
            }
        }
    }

    private func fcsSearch(_ request: SRURequest, collections: () throws -> [FCSRecords.Collection], endpoint: FCSEndpoint,
                           writer: SRUResponseWriter, cache: SearchCache?, reader: Reader) throws -> String {
        let (query, layer) = request.queryType == .fcs
            ? try FCSQuery.searchQuery(request.query ?? "")
            : (try CQLQuery.searchQuery(request.query ?? ""), FCSLayer.text)
        var warnings: [SRUDiagnostic] = []
        for view in request.dataViews where !["hits", "adv"].contains(view) { warnings.append(.unknownDataView(view)) }
        let advanced = request.dataViews.contains("adv")
        // x-fcs-context names collections by their resource pid (the landing page) or their id.
        var chosen: [String?] = [nil]
        if !request.context.isEmpty {
            let named = try collections()
            chosen = try request.context.map { wanted in
                guard let collection = named.first(where: { $0.id == wanted || endpoint.collectionURL($0.id) == wanted }) else {
                    throw SRUDiagnostic.invalidContext(wanted)
                }
                return collection.id
            }
        }
        var filters = SearchFilters()
        filters.tier = layer.tierKind
        // The pages of several collections follow each other, in the order the context names them.
        var total = 0
        var hits: [SearchHit] = []
        let offset = request.startRecord - 1
        for collection in chosen {
            filters.collection = collection
            let wanted = max(0, request.maximumRecords - hits.count)
            // Only the total is needed, not the counts per place and facet that a search page shows.
            let page = try search(query, filters: filters, limit: wanted, offset: max(0, offset - total),
                                  counts: .total, cache: cache, as: reader)
            hits += page.hits
            total += page.total
        }
        if request.startRecord > 1 && request.startRecord > total {
            return writer.searchRetrieve(total: total, records: [], next: nil, echoed: request,
                                         diagnostics: [.firstRecordOutOfRange(request.startRecord, total: total)])
        }
        let resources = FCSResourceWriter(endpoint: endpoint)
        let records = hits.enumerated().map { (position: request.startRecord + $0.offset, resource: resources.resource($0.element, advanced: advanced)) }
        let next = request.startRecord + hits.count
        return writer.searchRetrieve(total: total, records: records, next: !hits.isEmpty && next <= total ? next : nil,
                                     echoed: request, diagnostics: warnings)
    }
}
