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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "PaymentCore", swiftSettings: strict),
        .executableTarget(
            name: "quiqpay",
            dependencies: [
                "PaymentCore",
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
    ]
)
