import MLCore
import NIOCore
import Workspace

/// The fast scoring path of a model whose inputs are all numeric: reads the body with `NumericPayloadParser`,
/// applies the fitted preprocessing (fill, centre, scale) straight into the design matrix, predicts with the
/// model's own `predict(matrix:)`, and writes the JSON list of predictions into a buffer. It answers exactly as
/// `ModelScorer.score` does for the bodies it accepts; any other body (another shape, a missing column, a
/// non-finite or missing value) makes it decline, and the caller takes the general path.
struct NumericScorer: Sendable {
    private struct Feature: Sendable {
        var name: [UInt8]
        var fill: Double?
        var center: Double
        var scale: Double
        var standardize: Bool
    }

    let model: TrainedModel
    private let features: [Feature]
    private let featureNames: [String]
    /// The JSON text of each class's prediction (classification), by class index.
    private let classTexts: [[UInt8]]

    /// Nil when the model has a non-numeric input or transform (it is then always scored by the general path).
    init?(model: TrainedModel) {
        guard !model.inputs.isEmpty, model.inputs.allSatisfy({ $0.kind == .numeric }),
              model.preprocessing.transforms.count == model.inputs.count else { return nil }
        var features: [Feature] = []
        for transform in model.preprocessing.transforms {
            guard transform.kind == .numeric, model.inputs.contains(where: { $0.name == transform.column }) else { return nil }
            features.append(Feature(name: Array(transform.column.utf8), fill: transform.fill, center: transform.center ?? 0,
                                    scale: transform.scale ?? 1, standardize: transform.center != nil))
        }
        self.model = model
        self.features = features
        featureNames = model.preprocessing.featureNames
        guard featureNames.count == features.count else { return nil }
        if model.task == .classification {
            let k = model.label.classes.count
            let column = model.label.predictionColumn(name: "prediction", classIndices: Array(0..<k))
            classTexts = (0..<k).map { Array(ModelScorer.cell(column, $0).compact().utf8) }
        } else {
            classTexts = []
        }
    }

    /// Scores `body` and appends `[p0, p1, ...]` to `out`; false (and `out` untouched) when the body is not one this
    /// path answers.
    func score(_ body: UnsafeRawBufferPointer, into out: inout ByteBuffer) -> Bool {
        guard let payload = NumericPayloadParser.parse(body) else { return false }
        let width = payload.columns.count
        // Column of the body feeding each feature: the first column with its name (as the general path).
        var source = [Int](repeating: -1, count: features.count)
        for (f, feature) in features.enumerated() {
            if f < width, NumericPayloadParser.equals(body, payload.columns[f], feature.name) {
                var earlier = false
                for c in 0..<f where NumericPayloadParser.equals(body, payload.columns[c], feature.name) { earlier = true; break }
                if !earlier { source[f] = f; continue }
            }
            for c in 0..<width where NumericPayloadParser.equals(body, payload.columns[c], feature.name) { source[f] = c; break }
            if source[f] < 0 { return false }
        }
        let n = payload.rowCount
        let d = features.count
        var values = [Double](repeating: 0, count: n * d)
        let ok = payload.cells.withUnsafeBufferPointer { cells -> Bool in
            values.withUnsafeMutableBufferPointer { x -> Bool in
                for (f, feature) in features.enumerated() {
                    let c = source[f]
                    for r in 0..<n {
                        let v = cells[r * width + c]
                        guard v.isFinite else { return false }
                        x[r * d + f] = feature.standardize ? (v - feature.center) / feature.scale : v
                    }
                }
                return true
            }
        }
        guard ok, let matrix = try? DesignMatrix(rows: n, columns: d, values: values, featureNames: featureNames),
              let predictions = try? model.predict(matrix: matrix) else { return false }
        switch model.task {
        case .classification:
            guard predictions.classIndices.count == n else { return false }
            for index in predictions.classIndices where index < 0 || index >= classTexts.count { return false }
            out.writeInteger(UInt8(ascii: "["))
            for (r, index) in predictions.classIndices.enumerated() {
                if r > 0 { out.writeStaticString(", ") }
                out.writeBytes(classTexts[index])
            }
            out.writeInteger(UInt8(ascii: "]"))
        case .regression:
            guard predictions.values.count == n else { return false }
            out.writeInteger(UInt8(ascii: "["))
            for (r, v) in predictions.values.enumerated() {
                if r > 0 { out.writeStaticString(", ") }
                if !v.isFinite {
                    out.writeStaticString("null")
                } else if v == v.rounded(), abs(v) < 1e15 {
                    out.writeString(String(Int64(v)))
                } else {
                    out.writeString(JSONValue.formatDouble(v))
                }
            }
            out.writeInteger(UInt8(ascii: "]"))
        }
        return true
    }
}
