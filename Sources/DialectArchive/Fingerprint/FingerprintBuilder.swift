import Foundation

/// Receives decoded samples during analysis and builds both fingerprints from them, either in
/// the decoder's thread or, when a core would otherwise stand idle (a recording analysed alone,
/// the last ones of a batch), on a thread of its own: the decoder then hands over blocks of
/// samples and goes on decoding, hashing and copying while the spectrum is analysed.
///
/// Memory stays bounded: `blocks` buffers of `framesPerBlock` frames go round between the
/// decoder and the fingerprint thread, and the decoder waits when none is free.
final class FingerprintBuilder {
    static let framesPerBlock = 16384
    static let blocks = 4

    private let pipeline: Pipeline
    /// The block being filled on the decoder's side.
    private var block: SampleBlock?

    /// `ownThread`: fingerprint on a thread of its own rather than in the decoder's.
    init(ownThread: Bool) {
        pipeline = Pipeline(ownThread: ownThread)
    }

    deinit { pipeline.close() }

    /// Takes interleaved samples in [-1, 1].
    func feed(_ samples: UnsafeBufferPointer<Float>, sampleRate: Int, channels: Int) {
        fill(samples.count, sampleRate: sampleRate, channels: channels) { target, first, count in
            target.update(from: samples.baseAddress! + first, count: count)
        }
    }

    /// Takes interleaved 32-bit integer samples (full scale 2³¹), as PCM and FLAC decode to.
    func feed(_ samples: UnsafeBufferPointer<Int32>, sampleRate: Int, channels: Int) {
        fill(samples.count, sampleRate: sampleRate, channels: channels) { target, first, count in
            let source = samples.baseAddress! + first
            for i in 0..<count { target[i] = Float(source[i]) * (1 / 2_147_483_648) }
        }
    }

    /// Waits for the fingerprint thread to take the last samples and returns both fingerprints.
    func finish() -> AudioFingerprint {
        guard let block else { return AudioFingerprint(landmarks: [], chromaprint: nil) }
        self.block = nil
        pipeline.submit(block)
        return pipeline.finish()
    }

    /// Copies `total` samples into blocks, handing each full one over; `copy` writes `count`
    /// samples, from the one numbered `first`, to `target`.
    private func fill(_ total: Int, sampleRate: Int, channels: Int,
                      _ copy: (_ target: UnsafeMutablePointer<Float>, _ first: Int, _ count: Int) -> Void) {
        if block == nil {
            let channels = max(1, channels)
            pipeline.start(sampleRate: sampleRate, channels: channels, capacity: Self.framesPerBlock * channels)
            block = pipeline.freeBlock()
        }
        var left = total
        while left > 0, let current = block {
            let count = min(left, current.capacity - current.count)
            copy(current.samples + current.count, total - left, count)
            current.count += count
            left -= count
            if current.count == current.capacity {
                pipeline.submit(current)
                block = pipeline.freeBlock()
            }
        }
    }

    /// A buffer of interleaved samples going round between the decoder and the fingerprint thread.
    final class SampleBlock {
        let samples: UnsafeMutablePointer<Float>
        let capacity: Int
        var count = 0

        init(capacity: Int) {
            samples = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { samples.deallocate() }
    }

    /// The fingerprinters and, with a thread of their own, the state shared with it under one lock.
    private final class Pipeline: @unchecked Sendable {
        private let ownThread: Bool
        private var landmarks: LandmarkFingerprinter?
        private var chromaprint: ChromaprintFingerprinter?
        private let condition = NSCondition()
        private var full: [SampleBlock] = []
        private var free: [SampleBlock] = []
        private var ended = false
        private var closed = false
        private var result: AudioFingerprint?

        init(ownThread: Bool) {
            self.ownThread = ownThread
        }

        func start(sampleRate: Int, channels: Int, capacity: Int) {
            landmarks = LandmarkFingerprinter(sampleRate: sampleRate, channels: channels)
            chromaprint = ChromaprintFingerprinter(sampleRate: sampleRate, channels: channels)
            free = (0..<(ownThread ? FingerprintBuilder.blocks : 1)).map { _ in SampleBlock(capacity: capacity) }
            guard ownThread else { return }
            let thread = Thread { [self] in run() }
            thread.name = "fingerprint"
            thread.start()
        }

        /// An empty block, once the fingerprint thread has given one back.
        func freeBlock() -> SampleBlock {
            condition.lock()
            defer { condition.unlock() }
            while free.isEmpty { condition.wait() }
            let block = free.removeLast()
            block.count = 0
            return block
        }

        func submit(_ block: SampleBlock) {
            guard ownThread else {
                process(block)
                free.append(block)
                return
            }
            condition.lock()
            full.append(block)
            condition.broadcast()
            condition.unlock()
        }

        func finish() -> AudioFingerprint {
            guard ownThread else { return fingerprint() }
            condition.lock()
            defer { condition.unlock() }
            ended = true
            condition.broadcast()
            while result == nil { condition.wait() }
            return result!
        }

        /// Ends the thread, with or without a result (the analysis is over, or stopped early).
        func close() {
            condition.lock()
            closed = true
            condition.broadcast()
            condition.unlock()
        }

        private func process(_ block: SampleBlock) {
            let samples = UnsafeBufferPointer(start: block.samples, count: block.count)
            landmarks?.feed(samples)
            chromaprint?.feed(samples)
        }

        private func fingerprint() -> AudioFingerprint {
            AudioFingerprint(landmarks: landmarks?.finish() ?? [], chromaprint: chromaprint?.finish())
        }

        private func run() {
            while true {
                condition.lock()
                while full.isEmpty && !ended && !closed { condition.wait() }
                if closed || full.isEmpty {
                    let done = !closed
                    condition.unlock()
                    guard done else { return }
                    break
                }
                let block = full.removeFirst()
                condition.unlock()
                process(block)
                condition.lock()
                free.append(block)
                condition.broadcast()
                condition.unlock()
            }
            let fingerprint = fingerprint()
            condition.lock()
            result = fingerprint
            condition.broadcast()
            condition.unlock()
        }
    }
}
