import Foundation
import Synchronization

/// Progress of a long run on stderr, only when stderr is a terminal:
/// done/total, rate and ETA, redrawn at most five times a second.
final class ProgressReporter: Sendable {
    private let total: Int
    private let unit: String
    private let start = ContinuousClock.now
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    /// Nil when stderr is not a terminal.
    init?(total: Int, unit: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.total = total
        self.unit = unit
    }

    /// Called from worker threads with the number of units finished.
    func update(_ done: Int) {
        let now = ContinuousClock.now
        let draw = lastDraw.withLock { last -> Bool in
            if let last, now - last < .milliseconds(200), done < total { return false }
            last = now
            return true
        }
        guard draw else { return }
        let elapsed = (now - start).seconds
        let rate = Double(done) / max(elapsed, 1e-9)
        let remaining = Double(total - done) / max(rate, 1e-9)
        let line = "\r\(done)/\(total) \(unit) "
            + String(format: "(%.0f%%), %.0f", 100 * Double(done) / Double(total), rate)
            + " \(unit)/s, ETA " + String(format: "%.0f s   ", remaining)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the progress line.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
