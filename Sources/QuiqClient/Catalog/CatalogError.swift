/// Why `catalog.yaml` was not used: every problem found, each with its line and field, so the
/// file can be fixed in one go. The console shows the first (and how many more) once, and runs
/// without the catalogue; `send --template` prints them all.
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// 1-based line of the entry at fault; nil for the file as a whole.
        public var line: Int?
        /// The entry as a path: `products[1].prices.EUR`, `templates[0].items[2].sku`; empty
        /// for the file as a whole.
        public var field: String
        /// What is wrong and what to write instead.
        public var message: String

        public init(line: Int?, field: String, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }

        /// `7: products[1].prices.EUR: EUR allows at most 2 decimals: round the amount.`
        public var description: String {
            (line.map { "\($0): " } ?? "") + (field.isEmpty ? "" : field + ": ") + message
        }

        /// As a compiler names it: `catalog.yaml:7: products[1].prices.EUR: …`.
        func located(in path: String) -> String {
            "\(path):" + (line.map { "\($0):" } ?? "") + " " + (field.isEmpty ? "" : field + ": ") + message
        }
    }

    public var path: String
    public var problems: [Problem]

    public init(path: String, problems: [Problem]) {
        self.path = path
        self.problems = problems
    }

    /// The first problem as `PATH:LINE: FIELD: what to fix`, and how many more there are.
    public var description: String {
        let first = problems.first?.located(in: path) ?? "\(path): it cannot be read."
        let more = problems.count > 1 ? " (\(problems.count - 1) more problem\(problems.count == 2 ? "" : "s") after it)" : ""
        return first + more
    }

    /// Every problem, one per line, each named by file, line and field.
    public var fullDescription: String {
        problems.map { $0.located(in: path) }.joined(separator: "\n")
    }
}
