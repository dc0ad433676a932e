import Foundation
import GRDB
@testable import Notifications
import Testing
import WorkIndex

/// The state file is what makes a replay add nothing and a late match still notify.
@Suite struct MatcherStateTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("matcher-state-\(UUID().uuidString.prefix(8))")
    let window = NotificationWindow(start: 1_767_225_600_000, end: 1_767_225_601_000)
    var afterWindow: Int64 { window.end + 10_000 }

    func state() throws -> MatcherState {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try MatcherState(path: directory.appendingPathComponent("state.sqlite").path)
    }

    func match(_ doi: String, _ kind: ChangeEvent.Kind = .created, alert: String = "a1") -> AlertMatch {
        AlertMatch(alertID: alert, window: window, doi: doi, kind: kind)
    }

    func sendAll(_ state: MatcherState) async throws -> [AlertNotification] {
        let unsent = try await state.unsent()
        try await state.markSent(ids: unsent.map(\.id))
        return try unsent.map { try AlertNotification.decode($0.payload) }
    }

    @Test func aReplayedPollRecordsNothing() async throws {
        let state = try state()
        #expect(try await state.record([match("10.1/a"), match("10.1/b")]) == 2)
        #expect(try await state.record([match("10.1/a"), match("10.1/b")]) == 0)
        #expect(try await state.prepareDue(nowMillis: afterWindow, grace: 0) == 1)
        let sent = try await sendAll(state)
        #expect(sent.map(\.DOIs) == [["10.1/a", "10.1/b"]])
        #expect(sent.map(\.id) == ["a1@2026-01-01T00:00:00Z"])
        // The same poll replayed after the window went out: nothing to send again.
        #expect(try await state.record([match("10.1/a"), match("10.1/b")]) == 0)
        #expect(try await state.prepareDue(nowMillis: afterWindow, grace: 0) == 0)
        try checkNotificationSchema(sent.map(\.jsonBytes), scratch: directory)
    }

    @Test func aWindowWaitsForItsEndAndTheGrace() async throws {
        let state = try state()
        try await state.record([match("10.1/a")])
        #expect(try await state.prepareDue(nowMillis: window.end + 100, grace: 250) == 0)
        #expect(try await state.prepareDue(nowMillis: window.end + 250, grace: 250) == 1)
    }

    @Test func aLateMatchGoesOutAsAFollowUp() async throws {
        let state = try state()
        try await state.record([match("10.1/a")])
        try await state.prepareDue(nowMillis: afterWindow, grace: 0)
        _ = try await sendAll(state)
        // A DOI of the same window that arrived after the window was sent, and a new kind of change
        // for the DOI already sent: one follow-up, the already sent "created" is not repeated.
        #expect(try await state.record([match("10.1/late"), match("10.1/a", .updatedBy), match("10.1/a", .created)]) == 2)
        try await state.prepareDue(nowMillis: afterWindow, grace: 0)
        let followUp = try await sendAll(state)
        #expect(followUp.map(\.id) == ["a1@2026-01-01T00:00:00Z#2"])
        #expect(followUp.first?.DOIs == ["10.1/a", "10.1/late"])
        #expect(followUp.first?.kinds == [.updatedBy, .created])
    }

    @Test func oneDOIChangedSeveralWaysIsListedOnceWithTheMostTellingKind() async throws {
        let state = try state()
        try await state.record([match("10.1/a", .created), match("10.1/a", .updated), match("10.1/a", .updatedBy), match("10.1/b", .updated)])
        try await state.prepareDue(nowMillis: afterWindow, grace: 0)
        let sent = try await sendAll(state)
        #expect(sent.first?.DOIs == ["10.1/a", "10.1/b"])
        #expect(sent.first?.kinds == [.updatedBy, .updated])
        // None of those kinds is recorded again for that window.
        #expect(try await state.record([match("10.1/a", .created), match("10.1/a", .updated), match("10.1/b", .updated)]) == 0)
    }

    @Test func aBigWindowIsSplitNeverTruncated() async throws {
        let state = try state()
        let dois = (0..<(AlertNotification.maximumDOIs + 5)).map { String(format: "10.1/%05d", $0) }
        try await state.record(dois.map { match($0) })
        #expect(try await state.prepareDue(nowMillis: afterWindow, grace: 0) == 2)
        let sent = try await sendAll(state)
        #expect(sent.map(\.DOIs.count) == [AlertNotification.maximumDOIs, 5])
        #expect(sent.flatMap(\.DOIs) == dois)
        #expect(Set(sent.map(\.id)).count == 2)
    }

    @Test func aDeletedAlertsMatchesAreNotSent() async throws {
        let state = try state()
        try await state.record([match("10.1/a", alert: "kept"), match("10.1/a", alert: "deleted")])
        try await state.discardPending(alertID: "deleted")
        try await state.prepareDue(nowMillis: afterWindow, grace: 0)
        #expect(try await sendAll(state).map(\.alertID) == ["kept"])
    }

    /// A state file of the first matcher (matches moved to a ledger when sent) keeps its promises.
    @Test func aFileOfTheFirstFormatIsConverted() async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("v1.sqlite").path
        let later = NotificationWindow(start: window.start + 5000, end: window.end + 5000)
        let sent = AlertNotification(id: "a1@2026-01-01T00:00:00Z", alertID: "a1", DOIs: ["10.1/a"], kinds: [.created], window: window)
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: MatcherStateSchema.v1)
            try db.execute(sql: "INSERT INTO outgoing VALUES (?, 'a1', ?, ?, 0, ?)",
                           arguments: [sent.id, window.start, Data(sent.jsonBytes), window.end])
            try db.execute(sql: "INSERT INTO notified VALUES ('a1', ?, '10.1/a', 2)", arguments: [window.start])
            // A late match of the sent window, and a match of a window not due yet.
            try db.execute(sql: "INSERT INTO pending VALUES ('a1', ?, ?, '10.1/late', 2), ('a1', ?, ?, '10.1/b', 1)",
                           arguments: [window.start, window.end, later.start, later.end])
        }
        try old.close()

        let state = try MatcherState(path: path)
        #expect(try await state.record([match("10.1/a")]) == 0, "the ledger survived")
        #expect(try await state.counts().pending == 2)
        #expect(try await state.prepareDue(nowMillis: window.end + 100, grace: 0) == 1)
        let followUp = try await sendAll(state)
        #expect(followUp.map(\.id) == ["a1@2026-01-01T00:00:00Z#2"])
        #expect(followUp.first?.DOIs == ["10.1/late"])
        #expect(try await state.prepareDue(nowMillis: later.end, grace: 0) == 1)
        let next = try await sendAll(state)
        #expect(next.map(\.id) == ["a1@2026-01-01T00:00:05Z"])
        #expect(next.first?.DOIs == ["10.1/b"])
        #expect(try await state.counts().pending == 0)
    }
}
