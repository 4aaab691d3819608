import ALVHKit
import ArgumentParser
import Foundation

/// The `alvh` command: stress simulation of SPX iron condors with VIX-call hedges.
@main
struct ALVH: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alvh",
        abstract: "Monte Carlo stress simulator for SPX iron condors hedged with VIX calls.",
        discussion: "alvh is free software under the GNU GPL, version 3 or later (it links GSL).",
        version: "0.1.0 (\(sourceRevision))",
        subcommands: [RunCommand.self, ReplayCommand.self, SweepCommand.self, VerdictsCommand.self, MergeCommand.self, ReportCommand.self, ScenariosCommand.self, HistoryCommand.self, CalibrateCommand.self, PriceCommand.self, BenchCommand.self]
    )

    /// For a mistake on the command line, the usage of the command it was
    /// meant for and where its help is, as ArgumentParser words them, after
    /// the one-line error; nothing for a problem in a file or a run.
    static func usage(for error: any Error) -> String {
        let full = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = full.firstIndex(where: { $0.hasPrefix("Usage: ") }) else { return "" }
        let lines = full[start...].map { String($0) }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return lines.map { DisplayText.escaped($0) + "\n" }.joined()
    }

    /// Parses, runs, and maps failures to one line on stderr: exit 2 for bad
    /// input (arguments, parameters, generator names), 1 for anything else.
    static func main() {
        // A mistyped command gets the one meant, before ArgumentParser reads it as stray arguments.
        let arguments = CommandLine.arguments.dropFirst()
        if let first = arguments.first, !first.hasPrefix("-") {
            let commands = configuration.subcommands.map { $0.configuration.commandName ?? "\($0)".lowercased() } + ["help"]
            if !commands.contains(first) {
                let meant = NearestName.find(first, among: commands).map { " (did you mean '\($0)'?)" } ?? ""
                FileHandle.standardError.write(Data(
                    "alvh: error: unknown command '\(DisplayText.escaped(first))'\(meant); the commands are \(commands.dropLast().joined(separator: ", "))\n".utf8))
                Foundation.exit(2)
            }
        }
        do {
            var command = try parseAsRoot()
            // A bad ALVH_KERNELS fails here, loudly, rather than silently falling back.
            _ = try KernelTier.fromEnvironment()
            try command.run()
            // A summary that could not be written (a closed pipe, a full disk) is a failure, not a success.
            if fflush(nil) != 0 {
                FileHandle.standardError.write(Data("alvh: error: cannot write to standard output (\(String(cString: strerror(errno))))\n".utf8))
                Foundation.exit(1)
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            if let scenarioError = error as? ScenarioError {
                // A scenario's problems, one line each (file:line:column: key: message).
                let lines = scenarioError.issues.map { "alvh: error: \(DisplayText.escaped($0.description))\n" }.joined()
                FileHandle.standardError.write(Data(lines.utf8))
                Foundation.exit(2)
            }
            let inputError =
                error is ParameterError || error is HistoryError || error is RandomConfigurationError || error is NonFiniteResultError
                || code == .validationFailure || (error as? OutputError)?.isMissingInput == true
            let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data(("alvh: error: \(DisplayText.escaped(text))\n" + usage(for: error)).utf8))
            Foundation.exit(inputError ? 2 : 1)
        }
    }
}
