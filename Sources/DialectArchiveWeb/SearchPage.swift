import DialectArchive
import Hummingbird
import Mustache

/// `/search`: the CLI's query language and filters as a form, and the hits as a concordance
/// with the hit marked, the parallel tiers under it, the exact total, paging, and a play
/// button per hit that plays exactly its span with the CLI's pad.
struct SearchPage {
    let reader: ArchiveReader
    let baseURL: String?
    /// The peer archives, when the server has any.
    var network: FederatedSearch? = nil
    /// The audio either side of a hit, as `search --clips` cuts it.
    static let padMs: Int64 = 250

    func add(to router: Router<WebContext>) {
        router.get("/search") { request, context in
            await page(request, context)
        }
    }

    func page(_ request: Request, _ context: WebContext) async -> Response {
        let page = PageRequest(request, baseURL: baseURL)
        let form = page.form, language = page.language
        let fields = ["q", "sort"] + SearchRequest.filterNames
        var values: [String: Any] = ["form": Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0] ?? "") })]
        values["filtersOpen"] = SearchRequest.filterNames.contains { form[$0] != nil }
        values["sorts"] = SearchOrder.allCases.map { order in
            ["value": order.rawValue, "label": Strings.table(language)["sort" + order.rawValue.capitalized] ?? order.rawValue,
             "selected": (form["sort"] ?? "archive") == order.rawValue] as [String: Any]
        }
        var status = HTTPResponse.Status.ok
        values["hasPeers"] = network != nil
        let wholeNetwork = network != nil && form["scope"] == "network"
        values["networkChecked"] = wholeNetwork
        if form["q"] != nil, wholeNetwork, let network {
            do {
                let search = try SearchRequest(try FormQuery(request.uri.query))
                let root = baseURL ?? "http://\(request.head.authority ?? "localhost")"
                let result = try await NetworkSearch(reader: reader, network: network).run(search, root: root)
                values["network"] = ["archives": NetworkSearch.view(result, page.strings)]
            } catch {
                let failure = WebError(error)
                if failure.status == .internalServerError { context.logger.error("\(error)") }
                status = failure.status
                values["error"] = failure.message
            }
        } else if form["q"] != nil {
            do {
                let search = try SearchRequest(try FormQuery(request.uri.query))
                let asking = Visitor.current.reader
                let result = try await reader.read { try search.run(on: $0, as: asking, cache: reader.searchCache) }
                values["result"] = Self.view(result, search: search, form: form, language: language)
            } catch {
                let failure = WebError(error)
                if failure.status == .internalServerError { context.logger.error("\(error)") }
                status = failure.status
                values["error"] = failure.message
            }
        }
        let kept = (fields + ["limit", "offset", "scope"]).compactMap { name in form[name].map { (name, $0) } }
        return PageLayout.render(Self.template, values, title: form["q"] ?? page.strings["search"]!, for: page,
                                 path: "/search", parameters: kept, status: status)
    }

    static func view(_ result: SearchResult, search: SearchRequest, form: FormQuery, language: Language) -> [String: Any] {
        let t = Strings.table(language)
        let kept = (["q", "sort", "limit"] + SearchRequest.filterNames).compactMap { name in form[name].map { (name, $0) } }
        var view: [String: Any] = [
            "total": result.total,
            "hitsWord": result.total == 1 ? t["hitsOne"]! : t["hitsMany"]!,
            "first": result.offset + 1, "last": result.offset + result.hits.count,
            "partial": result.hits.count < result.total && !result.hits.isEmpty,
            "hits": result.hits.map { hit(in: $0, t) },
            "facets": facets(result, form: form, t), "selectedFilters": selectedFilters(form: form, t),
            "hasSelectedFilters": SearchRequest.filterNames.contains { form[$0] != nil },
        ]
        if result.offset > 0 {
            view["previous"] = Links.page("/search", kept + [("offset", "\(max(0, result.offset - search.limit))")])
        }
        if result.offset + result.hits.count < result.total {
            view["next"] = Links.page("/search", kept + [("offset", "\(result.offset + search.limit)")])
        }
        return view
    }

    static func hit(in hit: SearchHit, _ t: [String: String]) -> [String: Any] {
        let place = [hit.locality.map { "\($0.name) (\($0.id))" }, hit.dialect].compactMap { $0 }.joined(separator: " · ")
        let who = hit.speaker.map { s in [s.id, s.role, s.birthYear.map { "\(t["born_prefix"]!) \($0)" }].compactMap { $0 }.joined(separator: " ") }
        var view: [String: Any] = [
            "place": place.isEmpty ? t["noLocality"]! : place, "who": who ?? t["unknownSpeaker"]!,
            "file": hit.recordingFile ?? "", "span": TimeFormat.clock(hit.startMs) + "–" + TimeFormat.clock(hit.endMs),
            "tier": hit.tier, "pieces": pieces(hit),
            "parallel": hit.parallel.map { ["tier": $0.tier, "text": $0.text] },
            "startMs": hit.startMs, "endMs": hit.endMs, "padMs": padMs,
        ]
        if let id = hit.recordingId {
            view["recordingLink"] = Links.recording(id, startMs: hit.startMs, endMs: hit.endMs)
            view["audio"] = Links.audio(id, startMs: hit.startMs, endMs: hit.endMs, padMs: padMs)
        }
        return view
    }

    /// The hit's text cut at its matches, so that the template marks them and escapes every piece.
    static func pieces(_ hit: SearchHit) -> [[String: Any]] {
        pieces(text: hit.text, highlights: hit.highlights)
    }

    static func pieces(text whole: String, highlights: [[Int]]) -> [[String: Any]] {
        let scalars = Array(whole.unicodeScalars)
        func text(_ from: Int, _ to: Int) -> String {
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[max(0, min(from, scalars.count))..<max(0, min(to, scalars.count))])
            return String(piece)
        }
        var pieces: [[String: Any]] = [], done = 0
        for range in highlights where range.count == 2 && range[0] >= done {
            if range[0] > done { pieces.append(["text": text(done, range[0]), "marked": false]) }
            pieces.append(["text": text(range[0], range[1]), "marked": true])
            done = range[1]
        }
        if done < scalars.count { pieces.append(["text": text(done, scalars.count), "marked": false]) }
        return pieces
    }
}
