import Foundation
import Testing
@testable import Unixref
import WorkModel

/// Fixture files copied from the shared fixtures into `Tests/Fixtures` (see SOURCES.md).
enum Fixture {
    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
}
