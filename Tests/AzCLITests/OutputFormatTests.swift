import Testing
import Workspace
@testable import AzCLI

@Suite("Output formats")
struct OutputFormatTests {
    let item: JSONValue = ["name": "d1", "version": "1", "tags": ["a": "b"], "archived": false, "size": 2.5, "id": "/x", "list": [1, 2], "none": .null]

    @Test("json is sorted, two-space indented, python-style floats")
    func json() {
        let text = OutputFormat.json.render(["b": 1, "a": [1.0, "x"]], columns: nil)
        #expect(text == "{\n  \"a\": [\n    1.0,\n    \"x\"\n  ],\n  \"b\": 1\n}\n")
    }

    @Test("tsv prints values in key order; lists as their length, objects empty, null as None, booleans as Python does")
    func tsv() {
        #expect(OutputFormat.tsv.render(item, columns: nil) == "False\t/x\t2\td1\tNone\t2.5\t\t1\n")
        #expect(OutputFormat.tsv.render(["a", "b"], columns: nil) == "a\nb\n")
        #expect(OutputFormat.tsv.render("1", columns: nil) == "1\n")
    }

    @Test("table skips id, nested values and nulls, capitalises headers and aligns columns")
    func table() {
        let text = OutputFormat.table.render([item, ["name": "longer-name", "version": "12", "archived": true, "size": 1]], columns: nil)
        #expect(text == """
            Archived  Name         Size  Version
            --------  -----------  ----  -------
            False     d1           2.5   1
            True      longer-name  1     12

            """)
    }

    @Test("a command's table view picks its own columns")
    func tableView() {
        let view = TableView([("Name", TableView.field("name")), ("Latest version", TableView.field("version"))])
        #expect(OutputFormat.table.render([item], columns: view) == "Name  Latest version\n----  --------------\nd1    1\n")
    }

    @Test("yaml is block style with quoted ambiguous scalars")
    func yaml() {
        let text = OutputFormat.yaml.render(["name": "d1", "version": "1", "tags": ["a": "b"], "items": [["k": 1]]], columns: nil)
        #expect(text == "items:\n- k: 1\nname: d1\ntags:\n  a: b\nversion: '1'\n")
    }

    @Test("none prints nothing")
    func none() { #expect(OutputFormat.none.render(item, columns: nil).isEmpty) }
}
