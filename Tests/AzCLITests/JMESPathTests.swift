import Testing
import Workspace
@testable import AzCLI

@Suite("JMESPath subset")
struct JMESPathTests {
    static let jobs: JSONValue = [
        "items": [
            ["name": "a", "status": "Completed", "metrics": ["auc": 0.91], "tags": ["team": "x"]],
            ["name": "b", "status": "Failed", "metrics": ["auc": 0.5], "tags": [:]],
            ["name": "c", "status": "Failed", "metrics": ["auc": 0.7], "tags": ["team": "y"]],
        ],
        "count": 3,
        "nested": ["list": [[1, 2], [3], 4]],
    ]

    static let cases: [(String, JSONValue)] = [
        ("count", 3),
        ("items[0].name", "a"),
        ("items[-1].name", "c"),
        ("items[5].name", .null),
        ("items[].name", ["a", "b", "c"]),
        ("items[*].status", ["Completed", "Failed", "Failed"]),
        ("items[?status=='Failed'].name", ["b", "c"]),
        ("items[?status!='Failed'] | [0].name", "a"),
        ("items[?metrics.auc > `0.6`].name", ["a", "c"]),
        ("items[?metrics.auc >= `0.7` && status=='Failed'].name", ["c"]),
        ("items[?!(status=='Failed')].name", ["a"]),
        ("items[?tags.team].name", ["a", "c"]),
        ("items[0].[name, status]", ["a", "Completed"]),
        ("items[].{n: name, s: status}", [["n": "a", "s": "Completed"], ["n": "b", "s": "Failed"], ["n": "c", "s": "Failed"]]),
        ("length(items)", 3),
        ("length(items[?status=='Failed'])", 2),
        ("items[?contains(name, 'b')].name", ["b"]),
        ("items[?starts_with(status, 'Comp')].name", ["a"]),
        ("max_by(items, &metrics.auc).name", "a"),
        ("sort_by(items, &metrics.auc)[].name", ["b", "c", "a"]),
        ("nested.list[]", [1, 2, 3, 4]),
        ("items[0:2].name", ["a", "b"]),
        ("items[0].tags.*", ["x"]),
        ("\"count\"", 3),
        ("missing.deeper", .null),
        ("items[].missing", []),
    ]

    @Test("evaluates the documented forms", arguments: cases.indices)
    func evaluates(_ index: Int) throws {
        let (expression, expected) = JMESPathTests.cases[index]
        #expect(try JMESPath(expression).search(JMESPathTests.jobs) == expected, "\(expression)")
    }

    @Test("syntax errors name the column", arguments: ["items[?status=='Failed'", "items[", "{a: }", "items..name", "items[?status=='x'"])
    func syntaxErrors(_ text: String) {
        #expect(throws: JMESPathError.self) { try JMESPath(text) }
    }

    @Test("unknown functions are errors, not nulls")
    func unknownFunction() throws {
        let query = try JMESPath("nope(items)")
        #expect(throws: JMESPathError.self) { try query.search(JMESPathTests.jobs) }
    }
}
