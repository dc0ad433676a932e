import WorkModel

/// How a `work_terms.value` is normalized, field by field. INDEX-SPEC says values are
/// "normalized as on read; lower-case where the filter is case-insensitive": this is that rule,
/// written once, for the writer (term extraction) and the reader (filter values) to share.
///
/// - identifiers go through `WorkModel.Identifiers` (funder DOI, ORCID URL, ISSN, ISBN, DOI);
/// - names the API matches case-insensitively are trimmed and lower-cased;
/// - exact-match text (`container-title`, facet-only names) is trimmed with whitespace collapsed.
///
/// Returns nil when the value cannot be a value of that field (an ISSN that is not 8 digits):
/// a filter on it is a client error, and a writer drops it.
public enum TermValueNormalization {
    public static func normalize(field: String, _ raw: String) -> String? {
        switch field {
        case TermField.funder, TermField.awardFunder:
            return Identifiers.funderDOI(raw)
        case TermField.orcid, TermField.authenticatedOrcid:
            return Identifiers.orcid(raw)
        case TermField.issn:
            return Identifiers.issn(raw)
        case TermField.isbn:
            return Identifiers.isbn(raw)
        case TermField.updates:
            return Identifiers.doi(raw)
        case TermField.relationObject:
            // Relation objects are mostly DOIs, sometimes URLs, ISSNs or accession numbers.
            return Identifiers.doi(raw) ?? nonEmpty(collapsed(raw).lowercased())
        case TermField.awardNumber:
            // Award numbers are written "1 F31 MH11745", "1F31MH11745", "1-F31-MH11745":
            // the brief's "roughly" matching ignores case, spaces and hyphens.
            return nonEmpty(String(raw.lowercased().filter { !$0.isWhitespace && $0 != "-" }))
        case TermField.relationType:
            // Deposits say `isPreprintOf`, the API says `is-preprint-of`; accept both.
            let trimmed = collapsed(raw)
            let kebab = trimmed.contains("-") ? trimmed : Relation.kebabCase(trimmed)
            return nonEmpty(kebab.lowercased())
        case TermField.licenseURL, TermField.licenseVersion, TermField.fullTextVersion,
             TermField.fullTextType, TermField.fullTextApplication, TermField.archive,
             TermField.updateType, TermField.assertion, TermField.assertionGroup,
             TermField.contentDomain, TermField.relationObjectType, TermField.alternativeID,
             TermField.articleNumber, TermField.has:
            return nonEmpty(collapsed(raw).lowercased())
        default:
            // container-title, funder-name, affiliation, license: exact text.
            return nonEmpty(collapsed(raw))
        }
    }

    /// Trimmed, inner whitespace runs collapsed to one space.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
