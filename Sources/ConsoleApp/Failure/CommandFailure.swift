import Foundation
import MerchantDemo
import PaymentCore
import QuiqClient

/// A failure as a command reports it: the sentence to show, the exit code scripts rely on
/// (1 the platform said no, 2 bad input, 3 the platform is unreachable) and a stable code for
/// `--json`. Every library's errors are classified here, once, for the commands and `doctor`.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var code: Int32
    public var errorCode: String?

    public var description: String { message }

    public init(message: String, code: Int32, errorCode: String? = nil) {
        self.message = message
        self.code = code
        self.errorCode = errorCode
    }

    public static let refused: Int32 = 1
    public static let badInput: Int32 = 2
    public static let unreachable: Int32 = 3

    public static func badInput(_ message: String) -> CommandFailure {
        CommandFailure(message: message, code: badInput)
    }

    /// Maps an error of the client, the configuration or the journal to its sentence and code.
    public init(_ error: any Error, sandbox: Bool = false) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as QuiqClientError:
            if error.isUnreachable, sandbox, case .unreachable(let url, _, _) = error {
                self.init(message: "No sandbox is running at \(url): start one with `quiqpay sandbox` or set QUIQ_SITE.",
                          code: Self.unreachable, errorCode: "unreachable")
            } else if case .certificate = error {
                self.init(message: error.description, code: Self.unreachable, errorCode: "certificate")
            } else if case .rejected(_, let code, _, _) = error {
                self.init(message: error.description, code: Self.refused, errorCode: code)
            } else {
                self.init(message: error.description, code: error.isUnreachable ? Self.unreachable : Self.refused,
                          errorCode: error.isUnreachable ? "unreachable" : error.status.map { "http_\($0)" })
            }
        case let error as ResendError:
            switch error {
            case .notActive: self.init(message: error.description, code: Self.refused, errorCode: "not_active")
            case .tooSoon: self.init(message: error.description, code: Self.refused, errorCode: "too_soon")
            case .failed(let client): self.init(client, sandbox: sandbox)
            }
        case let error as ConfigurationError:
            switch error {
            case .noSandbox, .invalidSandboxFile:
                self.init(message: error.description, code: Self.unreachable, errorCode: "no_sandbox")
            default:
                self.init(message: error.description, code: Self.badInput, errorCode: "configuration")
            }
        case let error as ConsoleStartError:
            switch error {
            case .configuration(let configuration): self.init(configuration, sandbox: sandbox)
            case .sandbox: self.init(message: error.description, code: Self.unreachable, errorCode: "sandbox")
            case .referenceClient: self.init(message: error.description, code: Self.unreachable, errorCode: "merchant")
            case .terminal: self.init(message: error.description, code: Self.badInput, errorCode: "terminal")
            }
        case let error as DuplicatePaymentError:
            self.init(message: error.description, code: Self.refused, errorCode: "duplicate")
        case let error as DraftFlagsError:
            self.init(message: error.description, code: Self.badInput)
        case let error as MerchantLaunchError:
            switch error {
            case .sandboxFile: self.init(message: error.description, code: Self.badInput, errorCode: "sandbox_file")
            case .secret, .noClientKey, .caFile: self.init(message: error.description, code: Self.badInput)
            case .processorFile: self.init(message: error.description, code: Self.badInput, errorCode: "processor_file")
            case .start: self.init(message: error.description, code: Self.badInput, errorCode: "merchant")
            case .registration: self.init(message: error.description, code: Self.unreachable, errorCode: "registration")
            }
        case let error as ProcessorLaunchError:
            switch error {
            case .start: self.init(message: error.description, code: Self.badInput, errorCode: "processor")
            case .descriptor: self.init(message: error.description, code: Self.badInput, errorCode: "descriptor")
            }
        case let error as JournalError:
            self.init(message: error.description, code: Self.refused, errorCode: "journal")
        default:
            self.init(message: "\(error)", code: Self.refused)
        }
    }
}
