/// One landmark: a pair of spectral peaks hashed as (f1, f2, Δt), anchored at the first
/// peak's frame. Frames count from the start of the recording in 16 ms steps, as 32-bit
/// values, so recordings of many hours never wrap around.
public struct Landmark: Equatable, Hashable, Sendable {
    public var hash: Int32
    public var frame: Int32

    public init(hash: Int32, frame: Int32) {
        self.hash = hash
        self.frame = frame
    }

    static func hash(f1: Int, f2: Int, dt: Int) -> Int32 {
        Int32((f1 & 0xFF) << 14 | (f2 & 0xFF) << 6 | (dt & 0x3F))
    }
}

/// A spectral peak: frame, bin, power, and where between frames it lies (-0.5...0.5).
struct SpectralPeak: Equatable {
    var frame: Int
    var bin: Int
    var power: Float
    var offset: Float = 0
}
