import Foundation

/// The top-level members of a JSON object, located without decoding it: enough to tell which
/// top-level keys changed between two renderings, to hash a work without `indexed`, and to merge
/// a partial deposit into a stored work. Two renderings by `JSONWriter` of equal values are
/// byte-equal, so comparing value bytes compares values.
struct JSONObjectMembers {
    struct Member {
        var key: String
        /// From the key's opening quote to the end of the value: the member as written.
        var member: Range<Int>
        var value: Range<Int>
    }

    let bytes: [UInt8]
    let members: [Member]

    /// nil when `bytes` is not a JSON object.
    init?(_ bytes: [UInt8]) {
        guard let members = Self.scan(bytes) else { return nil }
        self.bytes = bytes
        self.members = members
    }

    var keys: [String] { members.map(\.key) }

    func member(_ key: String) -> Member? { members.first { $0.key == key } }

    func valueBytes(_ member: Member) -> ArraySlice<UInt8> { bytes[member.value] }

    /// The object's bytes without one member (`indexed`), for the content hash.
    func bytes(without key: String) -> [UInt8] {
        guard let index = members.firstIndex(where: { $0.key == key }) else { return bytes }
        let removed = members[index].member
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        if index > 0 {
            // Drop the comma before the member.
            out.append(contentsOf: bytes[..<members[index - 1].member.upperBound])
        } else {
            out.append(contentsOf: bytes[..<removed.lowerBound])
        }
        if index == 0, index + 1 < members.count {
            out.append(contentsOf: bytes[members[index + 1].member.lowerBound...])
        } else {
            out.append(contentsOf: bytes[removed.upperBound...])
        }
        return out
    }

    /// Top-level keys whose values differ: keys of `new` in its order, then keys only `old` has.
    /// Both renderings list keys in the same canonical order, so a two-pointer walk finds almost
    /// every counterpart; a lookup table is built only when a key was added or removed.
    static func changedKeys(from old: JSONObjectMembers, to new: JSONObjectMembers) -> [String] {
        var changed: [String] = []
        var matched = [Bool](repeating: false, count: old.members.count)
        var oldIndexByKey: [String: Int]?
        var next = 0
        for member in new.members {
            var counterpart: Int?
            if next < old.members.count, old.members[next].key == member.key {
                counterpart = next
            } else {
                if oldIndexByKey == nil {
                    oldIndexByKey = Dictionary(old.members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
                }
                counterpart = oldIndexByKey?[member.key]
            }
            guard let index = counterpart else {
                changed.append(member.key)
                continue
            }
            matched[index] = true
            next = index + 1
            if !sameBytes(old.bytes, old.members[index].value, new.bytes, member.value) { changed.append(member.key) }
        }
        for (index, member) in old.members.enumerated() where !matched[index] { changed.append(member.key) }
        return changed
    }

    private static func sameBytes(_ a: [UInt8], _ ra: Range<Int>, _ b: [UInt8], _ rb: Range<Int>) -> Bool {
        guard ra.count == rb.count else { return false }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                memcmp(pa.baseAddress! + ra.lowerBound, pb.baseAddress! + rb.lowerBound, ra.count) == 0
            }
        }
    }

    /// `base` with the members named in `keys` taken from `replacement` (or dropped when
    /// `replacement` lacks them): a partial deposit applied to a stored work.
    static func merged(_ base: JSONObjectMembers, replacing keys: Set<String>, from replacement: JSONObjectMembers) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(base.bytes.count + replacement.bytes.count)
        var first = true
        func append(_ slice: ArraySlice<UInt8>) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: slice)
        }
        for m in base.members where !keys.contains(m.key) { append(base.bytes[m.member]) }
        for m in replacement.members where keys.contains(m.key) { append(replacement.bytes[m.member]) }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func scan(_ bytes: [UInt8]) -> [Member]? {
        bytes.withUnsafeBufferPointer { b -> [Member]? in
            let n = b.count
            var i = 0
            func skipSpace() { while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
            /// i at an opening quote → i just past the closing quote.
            func skipString() -> Bool {
                i += 1
                while i < n {
                    let c = b[i]
                    if c == UInt8(ascii: "\\") { i += 2; continue }
                    i += 1
                    if c == UInt8(ascii: "\"") { return true }
                }
                return false
            }
            func skipValue() -> Bool {
                guard i < n else { return false }
                switch b[i] {
                case UInt8(ascii: "\""):
                    return skipString()
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    var depth = 0
                    while i < n {
                        let c = b[i]
                        if c == UInt8(ascii: "\"") { if !skipString() { return false }; continue }
                        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
                        else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                            depth -= 1
                            if depth == 0 { i += 1; return true }
                        }
                        i += 1
                    }
                    return false
                default:
                    while i < n, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"),
                          b[i] != 0x20, b[i] != 0x0A, b[i] != 0x0D, b[i] != 0x09 { i += 1 }
                    return true
                }
            }

            skipSpace()
            guard i < n, b[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var members: [Member] = []
            members.reserveCapacity(48)
            while true {
                skipSpace()
                guard i < n else { return nil }
                if b[i] == UInt8(ascii: "}") { return members }
                if b[i] == UInt8(ascii: ",") { i += 1; skipSpace() }
                guard i < n, b[i] == UInt8(ascii: "\"") else { return nil }
                let memberStart = i
                guard skipString() else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: b[(memberStart + 1)..<(i - 1)]), as: UTF8.self)
                skipSpace()
                guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                let valueStart = i
                guard skipValue() else { return nil }
                members.append(Member(key: key, member: memberStart..<i, value: valueStart..<i))
            }
        }
    }
}
