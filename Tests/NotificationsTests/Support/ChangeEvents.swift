import WorkIndex
import WorkModel

/// A change event as the outbox publishes it, for a work already in a test index.
func changeEvent(_ doi: String, kind: ChangeEvent.Kind = .created, indexed: Int64, sequence: Int = 0) -> ChangeEvent {
    ChangeEvent(id: "\(doi)@\(indexed)", DOI: doi, kind: kind, changedFields: ["title"], member: nil, type: "journal-article",
                deposited: DateObject(epochMillis: indexed - 1000), indexed: DateObject(epochMillis: indexed), version: indexed,
                source: SourceCoordinates(topic: "deposits", partition: 0, offset: Int64(sequence), depositID: nil))
}
