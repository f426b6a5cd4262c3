import Foundation
import Primitives

/// Remembers which job produced each deterministic step result, keyed by a hash of the component
/// (command, environment, code content) and its inputs (values and data content), so an unchanged step
/// is reused instead of run again. Stored as files under `<jobs root>/.reuse/`.
struct StepReuseStore {
    let jobsRoot: URL

    var folder: URL { jobsRoot.appendingPathComponent(".reuse", isDirectory: true) }

    /// The reuse key of a step about to run with `inputs`.
    static func key(step: PlannedStep, inputs: [String: RunInputValue]) -> String {
        var hasher = SHA256Hasher()
        hasher.update("command\n\(step.component.command)\n")
        hasher.update("environment\n\(String(describing: step.component.environment))\n")
        if let code = step.code {
            hasher.update("code\n")
            hasher.updateContent(of: code)
        }
        for include in step.includes {
            hasher.update("include \(include.lastPathComponent)\n")
            hasher.updateContent(of: include)
        }
        for (name, value) in inputs.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .literal(let text):
                hasher.update("input \(name) literal \(text.utf8.count)\n\(text)\n")
            case .data(let type, let source, let mode):
                hasher.update("input \(name) \(type.rawValue) \(mode?.rawValue ?? "")\n")
                hasher.updateContent(of: source)
            }
        }
        for output in step.outputs.sorted(by: { $0.name < $1.name }) {
            hasher.update("output \(output.name) \(output.type.rawValue) \(output.fileName ?? "")\n")
        }
        for (key, value) in step.environmentVariables.sorted(by: { $0.key < $1.key }) {
            hasher.update("env \(key)=\(value)\n")
        }
        return hasher.finalizeHex()
    }

    /// The earlier completed job for `key` with its outputs, when all of them still exist.
    func lookup(_ key: String) -> (job: String, outputs: [String: URL])? {
        let entry = folder.appendingPathComponent(key)
        guard let name = try? String(contentsOf: entry, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
              JobNameGenerator.isValid(name) else { return nil }
        let sandbox = JobSandbox(jobsRoot: jobsRoot, name: name)
        guard let data = try? Data(contentsOf: sandbox.resultFile),
              let stored = try? JSONDecoder().decode(StoredJobResult.self, from: data),
              stored.status == JobStatus.completed.rawValue else { return nil }
        var outputs: [String: URL] = [:]
        for (output, path) in stored.outputs {
            let url = URL(fileURLWithPath: path)
            let folder = output == "artifacts" ? url : url.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
            outputs[output] = url
        }
        return (name, outputs)
    }

    /// Records that `job` produced the results for `key`.
    func save(_ key: String, job: String) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? Data(job.utf8).write(to: folder.appendingPathComponent(key), options: .atomic)
    }
}
