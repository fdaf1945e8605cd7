import BenchmarkSupport
import Foundation

/// The generated input: a metadata folder (localities, speakers and sessions as CSV, no media)
/// and a recordings folder (short WAVs, a WebVTT transcript for each, and the metadata that
/// files each under its session). Generated once per size and seed, then reused.
struct Workload {
    let metadata: URL
    let recordings: URL

    static let localityCount = 100
    static let speakerCount = 2_000
    static let groups = ["官话", "吴语", "粤语", "客家话", "闽语", "湘语", "赣语", "晋语"]
    static let roles = ["老男", "青男", "老女", "青女", "口头文化", "地方普通话"]
    static let contents = ["单字", "词汇", "语法", "话语", "口头文化"]
    static let characters = Array("天地人山水日月风雨云花草木石田家门口手心头耳目上下大小多少来去出入东西南北中老少男女")

    /// The folders under `work`, generated there unless a previous run left them complete.
    init(work: URL, sessions: Int, recordings: Int) throws {
        let root = work.appendingPathComponent("workload-\(sessions)-sessions-\(recordings)-recordings")
        metadata = root.appendingPathComponent("metadata")
        self.recordings = root.appendingPathComponent("recordings")
        let ready = root.appendingPathComponent("ready")
        if FileManager.default.fileExists(atPath: ready.path) { return }

        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: self.recordings, withIntermediateDirectories: true)
        var random = SeededRandom(seed: 13)
        let localities = Workload.localities(&random)
        let speakers = Workload.speakers(&random)
        let allSessions = Workload.sessions(sessions, recordings: recordings, &random)
        try write(localities, "localities.csv", in: metadata)
        try write(speakers, "speakers.csv", in: metadata)
        try write([Session.header] + allSessions.map { $0.withoutFiles }, "sessions.csv", in: metadata)
        try write(localities, "localities.csv", in: self.recordings)
        try write(speakers, "speakers.csv", in: self.recordings)
        try write([Session.header] + allSessions.filter { !$0.files.isEmpty }.map { $0.line }, "sessions.csv", in: self.recordings)
        for index in 0..<recordings {
            let name = Workload.recordingName(index)
            try Workload.wav(&random).write(to: self.recordings.appendingPathComponent(name + ".wav"))
            try Data(Workload.vtt(&random).utf8).write(to: self.recordings.appendingPathComponent(name + ".vtt"))
        }
        try Data().write(to: ready)
    }

    private func write(_ lines: [String], _ name: String, in folder: URL) throws {
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent(name))
    }

    static func recordingName(_ index: Int) -> String { String(format: "rec-%05d", index + 1) }

    static func localities(_ random: inout SeededRandom) -> [String] {
        ["id,name,province,prefecture,county,admin_code,latitude,longitude,dialect_group,dialect_subgroup,dialect_cluster,glottocode,iso639_3"]
            + (0..<localityCount).map { i in
                let group = groups[i % groups.count]
                return String(format: "loc-%03d,地点%03d,省%02d,市%03d,县%03d,%06d,%.4f,%.4f,%@,片%d,小片%d,,",
                              i + 1, i + 1, i % 30, i, i, 110_101 + i * 97, random.double(in: 20...45), random.double(in: 100...125),
                              group, i % 5, i % 11)
            }
    }

    static func speakers(_ random: inout SeededRandom) -> [String] {
        ["id,name,sex,birth_year,role,locality,education,occupation,languages,consent,access"]
            + (0..<speakerCount).map { i in
                let role = roles[i % roles.count]
                let sex = role.contains("女") ? "女" : role.contains("男") ? "男" : (random.chance(0.5) ? "男" : "女")
                return "spk-\(String(format: "%04d", i + 1)),发音人\(i + 1),\(sex),\(random.int(in: 1935...2002)),\(role),"
                    + "loc-\(String(format: "%03d", i % localityCount + 1)),初中,务农,本地话;普通话,2024-05-06 录音、存档、研究,open"
            }
    }

    /// A session row, with the recordings (`rec-00001.wav`, ...) it files.
    struct Session {
        var fields: [String]
        var files: [String]
        var line: String { (fields + [files.joined(separator: ";")]).joined(separator: ",") }
        var withoutFiles: String { (fields + [""]).joined(separator: ",") }
        static let header = "id,title,date,locality,speakers,recorder,content,collection,access,files"
    }

    static func sessions(_ count: Int, recordings: Int, _ random: inout SeededRandom) -> [Session] {
        var files = [[String]](repeating: [], count: count)
        for index in 0..<recordings { files[index % count].append(recordingName(index) + ".wav") }
        return (0..<count).map { i in
            let locality = i % localityCount
            let speaker = locality + localityCount * random.int(speakerCount / localityCount)
            let date = String(format: "2024-%02d-%02d", i % 12 + 1, i % 28 + 1)
            let content = contents[i % contents.count]
            return Session(fields: [String(format: "ses-%05d", i + 1), "地点\(String(format: "%03d", locality + 1)) \(content) \(i + 1)", date,
                                    String(format: "loc-%03d", locality + 1), String(format: "spk-%04d", speaker + 1), "记录人\(i % 7)",
                                    content, "survey-\(i % 4)", "open"],
                           files: files[i])
        }
    }
}
