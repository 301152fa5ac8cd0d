import ConsoleUI
import Foundation
import PaymentCore
import Screen

/// Fixed states for tests: a fixed clock (2027-01-15 08:00:00 UTC) so renders never vary.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let sizes = [Size(rows: 24, cols: 80), Size(rows: 40, cols: 120), Size(rows: 12, cols: 40)]

    static func state(_ size: Size = Size(rows: 24, cols: 80)) -> AppState {
        AppState(size: size, now: now, status: StatusInfo(mode: .sandbox, site: "sandbox (local)"),
                 themeName: "default", themeNames: ["default", "dracula", "high-contrast", "light", "monochrome", "nord"])
    }

    static func payments(_ count: Int) -> [PaymentRow] {
        let statuses = PaymentStatus.allCases
        let currencies: [Currency] = [.usd, Currency(code: "JPY") ?? .usd, Currency(code: "KWD") ?? .usd]
        return (0..<count).map { i in
            PaymentRow(id: "p\(i)", status: statuses[i % statuses.count],
                       amount: Money(minorUnits: Int64(1_250 + i * 1_001), currency: currencies[i % currencies.count]),
                       description: i % 4 == 3 ? "注文 \(i): 日本のウィジェット 🎁" : "Order \(i): widgets and gadgets",
                       createdAt: now.addingTimeInterval(Double(-i * 97)))
        }
    }

    /// Applies actions in order, ignoring effects.
    static func after(_ actions: [Action], from state: AppState) -> AppState {
        actions.reduce(state) { reduce($0, $1).0 }
    }
}
