/// A license a work is published under (AccessIndicators `license_ref`).
public struct License: Codable, Hashable, Sendable {
    public var URL: String
    public var start: DateObject
    public var delayInDays: Int
    public var contentVersion: String

    public init(URL: String, start: DateObject, delayInDays: Int, contentVersion: String) {
        self.URL = URL; self.start = start; self.delayInDays = delayInDays; self.contentVersion = contentVersion
    }

    enum CodingKeys: String, CodingKey {
        case URL, start
        case delayInDays = "delay-in-days"
        case contentVersion = "content-version"
    }
}

/// AccessIndicators `free_to_read`, with its optional period.
public struct FreeToRead: Codable, Hashable, Sendable {
    public var startDate: String?
    public var endDate: String?
    public init(startDate: String? = nil, endDate: String? = nil) { self.startDate = startDate; self.endDate = endDate }
    enum CodingKeys: String, CodingKey { case startDate = "start-date", endDate = "end-date" }
}

/// A full-text link (`doi_data/collection/item/resource`).
public struct Link: Codable, Hashable, Sendable {
    public var URL: String
    public var contentType: String
    public var contentVersion: String
    public var intendedApplication: String

    public init(URL: String, contentType: String, contentVersion: String, intendedApplication: String) {
        self.URL = URL; self.contentType = contentType; self.contentVersion = contentVersion
        self.intendedApplication = intendedApplication
    }

    enum CodingKeys: String, CodingKey {
        case URL
        case contentType = "content-type"
        case contentVersion = "content-version"
        case intendedApplication = "intended-application"
    }
}

/// `resource: {"primary": {"URL": …}}`.
public struct Resource: Codable, Hashable, Sendable {
    public struct Primary: Codable, Hashable, Sendable {
        public var URL: String
        public init(URL: String) { self.URL = URL }
    }
    public var primary: Primary
    public init(primaryURL: String) { primary = Primary(URL: primaryURL) }
}

/// A funder of the work (FundRef `fundgroup`).
public struct Funder: Codable, Hashable, Sendable {
    public var name: String?
    public var DOI: String?
    public var award: [String]
    public var doiAssertedBy: String?

    public init(name: String? = nil, DOI: String? = nil, award: [String] = [], doiAssertedBy: String? = nil) {
        self.name = name; self.DOI = DOI; self.award = award; self.doiAssertedBy = doiAssertedBy
    }

    enum CodingKeys: String, CodingKey {
        case name, DOI, award
        case doiAssertedBy = "doi-asserted-by"
    }
}
