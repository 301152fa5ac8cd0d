import Foundation

/// `openapi.yaml`, the module's resource: API.md as OpenAPI 3.1.
///
/// Looked up beside the running executable (where SwiftPM puts `quiqpay_Sandbox.resources`) rather
/// than through `Bundle.module`, whose generated accessor traps when a binary is moved away from
/// its build directory; a missing document makes only `/api/v1/openapi.yaml` fail, not the sandbox.
enum OpenAPIDocument {
    static let resourcePath = "quiqpay_Sandbox.resources/openapi.yaml"

    static func load() -> Data? {
        var directories = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent())
        for directory in directories {
            if let data = try? Data(contentsOf: directory.appendingPathComponent(resourcePath)) { return data }
        }
        return nil
    }
}
