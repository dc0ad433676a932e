import Foundation
import Testing
import WorkModel

@Suite struct JSONWriterTests {
    func render(_ s: String) -> String { String(decoding: JSONWriter.render(s), as: UTF8.self) }

    @Test func escaping() {
        #expect(render("plain") == #""plain""#)
        #expect(render(#"say "hi""#) == #""say \"hi\"""#)
        #expect(render(#"back\slash"#) == #""back\\slash""#)
        #expect(render("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(render("\u{0}\u{1}\u{8}\u{C}\u{1F}") == #""\u0000\u0001\u0008\u000c\u001f""#)
        // Not escaped: DEL, '/', and non-ASCII (written as UTF-8).
        #expect(render("\u{7F}/é–😀") == "\"\u{7F}/é–😀\"")
        #expect(render("") == #""""#)
    }

    @Test(arguments: ["", "a\"b", "\\", "\u{0}\u{1F}\n\t", "Iron–Sulfur", "😀 \u{2028} \u{FEFF}", "<jats:p>x &lt; y</jats:p>", String(repeating: "\"\\", count: 1000)])
    func stringsDecodeBackUnchanged(value: String) throws {
        let bytes = JSONWriter.render([value])
        #expect(try JSONDecoder().decode([String].self, from: Data(bytes)) == [value])
    }

    @Test func integers() throws {
        var w = JSONWriter()
        w.beginArray()
        for v in [0, 1, -1, 42, Int.max, Int.min] { w.int(v) }
        w.int64(Int64.min)
        w.endArray()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "[0,1,-1,42,\(Int.max),\(Int.min),\(Int64.min)]")
    }

    @Test func nestedStructureAndCommas() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a"); w.beginArray(); w.beginArray(); w.endArray(); w.int(1); w.endArray()
        w.key("b"); w.beginObject(); w.endObject()
        w.key("c"); w.bool(true)
        w.key("d"); w.null()
        w.key("dynamic \"key\""); w.bool(false)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":[[],1],"b":{},"c":true,"d":null,"dynamic \"key\"":false}"#)
    }

    @Test func fieldOmitsAbsentValues() {
        var w = JSONWriter()
        w.beginObject()
        w.field("x", Optional<String>.none)
        w.field("y", "v")
        w.field("z", Optional<[Int]>.none)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"y":"v"}"#)
    }

    @Test func jsonLinesInOneBuffer() {
        var w = JSONWriter()
        w.beginObject(); w.key("n"); w.int(1); w.endObject()
        w.reset(keepingBytes: true)
        w.raw(Array("\n".utf8))
        w.reset(keepingBytes: true)
        w.beginObject(); w.key("n"); w.int(2); w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "{\"n\":1}\n{\"n\":2}")
    }

    /// A work with every field set, including the hard characters.
    static func fullWork() -> Work {
        var w = Work(DOI: "10.5555/full", type: "journal-article")
        w.prefix = "10.5555"; w.member = "7"; w.publisher = "P \"Quoted\" & \\ Sons"; w.publisherLocation = "Zürich"
        w.created = DateObject(epochMillis: 1_479_863_384_000); w.deposited = DateObject(epochMillis: 1_498_364_074_000)
        w.indexed = DateObject(epochMillis: 1_500_000_000_123); w.isReferencedByCount = 3
        w.alternativeID = ["a1"]; w.articleNumber = "e1"; w.subtype = "preprint"
        w.title = ["Title\twith\ncontrol \u{1}"]; w.subtitle = ["Sub"]; w.originalTitle = ["Titre"]; w.shortTitle = ["T."]
        w.containerTitle = ["Series", "Journal"]; w.shortContainerTitle = ["J."]; w.groupTitle = "Group"
        w.author = [Contributor(given: "Ada", family: "Lovelace", suffix: "Jr", sequence: "first",
                                affiliation: [Affiliation(name: "Uni")], ORCID: "https://orcid.org/0000-0002-1825-0097", authenticatedOrcid: true)]
        w.editor = [Contributor(name: "Org", sequence: "additional")]
        w.chair = [Contributor(family: "Chair")]; w.translator = [Contributor(given: "T", family: "Ranslator")]
        w.issued = PartialDate(year: 2017, month: 1); w.published = PartialDate(year: 2017, month: 1)
        w.publishedPrint = PartialDate(year: 2017, month: 2, day: 3); w.publishedOnline = PartialDate(year: 2017, month: 1)
        w.publishedOther = PartialDate(year: 2018); w.posted = PartialDate(year: 2016); w.accepted = PartialDate(year: 2016, month: 12, day: 1)
        w.approved = PartialDate(year: 2016, month: 11)
        w.volume = "1"; w.issue = "2"; w.journalIssue = JournalIssue(issue: "2", publishedPrint: PartialDate(year: 2017), publishedOnline: nil)
        w.page = "1-10"; w.ISSN = ["1234-5679"]; w.issnType = [TypedIdentifier(value: "1234-5679", type: "print")]
        w.ISBN = ["9783161484100"]; w.isbnType = [TypedIdentifier(value: "9783161484100", type: "electronic")]
        w.language = "en"; w.editionNumber = "2"; w.degree = ["PhD"]
        w.institution = [Institution(name: "Inst", acronym: ["I"], place: ["Here"], department: ["Dept"])]
        w.standardsBody = StandardsBody(name: "ASTM", acronym: nil); w.archive = ["CLOCKSS", "Portico"]
        w.abstract = "<jats:p>a \"quoted\" \\ abstract</jats:p>"
        var review = Review(); review.type = "referee-report"; review.stage = "pre-publication"; review.runningNumber = "R1"
        w.review = review
        w.license = [License(URL: "https://l", start: DateObject(epochMillis: 0), delayInDays: 5, contentVersion: "vor")]
        w.freeToRead = FreeToRead(startDate: "2017-01-01", endDate: nil)
        w.resource = Resource(primaryURL: "https://r")
        w.link = [Link(URL: "https://l.pdf", contentType: "application/pdf", contentVersion: "vor", intendedApplication: "text-mining")]
        w.funder = [Funder(name: "F", DOI: "10.13039/1", award: ["A", "B"], doiAssertedBy: "publisher"), Funder(name: "No id")]
        w.updatePolicy = "https://doi.org/10.5555/policy"
        w.contentDomain = ContentDomain(domain: ["e.org"], crossmarkRestriction: false)
        w.assertion = [Assertion(value: "v", name: "n", label: "L", URL: "https://a", explanation: .init(URL: "https://x"),
                                 group: .init(name: "g", label: nil), order: 2)]
        w.updateTo = [Update(DOI: "10.5555/old", type: "correction", label: "Correction", updated: DateObject(epochMillis: 86_400_000))]
        w.updatedBy = [Update(DOI: "10.5555/notice", type: "retraction", label: "Retraction", updated: nil)]
        var r = Reference(key: "ref1"); r.DOI = "10.5555/cited"; r.doiAssertedBy = "crossref"; r.unstructured = "U"; r.journalTitle = "JT"
        r.articleTitle = "AT"; r.seriesTitle = "ST"; r.volumeTitle = "VT"; r.author = "Au"; r.volume = "V"; r.issue = "I"; r.firstPage = "FP"
        r.year = "1999"; r.edition = "E"; r.component = "C"; r.standardDesignator = "SD"; r.standardsBody = "SB"
        r.ISSN = "1234-5679"; r.issnType = "print"; r.ISBN = "9783161484100"; r.isbnType = "electronic"
        w.reference = [r]; w.referencesCount = 1; w.referenceCount = 1
        w.relation = ["is-preprint-of": [Relation(idType: "doi", id: "10.5555/vor", assertedBy: "subject")],
                      "has-review": [Relation(idType: "doi", id: "10.5555/r1", assertedBy: "object"), Relation(idType: "uri", id: "https://x", assertedBy: "object")]]
        w.clinicalTrialNumber = [ClinicalTrial(clinicalTrialNumber: "ISRCTN1", registry: "10.18810/isrctn", type: nil)]
        return w
    }

    @Test func everyFieldRoundTripsThroughJSONDecoder() throws {
        let work = Self.fullWork()
        let decoded = try JSONDecoder().decode(Work.self, from: Data(work.jsonBytes))
        #expect(decoded == work)
    }

    @Test func writerAndJSONEncoderAgree() throws {
        // Same keys and values as Foundation's encoder (which serves as the reference here).
        let work = Self.fullWork()
        let ours = try JSONSerialization.jsonObject(with: Data(work.jsonBytes)) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: JSONEncoder().encode(work)) as? NSDictionary
        #expect(ours != nil)
        #expect(ours == foundation)
    }

    @Test func keysAreTheAPIs() throws {
        let json = String(decoding: Self.fullWork().jsonBytes, as: UTF8.self)
        for key in ["\"DOI\":", "\"URL\":", "\"ISSN\":", "\"ISBN\":", "\"ORCID\":", "\"is-referenced-by-count\":", "\"container-title\":",
                    "\"published-print\":", "\"issn-type\":", "\"update-to\":", "\"updated-by\":", "\"references-count\":",
                    "\"clinical-trial-number\":", "\"content-domain\":", "\"crossmark-restriction\":", "\"authenticated-orcid\":",
                    "\"delay-in-days\":", "\"intended-application\":", "\"doi-asserted-by\":", "\"id-type\":", "\"asserted-by\":",
                    "\"journal-issue\":", "\"free-to-read\":", "\"alternative-id\":", "\"standards-body\":", "\"edition-number\":"] {
            #expect(json.contains(key), "\(key)")
        }
        // Relation types in a stable (sorted) order.
        let hasReview = try #require(json.range(of: "\"has-review\""))
        let isPreprintOf = try #require(json.range(of: "\"is-preprint-of\""))
        #expect(hasReview.lowerBound < isPreprintOf.lowerBound)
    }

    @Test func minimalWork() {
        let json = String(decoding: Work(DOI: "10.5555/min", type: "other").jsonBytes, as: UTF8.self)
        #expect(json == #"{"DOI":"10.5555/min","URL":"https://doi.org/10.5555/min","is-referenced-by-count":0,"source":"Crossref","type":"other","issued":{"date-parts":[[null]]}}"#)
    }

    @Test func prettyPrinter() throws {
        let compact = Array(#"{"a":[1,{"b":"x,y:{z}"}],"e":[],"o":{},"s":"q\"uo{te"}"#.utf8)
        let pretty = String(decoding: JSONPrettyPrinter.indent(compact), as: UTF8.self)
        #expect(pretty == """
            {
              "a": [
                1,
                {
                  "b": "x,y:{z}"
                }
              ],
              "e": [],
              "o": {},
              "s": "q\\"uo{te"
            }
            """)
        let work = Self.fullWork()
        let decoded = try JSONDecoder().decode(Work.self, from: Data(JSONPrettyPrinter.indent(work.jsonBytes)))
        #expect(decoded == work)
    }

    @Test func workTypes() {
        #expect(WorkType.all.count == 31)
        #expect(Set(WorkType.all.map(\.id)).count == WorkType.all.count)
        #expect(WorkType.named("JOURNAL-ARTICLE")?.label == "Journal Article")
        #expect(WorkType.named("book-part")?.label == "Part")
        #expect(WorkType.named("nonsense") == nil)
    }

    @Test func relationNames() {
        #expect(Relation.kebabCase("isPreprintOf") == "is-preprint-of")
        #expect(Relation.kebabCase("hasReview") == "has-review")
        #expect(Relation.kebabCase("is_part_of") == "is-part-of")
        #expect(Relation.inverse(of: "isReviewOf") == "hasReview")
        #expect(Relation.inverse(of: "hasPreprint") == "isPreprintOf")
        #expect(Relation.inverse(of: "isSupplementTo") == "isSupplementedBy")
        #expect(Relation.inverse(of: "cites") == "isCitedBy")
        #expect(Update.displayLabel(forType: "new_version") == "New Version")
        #expect(Update.displayLabel(forType: "erratum") == "Erratum")
    }
}
