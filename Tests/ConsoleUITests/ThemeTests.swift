import Foundation
import Screen
import Testing

@Suite("Themes")
struct ThemeTests {
    static let catalog = ThemeCatalog(userDirectory: nil)

    /// The package's `Themes/` folder, from this file's path.
    static var themesFolder: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }  // Tests/ConsoleUITests/this file
        return root.appendingPathComponent("Themes")
    }

    @Test("every file of Themes/ is compiled into the binary, as it is on disk")
    func builtInThemesMatchTheFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder.path).filter { $0.hasSuffix(".yaml") }
        #expect(ThemeCatalog.builtInNames == files.map { String($0.dropLast(5)) }.sorted())
        for file in files {
            let name = String(file.dropLast(5))
            let text = try String(contentsOf: Self.themesFolder.appendingPathComponent(file), encoding: .utf8)
            let onDisk = try ThemeParser.parse(text, name: name, file: file)
            let builtIn = try Self.catalog.load(name)
            #expect(builtIn.summary == onDisk.summary && builtIn.styles == onDisk.styles, "\(name) is stale")
        }
    }

    @Test("a user's theme file overrides the built-in one of its name and adds its own")
    func userThemesOverride() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let monochrome = try String(contentsOf: Self.themesFolder.appendingPathComponent("monochrome.yaml"), encoding: .utf8)
        let mine = monochrome.replacingOccurrences(of: "description:", with: "description: Mine.")
        try mine.write(to: folder.appendingPathComponent("nord.yaml"), atomically: true, encoding: .utf8)
        try mine.write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(userDirectory: folder.path)
        let sources = Dictionary(uniqueKeysWithValues: catalog.entries.map { ($0.name, $0.source) })
        #expect(sources["nord"] == .user(path: folder.path + "/nord.yaml"))
        #expect(sources["mine"] == .user(path: folder.path + "/mine.yaml"))
        #expect(sources["default"] == .builtIn)
        #expect(try catalog.load("nord").styles == Self.catalog.load("monochrome").styles)
        #expect(try catalog.load("nord").summary != Self.catalog.load("nord").summary)
    }

    @Test("the package ships the five kinds of theme, and every one parses")
    func shippedThemesParse() throws {
        let names = Self.catalog.names
        for wanted in ["default", "light", "high-contrast", "monochrome", "nord"] { #expect(names.contains(wanted)) }
        for name in names {
            let theme = try Self.catalog.load(name)
            #expect(Set(theme.styles.keys) == Set(Role.allCases), "\(name) lacks roles")
            #expect(!theme.summary.isEmpty)
        }
    }

    @Test("monochrome uses no colour at all")
    func monochromeHasNoColour() throws {
        let theme = try Self.catalog.load("monochrome")
        for role in Role.allCases { #expect(theme[role].fg == .terminalDefault && theme[role].bg == .terminalDefault) }
    }

    @Test("NO_COLOR beats --theme and QUIQPAY_THEME; --theme beats QUIQPAY_THEME")
    func precedence() {
        #expect(Self.catalog.select(flag: "nord", environment: ["NO_COLOR": "1", "QUIQPAY_THEME": "light"]).theme.name == "monochrome")
        #expect(Self.catalog.select(flag: "nord", environment: ["QUIQPAY_THEME": "light"]).theme.name == "nord")
        #expect(Self.catalog.select(flag: nil, environment: ["QUIQPAY_THEME": "light"]).theme.name == "light")
        #expect(Self.catalog.select(flag: nil, environment: ["NO_COLOR": ""]).theme.name == "default")
    }

    @Test("an unknown or unsafe name falls back to default with a sentence saying why")
    func unknownFallsBack() {
        let (theme, warning) = Self.catalog.select(flag: "../etc/passwd", environment: [:])
        #expect(theme.name == "default")
        #expect(warning?.contains("quiqpay themes") == true)
        #expect(Self.catalog.fallingBack("nope").warning == "Themes/nope.yaml: no such theme; run `quiqpay themes` to list them. Using the default theme.")
    }

    @Test("a broken theme names file, line and role", arguments: [
        ("status.paid: {fg: \"#12345g\"}", "status.paid", "is not a colour"),
        ("status.pad: red", "status.pad", "unknown role"),
        ("accent: {fg: red, blink: true}", "accent", "unknown key `blink`"),
        ("error: {fg: red, bold: maybe}", "error", "must be true or false"),
        ("text: red", "text", "given twice (first on line 2)"),
    ])
    func brokenThemes(line: String, role: String, problem: String) {
        // The other roles, valid, then the broken line (a duplicate keeps its first copy).
        let duplicate = problem.hasPrefix("given twice")
        let others = Role.allCases.filter { duplicate || $0.rawValue != role }
        let number = others.count + 1
        let text = others.map { "\($0.rawValue): {fg: red}" }.joined(separator: "\n") + "\n" + line
        #expect {
            try ThemeParser.parse(text, name: "broken", file: "Themes/broken.yaml")
        } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.file == "Themes/broken.yaml" && e.line == number && e.role == role && e.description.contains(problem)
                && e.description.hasPrefix("Themes/broken.yaml:\(number): role \(role):")
        }
    }

    @Test("a missing role is named")
    func missingRole() {
        let text = Role.allCases.dropLast().map { "\($0.rawValue): red" }.joined(separator: "\n")
        #expect(throws: ThemeError(file: "f.yaml", line: Role.allCases.count - 1, role: "banner.sandbox", problem: "missing; add a line `banner.sandbox: {fg: ..., bg: ...}`.")) {
            try ThemeParser.parse(text, name: "x", file: "f.yaml")
        }
    }

    @Test("unset fg and bg come from the background role; comments and quotes are read")
    func inheritance() throws {
        let text = "background: {fg: \"#010203\", bg: 17}  # dark\n" + Role.allCases.dropFirst().map { "\($0.rawValue): {bold: true}" }.joined(separator: "\n")
        let theme = try ThemeParser.parse(text, name: "x", file: "x.yaml")
        #expect(theme[.accent] == Style(fg: .rgb(1, 2, 3), bg: .index(17), bold: true))
    }

    @Test("colours degrade to 256 and to 8 colours")
    func degrade() {
        #expect(Colour.rgb(255, 0, 0).in256 == .index(196))
        #expect(Colour.rgb(0x2e, 0x34, 0x40).in256 == .index(237))
        #expect(Colour.rgb(250, 10, 10).in8 == .index(1))
        #expect(Colour.index(12).in8 == .index(4))
        #expect(Colour.terminalDefault.in8 == .terminalDefault)
        #expect(Colour(parsing: "#A3BE8C") == .rgb(0xa3, 0xbe, 0x8c))
        #expect(Colour(parsing: "bright-blue") == .index(12))
        #expect(Colour(parsing: "256") == nil)
    }
}
