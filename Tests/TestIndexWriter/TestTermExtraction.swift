import WorkModel
import WorkQuery

/// TEST STAND-IN for `WorkIndex.WorkTerms.extract(_:)` (the write side's one term function).
/// Produces the `work_terms` rows INDEX-SPEC lists for a work, values normalized with
/// `TermNormalization`. When the real writer lands, replace calls to
/// `TestTermExtraction.terms(for:)` with `WorkTerms.extract(_:)`.
public enum TestTermExtraction {
    public static func terms(for work: Work) -> [TermFact] {
        var terms: [TermFact] = []
        var nextGroup = 1
        func add(_ field: String, _ raw: String?, group: Int = 0, number: Int64? = nil) {
            guard let raw, let value = TermNormalization.normalize(field: field, raw) else { return }
            let term = TermFact(field: field, value: value, group: group, number: number)
            if !terms.contains(term) { terms.append(term) }
        }
        func has(_ what: String) { add(TermField.has, what) }
        func group() -> Int { defer { nextGroup += 1 }; return nextGroup }

        for funder in work.funder ?? [] {
            let g = group()
            add(TermField.funder, funder.DOI)
            add(TermField.funderName, funder.name)
            has(TermField.HasValue.funder)
            if !funder.award.isEmpty { has(TermField.HasValue.award) }
            for award in funder.award {
                add(TermField.awardNumber, award, group: g)
                add(TermField.awardFunder, funder.DOI, group: g)
            }
        }
        for license in work.license ?? [] {
            let g = group()
            add(TermField.licenseURL, license.URL, group: g)
            add(TermField.licenseVersion, license.contentVersion, group: g)
            add(TermField.licenseDelay, String(license.delayInDays), group: g, number: Int64(license.delayInDays))
            add(TermField.license, license.URL)
            has(TermField.HasValue.license)
        }
        for link in work.link ?? [] {
            let g = group()
            add(TermField.fullTextVersion, link.contentVersion, group: g)
            add(TermField.fullTextType, link.contentType, group: g)
            add(TermField.fullTextApplication, link.intendedApplication, group: g)
            has(TermField.HasValue.fullText)
        }
        for contributor in work.contributors {
            if let orcid = contributor.ORCID {
                add(TermField.orcid, orcid)
                has(TermField.HasValue.orcid)
                if contributor.authenticatedOrcid == true {
                    add(TermField.authenticatedOrcid, orcid)
                    has(TermField.HasValue.authenticatedOrcid)
                }
            }
            for affiliation in contributor.affiliation {
                add(TermField.affiliation, affiliation.name)
                has(TermField.HasValue.affiliation)
            }
        }
        for issn in work.ISSN ?? [] { add(TermField.issn, issn) }
        for isbn in work.ISBN ?? [] { add(TermField.isbn, isbn) }
        for archive in work.archive ?? [] { add(TermField.archive, archive); has(TermField.HasValue.archive) }
        for update in work.updateTo ?? [] {
            add(TermField.updateType, update.type)
            add(TermField.updates, update.DOI)
            has(TermField.HasValue.update)
        }
        for assertion in work.assertion ?? [] {
            add(TermField.assertion, assertion.name)
            add(TermField.assertionGroup, assertion.group?.name)
            has(TermField.HasValue.assertion)
        }
        for title in work.containerTitle ?? [] { add(TermField.containerTitle, title) }
        for (type, objects) in (work.relation ?? [:]).sorted(by: { $0.key < $1.key }) {
            for object in objects {
                let g = group()
                add(TermField.relationType, type, group: g)
                add(TermField.relationObject, object.id, group: g)
                add(TermField.relationObjectType, object.idType, group: g)
                has(TermField.HasValue.relation)
            }
        }
        if let domain = work.contentDomain {
            for name in domain.domain { add(TermField.contentDomain, name) }
            if !domain.domain.isEmpty { has(TermField.HasValue.contentDomain) }
            if domain.crossmarkRestriction == true { has(TermField.HasValue.domainRestriction) }
        }
        for id in work.alternativeID ?? [] { add(TermField.alternativeID, id) }
        add(TermField.articleNumber, work.articleNumber)
        if !(work.reference ?? []).isEmpty || (work.referencesCount ?? 0) > 0 { has(TermField.HasValue.references) }
        if work.updatePolicy != nil { has(TermField.HasValue.updatePolicy) }
        if work.abstract != nil { has(TermField.HasValue.abstract) }
        if !(work.clinicalTrialNumber ?? []).isEmpty { has(TermField.HasValue.clinicalTrialNumber) }
        return terms
    }
}
