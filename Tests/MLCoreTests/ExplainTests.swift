import Foundation
import Testing
@testable import MLCore
import Primitives

@Suite("Explanations")
struct ExplainTests {
    private func syntheticTable() throws -> Table {
        var text = "signal,noise,color,y\n"
        var rng = SplitMix64(seed: 11)
        for _ in 0..<600 {
            let s = rng.nextUnit() * 4 - 2
            let y = s + 0.3 * (rng.nextUnit() - 0.5) > 0 ? 1 : 0
            text += "\(s),\(rng.nextUnit()),\(["red", "blue"][rng.nextInt(below: 2)]),\(y)\n"
        }
        return try CSVReader.parse(text: text, path: "synthetic.csv")
    }

    @Test func permutationImportanceRanksTheSignalFirstAndRepeats() throws {
        let table = try syntheticTable()
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        let a = try PermutationImportance.compute(model: model, table: table, repeats: 5, seed: 2)
        let b = try PermutationImportance.compute(model: model, table: table, repeats: 5, seed: 2)
        #expect(a.importances == b.importances)
        #expect(a.scoring == .accuracy)
        let byColumn = Dictionary(uniqueKeysWithValues: a.importances.map { ($0.column, $0.importanceMean) })
        #expect((byColumn["signal"] ?? 0) > 0.3)
        #expect(abs(byColumn["noise"] ?? 1) < 0.03 && abs(byColumn["color"] ?? 1) < 0.03)
        // The drop is baseline minus the shuffled score, so a repeat never exceeds the baseline accuracy.
        #expect(a.importances.allSatisfy { $0.importances.allSatisfy { $0 <= a.baseline } })
    }

    @Test func contributionsSumToTheDecisionValue() throws {
        let table = try syntheticTable()
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression,
                                                                preprocessing: PreprocessingOptions(standardize: true)))
        let rows = try LinearContributions.compute(model: model, table: table, rows: [0, 1, 2])
        let probabilities = try model.predict(table: table).0.probabilities
        for item in rows {
            let total = item.intercept + item.contributions.values.reduce(0, +)
            #expect(abs(total - item.decisionValue) < 1e-12)
            let p = 1 / (1 + exp(-item.decisionValue))
            #expect(abs(p - probabilities[item.row * 2 + 1]) < 1e-12)
            #expect(item.line == item.row + 2)
        }
        let boosted = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .gradientBoosting))
        #expect(throws: ModelError.self) { try LinearContributions.compute(model: boosted, table: table, rows: [0]) }
    }

    @Test func permutationImportanceAgreesWithScikitLearnOnAdult() throws {
        let table = try Fixture.table("datasets/adult_sample.csv")
        let model = try Trainer.train(table, spec: TrainingSpec(label: "income", algorithm: .logisticRegression,
                                                                preprocessing: PreprocessingOptions(standardize: true)))
        let ours = try PermutationImportance.compute(model: model, table: table, repeats: 30, seed: 0)
        let ref = try Fixture.reference("adult_permutation_importance")
        let columns = try #require(ref["columns"] as? [String]), means = try #require(ref["mean"] as? [Double])
        let byColumn = Dictionary(uniqueKeysWithValues: ours.importances.map { ($0.column, $0.importanceMean) })
        // Different shuffles: the means of 30 repeats differ by sampling noise only (about 0.001 here).
        for (column, mean) in zip(columns, means) {
            let value = try #require(byColumn[column])
            #expect(abs(value - mean) < 0.004, "\(column): \(value) vs scikit-learn \(mean)")
        }
    }
}
