import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import QuiqpayFiles
import Sandbox

/// `quiqpay bench sandbox`: the Client read of a payment against `/healthz` on one sandbox,
/// at a fixed 500 req/s and at the maximum rate, from a load generator on loopback.
struct SandboxBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Requests per second and p50/p99 of GET custom-interactions/{token} against GET /healthz.")

    @Option(help: "Seconds per measurement.")
    var seconds: Double = 5

    @Option(help: "Requests per second of the fixed-rate runs.")
    var rate: Int = 500

    @Option(help: "Concurrent connections of the maximum-rate runs.")
    var concurrency: Int = 16

    @Option(name: .customLong("credentials"), help: "A running sandbox's sandbox.json; without it, an in-memory sandbox is started in this process.")
    var credentialsFile: String?

    func run() async throws {
        var logger = Logger(label: "quiqpay.bench")
        logger.logLevel = .critical
        let bench = try await BenchSandbox.attach(credentialsFile: credentialsFile, logger: logger)
        let sandbox = bench.started
        let credentials = bench.credentials
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(concurrency, 64)
        configuration.tlsConfiguration = try bench.trust().clientConfiguration
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let token = try await createPayment(client: client, credentials: credentials)
            let tokenURL = credentials.baseUrl + "/api/v1/messaging/custom-interactions/" + token
            let healthURL = credentials.baseUrl + "/healthz"
            let auth = "Basic " + Data("\(credentials.client?.identity ?? ""):\(credentials.client?.secret ?? "")".utf8).base64EncodedString()
            say("quiqpay bench sandbox: \(credentials.baseUrl), \(seconds) s per run")
            // Warm up connections and caches.
            _ = try await maxRate(client: client, url: healthURL, auth: nil, seconds: 1)
            _ = try await maxRate(client: client, url: tokenURL, auth: auth, seconds: 1)

            let fixedHealth = try await fixedRate(client: client, url: healthURL, auth: nil)
            let fixedToken = try await fixedRate(client: client, url: tokenURL, auth: auth)
            let maxHealth = try await maxRate(client: client, url: healthURL, auth: nil, seconds: seconds)
            let maxToken = try await maxRate(client: client, url: tokenURL, auth: auth, seconds: seconds)
            say(fixedHealth.line("healthz @\(rate)/s"))
            say(fixedToken.line("token   @\(rate)/s"))
            say(maxHealth.line("healthz max"))
            say(maxToken.line("token   max"))
            say(String(format: "ratio token/healthz rps at max rate: %.3f", maxToken.rps / max(maxHealth.rps, 1)))
        } catch {
            try? await client.shutdown()
            await sandbox?.stop()
            throw error
        }
        try await client.shutdown()
        await sandbox?.stop()
    }

    struct Result {
        var latencies: [Double]
        var errors: Int
        var elapsed: Double
        var rps: Double { Double(latencies.count) / elapsed }

        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            let sorted = latencies.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }

        func line(_ name: String) -> String {
            String(format: "%@  %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  errors %d", name, rps, percentile(0.5), percentile(0.99), errors)
        }
    }

    private func request(_ client: HTTPClient, url: String, auth: String?) async -> Bool {
        var request = HTTPClientRequest(url: url)
        if let auth { request.headers.add(name: "Authorization", value: auth) }
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return response.status == .ok
        } catch {
            return false
        }
    }

    /// Open loop: request i is due at start + i/rate; its latency counts from when it was due,
    /// so a stall shows in the percentiles instead of hiding (no coordinated omission).
    private func fixedRate(client: HTTPClient, url: String, auth: String?) async throws -> Result {
        let total = Int(Double(rate) * seconds)
        let clock = ContinuousClock()
        let start = clock.now
        return await withTaskGroup(of: (Double, Bool).self) { group in
            for index in 0..<total {
                let due = start + .nanoseconds(Int64(Double(index) / Double(rate) * 1e9))
                try? await clock.sleep(until: due)
                group.addTask {
                    let ok = await request(client, url: url, auth: auth)
                    return (Self.milliseconds(clock.now - due), ok)
                }
            }
            var result = Result(latencies: [], errors: 0, elapsed: 0)
            for await (latency, ok) in group {
                if ok { result.latencies.append(latency) } else { result.errors += 1 }
            }
            result.elapsed = Self.milliseconds(clock.now - start) / 1000
            return result
        }
    }

    /// Closed loop: `concurrency` workers send back to back for `seconds`.
    private func maxRate(client: HTTPClient, url: String, auth: String?, seconds: Double) async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .milliseconds(Int64(seconds * 1000))
        return await withTaskGroup(of: Result.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var result = Result(latencies: [], errors: 0, elapsed: 0)
                    while clock.now < end {
                        let sent = clock.now
                        if await request(client, url: url, auth: auth) {
                            result.latencies.append(Self.milliseconds(clock.now - sent))
                        } else {
                            result.errors += 1
                        }
                    }
                    return result
                }
            }
            var total = Result(latencies: [], errors: 0, elapsed: 0)
            for await part in group {
                total.latencies += part.latencies
                total.errors += part.errors
            }
            total.elapsed = Self.milliseconds(clock.now - start) / 1000
            return total
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    private func createPayment(client: HTTPClient, credentials: SandboxDescriptor) async throws -> String {
        var request = HTTPClientRequest(url: credentials.baseUrl + "/api/v1/messaging/conversations/\(credentials.conversationId)/payment-requests")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(credentials.agent?.identity ?? ""):\(credentials.agent?.secret ?? "")".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: #"{"description":"Benchmark","currency":"USD","amount":12550}"#))
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        struct Created: Decodable { var token: String }
        guard response.status == .created else { throw ValidationError("Creating the benchmark payment failed with HTTP \(response.status.code).") }
        return try JSONDecoder().decode(Created.self, from: Data(body.readableBytesView)).token
    }

    private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
