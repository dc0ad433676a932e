/// Values looked up by the address of a name interned in libxml2's dictionary: an open-addressing
/// table with a multiplicative hash, where `Dictionary` would run SipHash on every element event.
struct InternedNameCache<Value> {
    private var keys: [UnsafeRawPointer?]
    private var values: [Value]
    private let empty: Value
    private var shift: Int
    private(set) var count = 0

    init(placeholder: Value) {
        empty = placeholder
        keys = Array(repeating: nil, count: 64)
        values = Array(repeating: placeholder, count: 64)
        shift = 64 - 6
    }

    @inline(__always)
    private func slot(_ key: UnsafeRawPointer) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    @inline(__always)
    func lookup(_ key: UnsafeRawPointer) -> Value? {
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            guard let k = keys[i] else { return nil }
            if k == key { return values[i] }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ key: UnsafeRawPointer, _ value: Value) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while let k = keys[i] {
            if k == key { values[i] = value; return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = value
        count += 1
    }

    mutating func removeAll() {
        for i in keys.indices { keys[i] = nil; values[i] = empty }
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: nil, count: oldKeys.count * 2)
        values = Array(repeating: empty, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for i in oldKeys.indices { if let k = oldKeys[i] { insert(k, oldValues[i]) } }
    }
}
