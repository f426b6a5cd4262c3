import Foundation

/// The contents of model.json (format version 1).
struct ModelFile: Codable {
    var formatVersion: Int
    var algorithm: Algorithm
    var task: TaskKind
    var label: LabelEncoding
    var inputs: [ColumnSignature]
    var hyperparameters: [String: String]
    var trainingRows: Int
    var trainingData: String?
    var trainingDataSha256: String?
    var metrics: [String: Double]
    var logistic: LogisticModel?
    var linear: LinearModel?
    var boosting: GradientBoostingModel?

    init(_ model: TrainedModel) {
        formatVersion = ModelArtifact.formatVersion
        algorithm = model.algorithm
        task = model.task
        label = model.label
        inputs = model.inputs
        hyperparameters = model.hyperparameters
        trainingRows = model.trainingRows
        trainingData = model.trainingData
        trainingDataSha256 = model.trainingDataSHA256
        metrics = model.metrics
        logistic = model.logistic
        linear = model.linear
        boosting = model.boosting
    }

    func model(preprocessing: FittedPreprocessor) -> TrainedModel {
        var model = TrainedModel(algorithm: algorithm, task: task, label: label, preprocessing: preprocessing, inputs: inputs,
                                 hyperparameters: hyperparameters, trainingRows: trainingRows, trainingData: trainingData)
        model.metrics = metrics
        model.trainingDataSHA256 = trainingDataSha256
        model.logistic = logistic
        model.linear = linear
        model.boosting = boosting
        return model
    }
}

/// Renders the MLflow-style `MLmodel` metadata file (YAML; strings are JSON-quoted, which YAML accepts).
enum MLmodelFile {
    static func render(_ model: TrainedModel) -> String {
        var lines: [String] = []
        lines.append("artifact_path: model")
        lines.append("flavors:")
        lines.append("  mlopslab:")
        lines.append("    format_version: \(ModelArtifact.formatVersion)")
        lines.append("    algorithm: \(model.algorithm.rawValue)")
        lines.append("    task: \(model.task.rawValue)")
        lines.append("    model_file: model.json")
        lines.append("    preprocessing_file: preprocessing.json")
        lines.append("signature:")
        let inputs = model.inputs.map { "{\"name\": \(quote($0.name)), \"type\": \"\($0.mlflowType)\"}" }
        lines.append("  inputs: \(quote("[" + inputs.joined(separator: ", ") + "]"))")
        var outputs: [String] = []
        switch model.task {
        case .regression:
            outputs.append("{\"name\": \"prediction\", \"type\": \"double\"}")
        case .classification:
            let type = ColumnSignature(name: "prediction", kind: model.label.kind).mlflowType
            outputs.append("{\"name\": \"prediction\", \"type\": \"\(type)\"}")
            outputs.append("{\"name\": \"probability\", \"type\": \"double\"}")
        }
        lines.append("  outputs: \(quote("[" + outputs.joined(separator: ", ") + "]"))")
        lines.append("label: \(quote(model.label.column))")
        if !model.label.classes.isEmpty {
            lines.append("classes: [\(model.label.classes.map(quote).joined(separator: ", "))]")
        }
        lines.append("training_data:")
        lines.append("  path: \(model.trainingData.map(quote) ?? "null")")
        lines.append("  rows: \(model.trainingRows)")
        if let digest = model.trainingDataSHA256 { lines.append("  sha256: \(digest)") }
        lines.append("metrics:")
        for key in model.metrics.keys.sorted() {
            lines.append("  \(key): \(model.metrics[key].map { $0.isFinite ? "\($0)" : "null" } ?? "null")")
        }
        lines.append("hyperparameters:")
        for key in model.hyperparameters.keys.sorted() {
            lines.append("  \(key): \(quote(model.hyperparameters[key] ?? ""))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON string literal.
    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
