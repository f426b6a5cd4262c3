import Foundation
import Testing
@testable import MLCore

@Suite("Training pipeline and model artifact")
struct TrainerTests {
    private func tempDir() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mlcore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func adultPipelineMatchesScikitLearnColumnTransformer() throws {
        let table = try Fixture.table("datasets/adult_sample.csv")
        let spec = TrainingSpec(label: "income", algorithm: .logisticRegression,
                                preprocessing: PreprocessingOptions(standardize: true))
        let model = try Trainer.train(table, spec: spec)
        let ref = try Fixture.reference("adult_pipeline")
        let names = try #require(ref["feature_names"] as? [String]).map { String($0.split(separator: "__", maxSplits: 1).last ?? "") }
        let coef = try #require(ref["coef"] as? [Double])
        let logistic = try #require(model.logistic)
        #expect(logistic.featureNames == names)
        // One-hot blocks are collinear with the intercept, so coefficients near zero are ill-conditioned:
        // relative 1e-4 with an absolute floor of 1e-5.
        for (i, (a, b)) in zip(logistic.coefficients[0], coef).enumerated() {
            #expect(abs(a - b) <= max(1e-4 * abs(b), 1e-5), "\(names[i]): \(a) vs \(b)")
        }
        #expect(close(logistic.intercepts[0], try #require(ref["intercept"] as? Double), relative: 1e-4))
        #expect(model.label.classes == ["<=50K", ">50K"])
        let loss = try #require(model.metrics["training_log_loss"])
        #expect(abs(loss - (try #require(ref["log_loss"] as? Double))) < 1e-6)
    }

    @Test func trainingTwiceWritesIdenticalBytes() throws {
        let table = try Fixture.table("hgb_train.csv")
        let spec = TrainingSpec(label: "y", algorithm: .gradientBoosting, seed: 3)
        let a = try tempDir(), b = try tempDir()
        try ModelArtifact.save(try Trainer.train(table, spec: spec, dataReference: "hgb_train.csv"), to: a)
        try ModelArtifact.save(try Trainer.train(table, spec: spec, dataReference: "hgb_train.csv"), to: b)
        for file in ["MLmodel", "model.json", "preprocessing.json"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(file))
            let y = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(file))
            #expect(x == y, "\(file) differs")
        }
    }

    @Test(arguments: [Algorithm.logisticRegression, .gradientBoosting])
    func savedModelScoresLikeTheTrainedOne(algorithm: Algorithm) throws {
        let table = try Fixture.table("datasets/adult_sample.csv")
        let model = try Trainer.train(table, spec: TrainingSpec(label: "income", algorithm: algorithm))
        let dir = try tempDir()
        try ModelArtifact.save(model, to: dir)
        let loaded = try ModelArtifact.load(from: dir)
        #expect(loaded == model)
        let (scored, _) = try loaded.score(table)
        #expect(scored.columnNames.suffix(2) == ["prediction", "probability"])
        let original = try model.predict(table: table).0
        let probability = try scored.requireNumbers("probability")
        for i in 0..<table.rowCount { #expect(probability[i] == original.probabilities[2 * i + 1]) }
        let mlmodel = try String(contentsOfFile: dir + "/MLmodel", encoding: .utf8)
        #expect(mlmodel.contains("format_version: 1") && mlmodel.contains(#"{\"name\": \"age\", \"type\": \"double\"}"#))
    }

    @Test func regressionModelsTrainAndScore() throws {
        let table = try Fixture.table("datasets/diabetes.csv")
        for algorithm in [Algorithm.linearRegression, .ridge, .gradientBoosting] {
            let model = try Trainer.train(table, spec: TrainingSpec(label: "target", algorithm: algorithm))
            #expect(model.task == .regression)
            let r2 = try #require(model.metrics["training_r2_score"])
            #expect(r2 > 0.4 && r2 <= 1, "\(algorithm): r2 \(r2)")
            let (scored, _) = try model.score(table)
            #expect(scored.column(named: "probability") == nil)
        }
    }

    @Test func multiclassScoringWritesPerClassProbabilities() throws {
        let table = try Fixture.table("logreg_multiclass.csv")
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        let (scored, _) = try model.score(table)
        #expect(scored.columnNames.suffix(4) == ["probability", "probability_0", "probability_1", "probability_2"])
    }

    @Test func badInputGetsOneClearError() throws {
        let nan = try CSVReader.parse(text: "a,b,y\n1,2,0\n3,,1\n5,6,0\n", path: "nan.csv")
        #expect(throws: ModelError.missingFeature(column: "b", row: 1, line: 3, path: "nan.csv")) {
            try Trainer.train(nan, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        }
        let inf = try CSVReader.parse(text: "a,y\n1,0\ninf,1\n", path: "inf.csv")
        #expect(throws: ModelError.nonFiniteFeature(column: "a", row: 1, line: 3, path: "inf.csv")) {
            try Trainer.train(inf, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        }
        let single = try CSVReader.parse(text: "a,y\n1,yes\n2,yes\n", path: "one.csv")
        #expect(throws: ModelError.singleClass(label: "y", value: "yes")) {
            try Trainer.train(single, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        }
        let empty = try CSVReader.parse(text: "a,y\n", path: "empty.csv")
        #expect(throws: TableError.emptyTable(path: "empty.csv")) {
            try Trainer.train(empty, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        }
        var text = "a,y\n"
        for i in 0..<30 { text += "\(i),\(i % 2)\n" }
        text += "oops,1\n"
        let typo = try CSVReader.parse(text: text, path: "typo.csv")
        #expect(throws: TableError.self) { try Trainer.train(typo, spec: TrainingSpec(label: "y", algorithm: .logisticRegression)) }
        do {
            _ = try Trainer.train(typo, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        } catch let error as TableError {
            #expect(error.message.contains("typo.csv:32") && error.message.contains("'a'"))
        }
    }

    @Test func scoringNamesAMissingColumnAndCountsUnseenCategories() throws {
        let train = try CSVReader.parse(text: "a,color,y\n1,red,0\n2,blue,1\n3,red,0\n4,blue,1\n")
        let model = try Trainer.train(train, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        let missing = try CSVReader.parse(text: "a\n1\n", path: "new.csv")
        #expect(throws: ModelError.missingInput(column: "color", path: "new.csv", required: ["a", "color"])) {
            try model.score(missing)
        }
        let unseen = try CSVReader.parse(text: "a,color\n1,green\n2,red\n")
        let (_, counts) = try model.score(unseen)
        #expect(counts == ["color": 1])
    }

    @Test func otherFormatVersionsAreRefusedWithTheReason() throws {
        let dir = try tempDir()
        let model = try Trainer.train(try Fixture.table("logreg_binary.csv"), spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        try ModelArtifact.save(model, to: dir)
        let path = dir + "/model.json"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try original.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 0").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ArtifactError.tooOld(path: dir, version: 0, supported: 1)) { try ModelArtifact.load(from: dir) }
        try original.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 7").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ArtifactError.tooNew(path: dir, version: 7, supported: 1)) { try ModelArtifact.load(from: dir) }
        #expect(throws: ArtifactError.self) { try ModelArtifact.load(from: dir + "/nope") }
        try original.replacingOccurrences(of: "\"class_count\" : 2", with: "\"class_count\" : 0").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ArtifactError.self) { try ModelArtifact.load(from: dir) }
    }
}
