import CPricingKernels
import Foundation

/// Every regime's pricing factors by remaining trading days, so that marking an
/// option at a close needs no `exp`: the SPX forward and at-the-money total
/// variance, and the mean and variance of `VIX_T^2`, are affine in the close's
/// spot and variance with coefficients that depend only on the maturity.
///
/// With `T = days / 252` (years):
/// - SPX: `ln F = ln S + (r - q) T`, `sigATM(T)^2 T = A_T + B_T v + eventVariance`
///   (model.md's `w(T) T`), discount `e^{-rT}`;
/// - VIX: `E[VIX_T^2] = M_T + N_T v + 100^2 eventVariance / tau` and
///   `Var[VIX_T^2] = P_T + Q_T v + R_T v^2` (index points squared; `R_T` is 0 under
///   model.md's Heston Q), as in `VIXModel.futureQuote`.
public struct MaturityFactors: Sendable {
    /// Largest tabulated remaining days; longer maturities are computed on demand.
    public let maxDays: Int
    /// Rows by regime, then by remaining days.
    @usableFromInline let table: SharedTable<Double>
    @usableFromInline let smiles: [SPXSmile]
    /// Number of regimes (kept apart from the arrays: the bounds check reads no heap).
    @usableFromInline let regimeCount: Int
    @usableFromInline let vixModels: [VIXModel]
    @usableFromInline static let width = Int(ALVH_FACTOR_WIDTH)

    /// - Parameters: smiles, vixModels: the regimes' pricers, in regime order.
    public init(smiles: [SPXSmile], vixModels: [VIXModel], maxDays: Int) {
        precondition(smiles.count == vixModels.count)
        self.maxDays = maxDays
        self.smiles = smiles
        regimeCount = smiles.count
        self.vixModels = vixModels
        var rows = [Double]()
        rows.reserveCapacity(smiles.count * (maxDays + 1) * Self.width)
        for (smile, vix) in zip(smiles, vixModels) {
            for days in 0...maxDays { rows += Self.row(days: days, smile: smile, vix: vix) }
        }
        table = SharedTable(rows)
    }

    /// The factors of one maturity, in table order.
    @usableFromInline
    static func row(days: Int, smile: SPXSmile, vix: VIXModel) -> [Double] {
        let t = Double(days) / 252
        let q = smile.parameters
        let decayTime = t * averagedDecay(q.kappa * t)  // (1 - e^{-kappaQ T}) / kappaQ
        let carry = (q.rate - q.dividendYield) * t
        let vq = vix.parameters
        let e = exp(-vq.kappa * t)
        let spread = VIXModel.pointsSquared * vix.a
        var row = [Double](repeating: 0, count: width)
        row[Int(ALVH_FACTOR_LOG_GROWTH)] = carry
        row[Int(ALVH_FACTOR_DISCOUNT)] = exp(-q.rate * t)
        row[Int(ALVH_FACTOR_SPX_VARIANCE_INTERCEPT)] = (q.theta + q.jumpVariance) * t - q.theta * decayTime
        row[Int(ALVH_FACTOR_SPX_VARIANCE_SLOPE)] = decayTime
        row[Int(ALVH_FACTOR_VIX2_MEAN_INTERCEPT)] = VIXModel.pointsSquared * (vix.a * vq.theta * (1 - e) + vix.b)
        row[Int(ALVH_FACTOR_VIX2_MEAN_SLOPE)] = VIXModel.pointsSquared * vix.a * e
        let spreadOfV = vq.varianceOfVariance(maturity: t)
        row[Int(ALVH_FACTOR_VIX2_VARIANCE_INTERCEPT)] = spread * spread * spreadOfV.intercept
        row[Int(ALVH_FACTOR_VIX2_VARIANCE_SLOPE)] = spread * spread * spreadOfV.slope
        row[Int(ALVH_FACTOR_VIX2_VARIANCE_QUADRATIC)] = spread * spread * spreadOfV.quadratic
        if !vq.qVariance.isModelMD {
            let law = vix.flooredLawFactors(maturity: t)
            row[Int(ALVH_FACTOR_VIX2_FLOOR)] = law.floorSquare
            row[Int(ALVH_FACTOR_PART_WEIGHT)] = law.weight
            row[Int(ALVH_FACTOR_PART_MEAN_INTERCEPT)] = law.meanIntercept
            row[Int(ALVH_FACTOR_PART_MEAN_SLOPE)] = law.meanSlope
            row[Int(ALVH_FACTOR_PART_VARIANCE_INTERCEPT)] = law.varianceIntercept
            row[Int(ALVH_FACTOR_PART_VARIANCE_SLOPE)] = law.varianceSlope
            row[Int(ALVH_FACTOR_PART_VARIANCE_QUADRATIC)] = law.varianceQuadratic
        }
        return row
    }

    /// The factors of `regime` for `days` remaining trading days.
    @inlinable @inline(__always)
    public func factors(regime: Int, days: Int) -> Factors {
        precondition(regime >= 0 && regime < regimeCount && days >= 0, "no factors for regime \(regime), \(days) days")
        if days <= maxDays {
            return Factors(table.base + (regime &* (maxDays &+ 1) &+ days) &* Self.width)
        }
        return untabulated(regime: regime, days: days)
    }

    /// The factors of a maturity beyond the table, computed (out of line: the daily loop never needs it in W1).
    @usableFromInline @inline(never)
    func untabulated(regime: Int, days: Int) -> Factors {
        Self.row(days: days, smile: smiles[regime], vix: vixModels[regime]).withUnsafeBufferPointer {
            Factors($0.baseAddress!)
        }
    }

    /// The index of `regime`'s row for 0 remaining days in the table (rows of `width` doubles, one per day to `maxDays`).
    @inline(__always)
    func firstRow(regime: Int) -> Int {
        precondition(regime >= 0 && regime < regimeCount, "no factors for regime \(regime)")
        return regime &* (maxDays &+ 1)
    }

    /// The factors of one maturity.
    public struct Factors: Sendable {
        /// `(r - q) T`: the log of the SPX forward over spot.
        public let logGrowth: Double
        /// `e^{-rT}`.
        public let discount: Double
        /// SPX at-the-money total variance `A_T + B_T v`.
        public let varianceIntercept: Double
        public let varianceSlope: Double
        /// `E[VIX_T^2] = M_T + N_T v` (before event variance).
        public let vixMeanIntercept: Double
        public let vixMeanSlope: Double
        /// `Var[VIX_T^2] = P_T + Q_T v + R_T v^2`.
        public let vixVarianceIntercept: Double
        public let vixVarianceSlope: Double
        public let vixVarianceQuadratic: Double

        @inlinable @inline(__always)
        init(_ p: UnsafePointer<Double>) {
            logGrowth = p[Int(ALVH_FACTOR_LOG_GROWTH)]
            discount = p[Int(ALVH_FACTOR_DISCOUNT)]
            varianceIntercept = p[Int(ALVH_FACTOR_SPX_VARIANCE_INTERCEPT)]
            varianceSlope = p[Int(ALVH_FACTOR_SPX_VARIANCE_SLOPE)]
            vixMeanIntercept = p[Int(ALVH_FACTOR_VIX2_MEAN_INTERCEPT)]
            vixMeanSlope = p[Int(ALVH_FACTOR_VIX2_MEAN_SLOPE)]
            vixVarianceIntercept = p[Int(ALVH_FACTOR_VIX2_VARIANCE_INTERCEPT)]
            vixVarianceSlope = p[Int(ALVH_FACTOR_VIX2_VARIANCE_SLOPE)]
            vixVarianceQuadratic = p[Int(ALVH_FACTOR_VIX2_VARIANCE_QUADRATIC)]
        }

        /// `Var[VIX_T^2]` at variance `v`, in the kernel's order of operations.
        @inlinable @inline(__always)
        public func vixVariance(_ v: Double) -> Double {
            (vixVarianceIntercept + vixVarianceSlope * v) + vixVarianceQuadratic * (v * v)
        }
    }
}
