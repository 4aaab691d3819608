import Foundation
import Synchronization

/// Progress of a long run on stderr: on a terminal, done/total, rate and ETA
/// redrawn in place at most five times a second; otherwise (a Slurm log, a
/// pipe) the same as a plain line every 30 seconds, so that a batch log shows
/// a heartbeat without filling up.
final class ProgressReporter: Sendable {
    private let total: Int
    private let unit: String
    private let terminal: Bool
    private let start = ContinuousClock.now
    private let lastDraw = Mutex<ContinuousClock.Instant?>(nil)

    init(total: Int, unit: String) {
        self.total = max(total, 1)
        self.unit = unit
        terminal = isatty(STDERR_FILENO) == 1
    }

    /// Called from worker threads with the number of units finished.
    func update(_ done: Int) {
        let now = ContinuousClock.now
        let interval: Duration = terminal ? .milliseconds(200) : .seconds(30)
        let draw = lastDraw.withLock { last -> Bool in
            // A plain log starts its clock at the first update and never prints the final one (the summary follows).
            guard let previous = last else {
                last = now
                return terminal
            }
            if now - previous < interval && (done < total || !terminal) { return false }
            last = now
            return true
        }
        guard draw else { return }
        let elapsed = (now - start).seconds
        let rate = Double(done) / max(elapsed, 1e-9)
        let remaining = Double(total - done) / max(rate, 1e-9)
        let text = "\(done)/\(total) \(unit) "
            + String(format: "(%.0f%%), %.3g", 100 * Double(done) / Double(total), rate)
            + " \(unit)/s, ETA " + String(format: "%.0f s", remaining)
        FileHandle.standardError.write(Data((terminal ? "\r\(text)   " : "alvh: \(text)\n").utf8))
    }

    /// Clears the progress line on a terminal.
    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
