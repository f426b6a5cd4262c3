import Foundation
import Workspace

/// A model version's recorded evaluation was computed on the wrong data: an older test-set version
/// that overlaps the training rows. The metrics are real, computed with `ml score` and `ml evaluate`
/// on that data, and recorded as the version's tags (and optionally an evaluation report), so a naive
/// comparison with another version's tags is inflated.
struct StaleEvaluationFault: FaultKind {
    let name = "stale-evaluation"
    let summary = "Evaluates a model version for real on the wrong data (an older test-set version that overlaps its training rows) and records those metrics as the version's tags and evaluation report, so comparing them with another version's held-out metrics is misleading."
    let parameters = [
        FaultParameter("model", "the registered model name"),
        FaultParameter("version", "the model version whose evaluation is recorded"),
        FaultParameter("model_folder", "the model's files in the working folder (what `ml score` loads)"),
        FaultParameter("data", "the CSV in the working folder the metrics are computed on"),
        FaultParameter("data_asset", "the data asset reference recorded as the evaluation data (e.g. income-test:1)"),
        FaultParameter("label", "the label column"),
        FaultParameter("positive_label", required: false, "the positive class (default: ml evaluate's choice)"),
        FaultParameter("report", required: false, "a JSON file in the working folder that receives the evaluation report"),
    ]

    func apply(_ arguments: FaultArguments, to sandbox: LabSandbox) throws {
        let model = try arguments.string("model")
        let version = try arguments.string("version")
        let folder = try arguments.string("model_folder")
        let data = try arguments.string("data")
        let asset = try arguments.string("data_asset")
        let label = try arguments.string("label")
        let positive = try arguments.optionalString("positive_label")
        _ = try sandbox.file(folder)
        _ = try sandbox.file(data)
        let scored = ".stale-evaluation-\(model)-\(version).csv"
        defer { if let url = try? sandbox.file(scored) { try? FileManager.default.removeItem(at: url) } }
        try sandbox.mustRun("ml score --model \(Self.word(folder)) --data \(Self.word(data)) --output \(Self.word(scored))")
        var evaluate = "ml evaluate --data \(Self.word(scored)) --label \(Self.word(label)) --prediction prediction --score probability"
        if let positive { evaluate += " --positive-label \(Self.word(positive))" }
        let output = try sandbox.mustRun(evaluate)
        guard let metrics = JSONValue.parse(output.stdout) else { throw LabError.failed("fault \(name): ml evaluate did not print JSON") }
        var tags: [(String, String)] = [("eval_data", asset)]
        for (key, tag) in [("roc_auc", "test_auc"), ("accuracy", "test_accuracy"), ("recall", "test_recall")] {
            if let value = metrics[key]?.doubleValue { tags.append((tag, String(format: "%.4f", value))) }
        }
        let assignments = tags.map { "tags.\($0.0)=\(Self.word($0.1))" }.joined(separator: " ")
        try sandbox.mustRun("az ml model update -n \(Self.word(model)) -v \(Self.word(version)) --set \(assignments) -o none")
        if let report = try arguments.optionalString("report") {
            var fields: [String: JSONValue] = ["model": .string("\(model):\(version)"), "evaluation_data": .string(asset)]
            for (tag, value) in tags.dropFirst() { fields[tag] = Double(value).map(JSONValue.double) ?? .string(value) }
            try sandbox.write(report, JSONValue.object(fields).prettyPrinted() + "\n")
        }
    }

    /// A command-line word, quoted when it holds spaces or quotes.
    static func word(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "<" || $0 == ">" }) ? "'" + text.replacingOccurrences(of: "'", with: "") + "'" : text
    }
}
