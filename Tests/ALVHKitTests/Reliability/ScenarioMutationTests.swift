@testable import ALVHKit
import Foundation
import Testing
import Yams

/// The property of the reliability issue, tried exhaustively: every numeric
/// field of every bundled scenario, set to each hostile value, either is
/// refused with located errors or validates and runs (8 paths) to finite
/// figures. A trap or a hang would end the test process; every 25th mutant
/// that runs also writes its whole output folder, which must be the only
/// thing written.
@Suite struct ScenarioMutationTests {
    /// The values every numeric field is set to.
    static let hostile = [
        "nan", "inf", "-inf", "1e308", "-1e308", "1e-320", "0", "-0", "-1", "9223372036854775807",
        "-9223372036854775808", "1e19", "1e-300", "1e6", "1e15", "0.5",
    ]

    /// A numeric scalar of a file: where it stands and its text.
    struct Field {
        let line: Int
        let column: Int
        let text: String
    }

    /// Every plain scalar of `text` that reads as a number.
    static func numericFields(_ text: String) throws -> [Field] {
        guard let root = try Yams.compose(yaml: text) else { return [] }
        var fields: [Field] = []
        func walk(_ node: Node) {
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain, let mark = node.mark,
                   Double(scalar.string.replacingOccurrences(of: "_", with: "")) != nil {
                    fields.append(Field(line: mark.line, column: mark.column, text: scalar.string))
                }
            case .mapping(let mapping):
                for (_, value) in mapping { walk(value) }
            case .sequence(let sequence):
                for item in sequence { walk(item) }
            case .alias:
                break
            }
        }
        walk(root)
        return fields
    }

    /// `text` with `field` replaced by `value`.
    static func mutate(_ text: String, _ field: Field, to value: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var line = Array(lines[field.line - 1])
        let start = field.column - 1
        line.replaceSubrange(start..<(start + field.text.count), with: Array(value))
        lines[field.line - 1] = String(line)
        return lines.joined(separator: "\n")
    }

    @Test func everyNumericFieldOfEveryBundledScenarioFailsLoudlyOrRunsFinite() throws {
        let source = ScenarioLoadingTests.scenarios
        let files = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".yaml") }.sorted()
        // A private copy of the library, so that `extends:` finds the parents next to each mutant.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let outputs = folder.appendingPathComponent("outputs")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let simulator = ParallelSimulator(threads: 2, random: RandomConfiguration(seed: 11))
        var mutants = 0
        var refused = 0
        var ran = 0
        for file in files {
            let original = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
            let path = folder.appendingPathComponent("mutant-of-\(file)").path
            for field in try Self.numericFields(original) {
                for value in Self.hostile where value != field.text {
                    mutants += 1
                    try Self.mutate(original, field, to: value).write(toFile: path, atomically: false, encoding: .utf8)
                    let scenario: Scenario
                    do {
                        scenario = try Scenario.load(path: path)
                    } catch {
                        refused += 1
                        // Located: each issue names a file of the chain, and the mutated file's own at its line.
                        #expect(!error.issues.isEmpty)
                        #expect(error.issues.allSatisfy { $0.line > 0 || $0.message.contains("extends") }, "\(file):\(field.line) = \(value): \(error)")
                        #expect(error.issues.allSatisfy { !$0.description.contains("\n") })
                        continue
                    }
                    ran += 1
                    let context = "\(file):\(field.line):\(field.column) \(field.text) -> \(value)"
                    if ran % 25 == 0 {
                        let run = outputs.appendingPathComponent("run-\(ran)")
                        let job = RunJob(
                            scenario: scenario, scenarioFile: path, scenarioSHA256: "mutant", paths: 8, simulator: simulator,
                            fanPaths: 8, bootstrap: PairedBootstrap(replicates: 20), version: "test")
                        do {
                            _ = try job.execute(into: run)
                            #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path) == ["run-\(ran)"], "\(context)")
                            let json = try String(contentsOf: run.appendingPathComponent("summary.json"), encoding: .utf8)
                            #expect(!json.contains("\"nan\"") && !json.contains("\"inf\""), "\(context)")
                        } catch let error as NonFiniteResultError {
                            Issue.record("\(context): \(error)")
                        }
                        try? FileManager.default.removeItem(at: run)
                        continue
                    }
                    let result: StressRun.Result
                    do {
                        result = try StressRun(
                            configuration: scenario.configuration, paths: 0..<8, simulator: simulator, recordedPaths: 8
                        ).execute { _ in }
                    } catch {
                        Issue.record("\(context): \(error)")
                        continue
                    }
                    let summary = RunSummary(
                        names: scenario.configuration.strategies.map(\.name), maxDrawdowns: result.maxDrawdowns,
                        finalPnLs: result.finalPnLs, meanHedgeSpend: RunData.means(result.hedgeSpend),
                        meanHedgePayoff: RunData.means(result.hedgePayoff), skipped: result.skipped,
                        cyclesDue: scenario.configuration.cyclesPerPath * 8,
                        pairs: scenario.configuration.comparisonPairs, bootstrap: PairedBootstrap(replicates: 20), threads: 2)
                    for strategy in summary.strategies {
                        #expect(strategy.maxDrawdown.mean.isFinite && strategy.finalPnL.mean.isFinite, "\(context)")
                        #expect(strategy.maxDrawdown.p1 >= 0, "\(context)")
                    }
                    for comparison in summary.comparisons {
                        for estimate in [comparison.meanReduction, comparison.ratioOfMeansReduction] {
                            if let e = estimate {
                                #expect(e.value.isFinite && e.lower.isFinite && e.upper.isFinite, "\(context)")
                            } else {
                                #expect(comparison.notDefined != nil, "\(context)")
                            }
                        }
                    }
                }
            }
        }
        print("scenario mutants: \(mutants) (\(refused) refused with located errors, \(ran) ran to finite figures)")
        #expect(mutants > 1_000 && refused > 0 && ran > 0)
        try? FileManager.default.removeItem(at: folder)
    }

    /// The same for every numeric field of every bundled sweep file: it loads
    /// (every point validated) or is refused with located errors.
    @Test func everyNumericFieldOfEveryBundledSweepLoadsOrIsRefusedAtItsLine() throws {
        let sweeps = ScenarioLoadingTests.scenarios.deletingLastPathComponent().appendingPathComponent("Sweeps")
        let files = try FileManager.default.contentsOfDirectory(atPath: sweeps.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!files.isEmpty)
        // Next to a copy of the scenario library, as the bundled sweeps name their scenarios relatively.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-sweep-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Sweeps"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ScenarioLoadingTests.scenarios, to: folder.appendingPathComponent("Scenarios"))
        var mutants = 0
        for file in files {
            let original = try String(contentsOf: sweeps.appendingPathComponent(file), encoding: .utf8)
            let path = folder.appendingPathComponent("Sweeps").appendingPathComponent("mutant-of-\(file)").path
            for field in try Self.numericFields(original) {
                for value in Self.hostile where value != field.text {
                    mutants += 1
                    try Self.mutate(original, field, to: value).write(toFile: path, atomically: false, encoding: .utf8)
                    do {
                        let spec = try SweepSpec.load(path: path)
                        #expect(!spec.points.isEmpty && spec.points.count <= Limits.sweepPoints)
                    } catch {
                        #expect(!error.issues.isEmpty && error.issues.allSatisfy { $0.line > 0 }, "\(file):\(field.line) = \(value): \(error)")
                    }
                }
            }
        }
        print("sweep mutants: \(mutants)")
        #expect(mutants > 50)
        try? FileManager.default.removeItem(at: folder)
    }
}
