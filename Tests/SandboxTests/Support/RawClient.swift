import QuiqpayFiles
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
@testable import Sandbox

extension SandboxProcess {
    /// `sandbox.json` as the sandbox's own type.
    func sandboxCredentials() throws -> SandboxDescriptor {
        try JSONDecoder().decode(SandboxDescriptor.self, from: Data(contentsOf: URL(fileURLWithPath: credentialsPath)))
    }
}

/// A client for a sandbox known only by its base URL and credentials (the subprocess).
struct RawClient {
    let baseURL: String
    let credentials: SandboxDescriptor

    func send(_ method: HTTPMethod, _ path: String, role: APIKeyRole, json: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        let key = credentials.keys[role.rawValue]
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(key?.identity ?? ""):\(key?.secret ?? "")".utf8).base64EncodedString())
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await testHTTPClient.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }
}
