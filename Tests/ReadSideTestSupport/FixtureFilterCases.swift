import Foundation
import WorkModel
import WorkQuery

/// For EVERY filter name of the brief: `filter=` values taken from a set of works (the most and
/// the least common value of the field, dates around the median, true and false) and, for each,
/// which works it must select — decided from the `Work` values, as the brief words each filter.
public enum FixtureFilterCases {
    typealias E = WorkExpectations

    /// What a filter name must do over `works`.
    public enum Expectation: Sendable {
        /// These filter values, each with the works it selects.
        case cases([FilterCase])
        /// The index cannot answer this filter (or it belongs to another route): a 400.
        case refused(String)
    }

    public static func expectation(_ name: FilterName, in works: [Work]) -> Expectation {
        let n = name.rawValue
        /// Cases for a "this field has this value" filter: the most and the least common value.
        func valueCases(_ values: @escaping @Sendable (Work) -> [String], filterValue: (String) -> String = { $0 }) -> Expectation {
            .cases(commonValues(works, values).map { value in
                FilterCase("\(n):\(filterValue(value))") { values($0).contains(value) }
            })
        }
        func presence(_ has: @escaping @Sendable (Work) -> Bool) -> Expectation {
            .cases([FilterCase("\(n):true", has), FilterCase("\(n):false") { !has($0) }])
        }

        switch name {
        case .location, .directory, .categoryName: return .refused(n)
        case .hasFunder: return presence { !funders($0).isEmpty }
        case .funder: return valueCases({ funders($0).compactMap { $0.DOI.map(E.funderKey) } }, filterValue: { String($0.dropFirst("10.13039/".count)) })
        case .prefix: return valueCases { [($0.prefix ?? String($0.DOI.prefix { $0 != "/" })).lowercased()] }
        case .member: return valueCases { $0.member.map { [$0] } ?? [] }
        case .doi: return valueCases({ [$0.DOI] }, filterValue: { $0.uppercased() })
        case .fromIndexDate, .untilIndexDate: return millisCases(name, works) { $0.indexed?.timestamp }
        case .fromDepositDate, .untilDepositDate, .fromUpdateDate, .untilUpdateDate: return millisCases(name, works) { $0.deposited?.timestamp }
        case .fromCreatedDate, .untilCreatedDate: return millisCases(name, works) { $0.created?.timestamp }
        case .fromPubDate, .untilPubDate: return dayCases(name, works) { $0.issued }
        case .fromOnlinePubDate, .untilOnlinePubDate: return dayCases(name, works) { $0.publishedOnline }
        case .fromPrintPubDate, .untilPrintPubDate: return dayCases(name, works) { $0.publishedPrint }
        case .fromPostedDate, .untilPostedDate: return dayCases(name, works) { $0.posted }
        case .fromAcceptedDate, .untilAcceptedDate: return dayCases(name, works) { $0.accepted }
        case .hasLicense: return presence { !licenses($0).isEmpty }
        case .licenseURL: return valueCases({ licenses($0).map { E.folded($0.URL) } })
        case .licenseVersion: return valueCases({ licenses($0).map { E.folded($0.contentVersion) } }, filterValue: { $0.uppercased() })
        case .licenseDelay:
            let delays = works.flatMap { licenses($0).map(\.delayInDays) }.sorted()
            let bounds = Set([0, delays.isEmpty ? 365 : delays[delays.count / 2]])
            var cases = bounds.sorted().map { days in FilterCase("license.delay:\(days)") { licenses($0).contains { $0.delayInDays <= days } } }
            // Dotted: URL and delay hold for ONE license.
            if let url = commonValues(works, { licenses($0).map { E.folded($0.URL) } }).first, let days = bounds.max() {
                cases.append(FilterCase("license.url:\(url),license.delay:\(days)") {
                    licenses($0).contains { E.folded($0.URL) == url && $0.delayInDays <= days }
                })
            }
            return .cases(cases)
        case .hasFullText: return presence { !links($0).isEmpty }
        case .fullTextVersion: return valueCases { links($0).map { E.folded($0.contentVersion) } }
        case .fullTextType: return valueCases { links($0).map { E.folded($0.contentType) } }
        case .fullTextApplication:
            guard case .cases(var cases) = valueCases({ links($0).map { E.folded($0.intendedApplication) } }) else { return .refused(n) }
            if let type = commonValues(works, { links($0).map { E.folded($0.contentType) } }).first {
                cases.append(FilterCase("full-text.type:\(type),full-text.application:text-mining") {
                    links($0).contains { E.folded($0.contentType) == type && E.folded($0.intendedApplication) == "text-mining" }
                })
            }
            return .cases(cases)
        case .hasReferences: return presence { !($0.reference ?? []).isEmpty || ($0.referencesCount ?? 0) > 0 }
        case .referenceVisibility:
            // The deposits carry no per-member visibility; every member's references are open (since 2022).
            return .cases([FilterCase("reference-visibility:open") { _ in true }, FilterCase("reference-visibility:closed") { _ in false }])
        case .hasArchive: return presence { !($0.archive ?? []).isEmpty }
        case .archive: return valueCases({ ($0.archive ?? []).map(E.folded) }, filterValue: { $0.uppercased() })
        case .hasOrcid: return presence { $0.contributors.contains { $0.ORCID != nil } }
        case .hasAuthenticatedOrcid: return presence { $0.contributors.contains { $0.ORCID != nil && $0.authenticatedOrcid == true } }
        case .orcid: return valueCases({ $0.contributors.compactMap { $0.ORCID.map(E.orcidKey) } }, filterValue: { String($0.suffix(19)) })
        case .issn:
            return valueCases({ (($0.ISSN ?? []) + ($0.issnType ?? []).map(\.value)).map(E.identifierKey) })
        case .isbn:
            return valueCases({ (($0.ISBN ?? []) + ($0.isbnType ?? []).map(\.value)).map(E.identifierKey) })
        case .type: return valueCases { [$0.type] }
        case .typeName: return valueCases({ [$0.type] }, filterValue: { WorkType.named($0)?.label.lowercased() ?? $0 })
        case .updates: return valueCases({ ($0.updateTo ?? []).map { $0.DOI.lowercased() } }, filterValue: { $0.uppercased() })
        case .isUpdate: return presence { !($0.updateTo ?? []).isEmpty }
        case .hasUpdatePolicy: return presence { $0.updatePolicy != nil }
        case .containerTitle: return valueCases { ($0.containerTitle ?? []).map(E.collapsed) }
        case .awardNumber:
            guard case .cases(var cases) = valueCases({ funders($0).flatMap { $0.award.map(E.awardKey) } }) else { return .refused(n) }
            // Dotted: number and funder of ONE funder entry.
            let pairs = works.flatMap { funders($0).flatMap { f in f.award.compactMap { a in f.DOI.map { (E.awardKey(a), E.funderKey($0)) } } } }
            if let (award, funder) = pairs.first {
                cases.append(FilterCase("award.number:\(award),award.funder:\(funder)") {
                    funders($0).contains { f in f.DOI.map(E.funderKey) == funder && f.award.contains { E.awardKey($0) == award } }
                })
            }
            return .cases(cases)
        case .awardFunder: return valueCases { funders($0).filter { !$0.award.isEmpty }.compactMap { $0.DOI.map(E.funderKey) } }
        case .hasAssertion: return presence { !($0.assertion ?? []).isEmpty }
        case .assertionGroup: return valueCases { ($0.assertion ?? []).compactMap { $0.group.map { E.folded($0.name) } } }
        case .assertion: return valueCases { ($0.assertion ?? []).map { E.folded($0.name) } }
        case .hasAffiliation: return presence { $0.contributors.contains { !$0.affiliation.isEmpty } }
        case .alternativeID: return valueCases { ($0.alternativeID ?? []).map(E.folded) }
        case .articleNumber: return valueCases { $0.articleNumber.map { [E.folded($0)] } ?? [] }
        case .hasAbstract: return presence { !($0.abstract ?? "").isEmpty }
        case .hasClinicalTrialNumber: return presence { !($0.clinicalTrialNumber ?? []).isEmpty }
        case .contentDomain: return valueCases { ($0.contentDomain?.domain ?? []).map(E.folded) }
        case .hasContentDomain: return presence { !($0.contentDomain?.domain ?? []).isEmpty }
        case .hasDomainRestriction: return presence { $0.contentDomain?.crossmarkRestriction == true }
        case .hasRelation: return presence { !relations($0).isEmpty }
        case .relationType: return valueCases { relations($0).map(\.type) }
        case .relationObject: return valueCases { relations($0).map { $0.object.id.lowercased() } }
        case .relationObjectType:
            guard case .cases(var cases) = valueCases({ relations($0).map { E.folded($0.object.idType) } }) else { return .refused(n) }
            if let type = commonValues(works, { relations($0).map(\.type) }).first {
                cases.append(FilterCase("relation.type:\(type),relation.object-type:doi") {
                    relations($0).contains { $0.type == type && E.folded($0.object.idType) == "doi" }
                })
            }
            return .cases(cases)
        }
    }

    static func funders(_ w: Work) -> [Funder] { w.funder ?? [] }
    static func licenses(_ w: Work) -> [License] { w.license ?? [] }
    static func links(_ w: Work) -> [Link] { w.link ?? [] }
    static func relations(_ w: Work) -> [(type: String, object: Relation)] {
        (w.relation ?? [:]).flatMap { type, objects in objects.map { (type, $0) } }
    }

    /// The most and the least common value among `works` (one when they are the same; none when
    /// no work has a value). Values holding a comma cannot be written in `filter=` and are skipped.
    public static func commonValues(_ works: [Work], _ values: (Work) -> [String]) -> [String] {
        var counts: [String: Int] = [:]
        for work in works { for value in Set(values(work)) where !value.contains(",") && !value.isEmpty { counts[value, default: 0] += 1 } }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        guard let first = ranked.first, let last = ranked.last else { return [] }
        return first.key == last.key ? [first.key] : [first.key, last.key]
    }

    /// `from-…`/`until-…` on a timestamp: periods around the median, compared by milliseconds.
    static func millisCases(_ name: FilterName, _ works: [Work], _ millis: @escaping @Sendable (Work) -> Int64?) -> Expectation {
        let known = works.compactMap(millis).sorted()
        return dateCases(name, median: known.isEmpty ? nil : Int(known[known.count / 2] / 86_400_000)) { work, isFrom, period in
            guard let t = millis(work) else { return false }
            return isFrom ? t >= Int64(period.first) * 86_400_000 : t < Int64(period.last + 1) * 86_400_000
        }
    }

    /// `from-…`/`until-…` on a partial date, compared by its first day (brief: "2013-02" is 2013-02-01).
    static func dayCases(_ name: FilterName, _ works: [Work], _ date: @escaping @Sendable (Work) -> PartialDate?) -> Expectation {
        let known = works.compactMap { date($0)?.startDay }.sorted()
        return dateCases(name, median: known.isEmpty ? nil : known[known.count / 2]) { work, isFrom, period in
            guard let start = date(work)?.startDay else { return false }
            return isFrom ? start >= period.first : start <= period.last
        }
    }

    /// The year, month and day of the median date as three cases; `from-` includes the first day
    /// of the period, `until-` the last one. No dated work: a filter that selects nothing.
    private static func dateCases(_ name: FilterName, median: Int?,
                                  _ selects: @escaping @Sendable (Work, Bool, (first: Int, last: Int)) -> Bool) -> Expectation {
        guard let median else { return .cases([FilterCase("\(name.rawValue):2020") { _ in false }]) }
        let (y, m, d) = civilDate(days: median)
        let isFrom = name.rawValue.hasPrefix("from-")
        let periods: [(text: String, first: Int, last: Int)] = [
            (String(format: "%04d", y), dayNumber(y, 1, 1), dayNumber(y, 12, 31)),
            (String(format: "%04d-%02d", y, m), dayNumber(y, m, 1), lastDayOfMonth(y, m)),
            (String(format: "%04d-%02d-%02d", y, m, d), dayNumber(y, m, d), dayNumber(y, m, d)),
        ]
        return .cases(periods.map { period in
            FilterCase("\(name.rawValue):\(period.text)") { selects($0, isFrom, (period.first, period.last)) }
        })
    }

    /// (year, month, day) of a day number (days since 1970-01-01), proleptic Gregorian
    /// (H. Hinnant's `civil_from_days`), independent of the code under test.
    static func civilDate(days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
