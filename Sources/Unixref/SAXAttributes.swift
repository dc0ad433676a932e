import CLibXML2

/// The attributes libxml2 hands to `startElementNs`: five pointers each (local name, prefix,
/// URI, value start, value end). Valid only during that callback, so values are copied out.
struct SAXAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    func value(_ name: StaticString) -> String? {
        guard let base, count > 0 else { return nil }
        for i in 0..<count {
            let entry = base + i * 5
            guard let local = entry[0] else { continue }
            if equals(local, name), let start = entry[3], let end = entry[4] {
                return Self.decodingAmpersands(UnsafeBufferPointer(start: start, count: end - start)) { String(decoding: $0, as: UTF8.self) }
            }
        }
        return nil
    }

    /// Every attribute as written, for re-serializing markup (abstracts).
    func forEach(_ body: (_ prefix: UnsafePointer<xmlChar>?, _ local: UnsafePointer<xmlChar>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base, count > 0 else { return }
        for i in 0..<count {
            let entry = base + i * 5
            guard let local = entry[0], let start = entry[3], let end = entry[4] else { continue }
            Self.decodingAmpersands(UnsafeBufferPointer(start: start, count: end - start)) { body(entry[1], local, $0) }
        }
    }

    /// libxml2 without entity substitution (which stays off: no DTD or entity is ever loaded)
    /// hands an attribute's `&` over as the character reference `&#38;`, to keep it apart from an
    /// entity reference; every other character arrives as itself. `label="Aim &amp; Scope"` came
    /// out as "Aim &#38; Scope".
    static func decodingAmpersands<R>(_ raw: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard raw.contains(UInt8(ascii: "&")) else { return body(raw) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "&"), i + 4 < raw.count, raw[i + 1] == UInt8(ascii: "#"), raw[i + 2] == UInt8(ascii: "3"),
               raw[i + 3] == UInt8(ascii: "8"), raw[i + 4] == UInt8(ascii: ";") {
                decoded.append(UInt8(ascii: "&"))
                i += 5
            } else {
                decoded.append(raw[i])
                i += 1
            }
        }
        return decoded.withUnsafeBufferPointer(body)
    }

    private func equals(_ c: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        name.withUTF8Buffer { expected in
            var i = 0
            while i < expected.count {
                if c[i] != expected[i] { return false }
                i += 1
            }
            return c[i] == 0
        }
    }
}
