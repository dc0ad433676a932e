/// One normalization of every identifier, used when a record is written and when a query is read,
/// so `/works/10.1016/J.X` and `filter=doi:10.1016/j.x` find the same stored work.
public enum Identifiers {

    private static let doiPrefixes: [[UInt8]] = [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
        "doi.org/", "dx.doi.org/", "doi:", "info:doi/",
    ].map { Array($0.utf8) }

    /// A DOI trimmed, stripped of resolver and scheme prefixes, lower case; nil unless it looks
    /// like `10.<registrant>/<suffix>`. Works on bytes, in place: it runs for every DOI of every record.
    public static func doi(_ raw: String) -> String? {
        if let result = raw.utf8.withContiguousStorageIfAvailable({ doi(utf8: $0) }) { return result }
        var copy = raw
        return copy.withUTF8 { doi(utf8: $0) }
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }

    private static func doi(utf8 all: UnsafeBufferPointer<UInt8>) -> String? {
        // Trimmed: ASCII whitespace and controls, and no-break spaces (see `trimBytes`), the end first.
        var lo = 0
        var hi = all.count
        while true {
            if hi > 0, all[hi - 1] <= 0x20 { hi -= 1; continue }
            if hi >= 2, all[hi - 2] == 0xC2, all[hi - 1] == 0xA0 { hi -= 2; continue }
            break
        }
        while true {
            if lo < hi, all[lo] <= 0x20 { lo += 1; continue }
            if lo + 1 < hi, all[lo] == 0xC2, all[lo + 1] == 0xA0 { lo += 2; continue }
            break
        }
        // Resolver and scheme prefixes, compared in ASCII lower case (none starts with the "1" of "10.").
        if hi > lo, all[lo] != UInt8(ascii: "1") {
            for prefix in doiPrefixes where hi - lo > prefix.count {
                var matches = true
                for i in 0..<prefix.count where lower(all[lo + i]) != prefix[i] { matches = false; break }
                if matches { lo += prefix.count; break }
            }
        }
        let n = hi - lo
        guard n >= 6, all[lo] == UInt8(ascii: "1"), all[lo + 1] == UInt8(ascii: "0"), all[lo + 2] == UInt8(ascii: ".") else { return nil }
        var slash = -1
        for i in (lo + 3)..<hi where all[i] == UInt8(ascii: "/") { slash = i; break }
        guard slash > lo + 3, slash + 1 < hi else { return nil }
        for i in (lo + 3)..<slash where !(all[i] >= 48 && all[i] <= 57) && all[i] != UInt8(ascii: ".") { return nil }
        var upper = false
        for i in (slash + 1)..<hi {
            let b = all[i]
            if b <= 0x20 { return nil }
            if b >= 65 && b <= 90 { upper = true }
        }
        let body = UnsafeBufferPointer(rebasing: all[lo..<hi])
        // ASCII lower case only: DOIs are case-insensitive over ASCII, and the rest is kept as is.
        guard upper else { return String(decoding: body, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: n) { out in
            for i in 0..<n { out[i] = lower(body[i]) }
            return n
        }
    }

    /// The registrant prefix of a normalized DOI (`10.1016`).
    public static func prefix(ofDOI doi: String) -> String? {
        guard let slash = doi.firstIndex(of: "/") else { return nil }
        return String(doi[..<slash])
    }

    /// An ISSN as `NNNN-NNNX`; nil for anything that is not 8 digits (the last may be X).
    public static func issn(_ raw: String) -> String? {
        guard case .digits(var out) = writtenDigits(raw, limit: 8), out.count == 8 else { return nil }
        out.insert(UInt8(ascii: "-"), at: 4)
        return String(decoding: out, as: UTF8.self)
    }

    /// An ISBN as its digits (and a final X); nil unless 10 or 13 characters remain.
    ///
    /// Read as bytes: walking Characters (grapheme breaking, Unicode properties) made this 1.4% of
    /// the worker's CPU, called for every ISBN by the parser and again for its term row. A value
    /// with non-ASCII bytes (a no-break space between groups) takes the Character walk.
    public static func isbn(_ raw: String) -> String? {
        switch writtenDigits(raw, limit: 13, prefix: isbnPrefix) {
        case .digits(let out) where out.count == 10 || out.count == 13: return String(decoding: out, as: UTF8.self)
        case .nonASCII: return isbnWithUnicodeSpaces(raw)
        default: return nil
        }
    }

    private static let isbnPrefix: Set<UInt8> = Set("ISBN:".utf8)

    /// An ISSN or ISBN as written, read as bytes: its digits and X's (an X only last, at most
    /// `limit` of them) past hyphens and ASCII white space, and past `prefix` bytes before the
    /// first digit ("ISBN: …").
    private enum WrittenDigits { case digits([UInt8]), invalid, nonASCII }

    private static func writtenDigits(_ raw: String, limit: Int, prefix: Set<UInt8> = []) -> WrittenDigits {
        var out: [UInt8] = []
        out.reserveCapacity(limit + 1)
        for b in raw.utf8 {
            switch b {
            case 48...57: out.append(b)
            case UInt8(ascii: "x"), UInt8(ascii: "X"): out.append(UInt8(ascii: "X"))
            case UInt8(ascii: "-"), 0x09...0x0D, 0x20: continue
            case 0x80...: return .nonASCII
            default: guard out.isEmpty, prefix.contains(b) else { return .invalid }
            }
            if out.count > limit { return .invalid }
        }
        return out.dropLast().contains(UInt8(ascii: "X")) ? .invalid : .digits(out)
    }

    /// `isbn` for a value with non-ASCII characters: only Unicode white space may be among them
    /// (the other characters as `isbn` reads them).
    private static func isbnWithUnicodeSpaces(_ raw: String) -> String? {
        var out = ""
        for c in raw {
            if c.isASCII && c.isNumber { out.append(c) }
            else if c == "x" || c == "X" { out.append("X") }
            else if c == "-" || c.isWhitespace { continue }
            else if out.isEmpty && (c == "I" || c == "S" || c == "B" || c == "N" || c == ":") { continue }
            else { return nil }
        }
        guard out.count == 10 || out.count == 13, !out.dropLast().contains("X") else { return nil }
        return out
    }

    /// An ORCID iD as `https://orcid.org/NNNN-NNNN-NNNN-NNNX`, from any of its written forms;
    /// nil unless 16 characters remain and the ISO 7064 check digit is right.
    public static func orcid(_ raw: String) -> String? {
        var s = trimmed(raw)
        if let slash = s.lastIndex(of: "/"), containsOrcidHost(s) { s = String(s[s.index(after: slash)...]) }
        var chars: [UInt8] = []
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): chars.append(c)
            case UInt8(ascii: "x"), UInt8(ascii: "X"): chars.append(UInt8(ascii: "X"))
            case UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "/"): continue
            default: return nil
            }
        }
        guard chars.count == 16, !chars[0..<15].contains(UInt8(ascii: "X")) else { return nil }
        var total = 0
        for c in chars[0..<15] { total = (total + Int(c - UInt8(ascii: "0"))) * 2 }
        let check = (12 - total % 11) % 11
        let expected: UInt8 = check == 10 ? UInt8(ascii: "X") : UInt8(ascii: "0") + UInt8(check)
        guard chars[15] == expected else { return nil }
        let grouped = [chars[0..<4], chars[4..<8], chars[8..<12], chars[12..<16]]
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
        return "https://orcid.org/" + grouped
    }

    /// Whether `s` contains "orcid.org/" in any ASCII case (what `lowercased().contains` said, on bytes).
    private static func containsOrcidHost(_ s: String) -> Bool {
        let needle = Array("orcid.org/".utf8)
        let bytes = Array(s.utf8)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) {
            var i = 0
            while i < needle.count, lower(bytes[start + i]) == needle[i] { i += 1 }
            if i == needle.count { return true }
        }
        return false
    }

    /// A funder DOI as `10.13039/<digits>` from a bare id, a DOI or a DOI URL; nil otherwise.
    public static func funderDOI(_ raw: String) -> String? {
        let s = trimmed(raw)
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) { return "10.13039/" + s }
        guard let d = doi(s), d.hasPrefix("10.13039/") else { return nil }
        let id = d.dropFirst("10.13039/".count)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return d
    }

    /// A member id: a string of digits.
    public static func member(_ raw: String) -> String? {
        let s = trimmed(raw)
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return s
    }

    /// The string without leading and trailing whitespace.
    public static func trimmedText(_ s: String) -> String { trimmed(s) }

    /// Strips ASCII whitespace and no-break spaces (U+00A0, seen pasted after DOIs) from both ends.
    static func trimBytes(_ bytes: inout [UInt8]) {
        while true {
            if let last = bytes.last, last <= 0x20 { bytes.removeLast(); continue }
            if bytes.count >= 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 { bytes.removeLast(2); continue }
            break
        }
        var start = 0
        while true {
            if start < bytes.count, bytes[start] <= 0x20 { start += 1; continue }
            if start + 1 < bytes.count, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 { start += 2; continue }
            break
        }
        if start > 0 { bytes.removeFirst(start) }
    }

    static func trimmed(_ s: String) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(s[first...last])
    }
}
