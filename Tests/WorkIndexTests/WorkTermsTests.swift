import Testing
@testable import WorkIndex
import WorkModel

@Suite("WorkTerms.extract")
struct WorkTermsTests {
    private func values(_ terms: [WorkTerm], _ field: String) -> [String] {
        terms.filter { $0.field == field }.map(\.value)
    }

    private func term(_ terms: [WorkTerm], _ field: String, _ value: String) -> WorkTerm? {
        terms.first { $0.field == field && $0.value == value }
    }

    @Test func fundersAndAwardsShareOneGroupPerFunder() throws {
        var work = Work(DOI: "10.5555/f", type: "journal-article")
        work.funder = [
            Funder(name: "National Science Foundation", DOI: "https://doi.org/10.13039/100000001", award: ["CBET-0756451", "dms 123"]),
            Funder(name: "Wellcome Trust", DOI: "100004440", award: ["WT-1"]),
            Funder(name: "A funder without id", award: []),
        ]
        let terms = WorkTerms.extract(work)
        #expect(values(terms, "funder") == ["10.13039/100000001", "10.13039/100004440"])
        #expect(values(terms, "funder-name") == ["National Science Foundation", "Wellcome Trust", "A funder without id"])
        // award.number is compared in lower case without spaces and hyphens ("DMS 123" = "dms123");
        // award.funder only for funders with awards.
        #expect(values(terms, "award.number") == ["cbet0756451", "dms123", "wt1"])
        #expect(values(terms, "award.funder") == ["10.13039/100000001", "10.13039/100004440"])

        let nsf = try #require(term(terms, "award.funder", "10.13039/100000001"))
        let wellcome = try #require(term(terms, "award.funder", "10.13039/100004440"))
        #expect(term(terms, "award.number", "cbet0756451")?.grp == nsf.grp)
        #expect(term(terms, "award.number", "dms123")?.grp == nsf.grp)
        #expect(term(terms, "award.number", "wt1")?.grp == wellcome.grp)
        #expect(nsf.grp != wellcome.grp && nsf.grp != 0)
        // So award.number:WT-1 + award.funder:NSF must not match within one funder.
        #expect(term(terms, "award.number", "wt-1")?.grp != nsf.grp)
        #expect(values(terms, "has").contains("funder"))
        #expect(values(terms, "has").contains("award"))
    }

    @Test func licensesCarryTheirDelayAsNumberWithinTheirGroup() throws {
        var work = Work(DOI: "10.5555/l", type: "journal-article")
        let start = DateObject(epochMillis: 0)
        work.license = [
            License(URL: "http://creativecommons.org/licenses/by/4.0/", start: start, delayInDays: 0, contentVersion: "vor"),
            License(URL: " https://example.org/tdm ", start: start, delayInDays: 365, contentVersion: "TDM"),
        ]
        let terms = WorkTerms.extract(work)
        let delay = try #require(term(terms, "license.delay", "365"))
        #expect(delay.num == 365)
        let url = try #require(term(terms, "license.url", "https://example.org/tdm"))
        #expect(url.grp == delay.grp)
        #expect(term(terms, "license.version", "tdm")?.grp == delay.grp)
        #expect(term(terms, "license.delay", "0")?.num == 0)
        #expect(term(terms, "license.delay", "0")?.grp != delay.grp)
        // The facet: the URL as deposited (trimmed), once per work.
        #expect(values(terms, "license") == ["http://creativecommons.org/licenses/by/4.0/", "https://example.org/tdm"])
        #expect(term(terms, "license", "https://example.org/tdm")?.grp == 0)
        #expect(values(terms, "has").contains("license"))
    }

    @Test func linksAreGroupedPerLink() throws {
        var work = Work(DOI: "10.5555/k", type: "journal-article")
        work.link = [
            Link(URL: "https://x/a.pdf", contentType: "application/pdf", contentVersion: "vor", intendedApplication: "text-mining"),
            Link(URL: "https://x/a.xml", contentType: "text/xml", contentVersion: "am", intendedApplication: "similarity-checking"),
        ]
        let terms = WorkTerms.extract(work)
        let pdf = try #require(term(terms, "full-text.type", "application/pdf"))
        #expect(term(terms, "full-text.version", "vor")?.grp == pdf.grp)
        #expect(term(terms, "full-text.application", "text-mining")?.grp == pdf.grp)
        let xml = try #require(term(terms, "full-text.type", "text/xml"))
        #expect(term(terms, "full-text.version", "am")?.grp == xml.grp)
        #expect(term(terms, "full-text.application", "similarity-checking")?.grp == xml.grp)
        #expect(pdf.grp != xml.grp)
        #expect(values(terms, "has").contains("full-text"))
    }

    @Test func orcidsAreNormalizedAndAuthenticatedOnesMarked() throws {
        var work = Work(DOI: "10.5555/o", type: "journal-article")
        work.author = [
            Contributor(given: "Josiah", family: "Carberry", affiliation: [Affiliation(name: "Brown  University ")],
                        ORCID: "http://orcid.org/0000-0002-1825-0097", authenticatedOrcid: true),
            Contributor(given: "B", family: "C", ORCID: "0000-0002-1694-233x", authenticatedOrcid: false),
            Contributor(given: "D", family: "E", ORCID: "0000-0002-1694-2331"),  // bad check digit: dropped
        ]
        work.editor = [Contributor(given: "Josiah", family: "Carberry", ORCID: "https://orcid.org/0000-0002-1825-0097")]
        let terms = WorkTerms.extract(work)
        #expect(values(terms, "orcid") == ["https://orcid.org/0000-0002-1825-0097", "https://orcid.org/0000-0002-1694-233X"])
        #expect(values(terms, "authenticated-orcid") == ["https://orcid.org/0000-0002-1825-0097"])
        #expect(values(terms, "affiliation") == ["Brown University"])
        let flags = Set(values(terms, "has"))
        #expect(flags.isSuperset(of: ["orcid", "authenticated-orcid", "affiliation"]))
        // The read side normalizes a filter value the same way.
        #expect(WorkTerms.normalizedValue("0000-0002-1825-0097", forField: "orcid") == "https://orcid.org/0000-0002-1825-0097")
    }

    @Test func identifiersCrossmarkRelationsAndFlags() throws {
        var work = Work(DOI: "10.5555/i", type: "journal-article")
        work.ISSN = ["12345679", "1234-5679"]
        work.issnType = [TypedIdentifier(value: "2049-363x", type: "electronic")]
        work.ISBN = ["978-0-306-40615-7"]
        work.archive = ["CLOCKSS", "Portico"]
        work.containerTitle = ["Journal of Examples"]
        work.updateTo = [Update(DOI: "10.5555/OLD", type: "Correction", label: "Correction", updated: nil)]
        work.updatePolicy = "https://doi.org/10.5555/policy"
        work.contentDomain = ContentDomain(domain: ["Example.org"], crossmarkRestriction: true)
        work.assertion = [Assertion(value: "x", name: "received", group: .init(name: "publication_history", label: nil))]
        work.relation = ["is-preprint-of": [Relation(idType: "doi", id: "10.5555/PUB", assertedBy: "subject")],
                         "has-review": [Relation(idType: "uri", id: "https://Reviews.example/1", assertedBy: "object")]]
        work.alternativeID = ["ABC-123"]
        work.articleNumber = "e1234"
        work.abstract = "<jats:p>text</jats:p>"
        work.clinicalTrialNumber = [ClinicalTrial(clinicalTrialNumber: "NCT0001", registry: "10.18810/clinical-trials-gov", type: nil)]
        work.referencesCount = 3
        let terms = WorkTerms.extract(work)

        #expect(values(terms, "issn") == ["1234-5679", "2049-363X"])
        #expect(values(terms, "isbn") == ["9780306406157"])
        // Archive names are matched case-insensitively (archive:clockss finds CLOCKSS).
        #expect(values(terms, "archive") == ["clockss", "portico"])
        #expect(values(terms, "container-title") == ["Journal of Examples"])
        #expect(values(terms, "update-type") == ["correction"])
        #expect(values(terms, "updates") == ["10.5555/old"])
        #expect(values(terms, "content-domain") == ["example.org"])
        #expect(values(terms, "assertion") == ["received"])
        #expect(values(terms, "assertion-group") == ["publication_history"])
        #expect(values(terms, "alternative-id") == ["abc-123"])
        #expect(values(terms, "article-number") == ["e1234"])

        let preprint = try #require(term(terms, "relation-type", "is-preprint-of"))
        #expect(term(terms, "relation.object", "10.5555/pub")?.grp == preprint.grp)
        #expect(term(terms, "relation.object-type", "doi")?.grp == preprint.grp)
        let review = try #require(term(terms, "relation-type", "has-review"))
        #expect(term(terms, "relation.object", "https://reviews.example/1")?.grp == review.grp)
        #expect(review.grp != preprint.grp)

        #expect(Set(values(terms, "has")) == [
            "archive", "update", "update-policy", "assertion", "content-domain", "domain-restriction",
            "relation", "references", "abstract", "clinical-trial-number",
        ])
    }

    @Test func anEmptyWorkHasNoTerms() {
        #expect(WorkTerms.extract(Work(DOI: "10.5555/empty", type: "journal-article")).isEmpty)
    }

    @Test func realisticWorkHasAboutFortyTerms() {
        let terms = WorkTerms.extract(Fixtures.realistic(7))
        #expect((30...60).contains(terms.count))
        #expect(Set(terms.map { [$0.field, $0.value, String($0.grp)] }).count == terms.count)
    }

    @Test func whitespaceIsCollapsed() {
        #expect(TermNormalization.collapsed("  a \t b\n") == "a b")
        #expect(TermNormalization.collapsed("Université de Montréal") == "Université de Montréal")
        #expect(TermNormalization.collapsed("a\u{00A0}\u{00A0}b") == "a b")
        #expect(TermNormalization.collapsed("") == "")
    }
}

@Suite("WorkSearchText.make")
struct WorkSearchTextTests {
    @Test func columnsHoldTheirTexts() {
        var work = Fixtures.article("10.5555/s", title: "Coupled oscillators")
        work.subtitle = ["a review"]
        work.author = [Contributor(given: "Ada", family: "Lovelace", affiliation: [Affiliation(name: "Analytical Society")])]
        work.editor = [Contributor(name: "The Editors")]
        work.ISSN = ["1234-5679"]
        work.volume = "12"
        work.abstract = "<jats:p>Noise<jats:italic>induced</jats:italic> sync</jats:p>"
        let text = WorkSearchText.make(work)
        #expect(text.title == "Coupled oscillators a review")
        #expect(text.containerTitle == "Journal of Examples")
        #expect(text.author == "Ada Lovelace")
        #expect(text.editor == "The Editors")
        #expect(text.contributor == "Ada Lovelace The Editors")
        #expect(text.affiliation == "Analytical Society")
        #expect(text.bibliographic.contains("1234-5679") && text.bibliographic.contains("2020") && text.bibliographic.contains("12"))
        #expect(text.everything.contains("Noise induced  sync") || text.everything.contains("Noise induced sync"))
        #expect(text.everything.contains("10.5555/s"))
        #expect(text.values.count == WorkSearchText.columns.count)
        // Each text in one column only: the derived texts are unions, not stored again.
        #expect(text.citation == "1234-5679 2020 12")
        #expect(text.other.hasPrefix("10.5555/s") && !text.other.contains("Coupled") && !text.other.contains("Lovelace"))
        #expect(!text.other.contains("Analytical Society"))
    }
}
