import WorkModel

/// What was read inside one work-level element (`journal_article`, `book_metadata`,
/// `content_item`, …) before it is turned into a `Work`, inheriting from its containers.
final class WorkFields {
    let kind: Tag
    /// `book_type`, `component_type`, posted content `type`, peer review `type`.
    var typeAttribute: String?
    var language: String?
    /// Set for the partial deposits of `doi_resources_schema` (`lic_ref_data`, …).
    var isPartial = false

    var doi: String?
    var rawDOI: String?
    var doiTimestamp: String?
    var primaryResource: String?

    var titles: [String] = []
    var subtitles: [String] = []
    var originalTitles: [String] = []
    var abbrevTitles: [String] = []
    /// `full_title` (journals), `proceedings_title`: what children show as container title.
    var containerName: String?
    var groupTitle: String?

    var contributors: [(role: String, contributor: Contributor)] = []

    var publicationDates: [(media: String, date: PartialDate)] = []
    var posted: PartialDate?
    var accepted: PartialDate?
    var approved: PartialDate?

    var volume: String?
    var issue: String?
    var firstPage: String?
    var lastPage: String?
    var issns: [TypedIdentifier] = []
    var isbns: [TypedIdentifier] = []
    var publisherName: String?
    var publisherPlace: String?
    var alternativeIDs: [String] = []
    var articleNumber: String?
    var editionNumber: String?
    var degrees: [String] = []
    var institutions: [Institution] = []
    var standardsBody: StandardsBody?
    var archives: [String] = []
    var abstract: String?
    var review: Review?

    var licenses: [(url: String, appliesTo: String?, start: PartialDate?)] = []
    var freeToRead: FreeToRead?
    var links: [Link] = []
    var funders: [Funder] = []

    var updatePolicy: String?
    var domains: [String] = []
    var domainExclusive: Bool?
    var sawCrossmark = false
    var assertions: [Assertion] = []
    var updates: [Update] = []

    var references: [Reference] = []
    var sawCitationList = false
    var relations: [(type: String, relation: Relation)] = []
    var clinicalTrials: [ClinicalTrial] = []

    init(kind: Tag) { self.kind = kind }

    /// The leaf works a unixref record is usually about rank above the containers around them.
    var specificity: Int {
        switch kind {
        case .journal_article, .content_item, .conference_paper, .dataset, .component, .dissertation,
             .posted_content, .preprint, .peer_review: return 3
        case .journal_issue, .journal_volume: return 2
        case .book_metadata, .book_series_metadata, .book_set_metadata, .proceedings_metadata,
             .report_paper_metadata, .standard_metadata, .database_metadata: return 1
        default: return 0
        }
    }

    var isContainerKind: Bool {
        switch kind {
        case .journal_metadata, .journal_issue, .journal_volume, .book_metadata, .book_series_metadata,
             .book_set_metadata, .series_metadata, .set_metadata, .proceedings_metadata,
             .proceedings_series_metadata, .report_paper_metadata, .report_paper_series_metadata,
             .standard_metadata, .standard_series_metadata, .database_metadata:
            return true
        default: return false
        }
    }
}

extension Tag {
    /// Elements whose own `doi_data` makes them a work.
    var isWorkElement: Bool {
        switch self {
        case .journal_metadata, .journal_issue, .journal_volume, .journal_article, .book_metadata,
             .book_series_metadata, .book_set_metadata, .series_metadata, .set_metadata, .content_item,
             .proceedings_metadata, .proceedings_series_metadata, .conference_paper, .report_paper_metadata,
             .report_paper_series_metadata, .standard_metadata, .standard_series_metadata,
             .database_metadata, .dataset, .dissertation, .posted_content, .preprint, .peer_review, .component,
             .crossmark_data, .fundref_data, .lic_ref_data, .doi_resources:
            return true
        default: return false
        }
    }

    var isPartialDeposit: Bool {
        self == .crossmark_data || self == .fundref_data || self == .lic_ref_data || self == .doi_resources
    }
}
