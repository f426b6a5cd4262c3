import Foundation
import Testing
import Workspace
@testable import Labs

@Suite struct Labs2FaultTests {
    func sandbox(_ files: [String: String]) throws -> (LabSandbox, RecordingRunner, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labs2-fault-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let runner = RecordingRunner()
        let box = LabSandbox(labFolder: root, workFolder: work, workspaceHome: root.appendingPathComponent("home"), runner: runner)
        for (path, text) in files { try box.write(path, text) }
        return (box, runner, root)
    }

    func apply(_ kind: String, _ values: [String: JSONValue], _ box: LabSandbox) throws {
        guard let fault = FaultCatalogue.kind(named: kind) else { Issue.record("no kind \(kind)"); return }
        try fault.apply(FaultArguments(kind: kind, values: values), to: box)
    }

    @Test func sweepMetricMismatchRenamesTheObjective() throws {
        let yaml = "type: sweep\nobjective:\n  goal: minimize\n  primary_metric: val_rmse\nlimits:\n  max_total_trials: 4\n"
        let (box, _, root) = try sandbox(["sweep.yml": yaml])
        defer { try? FileManager.default.removeItem(at: root) }
        try apply("sweep-metric-mismatch", ["file": "sweep.yml", "metric": "validation_rmse"], box)
        #expect(try box.read("sweep.yml") == yaml.replacingOccurrences(of: "primary_metric: val_rmse", with: "primary_metric: validation_rmse"))
        #expect(throws: LabError.failed("fault sweep-metric-mismatch needs `metric`")) {
            try apply("sweep-metric-mismatch", ["file": "sweep.yml"], box)
        }
        try box.write("job.yml", "type: command\n")
        #expect(throws: LabError.self) { try apply("sweep-metric-mismatch", ["file": "job.yml", "metric": "x"], box) }
    }

    @Test func condaPinsConflictAndUnpin() throws {
        let conda = "name: env\ndependencies:\n  - python=3.10\n  - numpy=1.26.4\n  - pip\n  - pip:\n    - scikit-learn==1.3.2\n    - pandas==2.2.2\n"
        let (box, _, root) = try sandbox(["conda.yml": conda])
        defer { try? FileManager.default.removeItem(at: root) }
        try apply("dependency-conflict", ["file": "conda.yml", "package": "numpy", "version": "2.1.3"], box)
        try apply("unpinned-package", ["file": "conda.yml", "package": "pandas"], box)
        #expect(try box.read("conda.yml") == conda.replacingOccurrences(of: "numpy=1.26.4", with: "numpy=2.1.3")
            .replacingOccurrences(of: "pandas==2.2.2", with: "pandas"))
        #expect(throws: LabError.failed("conda.yml has no requirement for torch")) {
            try apply("unpinned-package", ["file": "conda.yml", "package": "torch"], box)
        }
        #expect(throws: LabError.failed("conda.yml: pandas is not pinned")) {
            try apply("unpinned-package", ["file": "conda.yml", "package": "pandas"], box)
        }
        #expect(throws: LabError.failed("fault dependency-conflict needs `version`")) {
            try apply("dependency-conflict", ["file": "conda.yml", "package": "numpy"], box)
        }
    }

    @Test func leakedRowsAreASeededShareOfTheTestRowsAndRegistered() throws {
        let train = "id,x,y\n1,0.5,a\n2,1.5,b\n"
        let test = "id,x,y\n" + (10..<20).map { "\($0),\($0).25,a" }.joined(separator: "\n") + "\n"
        let (box, runner, root) = try sandbox(["train.csv": train, "test.csv": test])
        defer { try? FileManager.default.removeItem(at: root) }
        try apply("leaked-validation-rows", ["train": "train.csv", "test": "test.csv", "share": .double(0.4), "seed": .int(7),
                                             "data_asset": "sales-train", "then": .array(["az ml job create -f job.yml"])], box)
        let lines = try box.read("train.csv").split(separator: "\n").map(String.init)
        #expect(lines.count == 1 + 2 + 4)
        #expect(Array(lines.prefix(3)) == ["id,x,y", "1,0.5,a", "2,1.5,b"])
        let testLines = Set(test.split(separator: "\n").map(String.init))
        #expect(lines.dropFirst(3).allSatisfy { testLines.contains($0) })
        #expect(runner.words == [["az", "ml", "data", "create", "-n", "sales-train", "--type", "uri_file", "--path", "train.csv", "-o", "none"],
                                    ["az", "ml", "job", "create", "-f", "job.yml"]])
        // Same seed, same rows.
        try box.write("train2.csv", train)
        try apply("leaked-validation-rows", ["train": "train2.csv", "test": "test.csv", "share": .double(0.4), "seed": .int(7)], box)
        #expect(try box.read("train2.csv") == lines.joined(separator: "\n") + "\n")
        #expect(throws: LabError.failed("fault leaked-validation-rows: `share` must be between 0 and 1")) {
            try apply("leaked-validation-rows", ["train": "train.csv", "test": "test.csv", "share": .double(1.5)], box)
        }
        try box.write("other.csv", "a,b\n1,2\n")
        #expect(throws: LabError.self) { try apply("leaked-validation-rows", ["train": "train.csv", "test": "other.csv"], box) }
    }

    @Test func latestDataReferenceUnpinsTheInput() throws {
        let job = "type: command\ninputs:\n  train:\n    type: uri_file\n    path: azureml:sales-train:1\n  test:\n    type: uri_file\n    path: azureml:sales-test:1\ncommand: echo\n"
        let (box, runner, root) = try sandbox(["job.yml": job, "new.csv": "a\n1\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try apply("latest-data-reference", ["file": "job.yml", "input": "train", "register": "new.csv"], box)
        #expect(try box.read("job.yml") == job.replacingOccurrences(of: "azureml:sales-train:1", with: "azureml:sales-train@latest"))
        #expect(runner.words == [["az", "ml", "data", "create", "-n", "sales-train", "--type", "uri_file", "--path", "new.csv", "-o", "none"]])
        #expect(throws: LabError.self) { try apply("latest-data-reference", ["file": "job.yml", "input": "train"], box) }
        #expect(throws: LabError.self) { try apply("latest-data-reference", ["file": "job.yml", "input": "missing"], box) }
    }

    @Test func subgroupRegressionDropsOrFlipsOneGroupsPositives() throws {
        var rows = ["age,sex,income"]
        for i in 0..<10 { rows.append("\(30 + i),Female,>50K") }
        for i in 0..<5 { rows.append("\(40 + i),Male,>50K") }
        for i in 0..<5 { rows.append("\(50 + i),Female,<=50K") }
        let csv = rows.joined(separator: "\n") + "\n"
        let (box, _, root) = try sandbox(["train.csv": csv, "flip.csv": csv])
        defer { try? FileManager.default.removeItem(at: root) }
        let common: [String: JSONValue] = ["column": "sex", "group": "Female", "label": "income", "positive": ">50K", "share": .double(0.8)]
        try apply("subgroup-regression", common.merging(["file": "train.csv"]) { a, _ in a }, box)
        let dropped = try box.read("train.csv").split(separator: "\n")
        #expect(dropped.count == 21 - 8)
        #expect(dropped.filter { $0.hasSuffix("Female,>50K") }.count == 2)
        #expect(dropped.filter { $0.hasSuffix("Male,>50K") && !$0.contains("Female") }.count == 5)
        try apply("subgroup-regression", common.merging(["file": "flip.csv", "mode": "flip", "negative": "<=50K"]) { a, _ in a }, box)
        let flipped = try box.read("flip.csv").split(separator: "\n")
        #expect(flipped.count == 21)
        #expect(flipped.filter { $0.hasSuffix("Female,<=50K") }.count == 13)
        #expect(throws: LabError.failed("fault subgroup-regression: mode flip needs `negative`")) {
            try apply("subgroup-regression", common.merging(["file": "flip.csv", "mode": "flip"]) { a, _ in a }, box)
        }
        #expect(throws: LabError.self) {
            try apply("subgroup-regression", common.merging(["file": "train.csv", "group": "Other"]) { _, new in new }, box)
        }
    }
}
