import Testing
import Unixref
import WorkModel

/// Records written by hand for what no fixture shows: clinical trial numbers, peer reviews,
/// registry relation claims, a proceedings volume, broken values inside an otherwise good record.
@Suite struct HandWrittenRecordTests {
    static let clinicalTrialRecord = """
    <?xml version="1.0" encoding="UTF-8"?>
    <doi_records>
      <doi_record owner="10.5555" timestamp="2019-03-04 05:06:07">
        <crossref xmlns="http://www.crossref.org/xschema/1.1"
                  xmlns:ct="http://www.crossref.org/clinicaltrials.xsd"
                  xmlns:rel="http://www.crossref.org/relations.xsd">
          <journal>
            <journal_metadata><full_title>Trials Journal</full_title><issn media_type="print">1234-5679</issn></journal_metadata>
            <journal_article>
              <titles><title>A randomised trial</title></titles>
              <publication_date media_type="online"><year>2019</year><month>3</month><day>1</day></publication_date>
              <ct:program>
                <ct:clinical-trial-number registry="10.18810/isrctn" type="preResults">ISRCTN12345</ct:clinical-trial-number>
                <ct:clinical-trial-number registry="10.18810/clinical-trials-gov">NCT00000001</ct:clinical-trial-number>
              </ct:program>
              <rel:program>
                <rel:related_item>
                  <rel:inter_work_relation relationship-type="hasPreprint" identifier-type="doi">10.5555/PRE.1</rel:inter_work_relation>
                  <rel:intra_work_relation relationship-type="isTranslationOf" identifier-type="uri">http://example.org/original</rel:intra_work_relation>
                </rel:related_item>
              </rel:program>
              <doi_data><doi>10.5555/TRIAL.1</doi><resource>https://example.org/trial</resource></doi_data>
            </journal_article>
          </journal>
        </crossref>
      </doi_record>
    </doi_records>
    """

    @Test func clinicalTrialNumbersAndRelations() throws {
        let record = try Parsed(xml: Self.clinicalTrialRecord).only()
        let work = record.work
        #expect(work.DOI == "10.5555/trial.1")
        #expect(work.clinicalTrialNumber == [
            ClinicalTrial(clinicalTrialNumber: "ISRCTN12345", registry: "10.18810/isrctn", type: "preResults"),
            ClinicalTrial(clinicalTrialNumber: "NCT00000001", registry: "10.18810/clinical-trials-gov", type: nil),
        ])
        #expect(work.relation == [
            "has-preprint": [Relation(idType: "doi", id: "10.5555/pre.1", assertedBy: "subject")],
            "is-translation-of": [Relation(idType: "uri", id: "http://example.org/original", assertedBy: "subject")],
        ])
        #expect(work.issued == date(2019, 3, 1))
        // doi_record/@timestamp="2019-03-04 05:06:07" is the deposit time and version.
        #expect(work.deposited?.dateTime == "2019-03-04T05:06:07Z")
        #expect(record.version == 1_551_675_967_000)
        #expect(record.warnings.isEmpty, "\(record.warnings)")
    }

    static let peerReviewRecord = """
    <doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
      <head><doi_batch_id>review-batch-7</doi_batch_id><timestamp>2021022312000000</timestamp></head>
      <body>
        <peer_review stage="pre-publication" type="referee-report" recommendation="major-revision" revision-round="1" language="en">
          <contributors>
            <person_name contributor_role="reviewer" sequence="first">
              <given_name>Rita</given_name><surname>Reviewer</surname>
              <ORCID authenticated="false">0000-0002-1694-233x</ORCID>
            </person_name>
          </contributors>
          <titles><title>Review of: A randomised trial</title></titles>
          <review_date><month>02</month><day>20</day><year>2021</year></review_date>
          <competing_interest_statement>None declared</competing_interest_statement>
          <running_number>R1</running_number>
          <program xmlns="http://www.crossref.org/relations.xsd">
            <related_item><inter_work_relation relationship-type="isReviewOf" identifier-type="doi">10.5555/trial.1</inter_work_relation></related_item>
          </program>
          <doi_data><doi>10.5555/review.1</doi><resource>https://example.org/review/1</resource></doi_data>
        </peer_review>
      </body>
    </doi_batch>
    """

    @Test func peerReview() throws {
        let record = try Parsed(xml: Self.peerReviewRecord).only()
        let work = record.work
        #expect(work.type == "peer-review")
        #expect(work.title == ["Review of: A randomised trial"])
        // A reviewer counts as an author.
        #expect(work.author == [Contributor(given: "Rita", family: "Reviewer", sequence: "first",
                                            ORCID: "https://orcid.org/0000-0002-1694-233X", authenticatedOrcid: false)])
        var review = Review()
        review.type = "referee-report"
        review.stage = "pre-publication"
        review.recommendation = "major-revision"
        review.revisionRound = "1"
        review.runningNumber = "R1"
        review.competingInterestStatement = "None declared"
        review.language = "en"
        #expect(work.review == review)
        #expect(work.relation == ["is-review-of": [Relation(idType: "doi", id: "10.5555/trial.1", assertedBy: "subject")]])
        #expect(record.depositID == "review-batch-7")
        // 2021022312000000: yyyyMMddHHmmss + fraction.
        #expect(work.deposited?.dateTime == "2021-02-23T12:00:00Z")
    }

    static func unixsd(claims: String) -> String {
        """
        <crossref_result xmlns="http://www.crossref.org/qrschema/3.0" version="3.0">
          <query_result><head><doi_batch_id>none</doi_batch_id></head><body>
            <query status="resolved">
              <doi type="journal_article">10.5555/TARGET.9</doi>
              <crm-item name="publisher-name" type="string">Example Press</crm-item>
              <crm-item name="member-id" type="number">7</crm-item>
              <crm-item name="owner-prefix" type="string">10.5555</crm-item>
              <crm-item name="last-update" type="date">2020-01-02T03:04:05Z</crm-item>
              <crm-item name="created" type="date">2019-12-31T23:59:59Z</crm-item>
              <crm-item name="citedby-count" type="number">4</crm-item>
              \(claims)
              <doi_record><crossref xmlns="http://www.crossref.org/xschema/1.1"><journal>
                <journal_metadata><full_title>Target Journal</full_title></journal_metadata>
                <journal_article><titles><title>The target</title></titles>
                  <doi_data><doi>10.5555/target.9</doi><resource>https://example.org/t9</resource></doi_data>
                </journal_article></journal></crossref></doi_record>
            </query>
          </body></query_result>
        </crossref_result>
        """
    }

    @Test func registryRelationClaimsShowTheInverseType() throws {
        let xml = Self.unixsd(claims: """
            <crm-item name="relation" type="doi" claim="isReviewOf">10.5555/REVIEW.1</crm-item>
            <crm-item name="relation" type="doi" claim="isPreprintOf">10.5555/pre.2</crm-item>
            """)
        let record = try Parsed(xml: xml).only()
        let work = record.work
        #expect(work.DOI == "10.5555/target.9")
        #expect(work.relation == [
            "has-review": [Relation(idType: "doi", id: "10.5555/review.1", assertedBy: "object")],
            "has-preprint": [Relation(idType: "doi", id: "10.5555/pre.2", assertedBy: "object")],
        ])
        #expect(work.updatedBy == nil)
        // Registry data of the crm-items.
        #expect(work.member == "7")
        #expect(work.prefix == "10.5555")
        #expect(work.publisher == "Example Press")
        #expect(work.isReferencedByCount == 4)
        #expect(work.created?.dateTime == "2019-12-31T23:59:59Z")
        #expect(work.deposited?.dateTime == "2020-01-02T03:04:05Z")
        #expect(record.version == work.deposited?.timestamp)
        #expect(work.containerTitle == ["Target Journal"])
    }

    @Test func registryUpdateClaimsAreUpdatedBy() throws {
        let xml = Self.unixsd(claims: """
            <crm-item name="relation" type="doi" claim="correction">10.5555/CORR.1</crm-item>
            <crm-item name="relation" type="doi" claim="expressionOfConcern">10.5555/eoc.1</crm-item>
            """)
        let work = try Parsed(xml: xml).only().work
        #expect(work.relation == nil)
        #expect(work.updatedBy == [
            Update(DOI: "10.5555/corr.1", type: "correction", label: "Correction", updated: nil, source: "publisher"),
            Update(DOI: "10.5555/eoc.1", type: "expression_of_concern", label: "Expression of Concern", updated: nil, source: "publisher"),
        ])
    }

    static let proceedingsBatch = """
    <doi_batch xmlns="http://www.crossref.org/schema/4.4.2" version="4.4.2">
      <head><doi_batch_id>conf-2024-01</doi_batch_id><timestamp>2024-05-06T07:08:09.250Z</timestamp></head>
      <body>
        <conference>
          <event_metadata><conference_name>Example Conference</conference_name></event_metadata>
          <proceedings_metadata language="en">
            <proceedings_title>Proceedings of the Example Conference 2024</proceedings_title>
            <publisher><publisher_name>Example Society</publisher_name><publisher_place>Basel</publisher_place></publisher>
            <publication_date media_type="online"><month>05</month><year>2024</year></publication_date>
            <isbn media_type="electronic">978-3-16-148410-0</isbn>
            <doi_data><doi>10.5555/PROC.2024</doi><resource>https://example.org/proc</resource></doi_data>
          </proceedings_metadata>
          <conference_paper>
            <contributors><person_name contributor_role="author" sequence="first"><given_name>Ada</given_name><surname>Lovelace</surname></person_name></contributors>
            <titles><title>On engines</title></titles>
            <pages><first_page>10</first_page><last_page>10</last_page></pages>
            <doi_data><doi>10.5555/proc.2024.1</doi><resource>https://example.org/proc/1</resource></doi_data>
          </conference_paper>
        </conference>
      </body>
    </doi_batch>
    """

    @Test func proceedingsAndItsPaperFromOneDeposit() throws {
        let parsed = Parsed(xml: Self.proceedingsBatch)
        #expect(parsed.failures.isEmpty)
        try #require(parsed.records.count == 2)
        let proceedings = parsed.records[0].work
        let paper = parsed.records[1].work
        #expect(parsed.records.map(\.recordIndex) == [0, 1])
        #expect(parsed.records.allSatisfy { $0.depositID == "conf-2024-01" })
        #expect(parsed.records.allSatisfy { $0.version == 1_714_979_289_250 })  // 2024-05-06T07:08:09.250Z
        #expect(proceedings.type == "proceedings")
        #expect(proceedings.DOI == "10.5555/proc.2024")
        #expect(proceedings.title == ["Proceedings of the Example Conference 2024"])
        #expect(proceedings.publisher == "Example Society")
        #expect(proceedings.publishedOnline == date(2024, 5))
        #expect(proceedings.ISBN == ["9783161484100"])
        #expect(paper.type == "proceedings-article")
        #expect(paper.containerTitle == ["Proceedings of the Example Conference 2024"])
        #expect(paper.author == [Contributor(given: "Ada", family: "Lovelace", sequence: "first")])
        // The paper has no date of its own: it takes the proceedings'.
        #expect(paper.issued == date(2024, 5))
        #expect(paper.page == "10")  // first_page == last_page
        #expect(paper.ISBN == ["9783161484100"])
        #expect(paper.language == "en")
    }

    static let brokenValuesRecord = """
    <doi_records><doi_record><crossref>
      <journal>
        <journal_metadata>
          <full_title>Broken   Values
             Quarterly</full_title>
          <issn media_type="print">not-an-issn</issn>
          <issn media_type="electronic">0378-5955</issn>
          <issn media_type="electronic">0378 5955</issn>
        </journal_metadata>
        <journal_issue>
          <publication_date media_type="print"><month>03</month><day>15</day><year>2016</year></publication_date>
          <journal_volume><volume>12</volume></journal_volume>
          <issue>3</issue>
        </journal_issue>
        <journal_article>
          <titles><title>  A <i>very</i>   good
            <b>title</b>  </title></titles>
          <contributors>
            <person_name contributor_role="author" sequence="first">
              <given_name>Good</given_name><surname>Orcid</surname>
              <ORCID authenticated="true">orcid.org/0000-0002-1825-0097</ORCID>
            </person_name>
            <person_name contributor_role="author" sequence="additional">
              <given_name>Bad</given_name><surname>Checksum</surname>
              <ORCID authenticated="true">http://orcid.org/0000-0002-1825-0098</ORCID>
            </person_name>
          </contributors>
          <publication_date media_type="online"><month>22</month><year>2015</year></publication_date>
          <publication_date media_type="other"><month>02</month><day>30</day><year>2016</year></publication_date>
          <acceptance_date><month>Jan.</month><year>2015</year></acceptance_date>
          <pages><first_page>e1</first_page></pages>
          <frobnicator>nobody knows this element</frobnicator>
          <doi_data><doi>10.5555/BROKEN.1</doi><resource>https://example.org/broken</resource></doi_data>
        </journal_article>
      </journal>
    </crossref></doi_record></doi_records>
    """

    @Test func brokenValuesAreDroppedWithWarningsAndEverythingElseKept() throws {
        let record = try Parsed(xml: Self.brokenValuesRecord).only()
        let work = record.work
        #expect(work.DOI == "10.5555/broken.1")
        // Markup flattened, whitespace collapsed and trimmed.
        #expect(work.title == ["A very good title"])
        #expect(work.containerTitle == ["Broken Values Quarterly"])
        // The garbage ISSN is dropped; two forms of the same ISSN are one.
        #expect(work.ISSN == ["0378-5955"])
        #expect(work.issnType == [TypedIdentifier(value: "0378-5955", type: "electronic")])
        // The ORCID with a wrong check digit is dropped, and so is its authenticated flag.
        #expect(work.author == [
            Contributor(given: "Good", family: "Orcid", sequence: "first", ORCID: "https://orcid.org/0000-0002-1825-0097", authenticatedOrcid: true),
            Contributor(given: "Bad", family: "Checksum", sequence: "additional"),
        ])
        // Season month 22 is dropped (year kept); 30 February is dropped (year and month kept).
        #expect(work.publishedOnline == date(2015))
        #expect(work.publishedOther == date(2016, 2))
        #expect(work.accepted == date(2015))
        #expect(work.publishedPrint == nil)  // the issue's print date is not the article's
        #expect(work.issued == date(2015))
        #expect(work.journalIssue == JournalIssue(issue: "3", publishedPrint: date(2016, 3, 15), publishedOnline: nil))
        #expect(work.volume == "12")
        #expect(work.page == "e1")
        #expect(work.resource?.primary.URL == "https://example.org/broken")
        let kinds = record.warnings.map(\.kind)
        #expect(kinds.filter { $0 == .invalidISSN }.count == 1)
        #expect(kinds.filter { $0 == .invalidORCID }.count == 1)
        #expect(kinds.filter { $0 == .invalidDate }.count == 3)
        #expect(record.warnings.contains { $0.kind == .unknownElement && $0.detail.contains("frobnicator") })
    }

    @Test func issuedInheritsFromTheJournalIssueAndIsNullWhenNothingIsKnown() throws {
        let inherited = try Parsed(xml: """
            <doi_records><doi_record><crossref><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_issue><publication_date media_type="online"><year>2011</year><month>7</month></publication_date><issue>2</issue></journal_issue>
              <journal_article><titles><title>T</title></titles><doi_data><doi>10.5555/inherit</doi><resource>https://e.org/</resource></doi_data></journal_article>
            </journal></crossref></doi_record></doi_records>
            """).only().work
        #expect(inherited.issued == date(2011, 7))
        #expect(inherited.publishedOnline == date(2011, 7))
        #expect(inherited.journalIssue == JournalIssue(issue: "2", publishedPrint: nil, publishedOnline: date(2011, 7)))

        let unknown = try Parsed(xml: """
            <doi_records><doi_record><crossref><journal>
              <journal_metadata><full_title>J</full_title></journal_metadata>
              <journal_article><titles><title>T</title></titles><doi_data><doi>10.5555/nodate</doi><timestamp>20200101000000</timestamp><resource>https://e.org/</resource></doi_data></journal_article>
            </journal></crossref></doi_record></doi_records>
            """).only().work
        #expect(unknown.issued == .unknown)
        #expect(String(decoding: unknown.jsonBytes, as: UTF8.self).contains(#""issued":{"date-parts":[[null]]}"#))
        #expect(unknown.published == nil)
        #expect(unknown.deposited != nil)  // never used as the issued date
    }

    @Test func standardsBodyAndEveryReferenceField() throws {
        let record = try Parsed(xml: """
            <doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
              <head><doi_batch_id>std-1</doi_batch_id></head>
              <body><standard>
                <standard_metadata language="de">
                  <titles><title>Test methods</title></titles>
                  <designators><std_as_published><std_designator>X 1-2024</std_designator></std_as_published></designators>
                  <standards_body><standards_body_name>Example Standards Institute</standards_body_name><standards_body_acronym>ESI</standards_body_acronym></standards_body>
                  <publication_date><year>2024</year></publication_date>
                  <doi_data><doi>10.5555/std.x1</doi><resource>https://e.org/std</resource></doi_data>
                  <citation_list>
                    <citation key="c1">
                      <issn>0378-5955</issn><journal_title>Hear. Res.</journal_title><author>Smith</author><volume>12</volume>
                      <issue>3</issue><first_page>45</first_page><cYear>1999</cYear><article_title>On hearing</article_title>
                      <doi provider="crossref">10.1016/S0378-5955(99)00001-X</doi>
                    </citation>
                    <citation key="c2">
                      <isbn media_type="electronic">978-3-16-148410-0</isbn><series_title>Lecture Notes</series_title><volume_title>Volume Title</volume_title>
                      <edition_number>3</edition_number><component_number>ch. 4</component_number><doi>10.5555/BOOK</doi>
                    </citation>
                    <citation key="c3"><std_designator>ISO 9001</std_designator><standards_body><standards_body_name>ISO</standards_body_name></standards_body></citation>
                    <citation key="c4"><unstructured_citation>Someone, <i>Something</i>, 2001.</unstructured_citation><doi>not a doi</doi></citation>
                  </citation_list>
                </standard_metadata>
              </standard></body>
            </doi_batch>
            """).only()
        let work = record.work
        #expect(work.type == "standard")
        #expect(work.standardsBody == StandardsBody(name: "Example Standards Institute", acronym: "ESI"))
        #expect(work.language == "de")
        #expect(work.issued == date(2024))
        let refs = try #require(work.reference)
        #expect(work.referencesCount == 4)
        var c1 = Reference(key: "c1")
        c1.ISSN = "0378-5955"; c1.issnType = "print"; c1.journalTitle = "Hear. Res."; c1.author = "Smith"; c1.volume = "12"
        c1.issue = "3"; c1.firstPage = "45"; c1.year = "1999"; c1.articleTitle = "On hearing"
        c1.DOI = "10.1016/s0378-5955(99)00001-x"; c1.doiAssertedBy = "crossref"
        var c2 = Reference(key: "c2")
        c2.ISBN = "9783161484100"; c2.isbnType = "electronic"; c2.seriesTitle = "Lecture Notes"; c2.volumeTitle = "Volume Title"
        c2.edition = "3"; c2.component = "ch. 4"; c2.DOI = "10.5555/book"; c2.doiAssertedBy = "publisher"
        var c3 = Reference(key: "c3")
        c3.standardDesignator = "ISO 9001"; c3.standardsBody = "ISO"
        var c4 = Reference(key: "c4")
        c4.unstructured = "Someone, Something, 2001."
        #expect(refs == [c1, c2, c3, c4])
        // The reference's standards body is not the work's; the garbage reference DOI is dropped with a warning.
        #expect(record.warnings.map(\.kind) == [.invalidDOI])
        // A reference's ISSN/ISBN/edition/volume are not the work's.
        #expect(work.ISSN == nil && work.ISBN == nil && work.editionNumber == nil && work.volume == nil)
    }

    @Test func postedContentSubtypeAndGroupTitle() throws {
        let work = try Parsed(xml: """
            <doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
              <head><doi_batch_id>pc-1</doi_batch_id></head>
              <body>
                <posted_content type="working_paper" language="en">
                  <group_title>Economics</group_title>
                  <contributors><organization contributor_role="author" sequence="first">The Working Group</organization></contributors>
                  <titles><title>A working paper</title></titles>
                  <posted_date><month>11</month><day>5</day><year>2023</year></posted_date>
                  <institution><institution_name>Some University</institution_name><institution_department>Economics</institution_department></institution>
                  <doi_data><doi>10.5555/wp.1</doi><resource>https://e.org/wp</resource></doi_data>
                </posted_content>
              </body>
            </doi_batch>
            """).only().work
        #expect(work.type == "posted-content")
        #expect(work.subtype == "working_paper")
        #expect(work.groupTitle == "Economics")
        #expect(work.author == [Contributor(name: "The Working Group", sequence: "first")])
        #expect(work.posted == date(2023, 11, 5))
        #expect(work.issued == date(2023, 11, 5))
        #expect(work.publishedPrint == nil && work.publishedOnline == nil)
        #expect(work.institution == [Institution(name: "Some University", department: ["Economics"])])
        #expect(work.language == "en")
    }
}
