import WorkModel

/// The scalar facts filters compare against: the same values the `works` table keeps in its
/// columns, computed from a `Work` for in-memory evaluation.
public struct WorkScalars: Hashable, Sendable {
    public var doi: String
    public var type: String
    public var member: String?
    public var prefix: String?
    public var issuedStartDay: Int?
    public var printStartDay: Int?
    public var onlineStartDay: Int?
    public var postedStartDay: Int?
    public var acceptedStartDay: Int?
    public var createdMillis: Int64?
    public var depositedMillis: Int64?
    public var indexedMillis: Int64?

    public init(doi: String, type: String, member: String? = nil, prefix: String? = nil,
                issuedStartDay: Int? = nil, printStartDay: Int? = nil, onlineStartDay: Int? = nil,
                postedStartDay: Int? = nil, acceptedStartDay: Int? = nil, createdMillis: Int64? = nil,
                depositedMillis: Int64? = nil, indexedMillis: Int64? = nil) {
        self.doi = doi; self.type = type; self.member = member; self.prefix = prefix
        self.issuedStartDay = issuedStartDay; self.printStartDay = printStartDay
        self.onlineStartDay = onlineStartDay; self.postedStartDay = postedStartDay
        self.acceptedStartDay = acceptedStartDay; self.createdMillis = createdMillis
        self.depositedMillis = depositedMillis; self.indexedMillis = indexedMillis
    }

    public init(work: Work) {
        let doi = Identifiers.doi(work.DOI) ?? work.DOI.lowercased()
        self.init(
            doi: doi, type: work.type, member: work.member,
            prefix: work.prefix ?? Identifiers.prefix(ofDOI: doi),
            issuedStartDay: work.issued.startDay, printStartDay: work.publishedPrint?.startDay,
            onlineStartDay: work.publishedOnline?.startDay, postedStartDay: work.posted?.startDay,
            acceptedStartDay: work.accepted?.startDay, createdMillis: work.created?.timestamp,
            depositedMillis: work.deposited?.timestamp, indexedMillis: work.indexed?.timestamp)
    }

    public enum Value: Hashable, Sendable {
        case text(String)
        case number(Int64)
    }

    public subscript(column: WorkColumn) -> Value? {
        switch column {
        case .doi: return .text(doi)
        case .type: return .text(type)
        case .member: return member.map(Value.text)
        case .prefix: return prefix.map(Value.text)
        case .issuedStartDay: return issuedStartDay.map { .number(Int64($0)) }
        case .printStartDay: return printStartDay.map { .number(Int64($0)) }
        case .onlineStartDay: return onlineStartDay.map { .number(Int64($0)) }
        case .postedStartDay: return postedStartDay.map { .number(Int64($0)) }
        case .acceptedStartDay: return acceptedStartDay.map { .number(Int64($0)) }
        case .createdMillis: return createdMillis.map(Value.number)
        case .depositedMillis: return depositedMillis.map(Value.number)
        case .indexedMillis: return indexedMillis.map(Value.number)
        }
    }
}
