import Foundation
import XCTest

/// Shared test plumbing: fixture paths, scratch folders, running external tools and the CLI.
enum TestSupport {
    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static var corpus: URL { fixtures.appendingPathComponent("corpus") }

    /// The built `dialect-archive` executable, beside the test bundle.
    static var cli: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("dialect-archive")
    }

    /// The repository root (for the bundled sample collection).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A new folder for one test, inside this run's folder.
    static func scratchFolder(_ name: String = #function) throws -> URL {
        let url = runFolder.appendingPathComponent(name.filter { $0.isLetter || $0.isNumber } + "-" + UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// This test run's scratch folders, under `$TMPDIR/dialect-archive-tests`, removed when the
    /// run ends: a run makes some 2 GB of archives, which must not pile up run after run.
    private static let runFolder: URL = {
        atexit { try? FileManager.default.removeItem(at: TestSupport.runFolderPath) }
        return runFolderPath
    }()

    private static let runFolderPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("dialect-archive-tests")
        .appendingPathComponent("run-\(getpid())")

    struct Result {
        var status: Int32
        var output: Data
        var stdout: String { String(decoding: output, as: UTF8.self) }
        var stderr: String
    }

    /// Sends SIGTERM to a running process and waits for it at most `graceSeconds`, then kills
    /// it; returns its exit status (SIGKILL's 9 when it had to be killed). Polls instead of
    /// `waitUntilExit`, which can wait for good when called from an async test.
    @discardableResult
    static func stop(_ process: Process, graceSeconds: Double) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        if waitForExit(process, seconds: graceSeconds) { return process.terminationStatus }
        kill(process.processIdentifier, SIGKILL)
        return waitForExit(process, seconds: 10) ? process.terminationStatus : SIGKILL
    }

    /// Whether the process ended within `seconds`.
    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// Runs a program to completion and captures its output.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = program.hasPrefix("/") ? URL(fileURLWithPath: program) : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let outData = outBox.data
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: outData,
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs ffmpeg quietly, failing the test when it fails.
    static func ffmpeg(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try run("ffmpeg", ["-nostdin", "-v", "error", "-y"] + arguments)
        XCTAssertEqual(result.status, 0, "ffmpeg failed: \(result.stderr)", file: file, line: line)
    }

    /// Runs the CLI against `archive`; an `init` makes it on this run's database (`TestDatabase`).
    @discardableResult
    static func cli(_ arguments: [String], archive: URL, _ name: String = #function) throws -> Result {
        try run(cli.path, try TestDatabase.arguments(arguments, name) + ["--archive", archive.path])
    }

    static func sha256sum(_ url: URL) throws -> String {
        String(try run("sha256sum", [url.path]).stdout.prefix(64))
    }
}
