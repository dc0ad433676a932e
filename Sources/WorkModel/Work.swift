/// A work as the REST API shows it: keys exactly as the API names them (see WORK-MODEL.md).
/// `nil` means the deposit said nothing and the key is left out.
public struct Work: Codable, Hashable, Sendable {
    // Identity and registry data
    public var DOI: String
    public var URL: String
    public var prefix: String?
    public var member: String?
    public var publisher: String?
    public var publisherLocation: String?
    public var created: DateObject?
    public var deposited: DateObject?
    public var indexed: DateObject?
    public var isReferencedByCount: Int
    public var source: String
    public var alternativeID: [String]?
    public var articleNumber: String?
    public var type: String
    public var subtype: String?

    // Titles
    public var title: [String]?
    public var subtitle: [String]?
    public var originalTitle: [String]?
    public var shortTitle: [String]?
    public var containerTitle: [String]?
    public var shortContainerTitle: [String]?
    public var groupTitle: String?

    // Contributors
    public var author: [Contributor]?
    public var editor: [Contributor]?
    public var chair: [Contributor]?
    public var translator: [Contributor]?

    // Dates
    public var issued: PartialDate
    public var published: PartialDate?
    public var publishedPrint: PartialDate?
    public var publishedOnline: PartialDate?
    public var publishedOther: PartialDate?
    public var posted: PartialDate?
    public var accepted: PartialDate?
    public var approved: PartialDate?

    // Journal, book and page data
    public var volume: String?
    public var issue: String?
    public var journalIssue: JournalIssue?
    public var page: String?
    public var ISSN: [String]?
    public var issnType: [TypedIdentifier]?
    public var ISBN: [String]?
    public var isbnType: [TypedIdentifier]?
    public var language: String?
    public var editionNumber: String?
    public var degree: [String]?
    public var institution: [Institution]?
    public var standardsBody: StandardsBody?
    public var archive: [String]?
    public var abstract: String?
    public var review: Review?

    // Access
    public var license: [License]?
    public var freeToRead: FreeToRead?
    public var resource: Resource?
    public var link: [Link]?
    public var funder: [Funder]?

    // Crossmark
    public var updatePolicy: String?
    public var contentDomain: ContentDomain?
    public var assertion: [Assertion]?
    public var updateTo: [Update]?
    public var updatedBy: [Update]?

    // References and relations
    public var reference: [Reference]?
    public var referencesCount: Int?
    public var referenceCount: Int?
    public var relation: [String: [Relation]]?
    public var clinicalTrialNumber: [ClinicalTrial]?

    public init(DOI: String, type: String) {
        self.DOI = DOI
        self.URL = "https://doi.org/" + DOI
        self.type = type
        self.isReferencedByCount = 0
        self.source = "Crossref"
        self.issued = .unknown
    }

    enum CodingKeys: String, CodingKey {
        case DOI, URL, prefix, member, publisher, created, deposited, indexed, source, type, subtype
        case title, subtitle, author, editor, chair, translator, issued, published, posted, accepted, approved
        case volume, issue, page, ISSN, ISBN, language, degree, institution, archive, abstract, review
        case license, resource, link, funder, assertion, reference, relation
        case publisherLocation = "publisher-location"
        case isReferencedByCount = "is-referenced-by-count"
        case alternativeID = "alternative-id"
        case articleNumber = "article-number"
        case originalTitle = "original-title"
        case shortTitle = "short-title"
        case containerTitle = "container-title"
        case shortContainerTitle = "short-container-title"
        case groupTitle = "group-title"
        case publishedPrint = "published-print"
        case publishedOnline = "published-online"
        case publishedOther = "published-other"
        case journalIssue = "journal-issue"
        case issnType = "issn-type"
        case isbnType = "isbn-type"
        case editionNumber = "edition-number"
        case standardsBody = "standards-body"
        case freeToRead = "free-to-read"
        case updatePolicy = "update-policy"
        case contentDomain = "content-domain"
        case updateTo = "update-to"
        case updatedBy = "updated-by"
        case referencesCount = "references-count"
        case referenceCount = "reference-count"
        case clinicalTrialNumber = "clinical-trial-number"
    }

    /// Every contributor role, in the order the API lists them.
    public var contributors: [Contributor] {
        (author ?? []) + (editor ?? []) + (chair ?? []) + (translator ?? [])
    }
}
