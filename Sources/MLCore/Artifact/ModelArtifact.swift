import Foundation

/// The model folder format (documented in docs/model-artifact.md):
///
///     MLmodel             MLflow-style metadata (YAML): flavor, signature, training data, metrics
///     model.json          format version, algorithm, label encoding, estimator parameters
///     preprocessing.json  the fitted preprocessing
///
/// Files hold no timestamps, so training twice on the same data with the same options gives identical bytes.
public enum ModelArtifact {
    /// The format version this code writes.
    public static let formatVersion = 1
    /// Versions this code can read.
    public static let readableVersions = 1...1

    /// Writes `model` into `directory` (created if needed; existing model files are replaced).
    public static func save(_ model: TrainedModel, to directory: String) throws {
        let url = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try write(encode(ModelFile(model)), to: url.appendingPathComponent("model.json"))
            try write(encode(model.preprocessing), to: url.appendingPathComponent("preprocessing.json"))
            try write(Data(MLmodelFile.render(model).utf8), to: url.appendingPathComponent("MLmodel"))
        } catch let error as ArtifactError {
            throw error
        } catch {
            throw ArtifactError.unwritable(path: directory, reason: error.localizedDescription)
        }
    }

    /// Loads a model folder; a folder of another format version is refused with the reason.
    public static func load(from directory: String) throws -> TrainedModel {
        let url = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArtifactError.notAModel(path: directory, reason: "no such folder")
        }
        let modelURL = url.appendingPathComponent("model.json")
        guard let data = try? Data(contentsOf: modelURL) else {
            throw ArtifactError.notAModel(path: directory, reason: "model.json is missing")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let header = try? decoder.decode(VersionHeader.self, from: data) else {
            throw ArtifactError.notAModel(path: directory, reason: "model.json has no format_version")
        }
        guard readableVersions.contains(header.formatVersion) else {
            if header.formatVersion > formatVersion {
                throw ArtifactError.tooNew(path: directory, version: header.formatVersion, supported: formatVersion)
            }
            throw ArtifactError.tooOld(path: directory, version: header.formatVersion, supported: formatVersion)
        }
        let file: ModelFile
        let preprocessing: FittedPreprocessor
        do {
            file = try decoder.decode(ModelFile.self, from: data)
        } catch {
            throw ArtifactError.corrupt(path: modelURL.path, reason: describe(error))
        }
        let preprocessingURL = url.appendingPathComponent("preprocessing.json")
        guard let preprocessingData = try? Data(contentsOf: preprocessingURL) else {
            throw ArtifactError.notAModel(path: directory, reason: "preprocessing.json is missing")
        }
        do {
            preprocessing = try decoder.decode(FittedPreprocessor.self, from: preprocessingData)
        } catch {
            throw ArtifactError.corrupt(path: preprocessingURL.path, reason: describe(error))
        }
        let model = file.model(preprocessing: preprocessing)
        try validate(model, path: directory)
        return model
    }

    /// Checks that the parts agree (one estimator, feature counts match the preprocessing).
    static func validate(_ model: TrainedModel, path: String) throws {
        let estimators = [model.logistic != nil, model.linear != nil, model.boosting != nil].filter { $0 }.count
        guard estimators == 1 else { throw ArtifactError.corrupt(path: path, reason: "expected exactly one estimator, found \(estimators)") }
        let featureCount = model.preprocessing.featureNames.count
        let expected = model.logistic?.featureNames.count ?? model.linear?.coefficients.count ?? model.boosting?.featureNames.count ?? 0
        guard featureCount == expected else {
            throw ArtifactError.corrupt(path: path, reason: "preprocessing makes \(featureCount) features but the estimator expects \(expected)")
        }
        if model.task == .classification, model.label.classes.count < 2 {
            throw ArtifactError.corrupt(path: path, reason: "a classifier needs at least two classes in model.json")
        }
        if let logistic = model.logistic {
            let outputs = logistic.classCount == 2 ? 1 : logistic.classCount
            guard logistic.classCount == model.label.classes.count, logistic.coefficients.count == outputs,
                  logistic.intercepts.count == outputs, logistic.coefficients.allSatisfy({ $0.count == featureCount }) else {
                throw ArtifactError.corrupt(path: path, reason: "logistic coefficients do not match \(model.label.classes.count) classes and \(featureCount) features")
            }
        }
        if let boosting = model.boosting {
            let classifier = boosting.task == .binaryClassification || boosting.task == .multiclassClassification
            guard classifier == (model.task == .classification) else {
                throw ArtifactError.corrupt(path: path, reason: "boosting task \(boosting.task.rawValue) does not match the model task \(model.task.rawValue)")
            }
            if boosting.task == .multiclassClassification {
                let k = boosting.classCount ?? 0
                guard k >= 3, k == model.label.classes.count, boosting.baselines?.count == k, boosting.trees.count % k == 0 else {
                    throw ArtifactError.corrupt(path: path, reason: "multiclass boosting needs class_count = \(model.label.classes.count) classes, one baseline per class and a whole number of trees per class")
                }
            } else if boosting.task == .binaryClassification, model.label.classes.count != 2 {
                throw ArtifactError.corrupt(path: path, reason: "binary boosting needs two classes in model.json")
            }
            for (t, tree) in boosting.trees.enumerated() {
                let n = tree.nodes.count
                guard n > 0 else { throw ArtifactError.corrupt(path: path, reason: "tree \(t) has no nodes") }
                // Children come after their parent, so a valid tree has no cycles.
                for (i, node) in tree.nodes.enumerated() where node.feature >= 0 {
                    guard node.feature < featureCount, node.left > i, node.left < n, node.right > i, node.right < n else {
                        throw ArtifactError.corrupt(path: path, reason: "tree \(t) has a node pointing outside the tree or the features")
                    }
                }
            }
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            var data = try encoder.encode(value)
            data.append(10)
            return data
        } catch {
            throw ArtifactError.unwritable(path: "model", reason: "a parameter is not a finite number (\(error))")
        }
    }

    private static func write(_ data: Data, to url: URL) throws {
        try data.write(to: url, options: .atomic)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private struct VersionHeader: Decodable {
        var formatVersion: Int
    }
}

/// Problems saving or loading a model folder.
public enum ArtifactError: Error, Equatable, CustomStringConvertible {
    case notAModel(path: String, reason: String)
    case tooNew(path: String, version: Int, supported: Int)
    case tooOld(path: String, version: Int, supported: Int)
    case corrupt(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var message: String {
        switch self {
        case .notAModel(let path, let reason):
            return "\(path) is not an mlopslab model folder: \(reason); create one with 'mlopslab ml train ... --model-output DIR'"
        case .tooNew(let path, let version, let supported):
            return "\(path) uses model format \(version), newer than this mlopslab reads (format \(supported)); update mlopslab"
        case .tooOld(let path, let version, let supported):
            return "\(path) uses model format \(version), which this mlopslab no longer reads (format \(supported)); retrain the model with 'mlopslab ml train'"
        case .corrupt(let path, let reason):
            return "\(path) is damaged: \(reason); retrain the model or restore the folder"
        case .unwritable(let path, let reason):
            return "cannot write model to \(path): \(reason)"
        }
    }

    public var description: String { message }
}
