import Foundation
import MLMetrics
import Testing

@Suite("ml evaluate and ml drift options")
struct CommandOptionTests {
    @Test("multiclass: macro averages, labeled confusion matrix, probability metrics null with a warning")
    func multiclass() throws {
        let path = try temporaryCSV("y,p,s\n2,2,0.1\n10,10,0.2\n1,2,0.3\n10,1,0.4\n2,2,0.5\n1,1,0.6\n", name: "multiclass")
        let r = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--score", "s"])
        #expect(r["average"] as? String == "macro")
        let y = [1, 2, 0, 2, 1, 0], p = [1, 2, 1, 0, 1, 0]
        let prf = try ClassificationMetrics.precisionRecallF1(yTrue: y, yPred: p, averaging: .macro, positive: 0)
        #expect(close(r.double("f1"), prf.f1.value))
        let cm = r.object("confusion_matrix")
        #expect(cm["labels"] as? [String] == ["1", "2", "10"], "labels sort numerically")
        #expect(cm["matrix"] as? [[Int]] == [[1, 1, 0], [0, 2, 0], [1, 0, 1]])
        #expect(r["roc_auc"] is NSNull)
        #expect((r["warnings"] as? [String])?.contains { $0.contains("need two labels") } == true)
    }

    @Test("threshold sweep and error slices appear with computed values")
    func sweepAndSlices() throws {
        var rows = ["y,p,s,color,size"]
        for i in 0..<100 {
            let y = i % 2
            let color = i % 5 == 0 ? "red" : "blue"
            let wrong = color == "red"
            let p = wrong ? 1 - y : y
            rows.append("\(y),\(p),\(Double(i % 10) / 10),\(color),\(i)")
        }
        let path = try temporaryCSV(rows.joined(separator: "\n"), name: "slices")
        let r = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--score", "s",
                           "--sweep", "4", "--slices", "color", "size", "--min-slice-rows", "10"])
        let sweep = try #require(r["threshold_sweep"] as? [[String: Any]])
        #expect(sweep.compactMap { $0.double("threshold") } == [0, 0.25, 0.5, 0.75, 1])
        #expect(close(sweep.first?.double("selection_rate"), 1))
        let slices = try #require(r["error_analysis"] as? [[String: Any]])
        #expect(slices.first?["slice"] as? String == "color = red")
        #expect(close(slices.first?.double("error_rate"), 1))
        #expect(close(slices.first?.double("lift"), 5))
    }

    @Test("drift data quality: type errors, out-of-bounds values, unseen categories, nulls")
    func dataQuality() throws {
        let reference = try temporaryCSV("x,c\n1,a\n2,b\n3,a\n4,b\n5,a\n", name: "dq-ref")
        let current = try temporaryCSV("x,c\n2,a\nabc,b\n9,z\n,a\n3,\n", name: "dq-cur")
        let r = try runML(["drift", "--reference", reference, "--current", current])
        let x = r.object("features").object("x"), c = r.object("features").object("c")
        #expect(x["type"] as? String == "numerical")
        #expect(close(x.double("data_type_error_rate"), 0.2))
        #expect(close(x.double("out_of_bounds_rate"), 0.2))
        #expect(close(x.double("null_value_rate"), 0.2))
        #expect(c["type"] as? String == "categorical")
        #expect(close(c.double("out_of_bounds_rate"), 0.2))
        #expect(close(c.double("pearsons_chi_squared_test"), 0))
        #expect((r["warnings"] as? [String])?.contains { $0.hasPrefix("c:") && $0.contains("z") } == true)
    }

    @Test("evidently dialect on a small categorical column uses chi-squared; the prediction counts in the drift share")
    func evidentlyCategorical() throws {
        var ref = ["c,pred"], cur = ["c,pred"]
        for i in 0..<300 { ref.append("\(["a", "b", "c"][i % 3]),\(i % 7)") }
        for i in 0..<300 { cur.append("\(i % 10 == 0 ? "b" : "a"),\(i % 7 + 3)") }
        let r = try runML(["drift", "--reference", try temporaryCSV(ref.joined(separator: "\n"), name: "ev-ref"),
                           "--current", try temporaryCSV(cur.joined(separator: "\n"), name: "ev-cur"),
                           "--dialect", "evidently", "--prediction", "pred"])
        let c = r.object("features").object("c")
        #expect(c["decision_metric"] as? String == "chi_squared_p_value")
        #expect(c["drifted"] as? Bool == true)
        // Evidently's DataDriftPreset counts every column, prediction included, in the share.
        #expect(r.object("features").object("pred")["drifted"] as? Bool == true)
        let pred = r.object("prediction_drift")
        #expect(pred["decision_metric"] as? String == "ks_p_value")
        #expect(pred["drifted"] as? Bool == true)
        #expect(r.int("number_of_features") == 2 && close(r.double("drift_share"), 1))
        #expect(r["dataset_drift"] as? Bool == true)
        #expect(close(r.double("drift_share_threshold"), 0.5))
    }
}

@Suite("Azure metric thresholds")
struct AzureThresholdTests {
    @Test("--numerical-metric with a p-value test alerts below the threshold")
    func ksThreshold() throws {
        let args = ["drift", "--reference", try fixturePath("datasets/bike_2011_sample.csv"),
                    "--current", try fixturePath("datasets/bike_2012_sample.csv"), "--columns", "hum,workingday"]
        let r = try runML(args + ["--numerical-metric", "two_sample_kolmogorov_smirnov_test", "--numerical-threshold", "0.05"])
        let hum = r.object("features").object("hum"), workingday = r.object("features").object("workingday")
        #expect(hum["decision_metric"] as? String == "two_sample_kolmogorov_smirnov_test")
        let humP = try #require(hum.double("two_sample_kolmogorov_smirnov_test"))
        #expect(hum["drifted"] as? Bool == (humP < 0.05))
        let wdP = try #require(workingday.double("two_sample_kolmogorov_smirnov_test"))
        #expect(workingday["drifted"] as? Bool == (wdP < 0.05))
        let psi = try runML(args + ["--numerical-metric", "population_stability_index", "--numerical-threshold", "1e-9"])
        #expect(psi.object("features").object("hum")["drifted"] as? Bool == true)
        #expect(close(psi.object("features").object("hum").double("threshold"), 1e-9))
    }

    @Test("metric options are refused where they do not apply")
    func refused() throws {
        let ref = try fixturePath("datasets/bike_2011_sample.csv"), cur = try fixturePath("datasets/bike_2012_sample.csv")
        #expect(throws: (any Error).self) {
            _ = try runML(["drift", "--reference", ref, "--current", cur, "--dialect", "evidently", "--numerical-threshold", "0.2"])
        }
        #expect(throws: (any Error).self) {
            _ = try runML(["drift", "--reference", ref, "--current", cur, "--numerical-metric", "pearsons_chi_squared_test"])
        }
    }
}
