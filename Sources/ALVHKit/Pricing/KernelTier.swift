import CPricingKernels
import Foundation

/// The instruction-set tier the vector pricing kernels run on. One C source is
/// compiled once per tier; every tier performs the same IEEE operations in the
/// same order (fused multiply-adds written out, no other contraction), so all
/// give bit-identical prices and a run's output does not depend on the tier.
public enum KernelTier: Int, Sendable, CaseIterable, CustomStringConvertible {
    /// The baseline instruction set (SSE2 on x86-64, NEON on arm64). On an
    /// x86-64 without FMA its fused multiply-adds are libm's exact `fma`: slow but identical.
    case generic = 0
    /// AVX2 with FMA (8 lanes as two 256-bit halves).
    case avx2 = 1
    /// AVX-512 (8 lanes in one register).
    case avx512 = 2

    /// The widest tier this CPU supports.
    public static let best: KernelTier = KernelTier(rawValue: Int(alvh_kernel_best_tier())) ?? .generic

    /// The environment variable that forces a tier.
    public static let environmentVariable = "ALVH_KERNELS"

    /// The tier runs use: `ALVH_KERNELS` if set and valid, else `best`.
    /// (`alvh` checks the variable at start-up and rejects a bad value.)
    public static let preferred: KernelTier = (try? fromEnvironment()) ?? best

    /// The tier `ALVH_KERNELS` names (`generic`, `avx2`, `avx512` or `best`), or `best` when unset.
    /// - Throws: `ParameterError` for an unknown name or a tier this CPU cannot run.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(ParameterError) -> KernelTier {
        guard let name = environment[environmentVariable], !name.isEmpty, name != "best" else { return best }
        guard let tier = allCases.first(where: { $0.description == name }) else {
            throw ParameterError(key: environmentVariable, "is '\(name)'; expected one of generic, avx2, avx512, best")
        }
        guard tier.rawValue <= best.rawValue else {
            throw ParameterError(key: environmentVariable, "asks for \(name), which this CPU cannot run (best: \(best))")
        }
        return tier
    }

    public var description: String {
        switch self {
        case .generic: "generic"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    @usableFromInline var code: Int32 { Int32(rawValue) }
}
