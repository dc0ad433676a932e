import Foundation
import GRDB
import ReadSideTestSupport
import Testing
import WorkIndexQuery
import WorkModel
import WorkQuery

@Suite struct SearchAndScopeTests {
    @Test func fieldQueriesSearchTheirField() async throws {
        let feynman = Set(SampleWorks.all.filter { ($0.author ?? []).contains { $0.family == "Feynman" } }.map(\.DOI))
        let page = try await SampleIndex.search([("query.author", "feynman"), ("rows", "100")])
        #expect(Set(try SampleIndex.dois(page)) == feynman)
        // Tokens of one search are alternatives.
        let either = Set(SampleWorks.all.filter { ($0.author ?? []).contains { $0.family == "Feynman" || $0.family == "Lovelace" } }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.author", "feynman lovelace"), ("rows", "100")]))) == either)
        // Separate searches must all match.
        let both = try await SampleIndex.search([("query.author", "feynman"), ("query.title", "covid-19"), ("rows", "100")])
        let expected = Set(SampleWorks.all.filter { ($0.author ?? []).contains { $0.family == "Feynman" } && ($0.title ?? []).joined().contains("COVID-19") }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(both)) == expected)
        // Editors are not authors; contributors are both.
        let editors = Set(SampleWorks.all.filter { $0.editor != nil }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.editor", "hopper"), ("rows", "100")]))) == editors)
        #expect(try SampleIndex.dois(await SampleIndex.search([("query.author", "hopper")])).isEmpty)
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.contributor", "hopper"), ("rows", "100")]))) == editors)
        let oxford = Set(SampleWorks.all.filter { $0.contributors.contains { $0.affiliation.contains { $0.name == "University of Oxford" } } }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.affiliation", "oxford"), ("rows", "100")]))) == oxford)
        let hearingJournal = Set(SampleWorks.all.filter { ($0.containerTitle ?? []).contains("Hearing Research") }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.container-title", "hearing"), ("rows", "100")]))) == hearingJournal)
        let issn = Set(SampleWorks.all.filter { ($0.ISSN ?? []).contains("1549-7712") }.map(\.DOI))
        #expect(Set(try SampleIndex.dois(await SampleIndex.search([("query.bibliographic", "1549-7712"), ("rows", "100")]))) == issn)
    }

    @Test func relevanceRanksWorksMatchingMoreTokensFirst() async throws {
        let page = try await SampleIndex.search([("query", "covid-19 transmission schools feynman")])
        let first = try #require(try SampleIndex.dois(page).first)
        let work = try #require(SampleWorks.all.first { $0.DOI == first })
        #expect(work.author?.first?.family == "Feynman")
        #expect(work.title?.first?.contains("COVID-19") == true)
    }

    @Test(arguments: ["covid-19", "\"", "\"unbalanced", "AND", "OR NOT", "NEAR(a b)", "*", "title:x", "{title}: x", "^x",
                      "' OR 1=1 --", "'); DROP TABLE works; --", "a\"b\"c", "💥 émigré", "x\u{0}y", "-", "(((", "\\",
                      String(repeating: "long ", count: 60), "NEAR/2", "col : (a OR b)"])
    func hostileQueriesNeverFail(_ text: String) async throws {
        for field in QueryField.allCases {
            _ = try await SampleIndex.search([(field.rawValue, text), ("facet", "type-name:*")])
        }
        let count = try await SampleIndex.search([("rows", "0")]).totalResults
        #expect(count == SampleWorks.all.count, "still all there")
    }

    @Test func hostileFilterValuesAreRefusedOrAnswered() async throws {
        for filter in ["container-title:' OR 1=1 --", "archive:\"; DROP TABLE works", "alternative-id:%00", "assertion:*",
                       "license.url:)", "relation.object:((", "doi:10.1/'--", "award.number:💥"] {
            do {
                let page = try await SampleIndex.search([("filter", filter)])
                #expect(page.totalResults == 0, "\(filter)")
            } catch is RequestValidationError {
                // A 400 is an acceptable answer too.
            }
        }
    }

    @Test func scopedSearchesStayScoped() async throws {
        let member78 = SampleWorks.all.filter { $0.member == "78" }
        let scoped = try await SampleIndex.search([("rows", "100")], scope: .member("78"))
        #expect(Set(try SampleIndex.dois(scoped)) == Set(member78.map(\.DOI)))
        // A filter cannot widen the scope: member:311 inside member 78 is empty.
        #expect(try await SampleIndex.search([("filter", "member:311")], scope: .member("78")).totalResults == 0)
        #expect(try await SampleIndex.search([("filter", "member:311,member:78"), ("rows", "100")], scope: .member("78")).totalResults == member78.count)
        let funded = SampleWorks.all.filter { ($0.funder ?? []).contains { $0.DOI == SampleWorks.nsf } && $0.type == "journal-article" }
        let funderPage = try await SampleIndex.search([("filter", "type:journal-article"), ("rows", "100")], scope: WorksScope.funder(id: "100000001")!)
        #expect(Set(try SampleIndex.dois(funderPage)) == Set(funded.map(\.DOI)))
        let prefix = SampleWorks.all.filter { $0.prefix == "10.1002" && $0.abstract != nil }
        let prefixPage = try await SampleIndex.search([("filter", "has-abstract:true"), ("rows", "100")], scope: WorksScope.prefix(owner: "10.1002")!)
        #expect(Set(try SampleIndex.dois(prefixPage)) == Set(prefix.map(\.DOI)))
        let journal = SampleWorks.all.filter { ($0.ISSN ?? []).contains("2090-8091") }
        let journalPage = try await SampleIndex.search([("rows", "100"), ("facet", "issn:10")], scope: WorksScope.journal(issn: "20908091")!)
        #expect(Set(try SampleIndex.dois(journalPage)) == Set(journal.map(\.DOI)))
        let datasets = SampleWorks.all.filter { $0.type == "dataset" }
        let typePage = try await SampleIndex.search([("filter", "type:journal-article,type:dataset"), ("rows", "100")], scope: WorksScope.type(id: "dataset")!)
        #expect(Set(try SampleIndex.dois(typePage)) == Set(datasets.map(\.DOI)))
    }

    @Test func selectKeepsOnlyTheChosenFields() async throws {
        let page = try await SampleIndex.search([("select", "DOI,title,funder"), ("rows", "100"), ("sort", "created"), ("order", "asc")])
        for (item, work) in zip(page.items, SampleWorks.all) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(item)) as? [String: Any])
            var expectedKeys: Set<String> = ["DOI", "title"]
            if work.funder != nil { expectedKeys.insert("funder") }
            #expect(Set(object.keys) == expectedKeys)
            #expect(object["DOI"] as? String == work.DOI)
            #expect(object["title"] as? [String] == work.title)
        }
    }

    @Test func singleWorkByDOIInAnyForm() async throws {
        let reader = SampleIndex.reader
        let doi = SampleWorks.doi(6)
        for form in [doi, doi.uppercased(), "https://doi.org/" + doi, "doi:" + doi.uppercased(), "  \(doi)  "] {
            let json = try #require(try await reader.work(doi: form))
            var work = try JSONDecoder().decode(Work.self, from: Data(json))
            // Work 12 is a retraction notice of work 6: the writer marks 6 `updated-by` 12.
            #expect(work.updatedBy?.map(\.DOI) == [SampleWorks.doi(12)])
            work.updatedBy = nil
            #expect(work == SampleWorks.all[6])
        }
        #expect(try await reader.work(doi: "10.9999/missing") == nil)
        #expect(try await reader.work(doi: "not a doi") == nil)
    }

    @Test func licensesListsURLsWithCounts() async throws {
        let list = try await SampleIndex.reader.licenses(rows: 100, offset: 0)
        let expected = FacetTests.counts(SampleWorks.all) { ($0.license ?? []).map(\.URL) }
        #expect(Dictionary(uniqueKeysWithValues: list.items.map { ($0.value, $0.count) }) == expected)
        #expect(list.totalResults == expected.count)
    }

    @Test func readsSeeWritesOfAnotherConnection() async throws {
        let index = try WrittenIndex(works: Array(SampleWorks.all.prefix(3)))
        let reader = try SQLiteWorkIndexReader(path: index.path)
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 3)
        // The writer keeps writing the same WAL file while the reader is open.
        try index.write([SampleWorks.all[10]])
        #expect(try await reader.search(WorksRequest(), scope: .all).totalResults == 4)
        #expect(try await reader.work(doi: SampleWorks.doi(10)) != nil)
    }

    @Test func aMissingIndexIsAClearError() throws {
        #expect {
            _ = try SQLiteWorkIndexReader(path: "/tmp/definitely-missing-\(UUID().uuidString).sqlite")
        } throws: { error in
            guard case IndexOpenError.indexFileMissing = error else { return false }
            return String(describing: error).contains("Start the worker")
        }
    }

    @Test func anIndexOfAnOlderSchemaIsAClearError() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE works (id INTEGER PRIMARY KEY, doi TEXT, json BLOB);
                CREATE TABLE work_terms (work_id INTEGER, field TEXT, value TEXT);
                CREATE VIRTUAL TABLE works_fts USING fts5(title, everything);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
                INSERT INTO meta VALUES ('schema-version', '3');
                """)
        }
        #expect {
            _ = try SQLiteWorkIndexReader(reader: queue, path: "old.sqlite")
        } throws: { error in
            guard case IndexOpenError.schemaTooOld(_, 3, _) = error else { return false }
            return String(describing: error).contains("deposit-indexer run --index old.sqlite")
        }
    }

    @Test func aFileWithoutTheSchemaIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        #expect {
            _ = try SQLiteWorkIndexReader(path: path)
        } throws: { error in
            if case IndexOpenError.schemaMissing = error { return true }
            if case IndexOpenError.cannotOpen = error { return true }
            return false
        }
    }
}
