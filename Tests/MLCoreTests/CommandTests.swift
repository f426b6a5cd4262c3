import ArgumentParser
import CLICore
import Foundation
import Testing
@testable import MLCommands
@testable import MLCore

/// A console that records what a command prints.
final class RecordingConsole: Console, @unchecked Sendable {
    var output = ""
    var errors = ""
    func readLine(prompt: String) -> LineInput { .endOfInput }
    func write(_ text: String) { output += text }
    func writeError(_ text: String) { errors += text }
    var isInteractive: Bool { false }
    var colorEnabled: Bool { false }
}

@Suite("ml commands end to end")
struct CommandTests {
    /// Runs `mlopslab ml <words>` in-process; returns (exit status, stdout, stderr).
    private func run(_ words: [String], environment: [String: String] = [:]) -> (Int32, String, String) {
        let console = RecordingConsole()
        let context = CommandContext(home: StateHome(url: FileManager.default.temporaryDirectory), console: console,
                                     inRepl: false, environment: environment)
        let status: Int32 = CommandContext.$current.withValue(context) {
            do {
                var command = try MLCommand.parseAsRoot(words)
                try command.run()
                return 0
            } catch let error as any UserFacingError {
                console.writeError("error: \(error.message)\n")
                return error.exitCode
            } catch let error as ExitCode {
                return error.rawValue
            } catch {
                console.writeError(MLCommand.fullMessage(for: error))
                return MLCommand.exitCode(for: error).rawValue
            }
        }
        return (status, console.output, console.errors)
    }

    private func tempDir() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlcmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func trainScoreAndRunLog() throws {
        let dir = try tempDir()
        let data = try Fixture.path("logreg_binary.csv")
        let (status, out, err) = run(["train", "--data", data, "--label", "y", "--algorithm", "logistic-regression",
                                      "--model-output", dir + "/model"], environment: ["MLOPSLAB_RUN_DIR": dir + "/run"])
        #expect(status == 0, "\(err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let metrics = try #require(json["metrics"] as? [String: Double])
        let reference = try #require(try Fixture.reference("logreg_binary_C1.0")["log_loss"] as? Double)
        #expect(abs((metrics["training_log_loss"] ?? 0) - reference) < 1e-6)
        #expect(FileManager.default.fileExists(atPath: dir + "/run/artifacts/model/MLmodel"))
        #expect(try String(contentsOfFile: dir + "/run/params/algorithm", encoding: .utf8) == "logistic-regression")

        let (scoreStatus, scoreOut, _) = run(["score", "--model", dir + "/model", "--data", data, "--output", dir + "/scored.csv"])
        #expect(scoreStatus == 0)
        #expect(scoreOut.contains("\"rows\" : 500"))
        let scored = try CSVReader.read(path: dir + "/scored.csv")
        #expect(scored.columnNames == ["f0", "f1", "f2", "f3", "f4", "y", "prediction", "probability"])
    }

    @Test func trainWithValidationDataLogsHoldOutMetrics() throws {
        let dir = try tempDir()
        let data = try Fixture.path("logreg_binary.csv")
        let (status, out, err) = run(["train", "--data", data, "--validation-data", data, "--label", "y", "--algorithm", "logistic-regression",
                                      "--model-output", dir + "/model"], environment: ["MLOPSLAB_RUN_DIR": dir + "/run"])
        #expect(status == 0, "\(err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let validation = try #require(json["validation_metrics"] as? [String: Double])
        let training = try #require(json["metrics"] as? [String: Double])
        // Scored on its own training data, the hold-out figures equal the training ones.
        #expect(abs((validation["val_log_loss"] ?? 0) - (training["training_log_loss"] ?? 1)) < 1e-9)
        #expect(abs((validation["val_accuracy"] ?? 0) - (training["training_accuracy_score"] ?? 1)) < 1e-12)
        #expect((validation["val_roc_auc"] ?? 0) > 0.5)
        #expect(FileManager.default.fileExists(atPath: dir + "/run/metrics/val_roc_auc"))
        #expect(try String(contentsOfFile: dir + "/run/params/validation_data", encoding: .utf8) == data)

        try "f0,f1,f2,f3,f4,y\n0,0,0,0,0,\n".write(toFile: dir + "/nolabel.csv", atomically: true, encoding: .utf8)
        let (badStatus, _, badErr) = run(["train", "--data", data, "--validation-data", dir + "/nolabel.csv", "--label", "y",
                                          "--algorithm", "logistic-regression", "--model-output", dir + "/model2"])
        #expect(badStatus == 2)
        #expect(badErr.contains("validation data"))
    }

    @Test func declaredCategoricalColumnTrainsAndScoresAsText() throws {
        let dir = try tempDir()
        let data = dir + "/mixed.csv"
        try "a,b,y\n1,2,0\n2,x3,1\n3,4,0\n4,5,1\n5,6,1\n".write(toFile: data, atomically: true, encoding: .utf8)
        let (status, _, err) = run(["train", "--data", data, "--label", "y", "--algorithm", "logistic-regression", "--model-output", dir + "/m"])
        #expect(status == 2 && err.hasPrefix("error: \(data):3: column 'b' holds 'x3'"), "\(err)")
        let (ok, out, okErr) = run(["train", "--data", data, "--label", "y", "--algorithm", "logistic-regression", "--categorical", "b",
                                    "--model-output", dir + "/m"])
        #expect(ok == 0, "\(okErr)")
        #expect(out.contains("\"feature_count\" : 6"))
        let (scoreStatus, _, scoreErr) = run(["score", "--model", dir + "/m", "--data", data, "--output", dir + "/scored.csv"])
        #expect(scoreStatus == 0, "\(scoreErr)")
        // Scoring the scored file again would overwrite its prediction column: refused, naming the file.
        let (again, _, againErr) = run(["score", "--model", dir + "/m", "--data", dir + "/scored.csv", "--output", dir + "/again.csv"])
        #expect(again == 2 && againErr.contains("\(dir)/scored.csv already has a column 'prediction'"), "\(againErr)")
    }

    @Test func badInputExitsNonZeroWithOneLine() throws {
        let dir = try tempDir()
        let ragged = dir + "/ragged.csv"
        try "a,y\n1,0\n2\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        let (status, out, err) = run(["train", "--data", ragged, "--label", "y", "--algorithm", "logistic-regression", "--model-output", dir + "/m"])
        #expect(status == 2 && out.isEmpty)
        #expect(err == "error: \(ragged):3: row has 1 fields but the header has 2; check for a missing or extra delimiter or an unquoted comma\n")
        let (missingStatus, _, missingErr) = run(["score", "--model", dir + "/none", "--data", ragged, "--output", dir + "/o.csv"])
        #expect(missingStatus == 2 && missingErr.contains("is not an mlopslab model folder"))
    }

    @Test func splitThenValidateFindsNoLeakageInADisjointSplit() throws {
        let dir = try tempDir()
        let data = try Fixture.path("logreg_binary.csv")
        let (status, _, _) = run(["split", "--data", data, "--train-output", dir + "/train.csv", "--test-output", dir + "/test.csv",
                                  "--stratify", "y", "--seed", "3"])
        #expect(status == 0)
        let (validStatus, out, _) = run(["validate-data", "--data", dir + "/train.csv", "--against", dir + "/test.csv"])
        #expect(validStatus == 0)
        #expect(out.contains("\"shared_rows\" : 0") && out.contains("\"valid\" : true"))
    }

    @Test func explainAndValidateDataAsJobSteps() throws {
        let dir = try tempDir()
        let data = try Fixture.path("datasets/adult_sample.csv")
        #expect(run(["train", "--data", data, "--label", "income", "--algorithm", "logistic-regression", "--standardize",
                     "--model-output", dir + "/model"]).0 == 0)
        let (status, out, _) = run(["explain", "--model", dir + "/model", "--data", data, "--repeats", "2", "--rows", "0,1",
                                    "--contributions-output", dir + "/contributions.csv"], environment: ["MLOPSLAB_RUN_DIR": dir + "/run"])
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect((json["contributions"] as? [Any])?.count == 2)
        #expect((json["permutation_importance"] as? [Any])?.count == 12)
        let contributions = try CSVReader.read(path: dir + "/contributions.csv")
        #expect(contributions.rowCount == 3000 && contributions.column(named: "contribution_sex") != nil)
        #expect(FileManager.default.fileExists(atPath: dir + "/run/metrics/importance_age"))
        let explanation = try Data(contentsOf: URL(fileURLWithPath: dir + "/run/artifacts/explanation.json"))
        let logged = try #require(try JSONSerialization.jsonObject(with: explanation) as? [String: Any])
        #expect((logged["permutation_importance"] as? [Any])?.count == 12 && logged["baseline_score"] != nil)

        let (validStatus, validOut, _) = run(["validate-data", "--data", data], environment: ["MLOPSLAB_RUN_DIR": dir + "/run2"])
        #expect(validStatus == 0)
        let validation = try String(contentsOfFile: dir + "/run2/artifacts/validation.json", encoding: .utf8)
        #expect(validation == validOut && validation.contains("\"valid\" : true"))

        let schema = dir + "/schema.json"
        #expect(run(["validate-data", "--data", data, "--schema-output", schema]).0 == 0)
        let bad = dir + "/bad.csv"
        try "age,workclass\n-5,Private\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let (badStatus, badOut, badErr) = run(["validate-data", "--data", bad, "--schema", schema])
        #expect(badStatus == 1)
        #expect(badOut.contains("\"valid\" : false") && badOut.contains("below_minimum") && badOut.contains("missing_column"))
        #expect(badErr.contains("\(bad):2: column 'age' value -5 is below the minimum 17"))
    }
}
