/// A problem with a history file, located: `file:line: column: message`
/// (line 1 is the header; `column` is the header's name, or "file" when the
/// problem is the whole file's; line 0, not printed, when it is no line's:
/// a missing file or folder, a window without data).
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
        DisplayText.escaped(line > 0 ? "\(file):\(line): \(column): \(message)" : "\(file): \(column): \(message)")
    }
}
