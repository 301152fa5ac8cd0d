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
        // Pure values shared by the console and the terminal: Frame, Cell, Role, KeyEvent, Theme.
        .target(name: "Screen", swiftSettings: strict),
        // ncursesw and a shim for the macros Swift cannot import; only Terminal imports it.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The only code that calls ncurses: Frame -> screen, keys -> KeyEvent, resize, signals.
        .target(name: "Terminal", dependencies: ["Screen", "CNcursesw"], swiftSettings: strict),
        // Pure console: AppState, Action, reduce, render, key maps, widgets.
        .target(name: "ConsoleUI", dependencies: ["PaymentCore", "Screen"], swiftSettings: strict),
        .executableTarget(
            name: "quiqpay",
            dependencies: [
                "PaymentCore",
                "Screen",
                "Terminal",
                "ConsoleUI",
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
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "Screen", "PaymentCore"], exclude: ["__Snapshots__"], swiftSettings: strict),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Screen", "CNcursesw", "ConsoleUI"], swiftSettings: strict),
    ]
)
