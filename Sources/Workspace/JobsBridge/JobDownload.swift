import Foundation

/// `az ml job download`, laid out as the SDK lays it out (`JobOperations.download`):
///
/// ```
/// <path>/artifacts/outputs/...       what the command wrote to ./outputs
/// <path>/artifacts/logs/...          what it wrote to ./logs (pipelines: logs/azureml/executionlogs.txt)
/// <path>/artifacts/user_logs/std_log.txt
/// <path>/named-outputs/<name>/...    a named output (--output-name NAME, or every one with --all)
/// ```
///
/// Without flags only `artifacts` (the job's default artifact store) is written; `--output-name NAME` writes
/// only that output (`default` is the artifact store); `--all` writes both. A sweep downloads its best trial
/// the same way, plus its own logs under `hd-artifacts`. A reused pipeline step downloads the job it reused.
/// Only a job in a terminal status can be downloaded.
public struct JobDownload: Sendable {
    let records: JobRecords

    public init(records: JobRecords) { self.records = records }

    /// Statuses in which the SDK allows a download (`RunHistoryConstants.TERMINAL_STATUSES`).
    static let terminalStatuses = ["Completed", "Failed", "Canceled", "NotResponding", "Paused"]

    /// Writes what was asked under `destination` and returns the files and folders written.
    public func download(_ name: String, output: String?, all: Bool, to destination: URL) throws -> [URL] {
        var stored = try records.find(name)
        if let reused = stored.entity["properties"]?["azureml.reusedrunid"]?.stringValue, let prior = try? records.find(reused) {
            stored = prior
        }
        let status = stored.entity["status"]?.stringValue ?? "Unknown"
        guard Self.terminalStatuses.contains(status) else {
            let allowed = Self.terminalStatuses.map { "'\($0)'" }.joined(separator: ", ")
            throw WorkspaceError.failed("(UserError) This job is in state \(status). Download is allowed only in states [\(allowed)]")
        }
        guard let sandbox = stored.sandbox else { throw WorkspaceError.failed("(UserError) Job \(name) has no files to download.") }
        var writer = TreeWriter()
        var artifactsFolder = "artifacts"
        var output = output, all = all
        if stored.entity["type"]?.stringValue == "sweep" {
            if let best = stored.entity["properties"]?["best_child_run_id"]?.stringValue {
                writer.written += try download(best, output: output, all: all, to: destination)
            }
            if output != nil { return writer.written }
            artifactsFolder = "hd-artifacts"
            output = nil
            all = false
        }
        if let output, output != "default" {
            try writer.copyOutput(try namedOutput(output, of: stored, job: name), to: destination.appendingPathComponent("named-outputs/\(output)"))
            return writer.written
        }
        try writeArtifacts(sandbox: sandbox, to: destination.appendingPathComponent(artifactsFolder), writer: &writer)
        if all {
            for (key, url) in stored.outputs.sorted(by: { $0.key < $1.key }) where key != "artifacts" && key != "default" {
                try writer.copyOutput(url, to: destination.appendingPathComponent("named-outputs/\(key)"))
            }
        }
        return writer.written
    }

    /// The default artifact store of a job: ./outputs and ./logs of its working folder, its user logs, and
    /// the logs a pipeline or sweep keeps (`logs/azureml`, `azureml-logs`).
    private func writeArtifacts(sandbox: URL, to folder: URL, writer: inout TreeWriter) throws {
        let working = sandbox.appendingPathComponent("wd")
        try writer.merge(working.appendingPathComponent("outputs"), into: folder.appendingPathComponent("outputs"))
        try writer.merge(working.appendingPathComponent("logs"), into: folder.appendingPathComponent("logs"))
        try writer.merge(sandbox.appendingPathComponent("logs"), into: folder.appendingPathComponent("logs"))
        try writer.merge(sandbox.appendingPathComponent("azureml-logs"), into: folder.appendingPathComponent("azureml-logs"))
        try writer.merge(sandbox.appendingPathComponent("user_logs"), into: folder.appendingPathComponent("user_logs"))
    }

    private func namedOutput(_ output: String, of stored: JobRecords.Stored, job: String) throws -> URL {
        if let url = stored.outputs[output], output != "artifacts" { return url }
        let known = stored.outputs.keys.filter { $0 != "artifacts" }.sorted().joined(separator: ", ")
        throw WorkspaceError.failed("(UserError) Job \(job) has no output named '\(output)'\(known.isEmpty ? "" : "; its outputs are: \(known)"). Download its logs and default artifacts with `az ml job download -n \(job)`.")
    }
}

/// Copies files into the download folder, remembering what it wrote.
private struct TreeWriter {
    var written: [URL] = []
    let manager = FileManager.default

    /// A named output: a folder's contents into `target`, or a single file (a `uri_file` output) inside `target`.
    mutating func copyOutput(_ source: URL, to target: URL) throws {
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            try merge(source, into: target)
        } else {
            try copyFile(source, to: target.appendingPathComponent(source.lastPathComponent))
        }
    }

    /// Copies every file under `source` to the same relative path under `target` (folders merge).
    mutating func merge(_ source: URL, into target: URL) throws {
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: source.path, isDirectory: &isFolder), isFolder.boolValue else { return }
        do {
            try manager.createDirectory(at: target, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.failed("cannot write \(target.path): \(error.localizedDescription)")
        }
        written.append(target)
        let children = (try? manager.contentsOfDirectory(at: source, includingPropertiesForKeys: nil)) ?? []
        for child in children.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            var childIsFolder: ObjCBool = false
            guard manager.fileExists(atPath: child.path, isDirectory: &childIsFolder) else { continue }
            if childIsFolder.boolValue {
                try merge(child, into: target.appendingPathComponent(child.lastPathComponent))
            } else {
                try copyFile(child, to: target.appendingPathComponent(child.lastPathComponent))
            }
        }
    }

    private mutating func copyFile(_ source: URL, to target: URL) throws {
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if manager.fileExists(atPath: target.path) { try manager.removeItem(at: target) }
            try manager.copyItem(at: source, to: target)
        } catch {
            throw WorkspaceError.failed("cannot write \(target.path): \(error.localizedDescription)")
        }
        written.append(target)
    }
}
