import Foundation
import Testing
import Unixref
import WorkModel

/// `publish` and `replay --files` send one message per record, split by `RecordSplitter`; the
/// worker must read each piece as the parser reads the record inside its page. An OAI-PMH
/// record's header says which of its works the record is about (a series record's metadata also
/// holds a book), so a piece without it made another work and lost the series.
@Suite struct RecordSplitterTests {
    static let keyedWithoutStrayCharacter: Set<String> = ["10.1360/02wd0459\u{FFFD}"]

    @Test(arguments: Fixture.allFiles) func everyPieceParsesToTheWorkItHadInItsPage(_ file: String) throws {
        let bytes = try Fixture.bytes(file)
        let whole = Parsed(bytes)
        let pieces = RecordSplitter().split(bytes)
        var split: [Work] = []
        var failures: [RecordError.Code] = []
        for piece in pieces {
            let parsed = Parsed(piece.xml)
            split += parsed.works
            failures += parsed.failures.map(\.code)
            // The message key is the DOI of the work the piece holds: the OAI header's identifier,
            // which for one record lacks the stray U+FFFD its DOI element (and so its work) carries.
            if let work = parsed.works.first, parsed.works.count == 1, let doi = Identifiers.doi(work.DOI) {
                #expect(piece.doi == (Self.keyedWithoutStrayCharacter.contains(doi) ? String(doi.dropLast()) : doi),
                        "\(file): key \(piece.doi ?? "nil") for \(work.DOI)")
            }
        }
        #expect(split.map(\.DOI) == whole.works.map(\.DOI), "\(file)")
        #expect(split.map(\.jsonBytes) == whole.works.map(\.jsonBytes), "\(file)")
        #expect(failures == whole.failures.map(\.code), "\(file)")
        if file.hasPrefix("oai-pmh/") { #expect(pieces.count == AllFixturesTests.pageCounts[file] ?? 1, "\(file)") }
    }
}
