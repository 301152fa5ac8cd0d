import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What the processor said to a charge (step 6), as the Client's back end acts on it.
enum ProcessorAnswer: Sendable, Hashable {
    /// Decided by the card network: approved, declined or insufficient funds. `replayed` when the
    /// idempotency key had been charged before and this is the first charge again.
    case charged(ProcessorCharge, replayed: Bool)
    /// The processor did not answer in time; reported to the platform as a failure.
    case timedOut
    /// Refused before reaching the card network (the token's rules); nothing was charged.
    case refused(code: String)
    /// The processor refused our secret key (401/403): the descriptor is wrong; nothing was charged.
    case credentialsRefused
    /// No usable answer (down, or an answer it should not give); nothing is known to be charged.
    case unavailable(status: Int?)
}

/// The Client back end's side of the processor's API: one call, `POST /v1/charges`, with the
/// secret key, never from the browser.
struct ProcessorClient: Sendable {
    let baseURL: String
    let publishableKey: String
    private let authorization: Redacted
    private let http: HTTPClient
    /// How long the Client waits for the processor before it counts the charge as timed out.
    static let timeout: TimeAmount = .seconds(20)

    init(_ descriptor: ProcessorDescriptor, http: HTTPClient = .shared) {
        baseURL = descriptor.baseUrl
        publishableKey = descriptor.publishableKey
        authorization = Redacted("Bearer " + descriptor.secretKey)
        self.http = http
    }

    /// The processor's origin, for the payment page's `form-action`.
    var origin: String { WebOrigin.of(baseURL) ?? baseURL }

    /// Charges `amount` of `currency` on the payment-method token, idempotently by payment id.
    func charge(paymentMethod: String, paymentId: String, amount: Int64, currency: String) async -> ProcessorAnswer {
        struct Body: Encodable {
            var paymentMethod: String
            var paymentId: String
            var amount: Int64
            var currency: String
        }
        var request = HTTPClientRequest(url: baseURL + ProcessorRoutes.chargePath)
        request.method = .POST
        request.headers.add(name: "Authorization", value: authorization.value)
        request.headers.add(name: "Idempotency-Key", value: paymentId)
        request.headers.add(name: "Content-Type", value: "application/json")
        guard let body = try? JSONEncoder().encode(Body(paymentMethod: paymentMethod, paymentId: paymentId, amount: amount, currency: currency)) else {
            return .unavailable(status: nil)  // Four plain fields always encode; this is unreachable.
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let data: Data
        let replayed: Bool
        do {
            let response = try await http.execute(request, timeout: ProcessorClient.timeout)
            status = Int(response.status.code)
            replayed = response.headers.first(name: "Idempotent-Replayed") == "true"
            data = Data(try await response.body.collect(upTo: 1 << 16).readableBytesView)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return .timedOut
        } catch {
            return .unavailable(status: nil)
        }
        switch status {
        case 200:
            guard let charge = try? JSONDecoder().decode(ProcessorCharge.self, from: data) else { return .unavailable(status: status) }
            return .charged(charge, replayed: replayed)
        case 504:
            return .timedOut
        case 401, 403:
            return .credentialsRefused
        case 404, 409, 410, 422:
            let code = (try? JSONDecoder().decode(ProcessorRoutes.ErrorBody.self, from: data))?.error.code ?? "refused"
            return .refused(code: code)
        default:
            return .unavailable(status: status)
        }
    }
}
