import Foundation
import MLCore

/// The benchmark bodies; each prints one JSON line per repeat.
enum Benchmarks {
    static func run(_ bench: String, file: String, label: String, repeats: Int) throws {
        switch bench {
        case "csv":
            for _ in 0..<repeats {
                var rows = 0
                let t = try seconds { rows = try CSVReader.read(path: file).rowCount }
                print("{\"bench\": \"csv\", \"seconds\": \(t), \"rows\": \(rows)}")
            }
        case "csv-serial", "csv-bytes":
            for _ in 0..<repeats {
                var rows = 0
                var readSeconds = 0.0
                let t = try seconds {
                    var bytes: [UInt8] = []
                    readSeconds = try seconds { bytes = try CSVReader.readBytes(path: file) }
                    if bench == "csv-serial" {
                        rows = try CSVReader.parse(bytes: bytes, path: file, options: CSVReadOptions(parallel: false)).rowCount
                    } else {
                        rows = try CSVReader.parse(bytes: bytes, path: file).rowCount
                    }
                }
                print("{\"bench\": \"\(bench)\", \"seconds\": \(t), \"read_seconds\": \(readSeconds), \"rows\": \(rows)}")
            }
        case "logreg", "predict":
            let (x, y) = try matrix(file: file, label: label)
            var model: LogisticModel?
            for _ in 0..<(bench == "logreg" ? repeats : 1) {
                let t = try seconds { model = try LogisticRegression().fit(x, classIndices: y, classCount: 2) }
                guard let model, bench == "logreg" else { continue }
                let p = try model.predictProbabilities(x)
                print("{\"bench\": \"logreg\", \"seconds\": \(t), \"iterations\": \(model.iterations), \"log_loss\": \(logLoss(p, y))}")
            }
            if bench == "predict", let model {
                for _ in 0..<repeats {
                    var p: [Double] = []
                    let t = try seconds { p = try model.predictProbabilities(x) }
                    print("{\"bench\": \"predict\", \"seconds\": \(t), \"rows\": \(p.count / 2)}")
                }
            }
        case "hgb":
            let (x, y) = try matrix(file: file, label: label)
            for _ in 0..<repeats {
                var model: GradientBoostingModel?
                let t = try seconds {
                    model = try GradientBoosting(task: .binaryClassification, seed: 0).fit(x, target: y.map(Double.init))
                }
                guard let model else { continue }
                print("{\"bench\": \"hgb\", \"seconds\": \(t), \"iterations\": \(model.trees.count), \"validation_loss\": \(model.validationLoss ?? -1)}")
            }
        case "csv-write":
            let table = try CSVReader.read(path: file)
            for _ in 0..<repeats {
                var size = 0
                let t = seconds { size = CSVWriter.render(table).count }
                print("{\"bench\": \"csv-write\", \"seconds\": \(t), \"bytes\": \(size)}")
            }
        case "hgb-heldout":
            // Quality check on a common split: fit on the first 90 % of rows, log loss on the last 10 %.
            let (x, y) = try matrix(file: file, label: label)
            let cut = x.rows * 9 / 10
            let train = x.selecting(rows: Array(0..<cut)), test = x.selecting(rows: Array(cut..<x.rows))
            let model = try GradientBoosting(task: .binaryClassification, seed: 0).fit(train, target: y[0..<cut].map(Double.init))
            let p = try model.predict(test)
            var loss = 0.0
            for (i, label) in y[cut...].enumerated() {
                let q = min(max(p[i], Double.ulpOfOne), 1 - Double.ulpOfOne)
                loss -= label == 1 ? log(q) : log(1 - q)
            }
            print("{\"bench\": \"hgb-heldout\", \"test_log_loss\": \(loss / Double(p.count)), \"iterations\": \(model.trees.count)}")
        default:
            print("{\"error\": \"unknown bench \(bench)\"}")
        }
    }

    static func matrix(file: String, label: String) throws -> (DesignMatrix, [Int32]) {
        let table = try CSVReader.read(path: file)
        let names = table.columnNames.filter { $0 != label }
        let x = try DesignMatrix(featureColumns: try names.map { try table.requireNumbers($0) }, names: names)
        return (x, try table.requireNumbers(label).map { Int32($0) })
    }

    static func logLoss(_ p: [Double], _ y: [Int32]) -> Double {
        var total = 0.0
        for (i, label) in y.enumerated() {
            total -= log(min(max(p[i * 2 + Int(label)], Double.ulpOfOne), 1 - Double.ulpOfOne))
        }
        return total / Double(y.count)
    }
}
