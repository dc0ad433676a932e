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
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .target(name: "WorkModel", swiftSettings: hotPath),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
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
        .executableTarget(name: "deposit-indexer", dependencies: [
            "WorkModel", "Unixref", "Kafka", "WorkIndex", "Ingest",
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "WorkModelTests", dependencies: ["WorkModel"]),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "UnixrefTests", dependencies: ["Unixref", "WorkModel"], resources: [.copy("../Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
