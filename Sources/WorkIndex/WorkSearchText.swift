import WorkModel

/// The texts of one work's `works_fts` row, one per FTS5 column, each text in one column only.
/// Field queries match a set of columns: `query.author` the author column, `query.contributor`
/// the four roles, `query.bibliographic` titles, container titles, contributors and `citation`;
/// `query` every column. (Columns holding the union of others tokenized each word three or four
/// times: FTS5 was the largest part of a batch's write.)
public struct WorkSearchText: Sendable, Hashable {
    /// title, subtitle, original and short titles.
    public var title: String
    public var containerTitle: String
    public var author: String
    public var editor: String
    public var chair: String
    public var translator: String
    public var affiliation: String
    /// What a citation string holds besides titles and names: ISSNs, ISBNs, years, volume, issue, page.
    public var citation: String
    /// The rest of what `query` searches: DOI, publisher, group title, funders, awards,
    /// institutions, degree, standards body, abstract text.
    public var other: String

    /// The FTS5 column names, in table order.
    public static let columns = [
        "title", "container_title", "author", "editor", "chair", "translator", "affiliation", "citation", "other",
    ]

    /// The values in `columns` order.
    public var values: [String] {
        [title, containerTitle, author, editor, chair, translator, affiliation, citation, other]
    }

    /// Every contributor of the four roles (the texts `query.contributor` searches).
    public var contributor: String { Self.joined([author, editor, chair, translator]) }

    /// What `query.bibliographic` searches.
    public var bibliographic: String { Self.joined([title, containerTitle, contributor, citation]) }

    /// What `query` searches.
    public var everything: String { Self.joined(values) }

    public static func make(_ work: Work) -> WorkSearchText {
        let titles = joined([work.title, work.subtitle, work.originalTitle, work.shortTitle])
        let containers = joined([work.containerTitle, work.shortContainerTitle])
        let author = names(work.author)
        let editor = names(work.editor)
        let chair = names(work.chair)
        let translator = names(work.translator)
        let affiliation = joined(work.contributors.flatMap { $0.affiliation.map(\.name) })

        var years: [Int] = []
        for date in [work.issued, work.publishedPrint, work.publishedOnline, work.posted].compactMap({ $0 }) {
            if let year = date.year, !years.contains(year) { years.append(year) }
        }
        let citation = joined([
            joined(work.ISSN ?? []), joined(work.ISBN ?? []), joined(years.map(String.init)),
            work.volume ?? "", work.issue ?? "", work.page ?? "",
        ])

        var extra: [String] = [work.DOI, work.publisher ?? "", work.groupTitle ?? ""]
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
            translator: translator, affiliation: affiliation, citation: citation, other: joined(extra))
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
