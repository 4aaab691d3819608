import CGSL

/// A Swift closure handed to GSL's one-variable routines (quadrature, root
/// finding, Chebyshev fits) as a `gsl_function`: the closure is boxed and
/// passed as the function's parameters, and kept alive while `body` runs.
enum GSLFunction {
    private final class Box {
        let body: (Double) -> Double
        init(_ body: @escaping (Double) -> Double) { self.body = body }
    }

    /// Runs `body` with `f` as a `gsl_function`.
    static func with<Result, Failure: Error>(
        _ f: @escaping (Double) -> Double, _ body: (inout gsl_function) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let box = Box(f)
        var function = gsl_function(
            function: { x, parameters in Unmanaged<Box>.fromOpaque(parameters!).takeUnretainedValue().body(x) },
            params: Unmanaged.passUnretained(box).toOpaque())
        return try withExtendedLifetime(box) { () throws(Failure) -> Result in try body(&function) }
    }
}
