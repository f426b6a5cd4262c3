import Foundation
import Testing
@testable import AzCLI
import Workspace

@Suite("az ml data")
struct DataAssetCommandTests {
    @Test("create, show by version and @latest label, list with table view")
    func lifecycle() throws {
        let box = try AzSandbox()
        try box.write("data.csv", "a,b\n1,2\n")
        let created = box.az("ml data create --name d1 --version 1 --path data.csv --type uri_file")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("\"type\": \"uri_file\""))
        #expect(created.stdout.contains("/workspaces/mlw-mlopslab/data/d1/versions/1\""))
        #expect(box.az("ml data show --name d1 --version 1 --query version -o tsv").stdout == "1\n")
        try box.write("data.csv", "a,b\n1,3\n")
        #expect(box.az("ml data create --name d1 --path data.csv --type uri_file --query version -o tsv").stdout == "2\n")
        #expect(box.az("ml data show -n d1 -l latest --query version -o tsv").stdout == "2\n")
        #expect(box.az("ml data list -o table").stdout == "Name  Latest version  Description\n----  --------------  -----------\nd1    2\n")
        #expect(box.az("ml data list -n d1 --query [].version -o tsv").stdout == "2\n1\n")
    }

    @Test("a version is immutable: same content is accepted again, different content is refused")
    func immutability() throws {
        let box = try AzSandbox()
        try box.write("data.csv", "x\n1\n")
        #expect(box.az("ml data create -n d -v 1 -p data.csv -t uri_file").status == 0)
        #expect(box.az("ml data create -n d -v 1 -p data.csv -t uri_file").status == 0)
        try box.write("data.csv", "x\n2\n")
        let conflict = box.az("ml data create -n d -v 1 -p data.csv -t uri_file")
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("already exists with different content"))
        #expect(box.az("ml data list -n d --query length(@) -o tsv").stdout == "1\n")
    }

    @Test("archive hides a version from list and @latest; restore brings it back")
    func archive() throws {
        let box = try AzSandbox()
        try box.write("a.csv", "1\n")
        try box.write("b.csv", "2\n")
        box.az("ml data create -n d -p a.csv -t uri_file")
        box.az("ml data create -n d -p b.csv -t uri_file")
        #expect(box.az("ml data archive -n d -v 2").status == 0)
        #expect(box.az("ml data show -n d -l latest --query version -o tsv").stdout == "1\n")
        #expect(box.az("ml data list -n d --query [].version -o tsv").stdout == "1\n")
        #expect(box.az("ml data list -n d --archived-only --query [].version -o tsv").stdout == "2\n")
        #expect(box.az("ml data restore -n d -v 2").status == 0)
        #expect(box.az("ml data show -n d -l latest --query version -o tsv").stdout == "2\n")
    }

    @Test("update changes description and tags only")
    func update() throws {
        let box = try AzSandbox()
        try box.write("a.csv", "1\n")
        box.az("ml data create -n d -v 1 -p a.csv -t uri_file")
        let updated = box.az(words: ["ml", "data", "update", "-n", "d", "-v", "1", "--set", "description=clean data", "tags.stage=prod", "--query", "[description, tags.stage]", "-o", "tsv"])
        #expect(updated.stdout == "clean data\nprod\n", "\(updated.stderr)")
        let refused = box.az("ml data update -n d -v 1 --set type=uri_folder")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("immutable"))
    }

    @Test("paths that leave the working folder and the state home are refused", arguments: ["../outside.csv", "/etc/hostname", "link.csv", "folder"])
    func pathEscapes(_ path: String) throws {
        let box = try AzSandbox()
        try "secret\n".write(to: box.root.appendingPathComponent("outside.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: box.work.appendingPathComponent("link.csv").path, withDestinationPath: box.root.appendingPathComponent("outside.csv").path)
        try FileManager.default.createDirectory(at: box.work.appendingPathComponent("folder"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: box.work.appendingPathComponent("folder/escape.csv").path, withDestinationPath: box.root.appendingPathComponent("outside.csv").path)
        let type = path == "folder" ? "uri_folder" : "uri_file"
        let result = box.az("ml data create -n d -p \(path) -t \(type)")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Path refused") || result.stderr.contains("No such file"), "\(result.stderr)")
        if path != "/etc/hostname" || FileManager.default.fileExists(atPath: "/etc/hostname") {
            #expect(result.stderr.contains("Path refused"))
        }
        #expect(box.az("ml data list --query length(@) -o tsv").stdout == "0\n")
    }

    @Test("a YAML spec resolves paths relative to its folder; unknown fields get az's template with the line")
    func yamlSpec() throws {
        let box = try AzSandbox()
        try box.write("specs/data/titanic.csv", "a\n1\n")
        try box.write("specs/data.yml", "$schema: https://azuremlschemas.azureedge.net/latest/data.schema.json\nname: titanic\ntype: uri_file\npath: data/titanic.csv\n")
        let created = box.az("ml data create -f specs/data.yml --set version=3 --query version -o tsv")
        #expect(created.stdout == "3\n", "\(created.stderr)")
        try box.write("bad.yml", "name: x\npath: data.csv\ntyp: uri_file\n")
        let bad = box.az("ml data create -f bad.yml")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("ERROR: \nThe yaml file you provided does not match the prescribed schema for Data yaml files"))
        #expect(bad.stderr.contains("1) A least one unrecognized parameter is specified"))
        #expect(bad.stderr.contains("(x) typ (line 3):\n- Unknown field."))
        try box.write("wrongtype.yml", "name: x\npath: data.csv\ntype: uri_files\n")
        let wrong = box.az("ml data create -f wrongtype.yml")
        #expect(wrong.stderr.contains("(x) type (line 3):\n- Value 'uri_files' passed is not in set"))
    }

    @Test("mltable needs a folder with an MLTable file")
    func mltable() throws {
        let box = try AzSandbox()
        try box.write("tbl/data.csv", "a\n1\n")
        let missing = box.az("ml data create -n t -p tbl -t mltable")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("No MLTable file"))
        try box.write("tbl/MLTable", "paths:\n  - file: ./data.csv\ntransformations:\n  - read_delimited:\n      delimiter: ','\n")
        #expect(box.az("ml data create -n t -p tbl -t mltable --query type -o tsv").stdout == "mltable\n")
    }

    @Test("two processes creating versions at once get consecutive versions, nothing lost")
    func concurrentProcesses() throws {
        let box = try AzSandbox()
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mlopslab")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "the mlopslab binary is built beside the tests")
        for i in 0..<8 { try box.write("f\(i).csv", "v\n\(i)\n") }
        box.az("account show")
        let processes = try (0..<8).map { i -> Process in
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--home", box.home.path, "az", "ml", "data", "create", "-n", "shared", "-p", "f\(i).csv", "-t", "uri_file", "-o", "none"]
            process.currentDirectoryURL = box.work
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let versions = box.az("ml data list -n shared --query [].version -o tsv").stdout.split(separator: "\n").compactMap { Int($0) }.sorted()
        #expect(versions == Array(1...8))
    }
}

@Suite("Bad input to az commands")
struct BadInputTests {
    @Test("unparsable YAML, a missing file and a non-mapping document each give one clear error")
    func badFiles() throws {
        let box = try AzSandbox()
        try box.write("broken.yml", "name: x\npath: [unclosed\n")
        let broken = box.az("ml data create -f broken.yml")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("1) YAML file cannot be parsed."))
        #expect(broken.stderr.contains("Error while parsing yaml file"))
        let missing = box.az("ml environment create -f nope.yml")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("One or more files or folders do not exist."))
        try box.write("list.yml", "- a\n- b\n")
        let list = box.az("ml compute create -f list.yml")
        #expect(list.status == 1)
        #expect(list.stderr.contains("Not a valid mapping type."))
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (1...8).map { "l\($0): &l\($0) [" + Array(repeating: "*\($0 == 1 ? "a" : "l\($0 - 1)")", count: 10).joined(separator: ", ") + "]" }.joined(separator: "\n") + "\nname: x\n"
        try box.write("bomb.yml", bomb)
        let exploded = box.az("ml data create -f bomb.yml")
        #expect(exploded.status == 1)
        #expect(exploded.stderr.contains("expands to more than"))
        try box.write("binary.yml", "\u{0}\u{1}\u{2}name: x")
        let binary = box.az("ml model create -f binary.yml")
        #expect(binary.status == 1)
        #expect(binary.stderr.hasPrefix("ERROR: "))
    }

    @Test("non-numeric numbers, unknown workspaces and unknown references are errors, not crashes")
    func badValues() throws {
        let box = try AzSandbox()
        let number = box.az("ml compute create -n c1 --type amlcompute --max-instances two")
        #expect(number.status == 2)
        #expect(number.stderr.contains("invalid int value: 'two'"))
        #expect(box.az("ml data list -g nope").stderr.contains("(ResourceGroupNotFound)"))
        #expect(box.az("ml model show -n nope -v 1").stderr.contains("was not found"))
        #expect(box.az("ml environment show -n AzureML-sklearn-1.5 -v 999").status == 1)
        #expect(box.az("ml data show -n d -v 1 -l latest").stderr.contains("Cannot specify both version and label."))
    }
}

@Suite("az ml model")
struct ModelCommandTests {
    @Test("mlflow models copy their flavors; download writes the registered files back out")
    func mlflowAndDownload() throws {
        let box = try AzSandbox()
        try box.write("mlflow-model/MLmodel", "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n  sklearn:\n    sklearn_version: 1.5.1\n")
        try box.write("mlflow-model/model.pkl", "pickled")
        let created = box.az("ml model create -n m --type mlflow_model -p mlflow-model --query [version,type,flavors.sklearn.sklearn_version] -o tsv")
        #expect(created.stdout == "1\nmlflow_model\n1.5.1\n", "\(created.stderr)")
        try box.write("plain/model.pkl", "x")
        let noMLmodel = box.az("ml model create -n m2 --type mlflow_model -p plain")
        #expect(noMLmodel.status == 1)
        #expect(noMLmodel.stderr.contains("No MLmodel file"))
        #expect(box.az("ml model download -n m -v 1 -p downloads").status == 0)
        #expect(try String(contentsOf: box.work.appendingPathComponent("downloads/m/mlflow-model/model.pkl"), encoding: .utf8) == "pickled")
        #expect(box.az("ml model update -n m -v 1 --stage Production --query stage -o tsv").stdout == "Production\n")
    }
}

@Suite("The built-in azureml registry")
struct BuiltInRegistryTests {
    @Test("environment list agrees with show: --registry-name azureml lists the curated environments, -n AzureML-x lists it")
    func listMatchesShow() throws {
        let box = try AzSandbox()
        let names = box.az("ml environment list --registry-name azureml --query [].name -o tsv")
        #expect(names.status == 0, "\(names.stderr)")
        #expect(names.stdout.split(separator: "\n").contains("sklearn-1.5"))
        #expect(names.stdout.split(separator: "\n").count == CuratedEnvironments.all.count)
        #expect(box.az("ml environment show --registry-name azureml -n sklearn-1.5 -l latest --query version -o tsv").stdout == "22\n")
        #expect(box.az("ml environment list --registry-name azureml -n sklearn-1.5 --query [].version -o tsv").stdout == "22\n")
        #expect(box.az("ml environment list --registry-name azureml --max-results 2 --query length(@) -o tsv").stdout == "2\n")
        let workspace = box.az("ml environment list -n AzureML-sklearn-1.5 --query [].[name,version] -o tsv")
        #expect(workspace.stdout == "AzureML-sklearn-1.5\t22\n", "\(workspace.stderr)")
        #expect(box.az("ml environment show -n AzureML-sklearn-1.5 --query version -o tsv").stdout == "22\n")
        #expect(box.az("ml environment list -n AzureML-nothing --query length(@) -o tsv").stdout == "0\n")
        let table = box.az("ml environment list --registry-name azureml -o table").stdout
        #expect(table.hasPrefix("Name"), "\(table)")
        #expect(table.contains("sklearn-1.5") && table.contains("22"))
    }

    @Test("the azureml registry is read-only, and its other assets are not simulated yet")
    func readOnly() throws {
        let box = try AzSandbox()
        let create = box.az("ml environment create -n mine --image python --registry-name azureml")
        #expect(create.status == 1)
        #expect(create.stderr.contains("Registry 'azureml' is published by Microsoft and is read-only"), "\(create.stderr)")
        let models = box.az("ml model list --registry-name azureml")
        #expect(models.status == 1)
        #expect(models.stderr.contains("not simulated yet: the models of the azureml registry"), "\(models.stderr)")
        #expect(box.az("ml data list --registry-name nope").stderr.contains("Registry 'nope' was not found"))
    }
}
