import ArgumentParser
import DialectArchive
import DialectArchiveWeb
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the archive to browsers and programs: search pages, recordings, and a JSON API (open material only).")

    @Option(name: .long, help: "The archive folder (default: $DIALECT_ARCHIVE, else ./archive).") var archive: String?
    @Option(help: "Address to listen on (127.0.0.1 serves this machine only).") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 lets the system choose).") var port = 8080
    @Option(help: "The address people reach the server at, when it is behind a proxy.") var baseURL: String?
    @Option(help: "Records per page of an OAI-PMH list (ListRecords, ListIdentifiers).") var oaiPageSize = 100
    @Option(help: "The address harvesters are told to write to (OAI-PMH Identify).") var adminEmail: String?
    @Option(help: "A JSON list of peer archives, [{\"name\": …, \"url\": …}], that network searches also ask over FCS.") var peers: String?
    @Option(help: "Seconds each peer has to answer a network search.") var peerTimeBudget = 2.0
    @Option(help: "Pages of search hits kept until the archive changes, so that a search asked again is answered without searching (0 keeps none).")
    var keptPages = 1_024

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard peerTimeBudget > 0, peerTimeBudget <= 60 else { throw ValidationError("--peer-time-budget must be more than 0 and at most 60 seconds") }
        guard (0...1_000_000).contains(keptPages) else { throw ValidationError("--kept-pages must be from 0 to 1000000") }
        guard (1...10_000).contains(oaiPageSize) else { throw ValidationError("--oai-page-size must be from 1 to 10000") }
        if let baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                  url.query == nil, url.fragment == nil else {
                throw ValidationError("--base-url must be an http or https address such as https://archive.example.org, not '\(baseURL)'")
            }
        }
    }

    func run() async throws {
        let options = try GlobalOptions.parse(archive.map { ["--archive", $0] } ?? [])
        let archive = try options.openArchive()
        let network = try peers.map { FederatedSearch(peers: try Peer.load(from: URL(fileURLWithPath: $0)), budgetSeconds: peerTimeBudget) }
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let server = WebServer(archive: archive, host: host, port: port, baseURL: baseURL,
                               oai: OAISettings(pageSize: oaiPageSize, adminEmail: adminEmail), network: network,
                               searchCache: SearchCache(pages: keptPages))
        try await server.run { address in
            print("serving \(archive.url.path) at \(address)" + (server.baseURL.map { " (reached at \($0))" } ?? ""))
            // Whoever started the server through a pipe waits for this line; nil flushes every
            // output stream, stdout among them, without naming C's mutable global.
            fflush(nil)
        }
    }
}
