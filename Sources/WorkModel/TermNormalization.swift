/// How a filterable value of a work is normalized, field by field: ONE rule for the writer (the
/// index's term rows) and the reader (filter values from a URL or a saved alert), so that a filter
/// finds what was indexed whatever the case or spelling the user typed.
///
/// - identifiers go through `Identifiers` (funder DOI, ORCID URL, ISSN, ISBN, DOI);
/// - values the API matches case-insensitively are trimmed and lower-cased;
/// - award numbers also ignore spaces and hyphens ("1 F31 MH11745" = "1F31MH11745");
/// - exact-match text (`container-title`, `funder-name`, `affiliation`, the `license` facet) is
///   trimmed with inner whitespace collapsed.
///
/// Returns nil when the value cannot be a value of that field (an ISSN that is not 8 digits):
/// a filter on it is a client error, and the writer drops it.
public enum TermNormalization {
    static let lowerCaseFields: Set<String> = [
        "license.url", "license.version", "full-text.version", "full-text.type", "full-text.application",
        "archive", "update-type", "assertion", "assertion-group", "content-domain", "relation.object-type",
        "alternative-id", "article-number", "has",
    ]

    public static func normalize(field: String, _ raw: String) -> String? {
        switch field {
        case "funder", "award.funder":
            return Identifiers.funderDOI(raw)
        case "orcid", "authenticated-orcid":
            return Identifiers.orcid(raw)
        case "issn":
            return Identifiers.issn(raw)
        case "isbn":
            return Identifiers.isbn(raw)
        case "updates":
            return Identifiers.doi(raw)
        case "relation.object":
            // Relation objects are mostly DOIs, sometimes URLs, ISSNs or accession numbers.
            return Identifiers.doi(raw) ?? nonEmpty(collapsed(raw).lowercased())
        case "award.number":
            return nonEmpty(String(raw.lowercased().filter { !$0.isWhitespace && $0 != "-" }))
        case "relation-type":
            // Deposits say `isPreprintOf`, the API says `is-preprint-of`; accept both.
            let trimmed = collapsed(raw)
            let kebab = trimmed.contains("-") ? trimmed : Relation.kebabCase(trimmed)
            return nonEmpty(kebab.lowercased())
        case "license.delay":
            return Int(collapsed(raw)).map(String.init)
        default:
            let text = collapsed(raw)
            return nonEmpty(lowerCaseFields.contains(field) ? text.lowercased() : text)
        }
    }

    /// Trims and collapses runs of whitespace to one space.
    public static func collapsed(_ raw: String) -> String {
        if isAlreadyCollapsed(raw) { return raw }
        var out = ""
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for c in raw {
            if c.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }

    /// A byte scan that accepts most values without walking Characters (which is slow): ASCII
    /// with single inner spaces, and non-ASCII text whose lead bytes cannot start a Unicode space.
    private static func isAlreadyCollapsed(_ raw: String) -> Bool {
        var previousWasSpace = true  // a leading space is not collapsed
        var sawAny = false
        for byte in raw.utf8 {
            switch byte {
            case 0x20:
                if previousWasSpace { return false }
                previousWasSpace = true
            case 0x00...0x1F, 0x7F, 0xC2, 0xE1, 0xE2, 0xE3:
                // Control characters and the lead bytes of U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000.
                return false
            default:
                previousWasSpace = false
            }
            sawAny = true
        }
        return !sawAny || !previousWasSpace
    }


    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
