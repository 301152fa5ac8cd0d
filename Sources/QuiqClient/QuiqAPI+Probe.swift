import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PaymentCore

/// What one probe of `quiqpay doctor` heard: the status and what a diagnosis needs of the
/// answer (the `Date` header for the clock, API.md's error code and sentence to tell a missing
/// route from a missing resource). Never the body itself, which could hold anything.
public struct ProbeAnswer: Sendable, Hashable {
    public var status: Int
    /// The `Date` header, as sent.
    public var date: String?
    /// API.md's `error.code` and `error.message`, when the body has that shape.
    public var errorCode: String?
    public var errorMessage: String?
    /// When the request left and when its answer was in, to place `date` between them.
    public var sentAt: Date
    public var answeredAt: Date

    public init(status: Int, date: String? = nil, errorCode: String? = nil, errorMessage: String? = nil,
                sentAt: Date = Date(), answeredAt: Date = Date()) {
        self.status = status
        self.date = date
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.sentAt = sentAt
        self.answeredAt = answeredAt
    }
}

extension QuiqAPI {
    /// Sends `endpoint` once, with this client's key, connection pool and TLS, and returns the
    /// answer whatever its status: `quiqpay doctor` asks whether a route is there, so a 404 or a
    /// 403 is a finding, not a failure. Only a transport failure throws (`unreachable`,
    /// `timedOut`), with the same sentence every other call gives.
    public func probe(_ endpoint: Endpoint, _ parameters: [String: String] = [:], query: [(String, String)] = [],
                      body: Data? = nil) async throws(QuiqClientError) -> ProbeAnswer {
        var request = makeRequest(endpoint, parameters, query: query, hasBody: body != nil, userAgent: "quiqpay-doctor")
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let sentAt = Date()
        do {
            let response = try await http.execute(request, timeout: .milliseconds(Int64(options.timeout * 1000)))
            let buffer = try await response.body.collect(upTo: 1 << 20)
            let parsed = try? JSONDecoder().decode(APIErrorBody.self, from: Data(buffer.readableBytesView))  // not API.md's shape: no code to compare
            return ProbeAnswer(status: Int(response.status.code), date: response.headers.first(name: "Date"),
                               errorCode: parsed?.error.code, errorMessage: parsed?.error.message,
                               sentAt: sentAt, answeredAt: Date())
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .timedOut(baseURL: displayURL, seconds: options.timeout)
        } catch {
            throw .unreachable(baseURL: displayURL, reason: QuiqAPI.reason(error), retryIn: nil)
        }
    }
}
