/// One entry of the work's `citation_list`.
public struct Reference: Codable, Hashable, Sendable {
    public var key: String
    public var DOI: String?
    public var doiAssertedBy: String?
    public var unstructured: String?
    public var journalTitle: String?
    public var articleTitle: String?
    public var seriesTitle: String?
    public var volumeTitle: String?
    public var author: String?
    public var volume: String?
    public var issue: String?
    public var firstPage: String?
    public var year: String?
    public var edition: String?
    public var component: String?
    public var standardDesignator: String?
    public var standardsBody: String?
    public var ISSN: String?
    public var issnType: String?
    public var ISBN: String?
    public var isbnType: String?

    public init(key: String) { self.key = key }

    enum CodingKeys: String, CodingKey {
        case key, DOI, unstructured, author, volume, issue, year, edition, component, ISSN, ISBN
        case doiAssertedBy = "doi-asserted-by"
        case journalTitle = "journal-title"
        case articleTitle = "article-title"
        case seriesTitle = "series-title"
        case volumeTitle = "volume-title"
        case firstPage = "first-page"
        case standardDesignator = "standard-designator"
        case standardsBody = "standards-body"
        case issnType = "issn-type"
        case isbnType = "isbn-type"
    }
}
