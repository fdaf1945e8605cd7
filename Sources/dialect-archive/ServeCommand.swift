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

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
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
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let server = WebServer(archive: archive, host: host, port: port, baseURL: baseURL)
        try await server.run { address in
            print("serving \(archive.url.path) at \(address)" + (server.baseURL.map { " (reached at \($0))" } ?? ""))
            // Whoever started the server through a pipe waits for this line; nil flushes every
            // output stream, stdout among them, without naming C's mutable global.
            fflush(nil)
        }
    }
}
