import Foundation
import Testing
@testable import Labs
import Workspace

@Suite("Comparators, secret scanning and partial-credit scores")
struct GradingTests {
    @Test func comparatorsFollowTheDocumentedRules() {
        #expect(ValueComparison.holds(.equals(.int(90)), on: .string("90")))
        #expect(ValueComparison.holds(.equals(.object(["blue": .int(100), "green": .int(0)])), on: .object(["green": .double(0), "blue": .int(100)])))
        #expect(!ValueComparison.holds(.equals(.string("Succeeded")), on: .string("Failed")))
        #expect(ValueComparison.holds(.contains(.string("archived")), on: .array([.string("prod"), .string("archived")])))
        #expect(ValueComparison.holds(.contains(.string("key")), on: .string("a key here")))
        #expect(ValueComparison.holds(.atLeast(2), on: .array([.int(1), .int(2)])))
        #expect(!ValueComparison.holds(.atMost(0.1), on: .string("0.25")))
        #expect(!ValueComparison.holds(.atLeast(1), on: .string("not a number")))
        #expect(ValueComparison.holds(.matches("^Storage Blob Data (Reader|Contributor)$"), on: .string("Storage Blob Data Reader")))
        #expect(ValueComparison.holds(.exists(false), on: .null))
        #expect(ValueComparison.holds(.exists(false), on: .array([])))
        #expect(ValueComparison.holds(.notEquals(.int(2)), on: .int(0)))
    }

    @Test func theScannerFindsCredentialShapesAndPlantedValuesButNotReferences() throws {
        let scratch = try ScratchFolder("scan")
        let key = String(repeating: "Ab1+", count: 21) + "xy=="
        try scratch.write("train.py", "import os\nkey = os.environ['KEY']\naccount_key = \"\(key)\"\n")
        try scratch.write("conn.txt", "DefaultEndpointsProtocol=https;AccountName=lake;AccountKey=abcdefghijklmnopqrstuvwx==\n")
        try scratch.write("job.yml", "environment_variables:\n  API_KEY: ${{secrets.api_key}}\n  password: \"@Microsoft.KeyVault(SecretUri=https://kv/secrets/x)\"\n")
        try scratch.write("notes/plain.md", "token planted-value-1234 here\n")
        let findings = SecretScanner(planted: ["planted-value-1234"]).scan(root: scratch.url, paths: [])
        #expect(findings.map(\.description) == [
            "conn.txt:1: a storage connection string",
            "notes/plain.md:1: a secret planted in this lab",
            "train.py:3: a storage account key",
        ])
        #expect(!findings.map(\.description).joined().contains(key))
        #expect(SecretScanner(planted: []).scan(root: scratch.url, paths: ["job.yml"]).isEmpty)
    }

    @Test func scoresGivePartialCreditAndHintsCostTheirShare() throws {
        let scratch = try ScratchFolder("score")
        try scratch.write("demo/lab.yaml", LabParserTests.valid.replacingOccurrences(of: """
                  - id: c
                    kind: no_secrets
                    message: A secret is left.
            """, with: """
                  - id: c
                    kind: no_secrets
                    weight: 2
                    message: A secret is left.
                  - id: d
                    kind: file
                    path: a.py
                    exists: true
                    area: troubleshooting
                    message: a.py is missing.
            """))
        try scratch.write("demo/files/a.py", "# here\n")
        let parsed = LabParser(outline: try LabFixtures.outline()).parse(folder: scratch.url.appendingPathComponent("demo"), displayPath: "lab.yaml")
        let lab = try #require(parsed.lab, "\(parsed.diagnostics)")
        let outcomes = [
            CheckOutcome(id: "c", passed: true, weight: 2, area: "security-governance", objective: "1.1d", observed: ""),
            CheckOutcome(id: "d", passed: false, weight: 1, area: "troubleshooting", objective: "1.1d", observed: ""),
        ]
        let plain = LabScore.compute(lab: lab, outcomes: outcomes, decisions: [:], hints: [:])
        #expect(plain.points == 2 && plain.maximum == 3)
        let hinted = LabScore.compute(lab: lab, outcomes: outcomes, decisions: [:], hints: ["c": 1, "d": 9])
        #expect(hinted.hintPenalty == 0.5 + 1)
        #expect(hinted.points == 0.5)
        #expect(hinted.byArea["security-governance"]?.earned == 1.5)
        #expect(hinted.byArea["troubleshooting"]?.earned == 0)
    }
}
