import Foundation
import WorkQuery

/// A JSON body of `POST /alerts` as parameters: `{"filter": "funder:…,has-license:true",
/// "query.title": "ocean", "kinds": ["created", "updated-by"], "window-seconds": 300}`. Lists
/// join with commas (as `filter` and `kinds` write them); numbers and booleans become their text.
enum AlertRequestBody {
    /// A parameter value as JSON may write it.
    private enum Value: Decodable {
        case text(String)
        case list([String])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let bool = try? container.decode(Bool.self) { self = .text(bool ? "true" : "false") }
            else if let int = try? container.decode(Int.self) { self = .text(String(int)) }
            else if let string = try? container.decode(String.self) { self = .text(string) }
            else { self = .list(try container.decode([String].self)) }
        }

        var text: String {
            switch self {
            case .text(let text): return text
            case .list(let items): return items.joined(separator: ",")
            }
        }
    }

    static func jsonParameters(_ bytes: [UInt8]) throws(RequestValidationError) -> [(name: String, value: String)] {
        guard let object = try? JSONDecoder().decode([String: Value].self, from: Data(bytes)) else {
            throw RequestValidationError([ValidationFailure(
                .parameterNotAllowed, value: "body",
                message: "The body is not a JSON object of strings, whole numbers, booleans or lists of strings: send e.g. {\"filter\": \"funder:10.13039/100000001\", \"query.title\": \"ocean\"} with Content-Type: application/json, or the same as a form.")])
        }
        return object.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text) }
    }
}
