/// Random bytes: lz4 cannot shrink them, so they fill the local broker's ~5 MiB per partition
/// at their full size (tests of what it deletes before anyone reads).
public func incompressibleBytes(kibibytes: Int) -> [UInt8] {
    var random = SystemRandomNumberGenerator()
    let words = (0..<(kibibytes * 128)).map { _ in random.next() as UInt64 }
    return words.withUnsafeBytes { Array($0) }
}
