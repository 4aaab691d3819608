@testable import ALVHKit
import Foundation
import Testing

/// Every numeric default Scenarios/README.md documents is the one a scenario
/// that leaves the key out gets: the tables' default column, the defaults in
/// parentheses of mappings that are off until given (`testedSide: {}`), and
/// the VXTH bullet. A documented key without a check here fails, so the
/// docs, the types and this test move together.
@Suite struct ScenarioDefaultTests {
    static let minimal = """
        horizonDays: 21
        market:
          spot: 5000
          v0: 0.04
          r: 0.04
          q: 0.01
          physical: {mu: 0.07, kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7}
          riskNeutral: {kappa: 2, theta: 0.04}
        strategies:
          - {name: u, hedge: none}
          - name: h
            hedge: vixCalls
            layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.1}, weight: 1}]
        %@
          - {name: x, hedge: vxth}

        """

    /// A scenario that gives only the required keys (and the empty mappings of `extra`).
    static func load(hedgeExtra: String = "", top: String = "", marketExtra: String = "") throws -> Scenario {
        let text = top + minimal.replacingOccurrences(of: "%@\n", with: hedgeExtra)
            .replacingOccurrences(of: "  riskNeutral: {kappa: 2, theta: 0.04}\n", with: "  riskNeutral: {kappa: 2, theta: 0.04}\n" + marketExtra)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-defaults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("minimal.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try Scenario.load(path: path)
    }

    /// The numbers written in `text`, in order (`{everyDays: 5, breadthMove: 0.07}` gives 5 and 0.07).
    static func numbers(_ text: String) -> [(value: Double, decimals: Int)] {
        var found: [(Double, Int)] = []
        var current = ""
        for character in text + " " {
            if character.isNumber || (character == "." && !current.isEmpty) {
                current.append(character)
            } else {
                if let value = Double(current) {
                    found.append((value, current.split(separator: ".").dropFirst().first?.count ?? 0))
                }
                current = ""
            }
        }
        return found
    }

    /// Whether `actual` is what `documented` says to the digits it is written with.
    static func agrees(_ actual: Double, _ documented: (value: Double, decimals: Int)) -> Bool {
        abs(actual - documented.value) <= 0.5 * pow(10, -Double(documented.decimals)) + 1e-12
    }

    @Test func documentedDefaultsAreTheDecodedOnes() throws {
        let plain = try Self.load()
        let offsOn = try Self.load(
            hedgeExtra: "    monetise: {}\n    vegaNeutral: {}\n",
            top: "condor:\n  management: {testedSide: {}, shrink: {}}\n")
        let c = plain.configuration
        guard case .vixCalls(let hedge) = c.strategies[1].hedge, case .vxth(let vxth) = c.strategies[2].hedge,
              case .vixCalls(let hedgeOn) = offsOn.configuration.strategies[1].hedge else {
            Issue.record("the minimal scenario's strategies did not decode")
            return
        }
        let condorOn = offsOn.configuration.condor.management
        let bootstrapped = try Self.load(marketExtra: "  bootstrap: {from: 2006-01-03, to: 2007-01-03}\n").configuration
        func costs(_ t: TradingCosts) -> [Double] { [t.commission, t.halfSpread] }
        // section / key -> the decoded values the documented default (or the parenthesised defaults) must equal.
        let checks: [String: [Double]] = [
            "Top level/paths": [Double(plain.paths)], "Top level/seed": [Double(plain.seed)],
            "Top level/substeps": [Double(c.substeps)], "Top level/startingEquity": [c.startingEquity],
            "Top level/cashRate": [c.cashRate], "Top level/claims.materiality": [c.materiality],
            "`market`/physical.lambda": [c.physical.jumpIntensity], "`market`/physical.muJ": [c.physical.jumpMean],
            "`market`/physical.sigJ": [c.physical.jumpVolatility], "`market`/physical.muV": [c.physical.varianceJumpMean],
            "`market`/physical.rhoJ": [c.physical.jumpOnVarianceJump],
            "`market`/phaseInDays": [Double(c.basePhaseInDays)],
            "`market`/riskNeutral.lambda": [c.riskNeutral.jumpIntensity], "`market`/riskNeutral.muJ": [c.riskNeutral.jumpMean],
            "`market`/riskNeutral.sigJ": [c.riskNeutral.jumpVolatility],
            "`market`/riskNeutral.lambdaV": [c.riskNeutral.qVariance.jumpIntensity], "`market`/riskNeutral.muV": [c.riskNeutral.qVariance.jumpMean],
            "`market`/riskNeutral.smileBeta": [c.riskNeutral.smileBeta],
            "`market`/riskNeutral.smileGamma": [c.riskNeutral.smileGamma],
            "`condor`/daysToExpiry": [Double(c.condor.daysToExpiry)], "`condor`/cycleSpacing": [Double(c.condor.cycleSpacing)],
            "`condor`/shortStrikes": c.condor.shortStrikes == .standardDeviations(1.5) ? [1.5] : [],
            "`condor`/wings": c.condor.wings == .points(50) ? [50] : [],
            "`condor`/strikeIncrement": [c.condor.strikeIncrement],
            "`condor`/contracts": c.condor.sizing == .contracts(20) ? [20] : [],
            "`condor`/minimumCreditToRisk": [c.condor.minimumCreditToRisk],
            "`condor`/costs.commission": [c.condor.costs.commission], "`condor`/costs.halfSpread": [c.condor.costs.halfSpread],
            "`condor`/management.testedSide": condorOn.testedSide.map {
                [$0.fraction, Double($0.rollDays), $0.rollWhenVIXRSIAbove]
            } ?? [],
            "`condor`/management.shrink": condorOn.shrink.map { [$0.realisedOverImplied, $0.factor] } ?? [],
            "`strategies`/budgetFraction": hedge.budget == .creditFraction(0.2) ? [0.2] : [],
            "`strategies`/monetise": hedgeOn.monetise.map { [$0.vixAtLeast, $0.valueMultipleAtLeast] } ?? [],
            "`strategies`/rebalance": [Double(hedge.rebalance.everyDays), hedge.rebalance.breadthMove ?? .nan],
            "`strategies`/vegaNeutral": hedgeOn.vegaNeutral.map { [$0.band] } ?? [],
            "`strategies`/strikeIncrement": [hedge.strikeIncrement], "`strategies`/costs": costs(hedge.costs),
            "`breadth`/beta": [c.breadth.beta], "`breadth`/volatility": [c.breadth.volatility],
            "`breadth`/divergenceDrift": [c.breadth.divergenceDrift], "`breadth`/lookback": [Double(c.breadth.lookback)],
            "vxth": [Double(vxth.expiryDays), vxth.delta, vxth.strikeIncrement],
            "`market`/bootstrap": [bootstrapped.bootstrap?.blockDays ?? .nan],
        ]
        // Off until given: nothing of them is on in the minimal scenario.
        #expect(c.bootstrap == nil && c.condor.management == .none && hedge.monetise == nil && hedge.vegaNeutral == nil && hedge.triggers.isEmpty)
        let readme = try String(contentsOf: ScenarioLoadingTests.scenarios.appendingPathComponent("README.md"), encoding: .utf8)
        var section = ""
        var inKeyTable = false
        var checked: Set<String> = []
        for line in readme.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") { section = String(line.dropFirst(3)) }
            if line.hasPrefix("| key | unit | default | meaning |") { inKeyTable = true }
            if !line.hasPrefix("|") { inKeyTable = false }
            if line.hasPrefix("- `hedge: vxth`") {
                // `expiryDays` (21), `delta` (0.30), ... `strikeIncrement` (1): the bullet runs over three lines.
                let bullet = readme[readme.range(of: line)!.lowerBound...].prefix(220)
                let documented = ["expiryDays", "delta", "strikeIncrement"].compactMap { key in
                    bullet.range(of: "`\(key)` (").map { Self.numbers(String(bullet[$0.upperBound...].prefix(6)))[0] }
                }
                #expect(documented.count == 3 && zip(checks["vxth"]!, documented).allSatisfy { Self.agrees($0, $1) }, "vxth: \(documented)")
                checked.insert("vxth")
                continue
            }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard inKeyTable, cells.count == 6, cells[1].hasPrefix("`") else { continue }
            let key = cells[1].replacingOccurrences(of: "`", with: "")
            let documentedDefault = cells[3]
            var documented: [(value: Double, decimals: Int)] = []
            if documentedDefault == "off" {
                // The defaults a mapping gets once given: the bare numbers in parentheses of its meaning.
                documented = cells[4].split(separator: "(").dropFirst().compactMap { part in
                    let inside = String(part.prefix { $0 != ")" })
                    return Double(inside) != nil ? Self.numbers(inside).first : nil
                }
            } else if documentedDefault.first?.isNumber == true || documentedDefault.hasPrefix("`{") {
                documented = Self.numbers(documentedDefault)
            }
            guard !documented.isEmpty else { continue }  // required, none, inferred, a name, off without defaults
            let id = "\(section)/\(key)"
            guard let actual = checks[id] else {
                Issue.record("Scenarios/README.md documents a default for \(id) (\(documentedDefault)) that no check here reads")
                continue
            }
            checked.insert(id)
            #expect(actual.count == documented.count && zip(actual, documented).allSatisfy { Self.agrees($0, $1) },
                    "\(id): documented \(documented.map(\.value)), decoded \(actual)")
        }
        #expect(checked == Set(checks.keys), "checks without a documented default: \(Set(checks.keys).subtracting(checked).sorted())")
    }
}
