/// API.md's one error shape: `{"error": {"code", "message", "fields"?}}`.
public struct APIErrorBody: Hashable, Sendable, Codable {
    public struct Detail: Hashable, Sendable, Codable {
        public var code: String
        public var message: String
        public var fields: [FieldViolation]?
        /// The first response, on a `409 already_replied`.
        public var response: PaymentReplyRecord?

        public init(code: String, message: String, fields: [FieldViolation]? = nil, response: PaymentReplyRecord? = nil) {
            self.code = code
            self.message = message
            self.fields = fields
            self.response = response
        }
    }

    public var error: Detail

    public init(code: String, message: String, fields: [FieldViolation]? = nil, response: PaymentReplyRecord? = nil) {
        error = Detail(code: code, message: message, fields: fields, response: response)
    }
}
