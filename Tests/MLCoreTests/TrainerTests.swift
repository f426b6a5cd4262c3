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

    @Test func labelTaskInferenceIsSharedAndDocumented() throws {
        let table = try CSVReader.parse(text: "i,f,t,b,many\n0,0.5,a,true,0\n3,1,b,false,25\n2,2,a,true,7\n")
        #expect(TaskKind.infer(label: try table.requireColumn("i")) == .classification)
        #expect(TaskKind.infer(label: try table.requireColumn("f")) == .regression)
        #expect(TaskKind.infer(label: try table.requireColumn("t")) == .classification)
        #expect(TaskKind.infer(label: try table.requireColumn("b")) == .classification)
        let many = try CSVReader.parse(text: "y\n" + (0..<21).map(String.init).joined(separator: "\n") + "\n")
        #expect(TaskKind.infer(label: try many.requireColumn("y")) == .regression)
    }

    @Test func integerMulticlassLabelTrainsAMulticlassBoostingClassifier() throws {
        // Labels 0-3 without --task: four classes, as ml evaluate would read them — not a regression.
        let table = try Fixture.table("hgb_multi_train.csv")
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .gradientBoosting))
        #expect(model.task == .classification)
        #expect(model.label.classes == ["0", "1", "2", "3"])
        let boosting = try #require(model.boosting)
        #expect(boosting.task == .multiclassClassification && boosting.classCount == 4)
        let accuracy = try #require(model.metrics["training_accuracy_score"])
        #expect(accuracy > 0.9)
        let (scored, _) = try model.score(try Fixture.table("hgb_multi_test.csv").dropping(columns: ["y"]))
        let predictions = try scored.requireNumbers("prediction")
        #expect(predictions.allSatisfy { [0, 1, 2, 3].contains($0) })
        #expect(scored.columnNames.suffix(5) == ["probability", "probability_0", "probability_1", "probability_2", "probability_3"])
        let dir = try tempDir()
        try ModelArtifact.save(model, to: dir)
        #expect(try ModelArtifact.load(from: dir) == model)
    }

    @Test func classifiersRefuseAContinuousLabel() throws {
        var text = "x,y\n"
        for i in 0..<300 { text += "\(i),\(Double(i) / 7 + 0.25)\n" }
        let table = try CSVReader.parse(text: text, path: "cont.csv")
        for spec in [TrainingSpec(label: "y", algorithm: .logisticRegression),
                     TrainingSpec(label: "y", algorithm: .gradientBoosting, task: .classification)] {
            #expect(throws: ModelError.self) { try Trainer.train(table, spec: spec) }
            do {
                _ = try Trainer.train(table, spec: spec)
            } catch let error as ModelError {
                #expect(error.message.hasPrefix("cont.csv:2: label 'y' holds 0.25"), "\(error.message)")
                #expect(error.message.contains("300 distinct values are continuous") && error.message.contains("Unknown label type: continuous"))
            }
        }
        // Whole numbers written with a fraction (1.0) are classes, as in scikit-learn.
        let whole = try CSVReader.parse(text: "x,y\n1,0.0\n2,1.0\n3,0.0\n4,1.0\n")
        #expect(try Trainer.train(whole, spec: TrainingSpec(label: "y", algorithm: .logisticRegression)).label.classes == ["0", "1"])
    }

    @Test func aMostlyNumericColumnWithABadValueIsAnErrorUnlessDeclaredCategorical() throws {
        let table = try CSVReader.parse(text: "a,b,y\n1,2,0\n2,x3,1\n3,4,0\n4,5,1\n5,6,1\n", path: "mixed.csv")
        let spec = TrainingSpec(label: "y", algorithm: .logisticRegression)
        #expect(throws: TableError.self) { try Trainer.train(table, spec: spec) }
        do {
            _ = try Trainer.train(table, spec: spec)
        } catch let error as TableError {
            #expect(error.message.hasPrefix("mixed.csv:3: column 'b' holds 'x3', but 4 of its 5 values (80 %) are numbers"), "\(error.message)")
            #expect(error.message.contains("--categorical b"))
        }
        var declared = spec
        declared.categorical = ["b"]
        let model = try Trainer.train(table, spec: declared)
        #expect(model.preprocessing.featureNames == ["a", "b_2", "b_4", "b_5", "b_6", "b_x3"])
        #expect(model.inputs.first { $0.name == "b" }?.kind == .categorical)
        // A real text column (fewer than half numbers) is still one-hot encoded without being declared.
        let text = try CSVReader.parse(text: "a,b,y\n1,red,0\n2,x3,1\n3,4,0\n4,blue,1\n5,red,1\n")
        #expect(try Trainer.train(text, spec: spec).preprocessing.featureNames.contains("b_red"))
    }

    @Test func gradientBoostingTrainsAndScoresWithMissingValuesNatively() throws {
        let table = try Fixture.table("hgb_missing_train.csv")
        #expect(try table.requireNumbers("f0").contains { $0.isNaN })
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .gradientBoosting))
        #expect(model.preprocessing.transforms.allSatisfy { $0.keepsMissing == true && $0.fill == nil })
        let test = try Fixture.table("hgb_missing_test.csv")
        let (scored, _) = try model.score(test.dropping(columns: ["y"]))
        let probability = try scored.requireNumbers("probability")
        #expect(probability.allSatisfy { $0 > 0 && $0 < 1 })
        let rows = try test.requireNumbers("f0").enumerated().filter { $0.element.isNaN }.map(\.offset)
        #expect(!rows.isEmpty)
        // A model saved and loaded scores the missing rows exactly as the trained one does.
        let dir = try tempDir()
        try ModelArtifact.save(model, to: dir)
        let (reloaded, _) = try ModelArtifact.load(from: dir).score(test.dropping(columns: ["y"]))
        #expect(try reloaded.requireNumbers("probability") == probability)
        // Linear models still need --impute; infinity stays an error for every model.
        #expect(throws: ModelError.self) { try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression)) }
        let infinite = try CSVReader.parse(text: "a,y\n1,0\ninf,1\n2,0\n", path: "inf.csv")
        #expect(throws: ModelError.nonFiniteFeature(column: "a", row: 1, line: 3, path: "inf.csv")) {
            try Trainer.train(infinite, spec: TrainingSpec(label: "y", algorithm: .gradientBoosting))
        }
    }

    @Test func scoringRefusesBooleansInANumericFeatureAndExistingOutputColumns() throws {
        let train = try CSVReader.parse(text: "a,b,y\n1,5,0\n0,6,1\n1,7,0\n0,8,1\n")
        let model = try Trainer.train(train, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        let booleans = try CSVReader.parse(text: "a,b\n,5\ntrue,6\n", path: "bool.csv")
        #expect(throws: ModelError.featureKindChanged(column: "a", trained: "numeric", found: "boolean", text: "true", row: 1, line: 3,
                                                      path: "bool.csv")) {
            try model.score(booleans)
        }
        for column in ["prediction", "probability"] {
            let clash = try CSVReader.parse(text: "a,b,\(column)\n1,5,0\n", path: "scored.csv")
            #expect(throws: ModelError.outputColumnExists(column: column, path: "scored.csv")) { try model.score(clash) }
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
