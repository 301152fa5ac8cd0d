import AsyncHTTPClient
import Foundation
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "openapi_spec_validator", file]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openapi-spec-validator: \(text) (install it with python3 -m pip install openapi-spec-validator)")
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
            #expect(served.count == 14)
            #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented))")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served))")
        }
    }
}
