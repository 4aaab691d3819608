/// Wilson's score interval of a binomial share: k successes in n trials, at
/// 95%. It stays inside [0, 1] and is not degenerate at 0 or n successes,
/// where the normal approximation collapses to a point.
public enum WilsonInterval {
    /// The share k / n and its 95% interval (0...1 when n is 0).
    public static func share(_ k: Int, of n: Int) -> (share: Double, lower: Double, upper: Double) {
        guard n > 0 else { return (0, 0, 1) }
        let trials = Double(n)
        let share = Double(k) / trials
        let z = 1.959_963_984_540_054
        let centre = (share + z * z / (2 * trials)) / (1 + z * z / trials)
        let half = z / (1 + z * z / trials) * (share * (1 - share) / trials + z * z / (4 * trials * trials)).squareRoot()
        return (share, k == 0 ? 0 : max(0, centre - half), k == n ? 1 : min(1, centre + half))
    }
}
