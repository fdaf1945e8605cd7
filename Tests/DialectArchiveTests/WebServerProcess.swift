import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `dialect-archive serve` running on a free port of 127.0.0.1 against an archive, for tests
/// that speak HTTP to it; stopped with SIGTERM, as a service manager stops it.
final class WebServerProcess {
    let process = Process()
    let address: URL
    /// The server's log goes to a file, so that a long test never fills a pipe nobody reads.
    private let log: URL
    private let stdout = Pipe()
    /// Each request stands alone: no cookies kept, nothing cached.
    private let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    init(archive: URL, arguments: [String] = []) throws {
        process.executableURL = TestSupport.cli
        process.arguments = ["serve", "--archive", archive.path, "--port", "0"] + arguments
        log = try TestSupport.scratchFolder("serve-log").appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The first line says where it serves, once the port is bound.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let words = text.split(whereSeparator: \.isWhitespace)
        guard let served = words.first(where: { $0.hasPrefix("http://") }), let url = URL(string: String(served)) else {
            process.terminate()
            throw NSError(domain: "serve", code: 1, userInfo: [NSLocalizedDescriptionKey: "serve did not say where it serves: \(text)"])
        }
        address = url
    }

    /// Stops the server with SIGTERM; returns its exit status and what it logged. A server
    /// still running 20 s later is killed, and its status says so (SIGKILL), so that a server
    /// that does not shut down fails its test instead of holding the whole suite.
    @discardableResult
    func stop() -> (status: Int32, log: String) {
        let status = TestSupport.stop(process, graceSeconds: 20)
        return (status, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    deinit { TestSupport.stop(process, graceSeconds: 20) }

    struct Reply {
        var status: Int
        var body: Data
        var headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    /// GET `path` (with its query, already encoded) and wait for the whole answer.
    func get(_ path: String, headers: [String: String] = [:]) async throws -> Reply {
        var request = URLRequest(url: URL(string: address.absoluteString + path)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, body: data, headers: fields)
    }

    /// Percent-encodes a query value.
    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}
