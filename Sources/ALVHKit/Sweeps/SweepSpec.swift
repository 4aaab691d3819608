import Foundation
import Yams

/// A sweep: base scenarios and axes of values for key paths into them. Every
/// point uses the same seed, so points differ only by their parameters
/// (common random numbers).
public struct SweepSpec: Sendable {
    public var name: String
    public var description: String
    /// The sweep file as given, and the SHA-256 of its bytes.
    public var file: String
    public var sha256: String
    /// Scenario files (resolved against the sweep file's folder).
    public var scenarios: [String]
    /// Paths per point and the shared seed.
    public var paths: Int
    public var seed: UInt64
    public var fanPaths: Int
    public var bootstrap: Int
    /// The axes' key paths, in order.
    public var axes: [String]
    /// The points: one override per axis each.
    public var points: [SweepPoint]

    /// Loads and validates a sweep file and every point's scenario; all
    /// problems are reported together.
    public static func load(path: String) throws(ScenarioError) -> SweepSpec {
        let root = try Scenario.parse(path: path)
        let diagnostics = YAMLDiagnostics(file: path)
        guard let top = YAMLMapping(SourcedNode(node: root, file: path), keyPath: "", diagnostics: diagnostics) else {
            throw ScenarioError(diagnostics.issues)
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = top.name("name", default: Scenario.baseName(path))
        let description = top.string("description", default: "")
        var scenarios: [String] = []
        if let items = top.sequence("scenarios") {
            for item in items {
                guard let file = item.node.node.scalar?.string else {
                    diagnostics.report(item.node.node, item.keyPath, "must be a scenario file", file: path)
                    continue
                }
                scenarios.append(file.hasPrefix("/") ? file : ((folder as NSString).appendingPathComponent(file) as NSString).standardizingPath)
            }
        } else {
            top.report("is required", key: "scenarios")
        }
        let paths = top.int("paths", 2...Limits.paths, default: 20_000)
        let seed = top.int("seed", 0...Int.max, default: 1)
        let fanPaths = top.int("fanPaths", 1...Limits.recordedPaths, default: 500)
        let bootstrap = top.int("bootstrap", 2...Limits.bootstrap, default: 1_000)
        // A design other than the grid: `design: {sobol: N}`, N points of GSL's Sobol sequence over the axes.
        var sobolPoints: Int?
        if let design = top.mapping("design") {
            sobolPoints = design.int("sobol", 1...Limits.sweepPoints)
            design.finish()
        }
        // Per axis, its listed values, or for a continuous range of a Sobol design its ends.
        var axes: [(key: String, tied: [String], values: [Node])] = []
        var continuous: [String: (from: Double, to: Double, mark: Mark?)] = [:]
        if let items = top.sequence("axes") {
            for item in items {
                guard let axis = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
                let key = axis.string("key")
                // Keys that take the axis's value too (`also: [...]`): "at equal budget" ties two budgets.
                var tied: [String] = []
                for item in axis.sequence("also", maxItems: 16) ?? [] {
                    guard let other = item.node.node.scalar?.string, !other.isEmpty else {
                        diagnostics.report(item.node.node, item.keyPath, "must be a key path", file: path)
                        continue
                    }
                    tied.append(other)
                }
                var values: [Node] = []
                axis.exclusive("values", "range")
                if let listed = axis.sequence("values") {
                    values = listed.map(\.node.node)
                    if values.isEmpty { axis.report("must list at least one value", key: "values") }
                } else if let range = axis.mapping("range") {
                    let from = range.double("from", .within(-1e12, 1e12))
                    let to = range.double("to", .within(-1e12, 1e12))
                    let step = sobolPoints != nil && !range.has("step") ? 0 : range.double("step", .positive(upTo: 1e12))
                    if to < from { range.report("to must not be below from", key: "to") }
                    if step == 0 {
                        continuous[key] = (from, to, range.node.mark)
                    } else if step > 0 && to >= from && (to - from) / step > Double(Limits.sweepPoints) {
                        range.report("gives more than \(Limits.sweepPoints) values; use a larger step", key: "step")
                    } else if step > 0 && to >= from {
                        var index = 0.0
                        while from + index * step <= to + step * 1e-9 {
                            let value = (from + index * step) * 1e12
                            values.append(.scalar(Node.Scalar("\(value.rounded() / 1e12)", .implicit, .any, range.node.mark)))
                            index += 1
                        }
                    }
                    range.finish()
                } else {
                    axis.report("needs values or range", key: nil)
                }
                axis.finish()
                if axes.contains(where: { ([$0.key] + $0.tied).contains(where: ([key] + tied).contains) }) {
                    axis.report("axis '\(key)' is given twice", key: "key")
                }
                axes.append((key, tied, values))
            }
        }
        var combinations: [[Node]] = [[]]
        if let sobolPoints {
            if top.has("points") { top.report("give design or points, not both", key: "points") }
            if axes.count > SobolDesign.maximumDimensions {
                top.report("a Sobol design has at most \(SobolDesign.maximumDimensions) axes, got \(axes.count)", key: "axes")
                combinations = []
            } else if axes.isEmpty {
                top.report("a Sobol design needs at least one axis", key: "axes")
                combinations = []
            } else {
                // A coordinate u in [0, 1) is from + u (to - from) on a continuous axis, and the
                // value at index floor(u n) of an axis's n listed values.
                combinations = SobolDesign.points(count: sobolPoints, dimensions: axes.count).map { u in
                    axes.indices.map { dimension in
                        let axis = axes[dimension]
                        if let range = continuous[axis.key] {
                            let value = ((range.from + u[dimension] * (range.to - range.from)) * 1e12).rounded() / 1e12
                            return .scalar(Node.Scalar("\(value)", .implicit, .any, range.mark))
                        }
                        return axis.values[min(Int(u[dimension] * Double(axis.values.count)), axis.values.count - 1)]
                    }
                }
            }
        } else if let listed = top.sequence("points") {
            combinations = []
            for item in listed {
                guard let point = YAMLMapping(item.node, keyPath: item.keyPath, diagnostics: diagnostics) else { continue }
                var values: [Node] = []
                for axis in axes {
                    guard let value = point.value(axis.key) else {
                        point.report("needs a value for axis '\(axis.key)'", key: nil)
                        continue
                    }
                    values.append(value.node)
                }
                point.finish()
                combinations.append(values)
            }
        } else {
            // The product is counted before it is built: a few long axes could exceed any memory.
            let count = axes.reduce(1.0) { $0 * Double($1.values.count) }
            if count > Double(Limits.sweepPoints) {
                top.report("the axes give \(count) points, more than \(Limits.sweepPoints)", key: "axes")
                combinations = []
            } else {
                for axis in axes {
                    combinations = combinations.flatMap { prefix in axis.values.map { prefix + [$0] } }
                }
            }
        }
        if scenarios.isEmpty && top.has("scenarios") { top.report("must list at least one scenario file", key: "scenarios") }
        if scenarios.count * combinations.count > Limits.sweepPoints {
            top.report("has \(scenarios.count * combinations.count) points, more than \(Limits.sweepPoints)", key: "axes")
        } else if combinations.isEmpty && diagnostics.issues.isEmpty {
            top.report("gives no point", key: "points")
        }
        top.finish()
        guard diagnostics.issues.isEmpty else { throw ScenarioError(diagnostics.issues) }
        var points: [SweepPoint] = []
        var issues: [ScenarioIssue] = []
        for scenario in scenarios {
            for values in combinations {
                let overrides = zip(axes, values).flatMap { axis, value in
                    ([axis.key] + axis.tied).map { ScenarioOverride(keyPath: $0, node: value, file: path) }
                }
                do {
                    let loaded = try Scenario.load(path: scenario, overrides: overrides)
                    points.append(SweepPoint(
                        index: points.count, scenarioFile: scenario, scenario: loaded.name,
                        parameters: overrides.map { [$0.keyPath, $0.value] }))
                } catch {
                    for issue in error.issues where !issues.contains(issue) { issues.append(issue) }
                }
            }
        }
        guard issues.isEmpty else { throw ScenarioError(issues) }
        return SweepSpec(
            name: name, description: description, file: path,
            sha256: (try? RunOutputs.sha256(of: URL(fileURLWithPath: path))) ?? "", scenarios: scenarios, paths: paths,
            seed: UInt64(seed), fanPaths: fanPaths, bootstrap: bootstrap, axes: axes.flatMap { [$0.key] + $0.tied }, points: points)
    }

    /// The loaded scenario of a point, its axis values applied.
    public func scenario(of point: SweepPoint) throws(ScenarioError) -> Scenario {
        try Scenario.load(
            path: point.scenarioFile,
            overrides: point.parameters.map { ScenarioOverride(keyPath: $0[0], value: $0[1], file: file) })
    }
}

/// One point of a sweep: a scenario and a value per axis.
public struct SweepPoint: Sendable, Hashable, Codable {
    /// Position in the sweep (scenarios in order, then the axes' product).
    public var index: Int
    public var scenarioFile: String
    public var scenario: String
    /// `[keyPath, value]` per axis.
    public var parameters: [[String]]
    /// What determines the point's result, hashed (`SweepRun.fingerprint`); empty until a sweep run sets it.
    public var fingerprint: String = ""

    /// The point's folder name in the sweep folder.
    public var folderName: String { scenario + "-" + String(format: "%04d", index) }
}
