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
                return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
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
            body(entry[1], local, UnsafeBufferPointer(start: start, count: end - start))
        }
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
