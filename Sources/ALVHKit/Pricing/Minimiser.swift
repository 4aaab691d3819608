import CGSL

/// Minimises a function of a few parameters with GSL's Nelder-Mead simplex
/// (`gsl_multimin_fminimizer_nmsimplex2`): no derivatives needed, robust on
/// the flat, noisy likelihoods of calibrations. Also the numerical Hessian
/// and its inverse, from which a fit's standard errors come. Used by
/// calibration, never in the simulation loop.
public struct Minimiser: Sendable {
    /// Stop when the simplex's size falls below this (in the parameters' units).
    public var tolerance: Double
    public var maximumIterations: Int

    /// What a non-finite objective value is replaced by.
    public static let repelling = 1e100

    public init(tolerance: Double = 1e-8, maximumIterations: Int = 20_000) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    private final class Objective {
        let body: ([Double]) -> Double
        let count: Int
        init(_ body: @escaping ([Double]) -> Double, count: Int) {
            self.body = body
            self.count = count
        }
    }

    /// The minimum of `f` from `start`, the simplex's first steps `steps`,
    /// restarted from each minimum found (a simplex can collapse before it
    /// reaches one) until a restart improves the value by less than 1e-12
    /// relative, at most 5 times.
    /// A non-finite value of `f` counts as `repelling`, a value above any real one (the simplex steps away from it).
    /// - Throws: `GSLError` when GSL fails or the iterations run out before the tolerance.
    public func minimise(
        start: [Double], steps: [Double], context: @autoclosure () -> String, _ f: @escaping ([Double]) -> Double
    ) throws(GSLError) -> (x: [Double], value: Double, iterations: Int) {
        var best = try simplex(start: start, steps: steps, context: context(), f)
        for _ in 0..<5 {
            let again = try simplex(start: best.x, steps: steps, context: context(), f)
            let improved = again.value < best.value - 1e-12 * abs(best.value)
            best = again.value <= best.value ? (again.x, again.value, best.iterations + again.iterations) : best
            if !improved { break }
        }
        return best
    }

    private func simplex(
        start: [Double], steps: [Double], context: @autoclosure () -> String, _ f: @escaping ([Double]) -> Double
    ) throws(GSLError) -> (x: [Double], value: Double, iterations: Int) {
        GSLRuntime.prepare()
        precondition(start.count == steps.count && !start.isEmpty)
        let n = start.count
        let box = Objective(f, count: n)
        let x = gsl_vector_alloc(n)!
        let step = gsl_vector_alloc(n)!
        defer {
            gsl_vector_free(x)
            gsl_vector_free(step)
        }
        for i in 0..<n {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(step, i, steps[i])
        }
        var function = gsl_multimin_function(
            f: { vector, parameters in
                let objective = Unmanaged<Objective>.fromOpaque(parameters!).takeUnretainedValue()
                let point = (0..<objective.count).map { gsl_vector_get(vector, $0) }
                let value = objective.body(point)
                // GSL's simplex refuses non-finite values (GSL_EBADFUNC): a huge finite one repels it the same way.
                return value.isFinite ? value : Self.repelling
            },
            n: n, params: Unmanaged.passUnretained(box).toOpaque())
        let minimizer = gsl_multimin_fminimizer_alloc(cgsl_nmsimplex2(), n)!
        defer { gsl_multimin_fminimizer_free(minimizer) }
        var iterations = 0
        try withExtendedLifetime(box) { () throws(GSLError) in
            try GSLRuntime.check(gsl_multimin_fminimizer_set(minimizer, &function, x, step), context())
            while iterations < maximumIterations {
                iterations += 1
                try GSLRuntime.check(gsl_multimin_fminimizer_iterate(minimizer), context())
                let size = gsl_multimin_fminimizer_size(minimizer)
                if gsl_multimin_test_size(size, tolerance) == Int32(GSL_SUCCESS) { return }
            }
            throw GSLError(status: Int32(GSL_EMAXITER), context: context() + ": no convergence in \(maximumIterations) iterations")
        }
        let best = (0..<n).map { gsl_vector_get(minimizer.pointee.x, $0) }
        return (best, minimizer.pointee.fval, iterations)
    }

    /// The Hessian of `f` at `x` by central differences with steps `h`.
    public static func hessian(_ f: ([Double]) -> Double, at x: [Double], steps h: [Double]) -> [[Double]] {
        let n = x.count
        var result = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let center = f(x)
        for i in 0..<n {
            for j in i..<n {
                var value: Double
                if i == j {
                    var up = x, down = x
                    up[i] += h[i]
                    down[i] -= h[i]
                    value = (f(up) - 2 * center + f(down)) / (h[i] * h[i])
                } else {
                    var pp = x, pm = x, mp = x, mm = x
                    pp[i] += h[i]; pp[j] += h[j]
                    pm[i] += h[i]; pm[j] -= h[j]
                    mp[i] -= h[i]; mp[j] += h[j]
                    mm[i] -= h[i]; mm[j] -= h[j]
                    value = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * h[i] * h[j])
                }
                result[i][j] = value
                result[j][i] = value
            }
        }
        return result
    }

    /// The inverse of a small square matrix by Gauss-Jordan elimination with
    /// partial pivoting; nil when it is singular.
    public static func inverse(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix
        var inverse = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-300, a[pivot][column].isFinite
            else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let scale = a[column][column]
            for k in 0..<n {
                a[column][k] /= scale
                inverse[column][k] /= scale
            }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                guard factor != 0 else { continue }
                for k in 0..<n {
                    a[row][k] -= factor * a[column][k]
                    inverse[row][k] -= factor * inverse[column][k]
                }
            }
        }
        return inverse
    }
}
