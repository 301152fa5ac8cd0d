/// The one place that says which method and path each operation uses. API.md's paths are the
/// default; a user overrides any of them from the config file, so a real Quiq tenant whose
/// paths differ works without a rebuild.
public struct EndpointTable: Sendable, Hashable {
    private var endpoints: [Operation: Endpoint]

    /// API.md's agent side, exactly, and its public health check.
    public static let standard = EndpointTable(endpoints: [
        .createPayment: Endpoint(method: "POST", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests"),
        .listConversationPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/messaging/conversations/{conversationId}/payment-requests"),
        .listPayments: Endpoint(method: "GET", pathTemplate: "/api/v1/payment-requests"),
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

    /// This table with the given operations pointed elsewhere. Keys are operation names as in
    /// `Operation`; values are `"METHOD /path/{placeholder}"` or a bare path. An override must
    /// keep the placeholders the operation fills, or calls could not be addressed.
    public func overriding(_ overrides: [String: String]) throws(ConfigurationError) -> EndpointTable {
        var table = self
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let operation = Operation(rawValue: name) else {
                throw .unknownOperation(name, known: Operation.allCases.map(\.rawValue))
            }
            let standard = self[operation]
            let endpoint = try Endpoint(parsing: text, defaultMethod: standard.method)
            let missing = Set(standard.placeholders).subtracting(endpoint.placeholders)
            if let first = missing.sorted().first {
                throw .invalidEndpoint(text, reason: "it must contain {\(first)}")
            }
            table.endpoints[operation] = endpoint
        }
        return table
    }
}
