import Foundation
import QuiqClient

/// How `quiqpay doctor` asks each operation of the endpoint table whether its route is there
/// without changing anything: reads as they are, and writes in a form every platform refuses
/// before acting (a JSON array where an object belongs, an id no payment has).
enum RouteCheck {
    /// An id no payment or conversation has: lower-case, as API.md's ids are.
    static let unknownId = "00000000-0000-4000-8000-000000000000"

    /// A path no platform serves, asked once per method: its 404 is what "no such route"
    /// sounds like here, told apart from "no such payment" by API.md's error code and sentence.
    static func control(method: String) -> Endpoint {
        Endpoint(method: method, pathTemplate: "/api/v1/quiqpay-doctor-no-such-route")
    }

    /// The request that probes `operation`: its parameters, query and body.
    struct Request {
        var parameters: [String: String] = [:]
        var query: [(String, String)] = []
        var body: Data?
    }

    static func request(for operation: QuiqClient.Operation, conversationId: String?) -> Request {
        let conversation = ["conversationId": conversationId ?? unknownId]
        switch operation {
        case .createPayment: return Request(parameters: conversation, body: Data("[]".utf8))
        case .listConversationPayments, .getConversation: return Request(parameters: conversation)
        case .listPayments: return Request(query: [("limit", "1")])
        case .listPaymentChanges: return Request(query: [("changedSince", "0"), ("limit", "1")])
        case .getPayment: return Request(parameters: ["id": unknownId])
        case .cancelPayment, .resendLink: return Request(parameters: ["id": unknownId], body: Data())
        case .putSettings: return Request(body: Data("[]".utf8))
        case .getSettings, .health: return Request()
        }
    }

    /// The finding for `answer`, compared with the `control` path's answer for the same method.
    static func classify(_ operation: QuiqClient.Operation, endpoint: Endpoint, answer: ProbeAnswer, control: ProbeAnswer?,
                         overridden: Bool, configPath: String) -> DoctorCheck {
        let name = "route.\(operation.rawValue)"
        let status = answer.status
        switch status {
        case 200..<300, 304:
            return .pass(name, "\(endpoint) answers (HTTP \(status))")
        case 404 where isLikeMissingRoute(answer, control: control):
            let whereFrom = overridden ? "as endpoints.\(operation.rawValue) in \(configPath) says" : "docs/API.md's path"
            return .fail(name, "\(endpoint) (\(whereFrom)) answers HTTP 404 like a path that does not exist: the route is moved or missing",
                         fix: "set endpoints.\(operation.rawValue) in \(configPath) to where the platform serves it"
                            + (overridden ? " (docs/API.md: \(EndpointTable.standard(operation)))" : ""))
        case 404:
            return .pass(name, "\(endpoint) is there (HTTP 404 for an id nothing has)")
        case 405:
            return .fail(name, "\(endpoint): the path exists but does not take \(endpoint.method) (HTTP 405)",
                         fix: "set the method in endpoints.\(operation.rawValue) in \(configPath), e.g. \(EndpointTable.standard(operation))")
        case 400..<500:
            return .pass(name, "\(endpoint) is there (HTTP \(status) to a probe that changes nothing)")
        default:
            return .fail(name, "\(endpoint) failed with HTTP \(status)",
                         fix: "the platform failed: try again in a minute, and tell its operator if it persists", .unreachable)
        }
    }

    /// A 404 that says no more than a path no platform serves: no API.md error body, or the
    /// same code and sentence as the control path's.
    static func isLikeMissingRoute(_ answer: ProbeAnswer, control: ProbeAnswer?) -> Bool {
        guard answer.errorCode != nil else { return true }
        guard let control, control.status == 404 else { return false }
        return control.errorCode == answer.errorCode && control.errorMessage == answer.errorMessage
    }
}
