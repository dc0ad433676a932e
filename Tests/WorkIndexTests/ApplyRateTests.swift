import Foundation
import Testing
@testable import WorkIndex
import WorkModel

/// Measures `apply` on realistic works ("typical": ~30 terms, ~6 KB JSON; "heavy": ~53 terms,
/// ~8.4 KB); prints, asserts nothing about time. Run it alone in release:
/// `swift test -c release -Xswiftc -enable-testing --filter ApplyRate`.
/// CPU time of the whole process (user + system), to tell computing from waiting on the disk.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

@Suite("Apply rate", .serialized)
struct ApplyRateTests {
    @Test(arguments: ["typical", "heavy"])
    func measureApplyRate(profile: String) throws {
        let index = try TestIndex()
        #if DEBUG
        let total = 2_000  // a smoke run; the number worth reading comes from a release build
        #else
        let total = 20_000
        #endif
        let batchSize = 500
        let works = (0..<total).map {
            profile == "heavy" ? Fixtures.realistic($0, version: 1_600_000_000_000) : Fixtures.typical($0, version: 1_600_000_000_000)
        }
        let jsonBytes = works.prefix(100).map(\.jsonBytes.count).reduce(0, +) / 100
        let terms = works.prefix(100).map { WorkTerms.extract($0).count }.reduce(0, +) / 100

        func run(_ label: String, _ make: (Int) -> IncomingWork) throws -> Double {
            let batches = stride(from: 0, to: total, by: batchSize).map { start in
                IngestBatch(works: (start..<min(start + batchSize, total)).map(make), nowMs: 1_700_000_000_000)
            }
            let clock = ContinuousClock()
            let cpuBefore = processCPUSeconds()
            let elapsed = try clock.measure {
                for batch in batches { _ = try index.store.apply(batch) }
            }
            let cpu = processCPUSeconds() - cpuBefore
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = Double(total) / seconds
            print("apply rate \(profile) [\(label)]: \(Int(rate)) works/s (\(total) works in \(String(format: "%.2f", seconds)) s wall, \(String(format: "%.2f", cpu)) s CPU, batches of \(batchSize), ~\(jsonBytes) B JSON, ~\(terms) terms)")
            return rate
        }

        _ = try run("create") { Fixtures.incoming(works[$0], version: 1_600_000_000_000, depositedAtMs: 1_699_999_999_000) }
        _ = try run("duplicate") { Fixtures.incoming(works[$0], version: 1_600_000_000_000) }
        _ = try run("update") { i in
            var work = works[i]
            work.deposited = DateObject(epochMillis: 1_600_000_001_000)
            work.isReferencedByCount += 1
            return Fixtures.incoming(work, version: 1_600_000_001_000)
        }
        _ = try run("update, new title") { i in
            var work = works[i]
            work.title = [work.title![0] + " revised"]
            work.deposited = DateObject(epochMillis: 1_600_000_002_000)
            return Fixtures.incoming(work, version: 1_600_000_002_000)
        }
        #expect(try index.store.status().works == total)
    }
}
