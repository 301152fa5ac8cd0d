import ConsoleUI
import Foundation
import QuiqClient

/// What the console needs to run the supervisor board: the platform's client and journal,
/// and how the board was asked for (`quiqpay board --readonly` opens on it, read-only).
struct BoardSetup {
    var api: QuiqAPI?
    var journal: Journal?
    var platform: String
    var status: StatusInfo
    var readOnly: Bool
    var opensOnBoard: Bool
    /// Why there is no client, as the board shows it.
    var unavailable: String?

    func makePoller(send: @escaping @Sendable (Action) -> Void) -> BoardPoller? {
        api.map { BoardPoller(api: $0, journal: journal, platform: platform, send: send) }
    }

    /// The board of a running console: its own client (the poller owns and closes it), the
    /// console's journal, and the console's platform.
    static func from(services: ConsoleServices, readOnly: Bool, opensOnBoard: Bool) -> BoardSetup {
        let api = QuiqAPI(options: services.configuration.apiOptions(retry: RetryPolicy(maxAttempts: 2)))
        let status = StatusInfo(mode: services.mode, site: services.siteLabel, connection: .connecting)
        return BoardSetup(api: api, journal: services.journal, platform: services.configuration.platformName,
                          status: status, readOnly: readOnly, opensOnBoard: opensOnBoard, unavailable: nil)
    }
}
