// swift-tools-version: 6.2
// quiqpay: a terminal console for Quiq's Custom Pay Framework.
// Module layout and the direction of dependencies: docs/ARCHITECTURE.md.
// PaymentCore, Screen and QuiqpayFiles depend on nothing of ours; the arrows point one way,
// down to them; the executable holds commands only.
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
        .library(name: "Sandbox", targets: ["Sandbox"]),
        .library(name: "MerchantDemo", targets: ["MerchantDemo"]),
        .library(name: "ConsoleApp", targets: ["ConsoleApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        .target(name: "PaymentCore", swiftSettings: strict),
        // Where every file lives (DataPaths) and the one model of sandbox.json.
        .target(name: "QuiqpayFiles", swiftSettings: strict),
        // glibc's malloc_trim, which Swift's Glibc module does not export.
        .target(name: "CMallocTrim"),
        .target(
            name: "QuiqClient",
            dependencies: [
                "CMallocTrim",
                "PaymentCore",
                "QuiqpayFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Hummingbird servers without its per-second date timer: the sandbox, Client and processor.
        .target(
            name: "Serving",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Sandbox",
            dependencies: [
                "PaymentCore",
                "QuiqpayFiles",
                "Serving",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Resources/openapi.yaml"],
            swiftSettings: strict,
            plugins: ["EmbedFiles"]
        ),
        .target(
            name: "MerchantDemo",
            dependencies: [
                "PaymentCore",
                "QuiqpayFiles",
                "Serving",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        // Pure values shared by the console and the terminal: Frame, Cell, Role, KeyEvent, Theme.
        .target(name: "Screen", swiftSettings: strict, plugins: ["EmbedFiles"]),
        // Compiles Themes/*.yaml, openapi.yaml and the git commit into Swift string literals,
        // so the binary is one self-contained file (no resource bundle beside it).
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(name: "EmbedFilesTool", swiftSettings: strict),
        // ncursesw and a shim for the macros Swift cannot import; only Terminal imports it.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The only code that calls ncurses: Frame -> screen, keys -> KeyEvent, resize, signals.
        .target(name: "Terminal", dependencies: ["Screen", "CNcursesw"], swiftSettings: strict),
        // Pure console: AppState, Action, reduce, render, key maps, widgets.
        .target(name: "ConsoleUI", dependencies: ["PaymentCore", "Screen"], swiftSettings: strict),
        // The console's runtime: the UI loop, the one effect performer, the health reports,
        // the board feed, the embedded platform and the demo's autopilot.
        .target(
            name: "ConsoleApp",
            dependencies: [
                "PaymentCore", "QuiqpayFiles", "QuiqClient", "Sandbox", "MerchantDemo", "Screen", "Terminal", "ConsoleUI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // `quiqpay bench`: load generators and timings, kept out of the product's commands.
        .target(
            name: "BenchCommands",
            dependencies: [
                "PaymentCore", "QuiqpayFiles", "QuiqClient", "Sandbox", "ConsoleApp", "ConsoleUI", "Screen", "Terminal",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "quiqpay",
            dependencies: [
                "PaymentCore", "QuiqpayFiles", "QuiqClient", "Sandbox", "MerchantDemo", "ConsoleApp", "BenchCommands",
                "Screen", "ConsoleUI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            plugins: ["EmbedFiles"]
        ),
        // Helpers shared by the test targets that run the real executable.
        .target(name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")],
                path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(
            name: "SandboxTests",
            dependencies: [
                "TestSupport",
                "QuiqpayFiles",
                "Sandbox",
                "PaymentCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MerchantDemoTests",
            dependencies: [
                "TestSupport",
                "QuiqpayFiles",
                "MerchantDemo",
                "Sandbox",
                "PaymentCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
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
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "Screen", "PaymentCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["__Snapshots__"], swiftSettings: strict),
        .testTarget(
            name: "TerminalTests",
            dependencies: [
                "TestSupport",
                "Terminal", "Screen", "CNcursesw", "ConsoleUI", "PaymentCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ConsoleAppTests",
            dependencies: [
                "ConsoleApp", "ConsoleUI", "Screen", "Terminal", "QuiqClient", "QuiqpayFiles", "Sandbox", "MerchantDemo", "PaymentCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QuiqClientTests",
            dependencies: [
                "TestSupport",
                "QuiqpayFiles",
                "QuiqClient",
                "PaymentCore",
                "Sandbox",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
    ]
)
