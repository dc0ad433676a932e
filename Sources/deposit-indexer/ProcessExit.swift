import Foundation

/// Ends the process without running the shared libraries' destructors.
///
/// libxml2 2.9 (Debian 12's) has one that runs `xmlCleanupParser` at exit: it frees the mutex of
/// its dictionaries, among others, while a Swift thread may still be releasing the last parser of
/// a finished pipeline (task teardown runs beside the main thread's exit). Locking the freed mutex
/// aborted a worker once in a test run (`Assertion 'mutex->__data.__owner == 0' failed`: the
/// allocator's bookkeeping sits where a freed mutex keeps its owner). Everything this program
/// must finish — the index closed, Kafka flushed, files written — is done before its commands
/// return, so skipping the destructors loses nothing but the race.
enum ProcessExit {
    static func now(_ status: Int32) -> Never {
        // `print` buffers standard output; the destructors would have flushed it.
        fflush(nil)
        _exit(status)
    }
}
