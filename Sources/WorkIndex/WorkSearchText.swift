import WorkModel

/// The texts of one work's `works_fts` row, one per FTS5 column. Field queries
/// (`query.author`, `query.bibliographic` …) match one column; `query` matches `everything`.
public struct WorkSearchText: Sendable, Hashable {
    /// title, subtitle, original and short titles.
    public var title: String
    public var containerTitle: String
    public var author: String
    public var editor: String
    public var chair: String
    public var translator: String
    /// Every contributor of the four roles.
    public var contributor: String
    public var affiliation: String
    /// Titles, container titles, contributor names, ISSNs, ISBNs, years, volume, issue, page: what
    /// a citation string holds.
    public var bibliographic: String
    /// The bibliographic text plus DOI, publisher, affiliations, funders, awards, abstract text,
    /// group title, institutions, degree, standards body.
    public var everything: String

    /// The FTS5 column names, in table order.
    public static let columns = [
        "title", "container_title", "author", "editor", "chair", "translator", "contributor",
        "affiliation", "bibliographic", "everything",
    ]

    /// The values in `columns` order.
    public var values: [String] {
        [title, containerTitle, author, editor, chair, translator, contributor, affiliation, bibliographic, everything]
    }

    public static func make(_ work: Work) -> WorkSearchText {
        let titles = joined([work.title, work.subtitle, work.originalTitle, work.shortTitle])
        let containers = joined([work.containerTitle, work.shortContainerTitle])
        let author = names(work.author)
        let editor = names(work.editor)
        let chair = names(work.chair)
        let translator = names(work.translator)
        let contributor = joined([author, editor, chair, translator])
        let affiliation = joined(work.contributors.flatMap { $0.affiliation.map(\.name) })

        var years: [Int] = []
        for date in [work.issued, work.publishedPrint, work.publishedOnline, work.posted].compactMap({ $0 }) {
            if let year = date.year, !years.contains(year) { years.append(year) }
        }
        let bibliographic = joined([
            titles, containers, contributor,
            joined(work.ISSN ?? []), joined(work.ISBN ?? []), joined(years.map(String.init)),
            work.volume ?? "", work.issue ?? "", work.page ?? "",
        ])

        var extra: [String] = [work.DOI, work.publisher ?? "", affiliation, work.groupTitle ?? ""]
        for funder in work.funder ?? [] {
            if let name = funder.name { extra.append(name) }
            extra.append(contentsOf: funder.award)
        }
        extra.append(contentsOf: (work.institution ?? []).map(\.name))
        extra.append(contentsOf: work.degree ?? [])
        if let body = work.standardsBody { extra.append(body.name) }
        if let abstract = work.abstract { extra.append(markupStripped(abstract)) }

        return WorkSearchText(
            title: titles, containerTitle: containers, author: author, editor: editor, chair: chair,
            translator: translator, contributor: contributor, affiliation: affiliation,
            bibliographic: bibliographic, everything: joined([bibliographic] + extra))
    }

    private static func names(_ contributors: [Contributor]?) -> String {
        guard let contributors else { return "" }
        return joined(contributors.map { c in
            c.name ?? joined([c.given ?? "", c.family ?? "", c.suffix ?? ""])
        })
    }

    private static func joined(_ lists: [[String]?]) -> String { joined(lists.flatMap { $0 ?? [] }) }

    /// Non-empty parts separated by one space.
    private static func joined(_ parts: [String]) -> String {
        var out = ""
        for part in parts where !part.isEmpty {
            if !out.isEmpty { out.append(" ") }
            out.append(part)
        }
        return out
    }

    /// The text of the JATS abstract: tags become spaces so words on either side stay apart.
    static func markupStripped(_ xml: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(xml.utf8.count)
        var inTag = false
        for byte in xml.utf8 {
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false; out.append(0x20) }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
