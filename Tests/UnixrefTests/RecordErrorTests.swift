import Testing
import Unixref
import WorkModel

/// A record that cannot be read fails alone, with its reason; the records around it come out.
@Suite struct RecordErrorTests {
    static func oaiRecord(_ doi: String, title: String = "A title", body: String? = nil) -> String {
        """
        <record>
          <header><identifier>info:doi/\(doi)</identifier></header>
          <metadata><crossref><journal>
            <journal_metadata><full_title>J</full_title></journal_metadata>
            <journal_article>
              \(body ?? "<titles><title>\(title)</title></titles>")
              <doi_data><doi>\(doi)</doi><resource>https://example.org/</resource></doi_data>
            </journal_article>
          </journal></crossref></metadata>
        </record>
        """
    }

    static func oaiPage(_ records: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
        <ListRecords>
        \(records.joined(separator: "\n"))
        </ListRecords>
        </OAI-PMH>
        """
    }

    @Test func aMalformedRecordInTheMiddleOfAPageFailsAlone() throws {
        let page = Self.oaiPage([
            Self.oaiRecord("10.5555/first"),
            Self.oaiRecord("10.5555/broken", body: "<titles><title>Mismatched</titel></titles>"),
            Self.oaiRecord("10.5555/third"),
        ])
        let parsed = Parsed(xml: page)
        #expect(parsed.records.map(\.work.DOI) == ["10.5555/first", "10.5555/third"])
        #expect(parsed.records.map(\.recordIndex) == [0, 2])
        try #require(parsed.failures.count == 1)
        let failure = parsed.failures[0]
        #expect(failure.code == .malformedXML)
        #expect(failure.recordIndex == 1)
        #expect(failure.doi == "10.5555/broken")
        // The bad closing tag is on line 19 of the page.
        let badLine = page.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("</titel>") }.map { $0 + 1 }
        #expect(failure.line == badLine)
        #expect(!failure.message.isEmpty)
        // Outcomes come in document order.
        guard case .record = parsed.outcomes[0], case .failure = parsed.outcomes[1], case .record = parsed.outcomes[2] else {
            Issue.record("outcomes out of order: \(parsed.outcomes)")
            return
        }
    }

    @Test func aRecordWithoutADOIFailsWithItsIndex() throws {
        let noDOI = """
        <record>
          <header><identifier>oai:nothing</identifier></header>
          <metadata><crossref><journal>
            <journal_metadata><full_title>J</full_title></journal_metadata>
            <journal_article><titles><title>No DOI</title></titles><doi_data><resource>https://example.org/</resource></doi_data></journal_article>
          </journal></crossref></metadata>
        </record>
        """
        let parsed = Parsed(xml: Self.oaiPage([Self.oaiRecord("10.5555/a"), noDOI, Self.oaiRecord("10.5555/c")]))
        #expect(parsed.records.map(\.work.DOI) == ["10.5555/a", "10.5555/c"])
        #expect(parsed.failures.map(\.code) == [.missingDOI])
        #expect(parsed.failures.first?.recordIndex == 1)
    }

    @Test func anUnknownEnvelopeIsRefused() {
        let parsed = Parsed(xml: "<html><body><p>not a deposit</p></body></html>")
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.map(\.code) == [.unknownEnvelope])
    }

    @Test func emptyInput() {
        let parsed = Parsed([])
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.map(\.code) == [.empty])
    }

    @Test func notXMLAtAll() {
        let parsed = Parsed(xml: "this is { not: xml }")
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.count == 1)
        #expect(parsed.failures.first?.code == .malformedXML)
    }

    @Test func theParserIsReusableAfterAFailure() throws {
        let parser = DepositParser()
        let bad = Parsed(Array("<doi_records><doi_record><crossref><journal><journal_article></journal></doi_records>".utf8), parser: parser)
        #expect(!bad.failures.isEmpty)
        let good = try Parsed(Array(Self.oaiPage([Self.oaiRecord("10.5555/after")]).utf8), parser: parser).only()
        #expect(good.work.DOI == "10.5555/after")
        #expect(good.work.title == ["A title"])
    }

    @Test func chunkBoundariesDoNotChangeTheResult() throws {
        let bytes = try Fixture.bytes("oai-pmh/crossmark-updates.xml")
        let whole = try Parsed(bytes).only().work
        // The same document fed 7 bytes at a time: text nodes and tags are split across chunks.
        var offset = 0
        var outcomes: [ParseOutcome] = []
        DepositParser().parse(reader: { buffer in
            guard offset < bytes.count else { return false }
            let end = min(bytes.count, offset + 7)
            buffer.append(contentsOf: bytes[offset..<end])
            offset = end
            return true
        }, emit: { outcomes.append($0) })
        guard outcomes.count == 1, case .record(let record) = outcomes[0] else {
            Issue.record("expected one record, got \(outcomes)")
            return
        }
        #expect(record.work == whole)
    }
}
