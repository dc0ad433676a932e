// swift-tools-version:6.0
import PackageDescription

/// The parser and the JSON writer run per byte of every deposit. Their state is owned by one
/// thread at a time, so release builds skip the dynamic exclusivity checks (≈8% of parse time);
/// debug builds and tests keep them.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "DepositIndexer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "deposit-indexer", targets: ["deposit-indexer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already in the graph through hummingbird; named for NIOCore's Channel (bound port) and HTTPField.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .target(name: "WorkModel", swiftSettings: hotPath),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's allocator settings (mallopt) for the long-running commands.
        .systemLibrary(name: "CMalloc"),
        .target(name: "Unixref", dependencies: ["WorkModel", "CLibXML2", "CZlib"], swiftSettings: hotPath),
        .target(name: "Kafka", dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")]),
        .target(name: "WorkIndex", dependencies: [
            "WorkModel",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The raw SQLite C API, for binding hot-path statements without per-argument boxing.
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "Ingest", dependencies: [
            "Unixref", "WorkIndex", "Kafka", "WorkModel",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // Request parameters → a validated WorksRequest; filter predicates and their in-memory evaluation. No SQL.
        .target(name: "WorkQuery", dependencies: ["WorkModel"]),
        // The read side's SQL: WorksRequest → SQLite (GRDB) over the index schema.
        .target(name: "WorkIndexQuery", dependencies: [
            "WorkModel", "WorkQuery",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Consumers of work-changes: alert matching, batch summaries, deposit processing reports.
        .target(name: "Notifications", dependencies: [
            "WorkModel", "WorkQuery", "WorkIndex", "WorkIndexQuery", "Kafka", "Ingest",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // HTTP read side (Hummingbird 2).
        .target(name: "WorksAPI", dependencies: [
            "WorkModel", "WorkQuery", "WorkIndexQuery", "Notifications",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .executableTarget(name: "deposit-indexer", dependencies: [
            "WorkModel", "Unixref", "Kafka", "WorkIndex", "Ingest", "WorksAPI", "Notifications", "WorkIndexQuery", "WorkQuery",
            "CMalloc",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "WorkModelTests", dependencies: ["WorkModel"]),
        // Test-only: hand-made and fixture works, written into an index by the real writer
        // (WorkIndex), with expectations computed from the Work values, for the read side's tests.
        .target(name: "ReadSideTestSupport", dependencies: [
            "WorkModel", "WorkQuery", "WorkIndex", "Unixref",
        ], path: "Tests/ReadSideTestSupport"),
        .testTarget(name: "WorkQueryTests", dependencies: ["WorkQuery", "WorkModel", "WorkIndex", "ReadSideTestSupport"]),
        .testTarget(name: "WorkIndexQueryTests", dependencies: [
            "WorkIndexQuery", "WorkQuery", "WorkModel", "WorkIndex", "ReadSideTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "WorksAPITests", dependencies: [
            "WorksAPI", "WorkIndexQuery", "WorkQuery", "WorkModel", "ReadSideTestSupport", "Notifications", "WorkIndex",
            "Kafka", "AsyncTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .testTarget(name: "NotificationsTests", dependencies: [
            "Notifications", "WorkIndex", "WorkIndexQuery", "WorkQuery", "WorkModel", "Kafka", "AsyncTestSupport",
            "Ingest", "ReadSideTestSupport", "SchemaTestSupport", "DepositTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "WorkIndexTests", dependencies: [
            "WorkIndex", "WorkModel", "AsyncTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Test-only: timeouts, waiting and child processes for async test steps, shared by the broker-driven test targets.
        .target(name: "AsyncTestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/AsyncTestSupport"),
        // Test-only: JSON Schema checks of topic values against Topics/schemas, shared by the event tests.
        .target(name: "SchemaTestSupport", path: "Tests/SchemaTestSupport"),
        // Test-only: hand-written member deposits, for the tests that index through the worker.
        .target(name: "DepositTestSupport", dependencies: ["Ingest", "Kafka", "AsyncTestSupport"], path: "Tests/DepositTestSupport"),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "AsyncTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "UnixrefTests", dependencies: ["Unixref", "WorkModel"], resources: [.copy("../Fixtures")]),
        // Integration tests: the pipeline and the real binary through the local broker and a real
        // SQLite file, and the HTTP read side over that file. Fixtures are read from Tests/Fixtures
        // through #filePath (no bundle copy).
        .testTarget(name: "IngestTests", dependencies: [
            "Ingest", "Kafka", "WorkIndex", "Unixref", "WorkModel", "AsyncTestSupport", "WorksAPI", "WorkIndexQuery",
            "Notifications", "SchemaTestSupport", "DepositTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
