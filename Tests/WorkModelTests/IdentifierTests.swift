import Testing
import WorkModel

@Suite struct IdentifierTests {
    @Test(arguments: [
        ("10.1016/J.PSYNEUEN.2016.04.010", "10.1016/j.psyneuen.2016.04.010"),
        ("  10.1016/j.x  ", "10.1016/j.x"),
        ("doi:10.5555/ABC", "10.5555/abc"),
        ("DOI:10.5555/abc", "10.5555/abc"),
        ("https://doi.org/10.5555/abc", "10.5555/abc"),
        ("http://dx.doi.org/10.5555/abc", "10.5555/abc"),
        ("https://dx.doi.org/10.5555/abc", "10.5555/abc"),
        ("info:doi/10.5555/abc", "10.5555/abc"),
        ("\u{A0}10.5555/nbsp\u{A0}", "10.5555/nbsp"),
        ("10.1000.10/x(1)<2>", "10.1000.10/x(1)<2>"),
        ("10.5555/ÄBC", "10.5555/Äbc"),  // ASCII lower case only
    ])
    func doi(raw: String, expected: String) {
        #expect(Identifiers.doi(raw) == expected)
    }

    @Test(arguments: ["", "10.5555", "10.5555/", "11.5555/x", "10./x", "10.55a5/x", "0.50505/preprint", "10.5555/a b", "urn:isbn:123"])
    func notADOI(raw: String) {
        #expect(Identifiers.doi(raw) == nil)
    }

    @Test func prefix() {
        #expect(Identifiers.prefix(ofDOI: "10.1016/j.x/y") == "10.1016")
        #expect(Identifiers.prefix(ofDOI: "nothing") == nil)
    }

    @Test(arguments: [
        ("0378-5955", "0378-5955"), ("03785955", "0378-5955"), ("0378 5955", "0378-5955"),
        ("2167-647x", "2167-647X"), ("2167647X", "2167-647X"), (" 1234-5679\n", "1234-5679"),
    ])
    func issn(raw: String, expected: String) {
        #expect(Identifiers.issn(raw) == expected)
    }

    @Test(arguments: ["", "1234-567", "1234-56789", "12X4-5678", "ISSN 1234-5678", "abcd-efgh"])
    func notAnISSN(raw: String) {
        #expect(Identifiers.issn(raw) == nil)
    }

    @Test(arguments: [
        ("978-0-387-88842-2", "9780387888422"), ("0-948749-00-8", "0948749008"), ("ISBN 0-8044-2957-x", "080442957X"),
        ("978 3 16 148410 0", "9783161484100"), ("ISBN:978-3-16-148410-0\n", "9783161484100"),
        ("978\u{A0}3\u{A0}16\u{A0}148410\u{A0}0", "9783161484100"), ("\u{2002}0-948749-00-8", "0948749008"),
    ])
    func isbn(raw: String, expected: String) {
        #expect(Identifiers.isbn(raw) == expected)
    }

    @Test(arguments: ["", "12345", "97803878884221", "X123456789", "978-0-387-8884x-2", "not an isbn",
                      "978-3-16-148410-0 ISBN", "978\u{2013}3\u{2013}16\u{2013}148410\u{2013}0", "٩٧٨٣١٦١٤٨٤١٠٠"])
    func notAnISBN(raw: String) {
        #expect(Identifiers.isbn(raw) == nil)
    }

    @Test(arguments: [
        "0000-0002-1825-0097", "http://orcid.org/0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097", "0000000218250097", " 0000-0002-1825-0097 ", "https://ORCID.org/0000-0002-1825-0097",
    ])
    func orcidForms(raw: String) {
        #expect(Identifiers.orcid(raw) == "https://orcid.org/0000-0002-1825-0097")
    }

    @Test func orcidCheckDigitX() {
        #expect(Identifiers.orcid("0000-0002-1694-233x") == "https://orcid.org/0000-0002-1694-233X")
        #expect(Identifiers.orcid("0000-0002-1694-2339") == nil)  // wrong check digit
    }

    @Test(arguments: ["", "0000-0002-1825-0098", "0000-0002-1825-009", "0000-0002-1825-00977", "000X-0002-1825-0097", "Josiah Carberry"])
    func notAnORCID(raw: String) {
        #expect(Identifiers.orcid(raw) == nil)
    }

    @Test(arguments: ["100000001", "10.13039/100000001", "https://doi.org/10.13039/100000001",
                      "http://dx.doi.org/10.13039/100000001", " 100000001 ", "doi:10.13039/100000001"])
    func funderDOI(raw: String) {
        #expect(Identifiers.funderDOI(raw) == "10.13039/100000001")
    }

    @Test(arguments: ["", "10.5555/100000001", "10.13039/", "10.13039/abc", "NSF", "1000-0001"])
    func notAFunderDOI(raw: String) {
        #expect(Identifiers.funderDOI(raw) == nil)
    }

    @Test func member() {
        #expect(Identifiers.member(" 263 ") == "263")
        #expect(Identifiers.member("26x") == nil)
        #expect(Identifiers.member("") == nil)
    }

    @Test func trimmedText() {
        #expect(Identifiers.trimmedText("  a b \n") == "a b")
        #expect(Identifiers.trimmedText(" \t ") == "")
    }
}
