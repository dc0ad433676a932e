import Foundation

/// Checks JSON values against a JSON Schema, for the subset our topic schemas use: `type`,
/// `required`, `properties`, `additionalProperties: false`, `enum`, `pattern`, `minLength`,
/// `items`, `minItems`, `maxItems`, `uniqueItems`, `minimum` and local `$ref`s (`format` is not
/// checked). Always available, unlike python3-jsonschema; `PythonJSONSchema` runs the real thing
/// where it is installed.
public struct SchemaChecker {
    let root: [String: Any]

    public init(contentsOf url: URL) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw SchemaError(detail: "\(url.lastPathComponent) is not a JSON object")
        }
        root = object
    }

    /// Every violation, as `path: problem`; empty when the value is valid.
    public func violations(of value: Any) -> [String] {
        var problems: [String] = []
        check(value, against: root, at: "$", into: &problems)
        return problems
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = (node as? [String: Any])?[String(part)] else { return [:] }
            node = next
        }
        return node as? [String: Any] ?? [:]
    }

    private func check(_ value: Any, against rawSchema: [String: Any], at path: String, into problems: inout [String]) {
        let schema = resolve(rawSchema)
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [type as? String].compactMap { $0 }
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                problems.append("\(path): expected \(allowed.joined(separator: "|")), got \(Self.describe(value))")
                return
            }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            problems.append("\(path): \(Self.describe(value)) is not one of \(options)")
        }
        if let string = value as? String {
            if let minLength = schema["minLength"] as? Int, string.count < minLength {
                problems.append("\(path): shorter than \(minLength)")
            }
            if let pattern = schema["pattern"] as? String {
                let regex = try? NSRegularExpression(pattern: pattern)
                if regex?.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil {
                    problems.append("\(path): \"\(string)\" does not match \(pattern)")
                }
            }
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? NSNumber, !Self.isBool(value),
           number.doubleValue < minimum {
            problems.append("\(path): \(number) < \(minimum)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing required \"\(key)\"")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] as? [String: Any] {
                    check(member, against: property, at: "\(path).\(key)", into: &problems)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): unexpected \"\(key)\"")
                }
            }
        }
        if let array = value as? [Any], !(value is [String: Any]) {
            if let minItems = schema["minItems"] as? Int, array.count < minItems { problems.append("\(path): fewer than \(minItems) items") }
            if let maxItems = schema["maxItems"] as? Int, array.count > maxItems { problems.append("\(path): more than \(maxItems) items") }
            if schema["uniqueItems"] as? Bool == true {
                let texts = array.map { Self.describe($0) }
                if Set(texts).count != texts.count { problems.append("\(path): items are not unique") }
            }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(index)]", into: &problems) }
            }
        }
    }

    private static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        #if canImport(Darwin)
        return CFGetTypeID(number) == CFBooleanGetTypeID()
        #else
        return String(cString: number.objCType) == "c"
        #endif
    }

    private static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "string": return value is String
        case "object": return value is [String: Any]
        case "array": return value is [Any] && !(value is [String: Any])
        case "boolean": return isBool(value)
        case "integer":
            guard let number = value as? NSNumber, !isBool(value) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !isBool(value)
        default: return false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool { describe(a) == describe(b) }

    private static func describe(_ value: Any) -> String {
        if let string = value as? String { return "\"\(string)\"" }
        if value is NSNull { return "null" }
        if JSONSerialization.isValidJSONObject(value),
           let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }

    struct SchemaError: Error, CustomStringConvertible {
        let detail: String
        var description: String { detail }
    }
}

/// python3 + jsonschema, when this machine has them (CI machines may not): validates JSON lines.
public enum PythonJSONSchema {
    /// nil when python3 or its jsonschema module is missing (the check is then skipped);
    /// otherwise one line per violation.
    public static func violations(schema: URL, values: [[UInt8]], scratch: URL) throws -> [String]? {
        guard run(["python3", "-c", "import jsonschema"]).status == 0 else { return nil }
        let lines = scratch.appendingPathComponent("events-\(UUID().uuidString.prefix(8)).jsonl")
        try Data(values.map { $0 + [0x0A] }.joined()).write(to: lines)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.validators.validator_for(schema)(schema)
            for number, line in enumerate(open(sys.argv[2]), 1):
                for error in validator.iter_errors(json.loads(line)):
                    print(f"line {number}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
            """
        let result = run(["python3", "-c", script, schema.path, lines.path])
        guard result.status == 0 else { return ["python3 failed (\(result.status)): \(result.output)"] }
        return result.output.split(separator: "\n").map(String.init)
    }

    private static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
