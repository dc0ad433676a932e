/// Re-indents compact JSON (as `JSONWriter` writes it) for people, keeping key order.
public enum JSONPrettyPrinter {
    public static func indent(_ json: [UInt8], width: Int = 2) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        var i = 0
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: depth * width))
        }
        while i < json.count {
            let c = json[i]
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inString = false }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\""): inString = true; out.append(c)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close: UInt8 = c == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i + 1 < json.count, json[i + 1] == close {
                    out.append(c); out.append(close); i += 2; continue
                }
                out.append(c); depth += 1; newline()
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1; newline(); out.append(c)
            case UInt8(ascii: ","): out.append(c); newline()
            case UInt8(ascii: ":"): out.append(c); out.append(0x20)
            default: out.append(c)
            }
            i += 1
        }
        return out
    }
}
