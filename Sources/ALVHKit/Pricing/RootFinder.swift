import CGSL

/// The root of a function of one variable inside a bracket, by GSL's Brent
/// solver (`gsl_root_fsolver_brent`). Used to build pricing tables and in
/// calibration, never in the simulation loop.
public struct RootFinder: Sendable {
    /// Stop when the bracket is narrower than this, relative to the root.
    public var relativeTolerance: Double
    public var maximumIterations: Int

    public init(relativeTolerance: Double = 1e-13, maximumIterations: Int = 200) {
        self.relativeTolerance = relativeTolerance
        self.maximumIterations = maximumIterations
    }

    /// The `x` in `[lower, upper]` with `f(x) = 0`; `f(lower)` and `f(upper)` must differ in sign.
    /// - Throws: `GSLError` when the bracket holds no sign change or the iterations run out.
    public func root(
        between lower: Double, and upper: Double, context: @autoclosure () -> String, _ f: @escaping (Double) -> Double
    ) throws(GSLError) -> Double {
        GSLRuntime.prepare()
        let solver = gsl_root_fsolver_alloc(cgsl_brent())!
        defer { gsl_root_fsolver_free(solver) }
        return try GSLFunction.with(f) { (function: inout gsl_function) throws(GSLError) -> Double in
            try GSLRuntime.check(gsl_root_fsolver_set(solver, &function, lower, upper), context())
            for _ in 0..<maximumIterations {
                try GSLRuntime.check(gsl_root_fsolver_iterate(solver), context())
                let low = gsl_root_fsolver_x_lower(solver)
                let high = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(low, high, 0, relativeTolerance) == Int32(GSL_SUCCESS) {
                    return gsl_root_fsolver_root(solver)
                }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), context: context())
        }
    }
}
