import Foundation

/// The JSON of the alert topics' values: one line, keys sorted, slashes as they are (DOIs and
/// URLs stay readable), so equal values are equal bytes.
enum TopicJSON {
    static func encode<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The alert values hold only strings, integers and lists and maps of them: encoding cannot fail.
        return (try? Array(encoder.encode(value))) ?? []
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ bytes: [UInt8]) throws -> Value {
        try JSONDecoder().decode(type, from: Data(bytes))
    }
}
