import Foundation
import Testing
@testable import WorkIndex
import WorkModel

/// Where an apply spends its time outside SQLite: prints, asserts nothing.
@Suite("Apply rate breakdown")
struct ApplyBreakdownTests {
    @Test func measureWorkPreparation() throws {
        #if DEBUG
        let count = 1_000
        #else
        let count = 20_000
        #endif
        let works = (0..<count).map { Fixtures.realistic($0) }
        let clock = ContinuousClock()
        func time(_ label: String, _ body: (Work) -> Int) {
            var sink = 0
            let elapsed = clock.measure { for work in works { sink &+= body(work) } }
            print("breakdown [\(label)]: \(elapsed / works.count) per work (sink \(sink % 10))")
        }
        time("render JSON") { $0.jsonBytes.count }
        time("render + scan + hash") { work in
            let members = JSONObjectMembers(work.jsonBytes)!
            return ContentHash.hex(members.bytes(without: "indexed")).count
        }
        time("terms") { WorkTerms.extract($0).count }
        time("search text") { WorkSearchText.make($0).everything.count }
        time("event JSON") { work in
            ChangeEvent(id: work.DOI + "@1", DOI: work.DOI, kind: .created, changedFields: ["a", "b"], member: work.member,
                        type: work.type, deposited: work.deposited, indexed: DateObject(epochMillis: 1), version: 1,
                        source: Fixtures.source).jsonBytes.count
        }
    }
}
