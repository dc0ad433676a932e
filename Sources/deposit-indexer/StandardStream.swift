import Foundation

/// Standard output or error written with plain `write(2)`: no stdio buffer shared between
/// threads, and a closed pipe (`| head`) ends the process quietly instead of looping.
enum StandardStream {
    case output, error

    var descriptor: Int32 { self == .output ? 1 : 2 }

    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    func write(_ buffer: UnsafeBufferPointer<UInt8>) {
        do {
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { Foundation.exit(0) }
                    return
                }
                offset += n
            }
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }
}
