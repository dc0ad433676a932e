import Foundation
import Kafka
import Logging
import Unixref
import WorkIndex

/// Rebuilds an index straight from deposit files, through the same decoder and store as the
/// worker (no broker involved): each file's records become messages of a synthetic topic.
public struct FileReplay: Sendable {
    let store: any WorkStore
    let settings: PipelineConfiguration
    let logger: Logger

    public init(store: any WorkStore, settings: PipelineConfiguration, logger: Logger) {
        self.store = store; self.settings = settings; self.logger = logger
    }

    public func run(paths: [String]) async throws -> Int {
        let files = try DepositFile.expand(paths)
        let pipeline = DepositPipeline(consumer: NoConsumer(), deadLetters: DiscardingSink(), store: store,
                                       configuration: settings, logger: logger)
        var offset: Int64 = 0
        var batch: [KafkaMessage] = []
        for file in files {
            for piece in RecordSplitter().split(try file.readAll()) {
                batch.append(KafkaMessage(topic: "files", partition: 0, offset: offset, key: piece.doi.map { Array($0.utf8) },
                                          value: piece.xml, headers: [KafkaHeader(name: DepositHeaders.contentType, string: piece.contentType)],
                                          timestamp: Int64(Date().timeIntervalSince1970 * 1000)))
                offset += 1
                if batch.count >= settings.maxBatchMessages { try await pipeline.process(batch); batch.removeAll() }
            }
        }
        if !batch.isEmpty { try await pipeline.process(batch) }
        return Int(offset)
    }
}

/// The file replay commits nothing anywhere.
struct NoConsumer: DepositConsumer {
    func poll(maxMessages: Int, maxBytes: Int, maxWait: Duration) async throws -> [KafkaMessage] { [] }
    func commit(_ offsets: [TopicPartitionOffset]) throws {}
}
