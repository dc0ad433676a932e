import Foundation
import Testing
import Unixref
import WorkModel

/// Every fixture file, whole: how many works each holds (counted independently of the parser:
/// OAI `record` elements, or one per single-record document), which ones are really broken, and
/// the JSON writer round trip on every work.
@Suite struct AllFixturesTests {
    /// Pages with more than one record; every other fixture holds exactly one work.
    static let pageCounts: [String: Int] = [
        "oai-pmh/book-2.xml": 200, "oai-pmh/book-3.xml": 200, "oai-pmh/book.xml": 200, "oai-pmh/conference.xml": 200,
        "oai-pmh/database.xml": 200, "oai-pmh/dissertation.xml": 145, "oai-pmh/journal.xml": 200,
        "oai-pmh/previously-failed.xml": 200, "oai-pmh/previously-failed-2.xml": 200, "oai-pmh/previously-failed-3.xml": 200,
        "oai-pmh/previously-failed-4.xml": 200, "oai-pmh/previously-failed-5.xml": 200, "oai-pmh/previously-failed-6.xml": 200,
        "oai-pmh/previously-failed-7.xml": 200, "oai-pmh/previously-failed-8.xml": 200, "oai-pmh/previously-failed-9.xml": 200,
        "oai-pmh/previously-failed-10.xml": 200, "oai-pmh/previously-failed-11.xml": 200, "oai-pmh/previously-failed-12.xml": 200,
        "oai-pmh/previously-failed-13.xml": 200, "oai-pmh/previously-failed-14.xml": 200, "oai-pmh/previously-failed-15.xml": 200,
        "oai-pmh/previously-failed-16.xml": 200, "oai-pmh/previously-failed-17.xml": 200, "oai-pmh/previously-failed-18.xml": 200,
        "oai-pmh/previously-failed-19.xml": 200, "oai-pmh/previously-failed-20.xml": 200, "oai-pmh/report.xml": 200,
        "oai-pmh/sa-component-2.xml": 200, "oai-pmh/sa-component.xml": 200, "oai-pmh/standard.xml": 200, "oai-pmh/unixsd.xml": 200,
    ]

    /// The fixtures that are really broken, with their reason.
    static let broken: [String: (works: Int, failure: RecordError.Code, reason: String)] = [
        "deposits/invalid-deposit.xml": (0, .malformedXML, "the file is cut off inside a fr:program, before the article's doi_data"),
    ]

    @Test func theFixturesAreAllThere() {
        #expect(Fixture.allFiles.count == 72)
        #expect(Fixture.allFiles.filter { $0.hasPrefix("unixsd/") }.count == 20)
        #expect(Fixture.allFiles.filter { $0.hasPrefix("deposits/") }.count == 9)
    }

    @Test func everyFixtureParsesWithTheExpectedNumberOfWorks() {
        var total = 0
        for (file, parsed) in Fixture.everything {
            if let broken = Self.broken[file] {
                #expect(parsed.records.count == broken.works, "\(file)")
                #expect(parsed.failures.map(\.code) == [broken.failure], "\(file): \(broken.reason)")
                continue
            }
            #expect(parsed.failures.isEmpty, "\(file): \(parsed.failures)")
            #expect(parsed.records.count == (Self.pageCounts[file] ?? 1), "\(file)")
            // Records are numbered in document order.
            #expect(parsed.records.map(\.recordIndex) == Array(0..<parsed.records.count), "\(file)")
            total += parsed.records.count
        }
        #expect(total == 6_384)
    }

    @Test func everyWorkHasADOIAndAKnownType() {
        let known = Set(WorkType.all.map(\.id))
        for (file, parsed) in Fixture.everything {
            for record in parsed.records {
                let work = record.work
                #expect(Identifiers.doi(work.DOI) == work.DOI, "\(file) #\(record.recordIndex)")
                #expect(work.URL == "https://doi.org/" + work.DOI)
                #expect(known.contains(work.type), "\(file) #\(record.recordIndex): \(work.type)")
                #expect(work.referencesCount == work.referenceCount)
                #expect(work.referencesCount == nil || work.referencesCount == (work.reference?.count ?? 0))
            }
        }
    }

    @Test func everyContentTypeIsCovered() {
        var types = Set<String>()
        for (_, parsed) in Fixture.everything { types.formUnion(parsed.works.map(\.type)) }
        let expected: Set<String> = [
            "journal-article", "journal-issue", "journal", "book", "edited-book", "monograph", "book-chapter",
            "reference-entry", "book-series", "proceedings-article", "proceedings-series", "report", "report-series",
            "report-component", "standard", "dataset", "dissertation", "posted-content", "component", "other",
        ]
        #expect(types == expected)
    }

    @Test func jsonWriterRoundTripOnEveryWork() throws {
        let decoder = JSONDecoder()
        var checked = 0
        for (file, parsed) in Fixture.everything {
            for record in parsed.records {
                let bytes = record.work.jsonBytes
                let decoded = try decoder.decode(Work.self, from: Data(bytes))
                #expect(decoded == record.work, "\(file) #\(record.recordIndex) \(record.work.DOI)")
                checked += 1
            }
        }
        #expect(checked == 6_384)
    }

    @Test func prettyPrintedJSONIsTheSameJSON() throws {
        for (file, parsed) in Fixture.everything where !file.hasPrefix("oai-pmh/previously-failed") {
            for record in parsed.records {
                let compact = record.work.jsonBytes
                let pretty = JSONPrettyPrinter.indent(compact)
                #expect(pretty.contains(0x0A))
                let a = try JSONSerialization.jsonObject(with: Data(compact)) as? NSDictionary
                let b = try JSONSerialization.jsonObject(with: Data(pretty)) as? NSDictionary
                #expect(a != nil && a == b, "\(file) #\(record.recordIndex)")
                #expect(try JSONDecoder().decode(Work.self, from: Data(pretty)) == record.work)
            }
        }
    }
}
