/// One object of a `relation` type: `{"id-type": "doi", "id": "10.…", "asserted-by": "subject"}`.
public struct Relation: Codable, Hashable, Sendable {
    public var idType: String
    public var id: String
    public var assertedBy: String

    public init(idType: String, id: String, assertedBy: String) { self.idType = idType; self.id = id; self.assertedBy = assertedBy }

    enum CodingKeys: String, CodingKey { case idType = "id-type", id, assertedBy = "asserted-by" }

    /// `isPreprintOf` → `is-preprint-of`.
    public static func kebabCase(_ camel: String) -> String {
        var out = ""
        for c in camel {
            if c.isUppercase { if !out.isEmpty { out.append("-") }; out.append(contentsOf: c.lowercased()) }
            else if c == "_" { out.append("-") }
            else { out.append(c) }
        }
        return out
    }

    /// The type seen from the other side of a claim (`isCitedBy` ↔ `cites`, `isPartOf` ↔ `hasPart`).
    public static func inverse(of type: String) -> String {
        if let known = inverses[type] { return known }
        if type.hasPrefix("is"), type.hasSuffix("Of") {
            let stem = type.dropFirst(2).dropLast(2)
            return "has" + stem
        }
        if type.hasPrefix("has") { return "is" + type.dropFirst(3) + "Of" }
        return type
    }

    private static let inverses: [String: String] = {
        let pairs: [(String, String)] = [
            ("isCitedBy", "cites"), ("isReferencedBy", "references"), ("isDerivedFrom", "hasDerivation"),
            ("isReviewOf", "hasReview"), ("isCommentOn", "hasComment"), ("isReplyTo", "hasReply"),
            ("isTranslationOf", "hasTranslation"), ("isPreprintOf", "hasPreprint"),
            ("isManuscriptOf", "hasManuscript"), ("isVersionOf", "hasVersion"), ("isPartOf", "hasPart"),
            ("isSupplementTo", "isSupplementedBy"), ("isExpressionOf", "hasExpression"),
            ("isManifestationOf", "hasManifestation"), ("isVariantFormOf", "isOriginalFormOf"),
            ("isRelatedMaterial", "hasRelatedMaterial"), ("isIdenticalTo", "isIdenticalTo"),
            ("isSameAs", "isSameAs"), ("isDocumentedBy", "documents"), ("isCompiledBy", "compiles"),
            ("isBasedOn", "isBasisFor"), ("isRequiredBy", "requires"), ("isDataBasisFor", "isBasedOnData"),
            ("isFinancedBy", "finances"), ("isContinuedBy", "continues"), ("isReplacedBy", "replaces"),
        ]
        var map: [String: String] = [:]
        for (a, b) in pairs { map[a] = b; map[b] = a }
        return map
    }()
}

/// A clinical trial the work reports (`ct:program/ct:clinical-trial-number`).
public struct ClinicalTrial: Codable, Hashable, Sendable {
    public var clinicalTrialNumber: String
    public var registry: String
    public var type: String?

    public init(clinicalTrialNumber: String, registry: String, type: String?) {
        self.clinicalTrialNumber = clinicalTrialNumber; self.registry = registry; self.type = type
    }

    enum CodingKeys: String, CodingKey { case clinicalTrialNumber = "clinical-trial-number", registry, type }
}
