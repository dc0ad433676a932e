import Foundation

/// Waits for SIGTERM or SIGINT (for commands that just hold something up, like `broker`).
enum ShutdownSignal {
    static func wait() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "shutdown-signal")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = Once()
            let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
            for source in sources {
                source.setEventHandler {
                    if once.claim() {
                        sources.forEach { $0.cancel() }
                        continuation.resume()
                    }
                }
                source.resume()
            }
        }
    }

    private final class Once: @unchecked Sendable {
        // Touched only on the serial signal queue above.
        private var done = false
        func claim() -> Bool { if done { return false }; done = true; return true }
    }
}
