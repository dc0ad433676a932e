import WorkQuery

/// Table and column names of INDEX-SPEC that the read side uses, spelled once.
enum IndexSchema {
    static let works = "works"
    static let workTerms = "work_terms"
    static let fullText = "works_fts"
    /// The external content of `works_fts`: the texts it indexed, one row per work (rowid = works.id).
    static let searchText = "work_search_text"

    /// The `works` column that holds a filterable scalar.
    static func column(_ column: WorkColumn) -> String {
        switch column {
        case .doi: return "doi"
        case .type: return "type"
        case .member: return "member"
        case .prefix: return "prefix"
        case .issuedStartDay: return "issued_start"
        case .printStartDay: return "print_start"
        case .onlineStartDay: return "online_start"
        case .postedStartDay: return "posted_start"
        case .acceptedStartDay: return "accepted_start"
        case .createdMillis: return "created_ms"
        case .depositedMillis: return "deposited_ms"
        case .indexedMillis: return "indexed_ms"
        }
    }

    /// The `works_fts` column a free-text search runs against.
    static func fullTextColumn(_ field: QueryField) -> String {
        switch field {
        case .everything: return "everything"
        case .title: return "title"
        case .containerTitle: return "container_title"
        case .author: return "author"
        case .editor: return "editor"
        case .chair: return "chair"
        case .translator: return "translator"
        case .contributor: return "contributor"
        case .bibliographic: return "bibliographic"
        case .affiliation: return "affiliation"
        }
    }
}
