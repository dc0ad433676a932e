import WorkModel

/// A `filter=` value and which sample works it must select, decided from the `Work` values
/// themselves (independently of the code under test).
public struct FilterCase: Sendable, CustomStringConvertible {
    public let filter: String
    public let matches: @Sendable (Work) -> Bool
    public var description: String { filter }

    public init(_ filter: String, _ matches: @escaping @Sendable (Work) -> Bool) {
        self.filter = filter
        self.matches = matches
    }

    public var expectedDOIs: Set<String> { expectedDOIs(in: SampleWorks.all) }

    public func expectedDOIs(in works: [Work]) -> Set<String> { Set(works.filter(matches).map(\.DOI)) }
}

/// Independent date arithmetic for expectations: days since 1970 of a civil date.
public func dayNumber(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilCalendar.days(year: y, month: m, day: d) }
public func lastDayOfMonth(_ y: Int, _ m: Int) -> Int { dayNumber(y, m, CivilCalendar.daysIn(month: m, year: y)) }
public func startOfDayMillis(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(dayNumber(y, m, d)) * 86_400_000 }

public enum FilterCases {
    static let S = SampleWorks.self
    static func funders(_ w: Work) -> [Funder] { w.funder ?? [] }
    static func licenses(_ w: Work) -> [License] { w.license ?? [] }
    static func links(_ w: Work) -> [Link] { w.link ?? [] }
    static func orcids(_ w: Work) -> [String] { w.contributors.compactMap(\.ORCID) }
    static func relations(_ w: Work) -> [(String, Relation)] { (w.relation ?? [:]).flatMap { k, v in v.map { (k, $0) } } }
    static func start(_ d: PartialDate?) -> Int? { d?.startDay }

    public static let all: [FilterCase] = [
        // Funders and awards.
        FilterCase("has-funder:true") { !funders($0).isEmpty },
        FilterCase("has-funder:false") { funders($0).isEmpty },
        FilterCase("funder:100000001") { funders($0).contains { $0.DOI == S.nsf } },
        FilterCase("funder:https://doi.org/10.13039/100000001,funder:10.13039/100000050") {
            funders($0).contains { $0.DOI == S.nsf || $0.DOI == S.nhlbi }
        },
        FilterCase("award.number:CBET-0756451,award.funder:10.13039/100000001") {
            funders($0).contains { $0.DOI == S.nsf && $0.award.contains("CBET-0756451") }
        },
        FilterCase("award.number:cbet0756451") { funders($0).contains { $0.award.contains("CBET-0756451") } },
        FilterCase("award.number:1F31MH11745,award.funder:100000050") {
            funders($0).contains { $0.DOI == S.nhlbi && $0.award.contains("1 F31 MH11745") }
        },
        FilterCase("award.funder:10.13039/100000050") { funders($0).contains { $0.DOI == S.nhlbi && !$0.award.isEmpty } },
        // Ownership.
        FilterCase("prefix:10.1016") { $0.prefix == "10.1016" },
        FilterCase("member:78,member:311") { $0.member == "78" || $0.member == "311" },
        FilterCase("doi:10.1016/J.PSYNEUEN.2016.01.001") { $0.DOI == "10.1016/j.psyneuen.2016.01.001" },
        FilterCase("doi:https://doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0") { $0.DOI == SampleWorks.doi(5) },
        // Dates: from = first day of the period, until = last day of the period, inclusive.
        FilterCase("from-pub-date:2005") { (start($0.issued) ?? Int.min) >= dayNumber(2005, 1, 1) },
        FilterCase("until-pub-date:2002-06") { start($0.issued).map { $0 <= lastDayOfMonth(2002, 6) } ?? false },
        FilterCase("from-pub-date:2002-06-18,until-pub-date:2002-06-18") { start($0.issued) == dayNumber(2002, 6, 18) },
        FilterCase("from-pub-date:2003-02,until-pub-date:2008") {
            start($0.issued).map { $0 >= dayNumber(2003, 2, 1) && $0 <= dayNumber(2008, 12, 31) } ?? false
        },
        FilterCase("until-pub-date:2004") { start($0.issued).map { $0 <= dayNumber(2004, 12, 31) } ?? false },
        FilterCase("from-online-pub-date:2005-12") { start($0.publishedOnline).map { $0 >= dayNumber(2005, 12, 1) } ?? false },
        FilterCase("until-print-pub-date:2008-02-29") {
            start($0.publishedPrint).map { $0 <= dayNumber(2008, 2, 29) } ?? false
        },
        FilterCase("from-print-pub-date:2010") { start($0.publishedPrint).map { $0 >= dayNumber(2010, 1, 1) } ?? false },
        FilterCase("from-posted-date:2004,until-posted-date:2012") {
            start($0.posted).map { $0 >= dayNumber(2004, 1, 1) && $0 <= dayNumber(2012, 12, 31) } ?? false
        },
        FilterCase("from-accepted-date:2006-06") { start($0.accepted).map { $0 >= dayNumber(2006, 6, 1) } ?? false },
        FilterCase("until-accepted-date:2006-06") { start($0.accepted).map { $0 <= lastDayOfMonth(2006, 6) } ?? false },
        FilterCase("from-created-date:2020-01-15") { ($0.created?.timestamp ?? Int64.min) >= startOfDayMillis(2020, 1, 15) },
        FilterCase("until-created-date:2020-01-15") { ($0.created?.timestamp ?? Int64.max) < startOfDayMillis(2020, 1, 16) },
        FilterCase("until-deposit-date:2020-01-31") { ($0.deposited?.timestamp ?? Int64.max) < startOfDayMillis(2020, 2, 1) },
        FilterCase("from-deposit-date:2020-03,until-deposit-date:2020-05") {
            let t = $0.deposited!.timestamp
            return t >= startOfDayMillis(2020, 3, 1) && t < startOfDayMillis(2020, 6, 1)
        },
        FilterCase("from-update-date:2020-06-01") { $0.deposited!.timestamp >= startOfDayMillis(2020, 6, 1) },
        FilterCase("until-update-date:2020-06-01") { $0.deposited!.timestamp < startOfDayMillis(2020, 6, 2) },
        FilterCase("from-index-date:2021-06,until-index-date:2022") {
            let t = $0.indexed!.timestamp
            return t >= startOfDayMillis(2021, 6, 1) && t < startOfDayMillis(2023, 1, 1)
        },
        // Licenses: dotted filters hold within one license.
        FilterCase("has-license:true") { !licenses($0).isEmpty },
        FilterCase("has-license:false") { licenses($0).isEmpty },
        FilterCase("license.url:http://creativecommons.org/licenses/by/4.0/") { licenses($0).contains { $0.URL == S.ccBy4 } },
        FilterCase("license.url:HTTP://CreativeCommons.org/licenses/by/4.0/") { licenses($0).contains { $0.URL == S.ccBy4 } },
        FilterCase("license.version:vor") { licenses($0).contains { $0.contentVersion == "vor" } },
        FilterCase("license.delay:30") { licenses($0).contains { $0.delayInDays <= 30 } },
        FilterCase("license.url:\(SampleWorks.ccByNC),license.delay:30") {
            licenses($0).contains { $0.URL == S.ccByNC && $0.delayInDays <= 30 }
        },
        FilterCase("license.url:\(SampleWorks.ccByNC),license.delay:400") {
            licenses($0).contains { $0.URL == S.ccByNC && $0.delayInDays <= 400 }
        },
        FilterCase("license.url:\(SampleWorks.ccBy4),license.url:\(SampleWorks.ccBy3),license.version:am") {
            licenses($0).contains { ($0.URL == S.ccBy4 || $0.URL == S.ccBy3) && $0.contentVersion == "am" }
        },
        // Full text: dotted filters hold within one link.
        FilterCase("has-full-text:true") { !links($0).isEmpty },
        FilterCase("full-text.type:application/pdf") { links($0).contains { $0.contentType == "application/pdf" } },
        FilterCase("full-text.version:am") { links($0).contains { $0.contentVersion == "am" } },
        FilterCase("full-text.application:text-mining") { links($0).contains { $0.intendedApplication == "text-mining" } },
        FilterCase("full-text.type:text/xml,full-text.application:text-mining") {
            links($0).contains { $0.contentType == "text/xml" && $0.intendedApplication == "text-mining" }
        },
        FilterCase("full-text.type:text/xml,full-text.application:similarity-checking") {
            links($0).contains { $0.contentType == "text/xml" && $0.intendedApplication == "similarity-checking" }
        },
        // References.
        FilterCase("has-references:true") { ($0.referencesCount ?? 0) > 0 },
        FilterCase("reference-visibility:open") { _ in true },
        FilterCase("reference-visibility:closed") { _ in false },
        // Archives, ORCIDs, identifiers.
        FilterCase("has-archive:true") { !($0.archive ?? []).isEmpty },
        FilterCase("archive:CLOCKSS") { ($0.archive ?? []).contains("CLOCKSS") },
        FilterCase("archive:portico") { ($0.archive ?? []).contains("Portico") },
        FilterCase("has-orcid:true") { !orcids($0).isEmpty },
        FilterCase("has-orcid:false") { orcids($0).isEmpty },
        FilterCase("has-authenticated-orcid:true") { $0.contributors.contains { $0.ORCID != nil && $0.authenticatedOrcid == true } },
        FilterCase("orcid:0000-0002-1825-0097") { orcids($0).contains("https://orcid.org/0000-0002-1825-0097") },
        FilterCase("orcid:https://orcid.org/0000-0002-1694-233x") { orcids($0).contains("https://orcid.org/0000-0002-1694-233X") },
        FilterCase("issn:2090-8091") { ($0.ISSN ?? []).contains("2090-8091") },
        FilterCase("issn:20908091,issn:0378-5955") { ($0.ISSN ?? []).contains { $0 == "2090-8091" || $0 == "0378-5955" } },
        FilterCase("isbn:978-3-16-148410-2") { ($0.ISBN ?? []).contains("9783161484102") },
        // Types.
        FilterCase("type:journal-article") { $0.type == "journal-article" },
        FilterCase("type:book-chapter,type:dataset") { $0.type == "book-chapter" || $0.type == "dataset" },
        FilterCase("type-name:Journal Article") { $0.type == "journal-article" },
        FilterCase("type-name:posted content") { $0.type == "posted-content" },
        // Crossmark.
        FilterCase("updates:\(SampleWorks.doi(6).uppercased())") { ($0.updateTo ?? []).contains { $0.DOI == SampleWorks.doi(6) } },
        FilterCase("is-update:true") { !($0.updateTo ?? []).isEmpty },
        FilterCase("has-update-policy:true") { $0.updatePolicy != nil },
        FilterCase("container-title:Hearing Research") { ($0.containerTitle ?? []).contains("Hearing Research") },
        FilterCase("has-assertion:true") { !($0.assertion ?? []).isEmpty },
        FilterCase("assertion-group:publication_history") { ($0.assertion ?? []).contains { $0.group?.name == "publication_history" } },
        FilterCase("assertion:received,assertion:peerreviewed") { ($0.assertion ?? []).contains { $0.name == "received" || $0.name == "peerreviewed" } },
        FilterCase("has-affiliation:true") { $0.contributors.contains { !$0.affiliation.isEmpty } },
        FilterCase("alternative-id:S0000-3") { ($0.alternativeID ?? []).contains("S0000-3") },
        FilterCase("article-number:e2") { $0.articleNumber == "e2" },
        FilterCase("has-abstract:true") { $0.abstract != nil },
        FilterCase("has-clinical-trial-number:true") { !($0.clinicalTrialNumber ?? []).isEmpty },
        FilterCase("content-domain:wiley.com") { $0.contentDomain?.domain.contains("wiley.com") ?? false },
        FilterCase("has-content-domain:true") { !($0.contentDomain?.domain ?? []).isEmpty },
        FilterCase("has-domain-restriction:true") { $0.contentDomain?.crossmarkRestriction == true },
        // Relations: dotted filters hold within one relation object.
        FilterCase("has-relation:true") { !relations($0).isEmpty },
        FilterCase("relation.type:is-preprint-of") { relations($0).contains { $0.0 == "is-preprint-of" } },
        FilterCase("relation.type:isPreprintOf") { relations($0).contains { $0.0 == "is-preprint-of" } },
        FilterCase("relation.object:\(SampleWorks.doi(8))") { relations($0).contains { $0.1.id == SampleWorks.doi(8) } },
        FilterCase("relation.type:has-review,relation.object-type:uri") {
            relations($0).contains { $0.0 == "has-review" && $0.1.idType == "uri" }
        },
        FilterCase("relation.type:is-supplemented-by,relation.object-type:uri") {
            relations($0).contains { $0.0 == "is-supplemented-by" && $0.1.idType == "uri" }
        },
        // AND across names, OR within a name, booleans mixed.
        FilterCase("has-funder:true,type:journal-article,from-pub-date:2005") {
            !funders($0).isEmpty && $0.type == "journal-article" && (start($0.issued) ?? Int.min) >= dayNumber(2005, 1, 1)
        },
        FilterCase("has-orcid:true,has-orcid:false,member:297") { $0.member == "297" },
        FilterCase("is-update:true,from-pub-date:2001,funder:100000001,funder:100000050") {
            !($0.updateTo ?? []).isEmpty && (start($0.issued) ?? Int.min) >= dayNumber(2001, 1, 1)
                && funders($0).contains { $0.DOI == S.nsf || $0.DOI == S.nhlbi }
        },
    ]
}
