import ArgumentParser
import CLICore
import Foundation
import MLCore

/// `mlopslab ml explain`: permutation importance and per-prediction contributions of a saved model.
public struct ExplainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a saved model on labelled data: permutation importance, and per-row contributions for linear models; prints JSON.",
        discussion: """
        Permutation importance shuffles one input column at a time (seeded) and reports the drop in the score \
        (default: accuracy for classifiers, r2 for regressors), as scikit-learn's permutation_importance. \
        Contributions (linear models only) split each selected row's decision value into intercept plus one \
        part per input column (log-odds of the positive class for binary logistic regression).
        """
    )

    @Option(help: "Model folder written by 'ml train'.")
    var model: String
    @Option(help: "Labelled data (CSV with the model's input columns and its label column).")
    var data: String
    @Option(help: "Number of shuffles per column.")
    var repeats: Int = 5
    @Option(help: "Seed of the shuffles.")
    var seed: UInt64 = 0
    @Option(help: "accuracy, neg_log_loss (classifiers), r2 or neg_root_mean_squared_error (regressors).")
    var scoring: ImportanceScoring?
    @Option(help: "Rows (0-based, comma-separated) to explain with contributions; default the first 5 (linear models).")
    var rows: String?
    @Option(help: "Write every row's contributions to this CSV file (linear models).")
    var contributionsOutput: String?
    @Option(help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func run() throws {
        let trained = try ModelArtifact.load(from: model)
        let table = try CommandSupport.readTable(data, naValues: naValues, for: trained)
        guard table.rowCount > 0 else { throw TableError.emptyTable(path: data) }
        _ = try table.requireColumn(trained.label.column)
        let (baseline, used, importances) = try PermutationImportance.compute(model: trained, table: table, repeats: repeats,
                                                                             seed: seed, scoring: scoring)
        var report = ExplainReport(model: model, data: data, scoring: used.rawValue, baselineScore: baseline, repeats: repeats, seed: seed,
                                   permutationImportance: importances.sorted { $0.importanceMean > $1.importanceMean })
        let isLinear = trained.logistic != nil || trained.linear != nil
        if isLinear {
            let selected = try (CommandSupport.list(rows) ?? Array(0..<min(5, table.rowCount)).map(String.init)).map { text -> Int in
                guard let row = Int(text) else { throw CLIError.invalidInput("--rows expects 0-based row numbers, got '\(text)'") }
                return row
            }
            report.contributions = try LinearContributions.compute(model: trained, table: table, rows: selected)
            if let contributionsOutput {
                let all = try LinearContributions.compute(model: trained, table: table, rows: Array(0..<table.rowCount))
                var columns = [Column(name: "row", numbers: all.map { Double($0.row) }),
                               Column(name: "intercept", numbers: all.map(\.intercept))]
                for input in trained.preprocessing.inputColumns {
                    columns.append(Column(name: "contribution_\(input)", numbers: all.map { $0.contributions[input] ?? .nan }))
                }
                columns.append(Column(name: "decision_value", numbers: all.map(\.decisionValue)))
                try CSVWriter.write(try Table(columns: columns), to: contributionsOutput)
            }
        } else if rows != nil || contributionsOutput != nil {
            throw CLIError.invalidInput("--rows and --contributions-output need a linear model; \(trained.algorithm.rawValue) has permutation importance only")
        }
        var metrics = ["baseline_score": baseline]
        for item in importances { metrics[RunLog.sanitizedKey("importance_\(item.column)")] = item.importanceMean }
        let json = try JSONOutput.encode(report)
        try CommandSupport.logRun(command: "ml explain",
                                  params: ["model": model, "data": data, "repeats": String(repeats), "seed": String(seed), "scoring": used.rawValue],
                                  metrics: metrics,
                                  artifacts: contributionsOutput.map { [($0, URL(fileURLWithPath: $0).lastPathComponent)] } ?? [],
                                  report: ("explanation.json", json))
        CommandContext.active.console.line(json)
    }
}

extension ImportanceScoring: ExpressibleByArgument {}

/// The JSON `ml explain` prints.
struct ExplainReport: Encodable {
    var model: String
    var data: String
    var scoring: String
    var baselineScore: Double
    var repeats: Int
    var seed: UInt64
    var permutationImportance: [FeatureImportance]
    var contributions: [RowContributions]?

    enum CodingKeys: String, CodingKey {
        case model, data, scoring, repeats, seed, contributions
        case baselineScore = "baseline_score", permutationImportance = "permutation_importance"
    }
}
