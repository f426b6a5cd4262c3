import Foundation

/// `az ml job download`: copies a job's logs and outputs under `<path>/artifacts` and
/// `<path>/named-outputs/<name>`, as az lays them out.
public struct JobDownload: Sendable {
    let records: JobRecords

    public init(records: JobRecords) { self.records = records }

    /// Returns the folders written.
    public func download(_ name: String, output: String?, all: Bool, to destination: URL) throws -> [URL] {
        let stored = try records.find(name)
        guard let sandbox = stored.sandbox else { throw WorkspaceError.failed("job \(name) has no files to download") }
        var written: [URL] = []
        let fm = FileManager.default
        func copy(_ source: URL, _ target: URL) throws {
            guard fm.fileExists(atPath: source.path) else { return }
            do {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.copyItem(at: source, to: target)
                written.append(target)
            } catch {
                throw WorkspaceError.failed("cannot write \(target.path): \(error.localizedDescription)")
            }
        }
        if let output {
            guard let url = stored.outputs[output] else {
                let known = stored.outputs.keys.sorted().joined(separator: ", ")
                throw WorkspaceError.failed("(UserError) Job \(name) has no output named '\(output)'\(known.isEmpty ? "" : "; its outputs are: \(known)").")
            }
            try copy(url, destination.appendingPathComponent("named-outputs").appendingPathComponent(output))
            return written
        }
        let artifacts = destination.appendingPathComponent("artifacts")
        try copy(sandbox.appendingPathComponent("user_logs"), artifacts.appendingPathComponent("user_logs"))
        try copy(sandbox.appendingPathComponent("outputs"), artifacts.appendingPathComponent("outputs"))
        if all {
            for (key, url) in stored.outputs.sorted(by: { $0.key < $1.key }) {
                try copy(url, destination.appendingPathComponent("named-outputs").appendingPathComponent(key))
            }
        }
        return written
    }
}
