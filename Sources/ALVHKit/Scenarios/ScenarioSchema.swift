import Foundation
import Yams

/// The JSON Schema of the scenario format (draft-07, for editors with the
/// YAML language server), generated from what the decoder reads
/// (`ScenarioKeyLog`): every key, its type and its range. The decoder reads
/// keys with defaults whether or not a file gives them, so reading the
/// exercise documents below, which open every mapping, list and branch
/// once, visits every key. Cross-key rules (one of two keys, sums of
/// probabilities, the horizon) stay the decoder's: the schema checks names,
/// types and ranges.
public enum ScenarioSchema {
    /// Scenarios that between them open every branch of the decoder: both
    /// smiles and Q variance dynamics, both ways of sizing the condor and the
    /// hedge, every hedge, trigger, event and shock form.
    static let exercises = [
        """
        extends: none.yaml
        name: a
        description: every branch, quadratic smile
        paths: 2
        seed: 1
        horizonDays: 63
        substeps: 1
        startingEquity: 1000000
        cashRate: 0
        market:
          spot: 5000
          v0: 0.04
          r: 0.04
          q: 0.01
          regime: base
          phaseInDays: 1
          spxSmile: quadratic
          qVariance: heston
          vixPricing: lognormal
          physical: {mu: 0.07, kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7, lambda: 0, muJ: 0, sigJ: 0, muV: 0, rhoJ: 0}
          riskNeutral: {kappa: 2, theta: 0.04, xi: 0.5, lambda: 0, muJ: 0, sigJ: 0, lambdaV: 0, muV: 0, smileBeta: 0, smileGamma: 0}
          bootstrap: {from: '2006-01-03', to: '2007-01-03', blockDays: 20}
        regimes:
          - name: r1
            phaseInDays: 1
            breadthDrift: 0
            physical: {mu: 0.07, kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7, lambda: 0, muJ: 0, sigJ: 0, muV: 0, rhoJ: 0}
            riskNeutral: {kappa: 2, theta: 0.04, xi: 0.5, lambda: 0, muJ: 0, sigJ: 0, lambdaV: 0, muV: 0, smileBeta: 0, smileGamma: 0}
        transitions: [[0.99, 0.01], [0.01, 0.99]]
        initialRegime: base
        events:
          - {type: FOMC, days: [5], spxShock: {mean: 0, sd: 0.01}, varianceShock: {mean: 0, sd: 0.1}}
          - {type: CPI, perYear: 12, firstDay: 3, spxShock: {mean: 0, sd: 0.01}, varianceShock: {multiplier: 1, sd: 0.1}}
        shocks:
          - {day: 3, spxReturn: -0.01, varianceMultiple: 1.2, targetVIX: 30, regime: r1}
          - {days: [3, 4], spxReturn: -0.01}
        condor:
          daysToExpiry: 21
          cycleSpacing: 21
          shortStrikes: {standardDeviations: 1.5}
          wings: {points: 50}
          strikeIncrement: 5
          contracts: 20
          minimumCreditToRisk: 0.3
          costs: {commission: 1, halfSpread: 0.05}
          management:
            takeProfit: 0.5
            stopLoss: 2
            testedSide: {fraction: 0.8, rollDays: 10, rollWhenVIXRSIAbove: 75, reopenOnCycle: true}
            shrink: {realisedOverImplied: 0.2, factor: 0.5}
        strategies:
          - {name: u, hedge: none}
          - name: h
            hedge: vixCalls
            budgetFraction: 0.2
            layers:
              - {name: near, expiryDays: 21, strike: {futureMultiple: 1.1}, refreshEveryCycles: 1, weight: 1, instrument: call}
              - {name: mid, expiryDays: 63, strike: {futureMultiple: 1.1}, weight: 1, instrument: callSpread, shortStrike: {futureMultiple: 1.5}}
              - {name: tail, expiryDays: 126, strike: {futureMultiple: 1.1}, weight: 1, instrument: calendar, shortExpiryDays: 42, activation: {vixAbove: 28, rollDays: 5}}
              - {name: put, expiryDays: 21, strike: {delta: 0.3}, weight: 1, instrument: putSpread, shortStrike: {delta: 0.1}}
              - {name: future, expiryDays: 42, weight: 1, instrument: future, budgetPerContract: 8000, halfSpread: 0.05}
              - {name: etn, expiryDays: 42, weight: 1, instrument: etn, yearlyFee: 0.0089, halfSpreadFraction: 0.0005}
              - {name: spx, expiryDays: 42, weight: 1, instrument: spxPutSpread, strike: {futureMultiple: 0.95}, shortStrike: {futureMultiple: 0.85}}
            monetise: {vixAtLeast: 28, valueMultiple: 2}
            triggers:
              - {vixCrossesAbove: 18, layer: near}
              - {spxRSIBelow: 30, layer: near}
              - {impliedVolatilityPercentileAbove: 80, layer: near}
              - {vixMACDBullishCrossover: true, layer: near}
              - {breadthDivergence: true, layer: near}
            rebalance: {everyDays: 5, breadthMove: 0.07}
            vegaNeutral: {band: 0.05, layer: near}
            strikeIncrement: 1
            costs: {commission: 1, halfSpread: 0.05}
            execution:
              wholeContracts: true
              budgetIncludesCosts: true
              minimumPremium: 0.05
              maximumCostToPremium: 1
              monetiseNetOfCosts: true
              tick: {threshold: 3, belowThreshold: 0.01, fromThreshold: 0.05}
          - name: x
            hedge: vxth
            matchSpend: h
            expiryDays: 21
            delta: 0.3
            bands: [{futureAbove: 15, equityShare: 0.01}]
            strikeIncrement: 1
            costs: {commission: 1, halfSpread: 0.05}
        comparisons: [{hedged: h, baseline: u}]
        claims: {alvh: [h], singleCall: h, unhedged: u}
        breadth: {beta: 1, volatility: 0.08, divergenceDrift: 0, lookback: 20}
        """,
        """
        horizonDays: 63
        market:
          spot: 5000
          v0: 0.04
          r: 0.04
          q: 0.01
          spxSmile: ssvi
          qVariance: lognormal
          physical: {mu: 0.07, kappa: 2, theta: 0.04, xi: 0.5, rho: -0.7}
          riskNeutral: {kappa: 2, theta: 0.04, xi: 0.5, ssviRho: -0.7, ssviEta: 1}
        regimes:
          - name: r1
            riskNeutral: {kappa: 2, theta: 0.04, xi: 0.5, ssviRho: -0.7, ssviEta: 1}
        expectedDurations: [100, 10]
        initialRegime: [1, 0]
        condor:
          shortStrikes: {delta: 0.2}
          wings: {delta: 0.05}
          equityAtRisk: 0.1
        strategies:
          - name: h
            hedge: vixCalls
            vegaShare: 1
            layers: [{name: near, expiryDays: 21, strike: {delta: 0.3}, weight: 1, instrument: callSpread, shortStrike: {delta: 0.1}}]
            execution: desk
        """,
    ]

    /// The key log of reading every exercise document.
    static func keyLog() -> ScenarioKeyLog {
        let log = ScenarioKeyLog()
        for (index, text) in exercises.enumerated() {
            let diagnostics = YAMLDiagnostics(file: "exercise-\(index).yaml")
            diagnostics.keyLog = log
            guard let node = try? Yams.compose(yaml: text) else { preconditionFailure("exercise \(index) is not YAML") }
            _ = ScenarioDecoder(diagnostics: diagnostics).decode([SourcedNode(node: node, file: "exercise-\(index).yaml")], fallbackName: "exercise")
        }
        return log
    }

    /// The schema of one key's value.
    static func schema(of kind: ScenarioKeyLog.Kind) -> [String: Any] {
        func bounds(_ range: NumberRange) -> [String: Any] {
            var result: [String: Any] = [:]
            if range.lower.isFinite && range.lower > -Double.greatestFiniteMagnitude {
                result[range.lowerOpen ? "exclusiveMinimum" : "minimum"] = range.lower
            }
            if range.upper.isFinite && range.upper < Double.greatestFiniteMagnitude { result["maximum"] = range.upper }
            return result
        }
        func whole(_ range: ClosedRange<Int>) -> [String: Any] {
            ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
        }
        switch kind {
        case .any: return [:]
        case .number(let range, let nullable):
            return bounds(range).merging(["type": nullable ? ["number", "null"] : "number"]) { $1 }
        case .integer(let range): return whole(range)
        case .duration(let range):
            return ["anyOf": [whole(range), ["type": "string", "pattern": "^ *[0-9][0-9_]*(d|td) *$"]],
                    "description": "trading days: a whole number, 31td (trading days) or 45d (calendar days, at 252/365)"]
        case .text: return ["type": "string"]
        case .choice(let words): return ["type": "string", "enum": words]
        case .boolean: return ["type": "boolean"]
        case .textOrMapping: return ["type": ["string", "object"]]
        case .name:
            return ["type": "string", "pattern": "^[A-Za-z0-9_-][A-Za-z0-9._-]*$", "maxLength": SafeName.maxLength]
        case .numbers(let range): return ["type": "array", "items": bounds(range).merging(["type": "number"]) { $1 }]
        case .mapping: return ["type": "object"]
        case .list(let maxItems): return ["type": "array", "maxItems": maxItems]
        }
    }

    /// The schema as a JSON object: nested objects for mappings, arrays of
    /// objects for lists of mappings, no keys besides the decoder's.
    static func object() -> [String: Any] {
        let log = keyLog()
        final class Node {
            var schema: [String: Any] = [:]
            var children: [(String, Node)] = []
            var items: Node?
            func child(_ name: String) -> Node {
                if let found = children.first(where: { $0.0 == name }) { return found.1 }
                let node = Node()
                children.append((name, node))
                return node
            }
            func json() -> [String: Any] {
                var result = schema
                if !children.isEmpty {
                    // A preset's name or its parts (`execution: desk`) keeps both types.
                    if (result["type"] as? [String]) != ["string", "object"] { result["type"] = "object" }
                    result["properties"] = Dictionary(uniqueKeysWithValues: children.map { ($0.0, $0.1.json()) })
                    result["additionalProperties"] = false
                }
                if let items {
                    result["type"] = "array"
                    result["items"] = items.json()
                }
                return result
            }
        }
        let root = Node()
        for path in log.order {
            var node = root
            for part in path.split(separator: ".") {
                var name = Substring(part)
                var lists = 0
                while name.hasSuffix("[]") {
                    name = name.dropLast(2)
                    lists += 1
                }
                node = node.child(String(name))
                for _ in 0..<lists {
                    if node.items == nil { node.items = Node() }
                    node = node.items!
                }
            }
            node.schema = schema(of: log.kinds[path]!).merging(node.schema) { $1 }
        }
        var top = root.json()
        top["$schema"] = "http://json-schema.org/draft-07/schema#"
        top["title"] = "alvh scenario"
        top["description"] = "An alvh stress scenario (Scenarios/README.md documents every key). Generated by alvh scenarios schema."
        return top
    }

    /// The schema as text: keys sorted, so that the same decoder always writes the same bytes.
    public static func json() -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object(), options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
