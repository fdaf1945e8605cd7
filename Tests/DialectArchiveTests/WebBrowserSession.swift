import Foundation
import XCTest

/// One visitor of a running server, speaking HTTP through curl as a browser would: cookies
/// kept between requests, redirects not followed (so that the cookies a login sets are seen).
final class WebBrowserSession {
    let server: WebServerProcess
    /// Cookie name → value, as the server last set them.
    var cookies: [String: String] = [:]

    init(_ server: WebServerProcess) { self.server = server }

    struct Reply {
        var status: Int
        var headers: [(name: String, value: String)]
        var text: String
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        func setCookie(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix(name + "=") }?.value
        }
    }

    func get(_ path: String, headers: [String: String] = [:]) throws -> Reply {
        try send(["-X", "GET"], path, headers: headers)
    }

    /// POSTs `fields` as a browser's form sends them.
    func post(_ path: String, _ fields: [(String, String)], headers: [String: String] = [:]) throws -> Reply {
        let body = fields.map { "\($0.0)=\(WebServerProcess.encoded($0.1))" }.joined(separator: "&")
        return try send(["-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", body], path, headers: headers)
    }

    /// Logs in with the token the login form carries; the reply of the POST.
    @discardableResult
    func logIn(_ name: String, _ password: String, headers: [String: String] = [:]) throws -> Reply {
        let form = try get("/login", headers: headers)
        let token = try XCTUnwrap(Self.hiddenCSRF(form.text), "the login form carries a token")
        return try post("/login", [("csrf", token), ("name", name), ("password", password)], headers: headers)
    }

    /// The value of the hidden `csrf` field of the first form on a page.
    static func hiddenCSRF(_ html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    private func send(_ method: [String], _ path: String, headers: [String: String]) throws -> Reply {
        var arguments = ["-s", "-i", "--max-time", "30"] + method
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if !cookies.isEmpty {
            arguments += ["-H", "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
        }
        arguments.append(server.address.absoluteString + path)
        let result = try TestSupport.run("curl", arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = result.stdout
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? "", body = parts.dropFirst().joined(separator: "\r\n\r\n")
        let lines = head.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers: [(name: String, value: String)] = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        for (name, value) in headers where name.lowercased() == "set-cookie" {
            let pair = value.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            let expired = value.lowercased().contains("max-age=0")
            cookies[String(pair[0])] = expired ? nil : String(pair[1])
        }
        return Reply(status: status, headers: headers, text: body)
    }
}
