import Foundation
import Testing
@testable import Jobs

/// The Azure ML examples corpus: every job and component YAML validates, and every job runs.
@Suite struct CorpusTests {
    /// Job and component files of the corpus with the kind their `$schema` names.
    static func corpusFiles() -> [(relative: String, kind: String)] {
        var files: [(String, String)] = []
        let manager = FileManager.default
        for area in ["jobs", "assets/component", "schedules"] {
            let folder = examplesRoot.appendingPathComponent(area)
            guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator where ["yml", "yaml"].contains(url.pathExtension) {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(examplesRoot.path.count + 1))
                if text.contains("commandComponent.schema.json") || text.contains("pipelineComponent.schema.json") {
                    files.append((relative, "component"))
                } else if text.contains("commandJob.schema.json") || text.contains("pipelineJob.schema.json") || text.contains("sweepJob.schema.json") {
                    files.append((relative, "job"))
                }
            }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func everyJobAndComponentValidates() throws {
        let files = Self.corpusFiles()
        #expect(files.filter { $0.kind == "job" }.count == 27)
        #expect(files.filter { $0.kind == "component" }.count == 9)
        var warnings: [String: [String]] = [:]
        for file in files {
            let url = examplesRoot.appendingPathComponent(file.relative)
            let text = try String(contentsOf: url, encoding: .utf8)
            do {
                if file.kind == "job" {
                    warnings[file.relative] = try JobSpecParser.parseJob(yaml: text, file: file.relative).warnings.map(\.message)
                } else {
                    warnings[file.relative] = try JobSpecParser.parseComponent(yaml: text, file: file.relative, baseDirectory: url.deletingLastPathComponent()).warnings.map(\.message)
                }
            } catch {
                Issue.record("\(file.relative): \(error)")
            }
        }
        let warned = warnings.filter { !$0.value.isEmpty }
        #expect(warned.keys.sorted() == ["jobs/pipelines-with-components/basics/1b_e2e_registered_components/pipeline.yml"])
        #expect(warned.values.first?.first?.hasPrefix("not simulated yet: interactive services (my_vscode, my_jupyter_lab, my_tensorboard)") == true)
    }

    /// The real interpreter behind `python3` (pyenv shims start slowly, so jobs get the binary itself).
    static let python: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "python3 -c 'import sys; print(sys.executable)'"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !path.isEmpty ? path : nil
    }()

    /// A copy of the corpus with the project's fixtures laid over it, and a `tools` folder whose `python`
    /// is the real interpreter.
    static func overlay() throws -> TempFolder {
        let folder = try TempFolder("corpus")
        let manager = FileManager.default
        for area in ["jobs", "assets", "schedules"] {
            try manager.copyItem(at: examplesRoot.appendingPathComponent(area), to: folder.url.appendingPathComponent(area))
        }
        let fixtures = fixturesRoot.appendingPathComponent("corpus")
        if let enumerator = manager.enumerator(at: fixtures, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(fixtures.standardizedFileURL.path.count + 1))
                let destination = folder.url.appendingPathComponent(relative)
                try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
                try manager.copyItem(at: url, to: destination)
            }
        }
        let tools = folder.url.appendingPathComponent("tools")
        try manager.createDirectory(at: tools, withIntermediateDirectories: true)
        if let python { try manager.createSymbolicLink(atPath: tools.appendingPathComponent("python").path, withDestinationPath: python) }
        return folder
    }

    @Test(.enabled(if: python != nil, "needs python3 on PATH"))
    func everyCorpusJobRunsToCompletion() throws {
        let folder = try Self.overlay()
        defer { folder.cleanUp() }
        let sink = CollectingJobEventSink()
        let engine = JobEngine(configuration: JobEngineConfiguration(jobsRoot: folder.url.appendingPathComponent("state/jobs"),
                                                                     toolDirectory: folder.url.appendingPathComponent("tools")),
                               resolver: CorpusResolver(root: folder.url), sink: sink)
        var completed: [String] = []
        for file in Self.corpusFiles() where file.kind == "job" {
            let url = folder.url.appendingPathComponent(file.relative)
            let parsed = try JobSpecParser.parseJob(yaml: try String(contentsOf: url, encoding: .utf8), file: file.relative)
            let prepared: PreparedJob
            do {
                prepared = try engine.prepare(JobSubmission(job: parsed, baseDirectory: url.deletingLastPathComponent()))
            } catch {
                Issue.record("\(file.relative) was refused: \(error)")
                continue
            }
            let result = engine.run(prepared)
            if result.status == .completed {
                completed.append(file.relative)
            } else {
                let logs = sink.events.compactMap { event -> String? in
                    if case .finished(let child) = event, child.status == .failed, let error = child.error { return "\(child.name): \(error.message)" }
                    return nil
                }
                Issue.record("\(file.relative) ended \(result.status.rawValue): \(result.error?.message ?? "") \(logs.suffix(2))")
            }
        }
        #expect(completed.count == 27)
        let sweeps = sink.events.compactMap { event -> JobResult? in
            if case .finished(let result) = event, result.bestTrial != nil { return result }
            return nil
        }
        #expect(sweeps.count == 2)
    }

    @Test(.enabled(if: python != nil, "needs python3 on PATH"))
    func componentWithAdditionalIncludesRuns() throws {
        let folder = try Self.overlay()
        defer { folder.cleanUp() }
        let sink = CollectingJobEventSink()
        let engine = JobEngine(configuration: JobEngineConfiguration(jobsRoot: folder.url.appendingPathComponent("state/jobs"),
                                                                     toolDirectory: folder.url.appendingPathComponent("tools")),
                               resolver: CorpusResolver(root: folder.url), sink: sink)
        let yaml = """
        type: pipeline
        jobs:
          includes:
            component: ./assets/component/component_additional_includes.yml
          train:
            component: file:./assets/component/train.yml
            inputs:
              training_data:
                type: uri_folder
                path: ./jobs/pipelines-with-components/basics/1a_e2e_local_components/data
              learning_rate: 0.5
        """
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: "pipeline.yml")
        let result = engine.run(try engine.prepare(JobSubmission(job: parsed, baseDirectory: folder.url, nameOverride: "includes")))
        #expect(result.status == .completed, "\(result.error?.message ?? "")")
        let log = try String(contentsOf: JobSandbox(jobsRoot: engine.configuration.jobsRoot, name: "includes_includes").stdLog, encoding: .utf8)
        #expect(log == "hello from additional includes\n")
        let train = try String(contentsOf: JobSandbox(jobsRoot: engine.configuration.jobsRoot, name: "includes_train").stdLog, encoding: .utf8)
        // Optional inputs left unset drop their $[[...]] blocks, so the script's defaults apply.
        #expect(train.contains("trained on 8 rows for 1 epochs at lr 0.5 (time-based)"))
    }
}

/// Stands in for the Workspace over the corpus copy: registered data and components of the examples,
/// remote files served from the fixtures.
struct CorpusResolver: JobAssetResolver {
    let root: URL

    var basics: URL { root.appendingPathComponent("jobs/pipelines-with-components/basics") }

    func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData {
        if path.hasPrefix("https://") || path.hasPrefix("wasbs://") {
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            return ResolvedData(url: root.appendingPathComponent("remote").appendingPathComponent(name))
        }
        if path == "azureml:local-folder-example@latest" {
            return ResolvedData(url: basics.appendingPathComponent("4d_data_input/data"), assetReference: "azureml:local-folder-example:1")
        }
        return try LocalJobAssetResolver().resolveData(path, type: type, baseDirectory: baseDirectory)
    }

    func resolveCode(_ code: String, baseDirectory: URL) throws -> URL {
        try LocalJobAssetResolver().resolveCode(code, baseDirectory: baseDirectory)
    }

    func resolveComponent(_ reference: String) throws -> ResolvedComponent {
        let files = [
            "azureml:my_train@latest": "1b_e2e_registered_components/train.yml",
            "azureml:my_score@latest": "1a_e2e_local_components/score.yml",
            "azureml:my_eval@latest": "1a_e2e_local_components/eval.yml",
        ]
        guard let relative = files[reference] else {
            throw JobsError.unknownReference(field: "component", reference: reference, reason: "not registered")
        }
        let url = basics.appendingPathComponent(relative)
        let parsed = try JobSpecParser.parseComponent(yaml: try String(contentsOf: url, encoding: .utf8), file: relative,
                                                      baseDirectory: url.deletingLastPathComponent())
        guard case .command(let spec) = parsed.kind else {
            throw JobsError.unknownReference(field: "component", reference: reference, reason: "not a command component")
        }
        return ResolvedComponent(spec: spec, reference: reference)
    }

    func checkCompute(_ compute: String?) throws {}
    func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws {}
    func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws {}
}
