import Foundation
import Testing
@testable import MLCommands
@testable import MLMetrics

/// Runs a command expected to fail and returns its one-line message.
private func failure(_ arguments: [String]) -> String {
    do {
        _ = try runML(arguments)
        return "(no error)"
    } catch let error as MetricsInputError {
        return error.message
    } catch {
        return "\(error)"
    }
}

@Suite("Edge cases of evaluate, estimate-performance and drift")
struct InputRulesTests {
    @Test("r2 of a single row is null with a warning (scikit-learn: NaN, not well-defined)")
    func r2SingleRow() throws {
        let r = try RegressionMetrics.r2(yTrue: [5], yPred: [4])
        #expect(r.value == nil && r.warnings == ["r2: not well-defined with less than two samples; r2 is null"])
        let path = try temporaryCSV("y,p\n5,4\n", name: "r2-one")
        let report = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--task", "regression"])
        #expect(report["r2"] is NSNull)
        #expect((report["warnings"] as? [String])?.contains { $0.contains("less than two samples") } == true)
        #expect(report.double("mae") == 1)
    }

    @Test("a non-number in a regression column names file:line and says what the column is for")
    func regressionNotNumeric() throws {
        let path = try temporaryCSV("y,p\n1.5,2\n2.5,abc\n", name: "reg-abc")
        let message = failure(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--task", "regression"])
        #expect(message == "\(path):3: column 'p' holds 'abc', but it must be numeric (the predicted value of a regression); fix or remove the row")
        let label = try temporaryCSV("y,p\n1.5,2\nn/a?,3\n", name: "reg-label")
        #expect(failure(["evaluate", "--data", label, "--label", "y", "--prediction", "p", "--task", "regression"])
            .hasPrefix("\(label):3: column 'y' holds 'n/a?', but it must be numeric (the regression target)"))
    }

    @Test("estimate-performance: a score outside [0, 1] names file:line; a single-class reference is refused")
    func estimateInputs() throws {
        let reference = try temporaryCSV("y,s\n1,0.9\n0,1.6\n1,0.7\n0,0.2\n", name: "cbpe-bad-ref")
        let analysis = try temporaryCSV("s\n0.4\n0.8\n", name: "cbpe-ana-ok")
        let message = failure(["estimate-performance", "--reference", reference, "--analysis", analysis, "--label", "y", "--score", "s"])
        #expect(message.hasPrefix("\(reference):3: column 's' holds 1.6, but estimate-performance needs probabilities"), "\(message)")
        let single = try temporaryCSV("y,s\n1,0.9\n1,0.6\n1,0.7\n", name: "cbpe-single")
        let refused = failure(["estimate-performance", "--reference", single, "--analysis", analysis, "--label", "y", "--score", "s"])
        #expect(refused.hasPrefix("label column 'y' in \(single) holds only one class ('1')"), "\(refused)")
    }

    @Test("estimate-performance warns when --chunks exceeds the rows")
    func tooManyChunks() throws {
        let reference = try temporaryCSV("y,s\n1,0.9\n0,0.3\n1,0.7\n0,0.2\n1,0.6\n0,0.4\n", name: "cbpe-ref6")
        let analysis = try temporaryCSV("s\n0.4\n0.8\n0.1\n0.9\n", name: "cbpe-ana4")
        let r = try runML(["estimate-performance", "--reference", reference, "--analysis", analysis, "--label", "y", "--score", "s",
                           "--chunks", "10"])
        #expect((r["chunks"] as? [Any])?.count == 4)
        let warnings = r["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("--chunks 10") && $0.contains("\(analysis) has rows (4)") }, "\(warnings)")
    }

    @Test("an entirely missing current column is not computable: left out of the drift share with a warning")
    func notComputable() throws {
        var ref = ["x,gone"], cur = ["x,gone"]
        for i in 0..<200 { ref.append("\(i),\(i % 5)") }
        for i in 0..<200 { cur.append("\(i + 100),") }
        let r = try runML(["drift", "--reference", try temporaryCSV(ref.joined(separator: "\n"), name: "nc-ref"),
                           "--current", try temporaryCSV(cur.joined(separator: "\n"), name: "nc-cur")])
        let gone = r.object("features").object("gone")
        #expect(gone["drifted"] is NSNull && gone["computable"] as? Bool == false)
        #expect(r.object("features").object("x")["drifted"] as? Bool == true)
        #expect(r.int("number_of_features") == 1 && close(r.double("drift_share"), 1))
        #expect(r["not_computable_features"] as? [String] == ["gone"])
        #expect((r["warnings"] as? [String])?.contains { $0.hasPrefix("gone: no non-missing values in current") } == true)
        #expect(close(gone.double("null_value_rate"), 1))
    }

    @Test("drift logs per-feature metrics named drift.<column>.<metric> in a job run")
    func perFeatureRunMetrics() throws {
        let runDir = FileManager.default.temporaryDirectory.appendingPathComponent("mlmetrics-drift-run-\(UUID().uuidString)")
        var ref = ["x1,c,pred"], cur = ["x1,c,pred"]
        for i in 0..<100 { ref.append("\(i),\(["p", "q"][i % 2]),\(i % 3)") }
        for i in 0..<100 { cur.append("\(i + 30),\(["p", "q", "q"][i % 3]),\(i % 3)") }
        let r = try runML(["drift", "--reference", try temporaryCSV(ref.joined(separator: "\n"), name: "rm-ref"),
                           "--current", try temporaryCSV(cur.joined(separator: "\n"), name: "rm-cur"), "--prediction", "pred"],
                          environment: ["MLOPSLAB_RUN_DIR": runDir.path])
        func metric(_ key: String) throws -> Double {
            let text = try String(contentsOf: runDir.appendingPathComponent("metrics/\(key)"), encoding: .utf8)
            return try #require(Double(String(text.split(separator: " ")[1])))
        }
        let x1 = r.object("features").object("x1")
        #expect(close(try metric("drift.x1.jensen_shannon_distance"), x1.double("jensen_shannon_distance"), 1e-12))
        #expect(close(try metric("drift.x1.normalized_wasserstein_distance"), x1.double("normalized_wasserstein_distance"), 1e-12))
        #expect(try metric("drift.x1.drifted") == ((x1["drifted"] as? Bool) == true ? 1 : 0))
        #expect(close(try metric("drift.c.pearsons_chi_squared_test"), r.object("features").object("c").double("pearsons_chi_squared_test"), 1e-12))
        #expect(close(try metric("drift.pred.jensen_shannon_distance"), r.object("prediction_drift").double("jensen_shannon_distance"), 1e-12))
        #expect(close(try metric("drift_share"), r.double("drift_share"), 1e-12))
        #expect(FileManager.default.fileExists(atPath: runDir.appendingPathComponent("artifacts/drift.json").path))
    }
}
