import Foundation
import Synchronization

/// A failure writing a run's outputs, naming the file.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    /// Whether the problem is in what was given (a missing or inconsistent input), not in writing.
    public let isInput: Bool

    public init(path: String, message: String, isInput: Bool = false) {
        self.path = path
        self.message = message
        self.isInput = isInput
    }

    public var description: String { "\(path): \(message)" }

    /// Whether the error is an input file that cannot be read (bad input, not a failed write).
    public var isMissingInput: Bool {
        isInput || message == "cannot read the file" || message.hasPrefix("not an alvh")
    }
}

/// A run's output folder, built in a hidden staging folder beside it and
/// moved under its final name only when every file is complete, so that an
/// interrupted or failed run leaves no partial file under a final name.
public struct RunDirectory: Sendable {
    /// Where the outputs end up.
    public let final: URL
    /// Where they are written meanwhile.
    public let staging: URL

    /// What makes a staging name unique to this process: host and process id
    /// (shards on several machines may share one folder).
    public static var processTag: String {
        "\(ProcessInfo.processInfo.hostName)-\(getpid())"
    }

    private static let serial = Atomic<Int>(0)

    /// A name part unique to this process and call: host, process id and a serial number.
    static var uniqueTag: String {
        "\(processTag)-\(serial.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    /// Whether a staging or temporary name in a folder was left by a process
    /// of this host that has died (those of other hosts are never touched).
    public static func isStale(_ name: String) -> Bool {
        guard name.hasPrefix("."),
              let range = name.range(of: ".partial-", options: .backwards) ?? name.range(of: ".tmp-", options: .backwards)
                ?? name.range(of: ".replaced-", options: .backwards)
        else { return false }
        let tag = name[range.upperBound...]
        let host = ProcessInfo.processInfo.hostName + "-"
        guard tag.hasPrefix(host), let pid = Int32(tag.dropFirst(host.count).prefix { $0.isNumber }) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Removes what dead processes of this host left in `folder` (staging
    /// folders, temporary files, replaced outputs); live processes' stay.
    public static func removeStale(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where isStale(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// A default run folder name: the scenario, the UTC time to the
    /// millisecond and a suffix unique to this process and call (process id
    /// and a serial, base 36), so two runs started together never share one.
    public static func defaultName(scenario: String, date: Date = Date()) -> String {
        let serial = Self.serial.wrappingAdd(1, ordering: .relaxed).newValue
        let suffix = String(getpid(), radix: 36) + "." + String(serial, radix: 36)
        return "\(scenario)-\(RunJob.timestamp(date, compact: true, milliseconds: true))-\(suffix)"
    }

    /// Whether `folder` holds an output alvh wrote (a run, a shard, a sweep
    /// point, a sweep or a replay): only such a folder may be replaced by `--force`.
    public static func isAlvhOutput(_ folder: URL) -> Bool {
        ["summary.json", "shard.json", "sweep.json", "point.json", "replay.json"].contains {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
    }

    /// Checks that `final` can receive a run's outputs, before anything is
    /// simulated: not empty, not `/`, not a file, not the working folder or
    /// one above it (a run folder is moved into place as a whole; a sweep,
    /// which only adds to its folder, passes `inPlace`); an existing
    /// non-empty folder only with `replacing` and only when alvh wrote it.
    public static func checkUsable(
        _ final: URL, replacing: Bool, allowingContents: Bool = false, inPlace: Bool = false, option: String = "--out",
        hint: String = "choose another or pass --force to replace it"
    ) throws(OutputError) {
        let path = final.standardizedFileURL.path
        let working = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        guard !path.isEmpty, path != "/" else {
            throw OutputError(path: path, message: "\(option): cannot write into the root folder", isInput: true)
        }
        if !inPlace && (working == path || working.hasPrefix(path + "/")) {
            throw OutputError(path: path, message: "\(option): is the working folder or contains it; name a new folder", isInput: true)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw OutputError(path: path, message: "\(option): exists and is not a folder", isInput: true)
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard !contents.isEmpty, !allowingContents else { return }
        guard replacing else {
            throw OutputError(
                path: path, message: "\(option): the folder exists and is not empty; \(hint)",
                isInput: true)
        }
        guard isAlvhOutput(final) else {
            throw OutputError(
                path: path, message: "\(option): --force replaces only a folder alvh wrote (with summary.json, shard.json, sweep.json, point.json or replay.json); this one is not",
                isInput: true)
        }
    }

    /// Creates the staging folder for `final` (after `checkUsable`), and
    /// removes what dead runs left beside it.
    public static func create(final: URL, replacing: Bool = false) throws(OutputError) -> RunDirectory {
        try checkUsable(final, replacing: replacing)
        let parent = final.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(final.lastPathComponent).partial-\(uniqueTag)")
        do {
            try makeFolder(parent)
            removeStale(in: parent)
            try? FileManager.default.removeItem(at: staging)
            try makeFolder(staging)
        } catch {
            throw OutputError(path: final.path, message: "cannot create the output folder (\(error.message))", isInput: true)
        }
        guard access(staging.path, W_OK) == 0 else {
            try? FileManager.default.removeItem(at: staging)
            throw OutputError(path: parent.path, message: "the folder is not writable", isInput: true)
        }
        return RunDirectory(final: final, staging: staging)
    }

    /// Creates `folder` and its missing parents, failing with the system's reason.
    static func makeFolder(_ folder: URL) throws(OutputError) {
        let path = folder.standardizedFileURL.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw OutputError(path: path, message: "\(path) is a file") }
            return
        }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        if parent.path != path { try makeFolder(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw OutputError(path: path, message: "\(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Opens `name` for streaming in the staging folder.
    public func stream(_ name: String) throws(OutputError) -> StreamedFile {
        try StreamedFile(url: staging.appendingPathComponent(name))
    }

    /// Writes a whole file in the staging folder.
    public func write(_ name: String, _ text: String) throws(OutputError) {
        let file = try stream(name)
        try file.write(text)
        try file.close()
    }

    /// Moves the finished outputs under their final name as a whole: an
    /// empty folder there is replaced; an existing run (with `--force`) is
    /// moved aside first and deleted after, so no mixture of two runs is
    /// ever under the final name.
    public func commit() throws(OutputError) {
        let manager = FileManager.default
        var aside: URL?
        if manager.fileExists(atPath: final.path) {
            let moved = final.deletingLastPathComponent().appendingPathComponent(
                ".\(final.lastPathComponent).replaced-\(Self.uniqueTag)")
            if rename(final.path, moved.path) != 0 {
                throw OutputError(path: final.path, message: "cannot move the old folder aside (\(String(cString: strerror(errno))))")
            }
            aside = moved
        }
        if rename(staging.path, final.path) != 0 {
            let message = String(cString: strerror(errno))
            if let aside { _ = rename(aside.path, final.path) }
            throw OutputError(path: final.path, message: "cannot move the outputs into place (\(message))")
        }
        if let aside { try? manager.removeItem(at: aside) }
    }

    /// Removes the staging folder and whatever is in it.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Replaces `url` with `text` atomically: written beside it under a temporary name, then renamed.
    public static func replace(_ url: URL, with text: String) throws(OutputError) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(uniqueTag)")
        let file = try StreamedFile(url: temporary)
        do {
            try file.write(text)
            try file.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: url.path, message: message)
        }
    }
}

/// A file written sequentially; write errors (a full disk) become `OutputError`s naming it.
public final class StreamedFile {
    public let url: URL
    private let handle: FileHandle
    private var buffer = Data()

    init(url: URL) throws(OutputError) {
        self.url = url
        // open(2) creates the file where it stands. (FileManager.createFile
        // writes atomically: a temporary `.dat.nosync*` beside it for a moment,
        // which another shard scanning a shared sweep folder would see.)
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError(path: url.path, message: "cannot create the file (\(String(cString: strerror(errno))))")
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Appends text (buffered).
    public func write(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw OutputError(path: url.path, message: "write failed (\(error.localizedDescription))")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes the file.
    public func close() throws(OutputError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw OutputError(path: url.path, message: "write failed (\(error.localizedDescription))")
        }
    }
}
