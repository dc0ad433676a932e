import AsyncTestSupport
import Foundation
import Kafka
import Testing

/// `deposit-indexer broker`, the local broker the demo and a developer start by hand: run from
/// any directory, it creates every topic of Topics/, writes its address where asked, and stops on
/// SIGTERM, removing the address it wrote.
@Suite(.timeLimit(.minutes(2))) struct BrokerCommandTests {
    @Test func theBrokerRunsFromAnyDirectoryWithEveryTopic() async throws {
        let binary = try Paths.requireBinary()
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("broker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let bootstrapFile = elsewhere.appendingPathComponent("broker.txt")
        let broker = try WorkerProcess(binary: binary, arguments: ["broker", "--bootstrap-file", bootstrapFile.path],
                                       directory: elsewhere, log: elsewhere.appendingPathComponent("broker.log"))
        var address = ""
        try await waitUntil("the broker's bootstrap file", timeout: .seconds(30)) {
            address = (try? String(contentsOf: bootstrapFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return !address.isEmpty || !broker.process.isRunning
        }
        try #require(!address.isEmpty, "the broker stopped: \(broker.logTail)")

        let specs = try TopicCatalog.load(directory: Paths.repository.appendingPathComponent("Topics"))
        #expect(specs.count >= 6)
        let missing = try KafkaAdmin.missingTopics(configuration: KafkaConfiguration(brokers: address, overrides: [:]),
                                                   topics: specs.map(\.name), logger: quietLogger)
        #expect(missing.isEmpty, "missing topics: \(missing)")

        broker.terminate()
        let exit = try await broker.wait(timeout: .seconds(20))
        #expect(exit.reason == .exit && exit.status == 0, "\(broker.logTail)")
        #expect(!FileManager.default.fileExists(atPath: bootstrapFile.path), "the bootstrap file outlived its broker")
    }
}
