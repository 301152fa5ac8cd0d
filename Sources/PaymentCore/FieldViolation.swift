/// A rule of API.md that a field breaks, with the field's path as the API names it
/// (`lineItems[2].quantity`) so the console can show it beside the field and the sandbox
/// can return it in a `422`.
public struct FieldViolation: Hashable, Sendable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
