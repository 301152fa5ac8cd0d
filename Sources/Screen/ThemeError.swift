/// Why a theme could not be used: names the file, the line and the role, and what to do.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var role: String?
    public var problem: String

    public init(file: String, line: Int? = nil, role: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.role = role
        self.problem = problem
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        let subject = role.map { " role \($0):" } ?? ""
        return "\(where_):\(subject) \(problem)"
    }
}
