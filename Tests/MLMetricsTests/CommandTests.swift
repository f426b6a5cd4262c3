import CLICore
import Foundation
import MLCommands
import MLMetrics
import Testing

@Suite("ml evaluate, drift, fairness, estimate-performance on real data")
struct CommandTests {
    @Test("evaluate on the scored Adult sample matches scikit-learn and Fairlearn")
    func evaluateAdult() throws {
        let expected = try Fixture.load("datasets").object("adult_evaluate")
        let r = try runML(["evaluate", "--data", try fixturePath("datasets/adult_scored.csv"), "--label", "income",
                           "--prediction", "prediction", "--score", "probability", "--group", "sex"])
        #expect(r["positive_label"] as? String == ">50K")
        #expect(r.int("rows") == expected.int("rows"))
        for key in ["accuracy", "balanced_accuracy", "precision", "recall", "f1", "f1_macro", "f1_weighted", "roc_auc",
                    "average_precision", "log_loss", "brier_score", "demographic_parity_difference",
                    "demographic_parity_ratio", "equalized_odds_difference"] {
            #expect(close(r.double(key), expected.double(key)), "\(key): \(r.double(key) ?? .nan) vs \(expected.double(key) ?? .nan)")
        }
        let byGroup = r.object("by_group"), expectedGroups = expected.object("by_group")
        for group in ["Female", "Male"] {
            for key in ["selection_rate", "recall", "false_positive_rate", "accuracy"] {
                #expect(close(byGroup.object(group).double(key), expectedGroups.object(group).double(key)), "\(group) \(key)")
            }
        }
        let cm = r.object("confusion_matrix")
        let total = ["tn", "fp", "fn", "tp"].compactMap { cm.int($0) }.reduce(0, +)
        #expect(total == expected.int("rows"))
        #expect((r["warnings"] as? [String])?.contains { $0.contains("'>50K'") } == true)
    }

    @Test("drift on bike sharing 2011 vs 2012 matches the azure and evidently references")
    func driftBike() throws {
        let expected = try Fixture.load("datasets").object("bike_drift")
        let columns = expected.strings("columns")
        for dialect in ["azure", "evidently"] {
            let r = try runML(["drift", "--reference", try fixturePath("datasets/bike_2011_sample.csv"),
                               "--current", try fixturePath("datasets/bike_2012_sample.csv"),
                               "--dialect", dialect, "--columns", columns.joined(separator: ",")])
            let features = r.object("features")
            #expect(Set(features.keys) == Set(columns))
            for column in columns {
                let got = features.object(column), want = expected.object(dialect).object(column)
                #expect(got["type"] as? String == "numerical")
                for (key, wantKey) in [("jensen_shannon_distance", "jensen_shannon_distance"),
                                       ("population_stability_index", "population_stability_index"),
                                       ("normalized_wasserstein_distance", "normalized_wasserstein_distance"),
                                       ("two_sample_kolmogorov_smirnov_test", "ks_p_value")] {
                    #expect(close(got.double(key), want.double(wantKey)), "\(dialect) \(column) \(key): \(got.double(key) ?? .nan) vs \(want.double(wantKey) ?? .nan)")
                }
            }
            #expect(features.object("cnt")["drifted"] as? Bool == true, "\(dialect): rentals grew 1.65x, cnt must drift")
            #expect(r["dialect"] as? String == dialect)
            let share = try #require(r.double("drift_share"))
            let drifted = features.values.compactMap { ($0 as? [String: Any])?["drifted"] as? Bool }.filter { $0 }.count
            #expect(abs(share - Double(drifted) / Double(columns.count)) < 1e-12)
        }
    }

    @Test("fairness command reports Fairlearn's disparities and names undefined cases")
    func fairness() throws {
        let path = try temporaryCSV("""
        y,yhat,g
        1,1,a
        1,0,a
        0,0,a
        0,1,a
        1,1,b
        0,0,b
        1,1,b
        0,1,b
        1,0,b
        1,1,b
        """)
        let r = try runML(["fairness", "--data", path, "--label", "y", "--prediction", "yhat", "--sensitive", "g"])
        #expect(close(r.double("demographic_parity_difference"), 1.0 / 6.0))
        #expect(close(r.double("demographic_parity_ratio"), 0.75))
        #expect(close(r.double("equalized_odds_difference"), 0.25))
        #expect(r.object("by_group").object("a").int("count") == 4)
    }

    @Test("estimate-performance on Adult: CBPE estimate is close to the realized metrics")
    func estimatePerformance() throws {
        let all = try String(contentsOfFile: try fixturePath("datasets/adult_scored.csv"), encoding: .utf8)
        let lines = all.split(separator: "\n", omittingEmptySubsequences: true)
        let header = try #require(lines.first)
        let half = lines.count / 2
        let reference = try temporaryCSV(([header] + lines[1..<half]).joined(separator: "\n"), name: "cbpe-ref")
        let analysis = try temporaryCSV(([header] + lines[half...]).joined(separator: "\n"), name: "cbpe-ana")
        let r = try runML(["estimate-performance", "--reference", reference, "--analysis", analysis, "--label", "income",
                           "--score", "probability", "--prediction", "prediction", "--chunks", "5"])
        let estimated = r.object("estimated"), realized = r.object("realized")
        for key in ["accuracy", "precision", "recall", "f1", "roc_auc"] {
            let e = try #require(estimated.double(key)), a = try #require(realized.double(key))
            #expect(abs(e - a) < 0.05, "\(key): estimated \(e) vs realized \(a)")
        }
        #expect((r["chunks"] as? [Any])?.count == 5)
    }

    @Test("regression evaluation with a constant group reports the r2 rule as a warning")
    func regression() throws {
        let path = try temporaryCSV("""
        y,p,g
        3,3,a
        3,2,a
        1,1.5,b
        2,2.5,b
        5,4,b
        """)
        let r = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--group", "g", "--task", "regression"])
        let y = [3.0, 3, 1, 2, 5], p = [3.0, 2, 1.5, 2.5, 4]
        #expect(close(r.double("rmse"), try RegressionMetrics.rmse(yTrue: y, yPred: p)))
        #expect(r.object("by_group").object("a").double("r2") == 0)
        #expect((r["warnings"] as? [String])?.contains { $0.contains("constant") } == true)
    }

    @Test("single-class labels: roc_auc is null with a warning, never NaN")
    func singleClass() throws {
        let path = try temporaryCSV("y,p,s\n0,0,0.2\n0,1,0.7\n0,0,0.1\n")
        let r = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--score", "s"])
        #expect(r["roc_auc"] is NSNull)
        #expect((r["warnings"] as? [String])?.contains { $0.contains("roc_auc is undefined") } == true)
    }

    @Test("bad input: a missing value names file and line; a missing column lists the columns")
    func badInput() throws {
        let path = try temporaryCSV("y,p\n1,1\n0,\n1,0\n", name: "missing-value")
        #expect {
            _ = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p"])
        } throws: { error in
            (error as? MetricsInputError)?.message.contains("\(path):3") == true
        }
        #expect {
            _ = try runML(["evaluate", "--data", path, "--label", "nope", "--prediction", "p"])
        } throws: { error in
            (error as? UserFacingError)?.message.contains("available columns: y, p") == true
        }
        let scores = try temporaryCSV("y,p,s\n1,1,0.9\n0,0,abc\n", name: "bad-score")
        #expect {
            _ = try runML(["evaluate", "--data", scores, "--label", "y", "--prediction", "p", "--score", "s"])
        } throws: { error in
            (error as? MetricsInputError) == .notNumeric(column: "s", location: "\(scores):3", text: "abc",
                                                         expected: "a score or probability of the positive class")
        }
        let empty = try temporaryCSV("y,p\n", name: "empty")
        #expect(throws: (any Error).self) {
            _ = try runML(["evaluate", "--data", empty, "--label", "y", "--prediction", "p"])
        }
    }

    @Test("inside a job run the report and metrics are logged to MLOPSLAB_RUN_DIR")
    func runLogging() throws {
        let runDir = FileManager.default.temporaryDirectory.appendingPathComponent("mlmetrics-run-\(UUID().uuidString)")
        let path = try temporaryCSV("y,p,s\n1,1,0.9\n0,0,0.2\n1,0,0.4\n0,1,0.6\n", name: "runlog")
        _ = try runML(["evaluate", "--data", path, "--label", "y", "--prediction", "p", "--score", "s"],
                      environment: ["MLOPSLAB_RUN_DIR": runDir.path])
        let accuracy = try String(contentsOf: runDir.appendingPathComponent("metrics/accuracy"), encoding: .utf8)
        #expect(accuracy.split(separator: " ").dropFirst().first == "0.5")
        #expect(FileManager.default.fileExists(atPath: runDir.appendingPathComponent("artifacts/evaluation.json").path))
        #expect(try String(contentsOf: runDir.appendingPathComponent("params/label"), encoding: .utf8) == "y")
    }
}

@Suite("Missing-value markers")
struct MissingMarkerTests {
    @Test("--na-values turns '?' into missing, counted by data quality")
    func naValues() throws {
        let reference = try temporaryCSV("x,c\n1,a\n2,b\n3,a\n", name: "na-ref")
        let current = try temporaryCSV("x,c\n2,?\n3,a\n1,b\n", name: "na-cur")
        let plain = try runML(["drift", "--reference", reference, "--current", current, "--columns", "c"])
        #expect(close(plain.object("features").object("c").double("out_of_bounds_rate"), 1.0 / 3.0))
        let marked = try runML(["drift", "--reference", reference, "--current", current, "--columns", "c", "--na-values", "?"])
        #expect(close(marked.object("features").object("c").double("null_value_rate"), 1.0 / 3.0))
        #expect(close(marked.object("features").object("c").double("out_of_bounds_rate"), 0))
    }
}
