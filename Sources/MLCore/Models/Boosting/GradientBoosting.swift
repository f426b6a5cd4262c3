import Foundation
import Primitives

/// Settings of histogram gradient boosting; the defaults are scikit-learn's `HistGradientBoosting*`.
public struct GradientBoostingOptions: Sendable, Codable, Equatable {
    public enum EarlyStopping: String, Sendable, Codable, CaseIterable {
        /// On when the training data has more than 10,000 rows.
        case auto
        case on
        case off
    }

    public var learningRate = 0.1
    public var maxIterations = 100
    public var maxLeafNodes = 31
    public var minSamplesLeaf = 20
    public var l2Regularization = 0.0
    public var earlyStopping = EarlyStopping.auto
    public var validationFraction = 0.1
    public var iterationsWithoutChange = 10
    public var tolerance = 1e-7

    public init() {}
}

/// What gradient boosting predicts.
public enum BoostingTask: String, Sendable, Codable {
    /// Two classes, log loss; the raw score is the log-odds of class 1.
    case binaryClassification = "binary_classification"
    /// Three or more classes, multinomial log loss (softmax); one tree per class per iteration, as
    /// scikit-learn's `HistGradientBoostingClassifier` with `HalfMultinomialLoss`.
    case multiclassClassification = "multiclass_classification"
    /// Squared error.
    case regression
}

/// Histogram gradient-boosted trees: features binned into at most 255 bins plus a missing bin, trees grown
/// leaf-wise, early stopping on a seeded validation split (stratified for classification).
public struct GradientBoosting: Sendable {
    public var task: BoostingTask
    public var options: GradientBoostingOptions
    public var seed: UInt64

    public init(task: BoostingTask, options: GradientBoostingOptions = GradientBoostingOptions(), seed: UInt64 = 0) {
        self.task = task
        self.options = options
        self.seed = seed
    }

    /// Fits to `x`; for binary classification `target` holds 0/1, for multiclass the class index
    /// (0..<classCount, `classCount` ≥ 3 required), for regression the values.
    public func fit(_ x: DesignMatrix, target: [Double], classCount: Int? = nil) throws -> GradientBoostingModel {
        let n = x.rows
        guard n > 0 else { throw ModelError.emptyData("no rows to fit gradient boosting on") }
        guard target.count == n else { throw ModelError.shapeMismatch("\(target.count) targets for \(n) rows") }
        guard options.learningRate > 0, options.maxIterations >= 1, options.maxLeafNodes >= 2, options.minSamplesLeaf >= 1 else {
            throw ModelError.invalidOption("gradient boosting needs learning rate > 0, max iterations ≥ 1, max leaf nodes ≥ 2, min samples per leaf ≥ 1")
        }
        let outputs: Int
        switch task {
        case .multiclassClassification:
            guard let classCount, classCount >= 3 else {
                throw ModelError.invalidOption("multiclass gradient boosting needs at least three classes (use binary classification for two)")
            }
            if let bad = target.firstIndex(where: { !($0 >= 0 && $0 < Double(classCount) && $0 == $0.rounded()) }) {
                throw ModelError.shapeMismatch("class index \(target[bad]) at row \(bad + 1) is outside 0..<\(classCount)")
            }
            outputs = classCount
        case .binaryClassification, .regression:
            outputs = 1
        }
        var rng = SplitMix64(seed: seed)
        let useValidation = options.earlyStopping == .on || (options.earlyStopping == .auto && n > 10_000)
        var trainRows = Array(0..<n)
        var validationRows: [Int] = []
        if useValidation {
            let strata: [Int]?
            switch task {
            case .binaryClassification: strata = target.map { $0 > 0.5 ? 1 : 0 }
            case .multiclassClassification: strata = target.map { Int($0) }
            case .regression: strata = nil
            }
            let split = Splitter.trainTestSplit(n: n, testFraction: options.validationFraction, strata: strata, rng: &rng)
            trainRows = split.train
            validationRows = split.test
        }
        let train = x.selecting(rows: trainRows)
        let yTrain = trainRows.map { target[$0] }
        let binSample: [Int]? = train.rows > 200_000 ? Array(rng.permutation(train.rows).prefix(200_000)).sorted() : nil
        let mapper = BinMapper.fit(train, rows: binSample)
        let binnedTrain = mapper.transform(train)
        let validation = x.selecting(rows: validationRows)
        let yValidation = validationRows.map { target[$0] }
        let binnedValidation = mapper.transform(validation)

        let baselines = initialRawScores(yTrain, outputs: outputs)
        let m = train.rows
        // raw[k][i]: the raw score of output k for training row i.
        var raw = baselines.map { [Double](repeating: $0, count: m) }
        var rawValidation = baselines.map { [Double](repeating: $0, count: validation.rows) }
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: m), count: outputs)
        var hessians = [[Double]](repeating: [Double](repeating: 1, count: m), count: outputs)
        var trees: [RegressionTree] = []
        var scores: [Double] = []
        if useValidation { scores.append(-loss(rawValidation, yValidation)) }
        let settings = TreeGrower.Settings(maxLeafNodes: options.maxLeafNodes, minSamplesLeaf: options.minSamplesLeaf,
                                           l2: options.l2Regularization, learningRate: options.learningRate)
        var indices = (0..<m).map { Int32($0) }
        try binnedTrain.withUnsafeBufferPointer { trainBuffer in
            try binnedValidation.withUnsafeBufferPointer { validationBuffer in
                guard let trainBase = trainBuffer.baseAddress else { throw ModelError.emptyData("no training rows after the validation split") }
                let grower = TreeGrower(binned: SharedBuffer(base: trainBase, count: trainBuffer.count), rows: m,
                                        features: x.columns, mapper: mapper, settings: settings)
                for _ in 0..<options.maxIterations {
                    // All outputs' gradients come from the raw scores at the start of the iteration (as scikit-learn).
                    computeGradients(raw: raw, y: yTrain, gradients: &gradients, hessians: &hessians)
                    for k in 0..<outputs {
                        for i in 0..<m { indices[i] = Int32(i) }
                        let (tree, leaves) = grower.grow(indices: &indices, gradients: gradients[k], hessians: hessians[k])
                        raw[k].withUnsafeMutableBufferPointer { scores in
                            for (range, value) in leaves {
                                for i in range { scores[Int(indices[i])] += value }
                            }
                        }
                        trees.append(tree)
                        if useValidation, let vBase = validationBuffer.baseAddress {
                            for r in 0..<validation.rows { rawValidation[k][r] += tree.predictBinned(vBase, row: r, rows: validation.rows) }
                        }
                    }
                    if useValidation {
                        scores.append(-loss(rawValidation, yValidation))
                        if shouldStop(scores) { break }
                    }
                }
            }
        }
        return GradientBoostingModel(task: task, baseline: outputs == 1 ? baselines[0] : 0, trees: trees, featureNames: x.featureNames,
                                     trainingLoss: loss(raw, yTrain),
                                     validationLoss: useValidation ? loss(rawValidation, yValidation) : nil,
                                     validationRows: validationRows.count,
                                     classCount: outputs > 1 ? outputs : nil, baselines: outputs > 1 ? baselines : nil)
    }

    /// The raw score of an intercept-only model, per output: log-odds of the base rate (binary), the
    /// symmetric multinomial logit log(p_k) − mean_j log(p_j) of the class shares clipped to [ε, 1 − ε]
    /// (multiclass, scikit-learn's `HalfMultinomialLoss.fit_intercept_only`), or the mean (regression).
    private func initialRawScores(_ y: [Double], outputs: Int) -> [Double] {
        switch task {
        case .binaryClassification:
            let p = min(max(Statistics.mean(y), 1e-15), 1 - 1e-15)
            return [log(p / (1 - p))]
        case .regression:
            return [Statistics.mean(y)]
        case .multiclassClassification:
            var counts = [Double](repeating: 0, count: outputs)
            for v in y { let k = Int(v); if k >= 0 && k < outputs { counts[k] += 1 } }
            let logs = counts.map { log(min(max($0 / Double(max(y.count, 1)), Double.ulpOfOne), 1 - Double.ulpOfOne)) }
            let mean = logs.reduce(0, +) / Double(outputs)
            return logs.map { $0 - mean }
        }
    }

    /// scikit-learn's rule: stop when none of the last `n` scores beats the one before them by more than `tol`.
    private func shouldStop(_ scores: [Double]) -> Bool {
        let n = options.iterationsWithoutChange
        guard scores.count > n else { return false }
        let reference = scores[scores.count - n - 1]
        return !scores.suffix(n).contains { $0 > reference + options.tolerance }
    }

    private func computeGradients(raw: [[Double]], y: [Double], gradients: inout [[Double]], hessians: inout [[Double]]) {
        switch task {
        case .binaryClassification:
            let scores = raw[0]
            gradients[0].withUnsafeMutableBufferPointer { g in
                hessians[0].withUnsafeMutableBufferPointer { h in
                    for i in 0..<y.count {
                        let p = LogisticKernels.sigmoid(scores[i])
                        g[i] = p - y[i]
                        h[i] = p * (1 - p)
                    }
                }
            }
        case .regression:
            let scores = raw[0]
            gradients[0].withUnsafeMutableBufferPointer { g in
                for i in 0..<y.count { g[i] = scores[i] - y[i] }
            }
        case .multiclassClassification:
            let k = raw.count
            var z = [Double](repeating: 0, count: k)
            for i in 0..<y.count {
                var top = -Double.infinity
                for c in 0..<k { z[c] = raw[c][i]; top = max(top, z[c]) }
                var sum = 0.0
                for c in 0..<k { z[c] = exp(z[c] - top); sum += z[c] }
                let label = Int(y[i])
                for c in 0..<k {
                    let p = z[c] / sum
                    gradients[c][i] = p - (c == label ? 1 : 0)
                    hessians[c][i] = p * (1 - p)
                }
            }
        }
    }

    /// Mean log loss (classification: binary or multinomial) or half mean squared error (regression), as
    /// scikit-learn's losses.
    func loss(_ raw: [[Double]], _ y: [Double]) -> Double {
        guard let first = raw.first, !first.isEmpty else { return 0 }
        var total = 0.0
        switch task {
        case .binaryClassification:
            for i in 0..<first.count { total += LogisticKernels.softplus(first[i]) - y[i] * first[i] }
        case .regression:
            for i in 0..<first.count { total += 0.5 * (first[i] - y[i]) * (first[i] - y[i]) }
        case .multiclassClassification:
            for i in 0..<first.count {
                var top = -Double.infinity
                for c in 0..<raw.count { top = max(top, raw[c][i]) }
                var sum = 0.0
                for c in 0..<raw.count { sum += exp(raw[c][i] - top) }
                total += top + log(sum) - raw[Int(y[i])][i]
            }
        }
        return total / Double(first.count)
    }
}

/// A fitted gradient-boosting model: raw score = baseline + Σ tree values. A multiclass model keeps one
/// raw score per class: `baselines[k]` plus the trees at positions k, k + K, k + 2K, … (K = `classCount`),
/// so `trees` holds K trees per iteration; probabilities are the softmax of the K raw scores.
public struct GradientBoostingModel: Sendable, Codable, Equatable {
    public var task: BoostingTask
    /// The raw score before any tree (binary and regression; 0 for multiclass, see `baselines`).
    public var baseline: Double
    public var trees: [RegressionTree]
    public var featureNames: [String]
    /// Loss on the rows the trees were fitted on.
    public var trainingLoss: Double
    /// Loss on the early-stopping validation rows, when early stopping was on.
    public var validationLoss: Double?
    /// Number of validation rows held out.
    public var validationRows: Int
    /// Multiclass only: the number of classes (trees per iteration).
    public var classCount: Int?
    /// Multiclass only: the raw score of each class before any tree.
    public var baselines: [Double]?

    public init(task: BoostingTask, baseline: Double, trees: [RegressionTree], featureNames: [String], trainingLoss: Double,
                validationLoss: Double?, validationRows: Int, classCount: Int? = nil, baselines: [Double]? = nil) {
        self.task = task
        self.baseline = baseline
        self.trees = trees
        self.featureNames = featureNames
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.validationRows = validationRows
        self.classCount = classCount
        self.baselines = baselines
    }

    /// Raw scores per row and output (one output for binary and regression, `classCount` for multiclass).
    public var outputs: Int { task == .multiclassClassification ? max(classCount ?? 1, 1) : 1 }

    /// Boosting iterations (trees per output).
    public var iterations: Int { trees.count / outputs }

    /// Raw scores, `outputs` per row (row-major): log-odds for binary classification, one per class for
    /// multiclass, predictions for regression.
    public func rawPredictions(_ x: DesignMatrix) throws -> [Double] {
        let d = featureNames.count
        guard x.columns == d else { throw ModelError.shapeMismatch("the model expects \(d) features, the data has \(x.columns)") }
        let k = outputs
        let starts = k == 1 ? [baseline] : (0..<k).map { baselines?[safe: $0] ?? 0 }
        let ranges = Parallel.ranges(x.rows, parts: x.rows >= 4096 ? Parallel.workerCount : 1)
        let parts = x.values.withUnsafeBufferPointer { xb -> [[Double]] in
            guard let base = xb.baseAddress else { return [] }
            let xs = SharedBuffer(base: base, count: xb.count)
            return Parallel.map(ranges.count) { part in
                var out = [Double](repeating: 0, count: ranges[part].count * k)
                var o = 0
                for r in ranges[part] {
                    for c in 0..<k { out[o + c] = starts[c] }
                    for (t, tree) in trees.enumerated() { out[o + t % k] += tree.predict(xs.base + r * d) }
                    o += k
                }
                return out
            }
        }
        return parts.flatMap { $0 }
    }

    /// Predictions: probability of class 1 (binary), class probabilities `classCount` per row (multiclass,
    /// softmax), or the predicted value (regression).
    public func predict(_ x: DesignMatrix) throws -> [Double] {
        var raw = try rawPredictions(x)
        switch task {
        case .binaryClassification: return raw.map(LogisticKernels.sigmoid)
        case .regression: return raw
        case .multiclassClassification:
            let k = outputs
            for r in 0..<(raw.count / k) {
                var top = -Double.infinity
                for c in 0..<k { top = max(top, raw[r * k + c]) }
                var sum = 0.0
                for c in 0..<k { let e = exp(raw[r * k + c] - top); raw[r * k + c] = e; sum += e }
                for c in 0..<k { raw[r * k + c] /= sum }
            }
            return raw
        }
    }
}
