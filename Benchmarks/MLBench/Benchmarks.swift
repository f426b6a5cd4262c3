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
        default:
            print("{\"error\": \"unknown bench \(bench)\"}")
        }
    }
}
