import Foundation
import Testing
@testable import WorkIndex
import WorkModel

@Suite("Replay into a new file and swap it in")
struct SwapTests {
    @Test func swapKeepsOldReadersAndServesTheNewIndexToNewOnes() throws {
        let directory = try TemporaryDirectory()
        let live = directory.file("index.sqlite")
        let generation1 = directory.file("index-1.sqlite")
        let generation2 = directory.file("index-2.sqlite")

        // The live path is a link from the start, so every generation keeps its own WAL.
        let first = try SQLiteWorkStore.create(at: generation1)
        _ = try first.apply(IngestBatch(works: [Fixtures.incoming(Fixtures.article("10.5555/a", title: "old"), version: 1)], nowMs: 1))
        try first.close()
        #expect(try SQLiteWorkStore.swapIn(newPath: generation1, livePath: live) == nil)

        let oldReader = try SQLiteWorkStore(path: live)
        #expect(try oldReader.work(doi: "10.5555/a") != nil)

        // Replay into a new file.
        let replay = try SQLiteWorkStore.create(at: generation2)
        _ = try replay.apply(IngestBatch(works: [Fixtures.incoming(Fixtures.article("10.5555/b", title: "new"), version: 1)], reindex: true, nowMs: 2))
        try replay.close()
        #expect(throws: WorkIndexError.self) { try SQLiteWorkStore.create(at: generation2) }

        let previous = try SQLiteWorkStore.swapIn(newPath: generation2, livePath: live)
        #expect(previous == generation1)

        // The old store still reads the old file.
        #expect(try oldReader.work(doi: "10.5555/a") != nil)
        #expect(try oldReader.work(doi: "10.5555/b") == nil)

        // A new store at the live path reads and writes the new one, with the new file's WAL.
        let fresh = try SQLiteWorkStore(path: live)
        #expect(try fresh.work(doi: "10.5555/b") != nil)
        #expect(try fresh.work(doi: "10.5555/a") == nil)
        _ = try fresh.apply(IngestBatch(works: [Fixtures.incoming(Fixtures.article("10.5555/c"), version: 1)], nowMs: 3))
        #expect(FileManager.default.fileExists(atPath: generation2 + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: live + "-wal"))
        #expect(try oldReader.work(doi: "10.5555/c") == nil)
        try oldReader.close()
        try fresh.close()
    }

    @Test func swappingAMissingFileFailsAndLeavesTheLiveIndex() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: WorkIndexError.self) {
            try SQLiteWorkStore.swapIn(newPath: directory.file("missing.sqlite"), livePath: directory.file("index.sqlite"))
        }
    }
}
