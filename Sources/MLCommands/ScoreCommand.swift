import ArgumentParser
import CLICore
import Foundation
import MLCore

/// `mlopslab ml score`: applies a saved model to a CSV file.
public struct ScoreCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a CSV file with a saved model: writes the input columns plus prediction (and probability).",
        discussion: """
        The model's saved preprocessing is applied unchanged. For two classes `probability` is that of the positive \
        class (the second class in sorted order); for more classes it is that of the predicted class and \
        probability_<class> columns are added. A category not seen in training sets no one-hot feature and is counted.
        """
    )

    @Option(help: "Model folder written by 'ml train'.")
    var model: String
    @Option(help: "Data to score (CSV with the model's input columns).")
    var data: String
    @Option(help: "CSV file to write.")
    var output: String
    @Option(help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func run() throws {
        let trained = try ModelArtifact.load(from: model)
        let table = try CommandSupport.readTable(data, naValues: naValues, for: trained)
        let (scored, unseen) = try trained.score(table)
        try CSVWriter.write(scored, to: output)
        for (column, count) in unseen.sorted(by: { $0.key < $1.key }) {
            CommandSupport.warn("\(count) value(s) of '\(column)' were not seen in training (or missing); they set no one-hot feature")
        }
        var report = ScoreReport(rows: scored.rowCount, output: output, model: model, unseenCategories: unseen)
        if trained.task == .classification, let predictions = scored.column(named: "prediction") {
            var counts: [String: Int] = [:]
            for text in predictions.strings { counts[text ?? "", default: 0] += 1 }
            report.predictionCounts = counts
            report.meanProbability = try scored.requireNumbers("probability").reduce(0, +) / Double(max(scored.rowCount, 1))
        } else if let values = scored.column(named: "prediction")?.numbers {
            report.meanPrediction = values.reduce(0, +) / Double(max(values.count, 1))
        }
        var metrics: [String: Double] = ["rows_scored": Double(scored.rowCount)]
        if let mean = report.meanProbability { metrics["mean_probability"] = mean }
        if let mean = report.meanPrediction { metrics["mean_prediction"] = mean }
        try CommandSupport.logRun(command: "ml score", params: ["model": model, "data": data, "output": output],
                                  metrics: metrics, artifacts: [(output, URL(fileURLWithPath: output).lastPathComponent)])
        try CommandSupport.printJSON(report)
    }
}

/// The JSON `ml score` prints.
struct ScoreReport: Encodable {
    var rows: Int
    var output: String
    var model: String
    var unseenCategories: [String: Int]
    var predictionCounts: [String: Int]?
    var meanProbability: Double?
    var meanPrediction: Double?

    enum CodingKeys: String, CodingKey {
        case rows, output, model
        case unseenCategories = "unseen_categories", predictionCounts = "prediction_counts"
        case meanProbability = "mean_probability", meanPrediction = "mean_prediction"
    }
}
