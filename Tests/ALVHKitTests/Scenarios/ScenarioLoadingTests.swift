@testable import ALVHKit
import Foundation
import Testing

@Suite struct ScenarioLoadingTests {
    /// The repository's Scenarios folder.
    static var scenarios: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("Scenarios")
    }

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func bundledW1IsExactlyW1() throws {
        let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent("w1.yaml").path)
        #expect(scenario.configuration == StressConfiguration.w1)
        #expect(scenario.paths == 100_000)
        #expect(scenario.name == "w1")
    }

    @Test func everyBundledScenarioLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.scenarios.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 2)
        for file in files {
            let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent(file).path)
            #expect(!scenario.configuration.strategies.isEmpty, "\(file)")
        }
    }

    @Test func adaptiveScenarioSwitchesEveryTriggerOn() throws {
        let scenario = try Scenario.load(path: Self.scenarios.appendingPathComponent("w1-adaptive.yaml").path)
        guard case .vixCalls(let hedge) = scenario.configuration.strategies[3].hedge else {
            Issue.record("alvh-adaptive is not a VIX-call hedge")
            return
        }
        #expect(hedge.triggers.count == 7)
        #expect(hedge.triggers[2] == LayerTrigger(condition: .vixCrossesAbove(28), layer: 2))
        #expect(hedge.rebalance == RebalanceRule(everyDays: 5, breadthMove: 0.07))
    }

    @Test func everyProblemIsReportedWithLineColumnAndKeyPath() throws {
        let path = try write("""
            horizonDays: 0
            market:
              spot: -1
              v0: abc
              r: 0.04
              q: 0
              physical: {mu: 0, kappa: 1, theta: 0.04, xi: 0.5, rho: 1.5, bogus: 3}
              riskNeutral: {kappa: 1, theta: 0.04}
            strategies:
              - {name: a, hedge: none}
              - {name: a, hedge: sometimes}
            extra: 1
            """)
        do {
            _ = try Scenario.load(path: path)
            Issue.record("a bad scenario loaded")
        } catch {
            let lines = error.issues.map(\.description)
            #expect(lines.contains("\(path):1:14: horizonDays: must be at least 1, got 0"))
            #expect(lines.contains("\(path):3:9: market.spot: must lie in [0.01, 10000000], got -1.0"))
            #expect(lines.contains("\(path):4:7: market.v0: must be a number, got 'abc'"))
            #expect(lines.contains { $0.hasPrefix("\(path):7:") && $0.contains("market.physical.rho: must lie in [-1, 1]") })
            #expect(lines.contains { $0.contains("market.physical.bogus: unknown key") })
            #expect(lines.contains { $0.contains("strategies[1].hedge: must be one of: none, vixCalls, vxth") })
            #expect(lines.contains("\(path):12:1: extra: unknown key"))
            #expect(error.issues.count == 7, "\(lines)")
        }
    }

    @Test func syntaxErrorsAndMissingFilesAreOneIssue() throws {
        let path = try write("name: x\n  bad: [\n")
        #expect(throws: ScenarioError.self) { try Scenario.load(path: path) }
        do { _ = try Scenario.load(path: "/nonexistent/scenario.yaml") } catch {
            #expect(error.issues.count == 1)
            #expect(error.description.contains("/nonexistent/scenario.yaml"))
        }
    }

    @Test func missingRequiredValuesAreNamed() throws {
        let path = try write("market: {spot: 5000}\n")
        do {
            _ = try Scenario.load(path: path)
            Issue.record("loaded")
        } catch {
            let text = error.description
            for key in ["horizonDays: is required", "market.v0: is required", "market.physical: is required"] {
                #expect(text.contains(key), "\(text)")
            }
        }
    }
}

/// An unknown key that is a typo of a known one is named with the key meant.
@Suite struct UnknownKeySuggestionTests {
    @Test func typosGetTheKeyMeant() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-typo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("typo.yaml").path
        let w1 = ScenarioLoadingTests.scenarios.appendingPathComponent("w1.yaml").path
        try "extends: \(w1)\nmarket:\n  physical:\n    kapa: 3\n  riskneutral: {}\ncondor:\n  contracs: 10\nwidget: 1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Scenario.load(path: path) } throws: { error in
            let messages = Dictionary(uniqueKeysWithValues: ((error as? ScenarioError)?.issues ?? []).map { ($0.keyPath, $0.message) })
            return messages["market.physical.kapa"] == "unknown key (did you mean 'kappa'?)"
                && messages["market.riskneutral"] == "unknown key (did you mean 'riskNeutral'?)"
                && messages["condor.contracs"] == "unknown key (did you mean 'contracts'?)"
                && messages["widget"] == "unknown key"
        }
        #expect(NearestName.editDistance("kitten", "sitting") == 3 && NearestName.editDistance("", "abc") == 3)
    }
}
