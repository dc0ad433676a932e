import WorkModel
import WorkQuery

/// Renders the REST API envelopes: `{"status":"ok","message-type":…,"message-version":"1.0.0","message":…}`.
enum APIMessage {
    static let version = "1.0.0"

    static func envelope(status: StaticString = "ok", type: String, _ message: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 8192)
        w.beginObject()
        w.key("status"); w.string(String(describing: status))
        w.key("message-type"); w.string(type)
        w.key("message-version"); w.string(version)
        w.key("message"); message(&w)
        w.endObject()
        return w.bytes
    }

    static func workList(_ page: WorkListPage, request: WorksRequest) -> [UInt8] {
        envelope(type: "work-list") { w in
            w.beginObject()
            w.key("facets")
            w.beginObject()
            for facet in page.facets {
                w.key(facet.name.rawValue)
                w.beginObject()
                w.key("value-count"); w.int(facet.values.count)
                w.key("values")
                w.beginObject()
                for value in facet.values { w.key(value.value); w.int(value.count) }
                w.endObject()
                w.endObject()
            }
            w.endObject()
            w.key("total-results"); w.int(page.totalResults)
            w.key("items")
            w.beginArray()
            for item in page.items { w.raw(item) }
            w.endArray()
            w.key("items-per-page"); w.int(request.sample ?? request.rows)
            w.key("query")
            w.beginObject()
            w.key("start-index"); w.int(request.sample == nil ? request.offset : 0)
            w.key("search-terms")
            if let terms = request.searchTerms { w.string(terms) } else { w.null() }
            w.endObject()
            if let cursor = page.nextCursor { w.key("next-cursor"); w.string(cursor) }
            w.endObject()
        }
    }

    static func work(_ json: [UInt8]) -> [UInt8] {
        envelope(type: "work") { $0.raw(json) }
    }

    static func agency(doi: String) -> [UInt8] {
        envelope(type: "work-agency") { w in
            w.beginObject()
            w.key("DOI"); w.string(doi)
            w.key("agency")
            w.beginObject()
            w.key("id"); w.string("crossref")
            w.key("label"); w.string("Crossref")
            w.endObject()
            w.endObject()
        }
    }

    static func typeList(_ types: [WorkType]) -> [UInt8] {
        list(type: "type-list", total: types.count, perPage: types.count, offset: 0) { w in
            for type in types { typeObject(type, &w) }
        }
    }

    static func type(_ type: WorkType) -> [UInt8] {
        envelope(type: "type") { typeObject(type, &$0) }
    }

    static func licenseList(_ licenses: LicenseList, rows: Int, offset: Int) -> [UInt8] {
        list(type: "license-list", total: licenses.totalResults, perPage: rows, offset: offset) { w in
            for license in licenses.items {
                w.beginObject()
                w.key("URL"); w.string(license.value)
                w.key("work-count"); w.int(license.count)
                w.endObject()
            }
        }
    }

    static func validationFailure(_ failures: [ValidationFailure]) -> [UInt8] {
        envelope(status: "failed", type: "validation-failure") { w in
            w.beginArray()
            for failure in failures {
                w.beginObject()
                w.key("type"); w.string(failure.kind.rawValue)
                w.key("value"); w.string(failure.value)
                w.key("message"); w.string(failure.message)
                w.endObject()
            }
            w.endArray()
        }
    }

    static func serverError(_ message: String) -> [UInt8] {
        envelope(status: "failed", type: "server-error") { $0.string(message) }
    }

    private static func typeObject(_ type: WorkType, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); w.string(type.id)
        w.key("label"); w.string(type.label)
        w.endObject()
    }

    static func list(type: String, total: Int, perPage: Int, offset: Int, _ items: (inout JSONWriter) -> Void) -> [UInt8] {
        envelope(type: type) { w in
            w.beginObject()
            w.key("items-per-page"); w.int(perPage)
            w.key("query")
            w.beginObject()
            w.key("start-index"); w.int(offset)
            w.key("search-terms"); w.null()
            w.endObject()
            w.key("total-results"); w.int(total)
            w.key("items")
            w.beginArray()
            items(&w)
            w.endArray()
            w.endObject()
        }
    }
}
