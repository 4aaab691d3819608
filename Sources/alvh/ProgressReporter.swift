import ArgumentParser
import Foundation
import Synchronization

/// When progress goes to stderr.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Redrawn in place on a terminal; a heartbeat line otherwise.
    case auto
    /// A heartbeat line even on a terminal (for `script` and log captures).
    case always
    /// None.
    case never
}

/// Progress and output flags shared by the long-running commands.
struct ProgressOptions: ParsableArguments {
    @Option(help: "Progress on stderr: auto (redrawn on a terminal, a heartbeat line otherwise), always (heartbeat lines), never.")
    var progress: ProgressMode = .auto
    @Option(parsing: .unconditional, help: "Seconds between heartbeat lines when stderr is not a terminal (1...3600).")
    var heartbeat: Int = 30
    @Flag(help: "No progress and no summary: print only the folder written.")
    var quiet = false

    func validate() throws {
        try FlagBounds.check(heartbeat, 1...3_600, "--heartbeat")
    }

    /// A reporter of `total` units under these flags.
    func reporter(total: Int, unit: String) -> ProgressReporter {
        ProgressReporter(total: total, unit: unit, mode: quiet ? .never : progress, heartbeatSeconds: heartbeat)
    }
}

/// Progress of a long run on stderr: on a terminal, done/total, rate and ETA
/// redrawn in place at most five times a second; otherwise (a Slurm log, a
/// pipe) the same as a plain line every `heartbeatSeconds`, so that a batch
/// log shows a heartbeat without filling up. When every unit is done it says
/// the run is summarising (the bootstrap and the report take a while): on a
/// terminal, with `always`, or in a log that had a heartbeat.
final class ProgressReporter: Sendable {
    private let total: Int
    private let unit: String
    private let mode: ProgressMode
    private let redraw: Bool
    private let interval: Duration
    private let start = ContinuousClock.now
    private let lastDraw = Mutex<(at: ContinuousClock.Instant?, finished: Bool, printed: Bool)>((nil, false, false))

    init(total: Int, unit: String, mode: ProgressMode = .auto, heartbeatSeconds: Int = 30) {
        self.total = max(total, 1)
        self.unit = unit
        self.mode = mode
        redraw = mode == .auto && isatty(STDERR_FILENO) == 1
        interval = redraw ? .milliseconds(200) : .seconds(heartbeatSeconds)
    }

    /// Called from worker threads with the number of units finished.
    func update(_ done: Int) {
        guard mode != .never else { return }
        let now = ContinuousClock.now
        let redraw = redraw
        let interval = interval
        let total = total
        let draw = lastDraw.withLock { state -> Bool in
            if done >= total {
                // The last unit: say once that the run goes on to summarise (in a log, only after a
                // heartbeat: a run too short for one stays silent).
                guard !state.finished else { return false }
                state.finished = true
                return redraw || state.printed || mode == .always
            }
            // A plain log starts its clock at the first update.
            guard let previous = state.at else {
                state.at = now
                return redraw
            }
            if now - previous < interval { return false }
            state.at = now
            state.printed = true
            return true
        }
        guard draw else { return }
        let elapsed = (now - start).seconds
        let text: String
        if done >= total {
            text = "\(total)/\(total) \(unit) in " + String(format: "%.1f s", elapsed) + "; summarising (bootstrap, tables, report)"
        } else {
            let rate = Double(done) / max(elapsed, 1e-9)
            let remaining = Double(total - done) / max(rate, 1e-9)
            text = "\(done)/\(total) \(unit) "
                + String(format: "(%.0f%%), %.3g", 100 * Double(done) / Double(total), rate)
                + " \(unit)/s, ETA " + String(format: "%.0f s", remaining)
        }
        FileHandle.standardError.write(Data((redraw ? "\r\(text)\u{1B}[K" : "alvh: \(text)\n").utf8))
    }

    /// Clears the progress line on a terminal.
    func finish() {
        if redraw { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
