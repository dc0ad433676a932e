import Foundation

/// One line of progress on standard error, redrawn in place on a terminal, every few seconds
/// otherwise (so logs of long runs show that work goes on).
final class Progress {
    private let enabled: Bool
    private let total: Int
    private var done = 0
    private let started = ContinuousClock.now
    private var lastPrint = ContinuousClock.now - .seconds(10)
    private let interactive = isatty(2) != 0

    init(enabled: Bool, total: Int) { self.enabled = enabled; self.total = total }

    func advance(by n: Int = 1, detail: String) {
        done += n
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastPrint >= (interactive ? .milliseconds(100) : .seconds(5)) || done == total else { return }
        lastPrint = now
        let line = "\(done)/\(total) files, \(detail), \(elapsed)"
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    func finish(_ message: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[K" : "") + message + " in \(elapsed)\n").utf8))
    }

    private var elapsed: String {
        let d = ContinuousClock.now - started
        return String(format: "%.1fs", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
}
