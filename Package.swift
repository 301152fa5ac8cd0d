// swift-tools-version: 6.2
// quiqpay: a terminal console for Quiq's Custom Pay Framework.
// Module layout and the direction of dependencies are fixed by DESIGN.md:
// PaymentCore and Screen depend on nothing; everything else points at them.
import PackageDescription

/// Every target of ours builds in Swift 6 mode and treats any warning as an error.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "quiqpay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "quiqpay", targets: ["quiqpay"]),
        .library(name: "PaymentCore", targets: ["PaymentCore"]),
        .library(name: "QuiqClient", targets: ["QuiqClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        .target(name: "PaymentCore", swiftSettings: strict),
        .target(
            name: "QuiqClient",
            dependencies: [
                "PaymentCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "quiqpay",
            dependencies: [
                "PaymentCore",
                "QuiqClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PaymentCoreTests",
            dependencies: [
                "PaymentCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QuiqClientTests",
            dependencies: [
                "QuiqClient",
                "PaymentCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
