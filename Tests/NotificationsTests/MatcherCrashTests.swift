import AsyncTestSupport
import Foundation
import Kafka
import Notifications
import Testing
import ReadSideTestSupport
import WorkIndex
import WorkModel

/// Issue 5: the matcher binary SIGKILLed mid-stream and restarted loses and repeats nothing.
/// Every notification of every alert and window, over both runs, lists exactly the works the
/// alert's filter selects, each once.
@Suite(.timeLimit(.minutes(4))) struct MatcherCrashTests {
    static let cases = ["funder:100000001", "member:78,member:311", "has-license:true", "prefix:10.1016", "type:journal-article"]

    @Test func killingTheMatcherMidStreamThenRestartingLosesAndRepeatsNothing() async throws {
        let binary = try AlertPaths.requireBinary()
        let env = try AlertEnvironment()
        defer { env.stop() }
        let index = try WrittenIndex(works: SampleWorks.all)
        let filters = Self.cases
        try await env.save(try filters.enumerated().map { i, filter in
            try AlertSubscriptionParser.parse([("filter", filter), ("window-ms", "1000")], id: "alert-\(i)", owner: "tests",
                                              created: "2020-01-01T00:00:00Z")
        })
        // Windows of one second, all over by the time they are read, every work changing in each.
        let windows = 40
        let base = (Int64(Date().timeIntervalSince1970 * 1000) / 1000 - 600) * 1000
        let dois = SampleWorks.all.map { Identifiers.doi($0.DOI)! }
        let events = (0..<windows).flatMap { w in
            dois.enumerated().map { i, doi in changeEvent(doi, indexed: base + Int64(w) * 1000 + Int64(i * 31 % 1000), sequence: w) }
        }
        let messages = events.map { OutgoingMessage(topic: ChangeStream.topic, key: $0.DOI, value: $0.jsonBytes) }

        let state = env.path("state.sqlite")
        func matcher(_ name: String, exitWhenIdle: Bool) throws -> WorkerProcess {
            try WorkerProcess(binary: binary, arguments: [
                "alerts", "match", "--brokers", env.broker.bootstrapServers, "--index", index.path, "--state", state,
                "--group", "crash", "--grace-ms", "0", "--kafka", "log_level=3",
            ] + (exitWhenIdle ? ["--exit-when-idle", "3"] : []), log: env.directory.appendingPathComponent("\(name).log"))
        }

        // 1. Publish in slices while the matcher runs; SIGKILL it once it has sent some notifications.
        let producer = try KafkaProducer(configuration: env.kafka, logger: alertTestLogger)
        let first = try matcher("killed", exitWhenIdle: false)
        let slices = stride(from: 0, to: messages.count, by: messages.count / 10).map { messages[$0..<min($0 + messages.count / 10, messages.count)] }
        for (n, slice) in slices.enumerated() {
            _ = try await producer.send(Array(slice))
            if n == 3 {
                // Killed once it has sent notifications, with most of the stream still to come.
                try await waitUntil("the matcher's first notifications", timeout: .seconds(90)) {
                    ((try? await MatcherState(path: state).counts())?.sent ?? 0) > 0
                }
                first.kill()
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await producer.close()
        let killed = try await first.wait(timeout: .seconds(10))
        try #require(killed.reason == .uncaughtSignal, "the matcher ended before it was killed: \(first.logTail)")

        // 2. Restart with the same group and state, until idle.
        let second = try matcher("restarted", exitWhenIdle: true)
        let exit = try await second.wait(timeout: .seconds(120))
        #expect(exit.reason == .exit && exit.status == 0, "restart exited \(exit): \(second.logTail)")

        let notifications = try await env.notifications()
        #expect(Set(notifications.map(\.id)).count == notifications.count, "a notification id was sent twice")
        for (i, filter) in filters.enumerated() {
            let expected = Set(try #require(FilterCases.all.first { $0.filter == filter }).expectedDOIs.map { Identifiers.doi($0) ?? $0 })
            let byWindow = Dictionary(grouping: notifications.filter { $0.alertID == "alert-\(i)" }, by: \.window.start)
            #expect(byWindow.count == windows, "\(filter): \(byWindow.count) windows notified of \(windows)")
            for (start, sent) in byWindow {
                let listed = sent.flatMap(\.DOIs)
                #expect(listed.count == Set(listed).count, "\(filter) \(start): a DOI was notified twice")
                #expect(Set(listed) == expected, "\(filter) \(start): missing \(expected.subtracting(listed).sorted())")
            }
        }
    }
}
