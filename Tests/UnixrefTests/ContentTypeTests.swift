import Testing
import Unixref
import WorkModel

/// One real record per content type; every expected value below was read by hand from the XML.
@Suite struct ContentTypeTests {
    @Test func journalArticleFromAMemberDeposit() throws {
        let record = try Fixture.parse("deposits/full.xml").only()
        let work = record.work
        #expect(work.DOI == "10.5555/12345678")
        #expect(work.URL == "https://doi.org/10.5555/12345678")
        #expect(work.type == "journal-article")
        #expect(work.title == ["Toward a Unified Theory of High-Energy Metaphysics: Silly String Theory"])
        #expect(work.containerTitle == ["Journal of Psychoceramics"])
        #expect(work.shortContainerTitle == ["Journal of Psychoceramics"])
        #expect(work.shortTitle == nil)
        #expect(work.ISSN == ["0264-3561"])
        #expect(work.issnType == [TypedIdentifier(value: "0264-3561", type: "electronic")])
        #expect(work.volume == "5")
        #expect(work.issue == "11")
        #expect(work.page == "1-3")
        #expect(work.language == "en")
        #expect(work.publishedOnline == date(2008, 8, 13))
        #expect(work.publishedPrint == date(2008, 8, 14))
        #expect(work.issued == date(2008, 8, 13))
        #expect(work.published == date(2008, 8, 13))
        #expect(work.journalIssue == JournalIssue(issue: "11", publishedPrint: date(2008, 8, 14), publishedOnline: date(2008, 8, 13)))
        #expect(work.author == [Contributor(given: "Josiah", family: "Carberry", sequence: "first",
                                            ORCID: "https://orcid.org/0000-0002-1825-0097", authenticatedOrcid: true)])
        #expect(work.archive == ["CLOCKSS"])
        #expect(work.resource?.primary.URL == "http://psychoceramics.labs.crossref.org/10.5555-12345678.html")
        #expect(work.prefix == "10.5555")
        #expect(work.member == nil)
        #expect(work.source == "Crossref")
        #expect(work.isReferencedByCount == 0)
        // <timestamp>1385985547</timestamp> in the batch head: Unix seconds.
        #expect(work.deposited?.timestamp == 1_385_985_547_000)
        #expect(record.version == 1_385_985_547_000)
        #expect(record.depositID == "123456")
        #expect(record.partialFields == nil)
    }

    @Test func journalIssue() throws {
        let work = try Fixture.work("oai-pmh/previously-failed-10.xml", doi: "10.12800/ccd.v7i20")
        #expect(work.type == "journal-issue")
        #expect(work.title == nil)
        #expect(work.containerTitle == ["Cultura_Ciencia_Deporte"])
        #expect(work.shortContainerTitle == ["CCD"])
        #expect(work.volume == "7")
        #expect(work.issue == "20")
        #expect(work.publishedOnline == date(2012, 7, 1))
        #expect(work.publishedPrint == nil)
        #expect(work.issued == date(2012, 7, 1))
        // <issn>16965043</issn> without the hyphen.
        #expect(work.ISSN == ["1696-5043", "1989-7413"])
        #expect(work.issnType == [TypedIdentifier(value: "1696-5043", type: "print"), TypedIdentifier(value: "1989-7413", type: "electronic")])
        #expect(work.resource?.primary.URL == "http://ccd.ucam.edu/index.php/revista/issue/view/V8")
    }

    @Test func journal() throws {
        let record = try Fixture.record("oai-pmh/previously-failed-10.xml", doi: "10.1155/1729")
        let work = record.work
        #expect(work.type == "journal")
        #expect(work.title == ["Journal of Calculus of Variations"])
        #expect(work.shortTitle == ["Journal of Calculus of Variations"])
        #expect(work.containerTitle == nil)
        #expect(work.ISSN == ["2314-6613"])
        #expect(work.language == "en")
        #expect(work.issued == .unknown)
        // doi_data/timestamp 201306020900: minutes precision.
        #expect(work.deposited?.dateTime == "2013-06-02T09:00:00Z")
        #expect(record.version == 1_370_163_600_000)
    }

    @Test func book() throws {
        let work = try Fixture.work("oai-pmh/book-2.xml", doi: "10.1007/978-0-387-88843-9")
        #expect(work.type == "book")  // book_type="other"
        #expect(work.title == ["Operations Research and Cyber-Infrastructure"])
        #expect(work.containerTitle == nil)
        #expect(work.author == nil)
        #expect(work.editor?.map(\.family) == ["Chinneck", "Kristjansson", "Saltzman"])
        #expect(work.editor?.map(\.given) == ["John W.", "Bjarni", "Matthew J."])
        #expect(work.editor?.map(\.sequence) == ["first", "additional", "additional"])
        #expect(work.publishedPrint == date(2009))
        #expect(work.issued == date(2009))
        #expect(work.ISBN == ["9780387888422", "9780387888439"])
        #expect(work.isbnType == [TypedIdentifier(value: "9780387888422", type: "print"), TypedIdentifier(value: "9780387888439", type: "electronic")])
        #expect(work.publisher == "Springer US")
        #expect(work.publisherLocation == "Boston, MA")
        #expect(work.link == [Link(URL: "http://link.springer.com/content/pdf/10.1007/978-0-387-88843-9", contentType: "unspecified",
                                   contentVersion: "unspecified", intendedApplication: "similarity-checking")])
    }

    @Test func editedBook() throws {
        let work = try Fixture.work("oai-pmh/book.xml", doi: "10.1002/9781118548165")
        #expect(work.type == "edited-book")
        #expect(work.title == ["Climate Change Adaptation in Practice"])
        #expect(work.subtitle == ["From strategy development to implementation"])
        #expect(work.editor?.map(\.displayName) == ["Philipp Schmidt-Thomé", "Johannes Klein"])
        #expect(work.issued == date(2013, 5, 3))
        #expect(work.ISBN == ["9781118548165", "9780470977002"])
        #expect(work.publisher == "John Wiley & Sons, Ltd")  // &amp; in the XML
        #expect(work.publisherLocation == "Oxford, UK")
        #expect(work.language == "en")
    }

    @Test func monograph() throws {
        let work = try Fixture.work("oai-pmh/book.xml", doi: "10.5962/bhl.title.63966")
        #expect(work.type == "monograph")
        #expect(work.title == ["British Central Africa; an attempt to give some account of a portion of the territories under British influence north of the Zambezi."])
        #expect(work.author == [Contributor(given: "Harry Hamilton", family: "Johnston", sequence: "first")])
        // No media_type on publication_date counts as print.
        #expect(work.publishedPrint == date(1897))
        #expect(work.issued == date(1897))
        #expect(work.ISBN == nil)  // <noisbn reason="monograph"/>
        #expect(work.publisher == "Edward Arnold,")
        #expect(work.publisherLocation == "New York,")
    }

    @Test func bookChapterInheritsFromItsBook() throws {
        let work = try Fixture.work("oai-pmh/book-2.xml", doi: "10.1016/b978-075067695-3/50007-0")
        #expect(work.type == "book-chapter")
        #expect(work.title == ["Software-Defined Radio"])
        #expect(work.containerTitle == ["Handbook of RF and Wireless Technologies"])
        #expect(work.author == [Contributor(given: "Brad", family: "Brannon", sequence: "first")])
        #expect(work.editor == nil)
        #expect(work.issued == date(2004))
        #expect(work.ISBN == ["9780750676953"])  // the book's, inherited
        #expect(work.publisher == "Elsevier")    // the book's, inherited
        #expect(work.page == "133-179")
        #expect(work.language == "en")
    }

    @Test func referenceEntry() throws {
        let work = try Fixture.work("oai-pmh/database.xml", doi: "10.1002/14651858.cd006873.pub2")
        #expect(work.type == "reference-entry")
        #expect(work.title == ["Interventions for prevention of post-operative recurrence of Crohn's disease"])
        #expect(work.containerTitle == ["Cochrane Database of Systematic Reviews"])
        // The book's organization editor is not pulled down into the entry.
        #expect(work.author?.map(\.family) == ["Doherty", "Bennett", "Patil", "Cheifetz", "Moss"])
        #expect(work.editor == [Contributor(given: "Alan C", family: "Moss", sequence: "additional")])
        #expect(work.publishedOnline == date(2009, 10, 7))
        #expect(work.publisher == "John Wiley & Sons, Ltd")
        #expect(work.publisherLocation == "Chichester, UK")
        #expect(work.referencesCount == 125)
        #expect(work.referenceCount == 125)
        #expect(work.reference?.count == 125)
    }

    @Test func bookSeries() throws {
        let work = try Fixture.work("oai-pmh/previously-failed-14.xml", doi: "10.1039/0301-0708")
        #expect(work.type == "book-series")
        #expect(work.title == ["Biosynthesis"])
        #expect(work.ISSN == ["0301-0708"])
        #expect(work.publisher == "Royal Society of Chemistry")
        #expect(work.resource?.primary.URL == "http://ebook.rsc.org/?DOI=10.1039/0301-0708")
    }

    @Test func proceedingsArticle() throws {
        let work = try Fixture.work("oai-pmh/conference.xml", doi: "10.1109/cec.2008.4631285")
        #expect(work.type == "proceedings-article")
        #expect(work.title == ["A Region Reproduction Algorithm for global numerical optimization"])
        #expect(work.containerTitle == ["2008 IEEE Congress on Evolutionary Computation (IEEE World Congress on Computational Intelligence)"])
        #expect(work.author?.map(\.family) == ["Yaou Zhao", "Yuehui Chen", "Meng Pan", "Qiang Zhu"])
        #expect(work.author?.allSatisfy { $0.given == nil } == true)
        #expect(work.issued == date(2008, 6))
        #expect(work.publishedPrint == date(2008, 6))
        #expect(work.page == "3601-3605")
        #expect(work.ISBN == ["9781424418220"])
        #expect(work.publisher == "IEEE")
    }

    @Test func proceedingsSeries() throws {
        let work = try Fixture.work("oai-pmh/previously-failed-11.xml", doi: "10.4203/ccp.2")
        #expect(work.type == "proceedings-series")
        #expect(work.title == ["Proceedings of the Second International Conference on Civil and Structural Engineering Computing"])
        #expect(work.containerTitle == ["Civil-Comp Proceedings"])
        #expect(work.volume == "2")
        #expect(work.ISSN == ["1759-3433"])
        #expect(work.ISBN == ["0948749008"])
        #expect(work.issued == date(1985, 12, 3))
        #expect(work.publisher == "Civil-Comp Press")
        #expect(work.publisherLocation == "Stirlingshire, UK")
    }

    @Test func report() throws {
        let record = try Fixture.record("oai-pmh/dissertation.xml", doi: "10.2172/791565")
        let work = record.work
        #expect(work.type == "report")
        #expect(work.title == ["Geology in the Vicinity of the TYBO and BENHAM Underground Nuclear Tests, Pahute Mesa, Nevada Test Site"])
        #expect(work.author == [Contributor(family: "L. B. Prothro", sequence: "first")])
        #expect(work.publishedOnline == date(2001, 12, 1))
        #expect(work.approved == date(2008, 10, 20))
        #expect(work.issued == date(2001, 12, 1))
        #expect(work.institution == [Institution(name: "Bechtel Nevada Corporation (BNC)", acronym: ["BNC"]),
                                     Institution(name: "US Department of Energy (US)")])
        #expect(work.language == "en")
        // doi_data/timestamp 20081020112521
        #expect(work.deposited?.dateTime == "2008-10-20T11:25:21Z")
        #expect(record.version == 1_224_501_921_000)
    }

    @Test func reportSeries() throws {
        let work = try Fixture.work("oai-pmh/previously-failed-12.xml", doi: "10.1596/1813-9450-1485")
        #expect(work.type == "report-series")
        #expect(work.containerTitle == ["Policy Research Working Papers"])
        #expect(work.volume == "1485")
        #expect(work.ISSN == ["1813-9450"])
        // Document order, whatever the sequence attribute says.
        #expect(work.author == [Contributor(given: "Claudio E.", family: "Montenegro", sequence: "additional"),
                                Contributor(given: "Maurice", family: "Schiff", sequence: "first")])
        #expect(work.issued == date(1999, 11, 30))
    }

    @Test func reportComponentFromUnixsdInOAI() throws {
        let work = try Fixture.work("oai-pmh/previously-failed-18.xml", doi: "10.3133/fs20133111")
        #expect(work.type == "report-component")
        #expect(work.title == ["Energy and Minerals Science at the U.S. Geological Survey"])
        #expect(work.containerTitle == ["Fact Sheet"])
        #expect(work.author?.count == 12)
        #expect(work.author?.first == Contributor(given: "Richard C.", family: "Ferrero", sequence: "first"))
        #expect(work.author?.last == Contributor(given: "Robert R.", family: "Seal", sequence: "additional"))
        #expect(work.issued == date(2013))
        #expect(work.ISSN == ["2327-6932"])
        // Registry data of the crossref_metadata crm-items.
        #expect(work.publisher == "U.S. Geological Survey")
        #expect(work.prefix == "10.3133")
        // last-update "2013-12-12 20:18:31.0" wins over deposit-timestamp.
        #expect(work.deposited?.dateTime == "2013-12-12T20:18:31Z")
    }

    @Test func standard() throws {
        let work = try Fixture.work("oai-pmh/standard.xml", doi: "10.1520/f2233")
        #expect(work.type == "standard")
        #expect(work.title == ["Guide for Safety, Access Rights, Construction, Liability, and Risk Management for Optical Fiber Networks in Existing Sewers"])
        #expect(work.author == [Contributor(name: "F36 Committee", sequence: "first")])
        #expect(work.editionNumber == "2007")
        #expect(work.publishedPrint == date(1900))
        #expect(work.approved == date(1900, 2, 10))
        #expect(work.issued == date(1900))
        #expect(work.alternativeID == ["F2233-03", "F2233"])
        #expect(work.institution == [Institution(name: "ASTM International", acronym: ["ASTM"], place: ["West Conshohocken, PA"])])
        #expect(work.publisher == "ASTM International")
    }

    @Test func dataset() throws {
        let work = try Fixture.work("oai-pmh/database.xml", doi: "10.1017/cbo9780511614446.001")
        #expect(work.type == "dataset")
        #expect(work.title == ["10.1017/CBO9780511614446.001"])
        #expect(work.containerTitle == ["Deleted DOIs"])
        #expect(work.issued == .unknown)  // no date anywhere in the record
        #expect(work.published == nil)
        #expect(work.resource?.primary.URL == "http://www.crossref.org/deleted_DOI.html")
    }

    @Test func dissertation() throws {
        let work = try Fixture.work("oai-pmh/dissertation.xml", doi: "10.3990/1.9789036527552")
        #expect(work.type == "dissertation")
        #expect(work.title == ["Statistical models for responses and response times"])
        #expect(work.author == [Contributor(given: "Rinke", family: "Klein Entink", sequence: "first")])
        #expect(work.approved == date(2009, 1, 22))
        #expect(work.issued == date(2009, 1, 22))
        #expect(work.degree == ["PhD"])
        #expect(work.institution == [Institution(name: "University of Twente", place: ["Enschede, The Netherlands"])])
        #expect(work.ISBN == ["9789036527552"])
    }

    @Test func postedContentPreprint() throws {
        let record = try Fixture.parse("oai-pmh/preprint.xml").only()
        let work = record.work
        #expect(work.DOI == "10.50505/preprint_sample_doi_1")
        #expect(work.type == "posted-content")
        #expect(work.subtype == "preprint")
        #expect(work.title == ["Bibliometric Indicators: Why Do We Need More Than One?"])
        #expect(work.author == [Contributor(given: "Chuck", family: "Setti", sequence: "first",
                                            ORCID: "https://orcid.org/0000-0003-2181-9595", authenticatedOrcid: false)])
        #expect(work.posted == date(2014, 1, 15))
        #expect(work.accepted == date(2014, 1, 1))
        #expect(work.issued == date(2014, 1, 15))
        #expect(work.publishedPrint == nil)  // no print date invented
        #expect(work.abstract == "<p>This would be the abstract for this paper</p>")
        // Two fundgroups of the same funder merge, awards joined.
        #expect(work.funder == [Funder(name: "U.S. Department of Energy", DOI: "10.13039/100000015",
                                       award: ["DE-FG03-03SF22691", "DE-AC52-06NA27279"], doiAssertedBy: "publisher")])
        #expect(work.relation == ["is-preprint-of": [Relation(idType: "doi", id: "10.5555/doi_for_the_vor", assertedBy: "subject")]])
        // The OAI header names "0.50505/…", not a DOI: warned, and the work is still read.
        #expect(record.warnings.contains { $0.kind == .invalidDOI })
    }

    @Test func standAloneComponent() throws {
        let work = try Fixture.work("oai-pmh/sa-component-2.xml", doi: "10.1787/9789264177338-graph8-en")
        #expect(work.type == "component")
        #expect(work.title == ["Figure 1.6 Rates of participation in formal and non-formal education and training"])
        #expect(work.author == [Contributor(name: "OECD", sequence: "first")])
        #expect(work.issued == date(2012, 5, 21))
        #expect(work.containerTitle == nil)
    }
}
