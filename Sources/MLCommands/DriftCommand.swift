import ArgumentParser
import CLICore
import MLCore
import MLMetrics

/// `mlopslab ml drift`: per-feature and dataset drift between a reference and a current CSV.
public struct DriftCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Data drift, prediction drift and data quality, as Azure ML or Evidently compute them; prints JSON.",
        discussion: """
        azure: Sturges bins on the smaller sample, equal width over the joint range, JS distance base 2, \
        PSI with +1 per count, Wasserstein / sample std; numerical features drift when \
        normalized_wasserstein_distance > 0.1, categorical when jensen_shannon_distance > 0.1; the dataset \
        drifts when any feature does. evidently: Evidently 0.7's default tests (KS p ≤ 0.05 or chi²/Z p < 0.05 \
        for references of ≤ 1000 rows, else normed Wasserstein or JS (natural log) ≥ 0.1); the dataset drifts \
        when the drifted share ≥ --drift-share. KS and chi-squared are reported as p-values. See docs/drift.md.
        """
    )

    @Option(name: .long, help: "Baseline CSV (training data or an earlier production window).")
    var reference: String

    @Option(name: .long, help: "Current CSV (recent production data).")
    var current: String

    @Option(name: .long, help: "azure (default) or evidently: whose binning, smoothing and decision rules to use.")
    var dialect: DriftDialect = .azure

    @Option(name: .long, parsing: .upToNextOption, help: "Columns to check, space- or comma-separated (default: every column in both files).")
    var columns: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Columns to leave out (ids, timestamps, the label), space- or comma-separated.")
    var exclude: [String] = []

    @Option(name: .long, help: "Prediction column: reported as prediction_drift (evidently: also counted in the drift share, as Evidently does).")
    var prediction: String?

    @Option(name: .long, help: "Share of drifted features that means dataset drift (evidently dialect).")
    var driftShare: Double = DriftDialect.defaultDriftShare

    @Option(name: .long, help: "azure: metric deciding drift of numerical features (default normalized_wasserstein_distance).")
    var numericalMetric: AzureDriftMetric?

    @Option(name: .long, help: "azure: threshold for --numerical-metric (default 0.1; p-value metrics alert below it).")
    var numericalThreshold: Double?

    @Option(name: .long, help: "azure: metric deciding drift of categorical features (default jensen_shannon_distance).")
    var categoricalMetric: AzureDriftMetric?

    @Option(name: .long, help: "azure: threshold for --categorical-metric (default 0.1; p-value metrics alert below it).")
    var categoricalThreshold: Double?

    @Option(name: .long, help: "Extra text read as missing, comma-separated (e.g. '?').")
    var naValues: String?

    public init() {}

    public func validate() throws {
        guard driftShare > 0, driftShare <= 1 else { throw ValidationError("--drift-share must be in (0, 1]") }
        let custom = [numericalMetric != nil, numericalThreshold != nil, categoricalMetric != nil, categoricalThreshold != nil]
        if dialect == .evidently && custom.contains(true) {
            throw ValidationError("--numerical-metric, --categorical-metric and their thresholds belong to the azure dialect; evidently uses its default tests")
        }
        if let m = numericalMetric, !m.applies(to: .numerical) {
            throw ValidationError("\(m.rawValue) does not apply to numerical features")
        }
        if let m = categoricalMetric, !m.applies(to: .categorical) {
            throw ValidationError("\(m.rawValue) does not apply to categorical features")
        }
    }

    public func run() throws {
        let missing = CommandSupport.list(naValues) ?? []
        let ref = try CommandSupport.readTable(reference, naValues: missing)
        let cur = try CommandSupport.readTable(current, naValues: missing)
        let columns = self.columns.flatMap { CommandSupport.list($0) ?? [] }
        let exclude = self.exclude.flatMap { CommandSupport.list($0) ?? [] }
        guard ref.rowCount > 0 else { throw MetricsInputError.noRows(path: reference) }
        guard cur.rowCount > 0 else { throw MetricsInputError.noRows(path: current) }
        let excluded = Set(exclude).union(prediction.map { [$0] } ?? [])
        let names: [String]
        if columns.isEmpty {
            names = ref.columnNames.filter { cur.column(named: $0) != nil && !excluded.contains($0) }
        } else {
            names = columns.filter { !excluded.contains($0) }
        }
        guard !names.isEmpty else {
            throw MetricsInputError.invalidOption("no columns to compare: \(reference) and \(current) share no column names (or all were excluded)")
        }
        var features: [String: MetricJSON] = [:]
        var results: [FeatureDrift] = []
        var quality: [String: MetricJSON] = [:]
        var warnings: [String] = []
        for name in names {
            var (drift, dq) = try FeatureDriftInput.compare(name: name, reference: ref, current: cur, dialect: dialect)
            try applyThresholds(&drift)
            results.append(drift)
            features[name] = FeatureDriftInput.json(drift, quality: dq)
            quality[name] = .object(["null_value_rate": .num(dq.nullValueRate), "data_type_error_rate": .num(dq.dataTypeErrorRate),
                                     "out_of_bounds_rate": .num(dq.outOfBoundsRate)])
            warnings += drift.warnings.map { "\(name): \($0)" }
        }
        var runMetrics: [String: Double] = [:]
        for name in names { runMetrics.merge(features[name].map { FeatureDriftInput.runMetrics($0, column: name) } ?? [:]) { a, _ in a } }
        var sharedColumns = names
        var predictionJSON: MetricJSON?
        if let prediction {
            var (drift, dq) = try FeatureDriftInput.compare(name: prediction, reference: ref, current: cur, dialect: dialect)
            try applyThresholds(&drift)
            let json = FeatureDriftInput.json(drift, quality: dq)
            predictionJSON = json
            warnings += drift.warnings.map { "\(prediction) (prediction): \($0)" }
            runMetrics.merge(FeatureDriftInput.runMetrics(json, column: prediction)) { a, _ in a }
            // Evidently's DataDriftPreset counts every column, prediction included, in the drifted share;
            // Azure ML monitors prediction drift as a signal of its own.
            if dialect == .evidently {
                results.append(drift)
                features[prediction] = json
                sharedColumns.append(prediction)
            }
        }
        let summary = DatasetDrift(features: results, dialect: dialect, shareThreshold: driftShare)
        var r: [String: MetricJSON] = [
            "dialect": .string(dialect.rawValue),
            "features": .object(features),
            "drift_share": .num(summary.driftShare),
            "dataset_drift": .bool(summary.datasetDrift),
            "number_of_drifted_features": .int(summary.driftedCount),
            "number_of_features": .int(summary.featureCount),
            "drifted_features": .array(sharedColumns.filter { features[$0].map(FeatureDriftInput.isDrifted) ?? false }.map(MetricJSON.string)),
            "not_computable_features": .array(zip(sharedColumns, results).filter { !$0.1.computable }.map { MetricJSON.string($0.0) }),
            "data_quality": .object(quality),
            "reference_rows": .int(ref.rowCount),
            "current_rows": .int(cur.rowCount),
        ]
        if dialect == .evidently { r["drift_share_threshold"] = .num(driftShare) }
        if let predictionJSON { r["prediction_drift"] = predictionJSON }
        r["warnings"] = .array(warnings.map(MetricJSON.string))
        var params = ["reference": reference, "current": current, "dialect": dialect.rawValue]
        if let prediction { params["prediction"] = prediction }
        try ReportOutput.emit(.object(r), command: "ml drift", artifact: "drift.json", params: params, extraMetrics: runMetrics)
    }

    /// Applies --numerical-metric / --categorical-metric and thresholds (azure dialect).
    private func applyThresholds(_ drift: inout FeatureDrift) throws {
        guard dialect == .azure else { return }
        switch drift.kind {
        case .numerical where numericalMetric != nil || numericalThreshold != nil:
            let metric = numericalMetric ?? .normalizedWassersteinDistance
            try drift.decide(on: metric, threshold: numericalThreshold ?? Self.defaultThreshold(metric))
        case .categorical where categoricalMetric != nil || categoricalThreshold != nil:
            let metric = categoricalMetric ?? .jensenShannonDistance
            try drift.decide(on: metric, threshold: categoricalThreshold ?? Self.defaultThreshold(metric))
        default: break
        }
    }

    /// 0.1 for distances (Azure's default), 0.05 for p-value tests.
    static func defaultThreshold(_ metric: AzureDriftMetric) -> Double {
        metric.alertsBelowThreshold ? 0.05 : 0.1
    }
}

extension DriftDialect: ExpressibleByArgument {}
extension AzureDriftMetric: ExpressibleByArgument {}
