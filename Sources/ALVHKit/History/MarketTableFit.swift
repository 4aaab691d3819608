import Foundation

/// Fits Q's variance dynamics and the SSVI smile to the real market table:
/// on each real day, the model is priced at the variance that makes its VIX
/// the close, its futures at the real contracts' trading days to expiry, and
/// the fit matches each VIX bucket's medians (as `MarketTable` and
/// `alvh scenarios check --data` compute them) in units of the pricing
/// issue's bands: M1, M2, M4 and M7 over VIX (0.05), VVIX (15 points),
/// VIX9D and VIX3M over VIX (0.05); then SKEW (10 points) for the smile.
/// Buckets with fewer than 20 days are left out. GSL's Nelder-Mead simplex.
///
/// Q: `kappaQ`, `thetaQ`, and with the lognormal diffusion Q's `xi`,
/// `lambdaV`, `muV`; the smile: SSVI's `rho`, `eta`.
public struct MarketTableFit: Sendable {
    /// One real day.
    public struct Day: Sendable {
        public var vix: Double
        /// The monthly futures M1..M7: settlement and trading days to expiry, nil where missing.
        public var futures: [(settlement: Double, days: Int)?]
        public var vvix: Double?
        public var vix9D: Double?
        public var vix3M: Double?
        public var skew: Double?

        public init(vix: Double, futures: [(settlement: Double, days: Int)?], vvix: Double?, vix9D: Double?, vix3M: Double?, skew: Double?) {
            self.vix = vix
            self.futures = futures
            self.vvix = vvix
            self.vix9D = vix9D
            self.vix3M = vix3M
            self.skew = skew
        }
    }

    /// The fitted Q (the start's, with the fitted values and `qVariance` lognormal, `ssvi` set).
    public var riskNeutral: RiskNeutralParameters
    public var estimates: [HistoryCalibration.Estimate]
    /// Root mean square of the band-scaled residuals, before (at the start) and after the fit.
    public var rmsBefore: Double
    public var rmsAfter: Double
    /// Buckets fitted.
    public var buckets: [String]

    /// The figures matched, with their bands; months by index into `Day.futures`.
    static let months = [0, 1, 3, 6]
    static let minimumDays = 20
    /// The 21-day 5-delta put's distance out of the money at VIX 17.5 (the pricing issue's market figure, 11-13%).
    public static let fivePutDistance = 0.12

    public init(days: [Day], start: RiskNeutralParameters) throws {
        var grouped = [[Day]](repeating: [], count: MarketTable.bucketLabels.count)
        for day in days where day.futures.first??.settlement != nil { grouped[MarketTable.bucket(day.vix)].append(day) }
        let used = grouped.indices.filter { grouped[$0].count >= Self.minimumDays }
        guard used.count >= 3 else {
            throw ParameterError(key: "--data", "the window has \(used.count) VIX buckets with \(Self.minimumDays) days of futures; at least 3 are needed to fit the market table")
        }
        buckets = used.map { MarketTable.bucketLabels[$0] }
        let median = MarketTable.median
        /// Per used bucket: the data's medians of the seven Q figures (nil where the data has none).
        func figures(_ days: [Day], _ value: (Day, Int) -> Double?) -> [Double?] {
            (0..<7).map { figure in median(days.compactMap { value($0, figure) }) }
        }
        func dataFigure(_ day: Day, _ figure: Int) -> Double? {
            switch figure {
            case 0..<4: return day.futures[Self.months[figure]].map { $0.settlement / day.vix }
            case 4: return day.vvix
            case 5: return day.vix9D.map { $0 / day.vix }
            default: return day.vix3M.map { $0 / day.vix }
            }
        }
        let bands = [0.05, 0.05, 0.05, 0.05, 15, 0.05, 0.05]
        let targets = used.map { figures(grouped[$0], dataFigure) }
        func modelFigures(_ q: RiskNeutralParameters, _ days: [Day]) -> [Double?] {
            let model = VIXModel(q)
            return figures(days) { day, figure in
                let v = model.variance(forIndex: day.vix)
                switch figure {
                case 0..<4:
                    guard let month = day.futures[Self.months[figure]] else { return nil }
                    return model.futureQuote(variance: v, maturity: Double(month.days) / 252).future / day.vix
                case 4:
                    return 100 * model.futureQuote(variance: v, maturity: VIXModel.horizon).totalVolatility / VIXModel.horizon.squareRoot()
                case 5, 6:
                    let t = Double(figure == 5 ? MarketTableProgram.vix9dDays : MarketTableProgram.vix3mDays) / 252
                    return 100 * q.expectedAverageVariance(variance: v, maturity: t).squareRoot() / day.vix
                default: return nil
                }
            }
        }
        func residuals(_ q: RiskNeutralParameters) -> [Double] {
            var r = [Double]()
            for (bucket, target) in zip(used, targets) {
                let model = modelFigures(q, grouped[bucket])
                for figure in 0..<7 {
                    guard let data = target[figure], let ours = model[figure] else { continue }
                    r.append((ours - data) / bands[figure])
                }
            }
            return r
        }
        func q(_ x: [Double]) -> RiskNeutralParameters {
            var q = start
            q.kappa = exp(x[0])
            q.theta = exp(x[1])
            q.xi = exp(x[2])
            q.ownVolOfVol = true
            q.qVariance = QVarianceDynamics(diffusion: .lognormal, jumpIntensity: exp(x[3]), jumpMean: exp(x[4]))
            return q
        }
        func cost(_ x: [Double]) -> Double {
            let candidate = q(x)
            guard candidate.qVariance.jumpIntensity * candidate.qVariance.jumpMean < candidate.kappa * candidate.theta,
                  x.allSatisfy({ abs($0) < 30 }) else { return .infinity }
            return residuals(candidate).reduce(0) { $0 + $1 * $1 }
        }
        let x0 = [log(start.kappa), log(start.theta), log(1.5), log(1.0), log(0.01)]
        let before = residuals(q(x0))
        let fit = try Minimiser(tolerance: 1e-5, maximumIterations: 20_000).minimise(
            start: x0, steps: [0.3, 0.3, 0.3, 0.5, 0.5], context: "fitting Q to the market table", cost)
        var fitted = q(fit.x)
        let after = residuals(fitted)
        rmsBefore = (before.reduce(0) { $0 + $1 * $1 } / Double(max(before.count, 1))).squareRoot()
        rmsAfter = (after.reduce(0) { $0 + $1 * $1 } / Double(max(after.count, 1))).squareRoot()

        // The smile: SKEW at each bucket's median VIX.
        let skewTargets = used.compactMap { bucket -> (vix: Double, skew: Double)? in
            guard let skew = median(grouped[bucket].compactMap(\.skew)), let vix = median(grouped[bucket].map(\.vix)) else { return nil }
            return (vix, skew)
        }
        func shape(_ y: [Double]) -> SSVIParameters {
            let rho = 0.999 * tanh(y[0])
            return SSVIParameters(rho: rho, eta: 2 / (1 + abs(rho)) / (1 + exp(-y[1])))
        }
        // SKEW alone fixes one combination of rho and eta (a flat SSVI SKEW is
        // nearly the same at every VIX); the wing's place fixes the other: the
        // 21-day 5-delta put 12% out of the money at VIX 17.5 (band 1 point).
        func skewCost(_ y: [Double]) -> Double {
            var candidate = fitted
            candidate.ssvi = shape(y)
            let smile = SPXSmile(candidate)
            let model = VIXModel(candidate)
            let skew = skewTargets.reduce(0) { sum, target in
                let slice = smile.slice(spot: 1, variance: model.variance(forIndex: target.vix), maturity: VIXModel.horizon)
                let gap = (SmileMoments(slice).skewIndex - target.skew) / 10
                return sum + gap * gap
            }
            let wing = smile.slice(spot: 5000, variance: model.variance(forIndex: 17.5), maturity: VIXModel.horizon)
            let gap = (wing.strike(forDelta: 0.05, kind: .put, increment: 1) / 5000 - 1 + Self.fivePutDistance) / 0.01
            return skew + gap * gap
        }
        if skewTargets.count >= 2 {
            let smileFit = try Minimiser(tolerance: 1e-4, maximumIterations: 2_000).minimise(
                start: [atanh(-0.7), 0.5], steps: [0.3, 0.5], context: "fitting the SSVI smile to SKEW", skewCost)
            fitted.ssvi = shape(smileFit.x)
            fitted.smileBeta = 0
            fitted.smileGamma = 0
        }
        riskNeutral = fitted
        let d = fitted.qVariance
        estimates = [
            ("kappaQ", fitted.kappa), ("thetaQ", fitted.theta), ("xiQ", fitted.xi), ("lambdaV", d.jumpIntensity), ("muV", d.jumpMean),
        ].map { HistoryCalibration.Estimate(name: $0.0, value: $0.1, standardError: .nan) }
            + (fitted.ssvi.map { [HistoryCalibration.Estimate(name: "ssviRho", value: $0.rho, standardError: .nan),
                                  HistoryCalibration.Estimate(name: "ssviEta", value: $0.eta, standardError: .nan)] } ?? [])
    }
}
