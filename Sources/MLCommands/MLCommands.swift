// MLCommands owns the `mlopslab ml ...` commands: each reads files, calls MLCore and MLMetrics,
// prints JSON on stdout, and, when a workspace job runs it (MLOPSLAB_RUN_DIR set), logs its
// parameters, metrics and artifacts MLflow-style into the run folder.
import ArgumentParser

/// `mlopslab ml`: real training, scoring, evaluation and drift on CSV files.
public struct MLCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ml",
        abstract: "Train, score, evaluate and check drift on CSV data (real computation).",
        subcommands: [
            TrainCommand.self, ScoreCommand.self, EvaluateCommand.self, DriftCommand.self, FairnessCommand.self,
            EstimatePerformanceCommand.self, SplitCommand.self, ValidateDataCommand.self, ExplainCommand.self,
        ]
    )
    public init() {}
}
