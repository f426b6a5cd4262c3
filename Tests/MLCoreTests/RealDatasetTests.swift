import Foundation
import Testing
@testable import MLCore

@Suite("Real datasets")
struct RealDatasetTests {
    @Test func bikeSharingTimeSplitTrainsOn2011AndScores2012() throws {
        let table = try Fixture.table("datasets/bike_sharing_sample.csv")
        #expect(table.rowCount == 2897)
        let (train, test) = try Splitter.timeSplit(table, column: "dteday", testFraction: 0.5)
        let trainTable = try table.selecting(rows: train), testTable = try table.selecting(rows: test)
        let trainDays = try trainTable.requireColumn("dteday").strings.compactMap { $0 }
        let testDays = try testTable.requireColumn("dteday").strings.compactMap { $0 }
        #expect((trainDays.max() ?? "") <= (testDays.min() ?? ""))
        let spec = TrainingSpec(label: "cnt", algorithm: .gradientBoosting,
                                excluded: ["instant", "dteday", "casual", "registered"])
        let model = try Trainer.train(trainTable, spec: spec)
        #expect(model.task == .regression)
        let (scored, _) = try model.score(testTable)
        let predictions = try scored.requireNumbers("prediction"), truth = try testTable.requireNumbers("cnt")
        let mean = truth.reduce(0, +) / Double(truth.count)
        let sse = zip(predictions, truth).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        let sst = truth.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        // Later data has higher demand (drift); scikit-learn's HistGradientBoostingRegressor gets the same R² roughly.
        let reference = try #require(try Fixture.reference("bike_time_split_hgb")["test_r2"] as? Double)
        #expect(abs((1 - sse / sst) - reference) < 0.03, "ours \(1 - sse / sst) vs scikit-learn \(reference)")
    }

    @Test func adultReadsWithQuestionMarksAsMissingWhenAsked() throws {
        let options = CSVReadOptions(missingValues: CSVReadOptions.defaultMissingValues.union(["?"]))
        let table = try Fixture.table("datasets/adult_sample.csv", options: options)
        let workclass = try table.requireColumn("workclass")
        #expect(workclass.kind == .categorical && workclass.missingCount > 0)
        let plain = try Fixture.table("datasets/adult_sample.csv")
        #expect(try plain.requireColumn("workclass").missingCount == 0)
    }
}
