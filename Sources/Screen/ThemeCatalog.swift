import Foundation

/// The shipped themes: the `Themes/` folder of the package, found by walking up from a path.
public struct ThemeCatalog: Sendable {
    /// The folder holding `*.yaml` themes, or nil when none was found (then only `Theme.plain`).
    public let directory: URL?

    public init(directory: URL?) {
        self.directory = directory
    }

    /// Finds `Themes/` (holding `default.yaml`) in `start` or one of its parents: from the
    /// executable in `.build/debug/` or from a test's `#filePath`, the package root is above.
    public static func locate(from start: String) -> ThemeCatalog {
        var url = URL(fileURLWithPath: start).standardizedFileURL
        for _ in 0..<12 {
            let candidate = url.appendingPathComponent("Themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.yaml").path) {
                return ThemeCatalog(directory: candidate)
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return ThemeCatalog(directory: nil)
    }

    /// Names of the themes present, sorted.
    public var names: [String] {
        guard let directory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads theme `name` from its file.
    public func load(_ name: String) throws(ThemeError) -> Theme {
        let file = "Themes/\(name).yaml"
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ThemeError(file: file, problem: "`\(name)` is not a theme name; run `quiqpay themes` to list them.")
        }
        guard let directory else {
            throw ThemeError(file: file, problem: "the Themes folder was not found next to quiqpay; run it from the package (swift run quiqpay).")
        }
        let url = directory.appendingPathComponent("\(name).yaml")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ThemeError(file: file, problem: "no such theme; run `quiqpay themes` to list them.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: file, problem: "not UTF-8 text; save it as UTF-8.")
        }
        return try ThemeParser.parse(text, name: name, file: file)
    }

    /// The theme to start with and, if the wanted one failed, the sentence saying why.
    ///
    /// Precedence: `NO_COLOR` (monochrome) > `flag` (`--theme`) > `QUIQPAY_THEME` > `default`.
    /// A broken theme falls back to `default`; a broken default to `Theme.plain`.
    public func select(flag: String?, environment: [String: String]) -> (theme: Theme, warning: String?) {
        let wanted: String
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            wanted = "monochrome"
        } else {
            wanted = flag ?? environment["QUIQPAY_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        }
        return fallingBack(wanted)
    }

    /// Loads `name`, or default (then plain) with a warning naming what went wrong.
    public func fallingBack(_ name: String) -> (theme: Theme, warning: String?) {
        do {
            return (try load(name), nil)
        } catch {
            if name != "default", let theme = try? load("default") {
                return (theme, "\(error) Using the default theme.")
            }
            return (.plain, "\(error) Using the built-in plain theme.")
        }
    }
}
