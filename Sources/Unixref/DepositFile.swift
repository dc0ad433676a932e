import CZlib
import Foundation

/// A deposit input named on the command line: a file (plain or gzip, detected by content),
/// or standard input. Read in chunks so that a file of any size streams in bounded memory.
public struct DepositFile: Sendable, Hashable {
    public let path: String
    public var isStandardInput: Bool { path == "-" }
    public var displayName: String { isStandardInput ? "<stdin>" : path }

    public init(path: String) { self.path = path }

    /// Expands the PATHs a user gave: a directory means every regular file below it, whatever its
    /// extension, in name order; `-` is standard input.
    public static func expand(_ paths: [String]) throws -> [DepositFile] {
        var files: [DepositFile] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { files.append(DepositFile(path: "-")); continue }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DepositFileError.notFound(path) }
            if !isDirectory.boolValue { files.append(DepositFile(path: path)); continue }
            guard let walker = fm.enumerator(atPath: path) else { throw DepositFileError.unreadable(path, "cannot list the directory") }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(relative)
                var childIsDirectory: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue,
                   !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    found.append(full)
                }
            }
            files.append(contentsOf: found.sorted().map { DepositFile(path: $0) })
        }
        return files
    }

    /// Opens the input for chunked reading; gzip is decompressed on the fly.
    public func open() throws -> DepositFileReader {
        let handle: gzFile?
        if isStandardInput { handle = gzdopen(dup(0), "rb") } else { handle = gzopen(path, "rb") }
        guard let handle else { throw DepositFileError.unreadable(displayName, String(cString: strerror(errno))) }
        gzbuffer(handle, 1 << 17)
        // A plain file's size bounds the first chunk, so a small file does not cost a whole chunk of zeros.
        var sizeHint: Int?
        var info = stat()
        if !isStandardInput, gzdirect(handle) == 1, stat(path, &info) == 0 { sizeHint = Int(info.st_size) }
        return DepositFileReader(handle: handle, name: displayName, sizeHint: sizeHint)
    }

    /// The whole input in memory (for `publish`, which sends records as messages).
    public func readAll() throws -> [UInt8] {
        let reader = try open()
        var bytes: [UInt8] = []
        while try reader.read(into: &bytes) {}
        return bytes
    }
}

public enum DepositFileError: Error, CustomStringConvertible {
    case notFound(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or directory"
        case .unreadable(let path, let reason): return "\(path): cannot be read (\(reason))"
        }
    }
}

/// Reads a deposit input chunk by chunk. Owns its zlib handle; used by one thread at a time.
public final class DepositFileReader {
    private var handle: gzFile?
    public let name: String
    public private(set) var bytesRead = 0
    private let chunkSize = 1 << 18
    /// The size of a plain file when opened; nil for gzip and standard input.
    private let sizeHint: Int?

    init(handle: gzFile, name: String, sizeHint: Int? = nil) { self.handle = handle; self.name = name; self.sizeHint = sizeHint }

    deinit { if let handle { gzclose(handle) } }

    /// Appends the next chunk to `buffer`; false at the end of input.
    public func read(into buffer: inout [UInt8]) throws -> Bool {
        guard let handle else { return false }
        let start = buffer.count
        // Room for what is left of a plain file and one byte more (to see its end), else a whole chunk.
        let size = sizeHint.map { min(chunkSize, max($0 - bytesRead + 1, 4096)) } ?? chunkSize
        buffer.reserveCapacity(start + size)
        var n: Int32 = 0
        buffer.append(contentsOf: repeatElement(0, count: size))
        buffer.withUnsafeMutableBufferPointer { buf in
            n = gzread(handle, buf.baseAddress! + start, UInt32(size))
        }
        if n < 0 {
            var code: Int32 = 0
            let message = String(cString: gzerror(handle, &code))
            buffer.removeSubrange(start...)
            throw DepositFileError.unreadable(name, message)
        }
        buffer.removeSubrange((start + Int(n))...)
        bytesRead += Int(n)
        if n == 0 {
            gzclose(handle)
            self.handle = nil
            return false
        }
        return true
    }
}
