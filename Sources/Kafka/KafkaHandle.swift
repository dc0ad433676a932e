import CRdKafka
import Foundation
import Logging

/// State the C callbacks reach through `rd_kafka_opaque`. It is passed unretained: every owner
/// keeps its `ClientContext` alive until after `rd_kafka_destroy` returns, so the pointer can
/// never dangle while librdkafka may still call back.
final class ClientContext: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    static func from(_ rk: OpaquePointer?) -> ClientContext? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// Creating `rd_kafka_t` handles with our callbacks, shared by producer, consumer and admin.
enum KafkaHandleFactory {
    /// Applies `properties` to a fresh conf, lets `customize` add callbacks, then creates the
    /// handle. On failure the conf is destroyed here (librdkafka only owns it on success).
    static func make(
        type: rd_kafka_type_t,
        properties: [(String, String)],
        context: ClientContext,
        customize: (OpaquePointer) -> Void = { _ in }
    ) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else { throw KafkaError.clientCreation(reason: "rd_kafka_conf_new returned NULL") }
        var errstr = [CChar](repeating: 0, count: 512)
        for (key, value) in properties {
            let result = rd_kafka_conf_set(conf, key, value, &errstr, errstr.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError.configuration(key: key, value: value, reason: errstr.nulTerminatedString)
            }
        }
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(context).toOpaque())
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        customize(conf)
        guard let rk = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError.clientCreation(reason: errstr.nulTerminatedString)
        }
        return rk
    }

    /// The fatal error of a handle, if librdkafka raised one.
    static func fatalError(_ rk: OpaquePointer) -> KafkaError? {
        var errstr = [CChar](repeating: 0, count: 512)
        let code = rd_kafka_fatal_error(rk, &errstr, errstr.count)
        guard code != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        return .fatal(code: code.rawValue, name: String(cString: rd_kafka_err2name(code)), message: errstr.nulTerminatedString)
    }
}

/// librdkafka logs from its own threads; swift-log handlers are thread-safe, so forward directly.
private let kafkaLogCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void = {
    rk, level, facility, message in
    guard let context = ClientContext.from(rk) else { return }
    let text = message.map { String(cString: $0) } ?? ""
    let fac = facility.map { String(cString: $0) } ?? ""
    let swiftLevel: Logger.Level
    switch level {
    case ...3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5: swiftLevel = .notice
    case 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    context.logger.log(level: swiftLevel, "\(text)", metadata: ["facility": "\(fac)"])
}

/// Most librdkafka errors are informational (it reconnects and retries by itself); only fatal
/// ones need action, and those are surfaced by the calls that check `rd_kafka_fatal_error`.
private let kafkaErrorCallback: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
    rk, err, reason, _ in
    guard let context = ClientContext.from(rk) else { return }
    let code = rd_kafka_resp_err_t(rawValue: err)
    let name = String(cString: rd_kafka_err2name(code))
    let text = reason.map { String(cString: $0) } ?? ""
    let transient = code == RD_KAFKA_RESP_ERR__TRANSPORT || code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
    // Transient ones were already logged by librdkafka's own log line (see kafkaLogCallback).
    context.logger.log(
        level: code == RD_KAFKA_RESP_ERR__FATAL ? .critical : (transient ? .debug : .warning),
        "librdkafka: \(text)", metadata: ["error": "\(name)"])
}

extension Duration {
    /// Whole milliseconds, clamped to what librdkafka's `int timeout_ms` accepts.
    var kafkaMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }
}

extension Array where Element == CChar {
    /// The text librdkafka wrote into an `errstr` buffer.
    var nulTerminatedString: String {
        String(decoding: prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
