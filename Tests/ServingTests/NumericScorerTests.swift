import Foundation
import MLCore
import NIOCore
import Testing
@testable import Serving
import Workspace

@Suite("The numeric fast path answers exactly as the general scoring path, or declines")
struct NumericScorerTests {
    /// A 3-feature logistic regression (standardised) and a 2-feature linear regression, trained on fixed rows.
    static func models() throws -> [TrainedModel] {
        var csv = "x1,x2,x3,y,v\n"
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 4 - 2
        }
        for _ in 0..<300 {
            let x1 = next(), x2 = next(), x3 = next()
            csv += "\(x1),\(x2),\(x3),\(x1 - x3 + 0.2 * next() > 0 ? "yes" : "no"),\(3 * x1 - x2 + 0.1 * next())\n"
        }
        let table = try CSVReader.parse(text: csv)
        let classifier = try Trainer.train(try table.selecting(columns: ["x1", "x2", "x3", "y"]),
                                           spec: TrainingSpec(label: "y", algorithm: .logisticRegression, preprocessing: PreprocessingOptions(standardize: true)))
        let regressor = try Trainer.train(try table.selecting(columns: ["x1", "x2", "v"]), spec: TrainingSpec(label: "v", algorithm: .linearRegression))
        return [classifier, regressor]
    }

    func fast(_ scorer: NumericScorer, _ body: String) -> String? {
        var out = ByteBuffer()
        let bytes = Array(body.utf8)
        let answered = bytes.withUnsafeBytes { scorer.score($0, into: &out) }
        return answered ? String(buffer: out) : nil
    }

    func general(_ model: TrainedModel, _ body: String) -> String? {
        try? ModelScorer(model: model).score(body).body
    }

    @Test("accepted bodies give the general path's answer: column order, extra columns, integers, exponents, spacing, dataframe_split")
    func sameAnswers() throws {
        for model in try NumericScorerTests.models() {
            let scorer = try #require(NumericScorer(model: model))
            let names = model.inputs.map(\.name)
            var bodies: [String] = []
            var state: UInt64 = 99
            func draw() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
            let formats: [(Double) -> String] = [
                { String($0) }, { String(format: "%.3e", $0) }, { String(Int($0 * 3)) }, { String(format: "%.17g", $0) }, { "\($0)E+0" },
            ]
            for trial in 0..<200 {
                let rows = 1 + Int(draw() % 6)
                var columns = names
                if trial % 3 == 1 { columns.reverse() }
                if trial % 4 == 2 { columns.insert("extra", at: 1) }
                let data = (0..<rows).map { _ in
                    "[" + columns.map { _ in formats[Int(draw() % UInt64(formats.count))](Double(Int64(draw() % 20000) - 10000) / 997) }.joined(separator: trial % 2 == 0 ? "," : " ,\n ") + "]"
                }
                let key = trial % 5 == 0 ? "dataframe_split" : "input_data"
                let index = trial % 2 == 0 ? ", \"index\": [\(Array(0..<rows).map(String.init).joined(separator: ","))]" : ""
                bodies.append("{\"\(key)\": {\"columns\": [\(columns.map { "\"\($0)\"" }.joined(separator: ", "))]\(index), \"data\": [\(data.joined(separator: ", "))]}}")
            }
            bodies.append(" {\"input_data\":{\"data\":[[1,2,3,4]],\"columns\":[\"\(names[0])\",\"\(names[0])\",\"\(names[1])\",\"\(names.last ?? "")\"],\"index\":[{\"a\":[true,null]}]}} \n")
            // Numbers at the edges of the one-pass reader: long fractions, big and tiny exponents, -0, 18-digit integers.
            for cells in [["0.1234567890123456789012", "1e22", "1e23"], ["-0.0", "123456789012345678", "4.9e-324"], ["1.7976931348623157e308", "0.000000000000000000001", "-12.5E-3"]] {
                let values = (0..<names.count).map { cells[$0 % cells.count] }
                bodies.append("{\"input_data\": {\"columns\": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))], \"data\": [[\(values.joined(separator: ", "))]]}}")
            }
            for body in bodies {
                let expected = try #require(general(model, body), "\(body)")
                #expect(fast(scorer, body) == expected, "\(body)")
            }
        }
    }

    @Test("other shapes, strict-JSON violations and values the fast path does not model are declined", arguments: [
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, null]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, "3"]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 1e999]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[01, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[+1, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1., 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[.5, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 3],]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 3]]}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 3]]}} x"#,
        #"{"input_data": {"columns": ["x1", "x2", "x\u0033"], "data": [[1, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": []}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "z"], "data": [[1, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 3]], "data": [[1, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 3]], "params": {}}}"#,
        #"{"input_data": [{"x1": 1, "x2": 2, "x3": 3}]}"#,
        #"{"dataframe_records": [{"x1": 1, "x2": 2, "x3": 3}]}"#,
        #"{"input_data": {"data": [[1, 2, 3]]}}"#,
        #"{"input_data": {"columns": ["x1", "x2", "x3"], "data": [[1, 2, 12345678901234567890]]}}"#,
        "",
        "[1, 2, 3]",
    ])
    func declined(body: String) throws {
        let model = try #require(try NumericScorerTests.models().first)
        let scorer = try #require(NumericScorer(model: model))
        #expect(fast(scorer, body) == nil)
    }

    @Test("models with a categorical input have no fast path")
    func categorical() throws {
        let table = try CSVReader.parse(text: "a,c,y\n1,red,0\n2,blue,1\n3,red,0\n4,blue,1\n5,red,1\n0,blue,0\n")
        let model = try Trainer.train(table, spec: TrainingSpec(label: "y", algorithm: .logisticRegression))
        #expect(NumericScorer(model: model) == nil)
    }
}
