import DialectArchive
import Foundation
import Hummingbird
import Logging

/// The archive served over HTTP: pages for people, JSON and audio for programs. It opens
/// nothing but the archive's database at start (no scans), and stops cleanly on SIGINT or
/// SIGTERM, letting requests in flight finish.
///
/// ```swift
/// let server = WebServer(archive: archive, host: "127.0.0.1", port: 8080)
/// try await server.run { address in print("serving at \(address)") }
/// ```
public struct WebServer: Sendable {
    let reader: ArchiveReader
    public var host: String
    public var port: Int
    /// The address the server is reached at from outside (behind a proxy), for links and citations.
    public var baseURL: String?
    public var logger: Logger
    /// Paging and contact of the OAI-PMH endpoint.
    public var oai: OAISettings
    /// The peer archives that `scope=network` searches ask, when there are any.
    public var network: FederatedSearch?

    /// `searchCache` keeps recent searches' pages and counts for every request until the archive changes.
    public init(archive: Archive, host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil,
                oai: OAISettings = OAISettings(), network: FederatedSearch? = nil, searchCache: SearchCache = SearchCache(),
                logger: Logger = Logger(label: "dialect-archive.web")) {
        self.oai = oai
        self.network = network
        self.reader = ArchiveReader(archive: archive, searchCache: searchCache)
        self.host = host
        self.port = port
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.logger = logger
    }

    /// Serves until SIGINT or SIGTERM; `onRunning` is told the address once the port is bound
    /// (with the port the system chose when `port` is 0).
    public func run(onRunning: @escaping @Sendable (String) async -> Void = { _ in }) async throws {
        let host = self.host
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "dialect-archive"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                await onRunning("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: RequestLog())
        router.add(middleware: SecurityHeaders())
        router.add(middleware: VisitorMiddleware(reader: reader, baseURL: baseURL))
        APIRoutes(reader: reader, network: network, baseURL: baseURL).add(to: router)
        AudioRoutes(reader: reader).add(to: router)
        SearchPage(reader: reader, baseURL: baseURL, network: network).add(to: router)
        RecordingPage(reader: reader, baseURL: baseURL).add(to: router)
        OpenAPIDocument().add(to: router)
        HomePage(reader: reader, baseURL: baseURL).add(to: router)
        ComparePage(reader: reader, baseURL: baseURL).add(to: router)
        TranscriptDownloads(reader: reader).add(to: router)
        let records = RecordPageRoute(reader: reader, baseURL: baseURL)
        SessionPage(route: records).add(to: router)
        SpeakerPage(route: records).add(to: router)
        LocalityPage(route: records).add(to: router)
        CollectionPage(route: records).add(to: router)
        StaticFiles().add(to: router)
        AccountRoutes(reader: reader, baseURL: baseURL).add(to: router)
        OAIRoute(reader: reader, baseURL: baseURL, settings: oai).add(to: router)
        AuditTrailPage(reader: reader, baseURL: baseURL).add(to: router)
        HistoryPage(reader: reader, baseURL: baseURL).add(to: router)
        AccountsPage(reader: reader, baseURL: baseURL).add(to: router)
        FCSRoute(reader: reader, baseURL: baseURL).add(to: router)
        return router
    }
}
