import Foundation
import Testing
import Workspace
@testable import Labs

/// A temporary lab: a working folder with files, and a sandbox around it.
struct FaultFixture {
    let root: URL
    let sandbox: LabSandbox
    let runner: RecordingRunner

    init(files: [String: String], failing: Set<String> = []) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("labs-faults-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        runner = RecordingRunner(failing: failing)
        sandbox = LabSandbox(labFolder: root.appendingPathComponent("lab"), workFolder: work, workspaceHome: root.appendingPathComponent("home"), runner: runner)
        for (path, text) in files { try sandbox.write(path, text) }
    }

    func apply(_ kind: String, _ values: [String: JSONValue]) throws {
        guard let fault = FaultCatalogue.kind(named: kind) else { throw LabError.failed("no fault kind \(kind)") }
        try fault.apply(FaultArguments(kind: kind, values: values), to: sandbox)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite struct PromotionMonitoringBatchFaultTests {
    @Test func everyNewKindIsCataloguedWithASummaryAndParameters() {
        for name in ["cross-workspace-reference", "untracked-model-copy", "data-collection-off", "production-drift",
                     "pinned-stale-data", "corrupt-batch-files", "batch-output-summary-only"] {
            let kind = FaultCatalogue.kind(named: name)
            #expect(kind != nil, "\(name) is not in the catalogue")
            #expect((kind?.summary.count ?? 0) > 40 && kind?.parameters.isEmpty == false)
        }
        #expect(Set(FaultCatalogue.names).count == FaultCatalogue.kinds.count)
    }

    @Test func crossWorkspaceReferenceRewritesRegistryReferencesAndRunsTheAttempt() throws {
        let deployment = "name: blue\nmodel: azureml://registries/reg-a/models/churn/versions/2\n"
        let pipeline = "jobs:\n  train:\n    component: azureml://registries/reg-a/components/train/labels/latest\n    environment: \"azureml://registries/azureml/environments/sklearn-1.5/labels/latest\"\n"
        let fixture = try FaultFixture(files: ["prod/deployment.yml": deployment, "prod/pipeline.yml": pipeline],
                                       failing: ["az ml online-deployment create -f prod/deployment.yml"])
        defer { fixture.remove() }
        try fixture.apply("cross-workspace-reference", ["files": .array([.string("prod/deployment.yml"), .string("prod/pipeline.yml")]), "registry": .string("reg-a"),
                                                        "attempt": .string("az ml online-deployment create -f prod/deployment.yml")])
        #expect(try fixture.sandbox.read("prod/deployment.yml") == "name: blue\nmodel: azureml:churn:2\n")
        let rewritten = try fixture.sandbox.read("prod/pipeline.yml")
        #expect(rewritten.contains("component: azureml:train@latest\n"))
        #expect(rewritten.contains("azureml://registries/azureml/environments/sklearn-1.5/labels/latest"), "other registries are left alone")
        #expect(fixture.runner.lines == ["az ml online-deployment create -f prod/deployment.yml"], "a failing attempt is run and ignored")
    }

    @Test func crossWorkspaceReferenceRefusesAFileWithoutTheRegistry() throws {
        let fixture = try FaultFixture(files: ["d.yml": "model: azureml:churn:1\n"])
        defer { fixture.remove() }
        #expect(throws: LabError.self) { try fixture.apply("cross-workspace-reference", ["files": .string("d.yml"), "registry": .string("reg-a")]) }
        #expect(throws: LabError.failed("fault cross-workspace-reference needs `registry`")) { try fixture.apply("cross-workspace-reference", ["files": .string("d.yml")]) }
    }

    @Test func untrackedModelCopyUploadsTheFolderIntoTheRegistry() throws {
        let fixture = try FaultFixture(files: ["downloads/m/MLmodel": "flavors: {}\n"])
        defer { fixture.remove() }
        try fixture.apply("untracked-model-copy", ["path": .string("downloads/m"), "model": .string("churn"), "version": .int(1), "registry": .string("reg-a")])
        #expect(fixture.runner.lines == ["az ml model create -n churn -v 1 --type mlflow_model --path downloads/m -o none --registry-name reg-a"])
        #expect(throws: LabError.self) { try fixture.apply("untracked-model-copy", ["path": .string("nowhere"), "model": .string("churn"), "version": .int(1)]) }
    }

    @Test func dataCollectionOffSwitchesEveryCollectionOffAndUpdatesTheDeployment() throws {
        let yaml = "name: blue\ndata_collector:\n  collections:\n    model_inputs:\n      enabled: 'True'\n    model_outputs:\n      enabled: 'True'\n"
        let fixture = try FaultFixture(files: ["deployment.yml": yaml])
        defer { fixture.remove() }
        try fixture.apply("data-collection-off", ["file": .string("deployment.yml"), "then": .string("az ml online-deployment update -f deployment.yml")])
        let text = try fixture.sandbox.read("deployment.yml")
        #expect(text == yaml.replacingOccurrences(of: "'True'", with: "'False'"))
        #expect(fixture.runner.lines == ["az ml online-deployment update -f deployment.yml"])
    }

    @Test func aFailingThenCommandFailsTheFault() throws {
        let yaml = "settings:\n  output_action: append_row\n"
        let fixture = try FaultFixture(files: ["deployment.yml": yaml], failing: ["az ml batch-deployment update -f deployment.yml"])
        defer { fixture.remove() }
        #expect(throws: LabError.self) {
            try fixture.apply("batch-output-summary-only", ["file": .string("deployment.yml"), "then": .string("az ml batch-deployment update -f deployment.yml")])
        }
        #expect(try fixture.sandbox.read("deployment.yml") == "settings:\n  output_action: summary_only\n")
    }

    @Test func pinnedStaleDataPinsLabelsAndVersionsOfThatAssetOnly() throws {
        let job = "inputs:\n  a: {path: azureml:applicants@latest}\n  b: {path: azureml:applicants:3}\n  c: {path: azureml:applicants-extra@latest}\n"
        let fixture = try FaultFixture(files: ["job.yml": job])
        defer { fixture.remove() }
        try fixture.apply("pinned-stale-data", ["file": .string("job.yml"), "data": .string("applicants")])
        #expect(try fixture.sandbox.read("job.yml") == "inputs:\n  a: {path: azureml:applicants:1}\n  b: {path: azureml:applicants:1}\n  c: {path: azureml:applicants-extra@latest}\n")
        #expect(throws: LabError.self) { try fixture.apply("pinned-stale-data", ["file": .string("job.yml"), "data": .string("applicants")]) }
    }

    @Test func productionDriftChangesOnlyTheRowsFromTheDriftDay() throws {
        var csv = "age,hours,segment\n"
        for i in 0..<10 { csv += "\(30 + i),\(40 + i % 3),\(i % 2 == 0 ? "a" : "b")\n" }
        let fixture = try FaultFixture(files: ["capture.csv": csv])
        defer { fixture.remove() }
        try fixture.apply("production-drift", ["file": .string("capture.csv"), "drift": .array([.string("hours:add=12@day=3"), .string("segment:set=c@day=4")]), "per_day": .int(2)])
        let rows = try fixture.sandbox.read("capture.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 10)
        for (i, row) in rows.enumerated() {
            #expect(row[0] == String(30 + i), "other columns are untouched")
            #expect(row[1] == String(40 + i % 3 + (i >= 6 ? 12 : 0)), "row \(i)")
            #expect(row[2] == (i >= 8 ? "c" : (i % 2 == 0 ? "a" : "b")), "row \(i)")
        }
        #expect(throws: LabError.self) { try fixture.apply("production-drift", ["file": .string("capture.csv"), "drift": .string("hours:add=1@day=9"), "per_day": .int(2)]) }
        #expect(throws: LabError.self) { try fixture.apply("production-drift", ["file": .string("capture.csv"), "drift": .string("income:add=1@day=0"), "per_day": .int(2)]) }
        #expect(throws: LabError.self) { try fixture.apply("production-drift", ["file": .string("capture.csv"), "drift": .string("hours+1"), "per_day": .int(2)]) }
    }

    @Test func corruptBatchFilesInsertsOneRemovableLineInTheSeededFiles() throws {
        var files: [String: String] = [:]
        for day in 1...6 {
            var text = "day,x,y\n"
            for hour in 0..<5 { text += "\(day),\(hour),\(hour * day)\n" }
            files["plan/d\(day).csv"] = text
        }
        let fixture = try FaultFixture(files: files)
        defer { fixture.remove() }
        try fixture.apply("corrupt-batch-files", ["folder": .string("plan"), "count": .int(2), "seed": .int(7)])
        var changed: [String] = []
        for (path, original) in files.sorted(by: { $0.key < $1.key }) {
            let now = try fixture.sandbox.read(path)
            guard now != original else { continue }
            changed.append(path)
            var lines = now.components(separatedBy: "\n")
            let originalLines = original.components(separatedBy: "\n")
            #expect(lines.count == originalLines.count + 1)
            guard let index = lines.indices.first(where: { $0 >= originalLines.count || lines[$0] != originalLines[$0] }) else { continue }
            let inserted = lines.remove(at: index)
            #expect(lines == originalLines, "removing the inserted line restores \(path)")
            #expect(inserted == "day,x,y" || inserted.split(separator: ",").count < 3, "\(inserted) is malformed")
        }
        #expect(changed.count == 2)
        // Deterministic: the same seed on fresh copies picks the same files and lines.
        let again = try FaultFixture(files: files)
        defer { again.remove() }
        try again.apply("corrupt-batch-files", ["folder": .string("plan"), "count": .int(2), "seed": .int(7)])
        for path in changed { #expect(try again.sandbox.read(path) == fixture.sandbox.read(path)) }
        #expect(throws: LabError.self) { try again.apply("corrupt-batch-files", ["folder": .string("plan"), "count": .int(7)]) }
    }
}

@Suite struct ScheduleAndPipelineFaultTests {
    @Test func scheduleWrongTimeZoneReplacesOrAddsTheZone() throws {
        let with = "name: nightly\ntrigger:\n  type: cron\n  expression: \"0 6 * * *\"\n  time_zone: \"UTC\"\ncreate_job: ./job.yml\n"
        let without = "name: nightly\ntrigger:\n  type: cron\n  expression: \"0 6 * * *\"\ncreate_job: ./job.yml\n"
        let fixture = try FaultFixture(files: ["a.yml": with, "b.yml": without, "c.yml": "name: x\ntrigger:\n  type: recurrence\n"])
        defer { fixture.remove() }
        try fixture.apply("schedule-wrong-timezone", ["file": .string("a.yml"), "time_zone": .string("Pacific Standard Time")])
        try fixture.apply("schedule-wrong-timezone", ["file": .string("b.yml"), "time_zone": .string("Pacific Standard Time")])
        #expect(try fixture.sandbox.read("a.yml") == with.replacingOccurrences(of: "\"UTC\"", with: "\"Pacific Standard Time\""))
        #expect(try fixture.sandbox.read("b.yml") == "name: nightly\ntrigger:\n  type: cron\n  expression: \"0 6 * * *\"\n  time_zone: \"Pacific Standard Time\"\ncreate_job: ./job.yml\n")
        #expect(throws: LabError.self) { try fixture.apply("schedule-wrong-timezone", ["file": .string("c.yml"), "time_zone": .string("UTC")]) }
    }

    @Test func pipelineRawInputRewiresTheStepInput() throws {
        let pipeline = "type: pipeline\ninputs:\n  raw_data:\n    type: uri_file\n    path: data.csv\njobs:\n  prep:\n    type: command\n    command: echo\n  train:\n    type: command\n    inputs:\n      training_data: ${{parent.jobs.prep.outputs.clean}}\n    command: echo\n"
        let fixture = try FaultFixture(files: ["pipeline.yml": pipeline])
        defer { fixture.remove() }
        try fixture.apply("pipeline-raw-input", ["file": .string("pipeline.yml"), "step": .string("train"), "input": .string("training_data"), "raw": .string("raw_data")])
        #expect(try fixture.sandbox.read("pipeline.yml") == pipeline.replacingOccurrences(of: "${{parent.jobs.prep.outputs.clean}}", with: "${{parent.inputs.raw_data}}"))
        #expect(throws: LabError.self) { try fixture.apply("pipeline-raw-input", ["file": .string("pipeline.yml"), "step": .string("train"), "input": .string("training_data"), "raw": .string("nope")]) }
        #expect(throws: LabError.self) { try fixture.apply("pipeline-raw-input", ["file": .string("pipeline.yml"), "step": .string("score"), "input": .string("x"), "raw": .string("raw_data")]) }
    }

    @Test func conceptDriftSwapsLabelsOnlyFromTheDriftDay() throws {
        var csv = "x,label\n"
        for i in 0..<40 { csv += "\(i),\(i % 2 == 0 ? "yes" : "no")\n" }
        let fixture = try FaultFixture(files: ["capture.csv": csv])
        defer { fixture.remove() }
        try fixture.apply("concept-drift-late-labels", ["file": .string("capture.csv"), "label": .string("label"), "from_day": .int(2), "per_day": .int(10), "share": .double(1.0)])
        let rows = try fixture.sandbox.read("capture.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for (i, row) in rows.enumerated() {
            let original = i % 2 == 0 ? "yes" : "no"
            #expect(row[0] == String(i))
            #expect(row[1] == (i >= 20 ? (original == "yes" ? "no" : "yes") : original), "row \(i)")
        }
        #expect(throws: LabError.self) { try fixture.apply("concept-drift-late-labels", ["file": .string("capture.csv"), "label": .string("x"), "from_day": .int(0), "per_day": .int(10)]) }
    }
}
