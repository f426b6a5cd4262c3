import Testing
@testable import MLCore
import Primitives

@Suite("Data contracts: schema, validation, leakage, splits")
struct ContractsTests {
    @Test func inferredSchemaAcceptsItsOwnData() throws {
        let table = try Fixture.table("datasets/adult_sample.csv")
        let schema = DataSchema.infer(from: table)
        #expect(SchemaValidator.validate(table, against: schema).isEmpty)
        let age = try #require(schema.columns.first { $0.name == "age" })
        #expect(age.kind == .numeric && age.nullable == false && (age.minimum ?? 0) >= 17)
        #expect(schema.columns.first { $0.name == "sex" }?.allowedValues == ["Female", "Male"])
    }

    @Test func violationsNameRuleColumnCountAndLine() throws {
        let schema = DataSchema(columns: [
            ColumnSchema(name: "id", kind: .numeric, nullable: false),
            ColumnSchema(name: "age", kind: .numeric, nullable: false, minimum: 0, maximum: 120),
            ColumnSchema(name: "color", kind: .categorical, allowedValues: ["blue", "red"]),
            ColumnSchema(name: "score", kind: .numeric),
        ], key: ["id"])
        let table = try CSVReader.parse(text: "id,age,color\n1,30,red\n2,,blue\n2,130,green\n3,-1,red\n", path: "d.csv")
        let violations = SchemaValidator.validate(table, against: schema)
        let byRule = Dictionary(uniqueKeysWithValues: violations.map { ($0.rule, $0) })
        #expect(byRule["missing_column"]?.column == "score")
        #expect(byRule["null"]?.firstLine == 3 && byRule["null"]?.count == 1)
        #expect(byRule["above_maximum"]?.firstLine == 4 && byRule["above_maximum"]?.example == "130")
        #expect(byRule["below_minimum"]?.firstLine == 5)
        #expect(byRule["unknown_category"]?.example == "green")
        #expect(byRule["duplicate_key"]?.firstLine == 4 && byRule["duplicate_key"]?.count == 1)
        #expect(byRule["null"]?.message.hasPrefix("d.csv:3:") == true)
    }

    @Test func typeViolationPointsAtTheFirstNonNumber() throws {
        let schema = DataSchema(columns: [ColumnSchema(name: "x", kind: .numeric)])
        let table = try CSVReader.parse(text: "x\n1\n2\nthree\n", path: "t.csv")
        let violations = SchemaValidator.validate(table, against: schema)
        #expect(violations.count == 1 && violations[0].rule == "type" && violations[0].firstLine == 4 && violations[0].example == "three")
    }

    @Test func splitLeakageCountsSharedRowsAndIds() throws {
        let train = try CSVReader.parse(text: "id,x\n1,a\n2,b\n3,c\n")
        let test = try CSVReader.parse(text: "id,x\n3,c\n4,d\n2,z\n", path: "test.csv")
        let leak = try LeakageDetector.splitLeakage(train, test, idColumn: "id")
        #expect(leak.sharedRows == 1 && leak.sharedIds == 2 && leak.firstSharedLine == 2)
    }

    @Test func targetLeakageFlagsAFeatureCopiedFromTheLabel() throws {
        var text = "x,leak,noise,y\n"
        var rng = SplitMix64(seed: 1)
        for i in 0..<400 {
            let y = rng.nextInt(below: 2)
            text += "\(rng.nextUnit()),\(Double(y) * 10 + rng.nextUnit()),\(["a", "b", "c"][i % 3]),\(y)\n"
        }
        let suspects = try LeakageDetector.targetLeakage(try CSVReader.parse(text: text), label: "y")
        #expect(suspects.map(\.column) == ["leak"])
        #expect(abs(suspects[0].score - 1) < 1e-12)
    }

    @Test func splitsAreSeededStratifiedAndTimeOrdered() throws {
        var a = SplitMix64(seed: 4), b = SplitMix64(seed: 4), c = SplitMix64(seed: 5)
        let s1 = Splitter.trainTestSplit(n: 1000, testFraction: 0.2, rng: &a)
        let s2 = Splitter.trainTestSplit(n: 1000, testFraction: 0.2, rng: &b)
        let s3 = Splitter.trainTestSplit(n: 1000, testFraction: 0.2, rng: &c)
        #expect(s1.test == s2.test && s1.test != s3.test && s1.test.count == 200)
        #expect(Set(s1.train).isDisjoint(with: s1.test) && s1.train.count + s1.test.count == 1000)
        let strata = (0..<1000).map { $0 < 100 ? 1 : 0 }
        var d = SplitMix64(seed: 4)
        let stratified = Splitter.trainTestSplit(n: 1000, testFraction: 0.2, strata: strata, rng: &d)
        #expect(stratified.test.filter { $0 < 100 }.count == 20)
        let table = try CSVReader.parse(text: "day,v\n2011-01-03,1\n2011-01-01,2\n2011-01-04,3\n2011-01-02,4\n")
        let time = try Splitter.timeSplit(table, column: "day", testFraction: 0.5)
        #expect(time.train == [1, 3] && time.test == [0, 2])
    }
}
