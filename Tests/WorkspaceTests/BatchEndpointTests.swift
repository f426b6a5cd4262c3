import Foundation
import MLCore
import Testing
@testable import Workspace

/// A workspace with a compute cluster, a registered MLflow classifier and a batch endpoint.
struct BatchFixture {
    let sandbox: WorkspaceSandbox
    let store: BatchEndpointStore
    let runner: BatchJobRunner

    init(errorThreshold: Int = -1, miniBatchSize: Int = 2, maxRetries: Int = 1) throws {
        sandbox = try WorkspaceSandbox()
        var rows = "x1,x2,segment,label\n"
        for i in 0..<200 {
            let x1 = Double(i % 20) / 2, x2 = Double((i * 7) % 13)
            rows += "\(x1),\(x2),\(i % 3 == 0 ? "a" : "b"),\(x1 + 0.3 * x2 > 6 ? "yes" : "no")\n"
        }
        let train = try sandbox.write("train.csv", rows)
        let table = try CSVReader.read(path: train.path)
        let model = try Trainer.train(table, spec: TrainingSpec(label: "label", algorithm: .logisticRegression))
        try ModelArtifact.save(model, to: sandbox.work.appendingPathComponent("model").path)
        _ = try AssetStore(workspace: sandbox.workspace).createModel(
            ModelRequest(name: "clf", version: "1", type: "mlflow_model", path: "model", folder: sandbox.work), pathGuard: sandbox.pathGuard, in: sandbox.target)
        _ = try ComputeStore(workspace: sandbox.workspace).create(ComputeRequest(name: "cpu-cluster", type: "amlcompute", maxInstances: 2), in: sandbox.target)
        store = BatchEndpointStore(workspace: sandbox.workspace, target: sandbox.target)
        runner = BatchJobRunner(workspace: sandbox.workspace, target: sandbox.target)
        _ = try store.createEndpoint(["name": "clf-batch"])
        _ = try store.createDeployment([
            "name": "lr", "endpoint_name": "clf-batch", "model": "azureml:clf:1", "compute": "azureml:cpu-cluster",
            "settings": ["mini_batch_size": .int(Int64(miniBatchSize)), "error_threshold": .int(Int64(errorThreshold)),
                         "retry_settings": ["max_retries": .int(Int64(maxRetries)), "timeout": 30]],
        ], endpointOverride: nil, setDefault: false)
    }

    /// Writes `count` good input files (10 rows each) into `input/`.
    func writeInputs(count: Int) throws {
        for f in 0..<count {
            var text = "x1,x2,segment\n"
            for r in 0..<10 { text += "\(Double(r)),\(Double(f)),\(r % 2 == 0 ? "a" : "b")\n" }
            try sandbox.write("input/part-\(f).csv", text)
        }
    }

    func invoke() throws -> JSONValue {
        try runner.invoke(endpoint: "clf-batch", input: "input", overrides: .init(), workingFolder: sandbox.work, pathGuard: sandbox.pathGuard)
    }

    func scoreFile(_ job: JSONValue) throws -> URL {
        try JobRecords(workspace: sandbox.workspace, target: sandbox.target).outputURL(job: job["name"]?.stringValue ?? "", output: "score")
            .appendingPathComponent("predictions.csv")
    }
}

@Suite struct BatchEndpointTests {
    @Test func firstDeploymentBecomesTheDefaultAndSettingsGetAzureDefaults() throws {
        let fixture = try BatchFixture()
        #expect(try fixture.store.endpoint("clf-batch")["defaults"]?["deployment_name"]?.stringValue == "lr")
        let deployment = try fixture.store.deployment(endpoint: "clf-batch", name: "lr")
        #expect(deployment["settings"]?["output_action"]?.stringValue == "append_row")
        #expect(deployment["settings"]?["output_file_name"]?.stringValue == "predictions.csv")
        #expect(deployment["settings"]?["max_concurrency_per_instance"]?.intValue == 1)
    }

    @Test func invokeScoresEveryFileInMiniBatchesAndWritesPredictions() throws {
        let fixture = try BatchFixture()
        try fixture.writeInputs(count: 5)
        let job = try fixture.invoke()
        #expect(job["status"]?.stringValue == "Completed")
        #expect(job["type"]?.stringValue == "pipeline")
        let lines = try String(contentsOf: fixture.scoreFile(job), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "file,prediction,probability")
        #expect(lines.count == 51)
        #expect(lines.filter { $0.hasPrefix("part-4.csv,") }.count == 10)
        let overview = try String(contentsOf: fixture.sandbox.home.appendingPathComponent("jobs/\(job["name"]?.stringValue ?? "")/logs/job_progress_overview.txt"), encoding: .utf8)
        #expect(overview.contains("3 mini-batches were created from 5 file(s)."))
        #expect(try fixture.runner.jobs(endpoint: "clf-batch", deployment: "lr").count == 1)
    }

    @Test func aBadFileFailsItsMiniBatchButTheJobPassesUnderTheThreshold() throws {
        let fixture = try BatchFixture(errorThreshold: 2, miniBatchSize: 1)
        try fixture.writeInputs(count: 3)
        try fixture.sandbox.write("input/part-9.csv", "x1,x2,segment\n1,oops,a\n")
        let job = try fixture.invoke()
        #expect(job["status"]?.stringValue == "Completed")
        #expect(job["properties"]?["azureml.itemsFailed"]?.stringValue == "1")
        let errors = try String(contentsOf: fixture.sandbox.home.appendingPathComponent("jobs/\(job["name"]?.stringValue ?? "")/logs/job_error.txt"), encoding: .utf8)
        #expect(errors.contains("part-9.csv:2: column 'x2' must be numeric but holds 'oops'"))
        let lines = try String(contentsOf: fixture.scoreFile(job), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 31)
    }

    @Test func crossingTheErrorThresholdFailsTheJob() throws {
        let fixture = try BatchFixture(errorThreshold: 0, miniBatchSize: 1, maxRetries: 2)
        try fixture.writeInputs(count: 2)
        try fixture.sandbox.write("input/part-wrong.csv", "a,b\n1,2\n")
        let job = try fixture.invoke()
        #expect(job["status"]?.stringValue == "Failed")
        let message = job["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("over the error_threshold of 0"))
        #expect(message.contains("x1"))
        let overview = try String(contentsOf: fixture.sandbox.home.appendingPathComponent("jobs/\(job["name"]?.stringValue ?? "")/logs/job_progress_overview.txt"), encoding: .utf8)
        #expect(overview.contains("FAILED after 3 attempt(s)"))
    }

    @Test func summaryOnlyWritesNoPredictions() throws {
        let fixture = try BatchFixture()
        _ = try fixture.store.updateDeployment(endpoint: "clf-batch", name: "lr", patches: [JSONPatch(path: ["settings", "output_action"], value: "summary_only")])
        try fixture.writeInputs(count: 2)
        let job = try fixture.invoke()
        #expect(job["status"]?.stringValue == "Completed")
        #expect(!FileManager.default.fileExists(atPath: try fixture.scoreFile(job).path))
        #expect(job["properties"]?["azureml.rowsScored"]?.stringValue == "20")
    }

    @Test func badSettingsAndMissingDefaultsAreClearErrors() throws {
        let fixture = try BatchFixture()
        #expect(throws: WorkspaceError.invalidArgument("output_action must be append_row or summary_only, got 'everything'")) {
            try fixture.store.updateDeployment(endpoint: "clf-batch", name: "lr", patches: [JSONPatch(path: ["settings", "output_action"], value: "everything")])
        }
        try fixture.store.deleteDeployment(endpoint: "clf-batch", name: "lr")
        #expect(throws: WorkspaceError.self) { try fixture.invoke() }
        #expect(try fixture.store.endpoint("clf-batch")["defaults"]?["deployment_name"] == .null)
    }
}
