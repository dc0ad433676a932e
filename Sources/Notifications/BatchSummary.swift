import WorkIndex
import WorkModel

/// The counts of one period (`batch-summaries` value, `/summaries/{period}` message), per
/// Topics/schemas/batch-summary.schema.json.
public struct BatchSummary: Sendable, Hashable {
    /// Change events by kind; `total` is their sum.
    public struct Counts: Sendable, Hashable {
        public var created = 0
        public var updated = 0
        public var updatedBy = 0
        public var total: Int { created + updated + updatedBy }

        public init(created: Int = 0, updated: Int = 0, updatedBy: Int = 0) {
            self.created = created; self.updated = updated; self.updatedBy = updatedBy
        }

        public mutating func add(_ kind: ChangeEvent.Kind, _ n: Int = 1) {
            switch kind {
            case .created: created += n
            case .updated: updated += n
            case .updatedBy: updatedBy += n
            }
        }
    }

    /// The key under `by-member` / `by-type` for an event that names none.
    public static let unknownKey = "unknown"

    public var period: SummaryPeriod
    /// When this summary was computed (epoch ms).
    public var generatedMs: Int64
    /// The period had ended (plus the grace for late events) and the summarizer had read the stream
    /// to its end: later summaries of the period are not expected.
    public var isFinal: Bool
    public var totals = Counts()
    public var byMember: [String: Counts] = [:]
    public var byType: [String: Counts] = [:]
    /// Distinct works changed in the period.
    public var works = 0
    /// Of those works, how many carry each kind of metadata (every `SummaryCoverage` is present).
    public var coverage: [SummaryCoverage: Int] = [:]
    /// Records the index dead-lettered in the period; nil when unknown (no index was read).
    public var deadLettered: Int?

    public init(period: SummaryPeriod, generatedMs: Int64, isFinal: Bool) {
        self.period = period; self.generatedMs = generatedMs; self.isFinal = isFinal
    }

    /// The summary as one line of JSON.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: 2048)
        write(to: &w)
        return w.bytes
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("period"); w.string(period.label)
        w.key("period-hours"); w.int(period.hours)
        w.key("start"); w.string(DateObject(epochMillis: period.startMs).dateTime)
        w.key("end"); w.string(DateObject(epochMillis: period.endMs).dateTime)
        w.key("generated"); w.string(DateObject(epochMillis: generatedMs).dateTime)
        w.key("final"); w.bool(isFinal)
        w.key("totals"); Self.write(totals, to: &w)
        w.key("by-member"); Self.write(byMember, to: &w)
        w.key("by-type"); Self.write(byType, to: &w)
        w.key("works"); w.int(works)
        w.key("coverage")
        w.beginObject()
        for name in SummaryCoverage.allCases { w.key(name.rawValue); w.int(coverage[name] ?? 0) }
        w.endObject()
        w.key("coverage-share")
        w.beginObject()
        for name in SummaryCoverage.allCases {
            // Thousandths: enough for a report, and stable across platforms' float printing.
            let share = works == 0 ? 0 : (coverage[name] ?? 0) * 1000 / works
            w.key(name.rawValue); w.raw(Array(Self.thousandths(share).utf8))
        }
        w.endObject()
        if let deadLettered { w.key("dead-lettered"); w.int(deadLettered) }
        w.endObject()
    }

    private static func write(_ counts: Counts, to w: inout JSONWriter) {
        w.beginObject()
        w.key("total"); w.int(counts.total)
        w.key("created"); w.int(counts.created)
        w.key("updated"); w.int(counts.updated)
        w.key("updated-by"); w.int(counts.updatedBy)
        w.endObject()
    }

    private static func write(_ table: [String: Counts], to w: inout JSONWriter) {
        w.beginObject()
        for key in table.keys.sorted() { w.key(key); write(table[key]!, to: &w) }
        w.endObject()
    }

    /// 0…1000 as a JSON number 0…1 with up to three decimals.
    static func thousandths(_ value: Int) -> String {
        if value >= 1000 { return "1" }
        if value == 0 { return "0" }
        var digits = String(value)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }
}
