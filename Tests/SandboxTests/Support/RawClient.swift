import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import Sandbox

/// The `quiqpay` executable built next to this test bundle, run as a real subprocess.
enum QuiqpayBinary {
    static var path: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("quiqpay").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = FileManager.default.currentDirectoryPath + "/.build/debug/quiqpay"
        return FileManager.default.isExecutableFile(atPath: fallback) ? fallback : nil
    }

    struct Launched {
        let process: Process
        let baseURL: String
    }

    /// Starts `quiqpay sandbox --port 0` and waits for the line with its base URL.
    static func launchSandbox(_ binary: String, dataDirectory: String) async throws -> Launched {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sandbox", "--port", "0", "--data-dir", dataDirectory, "--log-level", "error"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = output.fileHandleForReading
        let line = await Task.detached {
            var buffer = Data()
            while !buffer.contains(UInt8(ascii: "\n")) {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
            }
            return String(decoding: buffer, as: UTF8.self)
        }.value
        guard let range = line.range(of: "http://") else {
            process.send(signal: SIGKILL)
            throw HarnessError.unexpected(0, "quiqpay sandbox printed no base URL: \(line)")
        }
        let url = String(line[range.lowerBound...].prefix { !$0.isWhitespace })
        return Launched(process: process, baseURL: url)
    }

    static func credentials(_ directory: String) throws -> SandboxCredentials {
        try JSONDecoder().decode(SandboxCredentials.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/sandbox.json")))
    }
}

extension Process {
    func send(signal: Int32) {
        if isRunning { kill(processIdentifier, signal) }
    }
}

/// A client for a sandbox known only by its base URL and credentials (the subprocess).
struct RawClient {
    let baseURL: String
    let credentials: SandboxCredentials

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
