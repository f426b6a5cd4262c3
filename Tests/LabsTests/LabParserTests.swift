import Foundation
import Testing
@testable import Labs

@Suite("lab.yaml parsing and validation: every problem as file:line")
struct LabParserTests {
    static let valid = """
    id: demo
    title: Demo
    version: 1
    areas: [security-governance]
    objectives: [1.1d]
    difficulty: easy
    minutes: 5
    brief: Fix it.
    setup:
      files:
        - from: files
    faults:
      - kind: hardcoded-secret
        file: a.py
        find: "# here"
    tasks:
      - id: t
        title: T
        checks:
          - id: c
            kind: no_secrets
            message: A secret is left.
    solution:
      explanation: Remove it.
      steps:
        - write: a.py
          content: "# here\\n"
    """

    func parse(_ yaml: String, files: [String: String] = ["files/a.py": "# here\n"], folder name: String = "demo") throws -> LabParser.Result {
        let scratch = try ScratchFolder("parse")
        let folder = scratch.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try scratch.write("\(name)/lab.yaml", yaml)
        for (path, text) in files { try scratch.write("\(name)/\(path)", text) }
        let outline = try LabFixtures.outline()
        return withExtendedLifetime(scratch) { LabParser(outline: outline).parse(folder: folder, displayPath: "lab.yaml") }
    }

    func messages(_ result: LabParser.Result) -> [String] { result.diagnostics.map(\.description) }

    @Test func aValidLabParsesWithDefaults() throws {
        let result = try parse(Self.valid)
        #expect(result.diagnostics.isEmpty, "\(messages(result))")
        let lab = try #require(result.lab)
        #expect(lab.checks.first?.area == "security-governance")
        #expect(lab.checks.first?.objective == "1.1d")
        #expect(lab.checks.first?.weight == 1)
        #expect(lab.passMark == 0.7 && lab.hintCost == 0.25)
        #expect(lab.setup.files == [FileCopy(from: "files", to: ".", line: 11)])
    }

    @Test func aYAMLErrorNamesItsLine() throws {
        let broken = Self.valid.replacingOccurrences(of: "minutes: 5", with: "minutes: [5")
        let result = try parse(broken)
        #expect(result.lab == nil)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.line ?? 0 >= 7)
        #expect(result.diagnostics.first?.message.hasPrefix("YAML error") == true)
    }

    @Test func unknownKindsKeysAndIdsAreReportedWithLinesAndSuggestions() throws {
        var yaml = Self.valid.replacingOccurrences(of: "kind: no_secrets", with: "kind: no_secret")
        yaml = yaml.replacingOccurrences(of: "kind: hardcoded-secret", with: "kind: hardcoded-secrets")
        yaml = yaml.replacingOccurrences(of: "minutes: 5", with: "minutes: 5\nminute: 6")
        yaml = yaml.replacingOccurrences(of: "areas: [security-governance]", with: "areas: [security-governence]")
        yaml = yaml.replacingOccurrences(of: "objectives: [1.1d]", with: "objectives: [9.9z]")
        let text = messages(try parse(yaml))
        #expect(text.contains("lab.yaml:22: unknown check kind `no_secret`; did you mean `no_secrets`?; kinds: az, command, job, file, no_secrets"))
        #expect(text.contains("lab.yaml:14: unknown fault kind `hardcoded-secrets`; did you mean `hardcoded-secret`? (docs/faults.md lists them)"))
        #expect(text.contains("lab.yaml:8: unknown key `minute` in lab.yaml; did you mean `minutes`?"))
        #expect(text.contains("lab.yaml:4: unknown area `security-governence`; did you mean `security-governance`?"))
        #expect(text.contains { $0.hasPrefix("lab.yaml:5: unknown objective `9.9z`") })
    }

    @Test func faultParametersAreChecked() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    find: \"# here\"\n", with: "    where: x\n")
        let text = messages(try parse(yaml))
        #expect(text.contains { $0.hasPrefix("lab.yaml:13: fault `hardcoded-secret` needs `find`") })
        #expect(text.contains { $0.hasPrefix("lab.yaml:15: unknown key `where` in fault `hardcoded-secret`") })
    }

    @Test func pathsOutsideTheLabAreRefused() throws {
        var yaml = Self.valid.replacingOccurrences(of: "    - from: files", with: "    - from: ../secrets\n    - from: /etc/passwd\n    - from: files\n      to: ../../out")
        yaml = yaml.replacingOccurrences(of: "    - write: a.py", with: "    - write: /tmp/x.py")
        let text = messages(try parse(yaml))
        #expect(text.contains("lab.yaml:11: `../secrets` points outside the lab folder; paths are relative to it, without `..`"))
        #expect(text.contains("lab.yaml:12: `/etc/passwd` points outside the lab folder; paths are relative to it, without `..`"))
        #expect(text.contains("lab.yaml:14: `../../out` must be a relative path inside the working folder, without `..`"))
        #expect(text.contains { $0.contains("`/tmp/x.py` must be a relative path inside the working folder") })
    }

    @Test func aSymlinkThatPointsOutIsRefused() throws {
        let scratch = try ScratchFolder("symlink")
        let folder = scratch.url.appendingPathComponent("demo")
        try scratch.write("demo/lab.yaml", Self.valid)
        try scratch.write("demo/files/a.py", "# here\n")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("files/passwd").path, withDestinationPath: "/etc/passwd")
        let result = LabParser(outline: try LabFixtures.outline()).parse(folder: folder, displayPath: "lab.yaml")
        #expect(messages(result).contains("lab.yaml:11: files/passwd is a symbolic link that points outside the lab folder"))
    }

    @Test func checksNeedValidQueriesOneComparatorAndUniqueIds() throws {
        let yaml = Self.valid.replacingOccurrences(of: """
                  - id: c
                    kind: no_secrets
                    message: A secret is left.
            """, with: """
                  - id: c
                    kind: az
                    command: ml data show -n x
                    query: "version[?"
                    equals: 1
                    message: m
                  - id: c
                    kind: file
                    path: a.py
                    contains: x
                    matches: y
                    message: m
                  - id: d
                    kind: job
                    equals: 3
                    message: m
            """)
        let text = messages(try parse(yaml))
        #expect(text.contains { $0.hasPrefix("lab.yaml:23: invalid JMESPath query `version[?`: unexpected token at column 10") })
        #expect(text.contains("lab.yaml:26: check `c` has 2 comparators (contains, matches); give one"))
        #expect(text.contains("lab.yaml:26: check id `c` is used twice in this lab"))
        #expect(text.contains("lab.yaml:34: a job check takes `where`, `status` and `count`, not `equals`"))
    }

    @Test func decisionsAreCheckedLikePackQuestionsAndTheReferenceAnswerMustBeTheKey() throws {
        let yaml = Self.valid + """

        decisions:
          - id: demo-d1
            area: security-governance
            objective: 1.1d
            difficulty: easy
            type: single
            style: scenario
            stem: Which?
            options:
              - text: One
                correct: true
                rationale: Because.
              - text: Two
                rationale: Not this one.
          - id: demo-d2
            area: security-governance
            objective: 1.1d
            difficulty: easy
            type: single
            style: scenario
            stem: Which one?
            options:
              - text: One
                correct: true
                rationale: Because.
              - text: Two
        """
        let withAnswer = yaml.replacingOccurrences(of: "solution:\n  explanation: Remove it.", with: "solution:\n  decisions:\n    demo-d1: b\n  explanation: Remove it.")
        let text = messages(try parse(withAnswer))
        #expect(text.contains { $0 == "lab.yaml:55: option b of question `demo-d2` has no `rationale`; say why it is right or wrong in this situation" })
        #expect(text.contains { $0.hasPrefix("lab.yaml:25: the reference answer `b` to decision `demo-d1` is not its key; as presented the key is `a`") })
        #expect(messages(try parse(yaml)).contains { $0.contains("`solution.decisions` has no answer for decision `demo-d1`") })
    }

    @Test func theIdMustMatchTheFolder() throws {
        let text = messages(try parse(Self.valid, folder: "other"))
        #expect(text.contains("lab.yaml:1: lab id `demo` must equal its folder name `other`"))
    }

    @Test func aSetupCommandMayNotStartWithMlopslabOrRunLabs() throws {
        let yaml = Self.valid.replacingOccurrences(of: "    - from: files", with: "    - from: files\n  commands:\n    - mlopslab az ml data list\n    - labs test")
        let text = messages(try parse(yaml))
        #expect(text.contains("lab.yaml:13: leave out the leading `mlopslab`: lab commands are mlopslab command lines"))
        #expect(text.contains("lab.yaml:14: a lab cannot run `labs` commands"))
    }
}
