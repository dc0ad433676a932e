/// A value the hot-path `JSONWriter` can render; every rendering must decode with `JSONDecoder`
/// back to an equal value (tested for `Work`).
public protocol JSONWritable {
    func write(to w: inout JSONWriter)
}

extension String: JSONWritable { public func write(to w: inout JSONWriter) { w.string(self) } }
extension Int: JSONWritable { public func write(to w: inout JSONWriter) { w.int(self) } }
extension Int64: JSONWritable { public func write(to w: inout JSONWriter) { w.int64(self) } }
extension Bool: JSONWritable { public func write(to w: inout JSONWriter) { w.bool(self) } }

extension Array: JSONWritable where Element: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginArray()
        // Borrowed in place: `for element in self` copies (retains and releases) every element.
        withUnsafeBufferPointer { elements in
            for i in elements.indices { elements[i].write(to: &w) }
        }
        w.endArray()
    }
}

extension JSONWriter {
    /// Writes `"key": value`, or nothing when the value is absent.
    @inline(__always)
    public mutating func field<T: JSONWritable>(_ key: StaticString, _ value: T?) {
        guard let value else { return }
        self.key(key)
        value.write(to: &self)
    }

    /// Renders one value into a fresh buffer.
    public static func render<T: JSONWritable>(_ value: T) -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        value.write(to: &w)
        return w.bytes
    }
}

extension PartialDate: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("date-parts")
        w.beginArray()
        w.beginArray()
        if isKnown { for p in parts { w.int(p) } } else { w.null() }
        w.endArray()
        w.endArray()
        w.endObject()
    }
}

extension DateObject: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("date-parts")
        w.beginArray()
        dateParts.write(to: &w)
        w.endArray()
        w.field("date-time", dateTime)
        w.field("timestamp", timestamp)
        w.endObject()
    }
}

extension Affiliation: JSONWritable {
    public func write(to w: inout JSONWriter) { w.beginObject(); w.field("name", name); w.endObject() }
}

extension Contributor: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("given", given)
        w.field("family", family)
        w.field("suffix", suffix)
        w.field("name", name)
        w.field("sequence", sequence)
        w.field("affiliation", affiliation)
        w.field("ORCID", ORCID)
        w.field("authenticated-orcid", authenticatedOrcid)
        w.endObject()
    }
}

extension License: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("URL", URL)
        w.field("start", start)
        w.field("delay-in-days", delayInDays)
        w.field("content-version", contentVersion)
        w.endObject()
    }
}

extension FreeToRead: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject(); w.field("start-date", startDate); w.field("end-date", endDate); w.endObject()
    }
}

extension Link: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("URL", URL)
        w.field("content-type", contentType)
        w.field("content-version", contentVersion)
        w.field("intended-application", intendedApplication)
        w.endObject()
    }
}

extension Resource: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject(); w.key("primary"); w.beginObject(); w.field("URL", primary.URL); w.endObject(); w.endObject()
    }
}

extension Funder: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("DOI", DOI)
        w.field("award", award)
        w.field("doi-asserted-by", doiAssertedBy)
        w.endObject()
    }
}

extension ContentDomain: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject(); w.field("domain", domain); w.field("crossmark-restriction", crossmarkRestriction); w.endObject()
    }
}

extension Assertion: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("value", value)
        w.field("name", name)
        w.field("label", label)
        w.field("URL", URL)
        if let explanation { w.key("explanation"); w.beginObject(); w.field("URL", explanation.URL); w.endObject() }
        if let group { w.key("group"); w.beginObject(); w.field("name", group.name); w.field("label", group.label); w.endObject() }
        w.field("order", order)
        w.endObject()
    }
}

extension Update: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("DOI", DOI)
        w.field("type", type)
        w.field("label", label)
        w.field("updated", updated)
        w.field("source", source)
        w.endObject()
    }
}

extension Reference: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("key", key)
        w.field("DOI", DOI)
        w.field("doi-asserted-by", doiAssertedBy)
        w.field("unstructured", unstructured)
        w.field("journal-title", journalTitle)
        w.field("article-title", articleTitle)
        w.field("series-title", seriesTitle)
        w.field("volume-title", volumeTitle)
        w.field("author", author)
        w.field("volume", volume)
        w.field("issue", issue)
        w.field("first-page", firstPage)
        w.field("year", year)
        w.field("edition", edition)
        w.field("component", component)
        w.field("standard-designator", standardDesignator)
        w.field("standards-body", standardsBody)
        w.field("ISSN", ISSN)
        w.field("issn-type", issnType)
        w.field("ISBN", ISBN)
        w.field("isbn-type", isbnType)
        w.endObject()
    }
}

extension Relation: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject(); w.field("id-type", idType); w.field("id", id); w.field("asserted-by", assertedBy); w.endObject()
    }
}

extension ClinicalTrial: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("clinical-trial-number", clinicalTrialNumber)
        w.field("registry", registry)
        w.field("type", type)
        w.endObject()
    }
}

extension JournalIssue: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("issue", issue)
        w.field("published-print", publishedPrint)
        w.field("published-online", publishedOnline)
        w.endObject()
    }
}

extension Institution: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("acronym", acronym)
        w.field("place", place)
        w.field("department", department)
        w.endObject()
    }
}

extension Review: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("type", type)
        w.field("stage", stage)
        w.field("recommendation", recommendation)
        w.field("revision-round", revisionRound)
        w.field("running-number", runningNumber)
        w.field("competing-interest-statement", competingInterestStatement)
        w.field("language", language)
        w.endObject()
    }
}

extension TypedIdentifier: JSONWritable {
    public func write(to w: inout JSONWriter) { w.beginObject(); w.field("value", value); w.field("type", type); w.endObject() }
}

extension StandardsBody: JSONWritable {
    public func write(to w: inout JSONWriter) { w.beginObject(); w.field("name", name); w.field("acronym", acronym); w.endObject() }
}
