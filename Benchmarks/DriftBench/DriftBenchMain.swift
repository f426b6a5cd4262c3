// Benchmarks for MLMetrics drift statistics (KS and PSI over 20 features of 1M vs 1M values), run side by
// side with SciPy and NumPy by Benchmarks/drift/compare.sh. Release builds only.
import Dispatch
import Foundation
import MLMetrics

/// `driftbench --data DIR --features N --repeats R`: reads DIR/ref_<i>.f64 and DIR/cur_<i>.f64 (raw
/// little-endian float64, written by drift_numpy.py), then times, R times, KS (statistic and p-value) plus
/// the quantile-bin PSI on every feature, features spread over all cores. Prints one JSON object.
@main
enum DriftBenchMain {
    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var dataDirectory = "", features = 20, repeats = 5
        while let flag = arguments.popFirst() {
            let value = arguments.popFirst() ?? ""
            switch flag {
            case "--data": dataDirectory = value
            case "--features": features = Int(value) ?? features
            case "--repeats": repeats = Int(value) ?? repeats
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                return
            }
        }
        var references: [[Double]] = [], currents: [[Double]] = []
        for i in 0..<features {
            guard let r = readDoubles("\(dataDirectory)/ref_\(i).f64"), let c = readDoubles("\(dataDirectory)/cur_\(i).f64") else {
                FileHandle.standardError.write(Data("cannot read feature \(i) under \(dataDirectory)\n".utf8))
                return
            }
            references.append(r)
            currents.append(c)
        }
        var totalTimes: [Double] = [], ksTimes: [Double] = []
        var last: [(Double, Double, Double)] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            last = run(references, currents, withPSI: true)
            totalTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let ksStart = DispatchTime.now().uptimeNanoseconds
            _ = run(references, currents, withPSI: false)
            ksTimes.append(Double(DispatchTime.now().uptimeNanoseconds - ksStart) / 1e9)
        }
        let result: [String: Any] = [
            "ks_psi_seconds": totalTimes, "ks_seconds": ksTimes,
            "ks_psi_median": median(totalTimes), "ks_median": median(ksTimes),
            "ks_statistic": last.map(\.0), "ks_pvalue": last.map(\.1), "psi": last.map(\.2),
            "cores": ProcessInfo.processInfo.activeProcessorCount,
        ]
        if let data = try? JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]) {
            print(String(decoding: data, as: UTF8.self))
        }
    }

    /// KS (D, p) and PSI per feature; features run concurrently.
    static func run(_ refs: [[Double]], _ curs: [[Double]], withPSI: Bool) -> [(Double, Double, Double)] {
        let n = refs.count
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<(Double, Double, Double)>.allocate(capacity: n)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let a = RadixSort.sorted(refs[i]), b = RadixSort.sorted(curs[i])
            let ks = KolmogorovSmirnov.testSorted(a, b)
            let psi = withPSI ? QuantilePSI.sorted(reference: a, current: b) : .nan
            results[i] = (ks?.statistic ?? .nan, ks?.pValue ?? .nan, psi)
        }
        return Array(results)
    }

    static func readDoubles(_ path: String) -> [Double]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let count = data.count / 8
        var out = [Double](repeating: 0, count: count)
        out.withUnsafeMutableBytes { dst in _ = data.copyBytes(to: dst) }
        return out
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
