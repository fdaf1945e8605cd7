/// JSON written piece by piece in exactly the bytes `JSONOutput` prints, pretty or compact,
/// for answers given too often to go through `JSONEncoder` and its key conversion.
///
/// The writer does what the encoder's settings do on their own: the caller writes each
/// object's keys in sorted order, snake_case, and leaves out the keys of absent values.
///
/// ```swift
/// var json = JSONWriter(compact: true)
/// json.openObject()
/// json.key("start_ms"); json.integer(10_229)
/// json.key("text"); json.string("月光光")
/// json.closeObject()
/// json.text   // {"start_ms":10229,"text":"月光光"}
/// ```
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// For each open object or array: whether it is an array, and whether it has a member yet.
    private var open: [(isArray: Bool, filled: Bool)] = []

    init(compact: Bool, capacity: Int = 16_384) {
        pretty = !compact
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func openObject() {
        startValue()
        opening(UInt8(ascii: "{"), isArray: false)
    }

    mutating func closeObject() { closing(UInt8(ascii: "}")) }

    mutating func openArray() {
        startValue()
        opening(UInt8(ascii: "["), isArray: true)
    }

    mutating func closeArray() { closing(UInt8(ascii: "]")) }

    /// The next member's key: plain ASCII, written as it is.
    mutating func key(_ name: StaticString) {
        startMember()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func string(_ value: String) {
        startValue()
        var value = value
        value.withUTF8 { JSONStringEscape.append($0, to: &bytes) }
    }

    mutating func integer(_ value: some BinaryInteger) {
        startValue()
        guard value != 0 else { return bytes.append(UInt8(ascii: "0")) }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: [UInt8] = []
        var rest = value.magnitude
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func bool(_ value: Bool) {
        startValue()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Inside an array each value is a member; inside an object its key came first.
    private mutating func startValue() {
        if open.last?.isArray == true { startMember() }
    }

    private mutating func startMember() {
        guard !open.isEmpty else { return }
        if open[open.count - 1].filled {
            bytes.append(UInt8(ascii: ","))
            if pretty { bytes.append(UInt8(ascii: "\n")) }
        }
        open[open.count - 1].filled = true
        if pretty { indent() }
    }

    // As the encoder does, a line break follows every opening bracket and precedes every
    // closing one, so an empty array is "[", two line breaks, the indentation and "]".
    private mutating func opening(_ bracket: UInt8, isArray: Bool) {
        bytes.append(bracket)
        open.append((isArray, false))
        if pretty { bytes.append(UInt8(ascii: "\n")) }
    }

    private mutating func closing(_ bracket: UInt8) {
        open.removeLast()
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            indent()
        }
        bytes.append(bracket)
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * open.count))
    }
}
