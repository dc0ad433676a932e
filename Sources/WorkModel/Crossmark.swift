/// `content-domain`: where the Crossmark button may show.
public struct ContentDomain: Codable, Hashable, Sendable {
    public var domain: [String]
    public var crossmarkRestriction: Bool?
    public init(domain: [String], crossmarkRestriction: Bool?) { self.domain = domain; self.crossmarkRestriction = crossmarkRestriction }
    enum CodingKeys: String, CodingKey { case domain, crossmarkRestriction = "crossmark-restriction" }
}

/// A Crossmark `custom_metadata/assertion` (e.g. "Received", "Peer review method").
public struct Assertion: Codable, Hashable, Sendable {
    public struct Explanation: Codable, Hashable, Sendable {
        public var URL: String
        public init(URL: String) { self.URL = URL }
    }
    public struct Group: Codable, Hashable, Sendable {
        public var name: String
        public var label: String?
        public init(name: String, label: String?) { self.name = name; self.label = label }
    }
    public var value: String?
    public var name: String
    public var label: String?
    public var URL: String?
    public var explanation: Explanation?
    public var group: Group?
    public var order: Int?

    public init(value: String? = nil, name: String, label: String? = nil, URL: String? = nil,
                explanation: Explanation? = nil, group: Group? = nil, order: Int? = nil) {
        self.value = value; self.name = name; self.label = label; self.URL = URL
        self.explanation = explanation; self.group = group; self.order = order
    }
}

/// A Crossmark update link: `update-to` on the notice, `updated-by` on the work it updates.
public struct Update: Codable, Hashable, Sendable {
    /// The other work: the updated one in `update-to`, the notice in `updated-by`.
    public var DOI: String
    public var type: String
    public var label: String
    public var updated: DateObject?
    public var source: String

    public init(DOI: String, type: String, label: String, updated: DateObject?, source: String = "publisher") {
        self.DOI = DOI; self.type = type; self.label = label; self.updated = updated; self.source = source
    }

    /// The label the registry shows for an update type when the deposit gives none.
    public static func displayLabel(forType type: String) -> String {
        switch type.lowercased() {
        case "expression_of_concern": return "Expression of Concern"
        case "new_version": return "New Version"
        case "new_edition": return "New Edition"
        case "partial_retraction": return "Partial Retraction"
        default:
            let words = type.split(whereSeparator: { $0 == "_" || $0 == "-" })
            return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        }
    }

    /// Update types a relation claim may name; such claims are `updated-by`, not relations.
    public static let knownTypes: Set<String> = [
        "addendum", "clarification", "correction", "corrigendum", "erratum", "expression_of_concern",
        "new_edition", "new_version", "partial_retraction", "removal", "retraction", "withdrawal",
    ]
}
