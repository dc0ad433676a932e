import AsyncTestSupport
import Foundation
import Ingest
import Kafka
import Testing
import WorkIndex

/// DESIGN.md "Delivery": a crash anywhere replays from the last committed offset; the version
/// guard turns the replay into no-ops and the outbox still holds undelivered events. Here the
/// crash is a real SIGKILL of the real binary in the middle of its batches.
@Suite(.timeLimit(.minutes(3))) struct WorkerCrashTests {
    @Test func killingTheWorkerMidBatchThenRestartingLosesNothing() async throws {
        let binary = try Paths.requireBinary()
        // ~16 KB records: 10 partitions keep each under the local broker's 5 MiB window.
        let env = try IngestEnvironment(partitions: 10)
        defer { env.stop() }
        let corpus = try await env.publishUnixsd(count: 2000, tag: "crash")
        try env.requireNothingEvicted()
        let brokers = env.broker.bootstrapServers
        let expected = Set(corpus.map(\.doi))

        // 1. Run, and SIGKILL the process once it is writing batches.
        let index = env.indexPath("crashed")
        let group = uniqueGroup("crash")
        // Batches of 100: twenty of them, so the kill lands mid-stream however fast the machine is.
        let crashed = try WorkerProcess.run(binary: binary, brokers: brokers, index: index, group: group, idleSeconds: 3,
                                            log: env.directory.appendingPathComponent("crashed.log"), options: ["--batch-size", "100"])
        let watched = try await openOnceWritten(index)
        try await waitUntil("the worker's first batch", timeout: .seconds(60)) { try watched.status().works > 0 }
        // The next batches are being read and written by now. (After 700 ms the worker had
        // finished all 2,000 twice in 6 runs beside other worker suites: this test's own task can
        // wait its turn for a while on a loaded machine.)
        try await Task.sleep(for: .milliseconds(150))
        crashed.kill()
        let killed = try await crashed.wait(timeout: .seconds(10))
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "\(killed)")
        let atKill = try watched.status()
        try #require(atKill.works < corpus.count, "the worker finished before it was killed; publish more messages")

        // 2. Restart to completion with the same group and index.
        let restarted = try WorkerProcess.run(binary: binary, brokers: brokers, index: index, group: group, idleSeconds: 3,
                                              log: env.directory.appendingPathComponent("restarted.log"))
        let exit = try await restarted.wait(timeout: .seconds(120))
        #expect(exit.reason == .exit && exit.status == 0, "restart exited \(exit): \(restarted.logTail)")

        let store = try SQLiteWorkStore(path: index)
        let status = try store.status()
        #expect(status.works == corpus.count, "killed at \(atKill.works) works")
        #expect(status.outboxDepth == 0)
        #expect(status.deadLetters.total == 0)
        var missing: [String] = []
        for doi in expected where try store.work(doi: doi) == nil { missing.append(doi) }
        #expect(missing.count == 0, "lost: \(missing.prefix(5))")

        // Every work has its change event; a repeat after the crash keeps its id (at-least-once).
        let changes = try await consumeAll(env, topic: IngestEnvironment.changes, timeout: .seconds(60)) { messages in
            Set(messages.compactMap(\.keyString)).isSuperset(of: expected)
        }
        let events = try checkChangeEvents(changes, scratch: env.directory)
        let withEvent = Set(events.map(\.event.DOI))
        #expect(withEvent == expected, "\(expected.subtracting(withEvent).count) works without a change event")
        let idsByDOI = Dictionary(grouping: events, by: \.event.DOI).mapValues { Set($0.map(\.event.id)) }
        let several = idsByDOI.filter { $0.value.count != 1 }
        #expect(several.count == 0, "DOIs with more than one event id: \(several.prefix(3))")

        // 3. An uninterrupted reference run gives the same works.
        let reference = env.indexPath("reference")
        let clean = try WorkerProcess.run(binary: binary, brokers: brokers, index: reference, group: uniqueGroup("reference"),
                                          idleSeconds: 3, log: env.directory.appendingPathComponent("reference.log"))
        let cleanExit = try await clean.wait(timeout: .seconds(120))
        #expect(cleanExit.reason == .exit && cleanExit.status == 0, "reference exited \(cleanExit): \(clean.logTail)")
        // What an operator (and Scripts/demo, before it publishes) waits for.
        #expect(try String(contentsOf: clean.log, encoding: .utf8).contains("assigned partitions deposits[0-9]"))
        let referenceStore = try SQLiteWorkStore(path: reference)
        #expect(try referenceStore.status().works == corpus.count)
        var different: [String] = []
        for doi in expected.sorted() {
            guard let a = try store.work(doi: doi), let b = try referenceStore.work(doi: doi) else { different.append(doi); continue }
            if try jsonWithoutIndexed(a.json) != jsonWithoutIndexed(b.json) || a.version != b.version { different.append(doi) }
        }
        #expect(different.count == 0, "works that differ from the reference run: \(different.prefix(5))")
    }

    private func jsonWithoutIndexed(_ bytes: [UInt8]) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        object["indexed"] = nil
        return object as NSDictionary
    }
}
