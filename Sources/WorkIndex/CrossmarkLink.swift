import WorkModel

/// One Crossmark update link from a notice to the work it updates: a row of `update_edges`
/// (asserted by the notice's `update-to`) or of `update_claims` (claimed by the target itself).
struct CrossmarkLink: Hashable {
    var notice: String
    var target: String
    var type: String
    var label: String
    var updatedMs: Int64?
    var source: String

    /// The edges a notice asserts: normalized DOIs, links to itself dropped, one per (target, type).
    static func edges(notice: String, updateTo: [Update]?) -> [CrossmarkLink] {
        var links: [CrossmarkLink] = []
        var seen = Set<[String]>()
        for update in updateTo ?? [] {
            guard let target = Identifiers.doi(update.DOI), target != notice,
                  seen.insert([target, update.type]).inserted else { continue }
            links.append(CrossmarkLink(notice: notice, target: target, type: update.type, label: update.label,
                                       updatedMs: update.updated?.timestamp, source: update.source))
        }
        return links
    }

    /// The links a target claims in its own `updated-by` (from unixsd relation claims).
    static func claims(target: String, updatedBy: [Update]?) -> [CrossmarkLink] {
        var links: [CrossmarkLink] = []
        var seen = Set<[String]>()
        for update in updatedBy ?? [] {
            guard let notice = Identifiers.doi(update.DOI), notice != target,
                  seen.insert([notice, update.type]).inserted else { continue }
            links.append(CrossmarkLink(notice: notice, target: target, type: update.type, label: update.label,
                                       updatedMs: update.updated?.timestamp, source: update.source))
        }
        return links
    }

    /// The target's `updated-by`: every edge, plus the claims no edge already gives (the notice's
    /// own statement wins), oldest update first; nil when there is none (the key is left out).
    static func updatedBy(edges: [CrossmarkLink], claims: [CrossmarkLink]) -> [Update]? {
        var links = edges
        let asserted = Set(edges.map { [$0.notice, $0.type] })
        links.append(contentsOf: claims.filter { !asserted.contains([$0.notice, $0.type]) })
        guard !links.isEmpty else { return nil }
        links.sort { a, b in
            let (x, y) = (a.updatedMs ?? .min, b.updatedMs ?? .min)
            if x != y { return x < y }
            if a.notice != b.notice { return a.notice < b.notice }
            return a.type < b.type
        }
        return links.map {
            Update(DOI: $0.notice, type: $0.type, label: $0.label,
                   updated: $0.updatedMs.map(DateObject.init(epochMillis:)), source: $0.source)
        }
    }
}
