import Foundation

/// What a run (or one shard of it) will need, measured on this machine
/// before it is submitted: peak memory from what the run keeps per path and
/// strategy, and wall time from a short run of the scenario's own paths
/// (simulation, the comparisons' bootstrap, and writing `paths.csv`),
/// extrapolated to the job's paths and threads. The figures size a batch
/// job (`sbatch --mem`, `--time`); they are estimates, with the safety
/// factor said.
public struct RunResources: Sendable, Codable, Hashable {
    /// Paths the job simulates, and path-days (paths x horizon).
    public let paths: Int
    public let pathDays: Double
    /// Threads the estimate is for.
    public let threads: Int
    /// Estimated peak memory (bytes).
    public let peakBytes: Double
    /// Paths simulated to measure, and the measured single-thread cost per path-day (nanoseconds).
    public let measuredPaths: Int
    public let nanosecondsPerPathDay: Double
    /// Estimated wall time: simulation on `threads` threads, then the serial
    /// summary, bootstrap and writing of the files (seconds).
    public let simulationSeconds: Double
    public let summarySeconds: Double
    /// Suggested batch-job limits: twice the estimates, memory in MiB (at least 256) and time in whole minutes (at least 1).
    public let suggestedMemoryMiB: Int
    public let suggestedMinutes: Int

    /// The factor between the estimates and the suggested limits.
    public static let safetyFactor = 2.0

    /// Estimated wall time in all (seconds).
    public var totalSeconds: Double { simulationSeconds + summarySeconds }

    /// Measures `job`'s scenario on up to `samplePaths` of its own paths (at
    /// least 0.2 s of simulation where the job has that many paths) on one
    /// thread, and extrapolates.
    public static func estimate(_ job: RunJob, samplePaths: Int = 4_096) throws -> RunResources {
        let range = job.pathRange
        let horizon = Double(job.scenario.configuration.horizonDays)
        var one = job.simulator
        one.threads = 1
        let clock = ContinuousClock()
        var measured = min(range.count, 256)
        var simulation = 0.0
        var result: StressRun.Result
        var text = 0.0
        repeat {
            let sample = range.lowerBound..<(range.lowerBound + measured)
            let run = StressRun(configuration: job.scenario.configuration, paths: sample, simulator: one, recordedPaths: 0)
            let names = job.scenario.configuration.strategies.map(\.name)
            var writing = 0.0
            result = try run.execute { records in
                let start = clock.now
                _ = RunTables.pathRows(records, names: names)
                writing += (clock.now - start).seconds
            }
            simulation = result.wallSeconds
            text = writing
            if simulation >= 0.2 || measured >= min(range.count, samplePaths) { break }
            measured = min(measured * 4, range.count, samplePaths)
        } while true
        // The serial part after the simulation: the paired bootstrap of every comparison and the tables.
        let pairs = job.scenario.configuration.comparisonPairs
        let start = clock.now
        _ = RunSummary(
            names: job.scenario.configuration.strategies.map(\.name), maxDrawdowns: result.maxDrawdowns, finalPnLs: result.finalPnLs,
            meanHedgeSpend: RunData.means(result.hedgeSpend), meanHedgePayoff: RunData.means(result.hedgePayoff),
            pairs: pairs, bootstrap: job.bootstrap, threads: 1)
        let summary = (clock.now - start).seconds
        let scale = Double(range.count) / Double(max(measured, 1))
        let perPathDay = simulation / (Double(measured) * horizon)
        let threads = max(job.simulator.threads, 1)
        let simulationSeconds = perPathDay * Double(range.count) * horizon / Double(threads)
        // The bootstrap runs on the job's threads; writing paths.csv is serial.
        let summarySeconds = summary * scale / Double(threads) + text * scale
        let peak = job.estimatedPeakBytes
        return RunResources(
            paths: range.count, pathDays: Double(range.count) * horizon, threads: threads, peakBytes: peak,
            measuredPaths: measured, nanosecondsPerPathDay: perPathDay * 1e9, simulationSeconds: simulationSeconds,
            summarySeconds: summarySeconds,
            suggestedMemoryMiB: max(256, Int((peak * safetyFactor / 1_048_576).rounded(.up))),
            suggestedMinutes: max(1, Int((safetyFactor * (simulationSeconds + summarySeconds) / 60).rounded(.up))))
    }

    /// The estimate as lines for a person.
    public var text: String {
        func seconds(_ s: Double) -> String { s < 120 ? String(format: "%.1f s", s) : String(format: "%.1f min", s / 60) }
        return """
            \(ReportNumbers.count(paths)) paths, \(String(format: "%.3g", pathDays)) path-days, \(threads) thread\(threads == 1 ? "" : "s")
            memory: about \(String(format: "%.0f", peakBytes / 1_048_576)) MiB at peak
            time: \(String(format: "%.0f", nanosecondsPerPathDay)) ns per path-day on one thread (measured on \(ReportNumbers.count(measuredPaths)) of its paths): about \(seconds(simulationSeconds)) of simulation and \(seconds(summarySeconds)) for the bootstrap and the files
            batch job (twice the estimates): sbatch --cpus-per-task=\(threads) --mem=\(suggestedMemoryMiB)M --time=\(suggestedMinutes)

            """
    }
}
