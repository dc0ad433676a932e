import Foundation
import Logging

/// A logger for tests that shows only errors, unless `levelVariable` names a level
/// (e.g. `INGEST_TEST_LOG=warning` shows the pipeline's retries when a test is slow).
public func testLogger(_ label: String, levelVariable: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment[levelVariable].flatMap(Logger.Level.init(rawValue:)) ?? .error
    return logger
}
