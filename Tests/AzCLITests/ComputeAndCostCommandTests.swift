import ArgumentParser
import CLICore
import Foundation
import Testing
@testable import AzCLI
import Workspace

/// Jobs against compute state and SKUs, serverless cost, model stages and tags as strings.
@Suite("Compute state, serverless SKUs and cost, model stages, tags")
struct ComputeAndCostCommandTests {
    func cost(_ box: AzSandbox) throws -> String {
        let console = CapturingConsole()
        let context = CommandContext(home: StateHome(url: box.home), console: console, inRepl: false)
        try CommandContext.$current.withValue(context) {
            var command = try CostCommand.parseAsRoot([])
            try command.run()
        }
        return console.output
    }

    @Test("a job on a stopped compute instance fails before it prepares, saying how to start it; once started it runs")
    func stoppedComputeInstance() throws {
        let box = try AzSandbox()
        #expect(box.az("ml compute create -n ci-one --type computeinstance -o none").status == 0)
        #expect(box.az("ml compute stop -n ci-one -o none").status == 0)
        try box.write("job.yml", "command: echo ran\ncompute: azureml:ci-one\nenvironment:\n  image: python\nname: on_stopped\n")
        let streamed = box.az("ml job create -f job.yml --stream")
        #expect(streamed.status == 1)
        #expect(streamed.stdout.contains("Compute instance 'ci-one' is Stopped"), "\(streamed.stdout)")
        #expect(!streamed.stdout.contains("ran\n"))
        #expect(box.az("ml job show -n on_stopped --query status -o tsv").stdout == "Failed\n")
        let message = box.az("ml job show -n on_stopped --query error.message -o tsv").stdout
        #expect(message.contains("Start it with `az ml compute start -n ci-one`"), "\(message)")

        #expect(box.az("ml compute start -n ci-one -o none").status == 0)
        #expect(box.az("ml job create -f job.yml -n on_started --query status -o tsv").stdout == "Completed\n")
    }

    @Test("resources.instance_type on serverless must be a known SKU (the error names the field); serverless jobs are billed for their run time")
    func serverlessSKUAndCost() throws {
        let box = try AzSandbox()
        try box.write("bad.yml", "command: echo x\nenvironment:\n  image: python\nresources:\n  instance_type: Standard_XYZ_v9\n")
        let bad = box.az("ml job create -f bad.yml")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("resources.instance_type"), "\(bad.stderr)")
        #expect(bad.stderr.contains("Instance type 'Standard_XYZ_v9' is not a VM size serverless compute offers"))
        #expect(box.az("ml job list --query length(@) -o tsv").stdout == "0\n")

        try box.write("good.yml", "command: sleep 1\nenvironment:\n  image: python\nresources:\n  instance_type: Standard_DS2_v2\n  instance_count: 2\nname: billed\n")
        #expect(box.az("ml job create -f good.yml --query resources.instance_type -o tsv").stdout == "Standard_DS2_v2\n")
        #expect(box.az("ml job show -n billed --query status -o tsv").stdout == "Completed\n")
        let workspace = try Workspace(home: box.home)
        let usage = try ServerlessUsage(workspace: workspace).history(in: try workspace.target(group: nil, workspace: nil))
        let line = try #require(usage.first)
        #expect(line.entity["size"] == "STANDARD_DS2_V2")
        let period = try #require(line.billing.first)
        #expect(period.nodes == 2)
        #expect(period.hourly == 0.146)
        #expect((period.end ?? period.start).timeIntervalSince(period.start) >= 1, "billed for the time it ran")
        let table = try cost(box)
        #expect(table.contains("serverless") && table.contains("STANDARD_DS2_V2") && table.contains("1 job, billed for their run time"), "\(table)")

        // A local run and a job that never ran cost nothing.
        try box.write("local.yml", "command: echo x\nenvironment:\n  image: python\ncompute: local\n")
        #expect(box.az("ml job create -f local.yml -o none").status == 0)
        #expect(try ServerlessUsage(workspace: workspace).history(in: try workspace.target(group: nil, workspace: nil)).first?.billing.count == 1)
    }

    @Test("model list --stage filters by stage, as the CLI reference lists it")
    func modelStage() throws {
        let box = try AzSandbox()
        try box.write("m.txt", "w\n")
        #expect(box.az("ml model create -n a -p m.txt -o none").status == 0)
        #expect(box.az("ml model create -n b -p m.txt -o none").status == 0)
        #expect(box.az("ml model update -n b -v 1 --stage Production -o none").status == 0)
        #expect(box.az("ml model list --stage Production --query [].name -o tsv").stdout == "b\n")
        #expect(box.az("ml model list --stage Development --query [].name -o tsv").stdout == "a\n")
        #expect(box.az("ml model list -n b --stage Development --query length(@) -o tsv").stdout == "0\n")
    }

    @Test("job update --set tags.z=1 and asset update store tags as strings")
    func tagsAreStrings() throws {
        let box = try AzSandbox()
        try box.write("job.yml", "command: echo x\nenvironment:\n  image: python\nname: tagged\n")
        #expect(box.az("ml job create -f job.yml -o none").status == 0)
        let updated = box.az("ml job update -n tagged --set tags.z=1 tags.ok=true --query tags")
        #expect(JSONValue.parse(updated.stdout) == ["z": "1", "ok": "true"], "\(updated.stdout)\(updated.stderr)")
        #expect(JSONValue.parse(box.az("ml job show -n tagged --query tags").stdout) == ["z": "1", "ok": "true"])
        try box.write("m.txt", "w\n")
        #expect(box.az("ml model create -n tm -p m.txt -o none").status == 0)
        #expect(JSONValue.parse(box.az("ml model update -n tm -v 1 --set tags.auc=0.91 --query tags").stdout) == ["auc": "0.91"])
    }
}
