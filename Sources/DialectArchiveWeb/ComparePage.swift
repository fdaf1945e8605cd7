import DialectArchive
import Hummingbird

/// `/compare?q=`: one item across localities, in the order of their dialect classification,
/// with its forms, IPA and a play button per answer, beside the map of the survey sites.
/// Each site on the map links to the comparison narrowed to that site (`locality=`).
struct ComparePage {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        router.get("/compare") { request, context in
            await page(request, context)
        }
    }

    func page(_ request: Request, _ context: WebContext) async -> Response {
        let page = PageRequest(request, baseURL: baseURL)
        let form = page.form, t = page.strings
        let text = form["q"] ?? "", narrowed = form["locality"]
        var values: [String: Any] = ["q": text]
        var status = HTTPResponse.Status.ok
        do {
            let localities = try await reader.read { try $0.localities() }
            var answered: Set<String> = []
            if !text.isEmpty {
                let search = try SearchRequest(try FormQuery(request.uri.query)), asking = Visitor.current.reader
                let rows = try await reader.read { try $0.compare(search.query, filters: search.filters, as: asking) }
                answered = Set(rows.compactMap { $0.locality?.id })
                values["result"] = ["rows": rows.map { Self.row($0, t) }, "count": rows.count, "none": rows.isEmpty,
                                    "rowsWord": rows.count == 1 ? t["compareRowOne"]! : t["compareRows"]!] as [String: Any]
            }
            if let narrowed, let site = localities.first(where: { $0.id == narrowed }) {
                values["narrowed"] = ["name": site.name, "all": Links.page("/compare", [("q", text)])]
            }
            let sites = localities.map { l in
                SiteMap.Site(locality: l, link: Links.page("/compare", [("q", text), ("locality", l.id)]),
                             filled: text.isEmpty || answered.contains(l.id), selected: l.id == narrowed)
            }
            values["map"] = SiteMap.render(sites, label: t["siteMap"]!, unclassifiedLabel: t["unclassified"]!)
        } catch {
            let failure = WebError(error)
            if failure.status == .internalServerError { context.logger.error("\(error)") }
            status = failure.status
            values["error"] = failure.message
        }
        let kept = ["q", "locality"].compactMap { name in form[name].map { (name, $0) } }
        return PageLayout.render(Self.template, values, title: text.isEmpty ? t["compare"]! : text, for: page,
                                 path: "/compare", parameters: kept, status: status)
    }

    static func row(_ row: ComparisonRow, _ t: [String: String]) -> [String: Any] {
        var forms: [String] = []
        for hit in row.hits where !forms.contains(hit.text) { forms.append(hit.text) }
        var view: [String: Any] = [
            "place": row.locality?.name ?? t["noLocality"]!, "dialect": row.dialect ?? "", "forms": forms.joined(separator: " / "),
            "ipa": row.ipa.joined(separator: " / "), "localityId": row.locality?.id ?? "",
            "plays": row.hits.compactMap { hit -> [String: Any]? in
                guard let id = hit.recordingId else { return nil }
                let span = TimeFormat.clock(hit.startMs) + "–" + TimeFormat.clock(hit.endMs)
                return ["audio": Links.audio(id, startMs: hit.startMs, endMs: hit.endMs, padMs: SearchPage.padMs),
                        "startMs": hit.startMs, "endMs": hit.endMs, "padMs": SearchPage.padMs, "span": span,
                        "link": Links.recording(id, startMs: hit.startMs, endMs: hit.endMs)]
            },
        ]
        if let id = row.locality?.id { view["link"] = "/localities/\(Links.encode(id))" }
        return view
    }
}
