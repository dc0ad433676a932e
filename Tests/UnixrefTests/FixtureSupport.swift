import Foundation
import Testing
import Unixref
import WorkModel

/// Real records copied from the shared fixtures into `Tests/Fixtures` (see SOURCES.md), bundled
/// as a resource: nothing outside this repository is read at run time.
enum Fixture {
    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// Every fixture file, relative to the fixture root (`oai-pmh/journal.xml`), in name order.
    static let allFiles: [String] = {
        let fm = FileManager.default
        var files: [String] = []
        for dir in ["deposits", "oai-pmh", "unixsd"] {
            let names = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? []
            files += names.filter { $0.hasSuffix(".xml") }.map { "\(dir)/\($0)" }
        }
        return files.sorted()
    }()

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Everything the parser hands out for one fixture file, in order.
    static func parse(_ path: String) throws -> Parsed {
        Parsed(try bytes(path))
    }

    /// The record of `path` whose DOI is `doi` (as the parser normalizes it).
    static func record(_ path: String, doi: String) throws -> ParsedRecord {
        let parsed = try parse(path)
        let matches = parsed.records.filter { $0.work.DOI == doi }
        try #require(matches.count == 1, "\(path) holds \(matches.count) works with DOI \(doi)")
        return matches[0]
    }

    static func work(_ path: String, doi: String) throws -> Work { try record(path, doi: doi).work }

    /// All fixture files parsed once, shared by the tests that walk every file.
    static let everything: [(file: String, parsed: Parsed)] = allFiles.map { file in
        (file, (try? parse(file)) ?? Parsed([]))
    }
}

/// The outcomes of one parse, split by kind but kept in document order too.
struct Parsed {
    var outcomes: [ParseOutcome] = []

    init(_ bytes: [UInt8], parser: DepositParser = DepositParser()) {
        parser.parse(bytes) { outcomes.append($0) }
    }

    init(xml: String) { self.init(Array(xml.utf8)) }

    var records: [ParsedRecord] { outcomes.compactMap { if case .record(let r) = $0 { r } else { nil } } }
    var failures: [RecordError] { outcomes.compactMap { if case .failure(let e) = $0 { e } else { nil } } }
    var works: [Work] { records.map(\.work) }

    /// The single work of a one-record document.
    func only() throws -> ParsedRecord {
        try #require(failures.isEmpty, "unexpected failures: \(failures)")
        try #require(records.count == 1, "expected one record, got \(records.count)")
        return records[0]
    }
}

/// `{"date-parts": [[…]]}` written the way the tests read it: `date(2017, 1, 12)`.
func date(_ y: Int, _ m: Int? = nil, _ d: Int? = nil) -> PartialDate { PartialDate(year: y, month: m, day: d) }

extension RecordWarning {
    static func kinds(_ warnings: [RecordWarning]) -> Set<Kind> { Set(warnings.map(\.kind)) }
}
