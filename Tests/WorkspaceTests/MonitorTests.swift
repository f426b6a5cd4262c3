import Foundation
import Testing
@testable import Workspace

@Suite struct MonitorTests {
    static func rows(_ values: [[String: JSONValue]], at time: Date, prefix: String) -> [CollectedData.Row] {
        values.enumerated().map { CollectedData.Row(correlationId: "\(prefix)-\($0.offset)", time: time.addingTimeInterval(Double($0.offset)), data: $0.element) }
    }

    static func result(_ run: JSONValue, signal: String, metric: String) -> JSONValue? {
        run["signals"]?.arrayValue?.first { $0["name"]?.stringValue == signal }?["results"]?.arrayValue?.first { $0["metric"]?.stringValue == metric }
    }

    @Test func signalsMatchHandCheckedNumbers() throws {
        let sandbox = try WorkspaceSandbox()
        try sandbox.write("reference.csv", "x,y\n0,0\n1,1\n2,2\n3,3\n4,4\n")
        let now = try sandbox.workspace.clock.now()
        let data = CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
        let inputs: [[String: JSONValue]] = [["x": 1, "y": 1], ["x": 2, "y": .null], ["x": 3, "y": 2], ["x": 4, "y": 3], ["x": 5, "y": 9]]
        try data.append(Self.rows(inputs, at: now.addingTimeInterval(-3600), prefix: "r"), deployment: "blue", collection: "model_inputs")
        let outputs: [[String: JSONValue]] = [["prediction": 1, "probability": 0.9], ["prediction": 0, "probability": 0.2],
                                               ["prediction": 1, "probability": 0.6], ["prediction": 1, "probability": 0.7]]
        try data.append(Self.rows(outputs, at: now.addingTimeInterval(-3600), prefix: "r"), deployment: "blue", collection: "model_outputs")
        let spec = try MonitorSpec([
            "monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
            "monitoring_signals": [
                "drift": ["type": "data_drift", "features": ["x"], "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"]]],
                "quality": ["type": "data_quality", "features": ["y"], "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"]]],
                "perf": ["type": "model_performance", "metric_thresholds": ["classification": ["accuracy": 0.8]]],
                "attribution": ["type": "feature_attribution_drift"],
            ],
        ])
        let run = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).run(name: "mon", spec: spec, defaultWindow: 86400, folder: sandbox.work, at: now)
        // Wasserstein([0..4], [1..5]) = 1; sample std of the reference = sqrt(2.5).
        let nwd = try #require(Self.result(run, signal: "drift", metric: "normalized_wasserstein_distance"))
        #expect(abs((nwd["value"]?.doubleValue ?? 0) - 1 / 2.5.squareRoot()) < 1e-9)
        #expect(nwd["threshold"]?.doubleValue == 0.1)
        #expect(nwd["passed"] == .bool(false))
        #expect(Self.result(run, signal: "quality", metric: "null_value_rate")?["value"]?.doubleValue == 0.2)
        #expect(Self.result(run, signal: "quality", metric: "out_of_bounds_rate")?["value"]?.doubleValue == 0.2)
        #expect(Self.result(run, signal: "quality", metric: "data_type_error_rate")?["passed"] == .bool(true))
        let estimate = try #require(Self.result(run, signal: "perf", metric: "estimated_accuracy"))
        #expect(abs((estimate["value"]?.doubleValue ?? 0) - 0.75) < 1e-12)
        #expect(estimate["passed"] == .bool(false))
        let perf = run["signals"]?.arrayValue?.first { $0["name"]?.stringValue == "perf" }
        #expect(perf?["note"]?.stringValue?.contains("ESTIMATED") == true)
        // No model is deployed at azureml:ep:blue, so feature attribution drift has nothing to explain (and raises no alert).
        #expect(run["signals"]?.arrayValue?.first { $0["name"]?.stringValue == "attribution" }?["status"]?.stringValue == "no_data")
        let outbox = try String(contentsOf: sandbox.home.appendingPathComponent("outbox/alerts.jsonl"), encoding: .utf8)
        #expect(outbox.split(separator: "\n").count == 3)
        #expect(try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).alerts().count == 3)
    }

    @Test func labelsReplaceTheEstimateWhenTheyArrive() throws {
        let sandbox = try WorkspaceSandbox()
        let now = try sandbox.workspace.clock.now()
        let data = CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
        let outputs: [[String: JSONValue]] = [["prediction": "yes", "probability": 0.9], ["prediction": "no", "probability": 0.2], ["prediction": "yes", "probability": 0.6]]
        try data.append(Self.rows(outputs, at: now.addingTimeInterval(-7200), prefix: "c"), deployment: "blue", collection: "model_outputs")
        try data.append(Self.rows([["label": "yes"], ["label": "yes"], ["label": "yes"]], at: now.addingTimeInterval(-60), prefix: "c"), deployment: nil, collection: "labels")
        let spec = try MonitorSpec(["monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
                                    "monitoring_signals": ["perf": ["type": "model_performance", "metric_thresholds": ["classification": ["accuracy": 0.9]]]]])
        let run = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).run(name: "mon", spec: spec, defaultWindow: 86400, folder: sandbox.work, at: now)
        let accuracy = try #require(Self.result(run, signal: "perf", metric: "accuracy"))
        #expect(abs((accuracy["value"]?.doubleValue ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(accuracy["passed"] == .bool(false))
    }

    @Test func driftFromDayTenFiresTheDailyMonitorOnlyAfterDayTenAndStartsRetraining() throws {
        let sandbox = try WorkspaceSandbox()
        let n = 100
        var reference = "x,segment\n"
        func x(_ i: Int) -> Double { (Double((i * 37) % n) + 0.5) / Double(n) * 10 }
        for i in 0..<n { reference += "\(x(i)),\(i % 2 == 0 ? "a" : "b")\n" }
        try sandbox.write("reference.csv", reference)
        try sandbox.write("retrain.yml", "command: echo retraining\nenvironment:\n  image: python\n")
        let now = try sandbox.workspace.clock.now()
        // Traffic starts at the next UTC midnight so every daily window holds a whole day of requests.
        let start = Date(timeIntervalSince1970: (floor(now.timeIntervalSince1970 / 86400) + 1) * 86400)
        let driftStart = start.addingTimeInterval(10 * 86400)
        let data = CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
        var rows: [CollectedData.Row] = []
        for day in 0..<20 {
            for i in 0..<n {
                let time = start.addingTimeInterval(Double(day) * 86400 + Double(i) * 864)
                let shift = time >= driftStart ? 1.5 * 2.9 : 0
                rows.append(CollectedData.Row(correlationId: "\(day)-\(i)", time: time, data: ["x": .double(x(i) + shift), "segment": .string(i % 2 == 0 ? "a" : "b")]))
            }
        }
        try data.append(rows, deployment: "blue", collection: "model_inputs")
        try sandbox.write("monitor.yml", "unused: true\n")
        let store = ScheduleStore(workspace: sandbox.workspace, target: sandbox.target)
        _ = try store.create([
            "name": "drift-monitor", "trigger": ["type": "cron", "expression": "0 0 * * *"],
            "create_monitor": [
                "monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
                "monitoring_signals": ["drift": ["type": "data_drift", "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"]],
                                                 "production_data": ["data_window": ["lookback_window_size": "P1D", "lookback_window_offset": "P0D"]]]],
                "alert_notification": ["retraining_job": "retrain.yml"],
            ],
        ], folder: sandbox.work, pathGuard: sandbox.pathGuard)
        let (_, fired) = try ScheduleRunner(workspace: sandbox.workspace).advanceClock(by: 21 * 86400)
        #expect(fired.count == 21)
        let runner = MonitorRunner(workspace: sandbox.workspace, target: sandbox.target)
        let alerts = try runner.alerts()
        #expect(!alerts.isEmpty)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let alertTimes = alerts.compactMap { $0["time"]?.stringValue.flatMap { iso.date(from: $0.replacingOccurrences(of: "+00:00", with: "Z")) } }
        #expect(alertTimes.count == alerts.count)
        #expect(alertTimes.allSatisfy { $0 > driftStart }, "start \(start) drift \(driftStart) alerts \(alertTimes.sorted()) \(alerts.map { $0["failing"]?.compact() ?? "" })")
        #expect(alertTimes.count == 10)
        #expect(alerts.allSatisfy { $0["failing"]?.arrayValue?.contains { $0["feature"]?.stringValue == "x" } == true })
        #expect(alerts.allSatisfy { $0["failing"]?.arrayValue?.contains { $0["feature"]?.stringValue == "segment" } == false })
        #expect(alerts.first?["retraining_job"]?["status"]?.stringValue == "Completed")
    }
}

@Suite struct TextHistogramTests {
    @Test func histogramSharesAreComputedPerSideAndHugeValuesDoNotCrash() {
        let histogram = TextHistogram.numeric(reference: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], production: [9, 9, 9, 9, .infinity, 1e308])
        #expect(histogram["reference"]?.arrayValue?.compactMap(\.intValue).reduce(0, +) == 10)
        #expect(histogram["production"]?.arrayValue?.compactMap(\.intValue).reduce(0, +) == 5)
        let text = TextHistogram.render(TextHistogram.numeric(reference: [0, 0, 10, 10], production: [10, 10, 10, 10]))
        #expect(text.contains("ref  #################### 50.0%"))
        #expect(text.contains("prod ******************************************************************************** 100.0%") == false)
        #expect(text.contains("prod **************************************** 100.0%"))
    }
}

@Suite struct PredictionDriftTests {
    @Test func predictionDriftComparesOutputsWithTheReferenceTarget() throws {
        let sandbox = try WorkspaceSandbox()
        try sandbox.write("validation.csv", "x,label\n1,yes\n2,yes\n3,no\n4,no\n")
        let now = try sandbox.workspace.clock.now()
        let data = CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
        let outputs: [[String: JSONValue]] = [["prediction": "yes"], ["prediction": "yes"], ["prediction": "yes"], ["prediction": "yes"]]
        try data.append(MonitorTests.rows(outputs, at: now.addingTimeInterval(-600), prefix: "p"), deployment: "blue", collection: "model_outputs")
        let spec = try MonitorSpec(["monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
                                    "monitoring_signals": ["pred": ["type": "prediction_drift",
                                                                    "reference_data": ["input_data": ["path": "validation.csv", "type": "uri_file"],
                                                                                       "data_column_names": ["target_column": "label"]]]]])
        let run = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).run(name: "m", spec: spec, defaultWindow: 86400, folder: sandbox.work, at: now)
        // Jensen-Shannon distance, base 2, between reference (yes .5, no .5) and production (yes 1, no 0).
        let m = [0.75, 0.25]
        let kl1 = 0.5 * log2(0.5 / m[0]) + 0.5 * log2(0.5 / m[1])
        let kl2 = 1.0 * log2(1.0 / m[0])
        let expected = (0.5 * kl1 + 0.5 * kl2).squareRoot()
        let row = try #require(MonitorTests.result(run, signal: "pred", metric: "jensen_shannon_distance"))
        #expect(abs((row["value"]?.doubleValue ?? 0) - expected) < 1e-9)
        #expect(row["feature"]?.stringValue == "prediction")
        #expect(row["passed"] == .bool(false))
    }
}
