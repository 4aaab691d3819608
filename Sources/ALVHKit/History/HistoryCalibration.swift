import Foundation

/// Fits the model to a window of history (`alvh calibrate`), in two stages:
///
/// 1. **Q** (`kappaQ`, `thetaQ`; the Q jumps are the base scenario's: their
///    constant variance `JQ` and `thetaQ` are all but collinear once each
///    day's variance is free, so the term structure alone cannot part them;
///    the SPX smile can, which is the pricing issue's) by least squares on
///    the VIX term structure: each day's
///    variance is the one at which the model's VIX equals the day's close,
///    and the model's 9-day and 3-month VIX (`100 sqrt(w(T))`, T = 9 and 93
///    calendar days) are fitted to VIX9D and VIX3M (and VIX itself, where
///    VIX is below the model's floor). Standard errors by Gauss-Newton,
///    `s^2 (J'J)^-1`.
/// 2. **P** on the implied variance and SPX returns, by (quasi-)maximum
///    likelihood: `kappa`, `theta`, `xi` from the Euler transition of the
///    variance (Gaussian, variance `xi^2 v h`), then `mu` and the jumps
///    (`lambda`, `muJ`, `sigJ`) from the daily returns as a mixture of no
///    jump and one jump a day; `rho` the correlation of the two standardised
///    innovations on days without a jump-sized return. Standard errors from
///    the inverse Hessian of the (negative log-) likelihood.
///
/// All minimisation by GSL's Nelder-Mead simplex (`Minimiser`) over the
/// logs of positive parameters. The standard errors treat days as
/// independent: the term-structure residuals are autocorrelated, so those
/// of Q are optimistic.
public struct HistoryCalibration: Sendable {
    /// One fitted parameter.
    public struct Estimate: Sendable, Codable, Hashable {
        public var name: String
        public var value: Double
        public var standardError: Double
    }

    /// Root-mean-square error (VIX points) of the model's futures, by months ahead.
    public struct FuturesFit: Sendable, Codable, Hashable {
        public var monthsAhead: Int
        public var days: Int
        public var rmse: Double
    }

    public var riskNeutral: RiskNeutralParameters
    public var physical: PhysicalDynamics
    public var qEstimates: [Estimate]
    public var pEstimates: [Estimate]
    /// RMSE (VIX points) of the model's VIX9D and VIX3M after the Q fit, and the days fitted.
    public var termStructureRMSE: (vix9D: Double, vix3M: Double)
    public var termDays: Int
    /// Days whose VIX was below the fitted model's floor.
    public var daysBelowFloor: Int
    public var futures: [FuturesFit]
    /// The last day's SPX and implied variance (the fitted scenario's start).
    public var lastSpot: Double
    public var lastVariance: Double
    /// The implied variance by day (with the fitted Q).
    public var impliedVariance: [Double]

    static let vix9DYears = 9.0 / 365
    static let vix3MYears = 93.0 / 365
    static let h = 1.0 / 252

    /// What a calibration reads: per trading day SPX and VIX, and where known VIX9D and VIX3M.
    public struct Input: Sendable {
        public var spots: [Double]
        public var vix: [Double]
        public var vix9D: [Double?]
        public var vix3M: [Double?]
        /// Per day with a curve: the day's index, and per month ahead the settlement and trading days to expiry.
        public var futures: [(day: Int, months: [(settlement: Double, days: Int)?])]

        public init(
            spots: [Double], vix: [Double], vix9D: [Double?], vix3M: [Double?],
            futures: [(day: Int, months: [(settlement: Double, days: Int)?])] = []
        ) {
            self.spots = spots
            self.vix = vix
            self.vix9D = vix9D
            self.vix3M = vix3M
            self.futures = futures
        }
    }

    /// Fits `input`, starting from (and keeping what is not fitted of) `base`'s P and Q.
    public init(_ input: Input, base: StressConfiguration) throws {
        let baseQ = base.riskNeutral
        // Stage 1: Q on the term structure.
        let termDays = input.vix.indices.filter { input.vix9D[$0] != nil && input.vix3M[$0] != nil }
        guard termDays.count >= 30 else {
            throw ParameterError(key: "--data", "the window has \(termDays.count) days with VIX9D and VIX3M; at least 30 are needed to fit Q")
        }
        func q(_ x: [Double]) -> RiskNeutralParameters {
            var q = baseQ
            q.kappa = exp(x[0])
            q.theta = exp(x[1])
            return q
        }
        func residuals(_ q: RiskNeutralParameters) -> [Double] {
            let model = VIXModel(q)
            var r = [Double]()
            r.reserveCapacity(3 * termDays.count)
            for day in termDays {
                let v = model.variance(forIndex: input.vix[day])
                r.append(100 * q.expectedAverageVariance(variance: v, maturity: Self.vix9DYears).squareRoot() - input.vix9D[day]!)
                r.append(100 * q.expectedAverageVariance(variance: v, maturity: Self.vix3MYears).squareRoot() - input.vix3M[day]!)
                r.append(model.index(variance: v) - input.vix[day])
            }
            return r
        }
        func sse(_ x: [Double]) -> Double { residuals(q(x)).reduce(0) { $0 + $1 * $1 } }
        let qStart = [log(baseQ.kappa), log(baseQ.theta)]
        let qFit = try Minimiser(tolerance: 1e-6, maximumIterations: 50_000).minimise(start: qStart, steps: [0.5, 0.5], context: "calibrating Q", sse)
        let fittedQ = q(qFit.x)
        let qResiduals = residuals(fittedQ)
        let qCovariance = Self.gaussNewtonCovariance(qFit.x, residuals: { residuals(q($0)) }, base: qResiduals)
        qEstimates = zip(["kappaQ", "thetaQ"], [fittedQ.kappa, fittedQ.theta]).enumerated().map {
            Estimate(name: $1.0, value: $1.1, standardError: $1.1 * (qCovariance?[$0][$0] ?? .nan).squareRoot())
        }
        riskNeutral = fittedQ
        let n9 = stride(from: 0, to: qResiduals.count, by: 3).map { qResiduals[$0] }
        let n3 = stride(from: 1, to: qResiduals.count, by: 3).map { qResiduals[$0] }
        termStructureRMSE = (Self.rms(n9), Self.rms(n3))
        self.termDays = termDays.count

        // Stage 2: P on the implied variance and the returns.
        let model = VIXModel(fittedQ)
        let v = input.vix.map { model.variance(forIndex: $0) }
        impliedVariance = v
        daysBelowFloor = v.filter { $0 == 0 }.count
        lastSpot = input.spots.last!
        lastVariance = v.last!
        let usable = (0..<(v.count - 1)).filter { v[$0] > 1e-5 }
        guard usable.count >= 100 else {
            throw ParameterError(key: "--data", "only \(usable.count) days have a variance above the model's floor; at least 100 are needed to fit P")
        }
        let h = Self.h
        func varianceNLL(_ x: [Double]) -> Double {
            let (kappa, theta, xi) = (exp(x[0]), exp(x[1]), exp(x[2]))
            var total = 0.0
            for t in usable {
                let s2 = xi * xi * v[t] * h
                let e = v[t + 1] - v[t] - kappa * (theta - v[t]) * h
                total += 0.5 * (log(s2) + e * e / s2)
            }
            return total
        }
        let basePhysical = base.physical
        let vStart = [log(basePhysical.kappa), log(basePhysical.theta), log(basePhysical.xi)]
        let vFit = try Minimiser(tolerance: 1e-6, maximumIterations: 50_000).minimise(start: vStart, steps: [0.5, 0.5, 0.3], context: "calibrating the P variance", varianceNLL)
        let (kappa, theta, xi) = (exp(vFit.x[0]), exp(vFit.x[1]), exp(vFit.x[2]))
        let vCovariance = Minimiser.inverse(Minimiser.hessian(varianceNLL, at: vFit.x, steps: [1e-3, 1e-3, 1e-3]))
        let q = basePhysical.dividendYield
        let returns = usable.map { log(input.spots[$0 + 1] / input.spots[$0]) }
        func returnNLL(_ x: [Double]) -> Double {
            let (mu, lambda, muJ, sigJ) = (x[0], exp(x[1]), x[2], exp(x[3]))
            let p = min(lambda * h, 0.5)
            let mbar = expm1(muJ + 0.5 * sigJ * sigJ)
            var total = 0.0
            for (k, t) in usable.enumerated() {
                let s2 = v[t] * h
                let m = (mu - q - lambda * mbar - 0.5 * v[t]) * h
                let r = returns[k]
                let quiet = (1 - p) * exp(-0.5 * (r - m) * (r - m) / s2) / (2 * Double.pi * s2).squareRoot()
                let s2j = s2 + sigJ * sigJ
                let jump = p * exp(-0.5 * (r - m - muJ) * (r - m - muJ) / s2j) / (2 * Double.pi * s2j).squareRoot()
                total -= log(max(quiet + jump, 1e-300))
            }
            return total
        }
        let rStart = [basePhysical.drift, log(max(basePhysical.jumpIntensity, 0.5)), min(basePhysical.jumpMean, -0.01), log(max(basePhysical.jumpVolatility, 0.01))]
        let rFit = try Minimiser(tolerance: 1e-6, maximumIterations: 50_000).minimise(start: rStart, steps: [0.05, 0.5, 0.01, 0.3], context: "calibrating the P returns", returnNLL)
        let (mu, lambda, muJ, sigJ) = (rFit.x[0], exp(rFit.x[1]), rFit.x[2], exp(rFit.x[3]))
        let rCovariance = Minimiser.inverse(Minimiser.hessian(returnNLL, at: rFit.x, steps: [1e-3, 1e-3, 1e-4, 1e-3]))
        // rho: the two innovations on days without a jump-sized return.
        var zs = [Double]()
        var zv = [Double]()
        let mbar = expm1(muJ + 0.5 * sigJ * sigJ)
        for (k, t) in usable.enumerated() {
            let s = (v[t] * h).squareRoot()
            let z = (returns[k] - (mu - q - lambda * mbar - 0.5 * v[t]) * h) / s
            guard abs(z) < 4 else { continue }
            zs.append(z)
            zv.append((v[t + 1] - v[t] - kappa * (theta - v[t]) * h) / (xi * s))
        }
        let rho = max(min(IndexComparison.correlation(zs, zv), 0.999), -0.999)
        physical = PhysicalDynamics(
            drift: mu, dividendYield: q, kappa: kappa, theta: theta, xi: xi, rho: rho, jumpIntensity: lambda, jumpMean: muJ,
            // The likelihood has no variance co-jumps (the implied variance's jumps are in its
            // diffusion), so the fitted P has none: the base's muV with the fitted lambda would
            // add lambda x muV of variance a year that the data did not show.
            jumpVolatility: sigJ, varianceJumpMean: 0)
        // The model's xi is shared by the measures: Q takes P's.
        riskNeutral.xi = xi
        func se(_ covariance: [[Double]]?, _ i: Int, scale: Double) -> Double {
            guard let covariance, covariance[i][i] > 0 else { return .nan }
            return scale * covariance[i][i].squareRoot()
        }
        pEstimates = [
            Estimate(name: "kappa", value: kappa, standardError: se(vCovariance, 0, scale: kappa)),
            Estimate(name: "theta", value: theta, standardError: se(vCovariance, 1, scale: theta)),
            Estimate(name: "xi", value: xi, standardError: se(vCovariance, 2, scale: xi)),
            Estimate(name: "rho", value: rho, standardError: (1 - rho * rho) / Double(zs.count).squareRoot()),
            Estimate(name: "mu", value: mu, standardError: se(rCovariance, 0, scale: 1)),
            Estimate(name: "lambda", value: lambda, standardError: se(rCovariance, 1, scale: lambda)),
            Estimate(name: "muJ", value: muJ, standardError: se(rCovariance, 2, scale: 1)),
            Estimate(name: "sigJ", value: sigJ, standardError: se(rCovariance, 3, scale: sigJ)),
        ]
        // The futures curve against the fitted model.
        let finalModel = VIXModel(riskNeutral)
        var errors = [[Double]](repeating: [], count: 7)
        for entry in input.futures {
            for (k, month) in entry.months.enumerated() {
                guard let month, month.days > 0 else { continue }
                let future = finalModel.futureQuote(variance: v[entry.day], maturity: Double(month.days) / 252).future
                errors[k].append(future - month.settlement)
            }
        }
        futures = errors.enumerated().compactMap { k, e in
            e.isEmpty ? nil : FuturesFit(monthsAhead: k + 1, days: e.count, rmse: Self.rms(e))
        }
    }

    static func rms(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
    }

    /// `s^2 (J'J)^-1` of a least-squares fit at `x` (J by forward differences).
    static func gaussNewtonCovariance(_ x: [Double], residuals: ([Double]) -> [Double], base: [Double]) -> [[Double]]? {
        let p = x.count
        let n = base.count
        var jacobian = [[Double]]()
        for i in 0..<p {
            var moved = x
            let step = 1e-6 * max(abs(x[i]), 1)
            moved[i] += step
            let r = residuals(moved)
            jacobian.append((0..<n).map { (r[$0] - base[$0]) / step })
        }
        var jtj = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for a in 0..<p {
            for b in 0..<p { jtj[a][b] = zip(jacobian[a], jacobian[b]).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        let s2 = base.reduce(0) { $0 + $1 * $1 } / Double(max(n - p, 1))
        return Minimiser.inverse(jtj).map { $0.map { $0.map { $0 * s2 } } }
    }

    /// The fitted scenario's YAML: `base` (a path) extended with the fitted market, to be written at `out`.
    /// With `marketTable`, its Q variance dynamics and SSVI smile replace the stage-1 Q and the base's smile.
    public func scenarioText(base: String, out: String, name: String, span: String, data: String, marketTable: MarketTableFit? = nil) -> String {
        let fit = self
        let outFolder = URL(fileURLWithPath: out).deletingLastPathComponent().standardizedFileURL.path
        let baseURL = URL(fileURLWithPath: base).standardizedFileURL
        let extends = baseURL.deletingLastPathComponent().path == outFolder ? baseURL.lastPathComponent : baseURL.path
        let p = fit.physical
        let q = marketTable?.riskNeutral ?? fit.riskNeutral
        func g(_ x: Double) -> String { "\(x)" }
        let how = marketTable == nil
            ? "Q on the VIX term structure; the Q jumps\n# and the smile are the base's"
            : "Q's lognormal variance and the SSVI smile\n# on the market table by VIX bucket; the Q price jumps are the base's"
        var extra = ""
        var choices = ""
        if let table = marketTable {
            let d = table.riskNeutral.qVariance
            extra = "    xi: \(g(table.riskNeutral.xi))\n    lambdaV: \(g(d.jumpIntensity))\n    muV: \(g(d.jumpMean))\n"
            choices = "  qVariance: lognormal\n"
            if let shape = table.riskNeutral.ssvi {
                extra += "    ssviRho: \(g(shape.rho))\n    ssviEta: \(g(shape.eta))\n"
                choices += "  spxSmile: ssvi\n"
            }
        }
        return """
            # Calibrated by alvh calibrate on \(data), \(span) (P by quasi-maximum likelihood on
            # the VIX-implied variance and SPX returns, \(how)). Starts from the window's last close.
            name: \(name)-calibrated
            description: \(name) with P and Q fitted to \(span)
            extends: \(extends)
            market:
            \(choices)  spot: \(g(fit.lastSpot))
              v0: \(g(fit.lastVariance))
              physical:
                mu: \(g(p.drift))
                kappa: \(g(p.kappa))
                theta: \(g(p.theta))
                xi: \(g(p.xi))
                rho: \(g(p.rho))
                lambda: \(g(p.jumpIntensity))
                muJ: \(g(p.jumpMean))
                sigJ: \(g(p.jumpVolatility))
                muV: 0
              riskNeutral:
                kappa: \(g(q.kappa))
                theta: \(g(q.theta))
            \(extra)
            """
    }
}
