import WorkModel

/// The ONE function that turns a work into its filter/facet rows (`work_terms`); the alert matcher
/// evaluates filters over the same `[WorkTerm]` in memory, so both agree by construction.
///
/// Values are normalized by `normalizedValue(_:forField:)`, which the read side must apply to a
/// filter's value before comparing: identifiers take their canonical form (DOI and funder DOI
/// lower case, ISSN `NNNN-NNNX`, ISBN digits, ORCID URL form), enumerations and identifiers users
/// type are lower case, and display values (names, titles, URLs) stay as deposited (trimmed,
/// whitespace collapsed) because facets show them.
///
/// Within a work, a value appears once per (field, grp); grouped families (funder, license,
/// full-text, relation) may repeat a value in different groups, so facet counts must count
/// DISTINCT work ids.
public enum WorkTerms {
    /// The value a filter on `field` compares with (`TermNormalization`, shared with the read side).
    /// nil when the value cannot match anything (an invalid ISSN, an empty string).
    public static func normalizedValue(_ raw: String, forField field: String) -> String? {
        TermNormalization.normalize(field: field, raw)
    }

    public static func extract(_ work: Work) -> [WorkTerm] {
        var terms = TermCollector()

        // Funders: one group per funder, so award.number/award.funder match within one funder.
        let funders = work.funder ?? []
        var hasAward = false
        for (index, funder) in funders.enumerated() {
            let grp = index + 1
            let funderDOI = funder.DOI.flatMap(Identifiers.funderDOI)
            if let funderDOI { terms.add("funder", funderDOI, grp: grp) }
            if let name = funder.name { terms.add("funder-name", name, grp: grp) }
            for award in funder.award {
                if terms.add("award.number", award, grp: grp) { hasAward = true }
            }
            if let funderDOI, !funder.award.isEmpty { terms.add("award.funder", funderDOI, grp: grp) }
        }
        if !funders.isEmpty { terms.addFlag("funder") }
        if hasAward { terms.addFlag("award") }

        // Licenses: license.url/version/delay share the license's group; `license` is the facet.
        let licenses = work.license ?? []
        for (index, license) in licenses.enumerated() {
            let grp = index + 1
            terms.add("license.url", license.URL, grp: grp)
            terms.add("license.version", license.contentVersion, grp: grp)
            terms.add("license.delay", String(license.delayInDays), grp: grp, num: Int64(license.delayInDays))
            terms.add("license", license.URL)
        }
        if !licenses.isEmpty { terms.addFlag("license") }

        // Full-text links: one group per link.
        let links = work.link ?? []
        for (index, link) in links.enumerated() {
            let grp = index + 1
            terms.add("full-text.version", link.contentVersion, grp: grp)
            terms.add("full-text.type", link.contentType, grp: grp)
            terms.add("full-text.application", link.intendedApplication, grp: grp)
        }
        if !links.isEmpty { terms.addFlag("full-text") }

        // Contributors: ORCIDs and affiliations of every role.
        var hasORCID = false, hasAuthenticatedORCID = false, hasAffiliation = false
        for contributor in work.contributors {
            if let raw = contributor.ORCID, terms.add("orcid", raw) {
                hasORCID = true
                if contributor.authenticatedOrcid == true, terms.add("authenticated-orcid", raw) { hasAuthenticatedORCID = true }
            }
            for affiliation in contributor.affiliation where terms.add("affiliation", affiliation.name) {
                hasAffiliation = true
            }
        }
        if hasORCID { terms.addFlag("orcid") }
        if hasAuthenticatedORCID { terms.addFlag("authenticated-orcid") }
        if hasAffiliation { terms.addFlag("affiliation") }

        // Serial and book identifiers: the plain lists and the typed lists (either may be filled).
        for issn in (work.ISSN ?? []) + (work.issnType ?? []).map(\.value) { terms.add("issn", issn) }
        for isbn in (work.ISBN ?? []) + (work.isbnType ?? []).map(\.value) { terms.add("isbn", isbn) }

        var hasArchive = false
        for archive in work.archive ?? [] where terms.add("archive", archive) { hasArchive = true }
        if hasArchive { terms.addFlag("archive") }

        // Crossmark.
        let updates = work.updateTo ?? []
        for update in updates {
            terms.add("update-type", update.type)
            terms.add("updates", update.DOI)
        }
        if !updates.isEmpty { terms.addFlag("update") }
        if work.updatePolicy != nil { terms.addFlag("update-policy") }

        var hasAssertion = false
        for assertion in work.assertion ?? [] {
            if terms.add("assertion", assertion.name) { hasAssertion = true }
            if let group = assertion.group { terms.add("assertion-group", group.name) }
        }
        if hasAssertion { terms.addFlag("assertion") }

        if let domain = work.contentDomain {
            var hasDomain = false
            for name in domain.domain where terms.add("content-domain", name) { hasDomain = true }
            if hasDomain { terms.addFlag("content-domain") }
            if domain.crossmarkRestriction == true { terms.addFlag("domain-restriction") }
        }

        for title in work.containerTitle ?? [] { terms.add("container-title", title) }

        // Relations: one group per related object, so relation.type + relation.object match together.
        var relationGroup = 0
        if let relation = work.relation {
            for type in relation.keys.sorted() {
                for object in relation[type]! {
                    relationGroup += 1
                    terms.add("relation-type", type, grp: relationGroup)
                    terms.add("relation.object", object.id, grp: relationGroup)
                    terms.add("relation.object-type", object.idType, grp: relationGroup)
                }
            }
        }
        if relationGroup > 0 { terms.addFlag("relation") }

        for id in work.alternativeID ?? [] { terms.add("alternative-id", id) }
        if let number = work.articleNumber { terms.add("article-number", number) }

        if !(work.reference ?? []).isEmpty || (work.referencesCount ?? 0) > 0 { terms.addFlag("references") }
        if let abstract = work.abstract, !abstract.isEmpty { terms.addFlag("abstract") }
        if !(work.clinicalTrialNumber ?? []).isEmpty { terms.addFlag("clinical-trial-number") }

        return terms.terms
    }

}

/// Collects terms in extraction order, normalizing each value and keeping one per (field, value, grp).
private struct TermCollector {
    private(set) var terms: [WorkTerm] = []
    private var seen: Set<Key> = []

    private struct Key: Hashable { var field: String; var value: String; var grp: Int }

    init() { terms.reserveCapacity(48) }

    /// Adds the normalized value; false when it normalizes to nothing (so no `has` flag follows
    /// from a value that was dropped). A repeated value still returns true.
    @discardableResult
    mutating func add(_ field: String, _ raw: String, grp: Int = 0, num: Int64? = nil) -> Bool {
        guard let value = WorkTerms.normalizedValue(raw, forField: field) else { return false }
        if seen.insert(Key(field: field, value: value, grp: grp)).inserted {
            terms.append(WorkTerm(field: field, value: value, grp: grp, num: num))
        }
        return true
    }

    mutating func addFlag(_ name: String) { add("has", name) }
}
