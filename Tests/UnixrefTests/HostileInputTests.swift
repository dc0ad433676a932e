import Foundation
import Testing
import Unixref
import WorkModel

/// Input built to hurt: each ends quickly with the right failure, never reads a file or the
/// network, and never holds more than one field's worth of text.
@Suite struct HostileInputTests {
    /// Parses and fails the test when it takes longer than `limit` (a generous bound: debug build,
    /// shared machine).
    func parseTimed(_ xml: String, limit: Duration = .seconds(20)) -> Parsed {
        let clock = ContinuousClock()
        var parsed: Parsed!
        let elapsed = clock.measure { parsed = Parsed(xml: xml) }
        #expect(elapsed < limit)
        return parsed
    }

    @Test func externalEntityIsRefusedBeforeItIsRead() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE doi_records [<!ENTITY e SYSTEM "file:///etc/passwd">]>
        <doi_records><doi_record><crossref><journal><journal_metadata><full_title>&e;</full_title></journal_metadata>
        <journal_article><titles><title>&e;</title></titles><doi_data><doi>10.5555/xxe</doi><resource>https://e.org/</resource></doi_data></journal_article>
        </journal></crossref></doi_record></doi_records>
        """
        let parsed = parseTimed(xml)
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.map(\.code) == [.forbiddenDTD])
        // Nothing of the file shows anywhere in what the parser handed out.
        let everything = "\(parsed.outcomes)"
        #expect(!everything.contains("root:"))
        #expect(!everything.contains("/bin/"))
    }

    @Test func externalEntityInsideARecordIsRefusedToo() throws {
        // A DOCTYPE can only come before the document element, but an entity reference without one
        // must not resolve to anything either.
        let parsed = parseTimed("""
        <doi_records><doi_record><crossref><journal><journal_metadata><full_title>J</full_title></journal_metadata>
        <journal_article><titles><title>&passwd;</title></titles><doi_data><doi>10.5555/undeclared</doi><resource>https://e.org/</resource></doi_data></journal_article>
        </journal></crossref></doi_record></doi_records>
        """)
        #expect(!"\(parsed.outcomes)".contains("root:"))
    }

    @Test func billionLaughsIsRefused() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        xml += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for i in 2...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        xml += "]>\n<doi_records><doi_record><crossref><journal><journal_article><titles><title>&lol9;</title></titles>"
        xml += "<doi_data><doi>10.5555/lol</doi></doi_data></journal_article></journal></crossref></doi_record></doi_records>"
        let parsed = parseTimed(xml)
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.map(\.code) == [.forbiddenDTD])
    }

    @Test func hundredMegabyteTitleIsTooLarge() throws {
        // Streamed in 1 MiB chunks: the test never holds the 100 MB either.
        let head = Array("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
            <record><header><identifier>info:doi/10.5555/huge</identifier></header><metadata><crossref><journal>
            <journal_metadata><full_title>J</full_title></journal_metadata><journal_article><titles><title>
            """.utf8)
        let tail = Array("""
            </title></titles><doi_data><doi>10.5555/huge</doi><resource>https://e.org/</resource></doi_data></journal_article>
            </journal></crossref></metadata></record>
            \(RecordErrorTests.oaiRecord("10.5555/after-the-huge-one"))
            </ListRecords></OAI-PMH>
            """.utf8)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        var sent = 0
        var outcomes: [ParseOutcome] = []
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            DepositParser().parse(reader: { buffer in
                defer { sent += 1 }
                switch sent {
                case 0: buffer.append(contentsOf: head)
                case 1...100: buffer.append(contentsOf: chunk)
                case 101: buffer.append(contentsOf: tail)
                default: return false
                }
                return true
            }, emit: { outcomes.append($0) })
        }
        #expect(elapsed < .seconds(30))
        #expect(sent == 103)  // the whole input was read, none of it kept
        let failures = outcomes.compactMap { if case .failure(let e) = $0 { e } else { nil } }
        let records = outcomes.compactMap { if case .record(let r) = $0 { r } else { nil } }
        #expect(failures.map(\.code) == [.recordTooLarge])
        #expect(failures.first?.recordIndex == 0)
        #expect(failures.first?.doi == "10.5555/huge")
        // The next record of the page is still read.
        #expect(records.map(\.work.DOI) == ["10.5555/after-the-huge-one"])
    }

    @Test func aRecordOverTheRecordLimitIsTooLarge() {
        // Many small fields rather than one huge one: the record limit, not the field limit.
        let parser = DepositParser(limits: ParserLimits(maxFieldBytes: 1 << 20, maxRecordBytes: 64 << 10))
        let many = String(repeating: "<citation_list><citation key=\"k\"><unstructured_citation>\(String(repeating: "x", count: 1000))</unstructured_citation></citation></citation_list>", count: 100)
        let page = RecordErrorTests.oaiPage([
            RecordErrorTests.oaiRecord("10.5555/big", body: "<titles><title>T</title></titles>" + many),
            RecordErrorTests.oaiRecord("10.5555/small"),
        ])
        let parsed = Parsed(Array(page.utf8), parser: parser)
        #expect(parsed.failures.map(\.code) == [.recordTooLarge])
        #expect(parsed.records.map(\.work.DOI) == ["10.5555/small"])
    }

    @Test func hundredThousandDeepNestingEndsWithAnError() {
        let depth = 100_000
        var xml = "<doi_records><doi_record><crossref><journal><journal_article><titles><title>"
        xml.reserveCapacity(depth * 7 + 200)
        for _ in 0..<depth { xml += "<i>" }
        for _ in 0..<depth { xml += "</i>" }
        xml += "</title></titles><doi_data><doi>10.5555/deep</doi></doi_data></journal_article></journal></crossref></doi_record></doi_records>"
        let parsed = parseTimed(xml)
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.count == 1)
        #expect(parsed.failures.allSatisfy { $0.code == .tooDeep || $0.code == .malformedXML })
    }

    @Test func deepNestingBeforeAnyRecordIsTooDeep() {
        let depth = 100_000
        var xml = "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
        for _ in 0..<depth { xml += "<x>" }
        let parsed = parseTimed(xml)
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.count == 1)
        #expect(parsed.failures.first?.code == .tooDeep)
    }

    @Test func networkEntitiesAreNeverFetched() {
        // A public id pointing at the network: refused as a DTD, so no fetch is ever attempted.
        let parsed = parseTimed("""
        <!DOCTYPE doi_batch PUBLIC "-//X//Y" "http://127.0.0.1:9/never.dtd">
        <doi_batch><head/><body/></doi_batch>
        """, limit: .seconds(5))
        #expect(parsed.failures.map(\.code) == [.forbiddenDTD])
    }
}
