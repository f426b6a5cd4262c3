/// The learning algorithms `ml train` offers.
public enum Algorithm: String, Sendable, Codable, CaseIterable {
    case logisticRegression = "logistic-regression"
    case linearRegression = "linear-regression"
    case ridge
    case gradientBoosting = "gradient-boosting"
}

/// Classification or regression.
public enum TaskKind: String, Sendable, Codable, CaseIterable {
    case classification
    case regression

    /// The most distinct values a numeric label may hold and still be read as classes.
    public static let maxInferredClasses = 20

    /// The task a label column implies when none is given; `ml train` and `ml evaluate` share this rule:
    /// text or boolean labels → classification; numeric labels that are all whole numbers with at most
    /// 20 distinct values → classification; any other numeric label → regression. Missing values are ignored.
    public static func infer(label column: Column) -> TaskKind {
        guard column.kind == .numeric, let values = column.numbers else { return .classification }
        var distinct = Set<Double>()
        for v in values where !v.isNaN {
            if v != v.rounded() { return .regression }
            distinct.insert(v)
            if distinct.count > maxInferredClasses { return .regression }
        }
        return .classification
    }
}

/// Everything `ml train` needs besides the data.
public struct TrainingSpec: Sendable, Equatable {
    public var label: String
    public var algorithm: Algorithm
    /// Feature columns; nil means every column but the label and `excluded`.
    public var features: [String]?
    public var excluded: [String]
    public var preprocessing: PreprocessingOptions
    /// Logistic regression: inverse regularisation strength.
    public var c: Double
    /// Ridge: penalty.
    public var alpha: Double
    /// Logistic regression: solver gradient tolerance and iteration limit.
    public var tolerance: Double
    public var maxIterations: Int
    /// Gradient boosting settings and task (nil: inferred from the label, `TaskKind.infer(label:)`).
    public var boosting: GradientBoostingOptions
    public var task: TaskKind?
    /// Columns to one-hot encode as text whatever their values look like (`ml train --categorical`).
    public var categorical: [String] = []
    /// Seed for every random choice (validation split, subsampling).
    public var seed: UInt64

    public init(label: String, algorithm: Algorithm, features: [String]? = nil, excluded: [String] = [],
                preprocessing: PreprocessingOptions = PreprocessingOptions(), c: Double = 1, alpha: Double = 1,
                tolerance: Double = 1e-10, maxIterations: Int = 1000, boosting: GradientBoostingOptions = GradientBoostingOptions(),
                task: TaskKind? = nil, seed: UInt64 = 0) {
        self.label = label
        self.algorithm = algorithm
        self.features = features
        self.excluded = excluded
        self.preprocessing = preprocessing
        self.c = c
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.boosting = boosting
        self.task = task
        self.seed = seed
    }
}

/// Fits the preprocessing and the model of a `TrainingSpec` on a table.
public enum Trainer {
    /// Trains and returns the complete model (preprocessing, parameters, training metrics).
    public static func train(_ table: Table, spec: TrainingSpec, dataReference: String? = nil) throws -> TrainedModel {
        guard table.rowCount > 0 else { throw TableError.emptyTable(path: table.source?.path) }
        _ = try table.requireColumn(spec.label)
        let excluded = Set(spec.excluded + [spec.label])
        let features = try spec.features ?? table.columnNames.filter { !excluded.contains($0) }
        for name in features { _ = try table.requireColumn(name) }
        guard !features.isEmpty else {
            throw ModelError.emptyData("no feature columns left besides the label '\(spec.label)'; add feature columns")
        }
        if features.contains(spec.label) {
            throw ModelError.invalidOption("the label '\(spec.label)' cannot also be a feature")
        }
        let task = try resolveTask(table, spec: spec)
        let label: LabelEncoding
        var classIndices: [Int32] = []
        var targets: [Double] = []
        switch task {
        case .classification:
            (label, classIndices) = try LabelEncoding.classes(of: table, label: spec.label)
        case .regression:
            (label, targets) = try LabelEncoding.numericTarget(of: table, label: spec.label)
        }
        if let unknown = spec.categorical.first(where: { !features.contains($0) }) {
            throw ModelError.invalidOption("--categorical names '\(unknown)', which is not a feature column (features: \(features.joined(separator: ", ")))")
        }
        // Gradient boosting handles missing numbers natively (a missing bin with a learned direction), as
        // scikit-learn's HistGradientBoosting* do; linear models need --impute.
        var fitter = Preprocessor(options: spec.preprocessing)
        fitter.categorical = Set(spec.categorical)
        fitter.keepMissing = spec.algorithm == .gradientBoosting
        let preprocessor = try fitter.fit(table, features: features)
        let (x, _) = try preprocessor.transform(table)
        let declared = Set(spec.categorical)
        var model = TrainedModel(algorithm: spec.algorithm, task: task, label: label, preprocessing: preprocessor,
                                 inputs: try features.map {
                                     ColumnSignature(name: $0, kind: declared.contains($0) ? .categorical : try table.requireColumn($0).kind)
                                 },
                                 hyperparameters: hyperparameters(spec), trainingRows: table.rowCount,
                                 trainingData: dataReference ?? table.source?.path)
        switch spec.algorithm {
        case .logisticRegression:
            guard task == .classification else { throw ModelError.invalidOption("logistic-regression is a classifier; use linear-regression, ridge or gradient-boosting for a numeric label") }
            model.logistic = try LogisticRegression(c: spec.c, gradientTolerance: spec.tolerance, maxIterations: spec.maxIterations)
                .fit(x, classIndices: classIndices, classCount: label.classes.count)
        case .linearRegression, .ridge:
            guard task == .regression else { throw ModelError.invalidOption("\(spec.algorithm.rawValue) needs a numeric label; use logistic-regression or gradient-boosting for classes") }
            model.linear = try LinearRegression(alpha: spec.algorithm == .ridge ? spec.alpha : 0).fit(x, target: targets)
        case .gradientBoosting:
            if task == .classification {
                let k = label.classes.count
                model.boosting = try GradientBoosting(task: k == 2 ? .binaryClassification : .multiclassClassification,
                                                      options: spec.boosting, seed: spec.seed)
                    .fit(x, target: classIndices.map(Double.init), classCount: k)
            } else {
                model.boosting = try GradientBoosting(task: .regression, options: spec.boosting, seed: spec.seed).fit(x, target: targets)
            }
        }
        let predictions = try model.predict(matrix: x)
        model.metrics = TrainingMetrics.compute(predictions: predictions, classIndices: classIndices, targets: targets, task: task)
        return model
    }

    static func resolveTask(_ table: Table, spec: TrainingSpec) throws -> TaskKind {
        switch spec.algorithm {
        case .logisticRegression: return .classification
        case .linearRegression, .ridge: return .regression
        case .gradientBoosting:
            if let task = spec.task { return task }
            return TaskKind.infer(label: try table.requireColumn(spec.label))
        }
    }

    static func hyperparameters(_ spec: TrainingSpec) -> [String: String] {
        var p: [String: String] = [
            "algorithm": spec.algorithm.rawValue, "seed": String(spec.seed),
            "impute": spec.preprocessing.impute.rawValue, "standardize": String(spec.preprocessing.standardize),
        ]
        if !spec.categorical.isEmpty { p["categorical"] = spec.categorical.joined(separator: ",") }
        switch spec.algorithm {
        case .logisticRegression:
            p["C"] = String(spec.c); p["tol"] = String(spec.tolerance); p["max_iter"] = String(spec.maxIterations)
        case .ridge: p["alpha"] = String(spec.alpha)
        case .linearRegression: break
        case .gradientBoosting:
            let b = spec.boosting
            p["learning_rate"] = String(b.learningRate); p["max_iter"] = String(b.maxIterations)
            p["max_leaf_nodes"] = String(b.maxLeafNodes); p["min_samples_leaf"] = String(b.minSamplesLeaf)
            p["l2_regularization"] = String(b.l2Regularization); p["early_stopping"] = b.earlyStopping.rawValue
        }
        return p
    }
}
