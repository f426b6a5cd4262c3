import Foundation
import MLCore
import Testing
@testable import Workspace

@Suite struct TrafficTests {
    @Test func driftRecipesParseAndBadOnesAreRefused() throws {
        let recipe = try DriftRecipe("income:shift=1.5@day=10")
        #expect(recipe.column == "income" && recipe.day == 10 && recipe.action == .shift(1.5))
        #expect(try DriftRecipe("segment:set=c@day=0").action == .set("c"))
        for bad in ["income", "income:shift=x@day=1", "income:wiggle=1@day=2", "income:shift=1@week=2", ":add=1@day=1"] {
            #expect(throws: WorkspaceError.self) { try DriftRecipe(bad) }
        }
    }

    @Test func thirtyDaysOfTrafficWithDriftFromDayTenMakeTheDailyMonitorFireOnlyAfterDayTen() throws {
        let fixture = try BatchFixture()
        let sandbox = fixture.sandbox
        var rows = "x1,x2,segment,label\n"
        for i in 0..<500 {
            let x1 = Double((i * 37) % 100) / 10, x2 = Double((i * 11) % 13)
            rows += "\(x1),\(x2),\(i % 3 == 0 ? "a" : "b"),\(x1 + 0.3 * x2 > 6 ? "yes" : "no")\n"
        }
        try sandbox.write("requests.csv", rows)
        try sandbox.write("reference.csv", rows)
        // Align the traffic to a UTC midnight so each daily window holds one whole day.
        let now = try sandbox.workspace.clock.now()
        let midnight = (floor(now.timeIntervalSince1970 / 86400) + 1) * 86400
        try sandbox.workspace.clock.advance(by: midnight - now.timeIntervalSince1970 + 1)
        _ = try ScheduleStore(workspace: sandbox.workspace, target: sandbox.target).create([
            "name": "daily", "trigger": ["type": "recurrence", "frequency": "day", "interval": 1],
            "create_monitor": [
                "monitoring_target": ["endpoint_deployment_id": "azureml:clf-online:blue"],
                "monitoring_signals": [
                    "drift": ["type": "data_drift", "features": ["x1", "x2", "segment"], "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"]]],
                    "perf": ["type": "model_performance"],
                    "perf-late": ["type": "model_performance", "production_data": ["data_window": ["lookback_window_size": "P1D", "lookback_window_offset": "P3D"]]],
                ],
            ],
        ], folder: sandbox.work, pathGuard: sandbox.pathGuard)
        let start = try sandbox.workspace.clock.now()
        let summary = try TrafficGenerator(workspace: sandbox.workspace, target: sandbox.target).run(.init(
            endpoint: "clf-online", deployment: "blue", model: "azureml:clf:1", data: sandbox.work.appendingPathComponent("requests.csv"),
            perDay: 300, days: 30, drift: [try DriftRecipe("x1:shift=1.5@day=10")], labelDelay: 3 * 86400))
        #expect(summary.requests == 9000)
        #expect(summary.firings.count == 30)
        let alerts = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).alerts().filter { $0["signal"]?.stringValue == "drift" }
        let runs = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).runs(monitor: "daily")
        let drift = start.addingTimeInterval(10 * 86400)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let times = alerts.compactMap { $0["time"]?.stringValue.flatMap { formatter.date(from: $0.replacingOccurrences(of: "+00:00", with: "Z")) } }
        #expect(times.count == alerts.count && !times.isEmpty)
        #expect(times.allSatisfy { $0 > drift }, "alerts at \(times.sorted())")
        #expect(times.count >= 19)
        #expect(alerts.allSatisfy { alert in alert["failing"]?.arrayValue?.allSatisfy { $0["feature"]?.stringValue == "x1" } == true })
        // Labels arrive 3 days late: a window ending now has none, so it is estimated; a window offset by 3 days is measured.
        let latest = runs.first?["signals"]?.arrayValue ?? []
        #expect(latest.first { $0["name"]?.stringValue == "perf" }?["note"]?.stringValue?.contains("ESTIMATED") == true)
        #expect(latest.first { $0["name"]?.stringValue == "perf-late" }?["note"]?.stringValue?.contains("300 of 300 predictions have ground-truth labels") == true)
    }
}

@Suite struct CollectedDataTests {
    @Test func aRecordedDeploymentCollectsOnlyWhatItsDataCollectorEnables() throws {
        let fixture = try BatchFixture()
        let sandbox = fixture.sandbox
        var rows = "x1,x2,segment,label\n"
        for i in 0..<20 { rows += "\(Double(i) / 2),\(i % 5),\(i % 2 == 0 ? "a" : "b"),\(i % 3 == 0 ? "yes" : "no")\n" }
        try sandbox.write("requests.csv", rows)
        _ = try OnlineEndpointStore(workspace: sandbox.workspace).create(name: "clf-online", authMode: nil, description: nil, tags: [:], in: sandbox.target)
        let yaml = "name: blue\nendpoint_name: clf-online\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n" +
            "data_collector:\n  collections:\n    model_inputs:\n      enabled: 'False'\n    model_outputs:\n      enabled: 'True'\n"
        let file = try sandbox.write("blue.yml", yaml)
        _ = try OnlineDeploymentStore(workspace: sandbox.workspace).create(
            try OnlineDeploymentRequest(document: try YAMLDocument.load(file, entity: "OnlineDeployment"), endpointName: nil), in: sandbox.target)
        let collections = TrafficGenerator.collections(ofDeployment: "blue", endpoint: "clf-online", workspace: sandbox.workspace, target: sandbox.target)
        #expect(collections.inputs == false && collections.outputs == true)
        let unknown = TrafficGenerator.collections(ofDeployment: "green", endpoint: "clf-online", workspace: sandbox.workspace, target: sandbox.target)
        #expect(unknown.inputs && unknown.outputs, "a deployment that is not recorded collects both")
        _ = try TrafficGenerator(workspace: sandbox.workspace, target: sandbox.target).run(.init(
            endpoint: "clf-online", deployment: "blue", model: "azureml:clf:1", data: sandbox.work.appendingPathComponent("requests.csv"),
            perDay: 20, days: 1, drift: [], labelDelay: nil))
        let collected = sandbox.workspace.home.appendingPathComponent("collected/\(sandbox.target.workspaceName)/clf-online/blue")
        #expect(!FileManager.default.fileExists(atPath: collected.appendingPathComponent("model_inputs").path), "inputs are not collected")
        #expect(FileManager.default.fileExists(atPath: collected.appendingPathComponent("model_outputs").path), "outputs are collected")
    }

    @Test func theFastTimeParserAgreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in stride(from: 0.0, to: 4e9, by: 123_456_789.125) {
            let date = Date(timeIntervalSince1970: seconds)
            let text = formatter.string(from: date)
            #expect(abs((CollectedData.parseTime(text)?.timeIntervalSince1970 ?? -1) - seconds) < 0.001, "\(text)")
        }
        #expect(CollectedData.parseTime("2026-13-01T00:00:00Z") == nil)
    }
}
