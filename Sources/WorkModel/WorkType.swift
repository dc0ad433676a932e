/// The work types of the REST API (`/types`), with the labels it shows.
public struct WorkType: Hashable, Sendable {
    public let id: String
    public let label: String

    public static let all: [WorkType] = [
        .init(id: "book-section", label: "Book Section"),
        .init(id: "monograph", label: "Monograph"),
        .init(id: "report-component", label: "Report Component"),
        .init(id: "report", label: "Report"),
        .init(id: "peer-review", label: "Peer Review"),
        .init(id: "book-track", label: "Book Track"),
        .init(id: "journal-article", label: "Journal Article"),
        .init(id: "book-part", label: "Part"),
        .init(id: "other", label: "Other"),
        .init(id: "book", label: "Book"),
        .init(id: "journal-volume", label: "Journal Volume"),
        .init(id: "book-set", label: "Book Set"),
        .init(id: "reference-entry", label: "Reference Entry"),
        .init(id: "proceedings-article", label: "Proceedings Article"),
        .init(id: "journal", label: "Journal"),
        .init(id: "component", label: "Component"),
        .init(id: "book-chapter", label: "Book Chapter"),
        .init(id: "proceedings-series", label: "Proceedings Series"),
        .init(id: "report-series", label: "Report Series"),
        .init(id: "proceedings", label: "Proceedings"),
        .init(id: "database", label: "Database"),
        .init(id: "standard", label: "Standard"),
        .init(id: "reference-book", label: "Reference Book"),
        .init(id: "posted-content", label: "Posted Content"),
        .init(id: "journal-issue", label: "Journal Issue"),
        .init(id: "dissertation", label: "Dissertation"),
        .init(id: "grant", label: "Grant"),
        .init(id: "dataset", label: "Dataset"),
        .init(id: "book-series", label: "Book Series"),
        .init(id: "edited-book", label: "Edited Book"),
        .init(id: "standard-series", label: "Standard Series"),
    ]

    private static let byID: [String: WorkType] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func named(_ id: String) -> WorkType? { byID[id.lowercased()] }
}
