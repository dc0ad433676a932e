/// Where a cursor walk stands: the sort key and DOI of the last work returned, and a fingerprint
/// of the query it belongs to (so a token replayed with other filters or another sort is refused
/// instead of silently skipping or repeating works).
///
/// Rendered as opaque base64url text; its inside is `c1|fingerprint|key|doi`.
public struct CursorToken: Hashable, Sendable {
    public enum SortKey: Hashable, Sendable {
        case integer(Int64)
        /// A relevance score; kept bit-exact so the next page starts exactly after it.
        case real(Double)
    }

    public var fingerprint: UInt64
    public var lastKey: SortKey
    public var lastDOI: String

    public init(fingerprint: UInt64, lastKey: SortKey, lastDOI: String) {
        self.fingerprint = fingerprint
        self.lastKey = lastKey
        self.lastDOI = lastDOI
    }

    public var encoded: String {
        let key: String
        switch lastKey {
        case .integer(let v): key = "i" + String(v)
        case .real(let v): key = "r" + String(v.bitPattern, radix: 16)
        }
        return Base64URL.encode(Array("c1|\(String(fingerprint, radix: 16))|\(key)|\(lastDOI)".utf8))
    }

    /// Nil for any text that is not a token this API issued.
    public init?(encoded: String) {
        guard encoded.utf8.count <= 4096, let bytes = Base64URL.decode(encoded),
              let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let parts = text.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "c1", let fingerprint = UInt64(parts[1], radix: 16),
              let tag = parts[2].first, !parts[3].isEmpty else { return nil }
        let body = parts[2].dropFirst()
        switch tag {
        case "i":
            guard let v = Int64(body) else { return nil }
            lastKey = .integer(v)
        case "r":
            guard let bits = UInt64(body, radix: 16) else { return nil }
            let v = Double(bitPattern: bits)
            guard v.isFinite else { return nil }
            lastKey = .real(v)
        default:
            return nil
        }
        self.fingerprint = fingerprint
        self.lastDOI = String(parts[3])
    }
}

/// The `cursor` parameter: `*` starts a walk, a token resumes one.
public enum CursorRequest: Hashable, Sendable {
    case start
    case resume(CursorToken)
}
