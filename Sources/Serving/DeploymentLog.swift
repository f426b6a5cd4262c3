import Foundation
import Workspace

/// The container logs of one deployment (`inference-server`, `storage-initializer`), as files under
/// the deployment folder. Lines follow the Azure ML inference server format; no payloads, no keys.
public struct DeploymentLog: Sendable {
    public let folder: URL

    public init(deploymentFolder: URL) { folder = deploymentFolder.appendingPathComponent("logs", isDirectory: true) }

    public static let containers = ["inference-server", "storage-initializer"]

    func url(_ container: String) -> URL { folder.appendingPathComponent("\(container).log") }

    /// Starts a container's log afresh (a new provisioning).
    public func reset(_ container: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data().write(to: url(container))
    }

    /// Appends raw lines.
    public func append(_ container: String, _ lines: [String]) {
        guard !lines.isEmpty else { return }
        let text = lines.joined(separator: "\n") + "\n"
        let file = url(container)
        if let handle = try? FileHandle(forWritingTo: file) {
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: Data(text.utf8))
        } else {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: file)
        }
    }

    /// The last `lines` lines of a container's log.
    public func tail(_ container: String, lines: Int) -> String? {
        guard let text = try? String(contentsOf: url(container), encoding: .utf8) else { return nil }
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        return all.suffix(max(0, lines)).joined(separator: "\n") + "\n"
    }

    /// `2022-12-24 07:37:53,318 I [32756] azmlinfsrv - message` (UTC; formatted with gmtime_r, cheap enough per request).
    public static func line(_ date: Date, level: Character = "I", pid: Int32, logger: String, _ message: String) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((interval - interval.rounded(.down)) * 1000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2)) \(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)),\(pad(millis, 3)) \(level) [\(pid)] \(logger) - \(message)"
    }
}
