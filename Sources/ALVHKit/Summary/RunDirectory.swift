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
        guard name.hasPrefix("."), let range = name.range(of: ".partial-", options: .backwards) ?? name.range(of: ".tmp-", options: .backwards)
        else { return false }
        let tag = name[range.upperBound...]
        let host = ProcessInfo.processInfo.hostName + "-"
        guard tag.hasPrefix(host), let pid = Int32(tag.dropFirst(host.count).prefix { $0.isNumber }) else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Creates the staging folder for `final`.
    public static func create(final: URL) throws(OutputError) -> RunDirectory {
        let parent = final.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(final.lastPathComponent).partial-\(uniqueTag)")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: staging)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: final.path, message: "cannot create the output folder (\(error.localizedDescription))")
        }
        return RunDirectory(final: final, staging: staging)
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

    /// Moves the finished outputs under their final names.
    public func commit() throws(OutputError) {
        let manager = FileManager.default
        do {
            if !manager.fileExists(atPath: final.path) {
                try manager.moveItem(at: staging, to: final)
                return
            }
            for name in try manager.contentsOfDirectory(atPath: staging.path) {
                let target = final.appendingPathComponent(name)
                if rename(staging.appendingPathComponent(name).path, target.path) != 0 {
                    throw OutputError(path: target.path, message: String(cString: strerror(errno)))
                }
            }
            try manager.removeItem(at: staging)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError(path: final.path, message: "cannot move the outputs into place (\(error.localizedDescription))")
        }
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
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw OutputError(path: url.path, message: "cannot create the file")
        }
        self.handle = handle
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
