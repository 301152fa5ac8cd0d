import Foundation

/// The one place that says which method and path each operation uses. API.md's paths are the
/// default; a user overrides any of them from the config file, so a real Quiq tenant whose
/// paths differ works without a rebuild, and turns off an optional one (`off`) that the
/// tenant lacks.
public struct EndpointTable: Sendable, Hashable {
    /// Operations pointed elsewhere by the config file; every other one uses `standard(_:)`.
    private var overrides: [Operation: Endpoint] = [:]

    /// API.md's agent side, exactly, and its public health check.
    public static let standard = EndpointTable()
    /// Operations the config turned off (`off`): callers take their fallback without asking.
    private var disabled: Set<Operation> = []

    /// The value of an override that turns an operation off.
    public static let off = "off"

    private init() {}

    /// Where API.md puts `operation`: a switch, so a new operation cannot lack a path.
    public static func standard(_ operation: Operation) -> Endpoint {
        switch operation {
        case .createPayment: Endpoint(method: "POST", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests")
        case .listConversationPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests")
        case .listPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests")
        case .listPaymentChanges: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests")
        case .getPayment: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests/{id}")
        case .cancelPayment: Endpoint(method: "POST", pathTemplate: "/api/v1/payment-requests/{id}/cancel")
        case .resendLink: Endpoint(method: "POST", pathTemplate: "/api/v1/payment-requests/{id}/resend")
        case .getConversation: Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/conversations/{conversationId}")
        case .getSettings: Endpoint(method: "GET", pathTemplate: "/api/v1/payments/settings")
        case .putSettings: Endpoint(method: "PUT", pathTemplate: "/api/v1/payments/settings")
        case .health: Endpoint(method: "GET", pathTemplate: "/healthz")
        }
    }

    public subscript(operation: Operation) -> Endpoint {
        overrides[operation] ?? Self.standard(operation)
    }

    /// Whether the config turned the operation off; a caller then takes its fallback
    /// (for the changes feed: paging the whole list) without asking the platform.
    public func isDisabled(_ operation: Operation) -> Bool {
        disabled.contains(operation)
    }

    /// This table with the given operations pointed elsewhere. Keys are operation names as in
    /// `Operation`; values are `"METHOD /path/{placeholder}"`, a bare path, or `off` for an
    /// operation that has a fallback (`Operation.canBeTurnedOff`). An override must keep the
    /// placeholders the operation fills, or calls could not be addressed.
    public func overriding(_ overrides: [String: String]) throws(ConfigurationError) -> EndpointTable {
        var table = self
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let operation = Operation(rawValue: name) else {
                throw .unknownOperation(name, known: Operation.allCases.map(\.rawValue))
            }
            if text.trimmingCharacters(in: .whitespaces).lowercased() == Self.off {
                guard operation.canBeTurnedOff else {
                    throw .invalidEndpoint(text, reason: "only \(Operation.allCases.filter(\.canBeTurnedOff).map(\.rawValue).joined(separator: ", ")) can be turned off")
                }
                table.disabled.insert(operation)
                continue
            }
            let standard = self[operation]
            let endpoint = try Endpoint(parsing: text, defaultMethod: standard.method)
            let missing = Set(standard.placeholders).subtracting(endpoint.placeholders)
            if let first = missing.sorted().first {
                throw .invalidEndpoint(text, reason: "it must contain {\(first)}")
            }
            table.overrides[operation] = endpoint
            table.disabled.remove(operation)
        }
        return table
    }
}
