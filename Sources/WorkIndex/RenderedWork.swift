import WorkModel

/// A work rendered for storage: the JSON, its top-level members, and the hash of its content
/// without `indexed` (so an otherwise equal re-deposit is recognized as a duplicate).
struct RenderedWork: Sendable {
    let json: [UInt8]
    let members: JSONObjectMembers
    let contentHash: String

    init(_ work: Work) {
        json = work.jsonBytes
        // The writer always renders an object, so the scan cannot fail.
        members = JSONObjectMembers(json)!
        contentHash = ContentHash.hex(members.bytes(without: "indexed"))
    }
}
