import Foundation

/// The number of cores this process may use: the CPUs its affinity mask
/// allows (`taskset`, cgroup cpusets, a batch scheduler's binding), at most
/// the online ones, and at most `SLURM_CPUS_PER_TASK` inside a Slurm job
/// step that sets it.
enum ProcessInfoCores {
    static var active: Int {
        var cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        if let allowed = allowedCPUs(status: (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? "") {
            cores = min(cores, allowed)
        }
        if let text = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"], let slurm = Int(text), slurm >= 1 {
            cores = min(cores, slurm)
        }
        return cores
    }

    /// The CPUs of the affinity mask, from the `Cpus_allowed_list` line of
    /// Linux's `/proc/self/status` (`0-3,8,10-11`); nil where there is none.
    static func allowedCPUs(status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else { return nil }
        var count = 0
        for part in line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces).split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            switch bounds.count {
            case 1: count += 1
            case 2 where bounds[1] >= bounds[0]: count += bounds[1] - bounds[0] + 1
            default: return nil
            }
        }
        return count > 0 ? count : nil
    }
}
