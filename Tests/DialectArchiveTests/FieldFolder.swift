import Foundation
import XCTest

/// Builds field-trip folders for ingest tests: distinct generated recordings and metadata CSVs.
struct FieldFolder {
    let url: URL

    init(_ name: String = #function) throws {
        url = try TestSupport.scratchFolder(name).appendingPathComponent("trip")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A tone recording whose bytes differ by `frequency`.
    @discardableResult
    func tone(_ name: String, frequency: Int = 440, seconds: Double = 1, extra: [String] = []) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestSupport.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=\(frequency):duration=\(seconds):sample_rate=16000"] + extra + [file.path])
        return file
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    static let localities = """
        id,name,province,county,latitude,longitude,dialect_group,dialect_subgroup,dialect_cluster
        bj,北京,北京市,东城区,39.93,116.42,官话,北京官话,京师小片
        gz,广州,广东省,越秀区,23.13,113.27,粤语,广府片,

        """
    static let speakers = """
        编号,姓名,性别,出生年份,角色,locality
        bj-lm,王先生,男,1950,老男,bj
        gz-qn,陈女士,女,1990,青女,gz

        """
}
