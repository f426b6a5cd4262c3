import Foundation
import Testing
import Workspace
@testable import Labs

private func makeSandbox(_ runner: RecordingRunner = RecordingRunner()) throws -> (LabSandbox, URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("labs-faults-\(UUID().uuidString)")
    let work = root.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let sandbox = LabSandbox(labFolder: root.appendingPathComponent("lab"), workFolder: work,
                             workspaceHome: root.appendingPathComponent("home"), runner: runner)
    return (sandbox, root)
}

private func fault(_ name: String) throws -> any FaultKind {
    guard let kind = FaultCatalogue.kind(named: name) else { throw LabError.failed("no fault \(name)") }
    return kind
}

@Suite struct ServingFaultTests {
    @Test func catalogueListsTheNewKindsOnce() {
        let names = FaultCatalogue.kinds.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["traffic-on-bad-deployment", "request-schema-mismatch", "stale-evaluation", "latency-regression"] {
            #expect(names.contains(name))
            #expect(!(FaultCatalogue.kind(named: name)?.summary.isEmpty ?? true))
        }
    }

    @Test func liveTrafficMovesToTheBadDeploymentInProportion() {
        #expect(TrafficOnBadDeploymentFault.liveRule(["blue": 100, "green": 0], moving: 10, to: "green") == "blue=90 green=10")
        #expect(TrafficOnBadDeploymentFault.liveRule(["a": 50, "b": 50, "c": 0], moving: 25, to: "c") == "a=38 b=37 c=25")
        #expect(TrafficOnBadDeploymentFault.liveRule(["blue": 0, "green": 0], moving: 20, to: "green") == "blue=80 green=20")
    }

    @Test func trafficFaultReadsTheEndpointAndUpdatesItsTraffic() throws {
        let shown = CommandOutput(status: 0, stdout: #"{"name": "ep", "traffic": {"blue": 100, "green": 0}, "mirror_traffic": {}}"#, stderr: "")
        let runner = RecordingRunner([("az ml online-endpoint show", shown)])
        let (sandbox, root) = try makeSandbox(runner)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = FaultArguments(kind: "traffic-on-bad-deployment", values: ["endpoint": "ep", "deployment": "green", "percent": 10])
        try fault("traffic-on-bad-deployment").apply(arguments, to: sandbox)
        #expect(runner.lines.last == "az ml online-endpoint update -n ep --traffic blue=90 green=10")

        let mirror = FaultArguments(kind: "traffic-on-bad-deployment", values: ["endpoint": "ep", "deployment": "green", "percent": 20, "mode": "mirror"])
        try fault("traffic-on-bad-deployment").apply(mirror, to: sandbox)
        #expect(runner.lines.last == "az ml online-endpoint update -n ep --mirror-traffic green=20")

        let unknown = FaultArguments(kind: "traffic-on-bad-deployment", values: ["endpoint": "ep", "deployment": "red", "percent": 10])
        #expect(throws: LabError.failed("fault traffic-on-bad-deployment: endpoint ep has no deployment red")) {
            try fault("traffic-on-bad-deployment").apply(unknown, to: sandbox)
        }
        let missing = FaultArguments(kind: "traffic-on-bad-deployment", values: ["endpoint": "ep", "deployment": "green"])
        #expect(throws: LabError.failed("fault traffic-on-bad-deployment needs `percent`")) {
            try fault("traffic-on-bad-deployment").apply(missing, to: sandbox)
        }
    }

    @Test func schemaMismatchRenamesAndRescalesACSV() throws {
        let (sandbox, root) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        try sandbox.write("data/batch.csv", "age,capital_gain,hours_per_week,occupation\n39,2174,40,\"Adm, clerical\"\n50,0,13,Sales\n")
        let arguments = FaultArguments(kind: "request-schema-mismatch", values: [
            "file": "data/batch.csv",
            "rename": .object(["hours_per_week": "weekly_hours"]),
            "scale": .object(["capital_gain": 0.001]),
        ])
        try fault("request-schema-mismatch").apply(arguments, to: sandbox)
        #expect(try sandbox.read("data/batch.csv") == "age,capital_gain,weekly_hours,occupation\n39,2.174,40,\"Adm, clerical\"\n50,0,13,Sales\n")
    }

    @Test func schemaMismatchChangesAnMLflowRequest() throws {
        let (sandbox, root) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        try sandbox.write("request.json", #"{"input_data": {"columns": ["age", "capital_gain", "hours_per_week"], "index": [0], "data": [[39, 5178, 40]]}}"#)
        let arguments = FaultArguments(kind: "request-schema-mismatch", values: [
            "file": "request.json", "rename": .object(["hours_per_week": "weekly_hours"]), "scale": .object(["capital_gain": 0.001]),
        ])
        try fault("request-schema-mismatch").apply(arguments, to: sandbox)
        let changed = try #require(JSONValue.parse(try sandbox.read("request.json")))
        #expect(changed["input_data"]?["columns"] == ["age", "capital_gain", "weekly_hours"])
        #expect(changed["input_data"]?["data"] == [[39, 5.178, 40]])

        try sandbox.write("records.json", #"{"dataframe_records": [{"age": 39, "hours_per_week": 40}]}"#)
        try fault("request-schema-mismatch").apply(FaultArguments(kind: "request-schema-mismatch", values: [
            "file": "records.json", "rename": .object(["hours_per_week": "weekly_hours"]),
        ]), to: sandbox)
        #expect(JSONValue.parse(try sandbox.read("records.json"))?["dataframe_records"] == [["age": 39, "weekly_hours": 40]])
    }

    @Test func schemaMismatchNamesWhatIsMissing() throws {
        let (sandbox, root) = try makeSandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        try sandbox.write("batch.csv", "age,hours\n39,40\n")
        #expect(throws: LabError.failed("fault request-schema-mismatch needs `rename` or `scale`")) {
            try fault("request-schema-mismatch").apply(FaultArguments(kind: "request-schema-mismatch", values: ["file": "batch.csv"]), to: sandbox)
        }
        #expect(throws: LabError.failed("batch.csv has no column income")) {
            try fault("request-schema-mismatch").apply(FaultArguments(kind: "request-schema-mismatch", values: [
                "file": "batch.csv", "rename": .object(["income": "salary"]),
            ]), to: sandbox)
        }
        #expect(throws: LabError.failed("fault request-schema-mismatch: `rename` must be a mapping")) {
            try fault("request-schema-mismatch").apply(FaultArguments(kind: "request-schema-mismatch", values: [
                "file": "batch.csv", "rename": "hours",
            ]), to: sandbox)
        }
    }

    @Test func latencyRegressionReloadsTheModelInRunAndRedeploys() throws {
        let runner = RecordingRunner()
        let (sandbox, root) = try makeSandbox(runner)
        defer { try? FileManager.default.removeItem(at: root) }
        try sandbox.write("src/score.py", "def init():\n    pass\n\n\ndef run(raw_data):\n    return []\n")
        try sandbox.write("green.yml", "name: green\n")
        try fault("latency-regression").apply(FaultArguments(kind: "latency-regression", values: ["file": "src/score.py", "redeploy": "green.yml"]), to: sandbox)
        let script = try sandbox.read("src/score.py")
        #expect(script.contains("def run(raw_data):\n    init()  # reload"))
        #expect(runner.lines == ["az ml online-deployment update -f green.yml -o none"])
        #expect(throws: LabError.failed("src/score.py does not contain `def predict(x):`")) {
            try fault("latency-regression").apply(FaultArguments(kind: "latency-regression", values: ["file": "src/score.py", "find": "def predict(x):"]), to: sandbox)
        }
    }

    @Test func staleEvaluationRecordsRealMetricsOfTheWrongData() throws {
        let metrics = CommandOutput(status: 0, stdout: #"{"accuracy": 0.9567, "recall": 0.92063, "roc_auc": 0.98888}"#, stderr: "")
        let runner = RecordingRunner([("ml evaluate", metrics)])
        let (sandbox, root) = try makeSandbox(runner)
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = FaultArguments(kind: "stale-evaluation", values: [
            "model": "income-clf", "version": 2, "model_folder": "challenger/model", "data": "data/test-2023.csv",
            "data_asset": "income-test:1", "label": "income", "positive_label": ">50K", "report": "reports/eval.json",
        ])
        try fault("stale-evaluation").apply(arguments, to: sandbox)
        let commands = runner.lines
        #expect(commands.count == 3)
        #expect(commands.first?.hasPrefix("ml score --model challenger/model --data data/test-2023.csv") == true)
        #expect(commands.dropFirst().first?.hasSuffix("--positive-label >50K") == true)
        #expect(commands.last == "az ml model update -n income-clf -v 2 --set tags.eval_data=income-test:1 tags.test_auc=0.9889 tags.test_accuracy=0.9567 tags.test_recall=0.9206 -o none")
        let report = try #require(JSONValue.parse(try sandbox.read("reports/eval.json")))
        #expect(report["evaluation_data"] == "income-test:1")
        #expect(report["test_auc"] == 0.9889)

        let failing = RecordingRunner([("ml score", CommandOutput(status: 2, stdout: "", stderr: "error: no model"))])
        let (other, otherRoot) = try makeSandbox(failing)
        defer { try? FileManager.default.removeItem(at: otherRoot) }
        #expect(throws: LabError.self) { try fault("stale-evaluation").apply(arguments, to: other) }
    }
}
