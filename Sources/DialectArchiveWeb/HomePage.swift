import DialectArchive
import Hummingbird
import Mustache

/// `/`: the archive's figures, the search and compare boxes, and the map of the survey sites,
/// each site linking to its page.
struct HomePage {
    let reader: ArchiveReader
    let baseURL: String?

    func add(to router: Router<WebContext>) {
        router.get("/") { request, context in
            let page = PageRequest(request, baseURL: baseURL)
            let t = page.strings
            do {
                let asking = Visitor.current.reader
                let (stats, localities, remote) = try await reader.read { try ($0.stats(as: asking), $0.localities(), $0.remoteSessions()) }
                var view = Self.figures(stats)
                let sites = localities.map { SiteMap.Site(locality: $0, link: "/localities/\(Links.encode($0.id))") }
                view["map"] = SiteMap.render(sites + RemoteSites.sites(remote), label: t["siteMap"]!, unclassifiedLabel: t["unclassified"]!,
                                             remoteLabel: t["remoteSites"]!)
                if !remote.isEmpty { view["remote"] = RemoteSites.listing(remote) }
                return PageLayout.render(Self.template, view, title: t["home"]!, for: page, path: "/", parameters: [])
            } catch {
                context.logger.error("\(error)")
                let failure = WebError(error)
                return PageLayout.render(ErrorPage.template, ["message": failure.message], title: t["error"]!, for: page,
                                         path: "/", parameters: [], status: failure.status)
            }
        }
    }

    static func figures(_ stats: ArchiveStats) -> [String: Any] {
        ["recordings": stats.recordings, "hours": TimeFormat.hours(stats.durationMs), "sessions": stats.sessions,
         "speakers": stats.speakers, "localities": stats.localities, "collections": stats.collections,
         "transcripts": stats.transcripts, "segments": stats.segments,
         "byDialect": stats.byDialect.map { ["label": $0.label, "recordings": $0.recordings, "hours": TimeFormat.hours($0.durationMs)] }]
    }

    static let template = try! MustacheTemplate(string: """
        <form class="search home" method="get" action="/search" role="search">
        <input id="q" name="q" type="search" placeholder="{{t.query}}" aria-label="{{t.search}}">
        <button type="submit">{{t.searchButton}}</button>
        </form>
        <form class="search compare" method="get" action="/compare">
        <input id="compare-q" name="q" type="search" placeholder="{{t.compareQuery}}" aria-label="{{t.compare}}">
        <button type="submit">{{t.compareButton}}</button>
        </form>
        <div class="with-map">
        <section class="figures">
        <h2>{{t.figures}}</h2>
        <ul class="figures">
        <li><span class="n" id="fig-recordings">{{recordings}}</span> {{t.figRecordings}}</li>
        <li><span class="n">{{hours}}</span> {{t.figHours}}</li>
        <li><span class="n">{{sessions}}</span> {{t.figSessions}}</li>
        <li><span class="n">{{speakers}}</span> {{t.figSpeakers}}</li>
        <li><span class="n">{{localities}}</span> {{t.figLocalities}}</li>
        <li><span class="n">{{collections}}</span> {{t.figCollections}}</li>
        <li><span class="n">{{transcripts}}</span> {{t.figTranscripts}}</li>
        <li><span class="n">{{segments}}</span> {{t.figSegments}}</li>
        </ul>
        <h2>{{t.byDialect}}</h2>
        <ul class="by-dialect">{{#byDialect}}<li>{{label}} <span class="n">{{recordings}} · {{hours}}</span></li>{{/byDialect}}</ul>
        </section>
        {{{map}}}
        </div>
        {{#remote}}
        <section class="remote-sessions">
        <h2>{{t.remoteSessions}}</h2>
        <ul>{{#sessions}}<li><a class="remote-session" href="{{landingURL}}">{{title}}</a> {{date}}{{#place}} · {{.}}{{/place}} · <a class="archive" href="{{archiveURL}}">{{archiveName}}</a></li>{{/sessions}}</ul>
        {{#more}}<p>+{{.}} {{t.remoteMore}}</p>{{/more}}
        </section>
        {{/remote}}
        """)
}
