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

    /// Resolves the configuration as every command does; a failure leaves the board saying why.
    static func resolve(site: String? = nil, dataDirectory: String? = nil, config: String? = nil,
                        readOnly: Bool, opensOnBoard: Bool) -> BoardSetup {
        let flags = ConsoleConfiguration.Flags(site: site, dataDirectory: dataDirectory, configFile: config)
        let configuration: ConsoleConfiguration
        do {
            configuration = try ConsoleConfiguration.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        } catch {
            return BoardSetup(api: nil, journal: nil, platform: "", status: StatusInfo(), readOnly: readOnly,
                              opensOnBoard: opensOnBoard, unavailable: error.description)
        }
        let journal = try? Journal(path: configuration.journalPath)
        let api = QuiqAPI(options: configuration.apiOptions(retry: RetryPolicy(maxAttempts: 2)))
        let status: StatusInfo = switch configuration.mode {
        case .live(let site): StatusInfo(mode: .live, site: site, connection: .connecting)
        case .sandbox: StatusInfo(mode: .sandbox, site: "sandbox \(api.displayURL)", connection: .connecting)
        }
        return BoardSetup(api: api, journal: journal, platform: configuration.platformName, status: status,
                          readOnly: readOnly, opensOnBoard: opensOnBoard, unavailable: nil)
    }
}
