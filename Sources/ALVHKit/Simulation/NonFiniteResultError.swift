/// A simulated figure that is not a finite number (an overflow the bounds
/// did not prevent): the run stops and writes nothing rather than put a
/// NaN or an infinity in a file.
public struct NonFiniteResultError: Error, Sendable, CustomStringConvertible {
    /// The strategy (or `market`), the figure (a `paths.csv` column or a daily series) and the first path where it happened.
    public let strategy: String
    public let figure: String
    public let path: Int

    public init(strategy: String, figure: String, path: Int) {
        self.strategy = strategy
        self.figure = figure
        self.path = path
    }

    public var description: String {
        "strategy \(strategy): \(figure) is not a finite number on path \(path); the scenario's parameters drive the model out of range"
    }
}
