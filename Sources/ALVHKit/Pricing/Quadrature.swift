import CGSL

/// Adaptive Gauss-Kronrod quadrature from GSL (QAGS on finite intervals,
/// QAGIU on half-lines) over a Swift closure. Used by the analytic pricers,
/// never in the simulation loop.
public struct Quadrature: Sendable {
    /// Relative accuracy requested from GSL.
    public var relativeTolerance: Double
    /// Absolute accuracy requested from GSL.
    public var absoluteTolerance: Double
    /// Most subintervals GSL may bisect into.
    public var subintervalLimit: Int

    public init(relativeTolerance: Double = 1e-10, absoluteTolerance: Double = 1e-13, subintervalLimit: Int = 2000) {
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.subintervalLimit = subintervalLimit
    }

    /// The integral of `f` over `[lower, upper]`; `upper` may be `.infinity`.
    /// - Throws: `GSLError` when GSL cannot reach the requested accuracy.
    public func integrate(
        from lower: Double, to upper: Double, context: @autoclosure () -> String,
        _ f: @escaping (Double) -> Double
    ) throws(GSLError) -> Double {
        GSLRuntime.prepare()
        guard upper > lower else { return 0 }
        let workspace = gsl_integration_workspace_alloc(subintervalLimit)!
        defer { gsl_integration_workspace_free(workspace) }
        var result = 0.0
        var error = 0.0
        let status = GSLFunction.with(f) { function in
            if upper.isInfinite {
                return gsl_integration_qagiu(
                    &function, lower, absoluteTolerance, relativeTolerance, subintervalLimit,
                    workspace, &result, &error)
            }
            return gsl_integration_qags(
                &function, lower, upper, absoluteTolerance, relativeTolerance, subintervalLimit,
                workspace, &result, &error)
        }
        try GSLRuntime.check(status, context())
        return result
    }
}
