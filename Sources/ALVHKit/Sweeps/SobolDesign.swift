import CGSL

/// The points of a low-discrepancy design: GSL's Sobol sequence
/// (`gsl_qrng_sobol`) in `dimensions` coordinates, each in [0, 1). The
/// sequence is deterministic, so a design's points are the same on every
/// machine, shard and rerun, and any prefix of it covers the box evenly.
public enum SobolDesign {
    /// The most coordinates GSL's Sobol generator supports.
    public static let maximumDimensions = 40

    /// The first `count` points of the sequence in `dimensions` coordinates.
    public static func points(count: Int, dimensions: Int) -> [[Double]] {
        precondition((1...maximumDimensions).contains(dimensions) && count >= 0, "a Sobol design has 1 to 40 coordinates")
        guard let generator = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimensions)) else { preconditionFailure("gsl_qrng_alloc failed") }
        defer { gsl_qrng_free(generator) }
        var point = [Double](repeating: 0, count: dimensions)
        var points: [[Double]] = []
        points.reserveCapacity(count)
        for _ in 0..<count {
            _ = point.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
            points.append(point)
        }
        return points
    }
}
