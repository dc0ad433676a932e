import Foundation
import Ingest
import Kafka
import Unixref
import WorkModel

/// Hand-written member deposits and generated unixsd records for the tests.
enum Deposits {
    /// A one-article `doi_batch`. `timestamp` is both the batch's and doi_data's (the version),
    /// e.g. `20240201120000`; `updates` makes it a Crossmark notice.
    static func article(doi: String, title: String, batchID: String, timestamp: String,
                        updates: [(type: String, date: String, target: String)] = []) -> [UInt8] {
        let crossmark = updates.isEmpty ? "" : """
              <crossmark>
                <crossmark_version>1</crossmark_version>
                <crossmark_policy>10.5555/crossmark_policy</crossmark_policy>
                <updates>
            \(updates.map { "        <update type=\"\($0.type)\" date=\"\($0.date)\">\($0.target)</update>" }.joined(separator: "\n"))
                </updates>
              </crossmark>
            """
        return Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <doi_batch xmlns="http://www.crossref.org/schema/4.4.2" version="4.4.2">
              <head><doi_batch_id>\(batchID)</doi_batch_id><timestamp>\(timestamp)</timestamp></head>
              <body>
                <journal>
                  <journal_metadata language="en"><full_title>Journal of Integration Tests</full_title><issn media_type="electronic">1234-5679</issn></journal_metadata>
                  <journal_article publication_type="full_text">
                    <titles><title>\(title)</title></titles>
                    <publication_date media_type="online"><month>01</month><day>02</day><year>2020</year></publication_date>
            \(crossmark)
                    <doi_data><doi>\(doi)</doi><timestamp>\(timestamp)</timestamp><resource>https://example.org/\(doi)</resource></doi_data>
                  </journal_article>
                </journal>
              </body>
            </doi_batch>
            """.utf8)
    }

    /// A deposit message as `publish` sends it.
    static func message(_ xml: [UInt8], key: String, depositedAt: String? = nil, partition: Int32? = nil) -> OutgoingMessage {
        var headers = [KafkaHeader(name: DepositHeaders.contentType, string: DepositHeaders.deposit)]
        if let depositedAt { headers.append(KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt)) }
        return OutgoingMessage(topic: IngestEnvironment.deposits, key: key, value: xml, headers: headers, partition: partition)
    }

    /// `count` realistic unixsd records: the fixture records repeated, every copy with its own DOI
    /// (every `<doi>` element holding the record's DOI — the query's first one — gets a `-<tag><n>`
    /// suffix; the work's doi_data is not always the second `<doi>`: an issue's may come first).
    static func unixsdCorpus(count: Int, tag: String) throws -> [(doi: String, xml: [UInt8])] {
        let sources = try Paths.fixtureFiles("unixsd").map { try String(contentsOf: $0, encoding: .utf8) }
        let pattern = try NSRegularExpression(pattern: "(<doi[^>]*>)(10\\.[^<]+)(</doi>)")
        let parser = DepositParser()
        var corpus: [(doi: String, xml: [UInt8])] = []
        corpus.reserveCapacity(count)
        var n = 0
        while corpus.count < count {
            for source in sources where corpus.count < count {
                let suffix = "-\(tag)\(n)"
                let ns = source as NSString
                var text = source
                let matches = pattern.matches(in: source, range: NSRange(location: 0, length: ns.length))
                guard let first = matches.first else { throw CorpusError(detail: "a unixsd fixture without a <doi>") }
                let recordDOI = ns.substring(with: first.range(at: 2)).lowercased()
                for match in matches.reversed() where ns.substring(with: match.range(at: 2)).lowercased() == recordDOI {
                    let doiRange = match.range(at: 2)
                    text = (text as NSString).replacingCharacters(in: doiRange, with: ns.substring(with: doiRange) + suffix)
                }
                let xml = Array(text.utf8)
                let doi = recordDOI + suffix.lowercased()
                if n < sources.count {
                    // The rewrite is the same for every copy: checking the first round is enough.
                    var parsed: String?
                    parser.parse(xml) { if case .record(let r) = $0 { parsed = Identifiers.doi(r.work.DOI) } }
                    guard parsed == doi else {
                        throw CorpusError(detail: "a rewritten unixsd record parsed to DOI \(parsed ?? "none"), not \(doi)")
                    }
                }
                corpus.append((doi, xml))
                n += 1
            }
        }
        return corpus
    }

    static func unixsdMessages(_ corpus: [(doi: String, xml: [UInt8])], depositedAt: String? = nil) -> [OutgoingMessage] {
        corpus.map {
            var headers = [KafkaHeader(name: DepositHeaders.contentType, string: DepositHeaders.unixsd)]
            if let depositedAt { headers.append(KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt)) }
            return OutgoingMessage(topic: IngestEnvironment.deposits, key: $0.doi, value: $0.xml, headers: headers)
        }
    }

    struct CorpusError: Error, CustomStringConvertible {
        let detail: String
        var description: String { detail }
    }
}
