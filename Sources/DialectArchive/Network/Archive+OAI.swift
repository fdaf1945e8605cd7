import Foundation

extension Archive {
    /// The answer of the archive's OAI-PMH 2.0 endpoint to one request, as XML. Protocol errors
    /// are answers too (`<error code="...">`); only a failure to read the archive throws.
    /// The answer to a request given as a URL query or a form-encoded body.
    public func oai(formEncoded text: String, repository: OAIRepository, now: Date = Date()) throws -> String {
        guard let pairs = OAIRequest.pairs(formEncoded: text) else {
            let writer = OAIResponseWriter(repository: repository, responseDate: now)
            return writer.error(OAIError(.badArgument, "the request is not valid percent-encoding"), request: nil)
        }
        return try oai(pairs, repository: repository, now: now)
    }

    public func oai(_ pairs: [(name: String, value: String)], repository: OAIRepository, now: Date = Date()) throws -> String {
        let writer = OAIResponseWriter(repository: repository, responseDate: now)
        let request: OAIRequest
        do { request = try OAIRequest(pairs) } catch let error as OAIError { return writer.error(error, request: nil) }
        do {
            return writer.envelope(request, try oaiBody(request, writer: writer, startedAt: CalendarDate.timestamp(now)))
        } catch let error as OAIError {
            return writer.error(error, request: request)
        }
    }

    private func oaiBody(_ request: OAIRequest, writer: OAIResponseWriter, startedAt: String) throws -> [String] {
        switch request.verb {
        case .Identify:
            return try store.read { db in
                writer.identify(earliest: try OAIRecords.earliestChange(db), sample: try OAIRecords.firstSession(db))
            }
        case .ListMetadataFormats:
            if let identifier = request["identifier"] { _ = try oaiHeader(identifier, repository: writer.repository) }
            return writer.metadataFormats()
        case .ListSets:
            if request["resumptionToken"] != nil {
                throw OAIError(.badResumptionToken, "the list of sets comes whole; it has no resumption tokens")
            }
            let sets = try oaiSets()
            guard !sets.isEmpty else { throw OAIError(.noSetHierarchy, "the archive has no collections yet, so no sets") }
            return writer.sets(sets)
        case .GetRecord:
            let prefix = try Self.oaiFormat(request["metadataPrefix"]!)
            let header = try oaiHeader(request["identifier"]!, repository: writer.repository)
            let description = header.deleted ? nil : try store.read { try OAIRecords.description(of: header.session, $0) }
            return ["<GetRecord>"] + writer.record(header, description, prefix: prefix).map { "  " + $0 } + ["</GetRecord>"]
        case .ListIdentifiers, .ListRecords:
            return try oaiList(request, writer: writer, startedAt: startedAt)
        }
    }

    /// The header of the session an identifier names, for a session a harvester may see.
    private func oaiHeader(_ identifier: String, repository: OAIRepository) throws -> OAIHeader {
        let header = try repository.identifiers.session(in: identifier).flatMap { session in
            try store.read { try OAIRecords.header(of: session, $0) }
        }
        guard let header else { throw OAIError(.idDoesNotExist, "'\(identifier)' is not the identifier of a record of this archive") }
        return header
    }

    private func oaiSets() throws -> [(set: OAISet, name: String)] {
        let (collections, languages) = try store.read { try OAIRecords.sets($0) }
        var sets: [(set: OAISet, name: String)] = []
        if !collections.isEmpty {
            sets.append((.allCollections, "Collections"))
            sets += collections.map { (.collection($0.id), "Collection: " + ($0.title ?? $0.id)) }
        }
        if !languages.isEmpty {
            sets.append((.allLanguages, "Languages (ISO 639-3)"))
            sets += languages.map { (.language($0.code), "Language: \($0.code)" + ($0.name.map { " (\($0))" } ?? "")) }
        }
        return sets
    }

    static func oaiFormat(_ prefix: String) throws -> String {
        guard OAIRepository.formats.contains(where: { $0.prefix == prefix }) else {
            throw OAIError(.cannotDisseminateFormat, "'\(prefix)' is not a metadata format of this archive; it offers oai_dc and olac")
        }
        return prefix
    }
}
