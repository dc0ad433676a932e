import WorkQuery

/// Table and column names of INDEX-SPEC that the read side uses, spelled once.
enum IndexSchema {
    static let works = "works"
    static let workTerms = "work_terms"
    static let fullText = "works_fts"
    /// The oldest `meta.schema-version` whose tables and columns this reader's SQL names (v4: the
    /// search columns of `WorkSearchText`).
    static let minimumVersion = 4
    /// The external content of `works_fts`: the texts it indexed, one row per work (rowid = works.id).
    static let searchText = "work_search_text"

    /// The sort columns an index delivers in (column, doi) order, with every column a filter
    /// compares (schema v5): a page sorted on one of them walks that index (`SortKeySQL`).
    static let walkedSortColumns: Set<String> = ["deposited_ms"]

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

    /// The `works_fts` columns a free-text search runs against; nil for every column. (Each text is in one column only: see `WorkSearchText`.)
    static func fullTextColumns(_ field: QueryField) -> [String]? {
        switch field {
        case .everything: return nil
        case .title: return ["title"]
        case .containerTitle: return ["container_title"]
        case .author: return ["author"]
        case .editor: return ["editor"]
        case .chair: return ["chair"]
        case .translator: return ["translator"]
        case .contributor: return ["author", "editor", "chair", "translator"]
        case .bibliographic: return ["title", "container_title", "author", "editor", "chair", "translator", "citation"]
        case .affiliation: return ["affiliation"]
        }
    }
}
