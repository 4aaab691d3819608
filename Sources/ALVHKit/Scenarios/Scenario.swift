import Foundation
import Yams

/// A stress scenario read from a YAML file in `Scenarios/`: the market, the
/// condor, the strategies, the horizon and the run defaults. The format is
/// documented field by field in `Scenarios/README.md`.
public struct Scenario: Sendable {
    /// Short name (`w1`, `2020-covid`); names the run's results folder.
    public var name: String
    /// One-line description.
    public var description: String
    /// Default number of paths and master seed of a run.
    public var paths: Int
    public var seed: UInt64
    /// What is simulated.
    public var configuration: StressConfiguration

    /// Loads and validates a scenario file. Every problem of the file is
    /// reported together, each with file, line, column and key path; nothing
    /// is simulated from a file with problems.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let diagnostics = YAMLDiagnostics(file: path)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "cannot read the file")])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "the file is empty")])
            }
            root = node
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw ScenarioError([Self.issue(for: error, file: path)])
        } catch {
            throw ScenarioError([ScenarioIssue(file: path, line: 0, column: 0, keyPath: "", message: "\(error)")])
        }
        let scenario = ScenarioDecoder(diagnostics: diagnostics).decode(root, fallbackName: Self.baseName(path))
        if diagnostics.issues.isEmpty, let scenario {
            do {
                try scenario.configuration.validate()
            } catch {
                diagnostics.report(root, error.key, error.message)
            }
        }
        guard diagnostics.issues.isEmpty, let scenario else { throw ScenarioError(diagnostics.issues) }
        return scenario
    }

    static func baseName(_ path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    static func issue(for error: YamlError, file: String) -> ScenarioIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let what = [context?.text, problem].compactMap { $0 }.joined(separator: " ")
            return ScenarioIssue(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax: \(what)")
        default:
            return ScenarioIssue(file: file, line: 0, column: 0, keyPath: "", message: "YAML: \(error)")
        }
    }
}

/// Reads a scenario's YAML tree into a `Scenario`, reporting problems to the diagnostics.
struct ScenarioDecoder {
    let diagnostics: YAMLDiagnostics

    func decode(_ root: Node, fallbackName: String) -> Scenario? {
        guard let top = YAMLMapping(root, keyPath: "", diagnostics: diagnostics) else { return nil }
        let name = top.string("name", default: fallbackName)
        let description = top.string("description", default: "")
        let paths = top.int("paths", atLeast: 1, default: 100_000)
        let seed = top.int("seed", atLeast: 0, default: 1)
        let horizon = top.int("horizonDays", atLeast: 1)
        let substeps = top.int("substeps", atLeast: 1, default: 1)
        let equity = top.double("startingEquity", .positive, default: 1_000_000)
        let market = top.mapping("market")
        if market == nil && !top.has("market") { diagnostics.report(root, "market", "is required") }
        let decodedMarket = market.map(decodeMarket)
        let condor = top.mapping("condor").map(decodeCondor) ?? IronCondorSpec()
        var breadth = BreadthModel()
        if let map = top.mapping("breadth") {
            breadth = BreadthModel(
                beta: map.double("beta", default: breadth.beta),
                volatility: map.double("volatility", .nonNegative, default: breadth.volatility),
                divergenceDrift: map.double("divergenceDrift", default: breadth.divergenceDrift),
                lookback: map.int("lookback", atLeast: 1, default: breadth.lookback))
            map.finish()
        }
        var strategies = StressConfiguration.w1.strategies
        if let items = top.sequence("strategies") {
            strategies = items.compactMap { decodeStrategy($0.node, keyPath: $0.keyPath) }
            var names: Set<String> = []
            for (index, strategy) in strategies.enumerated() where !names.insert(strategy.name).inserted {
                diagnostics.report(items[index].node, "\(items[index].keyPath).name", "strategy name '\(strategy.name)' is used twice")
            }
        }
        top.finish()
        guard let decodedMarket else { return nil }
        return Scenario(
            name: name, description: description, paths: paths, seed: UInt64(max(seed, 0)),
            configuration: StressConfiguration(
                physical: decodedMarket.physical, riskNeutral: decodedMarket.riskNeutral, spot: decodedMarket.spot,
                variance: decodedMarket.variance, horizonDays: horizon, substeps: substeps, startingEquity: equity,
                condor: condor, strategies: strategies, breadth: breadth, vixPricing: decodedMarket.vixPricing))
    }

    struct Market {
        var spot: Double
        var variance: Double
        var physical: PhysicalDynamics
        var riskNeutral: RiskNeutralParameters
        var vixPricing: VIXPricing
    }

    func decodeMarket(_ map: YAMLMapping) -> Market {
        let spot = map.double("spot", .positive)
        let variance = map.double("v0", .nonNegative)
        let rate = map.double("r")
        let dividend = map.double("q")
        var physical = PhysicalDynamics(drift: 0, dividendYield: dividend, kappa: 1, theta: 0.04, xi: 0.5, rho: 0)
        if let p = map.mapping("physical") {
            physical = PhysicalDynamics(
                drift: p.double("mu"), dividendYield: dividend, kappa: p.double("kappa", .positive),
                theta: p.double("theta", .positive), xi: p.double("xi", .positive), rho: p.double("rho", .correlation),
                jumpIntensity: p.double("lambda", .nonNegative, default: 0), jumpMean: p.double("muJ", default: 0),
                jumpVolatility: p.double("sigJ", .nonNegative, default: 0),
                varianceJumpMean: p.double("muV", .nonNegative, default: 0))
            p.finish()
        } else {
            diagnostics.report(map.node, map.path("physical"), "is required")
        }
        var riskNeutral = RiskNeutralParameters(rate: rate, dividendYield: dividend, kappa: 1, theta: 0.04, xi: physical.xi)
        if let q = map.mapping("riskNeutral") {
            riskNeutral = RiskNeutralParameters(
                rate: rate, dividendYield: dividend, kappa: q.double("kappa", .positive),
                theta: q.double("theta", .positive), xi: physical.xi,
                jumpIntensity: q.double("lambda", .nonNegative, default: 0), jumpMean: q.double("muJ", default: 0),
                jumpVolatility: q.double("sigJ", .nonNegative, default: 0),
                smileBeta: q.double("smileBeta", default: 0), smileGamma: q.double("smileGamma", default: 0))
            q.finish()
        } else {
            diagnostics.report(map.node, map.path("riskNeutral"), "is required")
        }
        let pricingName = map.string("vixPricing", default: VIXPricing.lognormal.rawValue)
        let pricing = VIXPricing(rawValue: pricingName)
        if pricing == nil {
            diagnostics.report(map.node("vixPricing"), map.path("vixPricing"), "must be lognormal or exact, got '\(pricingName)'")
        }
        map.finish()
        return Market(
            spot: spot, variance: variance, physical: physical, riskNeutral: riskNeutral, vixPricing: pricing ?? .lognormal)
    }

    func decodeCosts(_ map: YAMLMapping?, default fallback: TradingCosts) -> TradingCosts {
        guard let map else { return fallback }
        defer { map.finish() }
        return TradingCosts(
            commission: map.double("commission", .nonNegative, default: fallback.commission),
            halfSpread: map.double("halfSpread", .nonNegative, default: fallback.halfSpread))
    }

    /// A one-key mapping choosing between rules, e.g. `{standardDeviations: 1.5}` or `{delta: 0.16}`.
    func decodeChoice(_ map: YAMLMapping?, options: [String]) -> (String, Double)? {
        guard let map else { return nil }
        defer { map.finish() }
        let present = options.filter(map.has)
        guard present.count == 1 else {
            diagnostics.report(map.node, map.keyPath, "must have exactly one of: \(options.joined(separator: ", "))")
            return nil
        }
        let key = present[0]
        return (key, map.double(key, .positive))
    }

    func decodeCondor(_ map: YAMLMapping) -> IronCondorSpec {
        var spec = IronCondorSpec()
        spec.daysToExpiry = map.int("daysToExpiry", atLeast: 1, default: spec.daysToExpiry)
        spec.cycleSpacing = map.int("cycleSpacing", atLeast: 1, default: spec.cycleSpacing)
        if let (key, value) = decodeChoice(map.mapping("shortStrikes"), options: ["standardDeviations", "delta"]) {
            spec.shortStrikes = key == "delta" ? .delta(value) : .standardDeviations(value)
        }
        if let (key, value) = decodeChoice(map.mapping("wings"), options: ["points", "delta"]) {
            spec.wings = key == "delta" ? .delta(value) : .points(value)
        }
        spec.strikeIncrement = map.double("strikeIncrement", .positive, default: spec.strikeIncrement)
        if map.has("contracts") && map.has("equityAtRisk") {
            diagnostics.report(map.node, map.path("contracts"), "give contracts or equityAtRisk, not both")
        }
        if map.has("equityAtRisk") {
            spec.sizing = .equityAtRisk(map.double("equityAtRisk", .unit))
        } else if map.has("contracts") {
            spec.sizing = .contracts(map.double("contracts", .positive))
        }
        spec.minimumCreditToRisk = map.double("minimumCreditToRisk", .nonNegative, default: spec.minimumCreditToRisk)
        spec.costs = decodeCosts(map.mapping("costs"), default: spec.costs)
        if let management = map.mapping("management") {
            spec.management = CondorManagement(
                takeProfitFraction: management.optionalDouble("takeProfit", .unit),
                stopLossMultiple: management.optionalDouble("stopLoss", .positive))
            if let tested = management.mapping("testedSide") {
                let defaults = TestedSideRule()
                spec.management.testedSide = TestedSideRule(
                    fraction: tested.double("fraction", .unit, default: defaults.fraction),
                    rollDays: tested.int("rollDays", atLeast: 1, default: defaults.rollDays),
                    rollWhenVIXRSIAbove: tested.double("rollWhenVIXRSIAbove", .nonNegative, default: defaults.rollWhenVIXRSIAbove))
                tested.finish()
            }
            if let shrink = management.mapping("shrink") {
                let defaults = ShrinkRule()
                spec.management.shrink = ShrinkRule(
                    realisedOverImplied: shrink.double("realisedOverImplied", .nonNegative, default: defaults.realisedOverImplied),
                    factor: shrink.double("factor", .unit, default: defaults.factor))
                shrink.finish()
            }
            management.finish()
        }
        map.finish()
        return spec
    }

    func decodeStrategy(_ node: Node, keyPath: String) -> StrategySpec? {
        guard let map = YAMLMapping(node, keyPath: keyPath, diagnostics: diagnostics) else { return nil }
        defer { map.finish() }
        let name = map.string("name")
        let kind = map.string("hedge")
        switch kind {
        case "none":
            return StrategySpec(name: name, hedge: .none)
        case "vixCalls":
            return StrategySpec(name: name, hedge: .vixCalls(decodeVIXCalls(map)))
        case "vxth":
            let defaults = VXTHHedge()
            var bands = defaults.bands
            if let items = map.sequence("bands") {
                bands = items.compactMap { item in
                    guard let band = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { return nil }
                    defer { band.finish() }
                    return VXTHBand(
                        futureAbove: band.double("futureAbove", .nonNegative),
                        equityShare: band.double("equityShare", .unit))
                }
                for (index, pair) in zip(bands, bands.dropFirst()).enumerated() where pair.1.futureAbove <= pair.0.futureAbove {
                    diagnostics.report(items[index + 1].node, "\(items[index + 1].keyPath).futureAbove", "bands must be in increasing order")
                }
            }
            return StrategySpec(
                name: name,
                hedge: .vxth(
                    VXTHHedge(
                        expiryDays: map.int("expiryDays", atLeast: 1, default: defaults.expiryDays),
                        delta: map.double("delta", .unit, default: defaults.delta), bands: bands,
                        strikeIncrement: map.double("strikeIncrement", .positive, default: 1),
                        costs: decodeCosts(map.mapping("costs"), default: defaults.costs))))
        default:
            if map.has("hedge") {
                diagnostics.report(map.node("hedge"), map.path("hedge"), "must be one of: none, vixCalls, vxth; got '\(kind)'")
            }
            return nil
        }
    }

    func decodeVIXCalls(_ map: YAMLMapping) -> VIXCallHedge {
        var hedge = VIXCallHedge(layers: [])
        if let items = map.sequence("layers") {
            hedge.layers = items.compactMap { decodeLayer($0.node, keyPath: $0.keyPath) }
            if hedge.layers.isEmpty { diagnostics.report(map.node, map.path("layers"), "must list at least one layer") }
        } else {
            diagnostics.report(map.node, map.path("layers"), "is required for a vixCalls hedge")
        }
        if map.has("budgetFraction") && map.has("vegaShare") {
            diagnostics.report(map.node, map.path("budgetFraction"), "give budgetFraction or vegaShare, not both")
        }
        if map.has("vegaShare") {
            hedge.budget = .vegaShare(map.double("vegaShare", .nonNegative))
        } else if map.has("budgetFraction") {
            hedge.budget = .creditFraction(map.double("budgetFraction", .nonNegative))
        }
        if let rule = map.mapping("monetise") {
            hedge.monetise = MonetiseRule(
                vixAtLeast: rule.double("vixAtLeast", .positive, default: 28),
                valueMultipleAtLeast: rule.double("valueMultiple", .positive, default: 2))
            rule.finish()
        }
        let layerNames = hedge.layers.map(\.name)
        func layerIndex(_ owner: YAMLMapping, _ key: String, default fallback: Int) -> Int {
            guard owner.has(key) else { return fallback }
            let name = owner.string(key)
            guard let index = layerNames.firstIndex(of: name) else {
                diagnostics.report(
                    owner.node(key), owner.path(key),
                    "no layer is named '\(name)' (layers: \(layerNames.joined(separator: ", ")))")
                return fallback
            }
            return index
        }
        if let items = map.sequence("triggers") {
            let kinds = [
                "vixCrossesAbove", "spxRSIBelow", "impliedVolatilityPercentileAbove", "vixMACDBullishCrossover",
                "breadthDivergence",
            ]
            for item in items {
                guard let trigger = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
                defer { trigger.finish() }
                let present = kinds.filter(trigger.has)
                guard present.count == 1 else {
                    diagnostics.report(item.node, item.keyPath, "must have exactly one of: \(kinds.joined(separator: ", "))")
                    for kind in present { _ = trigger.node(kind) }
                    _ = trigger.node("layer")
                    continue
                }
                let condition: TriggerCondition
                switch present[0] {
                case "vixCrossesAbove": condition = .vixCrossesAbove(trigger.double("vixCrossesAbove", .positive))
                case "spxRSIBelow": condition = .spxRSIBelow(trigger.double("spxRSIBelow", .nonNegative))
                case "impliedVolatilityPercentileAbove":
                    condition = .impliedVolatilityPercentileAbove(
                        trigger.double("impliedVolatilityPercentileAbove", .nonNegative))
                case "vixMACDBullishCrossover":
                    _ = trigger.node("vixMACDBullishCrossover")
                    condition = .vixMACDBullishCrossover
                default:
                    _ = trigger.node("breadthDivergence")
                    condition = .breadthDivergence
                }
                hedge.triggers.append(LayerTrigger(condition: condition, layer: layerIndex(trigger, "layer", default: 0)))
            }
        }
        if let rebalance = map.mapping("rebalance") {
            hedge.rebalance = RebalanceRule(
                everyDays: rebalance.int("everyDays", atLeast: 1, default: 5),
                breadthMove: rebalance.optionalDouble("breadthMove", .positive))
            rebalance.finish()
        }
        if let vega = map.mapping("vegaNeutral") {
            hedge.vegaNeutral = VegaNeutralRule(
                band: vega.double("band", .nonNegative, default: 0.05), layer: layerIndex(vega, "layer", default: 0))
            vega.finish()
        }
        hedge.strikeIncrement = map.double("strikeIncrement", .positive, default: hedge.strikeIncrement)
        hedge.costs = decodeCosts(map.mapping("costs"), default: hedge.costs)
        return hedge
    }

    func decodeLayer(_ node: Node, keyPath: String) -> VIXCallLayer? {
        guard let map = YAMLMapping(node, keyPath: keyPath, diagnostics: diagnostics) else { return nil }
        defer { map.finish() }
        let strike: VIXStrikeRule
        if let (key, value) = decodeChoice(map.mapping("strike"), options: ["futureMultiple", "delta"]) {
            strike = key == "delta" ? .delta(value) : .futureMultiple(value)
        } else {
            if !map.has("strike") { diagnostics.report(node, map.path("strike"), "is required") }
            strike = .futureMultiple(1)
        }
        return VIXCallLayer(
            name: map.string("name"), expiryDays: map.int("expiryDays", atLeast: 1), strike: strike,
            refreshEveryCycles: map.int("refreshEveryCycles", atLeast: 1, default: 1),
            weight: map.double("weight", .nonNegative))
    }
}
