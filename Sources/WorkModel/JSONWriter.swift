/// Writes JSON straight into a byte buffer.
///
/// Foundation's `JSONEncoder` costs as much per record as the whole SAX2 parse (DESIGN.md), so the
/// hot path renders works with this writer; `Work` stays `Codable` so tests can prove that
/// `JSONDecoder` reads every byte written here back to an equal value.
///
/// The bytes live in a buffer of its own rather than an `Array`: every write reserves room once
/// and stores through a pointer, where `Array.append` checks uniqueness and capacity per byte.
/// Copies of a writer stay independent (the buffer is copied before a shared one is written).
public struct JSONWriter: Sendable {
    /// Heap storage for the bytes written. Only written through a writer that holds the sole reference.
    private final class Storage: @unchecked Sendable {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int

        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    private var storage: Storage
    /// How many bytes have been written.
    public private(set) var count = 0
    /// Open objects and arrays.
    private var depth = 0
    /// Whether the next member of the innermost open object/array is its first (no leading comma).
    private var first = true
    /// Whether the last thing written was a key, so the value after it takes no comma.
    private var afterKey = false

    public init(capacity: Int = 4096) {
        storage = Storage(capacity: capacity)
    }

    /// The bytes written so far (a copy).
    public var bytes: [UInt8] {
        [UInt8](UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// Calls `body` with the bytes written so far, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// Starts a new top-level value after the bytes written so far (JSON lines in one buffer).
    public mutating func reset(keepingBytes: Bool) {
        guard keepingBytes else { reset(); return }
        depth = 0
        first = true
        afterKey = false
    }

    public mutating func reset() {
        count = 0
        depth = 0
        first = true
        afterKey = false
    }

    // MARK: - Buffer

    /// Room for `n` more bytes in a buffer this writer alone holds; returns where they go.
    @inline(__always)
    private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(storage.capacity - count < n || !isKnownUniquelyReferenced(&storage)) { grow(n) }
        return storage.base + count
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        let needed = count + n
        let capacity = storage.capacity >= needed ? storage.capacity : Swift.max(needed, storage.capacity * 2)
        if capacity == storage.capacity && isKnownUniquelyReferenced(&storage) { return }
        let fresh = Storage(capacity: capacity)
        fresh.base.update(from: storage.base, count: count)
        storage = fresh
    }

    /// The comma before a value (or a key), unless it is the first of its container or follows a key.
    /// Writes into room already reserved at `p`; returns how many bytes it wrote.
    @inline(__always)
    private mutating func separator(at p: UnsafeMutablePointer<UInt8>) -> Int {
        if afterKey { afterKey = false; return 0 }
        if depth == 0 { return 0 }
        if first { first = false; return 0 }
        p.pointee = UInt8(ascii: ",")
        return 1
    }

    @inline(__always)
    private mutating func beforeValue() {
        let p = reserve(1)
        count += separator(at: p)
    }

    @inline(__always)
    private mutating func open(_ bracket: UInt8) {
        let p = reserve(2)
        let n = separator(at: p)
        p[n] = bracket
        count += n + 1
        depth += 1
        first = true
    }

    @inline(__always)
    private mutating func close(_ bracket: UInt8) {
        reserve(1).pointee = bracket
        count += 1
        depth -= 1
        first = false
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"name":`; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        let p = reserve(length + 4)
        var n = separator(at: p)
        p[n] = UInt8(ascii: "\"")
        (p + n + 1).update(from: name.utf8Start, count: length)
        n += length + 1
        p[n] = UInt8(ascii: "\"")
        p[n + 1] = UInt8(ascii: ":")
        count += n + 2
        afterKey = true
    }

    /// Writes a key that is only known at run time (relation types, facet values).
    public mutating func key(_ name: String) {
        beforeValue()
        writeEscaped(name)
        reserve(1).pointee = UInt8(ascii: ":")
        count += 1
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
        let n = json.count
        let p = reserve(n)
        _ = UnsafeMutableBufferPointer(start: p, count: n).initialize(from: json)
        count += n
    }

    private mutating func append(_ s: StaticString) {
        let n = s.utf8CodeUnitCount
        reserve(n).update(from: s.utf8Start, count: n)
        count += n
    }

    private mutating func writeInteger(_ value: Int64) {
        // 20 digits and a sign at most.
        let p = reserve(21)
        if value == 0 { p.pointee = UInt8(ascii: "0"); count += 1; return }
        var v = value.magnitude
        var digits = 0
        var rest = v
        while rest > 0 { rest /= 10; digits += 1 }
        var n = 0
        if value < 0 { p.pointee = UInt8(ascii: "-"); n = 1 }
        var i = n + digits - 1
        while v > 0 {
            p[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            i -= 1
        }
        count += n + digits
    }

    private static let hex: StaticString = "0123456789abcdef"

    private mutating func writeEscaped(_ value: String) {
        // Native strings are contiguous UTF-8; only bridged ones need the copy.
        if value.utf8.withContiguousStorageIfAvailable({ writeQuoted($0) }) == nil {
            var copy = value
            copy.withUTF8 { writeQuoted($0) }
        }
    }

    /// Whether any of the 8 bytes in `word` must be escaped: a control character, `"` or `\`.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // A byte below 0x20, or a zero byte after the xor with '"' or '\' (exact for "any").
        let control = (word &- ones &* 0x20) & ~word
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        return (control | zeroQuote | zeroBackslash) & highs != 0
    }

    @inline(__always)
    private static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
    }

    private mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        guard let source = utf8.baseAddress, n > 0 else {
            let p = reserve(2)
            p[0] = UInt8(ascii: "\""); p[1] = UInt8(ascii: "\"")
            count += 2
            return
        }
        // Most strings need no escaping: find the first byte that does, 8 bytes at a time.
        let raw = UnsafeRawPointer(source)
        var clean = 0
        while clean + 8 <= n, !Self.needsEscape(raw.loadUnaligned(fromByteOffset: clean, as: UInt64.self)) { clean += 8 }
        while clean < n, !Self.needsEscape(source[clean]) { clean += 1 }
        if clean == n {
            let p = reserve(n + 2)
            p[0] = UInt8(ascii: "\"")
            (p + 1).update(from: source, count: n)
            p[n + 1] = UInt8(ascii: "\"")
            count += n + 2
            return
        }
        // Every remaining byte may take six (\u00XX).
        let p = reserve(clean + (n - clean) * 6 + 2)
        p[0] = UInt8(ascii: "\"")
        (p + 1).update(from: source, count: clean)
        var o = clean + 1
        for i in clean..<n {
            let c = source[i]
            if !Self.needsEscape(c) { p[o] = c; o += 1; continue }
            p[o] = UInt8(ascii: "\\")
            switch c {
            case UInt8(ascii: "\""): p[o + 1] = UInt8(ascii: "\""); o += 2
            case UInt8(ascii: "\\"): p[o + 1] = UInt8(ascii: "\\"); o += 2
            case 0x0A: p[o + 1] = UInt8(ascii: "n"); o += 2
            case 0x0D: p[o + 1] = UInt8(ascii: "r"); o += 2
            case 0x09: p[o + 1] = UInt8(ascii: "t"); o += 2
            default:
                p[o + 1] = UInt8(ascii: "u"); p[o + 2] = UInt8(ascii: "0"); p[o + 3] = UInt8(ascii: "0")
                p[o + 4] = Self.hex.utf8Start[Int(c >> 4)]; p[o + 5] = Self.hex.utf8Start[Int(c & 0xF)]
                o += 6
            }
        }
        p[o] = UInt8(ascii: "\"")
        count += o + 1
    }
}
