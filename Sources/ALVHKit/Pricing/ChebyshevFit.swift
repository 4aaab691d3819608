import CGSL

/// A smooth function of one variable on `[lower, upper]` as a Chebyshev
/// series of fixed order, fitted by GSL (`gsl_cheb_init`) and evaluated by
/// Clenshaw's recurrence exactly as `gsl_cheb_eval` does. A value type with
/// its coefficients inline, so that reading it in a pricing loop touches no
/// heap and no reference count. Outside the interval it returns the
/// nearest end's value.
public struct ChebyshevFit: Sendable, Hashable {
    /// The series' order (its last coefficient's index).
    public static let order = 15
    public let lower: Double
    public let upper: Double
    /// `c_0 ... c_order`, GSL's convention (the value is `c_0 / 2 + sum c_j T_j`).
    public let coefficients: SIMD16<Double>

    /// Fits `f` on `[lower, upper]` (`f` is called at the Chebyshev nodes only).
    public init(lower: Double, upper: Double, _ f: @escaping (Double) -> Double) {
        precondition(upper > lower)
        GSLRuntime.prepare()
        let series = gsl_cheb_alloc(Self.order)!
        defer { gsl_cheb_free(series) }
        GSLFunction.with(f) { function in _ = gsl_cheb_init(series, &function, lower, upper) }
        var c = SIMD16<Double>()
        for j in 0...Self.order { c[j] = gsl_cheb_coeffs(series)[j] }
        self.lower = lower
        self.upper = upper
        coefficients = c
    }

    /// The fitted value at `x` (clamped into the interval).
    @inlinable
    public func value(at x: Double) -> Double {
        let clamped = min(max(x, lower), upper)
        let y = (2 * clamped - lower - upper) / (upper - lower)
        let y2 = 2 * y
        var d = 0.0
        var dd = 0.0
        var j = Self.order
        while j >= 1 {
            let previous = d
            d = y2 * d - dd + coefficients[j]
            dd = previous
            j -= 1
        }
        return y * d - dd + 0.5 * coefficients[0]
    }
}
