import Foundation
@testable import Jobs

/// A fresh folder under the system temp folder, removed by `cleanUp()`.
struct TempFolder {
    let url: URL

    init(_ label: String = "jobs") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mlopslab-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` at `relative` (creating folders) and returns the file URL.
    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path) }
        return file
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}

/// An engine over `folder/jobs` with a collecting sink.
struct EngineHarness {
    let folder: TempFolder
    let sink = CollectingJobEventSink()
    let engine: JobEngine

    init(resolver: any JobAssetResolver = LocalJobAssetResolver(), label: String = "engine") throws {
        folder = try TempFolder(label)
        engine = JobEngine(configuration: JobEngineConfiguration(jobsRoot: folder.url.appendingPathComponent("jobs")), resolver: resolver, sink: sink)
    }

    var jobsRoot: URL { engine.configuration.jobsRoot }

    /// Writes `yaml` as `name` in the folder, parses it and prepares it.
    func prepare(_ yaml: String, file: String = "job.yml", name: String? = nil) throws -> PreparedJob {
        try folder.write(file, yaml)
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: file)
        return try engine.prepare(JobSubmission(job: parsed, baseDirectory: folder.url, nameOverride: name))
    }

    /// Prepares and runs a job, returning its result.
    func run(_ yaml: String, file: String = "job.yml", name: String? = nil) throws -> JobResult {
        engine.run(try prepare(yaml, file: file, name: name))
    }

    /// The text of a job's std_log.
    func log(_ job: String) -> String {
        (try? String(contentsOf: JobSandbox(jobsRoot: jobsRoot, name: job).stdLog, encoding: .utf8)) ?? ""
    }
}

/// Parses YAML expecting a schema error; returns its issues (empty when parsing succeeded).
func schemaIssues(_ yaml: String, file: String = "job.yml") -> [SchemaIssue] {
    do {
        _ = try JobSpecParser.parseJob(yaml: yaml, file: file)
        return []
    } catch let error as JobSpecError {
        return error.issues
    } catch {
        return [SchemaIssue(.unparsable, field: "?", "\(error)", at: SourcePosition(file: file, line: 0, column: 0))]
    }
}

/// The folder of the shared Azure ML examples corpus: `shared/` sits beside the repository (in CI too).
let examplesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/azureml-examples")

/// The test target's fixture folder.
var fixturesRoot: URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil) ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}
