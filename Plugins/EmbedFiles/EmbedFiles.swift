import Foundation
import PackagePlugin

/// Compiles the files a target ships (themes, the OpenAPI document, the git commit) into Swift
/// string literals, so the `quiqpay` binary is self-contained: copy the one file and it works.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let tool = try context.tool(named: "EmbedFilesTool").url
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Embedded\(target.name).swift")
        let arguments: [String]
        let inputs: [URL]
        switch target.name {
        case "Screen":
            let themes = package.appendingPathComponent("Themes")
            let files = try FileManager.default.contentsOfDirectory(atPath: themes.path)
                .filter { $0.hasSuffix(".yaml") }.sorted()
                .map { themes.appendingPathComponent($0) }
            inputs = files
            arguments = ["files", output.path, "BuiltInThemeFiles"] + files.map(\.path)
        case "Sandbox":
            let document = target.directoryURL.appendingPathComponent("Resources/openapi.yaml")
            inputs = [document]
            arguments = ["files", output.path, "EmbeddedOpenAPI", document.path]
        default:
            // The executable: the commit it was built from, read from .git without running git.
            let git = GitFiles(package: package)
            inputs = git.inputs
            arguments = ["commit", output.path, git.gitDirectory?.path ?? "", git.commonDirectory?.path ?? ""]
        }
        return [.buildCommand(displayName: "Embedding files into \(target.name)", executable: tool,
                              arguments: arguments, inputFiles: inputs, outputFiles: [output])]
    }
}

/// The files whose change means a new commit: HEAD, the branch's ref file, packed-refs.
struct GitFiles {
    let gitDirectory: URL?
    let commonDirectory: URL?

    init(package: URL) {
        let dotGit = package.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) else {
            gitDirectory = nil
            commonDirectory = nil
            return
        }
        var gitDir = dotGit
        if !isDirectory.boolValue,
           let text = try? String(contentsOf: dotGit, encoding: .utf8),
           let line = text.split(separator: "\n").first, line.hasPrefix("gitdir: ") {
            // A worktree: `.git` is a file naming the real folder.
            let path = String(line.dropFirst("gitdir: ".count))
            gitDir = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appendingPathComponent(path)
        }
        gitDirectory = gitDir
        if let common = try? String(contentsOf: gitDir.appendingPathComponent("commondir"), encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDirectory = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDir.appendingPathComponent(path)).standardizedFileURL
        } else {
            commonDirectory = gitDir
        }
    }

    var inputs: [URL] {
        guard let gitDirectory, let commonDirectory else { return [] }
        var files = [gitDirectory.appendingPathComponent("HEAD")]
        if let head = try? String(contentsOf: files[0], encoding: .utf8), head.hasPrefix("ref: ") {
            let ref = head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
            files.append(gitDirectory.appendingPathComponent(ref))
            files.append(commonDirectory.appendingPathComponent(ref))
        }
        files.append(commonDirectory.appendingPathComponent("packed-refs"))
        return files.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
