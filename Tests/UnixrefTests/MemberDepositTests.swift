import Testing
import Unixref
import WorkModel

/// Member `doi_batch` deposits: full ones, partial ones (`doi_resources_schema`), the broken one.
@Suite struct MemberDepositTests {
    /// What deposits/full*.xml and the partial deposits say, read by hand.
    static let funders = [
        Funder(name: "National Science Foundation", DOI: "10.13039/100000001", award: ["CHE-1152342"], doiAssertedBy: "publisher"),
        Funder(name: "Basic Energy Sciences, Office of Science, U.S. Department of Energy", DOI: "10.13039/100006151",
               award: ["DE-SC0001091"], doiAssertedBy: "publisher"),
    ]
    static let links = [
        Link(URL: "http://publisher.com/vor/12345678.pdf", contentType: "application/pdf", contentVersion: "vor", intendedApplication: "text-mining"),
        Link(URL: "http://publisher.com/am/12345678", contentType: "unspecified", contentVersion: "am", intendedApplication: "text-mining"),
        Link(URL: "http://publisher.com/tdm/12345678.pdf", contentType: "application/pdf", contentVersion: "tdm", intendedApplication: "text-mining"),
    ]

    /// Licenses of a work issued 2008-08-13: the am license has no start_date and starts then.
    static let licensesIssued20080813 = [
        License(URL: "http://publisher.com/licenses/license_v1.html", start: DateObject(day: date(2014, 5, 2)), delayInDays: 2088, contentVersion: "vor"),
        License(URL: "http://publisher.com/licenses/open_license_v1.html", start: DateObject(day: date(2008, 8, 13)), delayInDays: 0, contentVersion: "am"),
        License(URL: "http://publisher.com/licenses/tdm_license_v1.html", start: DateObject(day: date(2014, 12, 2)), delayInDays: 2302, contentVersion: "tdm"),
    ]

    @Test(arguments: ["deposits/full.xml", "deposits/full-deposit.xml", "deposits/full-crossmark.xml"])
    func fullDepositAccessFields(file: String) throws {
        let record = try Fixture.parse(file).only()
        let work = record.work
        #expect(work.DOI == "10.5555/12345678")
        // funder_name's own text, not the nested funder_identifier; ids in bare form → 10.13039/…
        #expect(work.funder == Self.funders)
        #expect(work.license == Self.licensesIssued20080813)
        #expect(work.link == Self.links)
        #expect(record.partialFields == nil)
        #expect(record.depositID == "123456")
    }

    @Test func fullCrossmarkDeposit() throws {
        let work = try Fixture.parse("deposits/full-crossmark.xml").only().work
        #expect(work.updatePolicy == "https://doi.org/10.5555/crossmark_policy")
        #expect(work.contentDomain == ContentDomain(domain: ["publisher.com"], crossmarkRestriction: true))
        #expect(work.assertion == nil)  // the FundRef and AccessIndicators assertions are not Crossmark assertions
    }

    @Test func licenseStartDates() {
        // 2008-08-13 → 2014-05-02 and → 2014-12-02, counted on a calendar.
        #expect(DateObject(day: date(2014, 5, 2)).dateTime == "2014-05-02T00:00:00Z")
        #expect(DateObject(day: date(2008, 8, 13)).timestamp == 1_218_585_600_000)
    }

    @Test func partialCrossmark() throws {
        for file in ["deposits/partial-crossmark.xml", "deposits/partial-deposit.xml"] {
            let record = try Fixture.parse(file).only()
            let work = record.work
            #expect(work.DOI == "10.5555/12345678")
            #expect(record.partialFields == ["update-policy", "content-domain", "assertion", "update-to", "license", "funder"])
            #expect(work.updatePolicy == "https://doi.org/10.5555/crossmark_policy")
            #expect(work.contentDomain == ContentDomain(domain: ["publisher.com"], crossmarkRestriction: true))
            // funding_identifier is the older name of award_number.
            #expect(work.funder == Self.funders)
            #expect(work.license?.map(\.URL) == Self.licensesIssued20080813.map(\.URL))
            #expect(work.license?.map(\.contentVersion) == ["vor", "am", "tdm"])
            #expect(record.depositID == "123456")
        }
    }

    @Test func partialFunders() throws {
        let record = try Fixture.parse("deposits/partial-funders.xml").only()
        #expect(record.partialFields == ["funder"])
        #expect(record.work.funder == Self.funders)
    }

    @Test func partialLicenses() throws {
        let record = try Fixture.parse("deposits/partial-licenses.xml").only()
        #expect(record.partialFields == ["license", "free-to-read"])
        let licenses = try #require(record.work.license)
        #expect(licenses.map(\.URL) == Self.licensesIssued20080813.map(\.URL))
        #expect(licenses[0].start == DateObject(day: date(2014, 5, 2)))
        #expect(licenses[2].start == DateObject(day: date(2014, 12, 2)))
    }

    @Test func partialResources() throws {
        let record = try Fixture.parse("deposits/partial-resources.xml").only()
        #expect(record.partialFields == ["link"])
        #expect(record.work.link == Self.links)
        #expect(record.work.resource == nil)
    }

    /// The only really broken fixture: the file stops in the middle of a fundref program.
    @Test func truncatedDepositFailsWithMalformedXML() throws {
        let parsed = try Fixture.parse("deposits/invalid-deposit.xml")
        #expect(parsed.records.isEmpty)  // its only work's doi_data comes after the break
        try #require(parsed.failures.count == 1)
        let failure = parsed.failures[0]
        #expect(failure.code == .malformedXML)
        #expect(failure.recordIndex == 0)
        #expect(failure.line != nil)
    }

    @Test func worksBeforeTheBreakOfATruncatedDepositStillComeOut() throws {
        // The same cut as invalid-deposit.xml, after a first complete body element.
        let bytes = try Fixture.bytes("deposits/invalid-deposit.xml")
        var text = String(decoding: bytes, as: UTF8.self)
        let complete = try Fixture.bytes("deposits/full.xml")
        let fullText = String(decoding: complete, as: UTF8.self)
        let journal = try #require(fullText.range(of: "<journal>").map { fullText[$0.lowerBound...] }
            .flatMap { s in s.range(of: "</journal>").map { String(s[..<$0.upperBound]) } })
        text = text.replacingOccurrences(of: "<body>", with: "<body>\n" + journal.replacingOccurrences(of: "10.5555/12345678", with: "10.5555/before-the-break"))
        let parsed = Parsed(xml: text)
        #expect(parsed.records.map(\.work.DOI) == ["10.5555/before-the-break"])
        #expect(parsed.records.first?.recordIndex == 0)
        #expect(parsed.failures.map(\.code) == [.malformedXML])
        #expect(parsed.failures.first?.recordIndex == 1)
    }

    @Test func everyElementWithItsOwnDOIIsAWork() throws {
        let xml = """
        <doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
          <head><doi_batch_id>b-1</doi_batch_id><timestamp>20240102030405</timestamp></head>
          <body>
            <journal>
              <journal_metadata><full_title>Journal A</full_title><issn>1234-5679</issn>
                <doi_data><doi>10.5555/journal-a</doi><resource>https://e.org/j</resource></doi_data></journal_metadata>
              <journal_issue><publication_date><year>2024</year></publication_date><issue>1</issue>
                <doi_data><doi>10.5555/journal-a.1</doi><resource>https://e.org/j/1</resource></doi_data></journal_issue>
              <journal_article><titles><title>First</title></titles>
                <doi_data><doi>10.5555/journal-a.1.1</doi><resource>https://e.org/j/1/1</resource></doi_data></journal_article>
              <journal_article><titles><title>Second</title></titles>
                <doi_data><doi>10.5555/journal-a.1.2</doi><resource>https://e.org/j/1/2</resource></doi_data></journal_article>
            </journal>
            <journal>
              <journal_metadata><full_title>Journal B</full_title></journal_metadata>
              <journal_article><titles><title>Third</title></titles>
                <doi_data><doi>10.5555/journal-b.1</doi><resource>https://e.org/b/1</resource></doi_data></journal_article>
            </journal>
          </body>
        </doi_batch>
        """
        let parsed = Parsed(xml: xml)
        #expect(parsed.failures.isEmpty)
        #expect(parsed.works.map(\.DOI) == ["10.5555/journal-a", "10.5555/journal-a.1", "10.5555/journal-a.1.1", "10.5555/journal-a.1.2", "10.5555/journal-b.1"])
        #expect(parsed.works.map(\.type) == ["journal", "journal-issue", "journal-article", "journal-article", "journal-article"])
        #expect(parsed.records.map(\.recordIndex) == [0, 1, 2, 3, 4])
        #expect(parsed.records.allSatisfy { $0.depositID == "b-1" && $0.version == 1_704_164_645_000 })
        #expect(parsed.works[3].title == ["Second"])
        #expect(parsed.works[3].containerTitle == ["Journal A"])
        #expect(parsed.works[3].issue == "1")
        #expect(parsed.works[3].issued == date(2024))
        #expect(parsed.works[4].containerTitle == ["Journal B"])
        #expect(parsed.works[4].ISSN == nil)  // Journal A's ISSN stays with Journal A
        #expect(parsed.works[4].issue == nil)
    }
}
