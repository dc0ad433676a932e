/// A person or organization credited on a work (`author`, `editor`, `chair`, `translator`).
public struct Contributor: Codable, Hashable, Sendable {
    public var given: String?
    public var family: String?
    public var suffix: String?
    /// An organization's name.
    public var name: String?
    public var sequence: String?
    public var affiliation: [Affiliation]
    public var ORCID: String?
    public var authenticatedOrcid: Bool?

    public init(given: String? = nil, family: String? = nil, suffix: String? = nil, name: String? = nil,
                sequence: String? = nil, affiliation: [Affiliation] = [], ORCID: String? = nil,
                authenticatedOrcid: Bool? = nil) {
        self.given = given; self.family = family; self.suffix = suffix; self.name = name
        self.sequence = sequence; self.affiliation = affiliation; self.ORCID = ORCID
        self.authenticatedOrcid = authenticatedOrcid
    }

    enum CodingKeys: String, CodingKey {
        case given, family, suffix, name, sequence, affiliation, ORCID
        case authenticatedOrcid = "authenticated-orcid"
    }

    /// "given family" or the organization's name: what a person searching for it would type.
    public var displayName: String {
        if let name { return name }
        return [given, family].compactMap { $0 }.joined(separator: " ")
    }
}

public struct Affiliation: Codable, Hashable, Sendable {
    public var name: String
    public init(name: String) { self.name = name }
}
