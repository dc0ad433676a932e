/// `journal-issue`: the issue a journal article appeared in, with the issue's own dates.
public struct JournalIssue: Codable, Hashable, Sendable {
    public var issue: String?
    public var publishedPrint: PartialDate?
    public var publishedOnline: PartialDate?

    public init(issue: String?, publishedPrint: PartialDate?, publishedOnline: PartialDate?) {
        self.issue = issue; self.publishedPrint = publishedPrint; self.publishedOnline = publishedOnline
    }

    enum CodingKeys: String, CodingKey {
        case issue
        case publishedPrint = "published-print"
        case publishedOnline = "published-online"
    }
}

/// An institution (dissertations, reports, standards, conference sponsors).
public struct Institution: Codable, Hashable, Sendable {
    public var name: String
    public var acronym: [String]?
    public var place: [String]?
    public var department: [String]?

    public init(name: String, acronym: [String]? = nil, place: [String]? = nil, department: [String]? = nil) {
        self.name = name; self.acronym = acronym; self.place = place; self.department = department
    }
}

/// Peer-review metadata of a `peer_review` work.
public struct Review: Codable, Hashable, Sendable {
    public var type: String?
    public var stage: String?
    public var recommendation: String?
    public var revisionRound: String?
    public var runningNumber: String?
    public var competingInterestStatement: String?
    public var language: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case type, stage, recommendation, language
        case revisionRound = "revision-round"
        case runningNumber = "running-number"
        case competingInterestStatement = "competing-interest-statement"
    }
}

/// `{value, type}` for `issn-type` and `isbn-type`.
public struct TypedIdentifier: Codable, Hashable, Sendable {
    public var value: String
    public var type: String
    public init(value: String, type: String) { self.value = value; self.type = type }
}

/// The body that issued a standard.
public struct StandardsBody: Codable, Hashable, Sendable {
    public var name: String
    public var acronym: String?
    public init(name: String, acronym: String?) { self.name = name; self.acronym = acronym }
}
