@testable import ALVHKit
import Foundation
import Testing
import Yams

/// The "Limits" table of Scenarios/README.md is what the reader enforces:
/// for every key it lists, a bundled scenario with that key set just below
/// and just above its documented range is refused at that key.
@Suite struct ScenarioLimitTests {
    struct Limit {
        let key: String
        let lower: Double
        let upper: Double
        let lowerOpen: Bool
    }

    /// The rows of the table.
    static func documentedLimits() throws -> [Limit] {
        let readme = try String(
            contentsOf: ScenarioLoadingTests.scenarios.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "## Limits") else { return [] }
        var limits: [Limit] = []
        for line in readme[start.upperBound...].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, let key = cells[0].split(separator: "`").first.map(String.init) else { continue }
            let range = cells[1]
            let ends = range.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let lower = Double(ends[0]), let upper = Double(ends[1]) else { continue }
            limits.append(Limit(key: key, lower: lower, upper: upper, lowerOpen: range.hasPrefix("(")))
        }
        return limits
    }

    /// Concrete key paths for a documented one: each `[]` becomes an index.
    static func candidates(_ key: String) -> [String] {
        var results = [""]
        var rest = Substring(key)
        while let range = rest.range(of: "[]") {
            let prefix = rest[..<range.lowerBound]
            results = results.flatMap { head in (0..<6).map { head + prefix + "[\($0)]" } }
            rest = rest[range.upperBound...]
        }
        return results.map { $0 + rest }
    }

    /// The scalar at exactly `keyPath` in `node` (list items by index).
    static func scalar(at keyPath: String, in node: Node) -> (node: Node, keyNode: Node?)? {
        var current = node
        var keyNode: Node?
        for component in keyPath.split(separator: ".") {
            let pieces = component.split(separator: "[")
            guard case .mapping(let mapping) = current,
                  let entry = mapping.first(where: { $0.key.scalar?.string == String(pieces[0]) }) else { return nil }
            current = entry.value
            keyNode = entry.key
            for index in pieces.dropFirst() {
                guard let i = Int(index.dropLast()), case .sequence(let items) = current, items.indices.contains(i) else { return nil }
                current = items[i]
                keyNode = nil
            }
        }
        guard case .scalar = current else { return nil }
        return (current, keyNode)
    }

    /// Keys written instead of another that excludes them, or in a list the library does not use.
    static let partners: [String: String] = [
        "condor.equityAtRisk": "contracts", "vegaShare": "budgetFraction", "shortStrikes.delta": "standardDeviations",
        "wings.delta": "points", "strike.delta": "futureMultiple",
    ]

    static func replace(_ text: String, at node: Node, length: Int, with value: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let mark = node.mark!
        lines[mark.line - 1].replaceSubrange((mark.column - 1)..<(mark.column - 1 + length), with: Array(value))
        return lines.map { String($0) }.joined(separator: "\n")
    }

    @Test func everyDocumentedLimitIsEnforcedAtItsKey() throws {
        let limits = try Self.documentedLimits()
        #expect(limits.count > 80)
        let source = ScenarioLoadingTests.scenarios
        let files = try FileManager.default.contentsOfDirectory(atPath: source.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alvh-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files { try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file)) }
        let texts = try files.map { try String(contentsOf: source.appendingPathComponent($0), encoding: .utf8) }
        let trees = try texts.map { try Yams.compose(yaml: $0)! }
        let mutant = folder.appendingPathComponent("limit-mutant.yaml").path
        // Keys no bundled file writes: a small scenario over W1 that does.
        let hedged = "strategies:\n  - {name: u, hedge: none}\n  - name: h\n    hedge: vixCalls\n"
            + "    layers: [{name: near, expiryDays: 21, strike: {futureMultiple: 1.1}, weight: 1}]\n"
        let layer = "strategies:\n  - {name: u, hedge: none}\n  - name: h\n    hedge: vixCalls\n"
            + "    layers: [{name: near, expiryDays: 756, strike: {futureMultiple: 1.1}, weight: 1, "
        // Futures and ETNs take no strike.
        let linear = "strategies:\n  - {name: u, hedge: none}\n  - name: h\n    hedge: vixCalls\n"
            + "    layers: [{name: near, expiryDays: 756, weight: 1, "
        let vxth = "strategies:\n  - {name: u, hedge: none}\n  - name: x\n    hedge: vxth\n"
        let constructed: [String: (String) -> (yaml: String, path: String)] = [
            "substeps": { ("substeps: \($0)\n", "substeps") },
            "cashRate": { ("cashRate: \($0)\n", "cashRate") },
            "market.riskNeutral.xi": { ("market:\n  riskNeutral: {xi: \($0)}\n", "market.riskNeutral.xi") },
            "market.physical.rhoJ": { ("market:\n  physical: {rhoJ: \($0)}\n", "market.physical.rhoJ") },
            "market.riskNeutral.lambdaV": { ("market:\n  riskNeutral: {lambdaV: \($0), muV: 0.001}\n", "market.riskNeutral.lambdaV") },
            "market.riskNeutral.muV": { ("market:\n  riskNeutral: {lambdaV: 1, muV: \($0)}\n", "market.riskNeutral.muV") },
            "market.riskNeutral.ssviRho": {
                ("market:\n  spxSmile: ssvi\n  riskNeutral: {ssviRho: \($0), ssviEta: 1}\n", "market.riskNeutral.ssviRho")
            },
            "market.riskNeutral.ssviEta": {
                ("market:\n  spxSmile: ssvi\n  riskNeutral: {ssviRho: -0.5, ssviEta: \($0)}\n", "market.riskNeutral.ssviEta")
            },
            "market.bootstrap.blockDays": {
                ("market:\n  bootstrap: {from: 2006-01-03, to: 2007-01-03, blockDays: \($0)}\n", "market.bootstrap.blockDays")
            },
            "expectedDurations[]": { ("regimes:\n  - {name: b}\nexpectedDurations: [\($0), 10]\n", "expectedDurations[0]") },
            "regimes[].phaseInDays": {
                ("regimes:\n  - {name: b, phaseInDays: \($0)}\nexpectedDurations: [10, 10]\n", "regimes[0].phaseInDays")
            },
            "market.phaseInDays": { ("market:\n  phaseInDays: \($0)\n", "market.phaseInDays") },
            "regimes[].breadthDrift": {
                ("regimes:\n  - {name: b, breadthDrift: \($0)}\nexpectedDurations: [10, 10]\n", "regimes[0].breadthDrift")
            },
            "events[].varianceShock.mean": {
                ("events:\n  - {type: X, days: [5], spxShock: {mean: 0, sd: 0.01}, varianceShock: {mean: \($0), sd: 0.1}}\n",
                 "events[0].varianceShock.mean")
            },
            "events[].varianceShock.multiplier": {
                ("events:\n  - {type: X, days: [5], spxShock: {mean: 0, sd: 0.01}, varianceShock: {multiplier: \($0), sd: 0.1}}\n",
                 "events[0].varianceShock.multiplier")
            },
            "events[].days[]": { ("events:\n  - {type: X, days: [\($0)], spxShock: {mean: 0, sd: 0.01}}\n", "events[0].days[0]") },
            "shocks[].days[]": { ("shocks:\n  - {days: [\($0), 10], spxReturn: -0.01}\n", "shocks[0].days[0]") },
            "shocks[].targetVIX": { ("shocks:\n  - {day: 5, targetVIX: \($0)}\n", "shocks[0].targetVIX") },
            "condor.management.stopLoss": { ("condor:\n  management: {stopLoss: \($0)}\n", "condor.management.stopLoss") },
            "condor.management.takeProfit": { ("condor:\n  management: {takeProfit: \($0)}\n", "condor.management.takeProfit") },
            "condor.management.testedSide.fraction": {
                ("condor:\n  management:\n    testedSide: {fraction: \($0)}\n", "condor.management.testedSide.fraction")
            },
            "condor.management.testedSide.rollDays": {
                ("condor:\n  management:\n    testedSide: {rollDays: \($0)}\n", "condor.management.testedSide.rollDays")
            },
            "condor.management.testedSide.rollWhenVIXRSIAbove": {
                ("condor:\n  management:\n    testedSide: {rollWhenVIXRSIAbove: \($0)}\n",
                 "condor.management.testedSide.rollWhenVIXRSIAbove")
            },
            "condor.management.shrink.realisedOverImplied": {
                ("condor:\n  management:\n    shrink: {realisedOverImplied: \($0)}\n", "condor.management.shrink.realisedOverImplied")
            },
            "condor.management.shrink.factor": {
                ("condor:\n  management:\n    shrink: {factor: \($0)}\n", "condor.management.shrink.factor")
            },
            "strategies[].vegaNeutral.band": { (hedged + "    vegaNeutral: {band: \($0)}\n", "strategies[1].vegaNeutral.band") },
            "strategies[].strikeIncrement": { (hedged + "    strikeIncrement: \($0)\n", "strategies[1].strikeIncrement") },
            "strategies[].layers[].shortStrike.futureMultiple": {
                (layer + "instrument: callSpread, shortStrike: {futureMultiple: \($0)}}]\n", "strategies[1].layers[0].shortStrike.futureMultiple")
            },
            "strategies[].layers[].shortStrike.delta": {
                (layer + "instrument: callSpread, shortStrike: {delta: \($0)}}]\n", "strategies[1].layers[0].shortStrike.delta")
            },
            "strategies[].layers[].shortExpiryDays": {
                (layer + "instrument: calendar, shortExpiryDays: \($0)}]\n", "strategies[1].layers[0].shortExpiryDays")
            },
            "strategies[].layers[].activation.vixAbove": {
                (layer + "activation: {vixAbove: \($0)}}]\n", "strategies[1].layers[0].activation.vixAbove")
            },
            "strategies[].layers[].activation.rollDays": {
                (layer + "activation: {vixAbove: 20, rollDays: \($0)}}]\n", "strategies[1].layers[0].activation.rollDays")
            },
            "strategies[].layers[].budgetPerContract": {
                (linear + "instrument: future, budgetPerContract: \($0)}]\n", "strategies[1].layers[0].budgetPerContract")
            },
            "strategies[].layers[].halfSpread": {
                (linear + "instrument: future, budgetPerContract: 800, halfSpread: \($0)}]\n", "strategies[1].layers[0].halfSpread")
            },
            "strategies[].layers[].yearlyFee": {
                (linear + "instrument: etn, yearlyFee: \($0)}]\n", "strategies[1].layers[0].yearlyFee")
            },
            "strategies[].layers[].halfSpreadFraction": {
                (linear + "instrument: etn, halfSpreadFraction: \($0)}]\n", "strategies[1].layers[0].halfSpreadFraction")
            },
            "strategies[].execution.minimumPremium": {
                (hedged + "    execution: {minimumPremium: \($0)}\n", "strategies[1].execution.minimumPremium")
            },
            "strategies[].execution.maximumCostToPremium": {
                (hedged + "    execution: {maximumCostToPremium: \($0)}\n", "strategies[1].execution.maximumCostToPremium")
            },
            "strategies[].execution.tick.threshold": {
                (hedged + "    execution: {tick: {threshold: \($0), belowThreshold: 0.01, fromThreshold: 0.05}}\n",
                 "strategies[1].execution.tick.threshold")
            },
            "strategies[].execution.tick.belowThreshold": {
                (hedged + "    execution: {tick: {belowThreshold: \($0), fromThreshold: 0.05}}\n", "strategies[1].execution.tick.belowThreshold")
            },
            "strategies[].execution.tick.fromThreshold": {
                (hedged + "    execution: {tick: {belowThreshold: 0.01, fromThreshold: \($0)}}\n", "strategies[1].execution.tick.fromThreshold")
            },
            "strategies[].bands[].futureAbove": {
                (vxth + "    bands: [{futureAbove: \($0), equityShare: 0.01}]\n", "strategies[1].bands[0].futureAbove")
            },
            "strategies[].bands[].equityShare": {
                (vxth + "    bands: [{futureAbove: 20, equityShare: \($0)}]\n", "strategies[1].bands[0].equityShare")
            },
        ]
        var checked = 0
        for limit in limits {
            let whole = limit.lower == limit.lower.rounded() && limit.upper == limit.upper.rounded() && abs(limit.upper) >= 5
                && !limit.key.hasSuffix("Equity")
            func format(_ x: Double) -> String { whole && abs(x) < 1e18 ? String(Int(x)) : "\(x)" }
            let below = limit.lowerOpen ? format(limit.lower) : format(whole ? limit.lower - 1 : limit.lower - max(abs(limit.lower) * 0.5, 1e-3))
            let above = limit.upper >= 9e18 ? "9223372036854775808" : format(whole ? limit.upper + 1 : limit.upper + max(abs(limit.upper) * 0.5, 1))
            var placed = false
            for value in [below, above] {
                var found: [ScenarioIssue]?
                var path = limit.key
                search: for candidate in Self.candidates(limit.key) {
                    for (index, tree) in trees.enumerated() {
                        var target = Self.scalar(at: candidate, in: tree)
                        var keyRename: (node: Node, from: String)?
                        let last = candidate.split(separator: ".").last.map(String.init) ?? ""
                        let partner = Self.partners.first { candidate.hasSuffix($0.key) }?.value
                        if target == nil, let partner {
                            let sibling = candidate.dropLast(last.count) + partner
                            if let other = Self.scalar(at: String(sibling), in: tree), let keyNode = other.keyNode {
                                target = other
                                keyRename = (keyNode, partner)
                            }
                        }
                        guard let target else { continue }
                        var text = Self.replace(texts[index], at: target.node, length: target.node.scalar!.string.count, with: value)
                        if let rename = keyRename {
                            text = Self.replace(text, at: rename.node, length: rename.from.count, with: last)
                        }
                        try text.write(toFile: mutant, atomically: false, encoding: .utf8)
                        found = ReliabilityTests.issues(mutant)
                        path = candidate
                        break search
                    }
                }
                if found == nil, let build = constructed[limit.key] {
                    let (yaml, keyPath) = build(value)
                    try ("extends: w1.yaml\n" + yaml).write(toFile: mutant, atomically: false, encoding: .utf8)
                    found = ReliabilityTests.issues(mutant)
                    path = keyPath
                }
                guard let issues = found else { continue }
                placed = true
                checked += 1
                #expect(
                    issues.contains { $0.keyPath == path && $0.line > 0 && $0.message.hasPrefix("must") },
                    "\(limit.key) = \(value): \(issues.map(\.description))")
            }
            #expect(placed, "README limit \(limit.key) is not written by any bundled scenario and has no constructed case")
        }
        print("documented limits checked: \(limits.count) keys, \(checked) values just outside their ranges")
        try? FileManager.default.removeItem(at: folder)
    }
}
