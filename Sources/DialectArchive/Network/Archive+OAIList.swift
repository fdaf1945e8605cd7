import Foundation

extension Archive {
    /// A page of ListIdentifiers or ListRecords: the sessions its filter selects after the last
    /// one sent, in session id order, with a resumption token while more follow.
    func oaiList(_ request: OAIRequest, writer: OAIResponseWriter, startedAt: String) throws -> [String] {
        let filter: OAIListFilter, cursor: Int
        var completeListSize: Int?
        if let text = request["resumptionToken"] {
            let token = try OAIResumptionToken(text)
            guard (try? Self.oaiFormat(token.filter.metadataPrefix)) != nil, token.filter.set.map({ OAISet(spec: $0) != nil }) ?? true else {
                throw OAIError(.badResumptionToken, "the resumption token is not one this archive gave, or it is damaged")
            }
            filter = token.filter
            cursor = token.cursor
            completeListSize = token.completeListSize
        } else {
            filter = try Self.oaiListFilter(request, startedAt: startedAt)
            cursor = 0
        }
        if filter.set != nil, try store.read({ try OAIRecords.sets($0).collections.isEmpty }) {
            throw OAIError(.noSetHierarchy, "the archive has no collections yet, so no sets")
        }
        let set = filter.set.flatMap(OAISet.init(spec:))
        let pageSize = writer.repository.pageSize
        let withMetadata = request.verb == .ListRecords
        let (headers, total, descriptions) = try store.read { db in
            let headers = try OAIRecords.headers(filter, set: set, limit: pageSize + 1, db)
            let total = try completeListSize ?? (headers.count > pageSize ? OAIRecords.count(filter, set: set, db) : headers.count)
            let descriptions: [OLACExport.Description?] = try withMetadata
                ? headers.prefix(pageSize).map { try $0.deleted ? nil : OAIRecords.description(of: $0.session, db) } : []
            return (headers, total, descriptions)
        }
        guard !headers.isEmpty else { throw OAIError(.noRecordsMatch, "no record matches the arguments given") }
        let page = Array(headers.prefix(pageSize))
        var lines = ["<\(request.verb.rawValue)>"]
        for (index, header) in page.enumerated() {
            let entry = withMetadata ? writer.record(header, descriptions[index], prefix: filter.metadataPrefix) : writer.header(header)
            lines += entry.map { "  " + $0 }
        }
        if headers.count > pageSize || request["resumptionToken"] != nil {
            var next = filter
            next.after = page.last!.session
            let token = headers.count > pageSize ? OAIResumptionToken(filter: next, cursor: cursor + page.count, completeListSize: max(total, cursor + headers.count)) : nil
            lines.append("  " + writer.resumptionToken(token, cursor: cursor, completeListSize: max(total, cursor + page.count)))
        }
        return lines + ["</\(request.verb.rawValue)>"]
    }

    /// The filter of a list request's first page, its arguments checked.
    static func oaiListFilter(_ request: OAIRequest, startedAt: String) throws -> OAIListFilter {
        let prefix = try oaiFormat(request["metadataPrefix"]!)
        let from = try request["from"].map { try OAIDatestamp.bound($0, argument: "from") }
        let until = try request["until"].map { try OAIDatestamp.bound($0, argument: "until") }
        if let from, let until {
            guard from.dayOnly == until.dayOnly else { throw OAIError(.badArgument, "from and until must have the same granularity") }
            guard from.bound <= until.bound else { throw OAIError(.badArgument, "from is later than until") }
        }
        if let set = request["set"], OAISet(spec: set) == nil {
            throw OAIError(.badArgument, "'\(set)' is not a set of this archive (sets are collection:ID and language:CODE)")
        }
        return OAIListFilter(metadataPrefix: prefix, set: request["set"], from: from?.bound, until: until?.bound, startedAt: startedAt, after: nil)
    }
}
