import CGSL

/// A GSL random number generator type (`taus2`, `mt19937`, `ranlxd1`, ...),
/// chosen by name as GSL's own `GSL_RNG_TYPE` convention does.
public struct RandomGeneratorType: Sendable, Hashable, CustomStringConvertible {
    /// The generator's GSL name.
    public let name: String

    /// The default generator: `taus2`. Measured with `alvh bench --generators`
    /// it is the fastest GSL generator to re-seed per path (tens of
    /// nanoseconds, against microseconds for `mt19937` and a millisecond for
    /// `gfsr4`) and among the fastest per draw.
    public static let `default` = RandomGeneratorType(validatedName: "taus2")

    /// Every generator name GSL provides, in GSL's order.
    public static let allNames: [String] = {
        var names: [String] = []
        var cursor = cgsl_rng_types()!
        while let type = cursor.pointee {
            names.append(String(cString: type.pointee.name))
            cursor += 1
        }
        return names
    }()

    private init(validatedName: String) {
        self.name = validatedName
    }

    /// Looks a generator up by its GSL name.
    /// - Throws: `RandomConfigurationError.unknownGenerator` listing the valid names.
    public init(named name: String) throws(RandomConfigurationError) {
        guard Self.allNames.contains(name) else {
            throw .unknownGenerator(name, valid: Self.allNames)
        }
        self.name = name
    }

    /// The GSL type descriptor.
    var gslType: UnsafePointer<gsl_rng_type> {
        var cursor = cgsl_rng_types()!
        while let type = cursor.pointee {
            if String(cString: type.pointee.name) == name { return type }
            cursor += 1
        }
        preconditionFailure("generator \(name) vanished from GSL's list")
    }

    public var description: String { name }
}

/// The generator type and master seed of a run, resolved from command-line
/// values first and GSL's environment variables (`GSL_RNG_TYPE`,
/// `GSL_RNG_SEED`) second. GSL's own `gsl_rng_env_setup` is never called: it
/// prints to stdout, which would corrupt machine-readable output.
public struct RandomConfiguration: Sendable, Hashable {
    /// The generator type every path stream uses.
    public var generator: RandomGeneratorType
    /// The master seed of the run; with the path index it determines every draw.
    public var seed: UInt64

    /// The seed used when neither `--seed` nor `GSL_RNG_SEED` is given.
    public static let defaultSeed: UInt64 = 1

    public init(generator: RandomGeneratorType = .default, seed: UInt64 = defaultSeed) {
        self.generator = generator
        self.seed = seed
    }

    /// Resolves the configuration: explicit values win, then the environment,
    /// then the defaults.
    public static func resolve(
        generatorName: String?, seed: UInt64?,
        environment: [String: String]
    ) throws(RandomConfigurationError) -> RandomConfiguration {
        let generator: RandomGeneratorType
        if let name = generatorName {
            generator = try RandomGeneratorType(named: name)
        } else if let name = environment["GSL_RNG_TYPE"], !name.isEmpty {
            generator = try RandomGeneratorType(named: name)
        } else {
            generator = .default
        }
        let resolvedSeed: UInt64
        if let seed {
            resolvedSeed = seed
        } else if let text = environment["GSL_RNG_SEED"], !text.isEmpty {
            guard let value = UInt64(text) else { throw .badSeed(text) }
            resolvedSeed = value
        } else {
            resolvedSeed = defaultSeed
        }
        return RandomConfiguration(generator: generator, seed: resolvedSeed)
    }
}

/// Invalid random-number settings.
public enum RandomConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    case unknownGenerator(String, valid: [String])
    case badSeed(String)

    public var description: String {
        switch self {
        case let .unknownGenerator(name, valid):
            return "unknown random generator '\(name)'; valid GSL generators: \(valid.joined(separator: ", "))"
        case let .badSeed(text):
            return "GSL_RNG_SEED '\(text)' is not a non-negative whole number"
        }
    }
}
