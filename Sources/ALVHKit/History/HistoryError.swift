/// A problem with a history file, located: `file:line: column: message`
/// (line 1 is the header; `column` is the header's name, or "file" when the
/// problem is the whole file's).
public struct HistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: String
    public let message: String

    public init(file: String, line: Int, column: String, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        DisplayText.escaped("\(file):\(line): \(column): \(message)")
    }
}
