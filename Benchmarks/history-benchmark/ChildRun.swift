import BenchmarkSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one run of a `dialect-archive` command cost: wall-clock seconds and the processor time
/// (user and system, all threads) the child used, from `wait4`.
struct ChildCost {
    var wall: Double
    var processor: Double
}

/// Runs `executable` with `arguments`, its stdout and stderr written to `log`, and returns its
/// cost; a child that exits non-zero or is killed stops the benchmark, quoting the log's end,
/// because a failed ingest would be timed as a fast one.
func run(_ executable: String, _ arguments: [String], log: URL) -> ChildCost {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }

    var pid = pid_t()
    let start = now()
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else { fail("cannot run \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = now() - start

    let signal = status & 0x7f, exitCode = (status >> 8) & 0xff
    if signal != 0 || exitCode != 0 {
        let tail = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").suffix(15).joined(separator: "\n")
        fail("\(executable) \(arguments.joined(separator: " ")) "
             + (signal != 0 ? "was killed by signal \(signal)" : "exited with \(exitCode)") + "; the end of \(log.path):\n\(tail)")
    }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return ChildCost(wall: wall, processor: seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("history-benchmark: \(message)\n".utf8))
    exit(1)
}
