import Testing
@testable import MLMetrics

@Suite("Fairness matches Fairlearn 0.15")
struct FairnessTests {
    @Test("fixtures: by_group rates, parity and equalized odds")
    func fixtures() throws {
        for c in try Fixture.cases("fairness", "cases") {
            let y = c.ints("y_true").map { $0 == 1 }, yhat = c.ints("y_pred").map { $0 == 1 }
            let report = try FairnessReport(yTrue: y, yPred: yhat, groups: c.strings("group"))
            let byGroup = c.object("by_group")
            #expect(report.byGroup.map(\.group) == byGroup.keys.sorted(), "\(c.name)")
            for g in report.byGroup {
                let row = byGroup.object(g.group)
                #expect(close(g.selectionRate, row.double("selection_rate")), "\(c.name) \(g.group)")
                #expect(close(g.truePositiveRate, row.double("tpr")), "\(c.name) \(g.group)")
                #expect(close(g.falsePositiveRate, row.double("fpr")), "\(c.name) \(g.group)")
                #expect(close(g.accuracy, row.double("accuracy")), "\(c.name) \(g.group)")
            }
            #expect(close(report.demographicParityDifference, c.double("demographic_parity_difference")), "\(c.name)")
            #expect(close(report.demographicParityRatio, c.double("demographic_parity_ratio")), "\(c.name)")
            #expect(close(report.equalizedOddsDifference, c.double("equalized_odds_difference")), "\(c.name)")
            #expect(close(report.equalizedOddsRatio, c.double("equalized_odds_ratio")), "\(c.name)")
        }
    }

    @Test("worked example from the design notes")
    func workedExample() throws {
        let r = try FairnessReport(yTrue: [1, 1, 0, 0, 1, 0, 1, 0, 1, 1].map { $0 == 1 },
                                   yPred: [1, 0, 0, 1, 1, 0, 1, 1, 0, 1].map { $0 == 1 },
                                   groups: Array("aaaabbbbbb").map(String.init))
        #expect(abs(r.demographicParityDifference - 1.0 / 6.0) < 1e-12)
        #expect(abs((r.demographicParityRatio ?? 0) - 0.75) < 1e-12)
        #expect(abs(r.equalizedOddsDifference - 0.25) < 1e-12)
    }

    @Test("a group without positives is reported in warnings")
    func warnings() throws {
        let r = try FairnessReport(yTrue: [false, false, true, true], yPred: [true, false, true, false], groups: ["a", "a", "b", "b"])
        #expect(r.warnings.contains { $0.contains("group a has no positive labels") })
        #expect(throws: MetricsError.lengthMismatch(what: "sensitive feature", expected: 4, actual: 3)) {
            try FairnessReport(yTrue: [false, false, true, true], yPred: [true, false, true, false], groups: ["a", "a", "b"])
        }
    }
}
