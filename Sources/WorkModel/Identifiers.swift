/// One normalization of every identifier, used when a record is written and when a query is read,
/// so `/works/10.1016/J.X` and `filter=doi:10.1016/j.x` find the same stored work.
public enum Identifiers {
    private static let doiPrefixes = [
        "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
        "doi.org/", "dx.doi.org/", "doi:", "info:doi/",
    ]

    /// A DOI trimmed, stripped of resolver and scheme prefixes, lower case; nil unless it looks
    /// like `10.<registrant>/<suffix>`.
    public static func doi(_ raw: String) -> String? {
        var s = trimmed(raw)
        let lower = s.lowercased()
        for prefix in doiPrefixes where lower.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count))
            break
        }
        s = s.lowercased()
        guard s.hasPrefix("10."), let slash = s.firstIndex(of: "/") else { return nil }
        let registrant = s[s.index(s.startIndex, offsetBy: 3)..<slash]
        guard !registrant.isEmpty, registrant.allSatisfy({ $0.isNumber || $0 == "." }),
              s.index(after: slash) < s.endIndex,
              !s.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" })
        else { return nil }
        return s
    }

    /// The registrant prefix of a normalized DOI (`10.1016`).
    public static func prefix(ofDOI doi: String) -> String? {
        guard let slash = doi.firstIndex(of: "/") else { return nil }
        return String(doi[..<slash])
    }

    /// An ISSN as `NNNN-NNNX`; nil for anything that is not 8 digits (the last may be X).
    public static func issn(_ raw: String) -> String? {
        var chars: [Character] = []
        chars.reserveCapacity(8)
        for c in raw where !c.isWhitespace && c != "-" {
            if c.isASCII && c.isNumber { chars.append(c) }
            else if c == "x" || c == "X" { chars.append("X") }
            else { return nil }
        }
        guard chars.count == 8, !chars[0..<7].contains("X") else { return nil }
        return String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    /// An ISBN as its digits (and a final X); nil unless 10 or 13 characters remain.
    public static func isbn(_ raw: String) -> String? {
        var out = ""
        for c in raw {
            if c.isASCII && c.isNumber { out.append(c) }
            else if c == "x" || c == "X" { out.append("X") }
            else if c == "-" || c == " " || c.isWhitespace { continue }
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
        if let slash = s.lastIndex(of: "/"), s.lowercased().contains("orcid.org/") { s = String(s[s.index(after: slash)...]) }
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

    static func trimmed(_ s: String) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(s[first...last])
    }
}
