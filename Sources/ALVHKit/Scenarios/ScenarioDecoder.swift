import Foundation
import Yams

/// Reads a scenario's YAML layers into a `Scenario`, reporting every problem to the diagnostics.
struct ScenarioDecoder {
    let diagnostics: YAMLDiagnostics

    func decode(_ layers: [SourcedNode], fallbackName: String) -> Scenario? {
        guard let top = YAMLMapping(layers, keyPath: "", diagnostics: diagnostics) else { return nil }
        _ = top.value("extends")
        let name = top.name("name", default: fallbackName)
        let description = top.string("description", default: "")
        let paths = top.int("paths", 2...Limits.paths, default: 100_000)
        let seed = top.int("seed", 0...Int.max, default: 1)
        let horizon = top.tradingDays("horizonDays", 1...Limits.horizonDays)
        let substeps = top.int("substeps", 1...Limits.substeps, default: 1)
        let equity = top.double("startingEquity", .within(1, 1e12), default: 1_000_000)
        let market = top.mapping("market")
        if market == nil && !top.has("market") { top.report("is required", key: "market") }
        let files = layers.map(\.file)
        let decodedMarket = market.map { decodeMarket($0, files: files) }
        let condor = top.mapping("condor").map(decodeCondor) ?? IronCondorSpec()
        var breadth = BreadthModel()
        if let map = top.mapping("breadth") {
            breadth = BreadthModel(
                beta: map.double("beta", .within(-100, 100), default: breadth.beta),
                volatility: map.double("volatility", .nonNegative(upTo: 10), default: breadth.volatility),
                divergenceDrift: map.double("divergenceDrift", .within(-100, 100), default: breadth.divergenceDrift),
                lookback: map.tradingDays("lookback", 1...1_000, default: breadth.lookback))
            map.finish()
        }
        var strategies = StressConfiguration.w1.strategies
        if let items = top.sequence("strategies", maxItems: Limits.strategies) {
            strategies = items.compactMap { decodeStrategy($0.node, keyPath: $0.keyPath) }
            var names: Set<String> = []
            for (index, item) in items.enumerated() where index < strategies.count && !names.insert(strategies[index].name).inserted {
                diagnostics.report(item.node.node, "\(item.keyPath).name", "strategy name '\(strategies[index].name)' is used twice", file: item.node.file)
            }
        }
        var configuration = StressConfiguration(
            physical: decodedMarket?.physical ?? ReferenceMarket.physical,
            riskNeutral: decodedMarket?.riskNeutral ?? ReferenceMarket.riskNeutral,
            spot: decodedMarket?.spot ?? 1, variance: decodedMarket?.variance ?? 0, horizonDays: horizon,
            substeps: substeps, startingEquity: equity, condor: condor, strategies: strategies, breadth: breadth,
            vixPricing: decodedMarket?.vixPricing ?? .lognormal, baseRegimeName: decodedMarket?.regimeName ?? "base")
        configuration.bootstrap = decodedMarket?.bootstrap
        configuration.cashRate = top.double("cashRate", .within(-0.5, 1), default: 0)
        configuration.basePhaseInDays = decodedMarket?.phaseInDays ?? 1
        decodeComparisons(top, into: &configuration)
        decodeRegimes(top, into: &configuration, smile: decodedMarket?.smile ?? SmileChoice(ssvi: false, nearness: .max, files: files))
        configuration.events = decodeEvents(top, horizon: horizon)
        configuration.shocks = decodeShocks(top, horizon: horizon, regimes: configuration.allRegimes.map(\.name))
        top.finish()
        guard decodedMarket != nil else { return nil }
        return Scenario(name: name, description: description, paths: paths, seed: UInt64(max(seed, 0)), configuration: configuration)
    }

    struct Market {
        var spot: Double
        var variance: Double
        var physical: PhysicalDynamics
        var riskNeutral: RiskNeutralParameters
        var vixPricing: VIXPricing
        var regimeName: String
        var phaseInDays: Int
        var bootstrap: BootstrapSpec?
        var smile: SmileChoice
    }

    /// The SPX smile a scenario chose (`market.spxSmile`) and how near that
    /// choice stands (`YAMLMapping.nearness`): the other smile's keys are
    /// refused where they stand as near or nearer, and ignored where a file
    /// further up the `extends` chain set them for its own smile.
    struct SmileChoice {
        var ssvi: Bool
        var nearness: Int
        var files: [String]
        /// The Q variance diffusion (`market.qVariance`), the same in every regime.
        var qVariance: QVarianceDynamics.Diffusion = .squareRoot
        /// Whether VIX is priced exactly (`market.vixPricing: exact`), which needs model.md's Q.
        var exactVIX = false
    }

    /// Physical parameters, each key optional when `base` gives a default.
    func decodePhysical(_ p: YAMLMapping, dividend: Double, base: PhysicalDynamics?) -> PhysicalDynamics {
        defer { p.finish() }
        let dynamics = PhysicalDynamics(
            drift: p.double("mu", .within(-10, 10), default: base?.drift), dividendYield: dividend,
            kappa: p.double("kappa", .within(1e-4, 1_000), default: base?.kappa),
            theta: p.double("theta", .within(1e-6, 25), default: base?.theta),
            xi: p.double("xi", .within(1e-4, 20), default: base?.xi), rho: p.double("rho", .correlation, default: base?.rho),
            jumpIntensity: p.double("lambda", .nonNegative(upTo: 1_000), default: base?.jumpIntensity ?? 0),
            jumpMean: p.double("muJ", .within(-5, 5), default: base?.jumpMean ?? 0),
            jumpVolatility: p.double("sigJ", .nonNegative(upTo: 5), default: base?.jumpVolatility ?? 0),
            varianceJumpMean: p.double("muV", .nonNegative(upTo: 25), default: base?.varianceJumpMean ?? 0),
            jumpOnVarianceJump: p.double("rhoJ", .within(-25, 25), default: base?.jumpOnVarianceJump ?? 0))
        if dynamics.jumpOnVarianceJump * dynamics.varianceJumpMean >= 1 {
            p.report(
                "rhoJ x muV (\(dynamics.jumpOnVarianceJump * dynamics.varianceJumpMean)) must be below 1: the price jump's mean e^J is infinite otherwise",
                key: p.has("rhoJ") ? "rhoJ" : "muV")
        }
        return dynamics
    }

    /// Risk-neutral parameters, each key optional when `base` gives a default.
    /// With `ssvi` the smile is SSVI (`ssviRho`, `ssviEta`), otherwise model.md's (`smileBeta`, `smileGamma`).
    func decodeRiskNeutral(
        _ q: YAMLMapping, rate: Double, dividend: Double, xi: Double, base: RiskNeutralParameters?, smile: SmileChoice
    ) -> RiskNeutralParameters {
        defer { q.finish() }
        let ssvi = smile.ssvi
        let (ours, theirs) = ssvi ? (["ssviRho", "ssviEta"], ["smileBeta", "smileGamma"]) : (["smileBeta", "smileGamma"], ["ssviRho", "ssviEta"])
        for key in theirs where q.has(key) {
            if let nearness = q.nearness(of: key, files: smile.files), nearness > smile.nearness {
                _ = q.value(key)  // the parent's smile, replaced by this file's choice
                continue
            }
            q.report("applies only with market.spxSmile: \(ssvi ? "quadratic" : "ssvi") (this scenario's smile takes \(ours.joined(separator: ", ")))", key: key)
        }
        let ownXi = q.has("xi") || base?.ownVolOfVol == true
        let qXi = q.has("xi") ? q.double("xi", .within(1e-4, 20)) : (base?.ownVolOfVol == true ? base!.xi : xi)
        if smile.qVariance == .lognormal && !ownXi {
            q.report("is required with market.qVariance: lognormal (Q's vol-of-vol of log variance, per sqrt year)", key: "xi")
        }
        var dynamics = QVarianceDynamics(
            diffusion: smile.qVariance,
            jumpIntensity: q.double("lambdaV", .nonNegative(upTo: 1_000), default: base?.qVariance.jumpIntensity ?? 0),
            jumpMean: q.double("muV", .nonNegative(upTo: 25), default: base?.qVariance.jumpMean ?? 0))
        if dynamics.jumpIntensity == 0 { dynamics.jumpMean = 0 }
        let kappa = q.double("kappa", .within(1e-4, 1_000), default: base?.kappa)
        let theta = q.double("theta", .within(1e-6, 25), default: base?.theta)
        if dynamics.jumpIntensity * dynamics.jumpMean > kappa * theta {
            q.report(
                "lambdaV x muV (\(dynamics.jumpIntensity * dynamics.jumpMean)) must not exceed kappaQ x thetaQ (\(kappa * theta)): thetaQ is the long-run mean including the jumps",
                key: q.has("lambdaV") ? "lambdaV" : "muV")
        }
        if smile.exactVIX && !dynamics.isModelMD {
            q.report(
                "market.vixPricing: exact integrates model.md's Heston Q only; with \(dynamics.diffusion.rawValue) Q variance and variance jumps use lognormal",
                key: q.has("lambdaV") ? "lambdaV" : "kappa")
        }
        let shape = ssvi
            ? SSVIParameters(
                rho: q.double("ssviRho", .within(-0.999, 0.999), default: base?.ssvi?.rho),
                eta: q.double("ssviEta", .within(1e-3, 2), default: base?.ssvi?.eta))
            : nil
        if let shape, shape.eta * (1 + abs(shape.rho)) > 2 {
            q.report(
                "must satisfy ssviEta (1 + |ssviRho|) <= 2 (no butterfly arbitrage), got \(shape.eta) x \(1 + abs(shape.rho)) = \(shape.eta * (1 + abs(shape.rho)))",
                key: q.has("ssviEta") ? "ssviEta" : "ssviRho")
        }
        var parameters = RiskNeutralParameters(
            rate: rate, dividendYield: dividend, kappa: kappa, theta: theta, xi: qXi,
            jumpIntensity: q.double("lambda", .nonNegative(upTo: 1_000), default: base?.jumpIntensity ?? 0),
            jumpMean: q.double("muJ", .within(-5, 5), default: base?.jumpMean ?? 0),
            jumpVolatility: q.double("sigJ", .nonNegative(upTo: 5), default: base?.jumpVolatility ?? 0),
            smileBeta: ssvi ? 0 : q.double("smileBeta", .within(-10, 10), default: base?.smileBeta ?? 0),
            smileGamma: ssvi ? 0 : q.double("smileGamma", .within(-10, 10), default: base?.smileGamma ?? 0), ssvi: shape)
        parameters.qVariance = dynamics
        parameters.ownVolOfVol = ownXi
        return parameters
    }

    func decodeMarket(_ map: YAMLMapping, files: [String]) -> Market {
        let spot = map.double("spot", .within(1e-2, 1e7))
        let variance = map.double("v0", .nonNegative(upTo: 25))
        let rate = map.double("r", .within(-0.5, 1))
        let dividend = map.double("q", .within(-0.5, 1))
        var physical = PhysicalDynamics(drift: 0, dividendYield: dividend, kappa: 1, theta: 0.04, xi: 0.5, rho: 0)
        if let p = map.mapping("physical") {
            physical = decodePhysical(p, dividend: dividend, base: nil)
        } else {
            map.report("is required", key: "physical")
        }
        let smileName = map.string("spxSmile", default: "quadratic")
        if smileName != "quadratic" && smileName != "ssvi" {
            map.report("must be quadratic (model.md) or ssvi, got '\(smileName)'", key: "spxSmile")
        }
        let qVarianceName = map.string("qVariance", default: QVarianceDynamics.Diffusion.squareRoot.rawValue)
        let diffusion = QVarianceDynamics.Diffusion(rawValue: qVarianceName)
        if diffusion == nil { map.report("must be heston (model.md) or lognormal, got '\(qVarianceName)'", key: "qVariance") }
        let pricingName = map.string("vixPricing", default: VIXPricing.lognormal.rawValue)
        let pricing = VIXPricing(rawValue: pricingName)
        if pricing == nil { map.report("must be lognormal or exact, got '\(pricingName)'", key: "vixPricing") }
        let smile = SmileChoice(
            ssvi: smileName == "ssvi", nearness: map.nearness(of: "spxSmile", files: files) ?? .max, files: files,
            qVariance: diffusion ?? .squareRoot, exactVIX: pricing == .exact)
        var riskNeutral = RiskNeutralParameters(rate: rate, dividendYield: dividend, kappa: 1, theta: 0.04, xi: physical.xi)
        if let q = map.mapping("riskNeutral") {
            riskNeutral = decodeRiskNeutral(q, rate: rate, dividend: dividend, xi: physical.xi, base: nil, smile: smile)
        } else {
            map.report("is required", key: "riskNeutral")
        }
        let regimeName = map.string("regime", default: "base")
        let phaseInDays = map.tradingDays("phaseInDays", 1...Limits.phaseInDays, default: 1)
        var bootstrap: BootstrapSpec?
        if let b = map.mapping("bootstrap") {
            let from = b.string("from")
            let to = b.string("to")
            let blockDays = b.double("blockDays", .within(1, 252), default: 20)
            let first = CalendarDate(parsing: from)
            let last = CalendarDate(parsing: to)
            if b.has("from") && first == nil { b.report("must be a date (YYYY-MM-DD), got '\(from)'", key: "from") }
            if b.has("to") && last == nil { b.report("must be a date (YYYY-MM-DD), got '\(to)'", key: "to") }
            if let first, let last, last <= first { b.report("must be after from (\(from))", key: "to") }
            b.finish()
            bootstrap = BootstrapSpec(from: from, to: to, blockDays: blockDays)
        }
        map.finish()
        return Market(
            spot: spot, variance: variance, physical: physical, riskNeutral: riskNeutral,
            vixPricing: pricing ?? .lognormal, regimeName: regimeName, phaseInDays: phaseInDays, bootstrap: bootstrap,
            smile: smile)
    }

    /// `comparisons` (pairs of strategy names) and `claims` (the ALVH variants,
    /// the single call and the unhedged baseline the claims speak of); names
    /// are checked against the strategies when the configuration is validated.
    func decodeComparisons(_ top: YAMLMapping, into configuration: inout StressConfiguration) {
        if let items = top.sequence("comparisons", maxItems: Limits.strategies * Limits.strategies) {
            configuration.declaredComparisons = items.compactMap { item in
                guard let map = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { return nil }
                defer { map.finish() }
                return StrategyPair(hedged: map.name("hedged"), baseline: map.name("baseline"))
            }
        }
        if let map = top.mapping("claims") {
            configuration.materiality = map.double("materiality", .within(0, 1), default: ClaimRoles.defaultMateriality)
            if let levels = map.doubles("drawdownLevels", .positive(upTo: 1)) {
                if levels.isEmpty || levels.count > 10 { map.report("must list 1 to 10 drawdown levels", key: "drawdownLevels") }
                configuration.drawdownLevels = levels
            }
            // Roles declared: those given, the rest not judged; none given: inferred (`ComparisonPlan`).
            if map.has("alvh") || map.has("singleCall") || map.has("unhedged") {
                var alvh: [String] = []
                for item in map.sequence("alvh", maxItems: Limits.strategies) ?? [] {
                    guard let name = item.node.node.scalar?.string else {
                        diagnostics.report(item.node.node, item.keyPath, "must be a strategy name", file: item.node.file)
                        continue
                    }
                    alvh.append(name)
                }
                configuration.declaredClaims = ClaimRoles(
                    alvh: alvh, singleCall: map.has("singleCall") ? map.name("singleCall") : nil,
                    unhedged: map.has("unhedged") ? map.name("unhedged") : nil)
            }
            map.finish()
        }
    }

    /// `regimes`, `transitions` or `expectedDurations`, and `initialRegime`.
    func decodeRegimes(_ top: YAMLMapping, into configuration: inout StressConfiguration, smile: SmileChoice) {
        let base = configuration.allRegimes[0]
        var regimes: [Regime] = []
        if let items = top.sequence("regimes", maxItems: Limits.regimes) {
            for item in items {
                guard let map = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
                let name = map.name("name")
                map.alias("regimes.\(name)")
                if name == base.name || regimes.contains(where: { $0.name == name }) {
                    map.report("regime name '\(name)' is used twice", key: "name")
                }
                let physical = map.mapping("physical").map {
                    decodePhysical($0, dividend: base.physical.dividendYield, base: base.physical)
                } ?? base.physical
                let riskNeutral = map.mapping("riskNeutral").map {
                    decodeRiskNeutral(
                        $0, rate: base.riskNeutral.rate, dividend: base.riskNeutral.dividendYield, xi: physical.xi,
                        base: base.riskNeutral, smile: smile)
                } ?? { var q = base.riskNeutral; if !q.ownVolOfVol { q.xi = physical.xi }; return q }()
                let drift = map.double("breadthDrift", .within(-100, 100), default: base.breadthDrift)
                var regime = Regime(name: name, physical: physical, riskNeutral: riskNeutral, breadthDrift: drift)
                regime.phaseInDays = map.tradingDays("phaseInDays", 1...Limits.phaseInDays, default: 1)
                map.finish()
                regimes.append(regime)
            }
        }
        configuration.regimes = regimes
        let names = [base.name] + regimes.map(\.name)
        let count = names.count
        var chain = RegimeChain.fromDurations([Double](repeating: .infinity, count: count), initial: [1] + [Double](repeating: 0, count: count - 1))
        top.exclusive("transitions", "expectedDurations")
        if let rows = top.sequence("transitions") {
            var matrix: [[Double]] = []
            for row in rows {
                guard case .sequence(let cells) = row.node.node else {
                    diagnostics.report(row.node.node, row.keyPath, "must be a list of \(count) probabilities", file: row.node.file)
                    continue
                }
                let values = cells.map { Double($0.scalar?.string ?? "") ?? .nan }
                if values.count != count {
                    diagnostics.report(row.node.node, row.keyPath, "has \(values.count) entries, expected \(count) (one per regime: \(names.joined(separator: ", ")))", file: row.node.file)
                } else if values.contains(where: { !($0 >= 0 && $0 <= 1) }) || abs(values.reduce(0, +) - 1) > 1e-9 {
                    diagnostics.report(row.node.node, row.keyPath, "must be probabilities summing to 1, got \(values)", file: row.node.file)
                }
                matrix.append(values)
            }
            if matrix.count != count {
                top.report("has \(matrix.count) rows, expected \(count) (one per regime: \(names.joined(separator: ", ")))", key: "transitions")
            } else {
                chain.transitions = matrix
            }
        } else if let durations = top.doubles("expectedDurations", .within(1, 1e12)) {
            if durations.count != count {
                top.report("has \(durations.count) entries, expected \(count) (one per regime: \(names.joined(separator: ", ")))", key: "expectedDurations")
            } else if durations.contains(where: { $0 < 1 }) {
                top.report("durations are in trading days and at least 1", key: "expectedDurations")
            } else {
                chain = RegimeChain.fromDurations(durations, initial: chain.initial)
            }
        } else if count > 1 {
            top.report("the scenario has \(count) regimes: give transitions or expectedDurations", key: nil)
        }
        if let value = top.value("initialRegime") {
            switch value.node {
            case .scalar(let scalar):
                if let index = names.firstIndex(of: scalar.string) {
                    chain.initial = (0..<count).map { $0 == index ? 1 : 0 }
                } else {
                    diagnostics.report(value.node, "initialRegime", "no regime is named '\(scalar.string)' (regimes: \(names.joined(separator: ", ")))", file: value.file)
                }
            case .sequence(let cells):
                let values = cells.map { Double($0.scalar?.string ?? "") ?? .nan }
                if values.count != count || values.contains(where: { !($0 >= 0) }) || abs(values.reduce(0, +) - 1) > 1e-9 {
                    diagnostics.report(value.node, "initialRegime", "must name a regime or give \(count) probabilities summing to 1", file: value.file)
                } else {
                    chain.initial = values
                }
            default:
                diagnostics.report(value.node, "initialRegime", "must name a regime or give a distribution", file: value.file)
            }
        }
        configuration.regimeChain = chain
    }

    /// `events`: each type with its days (listed, or `perYear` from `firstDay`) and shock distributions.
    func decodeEvents(_ top: YAMLMapping, horizon: Int) -> [ScheduledEvent] {
        guard let items = top.sequence("events") else { return [] }
        var events: [ScheduledEvent] = []
        for item in items {
            guard let map = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
            let kind = map.string("type")
            var days: [Int] = []
            map.exclusive("days", "perYear")
            if let listed = map.doubles("days", .nonNegative(upTo: Double(Limits.horizonDays))) {
                // Out-of-range values were reported; only days within the limits become days.
                days = listed.filter { $0 >= 0 && $0 <= Double(Limits.horizonDays) }.map { Int($0) }
                if listed.contains(where: { $0.isFinite && $0 != $0.rounded() }) { map.report("days must be whole trading days", key: "days") }
            } else if map.has("perYear") {
                let perYear = map.double("perYear", .within(0.01, 252))
                let first = map.int("firstDay", 0...Limits.horizonDays, default: 0)
                if perYear >= 0.01 && perYear <= 252 {
                    var index = 0
                    while true {
                        let day = first + Int((Double(index) * 252 / perYear).rounded())
                        if day > horizon { break }
                        days.append(day)
                        index += 1
                    }
                    if days.isEmpty {
                        map.report("firstDay \(first) is after the horizon (\(horizon) days): the event never happens", key: "firstDay")
                    }
                }
            } else {
                map.report("needs days or perYear", key: nil)
            }
            if let day = days.first(where: { $0 > horizon }) {
                let more = days.filter { $0 > horizon }.count - 1
                map.report("day \(day) is after the horizon (\(horizon) days)" + (more > 0 ? ", and \(more) more" : ""), key: "days")
            }
            var spxMean = 0.0
            var spxSD = 0.0
            if let shock = map.mapping("spxShock") {
                spxMean = shock.double("mean", .within(-1, 1), default: 0)
                spxSD = shock.double("sd", .nonNegative(upTo: 1))
                shock.finish()
            } else {
                map.report("is required", key: "spxShock")
            }
            var varianceMean = 0.0
            var varianceSD = 0.0
            if let shock = map.mapping("varianceShock") {
                shock.exclusive("mean", "multiplier")
                varianceSD = shock.double("sd", .nonNegative(upTo: 5), default: 0)
                if shock.has("multiplier") {
                    // E[exp(Normal(mu, sd^2))] = exp(mu + sd^2 / 2): the log-mean that makes the mean factor `multiplier`.
                    let multiplier = shock.double("multiplier", .positive(upTo: 100))
                    varianceMean = log(multiplier) - 0.5 * varianceSD * varianceSD
                } else {
                    varianceMean = shock.double("mean", .within(-5, 5), default: 0)
                }
                shock.finish()
            }
            map.finish()
            for day in days where day <= horizon {
                events.append(ScheduledEvent(
                    kind: kind, day: day, spxShockMean: spxMean, spxShockSD: spxSD,
                    varianceShockMean: varianceMean, varianceShockSD: varianceSD))
            }
        }
        return events.sorted { ($0.day, $0.kind) < ($1.day, $1.kind) }
    }

    /// `shocks`: on `day` or `days: [first, last]`, any of spxReturn, varianceMultiple, targetVIX, regime.
    func decodeShocks(_ top: YAMLMapping, horizon: Int, regimes: [String]) -> [ScriptedShock] {
        guard let items = top.sequence("shocks") else { return [] }
        var shocks: [ScriptedShock] = []
        for item in items {
            guard let map = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
            var first = 1
            var last = 1
            map.exclusive("day", "days")
            if map.has("day") {
                first = map.int("day", 1...Limits.horizonDays)
                last = first
            } else if let range = map.doubles("days", .within(1, Double(Limits.horizonDays))) {
                if range.count != 2 || !(range[1] >= range[0]) {
                    map.report("must be [first, last] with first <= last", key: "days")
                } else if range.contains(where: { !($0 >= 1 && $0 <= Double(Limits.horizonDays)) }) {
                    // Reported by the range check; no day is made of it.
                } else if range.contains(where: { $0 != $0.rounded() }) {
                    map.report("days must be whole trading days", key: "days")
                } else {
                    first = Int(range[0])
                    last = Int(range[1])
                }
            } else {
                map.report("needs day or days", key: nil)
            }
            if last > horizon { map.report("day \(last) is after the horizon (\(horizon) days)", key: map.has("day") ? "day" : "days") }
            var regime: Int?
            if map.has("regime") {
                let name = map.string("regime")
                regime = regimes.firstIndex(of: name)
                if regime == nil { map.report("no regime is named '\(name)' (regimes: \(regimes.joined(separator: ", ")))", key: "regime") }
            }
            let shock = ScriptedShock(
                firstDay: first, lastDay: last, spxLogReturn: map.optionalDouble("spxReturn", .within(-2, 2)),
                varianceMultiple: map.optionalDouble("varianceMultiple", .within(1e-3, 1_000)),
                targetVIX: map.optionalDouble("targetVIX", .within(1, 300)), regime: regime)
            if shock.spxLogReturn == nil && shock.varianceMultiple == nil && shock.targetVIX == nil && shock.regime == nil {
                map.report("does nothing: give spxReturn, varianceMultiple, targetVIX or regime", key: nil)
            }
            map.finish()
            shocks.append(shock)
        }
        return shocks
    }

    func decodeCosts(_ map: YAMLMapping?, default fallback: TradingCosts) -> TradingCosts {
        guard let map else { return fallback }
        defer { map.finish() }
        return TradingCosts(
            commission: map.double("commission", .nonNegative(upTo: 1_000), default: fallback.commission),
            halfSpread: map.double("halfSpread", .nonNegative(upTo: 100), default: fallback.halfSpread))
    }

    /// A one-key mapping choosing between rules, e.g. `{standardDeviations: 1.5}` or `{delta: 0.16}`;
    /// a file's choice replaces an inherited one (`YAMLMapping.oneOf`).
    func decodeChoice(_ map: YAMLMapping?, options: [(key: String, range: NumberRange)]) -> (String, Double)? {
        guard let map else { return nil }
        defer { map.finish() }
        var conflict = false
        let chosen = map.oneOf(options.map(\.key)) { conflict = true }
        guard let chosen, !conflict, let option = options.first(where: { $0.key == chosen }) else {
            map.report("must have exactly one of: \(options.map(\.key).joined(separator: ", "))", key: nil)
            return nil
        }
        return (option.key, map.double(option.key, option.range))
    }

}
