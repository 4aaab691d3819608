/// One problem found in a scenario file, located by file, line, column and key path.
public struct ScenarioIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given.
    public let file: String
    /// 1-based line and column (0 when unknown).
    public let line: Int
    public let column: Int
    /// Dotted key path (`market.physical.rho`, `strategies[2].layers[0].weight`).
    public let keyPath: String
    /// What is wrong.
    public let message: String

    public init(file: String, line: Int, column: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}

/// Every problem found in a scenario file, reported together.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let issues: [ScenarioIssue]

    public init(_ issues: [ScenarioIssue]) {
        self.issues = issues
    }

    /// One line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
