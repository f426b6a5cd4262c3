import Foundation
import Testing
@testable import Labs
import Workspace

/// Records the command lines a fault runs and answers them from a table of canned outputs.
final class StubRunner: LabCommandRunner, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lines: [String] = []
    let answers: [(prefix: String, output: CommandOutput)]

    init(_ answers: [(String, CommandOutput)] = []) { self.answers = answers.map { (prefix: $0.0, output: $0.1) } }

    func run(_ words: [String], workingFolder: URL, home: URL) -> CommandOutput {
        let line = words.joined(separator: " ")
        lock.lock()
        lines.append(line)
        lock.unlock()
        return answers.first { line.hasPrefix($0.prefix) }?.output ?? CommandOutput(status: 0, stdout: "", stderr: "")
    }
}

@Suite struct LabFaultKindTests {
    func sandbox(_ runner: StubRunner, files: [String: String]) throws -> LabSandbox {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labs-faults-\(UUID().uuidString)")
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let box = LabSandbox(labFolder: root.appendingPathComponent("lab"), workFolder: work, workspaceHome: root.appendingPathComponent("home"), runner: runner)
        for (path, text) in files { try box.write(path, text) }
        return box
    }

    func ok(_ json: String) -> CommandOutput { CommandOutput(status: 0, stdout: json, stderr: "") }

    func apply(_ kind: String, _ values: [String: JSONValue], _ box: LabSandbox) throws {
        guard let fault = FaultCatalogue.kind(named: kind) else { throw LabError.failed("no kind \(kind)") }
        try fault.apply(FaultArguments(kind: kind, values: values), to: box)
    }

    @Test func catalogueNamesAreUniqueAndDescribed() {
        let names = FaultCatalogue.kinds.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["datastore-account-key", "shared-key-disabled", "missing-role-assignment", "over-broad-role",
                     "secret-in-job-env", "idle-cluster", "oversized-deployment", "instance-over-quota"] {
            #expect(names.contains(name))
        }
        for kind in FaultCatalogue.kinds { #expect(kind.summary.count > 40) }
    }

    @Test func secretInJobEnvWritesThePlantedKeyAndItsFingerprint() throws {
        let box = try sandbox(StubRunner(), files: ["job.yml": "command: python3 a.py\nenvironment_variables:\n  REGION: eu\n", "c.json": "{\"h\": \"{sha256}\"}"])
        try apply("secret-in-job-env", ["file": "job.yml", "variable": "API_KEY", "prefix": "lu_", "fingerprint_file": "c.json", "seed": .int(7)], box)
        let text = try box.read("job.yml")
        #expect(text.contains("environment_variables:\n  API_KEY: \"lu_63cbe1e459320dd7044c3cd7f43c661ce6984080bab12a02953aeb70673e29cb\"\n  REGION: eu"))
        #expect(box.plantedSecrets == ["lu_63cbe1e459320dd7044c3cd7f43c661ce6984080bab12a02953aeb70673e29cb"])
        #expect(!(try box.read("c.json")).contains("{sha256}"))
        let other = try sandbox(StubRunner(), files: ["job.yml": "command: x\n"])
        try apply("secret-in-job-env", ["file": "job.yml", "variable": "K"], other)
        #expect(try other.read("job.yml").hasSuffix("environment_variables:\n  K: \"\(other.plantedSecrets.first ?? "?")\"\n"))
        #expect(throws: LabError.failed("fault secret-in-job-env needs `variable`")) { try apply("secret-in-job-env", ["file": "job.yml"], other) }
    }

    @Test func instanceOverQuotaOnlyEditsTheFile() throws {
        let runner = StubRunner()
        let box = try sandbox(runner, files: ["d.yml": "name: blue\ninstance_type: Standard_DS4_v2\ninstance_count: 3\n"])
        try apply("instance-over-quota", ["file": "d.yml", "instance_count": .int(4)], box)
        #expect(try box.read("d.yml") == "name: blue\ninstance_type: Standard_DS4_v2\ninstance_count: 4\n")
        #expect(runner.lines.isEmpty)
        #expect(throws: LabError.failed("fault instance-over-quota needs `instance_count`")) { try apply("instance-over-quota", ["file": "d.yml"], box) }
    }

    @Test func oversizedDeploymentEditsAndApplies() throws {
        let runner = StubRunner()
        let box = try sandbox(runner, files: ["d.yml": "name: blue\ninstance_type: Standard_F2s_v2\ninstance_count: 1\n"])
        try apply("oversized-deployment", ["file": "d.yml", "endpoint": "ep", "deployment": "blue", "instance_type": "Standard_DS4_v2", "instance_count": .int(3)], box)
        #expect(try box.read("d.yml") == "name: blue\ninstance_type: Standard_DS4_v2\ninstance_count: 3\n")
        #expect(runner.lines == ["az ml online-deployment update --file d.yml --name blue --endpoint-name ep -o none"])
    }

    @Test func idleClusterUpdatesTheClusterItsYAMLAndTheClock() throws {
        let runner = StubRunner()
        let box = try sandbox(runner, files: ["c.yml": "name: cpu\nmin_instances: 0\nidle_time_before_scale_down: 120\n"])
        try apply("idle-cluster", ["compute": "cpu", "file": "c.yml", "min_instances": .int(2), "idle_seconds": .int(3600), "idle_hours": .int(14)], box)
        #expect(try box.read("c.yml") == "name: cpu\nmin_instances: 2\nidle_time_before_scale_down: 3600\n")
        #expect(runner.lines == ["az ml compute update --name cpu --min-instances 2 --idle-time-before-scale-down 3600 -o none", "clock advance 14h"])
        #expect(throws: LabError.self) { try apply("idle-cluster", ["compute": "cpu", "min_instances": .int(0)], box) }
    }

    @Test func datastoreAccountKeyPlantsTheAccountKey() throws {
        let runner = StubRunner([("az storage account keys list", ok("[{\"keyName\": \"key1\", \"value\": \"S3CR3TKEY==\"}]"))])
        let box = try sandbox(runner, files: ["ds.yml": "name: raw\ntype: azure_blob\naccount_name: st1\ncontainer_name: c\n"])
        try apply("datastore-account-key", ["file": "ds.yml", "account": "st1"], box)
        #expect(try box.read("ds.yml").hasSuffix("container_name: c\ncredentials:\n  account_key: S3CR3TKEY==\n"))
        #expect(box.plantedSecrets == ["S3CR3TKEY=="])
        #expect(runner.lines.last == "az ml datastore create --file ds.yml -o none")
        #expect(throws: LabError.failed("fault datastore-account-key: ds.yml already has credentials")) {
            try apply("datastore-account-key", ["file": "ds.yml", "account": "st1"], box)
        }
    }

    @Test func roleFaultsActOnTheComputesIdentity() throws {
        let runner = StubRunner([
            ("az ml compute show", ok("{\"identity\": {\"principal_id\": \"p-1\", \"type\": \"system_assigned\"}}")),
            ("az account show", ok("{\"id\": \"sub-1\"}")),
            ("az role assignment delete", CommandOutput(status: 1, stdout: "", stderr: "No matched assignments were found to delete")),
        ])
        let box = try sandbox(runner, files: [:])
        try apply("over-broad-role", ["compute": "cpu"], box)
        #expect(runner.lines.last == "az role assignment create --assignee-object-id p-1 --assignee-principal-type ServicePrincipal --role Contributor --scope /subscriptions/sub-1 -o none")
        #expect(throws: LabError.self) { try apply("over-broad-role", ["compute": "cpu", "role": "Reader"], box) }
        #expect(throws: LabError.self) { try apply("missing-role-assignment", ["compute": "cpu", "role": "Storage Blob Data Reader"], box) }
        #expect(runner.lines.last == "az role assignment delete --assignee p-1 --role Storage Blob Data Reader")
        try apply("shared-key-disabled", ["account": "st1"], box)
        #expect(runner.lines.last == "az storage account update --name st1 --allow-shared-key-access false -o none")
    }
}
