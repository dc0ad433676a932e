import AsyncTestSupport
import Foundation
import Testing

/// What a user sees when a command cannot do its work: the reason and what to do, exit status 1,
/// and no usage line (the command line was right); a wrong argument gets that command's usage.
@Suite(.timeLimit(.minutes(1))) struct CommandErrorTests {
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let binary = try Paths.requireBinary()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UUID().uuidString.prefix(8)).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let process = try WorkerProcess(binary: binary, arguments: arguments, log: log)
        let exit = try await process.wait(timeout: .seconds(30))
        return (exit.status, try String(contentsOf: log, encoding: .utf8))
    }

    @Test(arguments: [
        (["status", "--index", "/nonexistent/index.sqlite"], "no index at /nonexistent/index.sqlite (a worker creates it"),
        (["publish", "--brokers", "127.0.0.1:1", "/nonexistent/deposit.xml"], "/nonexistent/deposit.xml: no such file or directory"),
        (["run", "--bootstrap-file", "/nonexistent/broker.txt", "--index", "/tmp/unused.sqlite"], "cannot read the bootstrap file /nonexistent/broker.txt"),
        (["topics", "list", "--topics", "/nonexistent/topics"], "no topic specs at /nonexistent/topics"),
    ])
    func aCommandThatCannotWorkSaysWhyWithoutUsage(arguments: [String], message: String) async throws {
        let (status, output) = try await run(arguments)
        #expect(status == 1)
        #expect(output.contains("Error: \(message)"), "\(output)")
        #expect(!output.contains("Usage:"), "\(output)")
    }

    @Test func aWrongArgumentGetsItsCommandsUsage() async throws {
        let (status, output) = try await run(["replay", "--index", "/tmp/unused.sqlite", "--since", "yesterday"])
        #expect(status != 0 && status != 1)
        #expect(output.contains("Error: --since yesterday is not a date-time"), "\(output)")
        #expect(output.contains("Usage: deposit-indexer replay "), "\(output)")
    }
}
