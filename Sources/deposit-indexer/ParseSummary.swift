import Unixref

/// Counts of one `parse` run, for `--stats`.
struct ParseSummary: Sendable {
    var files = 0
    var unreadableFiles = 0
    var bytes = 0
    var parsed = 0
    var failed = 0
    var byType: [String: Int] = [:]
    var warningsByKind: [String: Int] = [:]
    var errorsByCode: [String: Int] = [:]
    var elapsed: Duration = .zero

    mutating func count(_ record: ParsedRecord) {
        parsed += 1
        byType[record.work.type, default: 0] += 1
        for warning in record.warnings { warningsByKind[warning.kind.rawValue, default: 0] += 1 }
    }

    mutating func merge(_ other: ParseSummary) {
        files += other.files
        unreadableFiles += other.unreadableFiles
        bytes += other.bytes
        parsed += other.parsed
        failed += other.failed
        byType.merge(other.byType, uniquingKeysWith: +)
        warningsByKind.merge(other.warningsByKind, uniquingKeysWith: +)
        errorsByCode.merge(other.errorsByCode, uniquingKeysWith: +)
    }

    func report() -> String {
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 1e-9)
        var lines: [String] = []
        lines.append("files \(files), unreadable \(unreadableFiles), \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB")
        lines.append("records parsed \(parsed), failed \(failed)")
        lines.append(String(format: "%.0f records/s, %.1f MB/s, %.3f s", Double(parsed + failed) / seconds, Double(bytes) / 1e6 / seconds, seconds))
        func table(_ title: String, _ counts: [String: Int]) {
            guard !counts.isEmpty else { return }
            lines.append(title + ":")
            for (key, value) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                lines.append("  " + key.padding(toLength: max(24, key.count), withPad: " ", startingAt: 0) + " \(value)")
            }
        }
        table("by type", byType)
        table("warnings by kind", warningsByKind)
        table("errors by code", errorsByCode)
        return lines.joined(separator: "\n") + "\n"
    }
}
