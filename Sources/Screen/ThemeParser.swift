/// Reads the flat theme format of `Themes/*.yaml`, a strict subset of YAML:
///
/// ```yaml
/// # comment
/// description: Arctic blues
/// background: {fg: "#d8dee9", bg: "#2e3440"}
/// text: "#d8dee9"                      # a bare colour is the foreground
/// selection: {fg: black, bg: cyan, bold: true}
/// ```
///
/// Every role of `Role` must appear once. A role's unset `fg`/`bg` is the background role's.
/// Hand-written because the format is flat: no YAML dependency to build.
public enum ThemeParser {
    static let attributeKeys: Set<String> = ["fg", "bg", "bold", "dim", "italic", "underline", "reverse"]

    /// Parses `text`; `file` is only for error messages (`Themes/nord.yaml`).
    public static func parse(_ text: String, name: String, file: String) throws(ThemeError) -> Theme {
        var summary = ""
        var raw: [Role: (line: Int, fields: [String: String])] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(rawLine)).trimmingWhitespace()
            if line.isEmpty { continue }
            if rawLine.first == " " || rawLine.first == "\t" {
                throw ThemeError(file: file, line: lineNumber, problem: "indented lines are not part of the theme format; write each role on one line as `role: {fg: ..., bg: ...}`.")
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw ThemeError(file: file, line: lineNumber, problem: "expected `role: value`; add a colon after the role name.")
            }
            let key = String(line[..<colon]).trimmingWhitespace()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            if key == "description" || key == "name" {
                if key == "description" { summary = unquote(value) }
                continue
            }
            guard let role = Role(rawValue: key) else {
                throw ThemeError(file: file, line: lineNumber, role: key, problem: "unknown role; the roles are \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if let earlier = raw[role] {
                throw ThemeError(file: file, line: lineNumber, role: key, problem: "given twice (first on line \(earlier.line)); keep one.")
            }
            raw[role] = (lineNumber, try fields(of: value, file: file, line: lineNumber, role: key))
        }
        if let missing = Role.allCases.first(where: { raw[$0] == nil }) {
            throw ThemeError(file: file, line: lines.count, role: missing.rawValue, problem: "missing; add a line `\(missing.rawValue): {fg: ..., bg: ...}`.")
        }
        var styles: [Role: Style] = [:]
        let base = try style(from: raw[.background]?.fields ?? [:], inheriting: Style(), file: file, line: raw[.background]?.line, role: Role.background.rawValue)
        styles[.background] = base
        for role in Role.allCases where role != .background {
            guard let entry = raw[role] else { continue }
            styles[role] = try style(from: entry.fields, inheriting: Style(fg: base.fg, bg: base.bg), file: file, line: entry.line, role: role.rawValue)
        }
        return Theme(name: name, summary: summary, styles: styles)
    }

    private static func fields(of value: String, file: String, line: Int, role: String) throws(ThemeError) -> [String: String] {
        guard value.hasPrefix("{") else {
            if value.isEmpty { throw ThemeError(file: file, line: line, role: role, problem: "no value; give a colour or `{fg: ..., bg: ...}`.") }
            return ["fg": unquote(value)]
        }
        guard value.hasSuffix("}") else {
            throw ThemeError(file: file, line: line, role: role, problem: "`{` is not closed; end the line with `}`.")
        }
        var out: [String: String] = [:]
        for part in value.dropFirst().dropLast().split(separator: ",") {
            let pair = part.split(separator: ":", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard pair.count == 2, !pair[0].isEmpty else {
                throw ThemeError(file: file, line: line, role: role, problem: "`\(part.trimmingWhitespace())` is not `key: value`.")
            }
            guard attributeKeys.contains(pair[0]) else {
                throw ThemeError(file: file, line: line, role: role, problem: "unknown key `\(pair[0])`; use \(attributeKeys.sorted().joined(separator: ", ")).")
            }
            out[pair[0]] = unquote(pair[1])
        }
        return out
    }

    private static func style(from fields: [String: String], inheriting base: Style, file: String, line: Int?, role: String) throws(ThemeError) -> Style {
        var style = base
        for (key, value) in fields {
            switch key {
            case "fg", "bg":
                guard let colour = Colour(parsing: value) else {
                    throw ThemeError(file: file, line: line, role: role, problem: "`\(value)` is not a colour; use a name (red, bright-blue), 0-255, #rrggbb or default.")
                }
                if key == "fg" { style.fg = colour } else { style.bg = colour }
            default:
                guard let flag = ["true": true, "false": false, "yes": true, "no": false][value.lowercased()] else {
                    throw ThemeError(file: file, line: line, role: role, problem: "`\(key): \(value)` must be true or false.")
                }
                switch key {
                case "bold": style.bold = flag
                case "dim": style.dim = flag
                case "italic": style.italic = flag
                case "underline": style.underline = flag
                default: style.reverse = flag
                }
            }
        }
        return style
    }

    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        for (offset, c) in line.enumerated() {
            if c == "\"" || c == "'" { quote = quote == c ? nil : (quote ?? c) }
            if c == "#", quote == nil, offset == 0 || line[line.index(line.startIndex, offsetBy: offset - 1)] == " " {
                return String(line.prefix(offset))
            }
        }
        return line
    }

    private static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
        return s
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
