/// Applies `select=` to a stored work: keeps the chosen top-level members of the JSON object, in
/// their stored order, byte for byte. Scans the bytes once (strings and nesting skipped) instead
/// of decoding and re-encoding the whole work.
enum TopLevelJSONSelection {
    static func select(_ keys: Set<String>, from json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        var i = 0
        let n = json.count
        func skipWhitespace() { while i < n, json[i] == 0x20 || json[i] == 0x0A || json[i] == 0x0D || json[i] == 0x09 { i += 1 } }
        /// Index just past the string starting at `i` (which is a quote).
        func endOfString(_ start: Int) -> Int {
            var j = start + 1
            while j < n {
                if json[j] == UInt8(ascii: "\\") { j += 2; continue }
                if json[j] == UInt8(ascii: "\"") { return j + 1 }
                j += 1
            }
            return n
        }
        /// Index just past the value starting at `i`.
        func endOfValue(_ start: Int) -> Int {
            var j = start
            guard j < n else { return n }
            if json[j] == UInt8(ascii: "\"") { return endOfString(j) }
            if json[j] == UInt8(ascii: "{") || json[j] == UInt8(ascii: "[") {
                var depth = 0
                while j < n {
                    switch json[j] {
                    case UInt8(ascii: "\""): j = endOfString(j); continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { return j + 1 }
                    default: break
                    }
                    j += 1
                }
                return n
            }
            while j < n, json[j] != UInt8(ascii: ","), json[j] != UInt8(ascii: "}") { j += 1 }
            return j
        }

        skipWhitespace()
        guard i < n, json[i] == UInt8(ascii: "{") else { return Array("{}".utf8) }
        i += 1
        while i < n {
            skipWhitespace()
            guard i < n, json[i] == UInt8(ascii: "\"") else { break }
            let keyStart = i
            let keyEnd = endOfString(i)
            // Work keys contain no escapes, so the raw bytes between the quotes are the key.
            let key = String(decoding: json[(keyStart + 1)..<max(keyStart + 1, keyEnd - 1)], as: UTF8.self)
            i = keyEnd
            skipWhitespace()
            guard i < n, json[i] == UInt8(ascii: ":") else { break }
            i += 1
            skipWhitespace()
            let valueEnd = endOfValue(i)
            if keys.contains(key) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: json[keyStart..<keyEnd])
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: json[i..<valueEnd])
            }
            i = valueEnd
            skipWhitespace()
            if i < n, json[i] == UInt8(ascii: ",") { i += 1 } else { break }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}
