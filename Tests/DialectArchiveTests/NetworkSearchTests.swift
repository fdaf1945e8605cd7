import DialectArchive
import Foundation
import XCTest

/// `serve --peers`: a search with scope=network asks two live archives, one that answers too
/// late and an address where nothing listens, and shows each archive's hits under its own name
/// with a status line per archive; a peer that keeps failing is left alone for a while.
final class NetworkSearchTests: XCTestCase {
    /// Nothing listens on port 1 of loopback.
    let nowhere = "http://127.0.0.1:1"

    func testNetworkSearchGroupsHitsByArchiveWithAStatusPerArchiveWithinTheBudget() async throws {
        let (_, first) = try SampleArchive.ingested(#function + "-a")
        let (_, second) = try SampleArchive.ingested(#function + "-b")
        let peerA = try WebServerProcess(archive: first), peerB = try WebServerProcess(archive: second)
        defer { peerA.stop(); peerB.stop() }
        let slow = try SlowServer(seconds: 5)
        defer { slow.stop() }
        let peers = try peersFile([("湖南馆", peerA.address.absoluteString), ("Guangdong", peerB.address.absoluteString),
                                   ("slow", slow.address), ("gone", nowhere),
                                   ("broken", peerA.address.absoluteString + "/no-such-place")])
        let front = try WebServerProcess(archive: first, arguments: ["--peers", peers.path])
        defer { front.stop() }
        // Peers that have answered before, as a running archive's have: a server's first search
        // also opens its database connection, which on a busy machine can take the whole budget.
        for peer in [peerA, peerB] {
            let warm = try await peer.get("/fcs?operation=searchRetrieve&version=2.0&query=" + WebServerProcess.encoded("走"))
            XCTAssertEqual(warm.status, 200)
        }

        let started = Date()
        let reply = try await front.get("/api/search?scope=network&q=" + WebServerProcess.encoded("出去走走"))
        let seconds = Date().timeIntervalSince(started)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertLessThan(seconds, 2.5)
        let archives = (try JSONSerialization.jsonObject(with: reply.body) as! [String: Any])["archives"] as! [[String: Any]]
        XCTAssertEqual(archives.map { $0["name"] as! String }, ["this archive", "湖南馆", "Guangdong", "slow", "gone", "broken"])
        XCTAssertEqual(archives.map { $0["status"] as! String }, ["ok", "ok", "ok", "timed out", "unreachable", "error"],
                       "asked at \(started): \(archives.map { ($0["name"]!, $0["time_ms"] ?? "", $0["message"] ?? "") })")
        XCTAssertEqual(archives[5]["message"] as? String, "HTTP status 404")
        for (archive, server) in [(archives[1], peerA), (archives[2], peerB)] {
            let hits = archive["hits"] as! [[String: Any]]
            XCTAssertGreaterThan(hits.count, 0)
            XCTAssertEqual(archive["total"] as? Int, hits.count)
            for hit in hits {
                XCTAssertEqual(hit["archive"] as? String, archive["name"] as? String)
                XCTAssertTrue((hit["link"] as! String).hasPrefix(server.address.absoluteString + "/recordings/"), "\(hit)")
                let marks = hit["highlights"] as! [[Int]], text = Array((hit["text"] as! String).unicodeScalars)
                XCTAssertEqual(marks.map { String(String.UnicodeScalarView(text[$0[0]..<$0[1]])) }.joined(), "出去走走")
            }
        }
        XCTAssertGreaterThan((archives[0]["hits"] as! [Any]).count, 0)
        XCTAssertGreaterThanOrEqual(archives[3]["time_ms"] as! Int, 1900)

        let page = try await front.get("/search?scope=network&lang=en&q=" + WebServerProcess.encoded("出去走走")).text
        XCTAssertTrue(page.contains("<section class=\"archive\" data-archive=\"湖南馆\" data-status=\"ok\">"), page)
        XCTAssertTrue(page.contains("<section class=\"archive\" data-archive=\"slow\" data-status=\"timed out\">"), page)
        XCTAssertTrue(page.contains("<p class=\"peer-status\">unreachable</p>"), page)
        XCTAssertTrue(page.contains("<a class=\"in-archive\" href=\"\(peerB.address.absoluteString)/recordings/"), page)
        XCTAssertTrue(page.contains("Play in Guangdong"), page)
        XCTAssertTrue(page.contains("name=\"scope\" value=\"network\" checked"), page)
    }

    /// Waiting for a peer that does not answer costs the server no processor time: on a small
    /// server, a wait that kept the processors busy held up every other search, this archive's
    /// own part of the same page included, for the whole budget.
    func testWaitingForAPeerThatDoesNotAnswerLeavesTheProcessorsFree() async throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let slow = try SlowServer(seconds: 5)
        defer { slow.stop() }
        let front = try WebServerProcess(archive: archive, arguments: ["--peers", try peersFile([("slow", slow.address)]).path])
        defer { front.stop() }
        _ = try await front.get("/api/search?q=" + WebServerProcess.encoded("走"))
        let before = try Self.processorSeconds(front.process.processIdentifier)
        let reply = try await front.get("/api/search?scope=network&q=" + WebServerProcess.encoded("出去走走"))
        let used = try Self.processorSeconds(front.process.processIdentifier) - before
        let archives = (try JSONSerialization.jsonObject(with: reply.body) as! [String: Any])["archives"] as! [[String: Any]]
        XCTAssertEqual(archives.map { $0["status"] as! String }, ["ok", "timed out"])
        XCTAssertLessThan(used, 0.5, "processor seconds the server used in the 2 s it waited")
    }

    /// The processor time a process has used so far (user and system), from /proc.
    private static func processorSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat[stat.range(of: ")", options: .backwards)!.upperBound...].split(separator: " ")
        return Double(Int(fields[11])! + Int(fields[12])!) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func testPeersAreAskedTheSameQueryInCQLAndTheStatusLineNamesTheFiltersTheyWereNotAsked() async throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let (_, same) = try SampleArchive.ingested(#function + "-peer")
        let peer = try WebServerProcess(archive: same)
        defer { peer.stop() }
        let front = try WebServerProcess(archive: archive, arguments: ["--peers", try peersFile([("同一份", peer.address.absoluteString)]).path])
        defer { front.stop() }
        // Several words, OR, an exclusion and a prefix: the peer holds the same sessions, so it finds what this archive finds.
        for (query, cql) in [("吃 走", #""吃" AND "走""#), ("月光 OR 热头", #"("月光" OR "热头")"#), ("吃 -走", #""吃" NOT "走""#),
                             ("tsou* -吃", #""tsou*" NOT "吃""#)] {
            let reply = try await front.get("/api/search?scope=network&q=" + WebServerProcess.encoded(query))
            let archives = (try JSONSerialization.jsonObject(with: reply.body) as! [String: Any])["archives"] as! [[String: Any]]
            XCTAssertEqual(archives.map { $0["status"] as? String }, ["ok", "ok"], "\(query): \(archives)")
            XCTAssertGreaterThan(archives[0]["total"] as? Int ?? 0, 0, query)
            XCTAssertEqual(archives[1]["total"] as? Int, archives[0]["total"] as? Int, "\(query): \(archives)")
            XCTAssertEqual(archives[1]["query"] as? String, cql)
            XCTAssertNil(archives[1]["left_out"], "\(archives)")
        }
        // A later page of the search is the same later page at the peer; past its last hit, none and no error.
        for offset in [1, 100] {
            let paged = "/api/search?scope=network&limit=1&offset=\(offset)&q=" + WebServerProcess.encoded("吃")
            let answers = (try JSONSerialization.jsonObject(with: try await front.get(paged).body) as! [String: Any])["archives"] as! [[String: Any]]
            XCTAssertEqual(answers.map { $0["status"] as? String }, ["ok", "ok"], "\(answers)")
            XCTAssertEqual((answers[1]["hits"] as! [[String: Any]]).map { $0["text"] as? String },
                           (answers[0]["hits"] as! [[String: Any]]).map { $0["text"] as? String }, "\(answers)")
        }
        // A filter has no CQL: the peer finds more, and says it was asked without it.
        let filtered = "/api/search?scope=network&locality=bj&q=" + WebServerProcess.encoded("月光 OR 吃")
        let archives = (try JSONSerialization.jsonObject(with: try await front.get(filtered).body) as! [String: Any])["archives"] as! [[String: Any]]
        XCTAssertEqual(archives[1]["left_out"] as? [String], ["locality=bj"])
        XCTAssertGreaterThan(archives[1]["total"] as! Int, archives[0]["total"] as! Int)
        let page = try await front.get("/search?scope=network&lang=en&locality=bj&q=" + WebServerProcess.encoded("月光 OR 吃")).text
        XCTAssertTrue(page.contains("asked without the filters, which its search protocol (FCS) cannot carry: locality=bj</p>"), page)
    }

    func testAPeerThatFailsThreeTimesInARowIsSkippedAndThePageSaysSo() async throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let peers = try peersFile([("gone", nowhere)])
        let front = try WebServerProcess(archive: archive, arguments: ["--peers", peers.path])
        defer { front.stop() }
        for _ in 1...3 {
            let reply = try await front.get("/api/search?scope=network&q=" + WebServerProcess.encoded("出去走走"))
            let archives = (try JSONSerialization.jsonObject(with: reply.body) as! [String: Any])["archives"] as! [[String: Any]]
            XCTAssertEqual(archives.last?["status"] as? String, "unreachable")
        }
        let reply = try await front.get("/api/search?scope=network&q=" + WebServerProcess.encoded("出去走走"))
        let archives = (try JSONSerialization.jsonObject(with: reply.body) as! [String: Any])["archives"] as! [[String: Any]]
        XCTAssertEqual(archives.last?["status"] as? String, "skipped")
        XCTAssertTrue((archives.last?["message"] as? String ?? "").hasPrefix("failed 3 times in a row"), "\(archives)")
        let page = try await front.get("/search?scope=network&lang=zh&q=" + WebServerProcess.encoded("出去走走")).text
        XCTAssertTrue(page.contains("<p class=\"peer-status\">暂时跳过：连续多次失败</p>"), page)
    }

    func testWithoutPeersTheSearchPageHasNoNetworkSwitchAndTheAPIRefusesNetworkScope() async throws {
        let (_, archive) = try SampleArchive.ingested(#function)
        let server = try WebServerProcess(archive: archive)
        defer { server.stop() }
        let page = try await server.get("/search?q=" + WebServerProcess.encoded("出去走走")).text
        XCTAssertFalse(page.contains("name=\"scope\""), page)
        let reply = try await server.get("/api/search?scope=network&q=" + WebServerProcess.encoded("出去走走"))
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue(reply.text.contains("--peers"), reply.text)
    }

    func testAPeersFileEntryWithoutAnAddressIsAnErrorNamingTheFileAndTheEntry() throws {
        let file = try TestSupport.scratchFolder().appendingPathComponent("peers.json")
        try Data(#"[{"name": "A", "url": "http://a.example.org"}, {"name": "B", "url": "ftp://b"}]"#.utf8).write(to: file)
        XCTAssertThrowsError(try Peer.load(from: file)) { error in
            XCTAssertEqual("\(error)", file.path + ": entry 2 (B) has no \"url\" that is an http or https address")
        }
        try Data(#"{"name": "A"}"#.utf8).write(to: file)
        XCTAssertThrowsError(try Peer.load(from: file)) { XCTAssertTrue("\($0)".hasPrefix(file.path + ": it is not a JSON list")) }
        try Data(#"[{"name": "A", "url": "http://a.example.org/"}]"#.utf8).write(to: file)
        XCTAssertEqual(try Peer.load(from: file), [Peer(name: "A", url: "http://a.example.org", fcsURL: "http://a.example.org/fcs")])
    }

    private func peersFile(_ peers: [(String, String)]) throws -> URL {
        let file = try TestSupport.scratchFolder("peers").appendingPathComponent("peers.json")
        let list = peers.map { ["name": $0.0, "url": $0.1] }
        try JSONSerialization.data(withJSONObject: list).write(to: file)
        return file
    }
}

/// An HTTP server on loopback that waits `seconds` before it answers anything, as an
/// overloaded archive does.
final class SlowServer {
    let process = Process()
    let address: String
    private let stdout = Pipe()

    init(seconds: Double) throws {
        let script = """
        import http.server, socketserver, sys, time
        class Slow(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                time.sleep(\(seconds))
                self.send_response(200); self.end_headers(); self.wfile.write(b"late")
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw NSError(domain: "slow", code: 1, userInfo: [NSLocalizedDescriptionKey: "the slow server did not say its port"])
        }
        address = "http://127.0.0.1:\(port)"
    }

    /// Kills the server outright: a Python server still sleeping in a request may outlive
    /// SIGTERM, and waiting for its exit from an async test can block the test for good.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
