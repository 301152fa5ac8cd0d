import Foundation
import Hummingbird
import HTTPTypes
import PaymentCore

/// The sandbox's one JSON dialect: sorted keys, so equal values give equal bytes (ETags,
/// idempotency fingerprints), and request bodies capped at 64 KiB.
enum JSONCoding {
    static let maximumBodyBytes = 64 * 1024

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Reads and decodes a request body: over 64 KiB is `413`, not JSON is `400 malformed_json`,
    /// JSON of the wrong shape is `422` naming the field.
    static func decodeBody<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodyBytes)
        } catch {
            throw SandboxError.tooLarge()
        }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw SandboxError.malformedJSON()
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SandboxError.validation([violation(for: error)])
        } catch {
            throw SandboxError.malformedJSON()
        }
    }

    private static func violation(for error: DecodingError) -> FieldViolation {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldViolation(field: path(context.codingPath, key), message: "Add this required field.")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return FieldViolation(field: path(context.codingPath), message: "This field has the wrong type: see API.md for its type.")
        case .dataCorrupted(let context):
            return FieldViolation(field: path(context.codingPath), message: "This value is not allowed here: see API.md for the values it takes.")
        @unknown default:
            return FieldViolation(field: "body", message: "The body does not have the shape API.md describes.")
        }
    }

    /// A JSON response with the given status.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        response(data: try encode(value), status: status, headers: headers)
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HTTPFields {
    /// The value of the field named `canonicalName` (lower case), for names HTTPTypes has no constant for.
    func value(named canonicalName: String) -> String? {
        first { $0.name.canonicalName == canonicalName }?.value
    }
}
