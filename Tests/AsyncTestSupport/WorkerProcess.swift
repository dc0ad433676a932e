import Foundation

/// The real `deposit-indexer` binary as a child process (so it can be SIGKILLed), its output
/// in a log file.
public final class WorkerProcess: @unchecked Sendable {
    public let process = Process()
    public let log: URL
    private let exited: AsyncStream<Void>

    /// `environment` is added to this process's own; `directory` is its working directory (this
    /// process's own by default).
    public init(binary: String, arguments: [String], environment: [String: String] = [:], directory: URL? = nil, log: URL) throws {
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = handle
        process.standardError = handle
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        exited = stream
        process.terminationHandler = { _ in continuation.finish() }
        try process.run()
    }

    /// A test that failed (threw) before waiting for its process leaves no worker running behind
    /// it (one started with a long idle time ran for an hour).
    deinit {
        if process.isRunning { kill() }
    }

    /// `deposit-indexer run` against `brokers` into `index`, with `options` after the usual ones.
    public static func run(binary: String, brokers: String, index: String, group: String, idleSeconds: Int, log: URL,
                           options: [String] = []) throws -> WorkerProcess {
        try WorkerProcess(binary: binary, arguments: [
            "run", "--brokers", brokers, "--index", index, "--group", group, "--exit-when-idle", String(idleSeconds),
            "--kafka", "topic.metadata.refresh.interval.ms=1000", "--kafka", "log_level=3",
        ] + options, log: log)
    }

    public func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

    /// What a deploy or Ctrl-C sends: the process stops gracefully.
    public func terminate() { _ = Foundation.kill(process.processIdentifier, SIGTERM) }

    /// Waits for the exit; past `timeout` the process is killed and `TimedOut` thrown.
    public func wait(timeout: Duration) async throws -> (reason: Process.TerminationReason, status: Int32) {
        let exited = self.exited
        do {
            try await withTimeout(timeout, "\(process.arguments?.first ?? "deposit-indexer") (log: \(log.path))") {
                for await _ in exited {}
            }
        } catch {
            kill()
            for await _ in exited {}
            throw error
        }
        return (process.terminationReason, process.terminationStatus)
    }

    /// The log's last lines; after a crash, the Swift runtime's report of it instead (what crashed
    /// and the crashing thread's frames, which come before the registers and images at the end).
    public var logTail: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let crash = lines.firstIndex(where: { $0.contains("Program crashed") }) {
            return lines[max(crash - 5, 0)..<min(crash + 60, lines.count)].joined(separator: "\n")
        }
        return lines.suffix(15).joined(separator: "\n")
    }
}
