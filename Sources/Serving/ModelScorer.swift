import Foundation
import MLCore
import Workspace

/// One scored request: the response body and the per-row inputs/outputs data collection records.
public struct ScoredRequest: Sendable {
    /// `[p0, p1, ...]`, the JSON list of predictions an MLflow deployment answers.
    public var body: String
    public var payload: ScoringPayload
    /// Per row: `prediction` and, for classifiers, `probability`.
    public var outputs: [[String: JSONValue]]
}

/// A loaded mlopslab (MLflow-style) model answering scoring requests; loaded once per deployment.
public struct ModelScorer: Sendable {
    public let model: TrainedModel

    public init(model: TrainedModel) { self.model = model }

    /// Loads the model folder (the folder with `MLmodel` and `model.json`, or a folder holding one such folder).
    public static func load(folder: URL) throws -> ModelScorer {
        let direct = folder.appendingPathComponent("model.json")
        if FileManager.default.fileExists(atPath: direct.path) {
            return ModelScorer(model: try ModelArtifact.load(from: folder.path))
        }
        let children = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        for child in children.sorted(by: { $0.path < $1.path }) where FileManager.default.fileExists(atPath: child.appendingPathComponent("model.json").path) {
            return ModelScorer(model: try ModelArtifact.load(from: child.path))
        }
        return ModelScorer(model: try ModelArtifact.load(from: folder.path))
    }

    /// Input columns the model signature requires.
    public var inputNames: [String] { model.inputs.map(\.name) }

    /// Scores a request body.
    public func score(_ text: String) throws(ScoringError) -> ScoredRequest {
        let payload = try ScoringPayload.parse(text)
        let table = try payload.table(for: model.inputs)
        let scored: Table
        do {
            scored = try model.score(table).table
        } catch {
            throw .badRequest("Failed to enforce schema of data: \(error)")
        }
        var outputs: [[String: JSONValue]] = Array(repeating: [:], count: table.rowCount)
        var parts: [String] = []
        parts.reserveCapacity(table.rowCount)
        if let prediction = scored.column(named: "prediction") {
            for r in 0..<table.rowCount {
                let value = ModelScorer.cell(prediction, r)
                outputs[r]["prediction"] = value
                parts.append(value.compact())
            }
        }
        if let probability = scored.column(named: "probability")?.numbers {
            for r in 0..<table.rowCount { outputs[r]["probability"] = probability[r].isFinite ? .double(probability[r]) : .null }
        }
        return ScoredRequest(body: "[" + parts.joined(separator: ", ") + "]", payload: payload, outputs: outputs)
    }

    static func cell(_ column: Column, _ row: Int) -> JSONValue {
        switch column.values {
        case .numeric(let values):
            let v = values[row]
            if !v.isFinite { return .null }
            if v == v.rounded(), abs(v) < 1e15 { return .int(Int64(v)) }
            return .double(v)
        case .boolean(let values): return values[row].map(JSONValue.bool) ?? .null
        case .categorical(let values): return values.value(at: row).map(JSONValue.string) ?? .null
        }
    }
}
