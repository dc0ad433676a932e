import Foundation
import Synchronization
import Unixref
import WorkModel

/// Parses files on `jobs` threads, each with its own parser, writing complete JSON lines to
/// standard output in chunks (so lines of different files never interleave mid-line).
final class ParseRun: Sendable {
    let files: [DepositFile]
    let jobs: Int
    let pretty: Bool
    let reportWarnings: Bool
    private let nextFile = Atomic<Int>(0)
    private let output = Mutex<Void>(())
    private let totals = Mutex(ParseSummary())

    init(files: [DepositFile], jobs: Int, pretty: Bool, reportWarnings: Bool) {
        self.files = files
        self.jobs = jobs
        self.pretty = pretty
        self.reportWarnings = reportWarnings
    }

    func execute() -> ParseSummary {
        let started = ContinuousClock.now
        let workers = min(jobs, max(files.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in worker() }
        var summary = totals.withLock { $0 }
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    private func worker() {
        let parser = DepositParser()
        var out = JSONWriter(capacity: 1 << 20)
        var err: [UInt8] = []
        var local = ParseSummary()
        let flushAt = 1 << 20
        while true {
            let i = nextFile.add(1, ordering: .relaxed).oldValue
            guard i < files.count else { break }
            let file = files[i]
            let reader: DepositFileReader
            do { reader = try file.open() } catch {
                local.unreadableFiles += 1
                appendError(&err, file: file.displayName, code: "unreadable-file", index: nil, doi: nil, line: nil, message: "\(error)")
                continue
            }
            do {
                try parser.parse(reader: { try reader.read(into: &$0) }) { outcome in
                    switch outcome {
                    case .record(let record):
                        local.count(record)
                        if pretty {
                            out.raw(JSONPrettyPrinter.indent(record.work.jsonBytes))
                        } else {
                            record.work.write(to: &out)
                        }
                        out.raw(CollectionOfOne(UInt8(ascii: "\n")))
                        out.reset(keepingBytes: true)
                        if reportWarnings {
                            for warning in record.warnings {
                                appendError(&err, file: file.displayName, code: "warning:" + warning.kind.rawValue,
                                            index: record.recordIndex, doi: record.work.DOI, line: nil, message: warning.detail)
                            }
                        }
                    case .failure(let error):
                        local.failed += 1
                        local.errorsByCode[error.code.rawValue, default: 0] += 1
                        appendError(&err, file: file.displayName, code: error.code.rawValue, index: error.recordIndex,
                                    doi: error.doi, line: error.line, message: error.message)
                    }
                    if out.count >= flushAt || err.count >= flushAt { flush(&out, &err) }
                }
            } catch {
                local.unreadableFiles += 1
                appendError(&err, file: file.displayName, code: "unreadable-file", index: nil, doi: nil, line: nil, message: "\(error)")
            }
            local.bytes += reader.bytesRead
            local.files += 1
        }
        flush(&out, &err)
        totals.withLock { $0.merge(local) }
    }

    private func flush(_ out: inout JSONWriter, _ err: inout [UInt8]) {
        output.withLock { _ in
            out.withBytes { StandardStream.output.write($0) }
            StandardStream.error.write(err)
        }
        out.reset()
        err.removeAll(keepingCapacity: true)
    }

    private func appendError(_ err: inout [UInt8], file: String, code: String, index: Int?, doi: String?, line: Int?, message: String) {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("file", file)
        w.field("code", code)
        w.field("record-index", index)
        w.field("DOI", doi)
        w.field("line", line)
        w.field("message", message)
        w.endObject()
        err.append(contentsOf: w.bytes)
        err.append(UInt8(ascii: "\n"))
    }
}
