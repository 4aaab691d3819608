import ALVHKit
import ArgumentParser
import Foundation

/// `alvh scenarios`: validate, list and check scenario files.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Validate, list and check scenario files.",
        subcommands: [Validate.self, List.self, Check.self]
    )

    /// `alvh scenarios validate FILE...`
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate scenario files: every problem with file, line, column and key; exit 2 if any.")

        @Argument(help: "Scenario files.") var files: [String]

        func run() throws {
            var issues: [ScenarioIssue] = []
            for file in files {
                do {
                    let scenario = try Scenario.load(path: file)
                    print("\(file): ok (\(scenario.name), \(scenario.configuration.horizonDays) days, "
                          + "\(scenario.configuration.allRegimes.count) regime(s), \(scenario.configuration.strategies.count) strategies)")
                } catch {
                    issues += error.issues
                }
            }
            if !issues.isEmpty { throw ScenarioError(issues) }
        }
    }

    /// `alvh scenarios list [DIR]`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scenarios of a folder (default: Scenarios).")

        @Argument(help: "Folder of scenario files.") var directory: String = "Scenarios"

        func run() throws {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
                throw ValidationError("\(directory): cannot read the folder")
            }
            var rows: [[String]] = [["file", "name", "horizon", "regimes", "description"]]
            var issues: [ScenarioIssue] = []
            for file in names.filter({ $0.hasSuffix(".yaml") }).sorted() {
                do {
                    let scenario = try Scenario.load(path: (directory as NSString).appendingPathComponent(file))
                    rows.append([
                        file, scenario.name, "\(scenario.configuration.horizonDays)d",
                        scenario.configuration.allRegimes.map(\.name).joined(separator: ","), scenario.description,
                    ])
                } catch {
                    issues += error.issues
                }
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                print((0..<4).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined() + row[4])
            }
            if !issues.isEmpty { throw ScenarioError(issues) }
        }
    }

    /// `alvh scenarios check FILE`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario's market and print the percentiles of the figures calibrations compare with history.")

        @Argument(help: "Scenario file.") var file: String
        @Option(parsing: .unconditional, help: "Paths, 2...\(Limits.paths).") var paths: Int = 2_000
        @OptionGroup var random: RandomOptions

        func validate() throws {
            try FlagBounds.check(paths, 2...Limits.paths, "--paths")
        }

        func run() throws {
            let scenario = try Scenario.load(path: file)
            var configuration = try random.configuration()
            if random.seed == nil && ProcessInfo.processInfo.environment["GSL_RNG_SEED"] == nil { configuration.seed = scenario.seed }
            let simulator = ParallelSimulator(threads: random.threads ?? ParallelSimulator.availableCores, random: configuration)
            let calibration = MarketCalibration(configuration: scenario.configuration, paths: paths, simulator: simulator)
            print("\(scenario.name): \(paths) paths x \(scenario.configuration.horizonDays) days, seed \(configuration.seed)")
            print("figure".padding(toLength: 34, withPad: " ", startingAt: 0) + "     p10      p50      p90     mean")
            let rows: [(String, (MarketFigures) -> Double, Double)] = [
                ("peak VIX close", { $0.peakVIX }, 1),
                ("SPX peak-to-trough (%)", { $0.spxMaxDrawdown }, 100),
                ("trading days peak to trough", { Double($0.daysPeakToTrough) }, 1),
                ("sessions until VIX back under 20", { Double($0.sessionsBackUnder20) }, 1),
                ("contango share (%)", { $0.contangoShare }, 100),
                ("2nd over 1st VIX future (%)", { $0.secondOverFirst }, 100),
                ("VIX minus next-21d realised (pts)", { $0.impliedMinusRealised }, 1),
                ("mean |SPX move| on FOMC days (%)", { $0.fomcAbsoluteMove }, 100),
                ("mean |SPX move| on CPI days (%)", { $0.cpiAbsoluteMove }, 100),
            ]
            for (label, figure, scale) in rows {
                let values = [0.1, 0.5, 0.9].map { scale * calibration.quantile($0, figure) } + [scale * calibration.mean(figure)]
                print(label.padding(toLength: 34, withPad: " ", startingAt: 0) + values.map { String(format: "%8.2f ", $0) }.joined())
            }
        }
    }
}
