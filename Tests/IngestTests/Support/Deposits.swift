import Foundation
import Ingest
import Kafka
import Unixref
import WorkModel

/// Generated unixsd records for the tests (hand-written member deposits: `MemberDeposit`).
enum Deposits {
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
