import Testing
import Unixref
import WorkModel

/// Every field group of WORK-MODEL.md on real records; expected values read by hand from the XML.
@Suite struct FieldGroupTests {
    @Test func registryDataFromUnixsdCrmItems() throws {
        let record = try Fixture.parse("unixsd/crossref-unixsd-e5292bb6-92f1-44ae-8e54-54bed48adabf.xml").only()
        let work = record.work
        #expect(work.DOI == "10.1109/access.2016.2628407")  // deposited upper case
        #expect(work.URL == "https://doi.org/10.1109/access.2016.2628407")
        #expect(work.member == "263")
        #expect(work.prefix == "10.1109")
        #expect(work.publisher == "Institute of Electrical and Electronics Engineers (IEEE)")
        #expect(work.isReferencedByCount == 27)
        // created 2016-11-23T01:09:44Z, last-update 2017-06-25T04:14:34Z
        #expect(work.created == DateObject(epochMillis: 1_479_863_384_000))
        #expect(work.created?.dateParts == [2016, 11, 23])
        #expect(work.deposited == DateObject(epochMillis: 1_498_364_074_000))
        #expect(work.deposited?.dateTime == "2017-06-25T04:14:34Z")
        #expect(record.version == 1_498_364_074_000)
        #expect(work.indexed == nil)  // the index sets it
        #expect(work.type == "journal-article")
        #expect(work.containerTitle == ["IEEE Access"])
        #expect(work.volume == "4")
        #expect(work.issue == nil)
        #expect(work.page == "8375-8385")
        #expect(work.issued == date(2016))
        #expect(work.publishedPrint == date(2016))
        #expect(work.journalIssue == JournalIssue(issue: nil, publishedPrint: date(2016), publishedOnline: nil))
        #expect(work.articleNumber == nil)  // item_number_type="arNumber" is not an article number
        #expect(work.author?.count == 7)
        #expect(work.author?.compactMap(\.ORCID) == ["https://orcid.org/0000-0002-4870-1493", "https://orcid.org/0000-0003-2860-1329",
                                                      "https://orcid.org/0000-0003-2238-6808"])
        // No authenticated attribute: false when an ORCID is present, absent otherwise.
        #expect(work.author?.map(\.authenticatedOrcid) == [false, false, nil, nil, nil, nil, false])
        #expect(work.funder == [
            Funder(name: "NSFC", DOI: "10.13039/501100001809",
                   award: ["61602250", "61503195", "61462064", "61203243", "61402231", "61603192", "61272077"], doiAssertedBy: "publisher"),
            Funder(name: "Natural Science Foundation of Jiangsu Province", DOI: "10.13039/501100004608",
                   award: ["BK20150983", "BK20161580"], doiAssertedBy: "publisher"),
            Funder(name: "Program of Natural Science Research of Jiangsu Higher Education Institutions",
                   award: ["16KJB520025", "16KJB520020", "15KJB470010", "15KJB520018", "2KJA63001"]),
            Funder(name: "Open Project Program of the State Key Laboratory of CAD&CG, Zhejiang University", DOI: "10.13039/501100004835",
                   award: ["A1616"], doiAssertedBy: "publisher"),
            Funder(name: "Open Research Fund of Key Laboratory of Network Crime Investigation of Hunan Provincial Colleges",
                   award: ["2015HNWLFZ058"]),
        ])
        #expect(work.link == [Link(URL: "http://xplorestaging.ieee.org/ielx7/6287639/7419931/07752782.pdf?arnumber=7752782",
                                   contentType: "unspecified", contentVersion: "unspecified", intendedApplication: "similarity-checking")])
        #expect(work.resource?.primary.URL == "http://ieeexplore.ieee.org/document/7752782/")
        #expect(work.reference == nil)
        #expect(work.referencesCount == nil)
    }

    @Test func titleMarkupIsFlattenedAndWhitespaceCollapsed() throws {
        let work = try Fixture.parse("oai-pmh/publication-date.xml").only().work
        // <title>\n Role of IscX in Iron–Sulfur Cluster Biogenesis in\n <i>Escherichia coli</i>\n </title>
        #expect(work.title == ["Role of IscX in Iron–Sulfur Cluster Biogenesis in Escherichia coli"])
        #expect(work.containerTitle == ["Journal of the American Chemical Society"])
        #expect(work.shortContainerTitle == ["J. Am. Chem. Soc."])
        #expect(work.alternativeID == ["10.1021/ja501260h"])
    }

    @Test func issuedIsTheEarliestPublicationDate() throws {
        let work = try Fixture.parse("oai-pmh/publication-date.xml").only().work
        // print 2014-06-04, no media type (print) 2010-04, online 2011-04-04
        #expect(work.publishedPrint == date(2010, 4))
        #expect(work.publishedOnline == date(2011, 4, 4))
        #expect(work.issued == date(2010, 4))
        #expect(work.published == date(2010, 4))
        #expect(work.journalIssue == JournalIssue(issue: "22", publishedPrint: date(2014, 6, 4), publishedOnline: nil))
        #expect(work.volume == "136")
    }

    @Test func onlineBeforePrint() throws {
        let record = try Fixture.parse("oai-pmh/online-pub-date.xml").only()
        let work = record.work
        #expect(work.publishedOnline == date(2014, 4, 24))
        #expect(work.publishedPrint == date(2015, 3, 1))
        #expect(work.issued == date(2014, 4, 24))
        #expect(work.journalIssue == JournalIssue(issue: "3", publishedPrint: date(2015, 3, 1), publishedOnline: date(2015, 2, 16)))
        #expect(work.member == "239")
        #expect(work.publisher == "BMJ")
        #expect(work.created?.dateTime == "2014-04-25T03:58:35Z")
        #expect(work.deposited?.dateTime == "2015-02-16T12:23:19Z")
        #expect(work.updatePolicy == "https://doi.org/10.1136/crossmarkpolicy")
        #expect(work.contentDomain == ContentDomain(domain: ["bmj.com"], crossmarkRestriction: true))
        #expect(work.ISSN == ["0040-6376"])
    }

    @Test func seasonMonthIsDroppedWithAWarning() throws {
        let record = try Fixture.record("oai-pmh/previously-failed-14.xml", doi: "10.1787/9789264034075-fr")
        // <month>21</month><day>01</day><year>2008</year>
        #expect(record.work.publishedPrint == date(2008))
        #expect(record.work.issued == date(2008))
        #expect(record.warnings.contains { $0.kind == .invalidDate })
        #expect(record.work.language == "fr")
        #expect(record.work.publisher == "Éditions OCDE")
        #expect(record.work.title == ["La budgétisation axée sur la performance dans les pays de l’OCDE"])
    }

    @Test func contributorsWithAffiliations() throws {
        let work = try Fixture.parse("oai-pmh/affiliations.xml").only().work
        let authors = try #require(work.author)
        #expect(authors.map(\.family) == ["Henggeler", "Halliday-Boykins", "Cunningham", "Randall", "Shapiro", "Chapman"])
        #expect(authors[0].affiliation == [Affiliation(name: "Scott first affiliation"), Affiliation(name: "Scott second affiliation")])
        #expect(authors[1].affiliation.isEmpty)
        #expect(authors[4].affiliation == [Affiliation(name: "Steven first affiliation"), Affiliation(name: "Steven second affiliation")])
        #expect(authors[5].affiliation == [Affiliation(name: "Jason first affiliation")])
        #expect(authors.map(\.sequence) == ["first", "additional", "additional", "additional", "additional", "additional"])
        #expect(authors.allSatisfy { $0.ORCID == nil && $0.authenticatedOrcid == nil })
    }

    @Test func authenticatedOrcid() throws {
        let work = try Fixture.parse("oai-pmh/orcid.xml").only().work
        // <ORCID authenticated="true">http://orcid.org/0000-0002-1825-0097</ORCID>
        #expect(work.author == [Contributor(given: "Josiah", family: "Carberry", sequence: "first",
                                            ORCID: "https://orcid.org/0000-0002-1825-0097", authenticatedOrcid: true)])
    }

    @Test func fundersInsideCrossmarkWithoutNamespaceOrName() throws {
        let work = try Fixture.parse("oai-pmh/funder-crossmark.xml").only().work
        let funders = try #require(work.funder)
        #expect(funders.first == Funder(name: "National Institutes of Health", DOI: "10.13039/100000002",
                                        award: ["5R21HL108272", "Another award"], doiAssertedBy: "publisher"))
        #expect(funders.contains(Funder(name: "All within group", DOI: "10.13039/1001", doiAssertedBy: "publisher")))
        #expect(funders.contains(Funder(name: "NSF", DOI: "10.13039/10000005", doiAssertedBy: "publisher")))
        #expect(funders.contains(Funder(name: "NSF2", DOI: "10.13039/10000010", doiAssertedBy: "publisher")))
        #expect(Set(funders.compactMap(\.DOI)).isSuperset(of: ["10.13039/1000001", "10.13039/1000009"]))
        // The program's assertions are funders, not Crossmark assertions.
        #expect(work.assertion?.map(\.name) == ["received", "accepted", "published"])
        #expect(work.assertion?.first == Assertion(value: "2012-04-17", name: "received", label: "Received",
                                                   group: .init(name: "publication_history", label: "Publication History"), order: 0))
        #expect(work.assertion?.map(\.order) == [0, 1, 2])
        #expect(work.updatePolicy == "https://doi.org/10.1063/aip-crossmark-policy-page")
        #expect(work.contentDomain == ContentDomain(domain: ["aip.org"], crossmarkRestriction: true))
        #expect(work.page == "081901")
    }

    /// libxml2 hands an attribute's `&` over as `&#38;` (entities are never substituted): the
    /// JSON must say `&`, as the deposit meant.
    @Test func ampersandsInAttributesAreAmpersands() throws {
        let work = try Fixture.parse("unixsd/crossref-unixsd-f0e08fdd-459c-4b59-96da-ede1a1483f81.xml").only().work
        let scope = try #require(work.assertion?.first { $0.name == "aims_and_scope_url" })
        #expect(scope.label == "Aim & Scope")
        #expect(scope.URL == "http://www.tandfonline.com/action/journalInformation?show=aimsScope&journalCode=gpsh20")
    }

    @Test func fundersWithoutCrossmark() throws {
        let work = try Fixture.parse("oai-pmh/funder-no-crossmark.xml").only().work
        // The commented-out fr:program is not read.
        #expect(work.funder?.contains { $0.name?.contains("California") == true } == false)
        #expect(work.funder?.first == Funder(name: "National Institutes of Health", DOI: "10.13039/100000002",
                                             award: ["5R21HL108272", "Another award"], doiAssertedBy: "publisher"))
        #expect(work.funder?.count == 6)
        #expect(work.assertion == nil)
        #expect(work.DOI == "10.1037/0022-006x.74.1.42")
    }

    @Test func flatFunderProgram() throws {
        let work = try Fixture.parse("oai-pmh/funder-single.xml").only().work
        // <program> with funder_name, funder_identifier (a dx.doi.org URL) and award_number side by side.
        #expect(work.funder == [Funder(name: "National Cancer Institute", DOI: "10.13039/100000054",
                                       award: ["R25 CA 57730-11"], doiAssertedBy: "publisher")])
        #expect(work.assertion == nil)
        #expect(work.alternativeID == ["2008-10619-004"])
    }

    @Test func funderWithABadName() throws {
        let work = try Fixture.parse("oai-pmh/funder-bad-name.xml").only().work
        // The deposited name is kept as it is; the id is what identifies the funder.
        #expect(work.funder == [Funder(name: "Wrong Name", DOI: "10.13039/100000002", award: ["5R21HL108272"], doiAssertedBy: "publisher")])
        #expect(work.assertion?.count == 3)
    }

    @Test func invalidFunderIdIsDroppedWithAWarning() throws {
        let record = try Parsed(xml: """
            <doi_records><doi_record><crossref xmlns:fr="http://www.crossref.org/fundref.xsd"><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_article><titles><title>T</title></titles>
                <fr:program name="fundref">
                  <fr:assertion name="fundgroup">
                    <fr:assertion name="funder_name">Somebody<fr:assertion name="funder_identifier">10.5555/not-a-funder</fr:assertion></fr:assertion>
                    <fr:assertion name="award_number">42</fr:assertion>
                  </fr:assertion>
                  <fr:assertion name="fundgroup">
                    <fr:assertion name="funder_name">European Research Council<fr:assertion name="funder_identifier">https://doi.org/10.13039/501100000781</fr:assertion></fr:assertion>
                    <fr:assertion name="award_number">ERC-1</fr:assertion>
                  </fr:assertion>
                  <fr:assertion name="fundgroup">
                    <fr:assertion name="funder_name">ERC<fr:assertion name="funder_identifier">10.13039/501100000781</fr:assertion></fr:assertion>
                    <fr:assertion name="award_number">ERC-2</fr:assertion>
                    <fr:assertion name="award_number">ERC-1</fr:assertion>
                  </fr:assertion>
                </fr:program>
                <doi_data><doi>10.5555/funded</doi><resource>https://e.org/</resource></doi_data>
              </journal_article></journal></crossref></doi_record></doi_records>
            """).only()
        #expect(record.work.funder == [
            Funder(name: "Somebody", award: ["42"]),
            Funder(name: "European Research Council", DOI: "10.13039/501100000781", award: ["ERC-1", "ERC-2"], doiAssertedBy: "publisher"),
        ])
        #expect(record.warnings.map(\.kind) == [.invalidFunderID])
    }

    @Test func crossmarkUpdates() throws {
        let record = try Fixture.parse("oai-pmh/crossmark-updates.xml").only()
        let work = record.work
        #expect(work.DOI == "10.5555/25252525x")
        #expect(work.updateTo == [Update(DOI: "10.5555/12345679", type: "correction", label: "Correction",
                                         updated: DateObject(day: date(2012, 2, 29)), source: "publisher")])
        #expect(work.updateTo?.first?.updated?.dateParts == [2012, 2, 29])
        #expect(work.updatePolicy == "https://doi.org/10.5555/crossmark_policy")
        #expect(work.contentDomain == ContentDomain(domain: ["psychoceramics.labs.crossref.org"], crossmarkRestriction: false))
        #expect(work.assertion == [Assertion(value: "9 (out of 10)", name: "scale_of_mistake", label: "Scale of Mistake",
                                             group: .init(name: "publication_notes", label: "Publication Notes"))])
        #expect(work.issued == date(2012, 2, 29))  // a leap day exists
        // doi_data/timestamp 200909211137: minutes precision.
        #expect(work.deposited?.dateTime == "2009-09-21T11:37:00Z")
    }

    @Test func updateWithoutLabelTakesTheTypesDisplayLabel() throws {
        let work = try Parsed(xml: """
            <doi_records><doi_record><crossref><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_article><titles><title>Retraction notice</title></titles>
                <crossmark><crossmark_policy>https://doi.org/10.5555/POLICY</crossmark_policy>
                  <updates>
                    <update type="retraction" date="2020-05-01">https://doi.org/10.5555/RETRACTED</update>
                    <update type="expression_of_concern">10.5555/concern</update>
                  </updates>
                </crossmark>
                <doi_data><doi>10.5555/notice</doi><resource>https://e.org/</resource></doi_data>
              </journal_article></journal></crossref></doi_record></doi_records>
            """).only().work
        #expect(work.updatePolicy == "https://doi.org/10.5555/policy")
        #expect(work.updateTo == [
            Update(DOI: "10.5555/retracted", type: "retraction", label: "Retraction", updated: DateObject(day: date(2020, 5, 1))),
            Update(DOI: "10.5555/concern", type: "expression_of_concern", label: "Expression of Concern", updated: nil),
        ])
    }

    @Test func referencesAndReferenceCounts() throws {
        let record = try Fixture.parse("oai-pmh/citations.xml").only()
        let work = record.work
        let references = try #require(work.reference)
        #expect(work.referencesCount == references.count)
        #expect(work.referenceCount == references.count)
        #expect(references.count == 31)
        #expect(references[0].key == "1aec4c8b-d1fb-4caf-bd54-6c67b8ef8181-0")
        #expect(references[0].DOI == "10.1016/s0022-5193(87)80029-2")  // deposited upper case
        #expect(references[0].doiAssertedBy == "publisher")
        #expect(references[0].unstructured == "1 Kauffman, S. & Levin, S. 1987 Towards a general theory of adaptive walks on rugged landscapes. J. Theor. Biol. 128, 11–45. (doi:10.1016/S0022-5193(87)80029-2)")
        #expect(references[1] == { var r = Reference(key: "1aec4c8b-d1fb-4caf-bd54-6c67b8ef8181-1"); r.unstructured = "gdfgfdgfdg"; return r }())
        // doi_record timestamp="2012-12-04 08:42:23"
        #expect(work.deposited?.dateTime == "2012-12-04T08:42:23Z")
    }

    @Test func structuredReferences() throws {
        let work = try Fixture.parse("unixsd/crossref-unixsd-e703d64f-ef55-4cad-8b33-91fc0affe152.xml").only().work
        let references = try #require(work.reference)
        var first = Reference(key: "S0924270816000673_ref19")
        first.journalTitle = "Transl Psychiatry"
        first.volume = "5"
        first.firstPage = "1"
        first.year = "2015"
        #expect(references.first == first)
        #expect(references.first { $0.key == "S0924270816000673_ref20" }?.DOI == "10.1016/j.psyneuen.2016.04.010")
        #expect(work.referencesCount == 27)
        #expect(work.member == "56")
        #expect(work.isReferencedByCount == 1)
        #expect(work.updatePolicy == "https://doi.org/10.1017/policypage")
        #expect(work.assertion?.first?.name == "license")
        #expect(work.assertion?.first?.group == .init(name: "copyright_and_licensing", label: "Copyright and Licensing"))
    }

    @Test func licenseStartsAtIssuedWithoutStartDateAndLinksWithDefaults() throws {
        let work = try Fixture.parse("unixsd/crossref-unixsd-14279be6-2acc-40e4-84b1-238d5a344898.xml").only().work
        // issued is print 2016-12 (earlier than online 2016-12-06 at month precision)
        #expect(work.issued == date(2016, 12))
        #expect(work.license == [License(URL: "http://www.springer.com/tdm", start: DateObject(day: date(2016, 12, 1)),
                                         delayInDays: 0, contentVersion: "unspecified")])
        #expect(work.link == [
            Link(URL: "http://www.nature.com/articles/srep38686.pdf", contentType: "application/pdf", contentVersion: "unspecified", intendedApplication: "similarity-checking"),
            Link(URL: "http://www.nature.com/articles/srep38686.pdf", contentType: "application/pdf", contentVersion: "unspecified", intendedApplication: "text-mining"),
            Link(URL: "http://www.nature.com/articles/srep38686", contentType: "text/html", contentVersion: "unspecified", intendedApplication: "text-mining"),
        ])
        #expect(work.articleNumber == "38686")
        #expect(work.member == "297")
        #expect(work.publisher == "Springer Nature")
    }

    @Test func licenseDelayAndFreeToReadInsideCrossmark() throws {
        let work = try Fixture.parse("unixsd/crossref-unixsd-c3fcb4c9-98d0-477c-968d-fe6220a3e14e.xml").only().work
        // online 2016-12-19, print 2017-01-03; the license starts 2017-07-03.
        #expect(work.issued == date(2016, 12, 19))
        #expect(work.license == [License(URL: "http://www.pnas.org/site/misc/userlicense.xhtml", start: DateObject(day: date(2017, 7, 3)),
                                         delayInDays: 196, contentVersion: "vor")])
        #expect(work.freeToRead == FreeToRead(startDate: "2017-07-03"))
        #expect(work.funder == [Funder(name: "National Science Foundation (NSF)", DOI: "10.13039/100000001", award: ["1451848"], doiAssertedBy: "publisher")])
        #expect(work.shortContainerTitle == ["Proc Natl Acad Sci USA"])
        #expect(work.ISSN == ["0027-8424", "1091-6490"])
        #expect(work.issnType == [TypedIdentifier(value: "0027-8424", type: "print"), TypedIdentifier(value: "1091-6490", type: "electronic")])
        #expect(work.language == "en")
    }

    @Test func duplicateLicensesAreOne() throws {
        let work = try Parsed(xml: """
            <doi_records><doi_record><crossref xmlns:ai="http://www.crossref.org/AccessIndicators.xsd"><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_article><titles><title>T</title></titles>
                <publication_date><year>2020</year><month>1</month><day>10</day></publication_date>
                <ai:program name="AccessIndicators">
                  <ai:license_ref applies_to="vor" start_date="2019-12-01"> https://creativecommons.org/licenses/by/4.0/ </ai:license_ref>
                  <ai:license_ref applies_to="vor" start_date="2019-12-01">https://creativecommons.org/licenses/by/4.0/</ai:license_ref>
                  <ai:license_ref applies_to="stm-asf" start_date="2020-01-20">https://doi.org/10.15223/policy-029</ai:license_ref>
                </ai:program>
                <doi_data><doi>10.5555/lic</doi><resource>https://e.org/</resource></doi_data>
              </journal_article></journal></crossref></doi_record></doi_records>
            """).only().work
        #expect(work.license == [
            // Starts before issued: a delay of 0, not a negative one.
            License(URL: "https://creativecommons.org/licenses/by/4.0/", start: DateObject(day: date(2019, 12, 1)), delayInDays: 0, contentVersion: "vor"),
            License(URL: "https://doi.org/10.15223/policy-029", start: DateObject(day: date(2020, 1, 20)), delayInDays: 10, contentVersion: "stm-asf"),
        ])
    }

    @Test func abstractKeepsItsJATSMarkup() throws {
        let work = try Fixture.parse("unixsd/crossref-unixsd-16e2d8f0-6552-4dac-9a53-555e097668c3.xml").only().work
        let abstract = try #require(work.abstract)
        #expect(abstract.hasPrefix("<jats:p>Alzheimer’s disease (AD) has been described in the literature, to be associated with impairment of executive function"))
        #expect(abstract.hasSuffix("</jats:p>"))
    }

    @Test func abstractEscapesTextAndAttributes() throws {
        let work = try Parsed(xml: """
            <doi_records><doi_record><crossref xmlns:jats="http://www.ncbi.nlm.nih.gov/JATS1"><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_article><titles><title>T</title></titles>
                <jats:abstract abstract-type="short"><jats:title>Summary</jats:title><jats:p>x &lt; y &amp; <jats:italic toggle="a&quot;b">z</jats:italic></jats:p></jats:abstract>
                <doi_data><doi>10.5555/abs</doi><resource>https://e.org/</resource></doi_data>
              </journal_article></journal></crossref></doi_record></doi_records>
            """).only().work
        #expect(work.abstract == #"<jats:title>Summary</jats:title><jats:p>x &lt; y &amp; <jats:italic toggle="a&quot;b">z</jats:italic></jats:p>"#)
    }
}
