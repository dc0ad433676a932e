import Foundation
import ReadSideTestSupport
import WorkIndexQuery
import WorkModel
import WorkQuery

/// The sample works written by the real writer to an index file once per test process, and a
/// read-only reader on it.
enum SampleIndex {
    static let index: WrittenIndex = try! WrittenIndex(works: SampleWorks.all)
    static let reader: SQLiteWorkIndexReader = try! SQLiteWorkIndexReader(path: index.path)

    static func search(_ pairs: [(String, String)], scope: WorksScope = .all) async throws -> WorkListPage {
        try await search(pairs, scope: scope, reader: reader)
    }

    static func search(_ pairs: [(String, String)], scope: WorksScope = .all, reader: SQLiteWorkIndexReader) async throws -> WorkListPage {
        let request = try WorksRequestParser.parse(pairs.map { (name: $0.0, value: $0.1) })
        return try await reader.search(request, scope: scope)
    }

    /// The DOIs of a page's items, in order.
    static func dois(_ page: WorkListPage) throws -> [String] {
        try page.items.map { try JSONDecoder().decode(DOIOnly.self, from: Data($0)).DOI }
    }

    struct DOIOnly: Decodable { let DOI: String }
}

/// The fixture records (parsed from Tests/Fixtures) written by the real writer to their own index.
enum FixtureIndex {
    static let works = FixtureWorks.all
    static let index: WrittenIndex = try! WrittenIndex(works: works)
    static let reader: SQLiteWorkIndexReader = try! SQLiteWorkIndexReader(path: index.path)

    static func search(_ pairs: [(String, String)], scope: WorksScope = .all) async throws -> WorkListPage {
        try await SampleIndex.search(pairs, scope: scope, reader: reader)
    }
}
