import Foundation

/// The one place that says which method and path each operation uses. API.md's paths are the
/// default; a user overrides any of them from the config file, so a real Quiq tenant whose
/// paths differ works without a rebuild, and turns off an optional one (`off`) that the
/// tenant lacks.
public struct EndpointTable: Sendable, Hashable {
    private var endpoints: [Operation: Endpoint]
    private var disabled: Set<Operation> = []

    /// The value of an override that turns an operation off.
    public static let off = "off"

    /// API.md's agent side, exactly, and its public health check.
    public static let standard = EndpointTable(endpoints: [
        .createPayment: Endpoint(method: "POST", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests"),
        .listConversationPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests"),
        .listPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests"),
        .listPaymentChanges: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests"),
        .getPayment: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests/{id}"),
        .cancelPayment: Endpoint(method: "POST", pathTemplate: "/api/v1/payment-requests/{id}/cancel"),
        .getConversation: Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/conversations/{conversationId}"),
        .getSettings: Endpoint(method: "GET", pathTemplate: "/api/v1/payments/settings"),
        .putSettings: Endpoint(method: "PUT", pathTemplate: "/api/v1/payments/settings"),
        .health: Endpoint(method: "GET", pathTemplate: "/healthz"),
    ])

    private init(endpoints: [Operation: Endpoint]) {
        self.endpoints = endpoints
    }

    public subscript(operation: Operation) -> Endpoint {
        // Every operation has an entry in `standard` and overrides only replace entries.
        endpoints[operation] ?? Endpoint(method: "GET", pathTemplate: "/")
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
            table.endpoints[operation] = endpoint
            table.disabled.remove(operation)
        }
        return table
    }
}
