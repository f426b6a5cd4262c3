/// A column the model reads, with the kind it had in training.
public struct ColumnSignature: Sendable, Codable, Equatable {
    public var name: String
    public var kind: ColumnKind

    public init(name: String, kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }

    /// MLflow's signature type name.
    public var mlflowType: String {
        switch kind {
        case .numeric: return "double"
        case .categorical: return "string"
        case .boolean: return "boolean"
        }
    }
}

/// Predictions of a model on a matrix.
public struct ModelPredictions: Sendable, Equatable {
    /// Number of classes (0 for regression).
    public var classCount: Int
    /// Predicted class per row (classification).
    public var classIndices: [Int]
    /// Class probabilities, `classCount` per row (classification).
    public var probabilities: [Double]
    /// Predicted values (regression).
    public var values: [Double]
}

/// A trained model with everything scoring needs: the fitted preprocessing, the label encoding and the
/// parameters of exactly one estimator. Saved and loaded by `ModelArtifact`.
public struct TrainedModel: Sendable, Equatable {
    public var algorithm: Algorithm
    public var task: TaskKind
    public var label: LabelEncoding
    public var preprocessing: FittedPreprocessor
    /// The input columns, with their training kinds.
    public var inputs: [ColumnSignature]
    public var hyperparameters: [String: String]
    public var trainingRows: Int
    /// Where the training data came from (path as given), if known.
    public var trainingData: String?
    /// SHA-256 of the training file's bytes, if known.
    public var trainingDataSHA256: String?
    /// Training-set metrics (MLflow autolog names).
    public var metrics: [String: Double] = [:]
    public var logistic: LogisticModel?
    public var linear: LinearModel?
    public var boosting: GradientBoostingModel?

    public init(algorithm: Algorithm, task: TaskKind, label: LabelEncoding, preprocessing: FittedPreprocessor,
                inputs: [ColumnSignature], hyperparameters: [String: String], trainingRows: Int, trainingData: String?) {
        self.algorithm = algorithm
        self.task = task
        self.label = label
        self.preprocessing = preprocessing
        self.inputs = inputs
        self.hyperparameters = hyperparameters
        self.trainingRows = trainingRows
        self.trainingData = trainingData
    }

    /// The columns `score` adds: `prediction`, and for classifiers `probability` (plus `probability_<class>`
    /// with more than two classes).
    public var outputColumns: [String] {
        switch task {
        case .regression: return ["prediction"]
        case .classification:
            return ["prediction", "probability"] + (label.classes.count > 2 ? label.classes.map { "probability_\($0)" } : [])
        }
    }

    /// Predictions on an already transformed matrix.
    public func predict(matrix x: DesignMatrix) throws -> ModelPredictions {
        if let logistic {
            let k = logistic.classCount
            let p = try logistic.predictProbabilities(x)
            let classes = (0..<x.rows).map { r -> Int in
                var best = 0
                for c in 1..<k where p[r * k + c] > p[r * k + best] { best = c }
                return best
            }
            return ModelPredictions(classCount: k, classIndices: classes, probabilities: p, values: [])
        }
        if let linear {
            return ModelPredictions(classCount: 0, classIndices: [], probabilities: [], values: try linear.predict(x))
        }
        if let boosting {
            let out = try boosting.predict(x)
            if boosting.task == .multiclassClassification {
                let k = boosting.outputs
                let classes = (0..<x.rows).map { r -> Int in
                    var best = 0
                    for c in 1..<k where out[r * k + c] > out[r * k + best] { best = c }
                    return best
                }
                return ModelPredictions(classCount: k, classIndices: classes, probabilities: out, values: [])
            }
            if boosting.task == .binaryClassification {
                var p = [Double](repeating: 0, count: out.count * 2)
                for (i, q) in out.enumerated() { p[2 * i] = 1 - q; p[2 * i + 1] = q }
                return ModelPredictions(classCount: 2, classIndices: out.map { $0 > 0.5 ? 1 : 0 }, probabilities: p, values: [])
            }
            return ModelPredictions(classCount: 0, classIndices: [], probabilities: [], values: out)
        }
        throw ModelError.invalidOption("the model holds no fitted parameters")
    }

    /// Applies the saved preprocessing and the model to a table with the input columns.
    public func predict(table: Table) throws -> (ModelPredictions, unseenCategories: [String: Int]) {
        guard table.rowCount > 0 else { throw TableError.emptyTable(path: table.source?.path) }
        for input in inputs where table.column(named: input.name) == nil {
            throw ModelError.missingInput(column: input.name, path: table.source?.path, required: inputs.map(\.name))
        }
        let (x, unseen) = try preprocessing.transform(table)
        return (try predict(matrix: x), unseen)
    }

    /// The input table plus `prediction` and, for classifiers, `probability` (of the positive class for two
    /// classes; of the predicted class otherwise, with one `probability_<class>` column per class).
    ///
    /// Data that already has one of these columns is refused (`ModelError.outputColumnExists`) rather than
    /// silently overwritten.
    public func score(_ table: Table) throws -> (table: Table, unseenCategories: [String: Int]) {
        for name in outputColumns where table.column(named: name) != nil {
            throw ModelError.outputColumnExists(column: name, path: table.source?.path)
        }
        let (predictions, unseen) = try predict(table: table)
        var out = table
        switch task {
        case .regression:
            try out.setColumn(Column(name: "prediction", numbers: predictions.values))
        case .classification:
            let k = predictions.classCount
            try out.setColumn(label.predictionColumn(name: "prediction", classIndices: predictions.classIndices))
            let n = table.rowCount
            if k == 2 {
                try out.setColumn(Column(name: "probability", numbers: (0..<n).map { predictions.probabilities[$0 * 2 + 1] }))
            } else {
                try out.setColumn(Column(name: "probability", numbers: (0..<n).map {
                    predictions.probabilities[$0 * k + predictions.classIndices[$0]]
                }))
                for (c, name) in label.classes.enumerated() {
                    try out.setColumn(Column(name: "probability_\(name)", numbers: (0..<n).map { predictions.probabilities[$0 * k + c] }))
                }
            }
        }
        return (out, unseen)
    }
}
