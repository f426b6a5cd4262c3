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

    /// Fits to `x`; for classification `target` holds 0/1.
    public func fit(_ x: DesignMatrix, target: [Double]) throws -> GradientBoostingModel {
        let n = x.rows
        guard n > 0 else { throw ModelError.emptyData("no rows to fit gradient boosting on") }
        guard target.count == n else { throw ModelError.shapeMismatch("\(target.count) targets for \(n) rows") }
        guard options.learningRate > 0, options.maxIterations >= 1, options.maxLeafNodes >= 2, options.minSamplesLeaf >= 1 else {
            throw ModelError.invalidOption("gradient boosting needs learning rate > 0, max iterations ≥ 1, max leaf nodes ≥ 2, min samples per leaf ≥ 1")
        }
        var rng = SplitMix64(seed: seed)
        let useValidation = options.earlyStopping == .on || (options.earlyStopping == .auto && n > 10_000)
        var trainRows = Array(0..<n)
        var validationRows: [Int] = []
        if useValidation {
            let split = Splitter.trainTestSplit(n: n, testFraction: options.validationFraction,
                                                strata: task == .binaryClassification ? target.map { $0 > 0.5 ? 1 : 0 } : nil, rng: &rng)
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

        let baseline: Double
        let mean = Statistics.mean(yTrain)
        switch task {
        case .binaryClassification:
            let p = min(max(mean, 1e-15), 1 - 1e-15)
            baseline = log(p / (1 - p))
        case .regression:
            baseline = mean
        }
        let m = train.rows
        var raw = [Double](repeating: baseline, count: m)
        var rawValidation = [Double](repeating: baseline, count: validation.rows)
        var gradients = [Double](repeating: 0, count: m)
        var hessians = [Double](repeating: 1, count: m)
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
                    computeGradients(raw: raw, y: yTrain, gradients: &gradients, hessians: &hessians)
                    for k in 0..<m { indices[k] = Int32(k) }
                    let (tree, leaves) = grower.grow(indices: &indices, gradients: gradients, hessians: hessians)
                    for (range, value) in leaves {
                        for k in range { raw[Int(indices[k])] += value }
                    }
                    trees.append(tree)
                    if useValidation, let vBase = validationBuffer.baseAddress {
                        for r in 0..<validation.rows { rawValidation[r] += tree.predictBinned(vBase, row: r, rows: validation.rows) }
                        scores.append(-loss(rawValidation, yValidation))
                        if shouldStop(scores) { break }
                    }
                }
            }
        }
        return GradientBoostingModel(task: task, baseline: baseline, trees: trees, featureNames: x.featureNames,
                                     trainingLoss: loss(raw, yTrain),
                                     validationLoss: useValidation ? loss(rawValidation, yValidation) : nil,
                                     validationRows: validationRows.count)
    }

    /// scikit-learn's rule: stop when none of the last `n` scores beats the one before them by more than `tol`.
    private func shouldStop(_ scores: [Double]) -> Bool {
        let n = options.iterationsWithoutChange
        guard scores.count > n else { return false }
        let reference = scores[scores.count - n - 1]
        return !scores.suffix(n).contains { $0 > reference + options.tolerance }
    }

    private func computeGradients(raw: [Double], y: [Double], gradients: inout [Double], hessians: inout [Double]) {
        switch task {
        case .binaryClassification:
            for i in 0..<raw.count {
                let p = LogisticKernels.sigmoid(raw[i])
                gradients[i] = p - y[i]
                hessians[i] = p * (1 - p)
            }
        case .regression:
            for i in 0..<raw.count { gradients[i] = raw[i] - y[i] }
        }
    }

    /// Mean log loss (classification) or half mean squared error (regression), as scikit-learn's losses.
    func loss(_ raw: [Double], _ y: [Double]) -> Double {
        guard !raw.isEmpty else { return 0 }
        var total = 0.0
        switch task {
        case .binaryClassification:
            for i in 0..<raw.count { total += LogisticKernels.softplus(raw[i]) - y[i] * raw[i] }
        case .regression:
            for i in 0..<raw.count { total += 0.5 * (raw[i] - y[i]) * (raw[i] - y[i]) }
        }
        return total / Double(raw.count)
    }
}

/// A fitted gradient-boosting model: raw score = baseline + Σ tree values.
public struct GradientBoostingModel: Sendable, Codable, Equatable {
    public var task: BoostingTask
    public var baseline: Double
    public var trees: [RegressionTree]
    public var featureNames: [String]
    /// Loss on the rows the trees were fitted on.
    public var trainingLoss: Double
    /// Loss on the early-stopping validation rows, when early stopping was on.
    public var validationLoss: Double?
    /// Number of validation rows held out.
    public var validationRows: Int

    /// Raw scores (log-odds for classification, predictions for regression).
    public func rawPredictions(_ x: DesignMatrix) throws -> [Double] {
        let d = featureNames.count
        guard x.columns == d else { throw ModelError.shapeMismatch("the model expects \(d) features, the data has \(x.columns)") }
        let ranges = Parallel.ranges(x.rows, parts: x.rows >= 4096 ? Parallel.workerCount : 1)
        let parts = x.values.withUnsafeBufferPointer { xb -> [[Double]] in
            guard let base = xb.baseAddress else { return [] }
            let xs = SharedBuffer(base: base, count: xb.count)
            return Parallel.map(ranges.count) { k in
                ranges[k].map { r in
                    var s = baseline
                    for tree in trees { s += tree.predict(xs.base + r * d) }
                    return s
                }
            }
        }
        return parts.flatMap { $0 }
    }

    /// Predictions: probability of class 1 (classification) or the predicted value (regression).
    public func predict(_ x: DesignMatrix) throws -> [Double] {
        let raw = try rawPredictions(x)
        return task == .binaryClassification ? raw.map(LogisticKernels.sigmoid) : raw
    }
}
