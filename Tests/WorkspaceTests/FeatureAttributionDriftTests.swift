import Foundation
import MLCore
import Testing
@testable import Workspace

@Suite struct FeatureAttributionDriftTests {
    @Test func ndcgMatchesScikitLearn() {
        // Expected values from sklearn.metrics.ndcg_score (scikit-learn 1.9.1), e.g. ndcg_score([[0.4, 0.05, 0.0]], [[-0.05, 0.1, 0.0]]).
        #expect(abs(FeatureAttributionDrift.ndcg(relevance: [0.4, 0.05, 0.0], scores: [-0.05, 0.1, 0.0]) - 0.5793118635835278) < 1e-12)
        // Tied scores share the average gain of their group.
        #expect(abs(FeatureAttributionDrift.ndcg(relevance: [3, 2, 1, 0], scores: [1, 1, 0, 0]) - 0.9539682252597386) < 1e-12)
        #expect(FeatureAttributionDrift.ndcg(relevance: [0.3, 0.2, 0.1], scores: [0.9, 0.5, 0.1]) == 1)
        #expect(FeatureAttributionDrift.ndcg(relevance: [0, 0], scores: [0.9, 0.5]) == 0)
    }

    /// Three uniform features in [-2, 2) from a fixed linear congruential generator.
    static func features(_ count: Int, seed: UInt64) -> [(Double, Double, Double)] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 4 - 2
        }
        return (0..<count).map { _ in (next(), next(), next()) }
    }

    /// A model trained where `x1` decides the label (and `x2` a little), deployed at ep/blue; production
    /// labels follow `rule`; returns the feature attribution drift signal of a monitor run.
    static func run(productionRule: @escaping (Double, Double, Double) -> Bool) throws -> JSONValue {
        let sandbox = try WorkspaceSandbox()
        var reference = "x1,x2,x3,label\n"
        for (x1, x2, x3) in features(800, seed: 7) { reference += "\(x1),\(x2),\(x3),\(x1 + 0.5 * x2 > 0 ? "yes" : "no")\n" }
        let file = try sandbox.write("reference.csv", reference)
        let model = try Trainer.train(try CSVReader.read(path: file.path), spec: TrainingSpec(label: "label", algorithm: .logisticRegression))
        let folder = ServingAddress.deploymentFolder(home: sandbox.home, scope: sandbox.target.scopeKey, endpoint: "ep", deployment: "blue")
        try ModelArtifact.save(model, to: folder.appendingPathComponent("model").path)

        let now = try sandbox.workspace.clock.now()
        let data = CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
        var inputs: [CollectedData.Row] = [], labels: [CollectedData.Row] = []
        for (index, (x1, x2, x3)) in features(600, seed: 99).enumerated() {
            let id = "req-\(index)", time = now.addingTimeInterval(-80_000 + Double(index) * 100)
            inputs.append(CollectedData.Row(correlationId: id, time: time, data: ["x1": .double(x1), "x2": .double(x2), "x3": .double(x3)]))
            labels.append(CollectedData.Row(correlationId: id, time: time.addingTimeInterval(60), data: ["label": .string(productionRule(x1, x2, x3) ? "yes" : "no")]))
        }
        try data.append(inputs, deployment: "blue", collection: "model_inputs")
        try data.append(labels, deployment: nil, collection: "labels")
        let spec = try MonitorSpec([
            "monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
            "monitoring_signals": [
                "attribution": [
                    "type": "feature_attribution_drift",
                    "production_data": [["data_context": "model_inputs"], ["data_context": "model_outputs"]],
                    "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"], "data_context": "training",
                                       "data_column_names": ["target_column": "label"]],
                ],
            ],
        ])
        let run = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).run(name: "mon", spec: spec, defaultWindow: 86400, folder: sandbox.work, at: now)
        return try #require(run["signals"]?.arrayValue?.first)
    }

    static func importance(_ signal: JSONValue, _ feature: String, _ side: String) -> Double {
        signal["importances"]?.arrayValue?.first { $0["feature"]?.stringValue == feature }?[side]?.doubleValue ?? .nan
    }

    @Test func unchangedGroundTruthKeepsTheRankingAndPasses() throws {
        let signal = try Self.run { x1, x2, _ in x1 + 0.5 * x2 > 0 }
        let row = try #require(signal["results"]?.arrayValue?.first)
        #expect(row["metric"]?.stringValue == "normalized_discounted_cumulative_gain")
        #expect(row["threshold"]?.doubleValue == 0.9)
        #expect((row["value"]?.doubleValue ?? 0) > 0.99, "\(signal.compact())")
        #expect(signal["status"]?.stringValue == "passed")
        #expect(signal["production_rows"]?.intValue == 600)
        #expect(Self.importance(signal, "x1", "production") > Self.importance(signal, "x2", "production"))
    }

    @Test func groundTruthThatNowFollowsAnotherFeatureDriftsTheAttributionAndAlerts() throws {
        // Concept drift: in production the label is decided by x2 alone, so shuffling x1 no longer costs accuracy.
        let signal = try Self.run { _, x2, _ in x2 > 0 }
        let row = try #require(signal["results"]?.arrayValue?.first)
        let value = try #require(row["value"]?.doubleValue)
        #expect(value < 0.9, "\(signal.compact())")
        #expect(row["passed"] == .bool(false) && row["alert_when"]?.stringValue == "below")
        #expect(signal["status"]?.stringValue == "alert")
        #expect(Self.importance(signal, "x1", "reference") > Self.importance(signal, "x2", "reference"))
        #expect(Self.importance(signal, "x2", "production") > Self.importance(signal, "x1", "production"))
        // The reported value is the NDCG of the reported importances.
        let features = ["x1", "x2", "x3"]
        let recomputed = FeatureAttributionDrift.ndcg(relevance: features.map { max(0, Self.importance(signal, $0, "reference")) },
                                                      scores: features.map { Self.importance(signal, $0, "production") })
        #expect(abs(recomputed - value) < 1e-12)
    }

    @Test func withoutLabelsInTheWindowTheSignalSaysSoInsteadOfGuessing() throws {
        let sandbox = try WorkspaceSandbox()
        try sandbox.write("reference.csv", "x1,label\n1,yes\n-1,no\n2,yes\n-2,no\n")
        let model = try Trainer.train(try CSVReader.read(path: sandbox.work.appendingPathComponent("reference.csv").path),
                                      spec: TrainingSpec(label: "label", algorithm: .logisticRegression))
        let folder = ServingAddress.deploymentFolder(home: sandbox.home, scope: sandbox.target.scopeKey, endpoint: "ep", deployment: "blue")
        try ModelArtifact.save(model, to: folder.appendingPathComponent("model").path)
        let now = try sandbox.workspace.clock.now()
        try CollectedData(home: sandbox.home, workspace: sandbox.target.workspaceName, endpoint: "ep")
            .append([CollectedData.Row(correlationId: "a", time: now.addingTimeInterval(-60), data: ["x1": 1.5])], deployment: "blue", collection: "model_inputs")
        let spec = try MonitorSpec([
            "monitoring_target": ["endpoint_deployment_id": "azureml:ep:blue"],
            "monitoring_signals": ["fa": ["type": "feature_attribution_drift", "metric_thresholds": ["normalized_discounted_cumulative_gain": 0.8],
                                          "reference_data": ["input_data": ["path": "reference.csv", "type": "uri_file"], "data_column_names": ["target_column": "label"]]]],
        ])
        let run = try MonitorRunner(workspace: sandbox.workspace, target: sandbox.target).run(name: "mon", spec: spec, defaultWindow: 86400, folder: sandbox.work, at: now)
        let signal = try #require(run["signals"]?.arrayValue?.first)
        #expect(signal["status"]?.stringValue == "no_data")
        #expect(signal["note"]?.stringValue?.contains("needs labels") == true)
        #expect(spec.signals.first?.attributionThreshold == 0.8)
    }
}
