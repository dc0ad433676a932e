import Ingest
import Kafka

/// Hand-written member deposits (`doi_batch`) for the tests that index through the worker.
public enum MemberDeposit {
    /// A one-article `doi_batch`. `timestamp` is both the batch's and doi_data's (the version),
    /// e.g. `20240201120000`; `updates` makes it a Crossmark notice.
    public static func article(doi: String, title: String, batchID: String, timestamp: String,
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
    public static func message(_ xml: [UInt8], key: String, depositedAt: String? = nil, partition: Int32? = nil,
                               topic: String = "deposits") -> OutgoingMessage {
        var headers = [KafkaHeader(name: DepositHeaders.contentType, string: DepositHeaders.deposit)]
        if let depositedAt { headers.append(KafkaHeader(name: DepositHeaders.depositedAt, string: depositedAt)) }
        return OutgoingMessage(topic: topic, key: key, value: xml, headers: headers, partition: partition)
    }
}
