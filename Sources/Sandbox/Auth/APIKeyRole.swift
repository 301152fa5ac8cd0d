/// What an API key may do (API.md): agents create, list, cancel and read conversations; Clients
/// read and reply to custom interactions; admins change settings. A key used outside its role is a 403.
public enum APIKeyRole: String, Sendable, Codable, CaseIterable {
    case agent, client, admin
}
