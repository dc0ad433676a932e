import Foundation
import GRDB
@testable import WorkIndex
import WorkModel

/// A fresh directory per test, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "workindex-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A store on a real SQLite file in its own temporary directory.
struct TestIndex {
    let directory: TemporaryDirectory
    let store: SQLiteWorkStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteWorkStore.create(at: directory.file("index.sqlite"))
    }

    @discardableResult
    func apply(_ works: [IncomingWork], deadLetters: [DeadLetterRecord] = [], reindex: Bool = false, nowMs: Int64) throws -> BatchOutcome {
        try store.apply(IngestBatch(works: works, deadLetters: deadLetters, reindex: reindex, nowMs: nowMs))
    }

    func json(_ doi: String) throws -> [String: Any]? {
        guard let stored = try store.work(doi: doi) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(stored.json)) as? [String: Any]
    }

    func decoded(_ doi: String) throws -> Work? {
        guard let stored = try store.work(doi: doi) else { return nil }
        return try JSONDecoder().decode(Work.self, from: Data(stored.json))
    }

    func outboxCount() throws -> Int {
        try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    func terms(_ doi: String) throws -> [WorkTerm] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT field, value, grp, num FROM work_terms
                WHERE work_id = (SELECT id FROM works WHERE doi = ?) ORDER BY field, value, grp
                """, arguments: [doi]).map { WorkTerm(field: $0[0], value: $0[1], grp: $0[2], num: $0[3]) }
        }
    }

    func ftsMatches(_ query: String) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT works.doi FROM works_fts JOIN works ON works.id = works_fts.rowid
                WHERE works_fts MATCH ? ORDER BY works.doi
                """, arguments: [query])
        }
    }
}

enum Fixtures {
    static let source = SourceCoordinates(topic: "deposits", partition: 0, offset: 0, depositID: "dep-1")

    static func source(offset: Int64) -> SourceCoordinates {
        SourceCoordinates(topic: "deposits", partition: 0, offset: offset, depositID: "dep-\(offset)")
    }

    static func incoming(_ work: Work, version: Int64, partial: Set<String>? = nil, offset: Int64 = 0,
                         depositedAtMs: Int64? = nil) -> IncomingWork {
        IncomingWork(work: work, version: version, partialFields: partial, source: source(offset: offset),
                     depositedAtMs: depositedAtMs)
    }

    /// A small journal article.
    static func article(_ doi: String, title: String = "A title", version: Int64 = 1_600_000_000_000) -> Work {
        var work = Work(DOI: doi, type: "journal-article")
        work.member = "311"
        work.publisher = "Example Press"
        work.title = [title]
        work.containerTitle = ["Journal of Examples"]
        work.issued = PartialDate(year: 2020, month: 5)
        work.published = work.issued
        work.deposited = DateObject(epochMillis: version)
        return work
    }

    /// A Crossmark notice (e.g. a retraction) that updates `targets`.
    static func notice(_ doi: String, updating targets: [String], type: String = "retraction", version: Int64 = 1_600_000_000_000) -> Work {
        var work = article(doi, title: "Retraction notice", version: version)
        work.updateTo = targets.map {
            Update(DOI: $0, type: type, label: Update.displayLabel(forType: type), updated: DateObject(epochMillis: 1_650_000_000_000))
        }
        return work
    }

    /// A valid ORCID iD (right check digit) derived from `n`.
    static func orcid(_ n: Int) -> String {
        let base = String(String(n).reversed()).padding(toLength: 15, withPad: "0", startingAt: 0)
        var total = 0
        for c in base.utf8 { total = (total + Int(c - 48)) * 2 }
        let check = (12 - total % 11) % 11
        let digits = base + (check == 10 ? "X" : String(check))
        let chars = Array(digits)
        return "https://orcid.org/" + [0, 4, 8, 12].map { String(chars[$0..<($0 + 4)]) }.joined(separator: "-")
    }

    /// The brief's "typical" work: `realistic` with 3 authors (2 ORCIDs), one funder, one
    /// license and one link: ~30 terms, ~6 KB of JSON.
    static func typical(_ n: Int, version: Int64 = 1_600_000_000_000) -> Work {
        var work = realistic(n, version: version)
        work.author = Array(work.author!.prefix(3))
        work.author![2].ORCID = nil
        work.author![2].authenticatedOrcid = nil
        work.funder = Array(work.funder!.prefix(1))
        work.license = Array(work.license!.prefix(1))
        work.link = Array(work.link!.prefix(1))
        work.assertion = Array(work.assertion!.prefix(1))
        work.reference = Array(work.reference!.prefix(15))
        work.referencesCount = 15
        work.referenceCount = 15
        return work
    }

    /// A realistic full article: 5 authors with ORCIDs and affiliations, 2 ISSNs, 2 funders with
    /// awards, 2 licenses, 2 links, Crossmark data, 25 references and an abstract (~5–8 KB of JSON,
    /// ~40 terms).
    static func realistic(_ n: Int, version: Int64 = 1_600_000_000_000, titleSuffix: String = "") -> Work {
        var work = Work(DOI: "10.5555/bench.\(n)", type: "journal-article")
        work.prefix = "10.5555"
        work.member = String(1000 + n % 50)
        work.publisher = "Example Publisher \(n % 20)"
        work.deposited = DateObject(epochMillis: version)
        work.isReferencedByCount = n % 37
        work.title = ["Observations of phenomenon \(n) in coupled oscillator networks under noise\(titleSuffix)"]
        work.containerTitle = ["Journal of Example Studies \(n % 100)"]
        work.shortContainerTitle = ["J. Ex. Stud. \(n % 100)"]
        let families = ["García", "Müller", "Nakamura", "Okafor", "Smith", "Ivanova", "Chen", "Dubois"]
        work.author = (0..<5).map { i in
            Contributor(given: "Author\(i)", family: families[(n + i) % families.count], sequence: i == 0 ? "first" : "additional",
                        affiliation: [Affiliation(name: "University of Example \((n + i) % 40)")],
                        ORCID: i < 3 ? orcid(n * 10 + i) : nil, authenticatedOrcid: i < 3 ? (i == 0) : nil)
        }
        let day = PartialDate(year: 2015 + n % 10, month: 1 + n % 12, day: 1 + n % 28)
        work.issued = day
        work.published = day
        work.publishedOnline = day
        work.publishedPrint = PartialDate(year: 2015 + n % 10, month: 1 + n % 12)
        work.volume = String(n % 80)
        work.issue = String(n % 12)
        work.page = "\(n % 500)-\(n % 500 + 12)"
        work.ISSN = ["1234-5679", "2049-3630"]
        work.issnType = [TypedIdentifier(value: "1234-5679", type: "print"), TypedIdentifier(value: "2049-3630", type: "electronic")]
        work.language = "en"
        let start = DateObject(day: day)
        work.license = [
            License(URL: "http://creativecommons.org/licenses/by/4.0/", start: start, delayInDays: 0, contentVersion: "vor"),
            License(URL: "https://www.elsevier.com/tdm/userlicense/1.0/", start: start, delayInDays: 30, contentVersion: "tdm"),
        ]
        work.resource = Resource(primaryURL: "https://example.org/articles/\(n)")
        work.link = [
            Link(URL: "https://example.org/articles/\(n).pdf", contentType: "application/pdf", contentVersion: "vor", intendedApplication: "text-mining"),
            Link(URL: "https://example.org/articles/\(n).xml", contentType: "text/xml", contentVersion: "vor", intendedApplication: "similarity-checking"),
        ]
        work.funder = [
            Funder(name: "National Science Foundation", DOI: "10.13039/100000001", award: ["CBET-0756451", "DMS-\(n)"], doiAssertedBy: "publisher"),
            Funder(name: "Wellcome Trust", DOI: "10.13039/100004440", award: ["WT\(n)"], doiAssertedBy: "publisher"),
        ]
        work.updatePolicy = "https://doi.org/10.5555/crossmark-policy"
        work.contentDomain = ContentDomain(domain: ["example.org"], crossmarkRestriction: true)
        work.assertion = [
            Assertion(value: "2020-01-0\(1 + n % 9)", name: "received", label: "Received", group: .init(name: "publication_history", label: "Publication History"), order: 0),
            Assertion(value: "Single-blind", name: "peerreview_method", label: "Peer review method", group: .init(name: "peer_review", label: "Peer Review"), order: 1),
        ]
        work.reference = (0..<25).map { i in
            var ref = Reference(key: "10.5555/bench.\(n)_ref\(i)")
            ref.DOI = "10.1000/ref.\((n + i) % 10_000)"
            ref.doiAssertedBy = "crossref"
            ref.unstructured = "Author A, Author B. A cited article number \(i) about coupled systems. J Examples. 20\(10 + i % 10);\(i):1-10."
            return ref
        }
        work.referencesCount = 25
        work.referenceCount = 25
        work.abstract = "<jats:p>We report observations of phenomenon \(n) in networks of coupled oscillators subject to noise. "
            + "Using a combination of numerical simulation and analytic approximation we characterise the transition "
            + "between synchronised and incoherent states, and show that the critical coupling scales with the noise "
            + "intensity as predicted by mean-field theory.</jats:p>"
        return work
    }
}
