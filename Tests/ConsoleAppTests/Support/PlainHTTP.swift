import AsyncHTTPClient
import Foundation
import NIOCore

/// A Client's requests in a test: Basic auth, a JSON body, the status and body back.
struct PlainHTTP {
    struct Answer {
        var status: Int
        var body: String
    }

    func send(_ method: String, _ url: String, user: String, password: String, headers: [String: String] = [:],
              body: String? = nil) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return Answer(status: Int(response.status.code), body: String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
}
