import WorkModel

/// Thirty hand-built works that vary every field a filter, facet or sort looks at. Tests compute
/// their expectations from these values directly, never through the code under test.
public enum SampleWorks {
    public static let nsf = "10.13039/100000001"
    public static let nhlbi = "10.13039/100000050"
    public static let europeanCommission = "10.13039/501100000780"
    public static let ccBy4 = "http://creativecommons.org/licenses/by/4.0/"
    public static let ccBy3 = "http://creativecommons.org/licenses/by/3.0/"
    public static let ccByNC = "http://creativecommons.org/licenses/by-nc/4.0/"
    public static let elsevierTDM = "https://www.elsevier.com/tdm/userlicense/1.0/"
    public static let orcids = [
        "https://orcid.org/0000-0002-1825-0097", "https://orcid.org/0000-0001-5109-3700",
        "https://orcid.org/0000-0002-1694-233X",
    ]
    public static let issns = ["0378-5955", "1549-7712", "2090-8091"]
    public static let journals = ["Hearing Research", "Journal of the Association for Information Science and Technology",
                                  "Pathology Research International"]
    public static let owners: [(prefix: String, member: String, publisher: String)] = [
        ("10.1016", "78", "Elsevier BV"), ("10.1002", "311", "Wiley"),
        ("10.1007", "297", "Springer Science and Business Media LLC"), ("10.5555", "7822", "Crossref Test Publisher"),
    ]
    static let types = ["journal-article", "journal-article", "book-chapter", "proceedings-article",
                        "posted-content", "dataset", "journal-article", "peer-review"]
    static let titles = [
        "There is plenty of room at the bottom", "COVID-19 transmission in schools", "Ontologies for the humanities",
        "Deep learning for hearing research", "Renear and the markup debate", "Climate models and uncertainty",
        "Stress hormones in psychoneuroendocrinology",
    ]
    static let day: Int64 = 86_400_000
    static let epoch2020: Int64 = 1_577_836_800_000

    public static func doi(_ i: Int) -> String {
        switch i {
        case 5: return "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0"
        case 6: return "10.1016/j.psyneuen.2016.01.001"
        default: return "\(owners[i % 4].prefix)/sample.\(i)"
        }
    }

    public static let all: [Work] = (0..<30).map(make)

    static func make(_ i: Int) -> Work {
        let owner = owners[i % 4]
        var work = Work(DOI: doi(i), type: types[i % 8])
        work.prefix = owner.prefix
        work.member = owner.member
        work.publisher = owner.publisher
        work.title = [titles[i % titles.count] + " \(i)"]
        if i == 15 { work.title = ["Quotes \"and\" OR NEAR(stuff) * : ^ -minus {col}"] }

        // Dates: every precision, some works with none at all.
        let year = 2000 + i % 15
        switch i % 3 {
        case 0: work.issued = PartialDate(year: year)
        case 1: work.issued = PartialDate(year: year, month: 1 + i % 12)
        default: work.issued = PartialDate(year: year, month: 1 + i % 12, day: 1 + i % 28)
        }
        if i == 29 { work.issued = .unknown } else { work.published = work.issued }
        if i % 2 == 0, i != 29 { work.publishedPrint = work.issued }
        if i % 3 != 0 { work.publishedOnline = PartialDate(year: year - 1, month: 12, day: 1 + i % 28) }
        if work.type == "posted-content" { work.posted = PartialDate(year: year, month: 3, day: 3) }
        if i % 5 == 1 { work.accepted = PartialDate(year: year, month: 6) }
        work.created = DateObject(epochMillis: epoch2020 + Int64(i) * day)
        // Three works share each deposit time, so sorts must break ties by DOI.
        work.deposited = DateObject(epochMillis: epoch2020 + Int64(i / 3) * 30 * day + 3_600_000)
        work.indexed = DateObject(epochMillis: epoch2020 + Int64(30 - i) * 40 * day + 7_200_000)
        work.isReferencedByCount = (i * 7) % 13
        work.referencesCount = i % 5 == 0 ? nil : i % 9
        work.referenceCount = work.referencesCount

        // Contributors.
        var author = Contributor(given: ["Richard", "Allen", "Josiah", "Ada"][i % 4],
                                 family: ["Feynman", "Renear", "Carberry", "Lovelace"][i % 4], sequence: "first")
        if i % 3 == 0 { author.ORCID = orcids[i % orcids.count]; author.authenticatedOrcid = i % 6 == 0 }
        if i % 4 == 1 { author.affiliation = [Affiliation(name: i % 8 == 1 ? "University of Oxford" : "MIT")] }
        work.author = [author]
        if i % 7 == 3 { work.editor = [Contributor(given: "Grace", family: "Hopper", sequence: "first")] }

        // Funders and awards (work 20 has two funders whose awards must not mix).
        if i % 5 == 0 { work.funder = [Funder(name: "National Science Foundation", DOI: nsf, award: ["CBET-0756451"], doiAssertedBy: "publisher")] }
        if i % 5 == 1 { work.funder = [Funder(name: "National Heart, Lung, and Blood Institute", DOI: nhlbi, award: ["1 F31 MH11745"], doiAssertedBy: "publisher")] }
        if i % 7 == 2 { work.funder = (work.funder ?? []) + [Funder(name: "European Commission", DOI: europeanCommission)] }
        if i == 20 {
            work.funder = [Funder(name: "National Science Foundation", DOI: nsf, award: ["X-1"]),
                           Funder(name: "National Heart, Lung, and Blood Institute", DOI: nhlbi, award: ["CBET-0756451"])]
        }

        // Licenses (work 10: license A without delay, license B with a long one).
        let start = DateObject(day: work.issued.isKnown ? work.issued : PartialDate(year: 2020))
        switch i % 4 {
        case 0: work.license = [License(URL: ccBy4, start: start, delayInDays: 0, contentVersion: "vor")]
        case 1: work.license = [License(URL: elsevierTDM, start: start, delayInDays: 365, contentVersion: "tdm")]
        case 2: work.license = [License(URL: ccBy3, start: start, delayInDays: 30, contentVersion: "am")]
        default: break
        }
        if i == 10 {
            work.license = [License(URL: ccBy4, start: start, delayInDays: 0, contentVersion: "vor"),
                            License(URL: ccByNC, start: start, delayInDays: 400, contentVersion: "am")]
        }

        // Full-text links.
        var links: [Link] = []
        if i % 2 == 0 { links.append(Link(URL: "https://example.org/\(i).pdf", contentType: "application/pdf", contentVersion: "vor", intendedApplication: "text-mining")) }
        if i % 3 == 0 { links.append(Link(URL: "https://example.org/\(i).xml", contentType: "text/xml", contentVersion: "am", intendedApplication: "similarity-checking")) }
        if !links.isEmpty { work.link = links }

        if work.type == "journal-article" || work.type == "peer-review" {
            work.ISSN = [issns[i % 3]]
            work.containerTitle = [journals[i % 3]]
            work.volume = String(10 + i)
        }
        if work.type == "book-chapter" {
            work.ISBN = ["978316148410\(i % 10)"]
            work.containerTitle = ["Handbook of Sample Metadata"]
        }
        if i % 3 == 0 { work.archive = ["CLOCKSS"] }
        if i % 5 == 0 { work.archive = (work.archive ?? []) + ["Portico"] }

        if i == 12 { work.updateTo = [Update(DOI: doi(6), type: "retraction", label: "Retraction", updated: work.created)] }
        if i == 13 { work.updateTo = [Update(DOI: doi(7), type: "correction", label: "Correction", updated: work.created)] }
        if i % 4 == 0 { work.updatePolicy = "https://doi.org/10.1016/elsevier_cm_policy" }
        if i % 4 == 3 {
            let history = Assertion.Group(name: "publication_history", label: "Publication History")
            work.assertion = [Assertion(value: "2020-01-01", name: "received", label: "Received", group: history, order: 0),
                              Assertion(value: "2020-02-01", name: "accepted", label: "Accepted", group: history, order: 1)]
        }
        if i == 7 { work.assertion = (work.assertion ?? []) + [Assertion(value: "Yes", name: "peerreviewed", label: "Peer reviewed")] }
        if i == 4 { work.relation = ["is-preprint-of": [Relation(idType: "doi", id: doi(8), assertedBy: "subject")]] }
        if i == 20 {
            work.relation = ["has-review": [Relation(idType: "doi", id: doi(7), assertedBy: "object")],
                             "is-supplemented-by": [Relation(idType: "uri", id: "https://data.example.org/x", assertedBy: "subject")]]
        }
        if i % 2 == 1 { work.abstract = "<jats:p>Abstract of work \(i) about hearing and markup.</jats:p>" }
        if i == 9 { work.clinicalTrialNumber = [ClinicalTrial(clinicalTrialNumber: "NCT00000419", registry: "10.18810/clinical-trials-gov", type: "preResults")] }
        if i % 6 == 0 { work.contentDomain = ContentDomain(domain: ["elsevier.com", "sciencedirect.com"], crossmarkRestriction: true) }
        if i % 6 == 3 { work.contentDomain = ContentDomain(domain: ["wiley.com"], crossmarkRestriction: false) }
        work.alternativeID = ["S0000-\(i)"]
        if i % 5 == 2 { work.articleNumber = "e\(i)" }
        return work
    }
}
