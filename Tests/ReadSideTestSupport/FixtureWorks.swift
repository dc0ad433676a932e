import Foundation
import Unixref
import WorkModel

/// Real records: the fixture deposits of `Tests/Fixtures` (OAI-PMH pages, unixsd results, member
/// deposits) parsed by `Unixref.DepositParser`, as the worker would read them. Tests compute their
/// expectations from these `Work` values and compare with what the read side answers over an
/// index the real writer built from them.
public enum FixtureWorks {
    /// Records kept per fixture file: every kind of record, without writing 6,000 works in a
    /// debug build for each test process.
    static let recordsPerFile = 60

    /// The index clock of the first work; each next work is indexed 7 hours later, so index dates
    /// spread over about a year (filters and sorts on `indexed` see many distinct days).
    static let firstIndexedMs: Int64 = 1_704_067_200_000  // 2024-01-01T00:00:00Z
    static let indexedStepMs: Int64 = 7 * 3_600_000

    /// One work per DOI (the first record read of it), full records only (a partial deposit needs
    /// a stored base). Each carries what the index adds and a test must know:
    /// - `DOI` in its normalized (lower case) form, as the API serves it;
    /// - `indexed`, the writer's batch clock for it (see `WrittenIndex`); Crossmark notices come
    ///   first, so no later notice re-stamps a target's `indexed`;
    /// - `created`: the registry's, else the first time the index saw the DOI (DESIGN.md).
    public static let all: [Work] = {
        var seen: Set<String> = []
        var works: [Work] = []
        let parser = DepositParser()
        for file in files() {
            guard let bytes = FileManager.default.contents(atPath: file.path) else { continue }
            var kept = 0
            parser.parse([UInt8](bytes)) { outcome in
                guard kept < recordsPerFile, case .record(let record) = outcome, record.partialFields == nil,
                      let doi = Identifiers.doi(record.work.DOI), seen.insert(doi).inserted else { return }
                var work = record.work
                work.DOI = doi
                works.append(work)
                kept += 1
            }
        }
        let notices = works.filter { !($0.updateTo ?? []).isEmpty }
        let others = works.filter { ($0.updateTo ?? []).isEmpty }
        return (notices + others).enumerated().map { offset, work in
            var work = work
            let indexed = firstIndexedMs + Int64(offset) * indexedStepMs
            work.indexed = DateObject(epochMillis: indexed)
            work.created = work.created ?? DateObject(epochMillis: indexed)
            return work
        }
    }()

    /// `Tests/Fixtures/{deposits,oai-pmh,unixsd}/*.xml`, in name order.
    static func files() -> [URL] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        return ["deposits", "oai-pmh", "unixsd"].flatMap { directory -> [URL] in
            let url = fixtures.appendingPathComponent(directory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { $0.hasSuffix(".xml") }.sorted().map { url.appendingPathComponent($0) }
        }
    }
}
