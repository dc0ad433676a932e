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
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .target(name: "WorkModel", swiftSettings: hotPath),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Unixref", dependencies: ["WorkModel", "CLibXML2", "CZlib"], swiftSettings: hotPath),
        .executableTarget(name: "deposit-indexer", dependencies: [
            "WorkModel", "Unixref",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "WorkModelTests", dependencies: ["WorkModel"]),
        .testTarget(name: "UnixrefTests", dependencies: ["Unixref", "WorkModel"], resources: [.copy("../Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
