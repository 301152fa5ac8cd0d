import AsyncHTTPClient
import Foundation
import TestSupport
import Testing
@testable import Sandbox

@Suite("Contract")
struct ContractTests {
    @Test("the served openapi.yaml is valid OpenAPI 3.1 for openapi-spec-validator")
    func openAPIValidates() async throws {
        try await withSandbox { sandbox in
            let reply = try await sandbox.send(.GET, "/api/v1/openapi.yaml")
            #expect(reply.status == 200)
            #expect(reply.text.hasPrefix("openapi: 3.1"))
            let file = temporaryDirectory() + "/openapi.yaml"
            try reply.body.write(to: URL(fileURLWithPath: file))
            // The validator is a required tool: missing, this test fails (never skips).
            let python = try #require(TestTools.python, "\(TestTools.pythonMissing)")
            let result = try await ChildProcess.run(python, ["-m", "openapi_spec_validator", file], timeout: .seconds(120))
            #expect(result.status == 0, "openapi-spec-validator: \(result.output) (.ci/test installs it in \(TestTools.virtualEnvironment))")
        }
    }

    @Test("every route served is in openapi.yaml, and every path and method of openapi.yaml is served")
    func routesMatchSpec() async throws {
        try await withSandbox { sandbox in
            let yaml = try await sandbox.send(.GET, "/api/v1/openapi.yaml").text
            var documented: Set<String> = []
            var currentPath: String?
            var inPaths = false
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "paths:" { inPaths = true; continue }
                if inPaths, let first = line.first, first != " " { inPaths = false }
                guard inPaths else { continue }
                if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                    currentPath = String(line.dropFirst(2).dropLast())
                } else if let currentPath, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                    let method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
                    if ["GET", "POST", "PUT", "DELETE", "PATCH"].contains(method) { documented.insert("\(method) \(currentPath)") }
                }
            }
            let served = Set(sandbox.sandbox.routeNames)
            #expect(served.count == 15)
            #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        }
    }
}
