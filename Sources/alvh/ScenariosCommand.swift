import ALVHKit
import ArgumentParser
import Foundation

/// `alvh scenarios`: validate, list and check scenario files.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Validate, list and check scenario files.",
        subcommands: [Validate.self, List.self, Check.self, Schema.self]
    )

    /// `alvh scenarios validate FILE...`
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate scenario files: every problem with file, line, column and key; exit 2 if any.")

        @Argument(help: "Scenario files.", completion: .yamlFile) var files: [String]

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

    /// `alvh scenarios schema`
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of the scenario format (for editors; Scenarios/scenario.schema.json).",
            discussion: """
                The schema is generated from the keys the scenario reader itself asks for, with their types \
                and ranges, so it is the reader's own table of keys. Editors with the YAML language server use \
                it through a first line '# yaml-language-server: $schema=scenario.schema.json' (every bundled \
                scenario has one) or the yaml.schemas setting. Rules between keys (one of two keys, the horizon, \
                probabilities summing to 1) are checked by alvh scenarios validate, not by the schema.
                """)

        func run() throws {
            print(ScenarioSchema.json(), terminator: "")
        }
    }

    /// `alvh scenarios list [DIR]`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scenarios of a folder (default: Scenarios).")

        @Argument(help: "Folder of scenario files.", completion: .folder) var directory: String = "Scenarios"

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

    /// `alvh scenarios check FILE [--json] [--data DIR]`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a scenario's market and print what calibrations compare with history.",
            discussion: """
                Prints the percentiles over paths of each episode figure (peak VIX, SPX fall, ...), then \
                the market table: by VIX bucket the medians of the monthly VIX futures over VIX (M1, M2, \
                M4, M7), VVIX, VIX9D and VIX3M over VIX and SKEW; the contango share, the median M2/M1 - 1, \
                the share of days with an SPX move under 1% and a VIX rise above 5 points, and the largest \
                gap between the 21-day smile's variance swap and VIX. With --data, the same table from the \
                real history of --from ... --to beside it (default 2006-01-01 to 2024-12-31), and a * on \
                each model figure outside the band of the pricing issue (futures and index ratios 0.05, \
                VVIX 15, SKEW 10 points, contango share 10 points). --json prints one JSON object instead.
                """)

        @Argument(help: "Scenario file.", completion: .yamlFile) var file: String
        @Option(parsing: .unconditional, help: "Paths, 2...\(Limits.paths).") var paths: Int = 2_000
        @Option(help: "Folder of history files (see alvh history): the real market's table beside the model's.", completion: .folder) var data: String?
        @Option(help: "With --data: first date (YYYY-MM-DD).") var from: String = "2006-01-01"
        @Option(help: "With --data: last date (YYYY-MM-DD).") var to: String = "2024-12-31"
        @Flag(help: "Print one JSON object (the episode percentiles, the market table's keys, and data's under \"data\").") var json = false
        @OptionGroup var random: RandomOptions

        func validate() throws {
            try FlagBounds.check(paths, 2...Limits.paths, "--paths")
        }

        static let episodeFigures: [(key: String, label: String, value: @Sendable (MarketFigures) -> Double, scale: Double)] = [
            ("peakVIX", "peak VIX close", { $0.peakVIX }, 1),
            ("spxMaxDrawdown", "SPX peak-to-trough (%)", { $0.spxMaxDrawdown }, 100),
            ("daysPeakToTrough", "trading days peak to trough", { Double($0.daysPeakToTrough) }, 1),
            ("sessionsBackUnder20", "sessions until VIX back under 20", { Double($0.sessionsBackUnder20) }, 1),
            ("contangoShare", "contango share (%)", { $0.contangoShare }, 100),
            ("secondOverFirst", "2nd over 1st VIX future (%)", { $0.secondOverFirst }, 100),
            ("impliedMinusRealised", "VIX minus next-21d realised (pts)", { $0.impliedMinusRealised }, 1),
            ("fomcAbsoluteMove", "mean |SPX move| on FOMC days (%)", { $0.fomcAbsoluteMove }, 100),
            ("cpiAbsoluteMove", "mean |SPX move| on CPI days (%)", { $0.cpiAbsoluteMove }, 100),
        ]

        func run() throws {
            let scenario = try Scenario.load(path: file)
            var configuration = try random.configuration()
            if random.seed == nil && ProcessInfo.processInfo.environment["GSL_RNG_SEED"] == nil { configuration.seed = scenario.seed }
            var real: MarketTable?
            if let data {
                let first = try HistoryCommand.date(from, flag: "--from")
                let last = try HistoryCommand.date(to, flag: "--to")
                if last < first { throw ValidationError("--to \(last) is before --from \(first)") }
                real = try MarketTable(history: HistoryFolder(path: data), from: first, to: last)
            }
            let simulator = ParallelSimulator(threads: random.threads ?? ParallelSimulator.availableCores, random: configuration)
            let calibration = MarketCalibration(configuration: scenario.configuration, paths: paths, simulator: simulator)
            let table = MarketTable(simulator.run(MarketTableProgram(scenario.configuration), paths: 0..<paths))
            if json {
                try printJSON(scenario: scenario, seed: configuration.seed, calibration: calibration, table: table, real: real)
                return
            }
            print("\(scenario.name): \(paths) paths x \(scenario.configuration.horizonDays) days, seed \(configuration.seed)")
            print("figure".padding(toLength: 34, withPad: " ", startingAt: 0) + "     p10      p50      p90     mean")
            for figure in Self.episodeFigures {
                let values = [0.1, 0.5, 0.9].map { figure.scale * calibration.quantile($0, figure.value) }
                    + [figure.scale * calibration.mean(figure.value)]
                print(figure.label.padding(toLength: 34, withPad: " ", startingAt: 0) + values.map { String(format: "%8.2f ", $0) }.joined())
            }
            print("")
            print(MarketTableText(model: table, data: real, dataWindow: "\(from) to \(to)").text)
            print("VIX floor (the close at zero variance, 100 sqrt(b)) by regime: "
                  + Self.vixFloors(scenario).map { String(format: "%@ %.2f", $0.name, $0.floor) }.joined(separator: ", ")
                  + " (the real low: 9.14 on 2017-11-03)")
        }

        /// Each regime's lowest possible VIX close: `100 sqrt(b)`, VIX at zero variance without events.
        static func vixFloors(_ scenario: Scenario) -> [(name: String, floor: Double)] {
            scenario.configuration.allRegimes.map { ($0.name, VIXModel($0.riskNeutral).index(variance: 0)) }
        }

        func printJSON(
            scenario: Scenario, seed: UInt64, calibration: MarketCalibration, table: MarketTable, real: MarketTable?
        ) throws {
            func object(_ table: MarketTable) throws -> [String: Any] {
                let data = try JSONEncoder().encode(table)
                return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            }
            var episode = [String: Any]()
            for figure in Self.episodeFigures {
                var row = [String: Any]()
                for (name, level) in [("p10", 0.1), ("p50", 0.5), ("p90", 0.9)] {
                    let value = calibration.quantile(level, figure.value)
                    if value.isFinite { row[name] = value }
                }
                let mean = calibration.mean(figure.value)
                if mean.isFinite { row["mean"] = mean }
                episode[figure.key] = row
            }
            var top = try object(table)
            top["scenario"] = scenario.name
            top["paths"] = paths
            top["seed"] = seed
            top["episode"] = episode
            top["vixFloor"] = Dictionary(uniqueKeysWithValues: Self.vixFloors(scenario).map { ($0.name, $0.floor) })
            if let real {
                var data = try object(real)
                data["from"] = from
                data["to"] = to
                top["data"] = data
            }
            let text = try JSONSerialization.data(withJSONObject: top, options: [.sortedKeys])
            print(String(decoding: text, as: UTF8.self))
        }
    }
}
