import Foundation
import Yams

extension ScenarioDecoder {
    /// The layer instruments a scenario may name (`HedgeInstrument`'s cases).
    static let instruments = ["call", "put", "callSpread", "putSpread", "calendar", "future", "etn", "spxPut", "spxPutSpread"]

    func decodeCondor(_ map: YAMLMapping) -> IronCondorSpec {
        var spec = IronCondorSpec()
        spec.daysToExpiry = map.tradingDays("daysToExpiry", 1...Limits.expiryDays, default: spec.daysToExpiry)
        spec.cycleSpacing = map.tradingDays("cycleSpacing", 1...Limits.horizonDays, default: spec.cycleSpacing)
        if let (key, value) = decodeChoice(map.mapping("shortStrikes"), options: [("standardDeviations", .positive(upTo: 20)), ("delta", .positive(upTo: 0.5))]) {
            spec.shortStrikes = key == "delta" ? .delta(value) : .standardDeviations(value)
        }
        if let (key, value) = decodeChoice(map.mapping("wings"), options: [("points", .positive(upTo: 100_000)), ("delta", .positive(upTo: 0.5))]) {
            spec.wings = key == "delta" ? .delta(value) : .points(value)
        }
        spec.strikeIncrement = map.double("strikeIncrement", .within(0.01, 1_000), default: spec.strikeIncrement)
        map.exclusive("contracts", "equityAtRisk")
        if map.has("equityAtRisk") {
            spec.sizing = .equityAtRisk(map.double("equityAtRisk", .unit))
        } else if map.has("contracts") {
            spec.sizing = .contracts(map.double("contracts", .positive(upTo: 1e6)))
        }
        spec.minimumCreditToRisk = map.double("minimumCreditToRisk", .nonNegative(upTo: 100), default: spec.minimumCreditToRisk)
        spec.costs = decodeCosts(map.mapping("costs"), default: spec.costs)
        if let management = map.mapping("management") {
            spec.management = CondorManagement(
                takeProfitFraction: management.optionalDouble("takeProfit", .unit),
                stopLossMultiple: management.optionalDouble("stopLoss", .positive(upTo: 1_000)))
            if let tested = management.mapping("testedSide") {
                let defaults = TestedSideRule()
                spec.management.testedSide = TestedSideRule(
                    fraction: tested.double("fraction", .unit, default: defaults.fraction),
                    rollDays: tested.tradingDays("rollDays", 1...Limits.expiryDays, default: defaults.rollDays),
                    rollWhenVIXRSIAbove: tested.double("rollWhenVIXRSIAbove", .nonNegative(upTo: 100), default: defaults.rollWhenVIXRSIAbove),
                    reopenOnCycle: tested.bool("reopenOnCycle", default: defaults.reopenOnCycle))
                tested.finish()
            }
            if let shrink = management.mapping("shrink") {
                let defaults = ShrinkRule()
                spec.management.shrink = ShrinkRule(
                    realisedOverImplied: shrink.double("realisedOverImplied", .nonNegative(upTo: 100), default: defaults.realisedOverImplied),
                    factor: shrink.double("factor", .unit, default: defaults.factor))
                shrink.finish()
            }
            management.finish()
        }
        map.finish()
        return spec
    }

    func decodeStrategy(_ node: SourcedNode, keyPath: String) -> StrategySpec? {
        guard let map = YAMLMapping(node, keyPath: keyPath, diagnostics: diagnostics) else { return nil }
        defer { map.finish() }
        let name = map.name("name")
        map.alias("strategies.\(name)")
        let matchSpend = map.has("matchSpend") ? map.name("matchSpend") : nil
        guard var strategy = decodeHedge(map, name: name) else { return nil }
        strategy.matchSpend = matchSpend
        return strategy
    }

    /// A strategy's hedge, by its `hedge` kind.
    func decodeHedge(_ map: YAMLMapping, name: String) -> StrategySpec? {
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
                        futureAbove: band.double("futureAbove", .nonNegative(upTo: 300)),
                        equityShare: band.double("equityShare", .unit))
                }
                for (index, pair) in zip(bands, bands.dropFirst()).enumerated() where pair.1.futureAbove <= pair.0.futureAbove {
                    diagnostics.report(
                        items[index + 1].node.node, "\(items[index + 1].keyPath).futureAbove", "bands must be in increasing order",
                        file: items[index + 1].node.file)
                }
            }
            return StrategySpec(
                name: name,
                hedge: .vxth(
                    VXTHHedge(
                        expiryDays: map.tradingDays("expiryDays", 1...Limits.expiryDays, default: defaults.expiryDays),
                        delta: map.double("delta", .unit, default: defaults.delta), bands: bands,
                        strikeIncrement: map.double("strikeIncrement", .within(0.01, 100), default: defaults.strikeIncrement),
                        costs: decodeCosts(map.mapping("costs"), default: defaults.costs),
                        execution: decodeExecution(map, default: defaults.execution),
                        budgetFraction: map.optionalDouble("budgetFraction", .nonNegative(upTo: 100)))))
        default:
            if map.has("hedge") {
                map.report("must be one of: none, vixCalls, vxth; got '\(kind)'", key: "hedge")
            }
            return nil
        }
    }

    func decodeVIXCalls(_ map: YAMLMapping) -> VIXCallHedge {
        var hedge = VIXCallHedge(layers: [])
        if let items = map.sequence("layers") {
            hedge.layers = items.compactMap { decodeLayer($0.node, keyPath: $0.keyPath, named: map.paths("layers")) }
            if hedge.layers.isEmpty { map.report("must list at least one layer", key: "layers") }
        } else {
            map.report("is required for a vixCalls hedge", key: "layers")
        }
        map.exclusive("budgetFraction", "vegaShare")
        if map.has("vegaShare") {
            hedge.budget = .vegaShare(map.double("vegaShare", .nonNegative(upTo: 100)))
        } else if map.has("budgetFraction") {
            hedge.budget = .creditFraction(map.double("budgetFraction", .nonNegative(upTo: 100)))
        }
        if let rule = map.mapping("monetise") {
            let defaults = MonetiseRule()
            hedge.monetise = MonetiseRule(
                vixAtLeast: rule.double("vixAtLeast", .positive(upTo: 300), default: defaults.vixAtLeast),
                valueMultipleAtLeast: rule.double("valueMultiple", .positive(upTo: 1_000), default: defaults.valueMultipleAtLeast))
            rule.finish()
        }
        let layerNames = hedge.layers.map(\.name)
        func layerIndex(_ owner: YAMLMapping, _ key: String, default fallback: Int) -> Int {
            guard owner.has(key) else { return fallback }
            let name = owner.string(key)
            guard let index = layerNames.firstIndex(of: name) else {
                owner.report("no layer is named '\(name)' (layers: \(layerNames.joined(separator: ", ")))", key: key)
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
                    trigger.report("must have exactly one of: \(kinds.joined(separator: ", "))", key: nil)
                    for kind in present { _ = trigger.value(kind) }
                    _ = trigger.value("layer")
                    continue
                }
                let condition: TriggerCondition
                switch present[0] {
                case "vixCrossesAbove": condition = .vixCrossesAbove(trigger.double("vixCrossesAbove", .positive(upTo: 300)))
                case "spxRSIBelow": condition = .spxRSIBelow(trigger.double("spxRSIBelow", .nonNegative(upTo: 100)))
                case "impliedVolatilityPercentileAbove":
                    condition = .impliedVolatilityPercentileAbove(
                        trigger.double("impliedVolatilityPercentileAbove", .nonNegative(upTo: 100)))
                case "vixMACDBullishCrossover":
                    _ = trigger.value("vixMACDBullishCrossover")
                    condition = .vixMACDBullishCrossover
                default:
                    _ = trigger.value("breadthDivergence")
                    condition = .breadthDivergence
                }
                hedge.triggers.append(LayerTrigger(condition: condition, layer: layerIndex(trigger, "layer", default: 0)))
            }
        }
        let thresholds = hedge.triggers.compactMap { trigger -> Double? in
            if case .vixCrossesAbove(let level) = trigger.condition { return level }
            return nil
        }
        if zip(thresholds, thresholds.dropFirst()).contains(where: { $0 >= $1 }) {
            map.report("VIX thresholds must increase down the list (near, mid, tail), got \(thresholds)", key: "triggers")
        }
        if let rebalance = map.mapping("rebalance") {
            // Each key left out keeps the type's default (the breadth check stays on unless `breadthMove: null`).
            let defaults = RebalanceRule()
            hedge.rebalance = RebalanceRule(
                everyDays: rebalance.tradingDays("everyDays", 1...Limits.horizonDays, default: defaults.everyDays),
                breadthMove: rebalance.has("breadthMove")
                    ? rebalance.optionalDouble("breadthMove", .positive(upTo: 10)) : defaults.breadthMove)
            rebalance.finish()
        }
        if let vega = map.mapping("vegaNeutral") {
            let defaults = VegaNeutralRule()
            hedge.vegaNeutral = VegaNeutralRule(
                band: vega.double("band", .nonNegative(upTo: 100), default: defaults.band),
                layer: layerIndex(vega, "layer", default: defaults.layer))
            vega.finish()
        }
        hedge.strikeIncrement = map.double("strikeIncrement", .within(0.01, 100), default: hedge.strikeIncrement)
        hedge.costs = decodeCosts(map.mapping("costs"), default: hedge.costs)
        hedge.execution = decodeExecution(map, default: hedge.execution)
        return hedge
    }

    /// A layer; `named` are its list's key paths, under which the layer also answers by its name.
    func decodeLayer(_ node: SourcedNode, keyPath: String, named: [String]) -> VIXCallLayer? {
        guard let map = YAMLMapping(node, keyPath: keyPath, diagnostics: diagnostics) else { return nil }
        defer { map.finish() }
        let name = map.name("name")
        for list in named { map.alias("\(list).\(name)") }
        func strikeRule(_ key: String) -> VIXStrikeRule? {
            guard let (choice, value) = decodeChoice(map.mapping(key), options: [("futureMultiple", .positive(upTo: 100)), ("delta", .positive(upTo: 1))]) else {
                return nil
            }
            return choice == "delta" ? .delta(value) : .futureMultiple(value)
        }
        let instrument = map.choice("instrument", Self.instruments, default: "call")
        let strike: VIXStrikeRule
        if instrument == "future" || instrument == "etn" {
            // Futures and ETNs have no strike.
            strike = .futureMultiple(1)
        } else {
            strike = strikeRule("strike") ?? .futureMultiple(1)
            if !map.has("strike") { map.report("is required", key: "strike") }
        }
        var layer = VIXCallLayer(
            name: name, expiryDays: map.tradingDays("expiryDays", 1...Limits.expiryDays), strike: strike,
            refreshEveryCycles: map.int("refreshEveryCycles", 1...1_000, default: 1),
            weight: map.double("weight", .nonNegative(upTo: 100)))
        switch instrument {
        case "call":
            break
        case "put":
            layer.instrument = .put
        case "spxPut":
            layer.instrument = .spxPut
        case "callSpread", "putSpread", "spxPutSpread":
            if let short = strikeRule("shortStrike") {
                switch instrument {
                case "callSpread": layer.instrument = .callSpread(shortStrike: short)
                case "putSpread": layer.instrument = .putSpread(shortStrike: short)
                default: layer.instrument = .spxPutSpread(shortStrike: short)
                }
            } else if !map.has("shortStrike") {
                map.report("is required for a \(instrument) layer", key: "shortStrike")
            }
        case "calendar":
            if map.has("shortExpiryDays") {
                layer.instrument = .calendar(shortExpiryDays: map.tradingDays("shortExpiryDays", 1...Limits.expiryDays))
            } else {
                map.report("is required for a calendar layer", key: "shortExpiryDays")
            }
        case "future":
            if map.has("budgetPerContract") {
                layer.instrument = .future(
                    VIXFutureTerms(
                        budgetPerContract: map.double("budgetPerContract", .within(1, 1e7)),
                        halfSpread: map.double("halfSpread", .nonNegative(upTo: 10), default: 0.025)))
            } else {
                map.report("is required for a future layer (dollars of the budget one contract takes)", key: "budgetPerContract")
            }
        case "etn":
            layer.instrument = .etn(
                VIXETNTerms(
                    yearlyFee: map.double("yearlyFee", .nonNegative(upTo: 0.5), default: 0.0089),
                    halfSpread: map.double("halfSpreadFraction", .nonNegative(upTo: 0.5), default: 0.0005)))
        case let other:
            map.report(
                "must be one of: \(Self.instruments.joined(separator: ", ")); got '\(DisplayText.escaped(other))'",
                key: "instrument")
        }
        // By the instrument named, so that a malformed shortStrike is not reported twice.
        let owners: [(key: String, owners: [String])] = [
            ("shortStrike", ["callSpread", "putSpread", "spxPutSpread"]), ("shortExpiryDays", ["calendar"]),
            ("strike", ["call", "put", "callSpread", "putSpread", "calendar", "spxPut", "spxPutSpread"]),
            ("budgetPerContract", ["future"]), ("halfSpread", ["future"]), ("yearlyFee", ["etn"]), ("halfSpreadFraction", ["etn"]),
        ]
        let known = Self.instruments.contains(instrument)
        for (key, owners) in owners where known && map.has(key) && !owners.contains(instrument) {
            map.report("is read only with instrument: \(owners.joined(separator: ", "))", key: key)
            _ = map.value(key)
        }
        if let activation = map.mapping("activation") {
            defer { activation.finish() }
            layer.activation = LayerActivation(
                vixAbove: activation.double("vixAbove", .positive(upTo: 300)),
                rollDays: activation.has("rollDays") ? activation.tradingDays("rollDays", 1...Limits.expiryDays) : nil)
        }
        return layer
    }

    /// A hedge's `execution`: `w1` (fractional, costs on top; the default),
    /// `desk` (`OptionExecution.vixDesk`), or a mapping of its parts over the
    /// default (`tick`: `vixOptions`, `vixOptionsBefore2022`, `spxOptions`,
    /// `none`, or `{threshold, belowThreshold, fromThreshold}`).
    func decodeExecution(_ owner: YAMLMapping, default fallback: OptionExecution) -> OptionExecution {
        owner.note("execution", .textOrMapping)
        guard let value = owner.value("execution") else { return fallback }
        if case .scalar = value.node {
            switch owner.string("execution") {
            case "w1": return .w1
            case "desk": return .vixDesk
            case let other:
                owner.report("must be w1, desk or a mapping, got '\(DisplayText.escaped(other))'", key: "execution")
                return fallback
            }
        }
        guard let map = owner.mapping("execution") else { return fallback }
        defer { map.finish() }
        var execution = fallback
        execution.wholeContracts = map.bool("wholeContracts", default: execution.wholeContracts)
        execution.budgetIncludesCosts = map.bool("budgetIncludesCosts", default: execution.budgetIncludesCosts)
        execution.minimumPremium = map.double("minimumPremium", .nonNegative(upTo: 100), default: execution.minimumPremium)
        execution.maximumCostToPremium =
            map.has("maximumCostToPremium")
            ? map.optionalDouble("maximumCostToPremium", .nonNegative(upTo: 1_000)) : execution.maximumCostToPremium
        execution.monetiseNetOfCosts = map.bool("monetiseNetOfCosts", default: execution.monetiseNetOfCosts)
        map.note("tick", .textOrMapping)
        if let tick = map.value("tick") {
            if case .scalar = tick.node {
                switch map.string("tick") {
                case "vixOptions": execution.tick = .vixOptions
                case "vixOptionsBefore2022": execution.tick = .vixOptionsBefore2022
                case "spxOptions": execution.tick = .spxOptions
                case "none": execution.tick = nil
                case let other:
                    map.report(
                        "must be vixOptions, vixOptionsBefore2022, spxOptions, none or a mapping, got '\(DisplayText.escaped(other))'",
                        key: "tick")
                }
            } else if let grid = map.mapping("tick") {
                defer { grid.finish() }
                execution.tick = TickSize(
                    threshold: grid.double("threshold", .within(0.01, 1_000), default: 3),
                    belowThreshold: grid.double("belowThreshold", .within(0.0001, 100)),
                    fromThreshold: grid.double("fromThreshold", .within(0.0001, 100)))
            }
        }
        return execution
    }
}
