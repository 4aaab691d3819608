@testable import ALVHKit
import Foundation
import Testing

/// Strict validation of regimes, events, shocks and `extends`.
@Suite struct ScenarioValidationTests {
    /// Writes files into a fresh folder and returns the folder.
    func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-scn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    let base = """
        name: base
        horizonDays: 63
        market:
          spot: 5000
          v0: 0.02
          r: 0.04
          q: 0.01
          regime: calm
          physical: {mu: 0.05, kappa: 4, theta: 0.02, xi: 0.5, rho: -0.7}
          riskNeutral: {kappa: 3, theta: 0.03}

        """

    func issues(_ text: String, extra: [String: String] = [:]) throws -> [String] {
        var files = extra
        files["child.yaml"] = text
        let folder = try folder(files)
        do {
            _ = try Scenario.load(path: folder.appendingPathComponent("child.yaml").path)
            return []
        } catch {
            return error.issues.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line): \($0.keyPath): \($0.message)" }
        }
    }

    @Test func regimesEventsAndShocksLoad() throws {
        let folder = try folder(["base.yaml": base, "child.yaml": """
            extends: base.yaml
            regimes:
              - {name: storm, physical: {mu: -1, theta: 0.2}, riskNeutral: {theta: 0.1}, breadthDrift: -0.5}
            expectedDurations: [40, 10]
            initialRegime: [0.9, 0.1]
            events:
              - {type: FOMC, perYear: 8, firstDay: 5, spxShock: {sd: 0.02}, varianceShock: {sd: 0.1}}
              - {type: CPI, days: [3, 24], spxShock: {mean: -0.001, sd: 0.015}}
            shocks:
              - {days: [10, 12], spxReturn: -0.02}
              - {day: 20, targetVIX: 40, regime: storm}
            """])
        let scenario = try Scenario.load(path: folder.appendingPathComponent("child.yaml").path)
        let configuration = scenario.configuration
        #expect(configuration.allRegimes.map(\.name) == ["calm", "storm"])
        #expect(configuration.regimes[0].physical.theta == 0.2 && configuration.regimes[0].physical.kappa == 4)
        #expect(configuration.regimes[0].riskNeutral.theta == 0.1 && configuration.regimes[0].breadthDrift == -0.5)
        let stay: Double = 1 - 1.0 / 40
        let leave: Double = 1.0 / 40
        #expect(configuration.regimeChain.transitions[0] == [stay, leave])
        #expect(configuration.regimeChain.initial == [0.9, 0.1])
        #expect(configuration.events.filter { $0.kind == "FOMC" }.map(\.day) == [5, 37])  // 5 + 31.5 rounded
        #expect(configuration.events.filter { $0.kind == "CPI" }.map(\.day) == [3, 24])
        #expect(configuration.shocks == [
            ScriptedShock(firstDay: 10, lastDay: 12, spxLogReturn: -0.02),
            ScriptedShock(firstDay: 20, targetVIX: 40, regime: 1),
        ])
    }

    @Test func badRegimesAreReportedWhereTheyStand() throws {
        let found = try issues("""
            extends: base.yaml
            regimes:
              - {name: storm, physical: {rho: 1.5}}
              - {name: calm}
            transitions:
              - [0.9, 0.2, 0]
              - [0.5, 0.5]
            shocks:
              - {day: 80, regime: hurricane}
            """, extra: ["base.yaml": base])
        #expect(found.contains("child.yaml:3: regimes[0].physical.rho: must lie in [-1, 1], got 1.5"))
        #expect(found.contains { $0.hasPrefix("child.yaml:4: regimes[1].name: regime name 'calm' is used twice") })
        #expect(found.contains { $0.hasPrefix("child.yaml:6: transitions[0]: must be probabilities summing to 1") })
        #expect(found.contains { $0.hasPrefix("child.yaml:7: transitions[1]: has 2 entries, expected 3") })
        #expect(found.contains("child.yaml:9: shocks[0].day: day 80 is after the horizon (63 days)"))
        #expect(found.contains { $0.contains("shocks[0].regime: no regime is named 'hurricane'") })
    }

    @Test func problemsInAnExtendedFileNameThatFile() throws {
        let found = try issues("extends: base.yaml\n", extra: ["base.yaml": base.replacingOccurrences(of: "xi: 0.5", with: "xi: -0.5") + "bogus: 1\n"])
        #expect(found.contains("base.yaml:9: market.physical.xi: must lie in [0.0001, 20], got -0.5"))
        #expect(found.contains("base.yaml:11: bogus: unknown key"))
    }

    @Test func extendsCyclesAndMissingParentsAreErrors() throws {
        let cycle = try issues("extends: a.yaml\n", extra: ["a.yaml": "extends: child.yaml\n"])
        #expect(cycle.count == 1 && cycle[0].contains("a.yaml:1: extends:") && cycle[0].contains("a cycle"))
        let missing = try issues("extends: nowhere.yaml\n")
        #expect(missing == ["child.yaml:1: extends: cannot read 'nowhere.yaml'"])
    }

    @Test func eventsAfterTheHorizonAndThresholdsOutOfOrderAreErrors() throws {
        let found = try issues("""
            extends: base.yaml
            events:
              - {type: CPI, days: [10, 70], spxShock: {sd: 0.01}}
            strategies:
              - name: alvh
                hedge: vixCalls
                layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.1}, weight: 1}]
                triggers:
                  - {vixCrossesAbove: 22, layer: near}
                  - {vixCrossesAbove: 18, layer: near}
            """, extra: ["base.yaml": base])
        #expect(found.contains { $0.hasPrefix("child.yaml:3: events[0].days: day 70 is after the horizon") })
        #expect(found.contains { $0.contains("strategies[0].triggers: VIX thresholds must increase") })
    }

    @Test func exclusiveKeysAreOneIssue() throws {
        let found = try issues("extends: base.yaml\ncondor: {contracts: 1, equityAtRisk: 0.1}\n", extra: ["base.yaml": base])
        #expect(found == ["child.yaml:2: condor.contracts: give contracts or equityAtRisk, not both"])
    }

    /// A file's choice replaces an inherited one of the same kind: `extends:`
    /// and sweep axes can switch sizing and strike rules without copying the chain.
    @Test func aChoiceReplacesAnInheritedOne() throws {
        let w1 = ScenarioLoadingTests.scenarios.appendingPathComponent("w1.yaml").path
        let folder = try folder([
            "child.yaml": """
                extends: \(w1)
                condor:
                  equityAtRisk: 0.1
                  shortStrikes: {delta: 0.2}
                  wings: {delta: 0.05}
                strategies:
                  - name: h
                    hedge: vixCalls
                    vegaShare: 1
                    layers: [{name: near, expiryDays: 21, strike: {delta: 0.3}, weight: 1}]
                """,
            "grandchild.yaml": "extends: child.yaml\ncondor: {contracts: 5, shortStrikes: {standardDeviations: 1}}\n",
        ])
        let child = try Scenario.load(path: folder.appendingPathComponent("child.yaml").path).configuration
        #expect(child.condor.sizing == .equityAtRisk(0.1))
        #expect(child.condor.shortStrikes == .delta(0.2) && child.condor.wings == .delta(0.05))
        let back = try Scenario.load(path: folder.appendingPathComponent("grandchild.yaml").path).configuration
        #expect(back.condor.sizing == .contracts(5) && back.condor.shortStrikes == .standardDeviations(1))
        #expect(back.condor.wings == .delta(0.05))
        // A sweep axis (an override) replaces the file's choice the same way.
        let swept = try Scenario.load(
            path: w1, overrides: [
                ScenarioOverride(keyPath: "condor.equityAtRisk", value: "0.2", file: "sweep.yaml"),
                ScenarioOverride(keyPath: "condor.shortStrikes.delta", value: "0.16", file: "sweep.yaml"),
            ]
        ).configuration
        #expect(swept.condor.sizing == .equityAtRisk(0.2) && swept.condor.shortStrikes == .delta(0.16))
        // Both in one file is still one issue.
        let found = try issues("extends: base.yaml\ncondor: {shortStrikes: {delta: 0.2, standardDeviations: 1}}\n", extra: ["base.yaml": base])
        #expect(found == ["child.yaml:2: condor.shortStrikes: must have exactly one of: standardDeviations, delta"])
    }

    @Test func severalRegimesNeedTransitions() throws {
        let found = try issues("extends: base.yaml\nregimes: [{name: storm}]\n", extra: ["base.yaml": base])
        #expect(found.contains { $0.contains("give transitions or expectedDurations") })
    }
}
