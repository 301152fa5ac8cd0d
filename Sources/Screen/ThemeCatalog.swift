import Foundation

/// The themes quiqpay can use: the shipped ones, compiled into the binary from `Themes/*.yaml`
/// (so a copied binary has them), and the user's own in `$XDG_CONFIG_HOME/quiqpay/themes/*.yaml`,
/// which override a built-in theme of the same name (the k9s convention).
public struct ThemeCatalog: Sendable {
    /// Where a theme comes from.
    public enum Source: Sendable, Hashable {
        case builtIn
        /// A file of the user's, by its full path.
        case user(path: String)
    }

    /// The user's themes folder (`DataPaths.themesDirectory`), or nil for the built-in ones only.
    public let userDirectory: String?
    private let builtIn: [String: String]

    public init(userDirectory: String?) {
        self.init(userDirectory: userDirectory, builtIn: BuiltInThemeFiles.files)
    }

    /// A catalog over `builtIn` (name to YAML text) instead of the shipped themes, for tests.
    public init(userDirectory: String?, builtIn: [String: String]) {
        self.userDirectory = userDirectory
        self.builtIn = builtIn
    }

    /// The names of the shipped themes, sorted.
    public static var builtInNames: [String] { BuiltInThemeFiles.files.keys.sorted() }

    /// Every theme by name with where it comes from, sorted; a user's file wins over a built-in one.
    public var entries: [(name: String, source: Source)] {
        var sources = builtIn.mapValues { _ in Source.builtIn }
        for (name, path) in userFiles { sources[name] = .user(path: path) }
        return sources.keys.sorted().map { ($0, sources[$0] ?? .builtIn) }
    }

    /// Where theme `name` comes from, as `quiqpay themes` says it: built in, or a file of the
    /// user's, which may override the built-in theme of its name.
    public static func origin(of name: String, _ source: Source) -> String {
        switch source {
        case .builtIn: "built in"
        case .user(let path): builtInNames.contains(name) ? "yours, overrides the built-in one: \(path)" : "yours: \(path)"
        }
    }

    /// Names of the themes present, sorted.
    public var names: [String] { entries.map(\.name) }

    /// The user's `*.yaml` files by theme name; none when the folder does not exist.
    private var userFiles: [String: String] {
        guard let userDirectory else { return [:] }
        // A missing or unreadable folder means the user has no themes of their own: not an error.
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: userDirectory) else { return [:] }
        var found: [String: String] = [:]
        for file in files where file.hasSuffix(".yaml") {
            let name = String(file.dropLast(5))
            if Self.isThemeName(name) { found[name] = userDirectory + "/" + file }
        }
        return found
    }

    /// The user's file for theme `name`, if there is one: one look at one path, not a listing.
    private func userFile(_ name: String) -> String? {
        guard let userDirectory else { return nil }
        let path = userDirectory + "/" + name + ".yaml"
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue ? path : nil
    }

    private static func isThemeName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// Loads theme `name`: the user's file when there is one, else the built-in theme.
    public func load(_ name: String) throws(ThemeError) -> Theme {
        guard Self.isThemeName(name) else {
            throw ThemeError(file: "Themes/\(name).yaml", problem: "`\(name)` is not a theme name; run `quiqpay themes` to list them.")
        }
        if let path = userFile(name) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ThemeError(file: path, problem: "cannot be read; check its permissions.")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ThemeError(file: path, problem: "not UTF-8 text; save it as UTF-8.")
            }
            return try ThemeParser.parse(text, name: name, file: path)
        }
        guard let text = builtIn[name] else {
            throw ThemeError(file: "Themes/\(name).yaml", problem: "no such theme; run `quiqpay themes` to list them.")
        }
        return try ThemeParser.parse(text, name: name, file: "Themes/\(name).yaml")
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
