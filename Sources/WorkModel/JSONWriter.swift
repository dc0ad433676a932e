/// Writes JSON straight into a byte buffer.
///
/// Foundation's `JSONEncoder` costs as much per record as the whole SAX2 parse (DESIGN.md), so the
/// hot path renders works with this writer; `Work` stays `Codable` so tests can prove that
/// `JSONDecoder` reads every byte written here back to an equal value.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// One flag per open object/array: whether the next member needs a leading comma.
    private var needsComma: [Bool] = []

    public init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts a new top-level value after the bytes written so far (JSON lines in one buffer).
    public mutating func reset(keepingBytes: Bool) {
        guard keepingBytes else { reset(); return }
        needsComma.removeAll(keepingCapacity: true)
        afterKey = false
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma.removeAll(keepingCapacity: true)
        afterKey = false
    }

    /// Whether the last thing written was a key, so the value after it takes no comma.
    private var afterKey = false

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey { afterKey = false; return }
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) } else { needsComma[needsComma.count - 1] = true }
        }
    }

    public mutating func beginObject() { beforeValue(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { beforeValue(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    /// Writes a key that is only known at run time (relation types, facet values).
    public mutating func key(_ name: String) {
        beforeValue()
        writeEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ value: String) { beforeValue(); writeEscaped(value) }
    public mutating func int(_ value: Int) { beforeValue(); writeInteger(Int64(value)) }
    public mutating func int64(_ value: Int64) { beforeValue(); writeInteger(value) }
    public mutating func bool(_ value: Bool) {
        beforeValue()
        if value { append("true") } else { append("false") }
    }
    public mutating func null() { beforeValue(); append("null") }

    /// Splices an already rendered JSON value (e.g. a stored work) into the output.
    public mutating func raw<C: Collection>(_ json: C) where C.Element == UInt8 {
        beforeValue()
        bytes.append(contentsOf: json)
    }

    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func writeInteger(_ value: Int64) {
        if value == 0 { bytes.append(UInt8(ascii: "0")); return }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { buf in
            while v > 0 {
                buf[n] = UInt8(ascii: "0") &+ UInt8(v % 10)
                v /= 10
                n += 1
            }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(buf[i]) }
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeEscaped(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Native strings are contiguous UTF-8; only bridged ones need the copy.
        if value.utf8.withContiguousStorageIfAvailable({ escapeBody($0) }) == nil {
            var copy = value
            copy.withUTF8 { escapeBody($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escapeBody(_ utf8: UnsafeBufferPointer<UInt8>) {
        do {
            var runStart = 0
            for i in 0..<utf8.count {
                let c = utf8[i]
                if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") { continue }
                if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                bytes.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hex[Int(c >> 4)], Self.hex[Int(c & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
    }
}
