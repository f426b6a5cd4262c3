import ArgumentParser
import CLICore
import Foundation
import MLCore
import Primitives

/// `mlopslab ml train`: fits preprocessing and a model on a CSV file and writes a model folder.
public struct TrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a CSV file and save it as a model folder (prints JSON).",
        discussion: """
        With default options on numeric columns, logistic-regression fits exactly scikit-learn's LogisticRegression() \
        (L2, C=1, unpenalised intercept), solved to its optimum (scikit-learn's default stops earlier, at tol 1e-4 or \
        100 iterations; see docs/ml-core.md). Categorical columns are one-hot encoded; numeric \
        missing values are an error unless --impute is given, except for gradient-boosting, which sends them to a \
        learned side of each split (scikit-learn's HistGradientBoosting). Gradient-boosting's task comes from the \
        label unless --task is given: text or boolean labels, or whole numbers with at most 20 distinct values, are \
        classes; other numbers are a regression target. The model folder holds MLmodel, model.json and \
        preprocessing.json (see docs/model-artifact.md).
        """
    )

    @Option(help: "Training data (CSV with a header line).")
    var data: String
    @Option(help: "The label (target) column.")
    var label: String
    @Option(help: "logistic-regression, linear-regression, ridge or gradient-boosting.")
    var algorithm: Algorithm
    @Option(help: "Folder to write the model to (created if needed).")
    var modelOutput: String
    @Option(help: "Feature columns, comma-separated (default: every column but the label and --exclude).")
    var features: String?
    @Option(help: "Columns to leave out, comma-separated (e.g. an id column).")
    var exclude: String?
    @Option(help: "Seed for every random choice (validation split, subsampling).")
    var seed: UInt64 = 0
    @Option(name: .customLong("C"), help: "Logistic regression: inverse L2 regularisation strength.")
    var c: Double = 1.0
    @Option(help: "Ridge: L2 penalty.")
    var alpha: Double = 1.0
    @Option(help: "Columns to one-hot encode as categories whatever their values look like, comma-separated (e.g. a numeric code, or a text column that is mostly numbers).")
    var categorical: String?
    @Option(help: "Fill numeric missing values: none (missing is an error; gradient-boosting handles it natively), mean or median.")
    var impute: PreprocessingOptions.Imputation = .none
    @Flag(help: "Standardise numeric features (training mean, population std).")
    var standardize = false
    @Option(help: "Logistic regression: solver gradient tolerance; gradient boosting: early-stopping tolerance.")
    var tol: Double?
    @Option(help: "Most solver iterations (logistic regression, default 1000) or boosting iterations (default 100).")
    var maxIter: Int?
    @Option(help: "Gradient boosting: learning rate.")
    var learningRate: Double = 0.1
    @Option(help: "Gradient boosting: most leaves per tree.")
    var maxLeafNodes: Int = 31
    @Option(help: "Gradient boosting: fewest training rows per leaf.")
    var minSamplesLeaf: Int = 20
    @Option(help: "Gradient boosting: L2 regularisation of leaf values.")
    var l2Regularization: Double = 0
    @Option(help: "Gradient boosting early stopping: auto (on above 10,000 rows), on or off.")
    var earlyStopping: GradientBoostingOptions.EarlyStopping = .auto
    @Option(help: "Gradient boosting: classification or regression (default: from the label).")
    var task: TaskKind?
    @Option(help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?
    @Option(help: "Held-out data (CSV with the label): scored after training; val_ metrics are printed and logged (val_rmse, val_mae, val_r2 or val_accuracy, val_roc_auc, val_log_loss).")
    var validationData: String?

    public init() {}

    public func run() throws {
        let declared = CommandSupport.list(categorical) ?? []
        let table = try CommandSupport.readTable(data, naValues: CommandSupport.list(naValues) ?? [],
                                                 kinds: Dictionary(declared.map { ($0, ColumnKind.categorical) }, uniquingKeysWith: { a, _ in a }))
        var boosting = GradientBoostingOptions()
        boosting.learningRate = learningRate
        boosting.maxIterations = maxIter ?? 100
        boosting.maxLeafNodes = maxLeafNodes
        boosting.minSamplesLeaf = minSamplesLeaf
        boosting.l2Regularization = l2Regularization
        boosting.earlyStopping = earlyStopping
        if let tol { boosting.tolerance = tol }
        var spec = TrainingSpec(label: label, algorithm: algorithm, features: CommandSupport.list(features),
                                excluded: CommandSupport.list(exclude) ?? [],
                                preprocessing: PreprocessingOptions(impute: impute, standardize: standardize),
                                c: c, alpha: alpha, tolerance: tol ?? 1e-10, maxIterations: maxIter ?? 1000,
                                boosting: boosting, task: task, seed: seed)
        spec.categorical = declared
        var model = try Trainer.train(table, spec: spec, dataReference: data)
        model.trainingDataSHA256 = SHA256Hasher.hexDigest(ofFile: data)
        try ModelArtifact.save(model, to: modelOutput)
        var warnings: [String] = []
        if let logistic = model.logistic, !logistic.converged {
            warnings.append("the solver stopped after \(logistic.iterations) iterations before meeting tol; raise --max-iter or --standardize")
        }
        var validationMetrics: [String: Double]?
        if let validationData {
            let validation = try CommandSupport.readTable(validationData, naValues: naValues, for: model)
            validationMetrics = try ValidationMetrics.compute(model: model, validation: validation)
        }
        warnings.forEach(CommandSupport.warn)
        var report = TrainReport(model: model, output: modelOutput, warnings: warnings)
        report.validationMetrics = validationMetrics
        var params = model.hyperparameters
        params["label"] = label
        params["data"] = data
        if let digest = model.trainingDataSHA256 { params["data_sha256"] = digest }
        if let validationData { params["validation_data"] = validationData }
        try CommandSupport.logRun(command: "ml train", params: params, metrics: model.metrics.merging(validationMetrics ?? [:]) { a, _ in a },
                                  artifacts: [(modelOutput, "model")])
        try CommandSupport.printJSON(report)
    }
}

/// The JSON `ml train` prints.
struct TrainReport: Encodable {
    var algorithm: String
    var task: String
    var label: String
    var classes: [String]?
    var positiveClass: String?
    var rows: Int
    var inputColumns: [String]
    var featureCount: Int
    var metrics: [String: Double]
    var validationMetrics: [String: Double]?
    var iterations: Int?
    var converged: Bool?
    var validationLoss: Double?
    var modelOutput: String
    var warnings: [String]

    init(model: TrainedModel, output: String, warnings: [String]) {
        algorithm = model.algorithm.rawValue
        task = model.task.rawValue
        label = model.label.column
        classes = model.label.classes.isEmpty ? nil : model.label.classes
        positiveClass = model.label.positiveClass
        rows = model.trainingRows
        inputColumns = model.inputs.map(\.name)
        featureCount = model.preprocessing.featureNames.count
        metrics = model.metrics
        iterations = model.logistic?.iterations ?? model.boosting?.iterations
        converged = model.logistic?.converged
        validationLoss = model.boosting?.validationLoss
        modelOutput = output
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case algorithm, task, label, classes, rows, metrics, iterations, converged, warnings
        case positiveClass = "positive_class", inputColumns = "input_columns", featureCount = "feature_count"
        case validationLoss = "validation_loss", modelOutput = "model_output", validationMetrics = "validation_metrics"
    }
}
