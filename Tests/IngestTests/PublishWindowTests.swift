import Foundation
import Ingest
import Kafka
import Testing
import Unixref

/// `publish` keeps several files in flight: the next file is split and handed to the producer
/// while earlier ones wait for the broker. What a user relies on stays: every version of a work
/// reaches its partition in file order, outcomes come back in file order, and an unreadable file
/// is reported without stopping the others.
@Suite(.timeLimit(.minutes(2))) struct PublishWindowTests {
    @Test func filesInFlightKeepTheirOrderAndAnUnreadableOneIsReportedInPlace() async throws {
        let env = try IngestEnvironment(partitions: 3)
        defer { env.stop() }
        let directory = env.directory.appendingPathComponent("publish-window")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let original = try String(contentsOf: Paths.fixture("unixsd/crossref-unixsd-040dc2d2-7047-4aad-8572-bb535140f334.xml"), encoding: .utf8)
        // Six versions of one record (same DOI, so the same partition), told apart by their title.
        var paths = try (0..<6).map { copy in
            let file = directory.appendingPathComponent("copy-\(copy).xml")
            let text = original.replacingOccurrences(of: "<title>Effects of", with: "<title>Copy \(copy) Effects of")
            try Data(text.utf8).write(to: file)
            return file.path
        }
        let missing = directory.appendingPathComponent("missing.xml").path
        paths.insert(missing, at: 3)

        let producer = try env.producer()
        let publisher = DepositPublisher(producer: producer, topic: IngestEnvironment.deposits)
        var outcomes: [(path: String, sent: Int?)] = []
        let totals = try await publisher.publish(paths.map { DepositFile(path: $0) }, window: 2) { file, outcome in
            switch outcome {
            case .success(let sent): outcomes.append((file.path, sent.messages))
            case .failure: outcomes.append((file.path, nil))
            }
        }
        try await producer.close()

        #expect(outcomes.map(\.path) == paths, "outcomes in file order")
        #expect(outcomes.filter { $0.sent == nil }.map(\.path) == [missing])
        #expect(outcomes.compactMap(\.sent) == Array(repeating: 1, count: 6), "one message per file, each confirmed")
        #expect(totals.messages == 6 && totals.unreadable == 1)

        let messages = try await consumeAll(env, topic: IngestEnvironment.deposits) { $0.count >= 6 }
        #expect(messages.count == 6)
        #expect(Set(messages.map(\.partition)).count == 1, "one key, one partition")
        let copies = messages.sorted { $0.offset < $1.offset }.compactMap { message -> Int? in
            let text = String(decoding: message.value, as: UTF8.self)
            return (0..<6).first { text.contains("<title>Copy \($0) Effects of") }
        }
        #expect(copies == Array(0..<6), "the versions in the order of their files")
        // Each file is submitted after the one before, even within one millisecond: of two
        // deposits of a DOI at one version, the index keeps the one submitted later.
        let stamps = messages.sorted { $0.offset < $1.offset }.compactMap { $0.header(DepositHeaders.depositedAt) }
        #expect(stamps.count == 6)
        #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $0 < $1 }, "\(stamps)")
    }
}
