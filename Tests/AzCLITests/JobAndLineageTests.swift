import ArgumentParser
import CLICore
import Foundation
import Testing
@testable import AzCLI
import Workspace

@Suite("az ml job, model from job output, lineage, clock and cost")
struct JobAndLineageTests {
    func runShell<C: ParsableCommand>(_ type: C.Type, _ arguments: [String], home: URL) throws -> String {
        let console = CapturingConsole()
        let context = CommandContext(home: StateHome(url: home), console: console, inRepl: false)
        try CommandContext.$current.withValue(context) {
            var command = try type.parseAsRoot(arguments)
            try command.run()
        }
        return console.output
    }

    @Test("a command job runs for real: inputs from a data asset, outputs, logs, status Completed")
    func commandJob() throws {
        let box = try AzSandbox()
        try box.write("data.csv", "a,b\n1,2\n")
        #expect(box.az("ml data create -n d1 -v 1 -p data.csv -t uri_file -o none").status == 0)
        try box.write("job.yml", """
            command: cat ${{inputs.data}} && echo "lr=${{inputs.lr}}" && mkdir -p ${{outputs.model}} && echo weights > ${{outputs.model}}/model.txt
            inputs:
              data:
                type: uri_file
                path: azureml:d1:1
              lr: 0.1
            outputs:
              model:
            environment: azureml:AzureML-sklearn-1.5@latest
            experiment_name: tests
            name: job_one
            """)
        let created = box.az("ml job create -f job.yml --query [name,status] -o tsv")
        #expect(created.stdout == "job_one\nCompleted\n", "\(created.stderr)")
        #expect(box.az("ml job list --query [].name -o tsv").stdout == "job_one\n")
        let streamed = box.az("ml job stream -n job_one")
        #expect(streamed.stdout.contains("RunId: job_one"))
        #expect(streamed.stdout.contains("a,b\n1,2\nlr=0.1\n"))
        #expect(streamed.stdout.contains("Execution Summary"))
        let table = box.az("ml job list -o table").stdout
        #expect(table.hasPrefix("Name     Status     Experiment  Compute target      Job type  Created on\n-------  ---------  ----------"))
        let download = box.az("ml job download -n job_one --output-name model -p out")
        #expect(download.status == 0, "\(download.stderr)")
        #expect(try String(contentsOf: box.work.appendingPathComponent("out/named-outputs/model/model.txt"), encoding: .utf8) == "weights\n")

        let model = box.az(words: ["ml", "model", "create", "-n", "clf", "-p", "azureml://jobs/job_one/outputs/model", "--query", "[version, job_name]", "-o", "tsv"])
        #expect(model.stdout == "1\njob_one\n", "\(model.stderr)")
        let tree = try runShell(LineageCommand.self, ["model:clf:1"], home: box.home)
        #expect(tree.hasPrefix("model:clf:1 (custom_model"))
        #expect(tree.contains("├── job:job_one (command, Completed, experiment tests)"))
        #expect(tree.contains("input data:d1:1 (uri_file)"))
        #expect(tree.contains("environment: azureml:AzureML-sklearn-1.5:22 (requested as azureml:AzureML-sklearn-1.5@latest)"))
    }

    @Test("a failing command leaves the job Failed with its logs; --stream exits 1 with az's exception text")
    func failingJob() throws {
        let box = try AzSandbox()
        try box.write("fail.yml", "command: echo before && exit 3\nenvironment: azureml:AzureML-sklearn-1.5@latest\nname: job_fail\n")
        let result = box.az("ml job create -f fail.yml --stream")
        #expect(result.status == 1)
        #expect(result.stdout.contains("before"))
        #expect(result.stderr.contains("Exception : "))
        #expect(box.az("ml job show -n job_fail --query status -o tsv").stdout == "Failed\n")
        let model = box.az(words: ["ml", "model", "create", "-n", "m", "-p", "azureml://jobs/job_fail/outputs/artifacts"])
        #expect(model.status == 1)
        #expect(model.stderr.contains("not Completed"))
    }

    @Test("a job on an environment whose build fails fails in Preparing with the build log")
    func failedEnvironment() throws {
        let box = try AzSandbox()
        try box.write("conda.yml", "dependencies:\n  - python=3.10\n  - pip\n  - pip:\n    - tensorflow==2.16.1\n    - numpy==2.1.3\n")
        #expect(box.az("ml environment create -n broken --image python --conda-file conda.yml -o none").status == 0)
        try box.write("job.yml", "command: echo never\nenvironment: azureml:broken:1\nname: job_env\n")
        let result = box.az("ml job create -f job.yml")
        #expect(box.az("ml job show -n job_env --query status -o tsv").stdout == "Failed\n", "\(result.stdout)\(result.stderr)")
        let error = box.az("ml job show -n job_env --query error.message -o tsv").stdout
        #expect(error.contains("Image build failed"))
    }

    @Test("a failed build shows in --stream, job stream and std_log: conda's UnsatisfiableError for a conda-level conflict")
    func failedBuildIsStreamed() throws {
        let box = try AzSandbox()
        try box.write("conda.yml", "name: old\ndependencies:\n  - python=3.8\n  - scikit-learn=1.5.2\n  - pip\n")
        try box.write("job.yml", "command: echo never\nenvironment:\n  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04\n  conda_file: conda.yml\nname: job_conda\n")
        let streamed = box.az("ml job create -f job.yml --stream")
        #expect(streamed.status == 1)
        #expect(streamed.stdout.contains("======Starting Image Build on Serverless Compute======"), "\(streamed.stdout)")
        #expect(streamed.stdout.contains("Solving environment: failed"))
        #expect(streamed.stdout.contains("Package python conflicts for:\npython=3.8\nscikit-learn=1.5.2 -> python[version='>=3.9']"))
        #expect(!streamed.stdout.contains("never"))
        #expect(streamed.stderr.contains("Exception : ") && streamed.stderr.contains("UnsatisfiableError"), "\(streamed.stderr)")
        #expect(box.az("ml job stream -n job_conda").stdout.contains("UnsatisfiableError: The following specifications were found to be incompatible with each other:"))
        #expect(box.az("ml job download -n job_conda -p dl").status == 0)
        let log = try String(contentsOf: box.work.appendingPathComponent("dl/artifacts/user_logs/std_log.txt"), encoding: .utf8)
        #expect(log.contains("Solving environment: failed"))
    }

    @Test("job show: data inputs as {mode, path, type} at their resolved version, literals as strings, the environment's exact version")
    func jobJSONShapes() throws {
        let box = try AzSandbox()
        try box.write("d.csv", "a\n1\n")
        #expect(box.az("ml data create -n mydata -v 1 -p d.csv -t uri_file -o none").status == 0)
        for _ in 1...3 { _ = box.az("ml environment create -n env --image python:3.\(Int.random(in: 0...1_000_000)) -o none") }
        try box.write("job.yml", """
            command: cat ${{inputs.d}} ${{inputs.e}}
            inputs:
              d:
                type: uri_file
                path: azureml:mydata@latest
              e:
                type: uri_file
                path: azureml:mydata:1
                mode: download
              n: 5
            environment: azureml:env@latest
            name: shaped
            """)
        #expect(box.az("ml job create -f job.yml -o none").status == 0)
        let job = try #require(JSONValue.parse(box.az("ml job show -n shaped").stdout))
        #expect(job["inputs"]?["d"] == ["mode": "ro_mount", "path": "azureml:mydata:1", "type": "uri_file"])
        #expect(job["inputs"]?["e"]?["mode"] == "download")
        #expect(job["inputs"]?["n"] == "5")
        #expect(job["environment"] == "azureml:env:3", "the version @latest resolved to, not the label")
        #expect(box.az(words: ["ml", "job", "list", "--query", "[?inputs.d.path=='azureml:mydata:1'].name", "-o", "tsv"]).stdout == "shaped\n")
    }

    @Test("unknown references and computes are refused at submit time")
    func badReferences() throws {
        let box = try AzSandbox()
        try box.write("job.yml", "command: echo x\nenvironment:\n  image: python\ncompute: azureml:nope\n")
        let compute = box.az("ml job create -f job.yml")
        #expect(compute.status != 0)
        #expect(compute.stderr.contains("nope"))
        try box.write("job2.yml", "command: cat ${{inputs.d}}\nenvironment:\n  image: python\ninputs:\n  d:\n    type: uri_file\n    path: azureml:missing:1\n")
        let data = box.az("ml job create -f job2.yml")
        #expect(data.status != 0)
        #expect(data.stderr.contains("missing"))
        #expect(box.az("ml job list --query length(@) -o tsv").stdout == "0\n")
    }

    @Test("mlopslab cost shows an idle min_instances 2 cluster costing money after clock advance")
    func costAndClock() throws {
        let box = try AzSandbox()
        #expect(box.az("ml compute create -n warm --type amlcompute --min-instances 2 --max-instances 4 --size STANDARD_DS3_V2 -o none").status == 0)
        #expect(box.az("ml compute create -n cold --type amlcompute -o none").status == 0)
        let advanced = try runShell(ClockCommand.self, ["advance", "7d"], home: box.home)
        #expect(advanced.contains("Advanced the clock by 7d"))
        let text = try runShell(CostCommand.self, ["--json"], home: box.home)
        let json = try #require(JSONValue.parse(text))
        let warm = json["resources"]?.arrayValue?.first { $0["resource"] == "warm" }
        #expect(abs((warm?["cost_usd"]?.doubleValue ?? 0) - 2 * 168 * 0.293) < 0.1)
        #expect(json["resources"]?.arrayValue?.first { $0["resource"] == "cold" }?["cost_usd"]?.doubleValue == 0)
        try box.write("job.yml", "command: echo hi\nenvironment:\n  image: python\ncompute: azureml:cold\n")
        #expect(box.az("ml job create -f job.yml -o none").status == 0)
        #expect(box.az("ml compute list-nodes -n cold --query length(@) -o tsv").stdout == "1\n", "the node stays up for idle_time_before_scale_down")
        #expect(box.az("ml compute list-nodes -n warm --query length(@) -o tsv").stdout == "2\n")
        _ = try runShell(ClockCommand.self, ["advance", "1h"], home: box.home)
        #expect(box.az("ml compute list-nodes -n cold --query length(@) -o tsv").stdout == "0\n", "idle nodes scale down once idle_time_before_scale_down has passed")
        let after = try #require(JSONValue.parse(try runShell(CostCommand.self, ["--json"], home: box.home)))
        let cold = after["resources"]?.arrayValue?.first { $0["resource"] == "cold" }
        #expect((cold?["node_hours"]?.doubleValue ?? 0) >= 0.03, "a job keeps a node up for the run plus idle_time_before_scale_down (120 s)")
        let table = try runShell(CostCommand.self, [], home: box.home)
        #expect(table.contains("warm"))
        #expect(table.contains("idle node(s) always on"))
    }
}

@Suite("Pipelines with registered components, and crash recovery")
struct PipelineAndRecoveryTests {
    @Test("a model from a pipeline step traces back through the step's record: data version, environment, code, upstream steps")
    func pipelineLineage() throws {
        let box = try AzSandbox()
        try box.write("raw.csv", "x,y\n1,2\n")
        #expect(box.az("ml data create -n raw -v 1 -p raw.csv -t uri_file -o none").status == 0)
        #expect(box.az("ml environment create -n env1 --image python -o none").status == 0)
        try box.write("src/train.sh", "cat \"$1/clean.csv\" && printf 'flavors:\\n  sklearn:\\n    pickled_model: model.pkl\\n' > \"$2/MLmodel\" && echo \"lr=$3\" > \"$2/model.pkl\"\n")
        try box.write("pipeline.yml", """
            type: pipeline
            name: pipe_lin
            experiment_name: lineage
            inputs:
              raw:
                type: uri_file
                path: azureml:raw@latest
            outputs:
              final:
                type: mlflow_model
                name: pipemodel
            jobs:
              prep:
                command: cp ${{inputs.data}} ${{outputs.clean}}/clean.csv
                environment: azureml:env1@latest
                inputs:
                  data: ${{parent.inputs.raw}}
                outputs:
                  clean:
                    type: uri_folder
                    name: cleandata
              train:
                command: sh train.sh ${{inputs.clean}} ${{outputs.model}} ${{inputs.lr}}
                code: ./src
                environment: azureml:env1@latest
                inputs:
                  clean: ${{parent.jobs.prep.outputs.clean}}
                  lr: 0.1
                outputs:
                  model: ${{parent.outputs.final}}
            """)
        let run = box.az("ml job create -f pipeline.yml --query status -o tsv")
        #expect(run.stdout == "Completed\n", "\(run.stderr)")

        // The child records keep what they ran with.
        let prep = try #require(JSONValue.parse(box.az("ml job show -n pipe_lin_prep").stdout))
        #expect(prep["inputs"]?["data"] == ["mode": "ro_mount", "path": "azureml:raw:1", "type": "uri_file"])
        #expect(prep["environment"] == "azureml:env1:1")
        #expect(prep["command"] == "cp ${{inputs.data}} ${{outputs.clean}}/clean.csv")
        let train = try #require(JSONValue.parse(box.az("ml job show -n pipe_lin_train").stdout))
        #expect(train["inputs"]?["clean"]?["path"] == "azureml://jobs/pipe_lin_prep/outputs/clean")
        #expect(train["inputs"]?["lr"] == "0.1")
        #expect(train["code"]?.stringValue?.contains("/codes/") == true)

        // Named outputs: the step's is registered from the step, the pipeline's names the step that wrote it.
        #expect(box.az("ml data show -n cleandata -v 1 --query type -o tsv").stdout == "uri_folder\n")
        #expect(box.az("ml model show -n pipemodel -v 1 --query job_name -o tsv").stdout == "pipe_lin_train\n")

        let console = CapturingConsole()
        let context = CommandContext(home: StateHome(url: box.home), console: console, inRepl: false)
        try CommandContext.$current.withValue(context) {
            var command = try LineageCommand.parseAsRoot(["model:pipemodel:1"])
            try command.run()
        }
        let tree = console.output
        #expect(tree.contains("├── job:pipe_lin_train (command, Completed, experiment lineage)"), "\(tree)")
        #expect(tree.contains("input from output 'clean' of job:pipe_lin_prep (command, Completed"), "\(tree)")
        #expect(tree.contains("input data:raw:1 (uri_file)"), "\(tree)")
        #expect(tree.contains("environment: azureml:env1:1 (requested as azureml:env1@latest)"))
        #expect(tree.contains("code: sha256:"))
        #expect(tree.contains("parent job: pipe_lin"))
    }

    @Test("a pipeline step uses a registered component by azureml:name@latest and passes data to the next step")
    func registeredComponent() throws {
        let box = try AzSandbox()
        try box.write("comp/src/run.sh", "echo from-component > \"$1/out.txt\"\n")
        try box.write("comp/component.yml", """
            $schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
            name: writer
            type: command
            outputs:
              result:
                type: uri_folder
            code: ./src
            environment:
              image: python
            command: sh run.sh ${{outputs.result}}
            """)
        let created = box.az("ml component create -f comp/component.yml --query [name,version] -o tsv")
        #expect(created.stdout == "writer\n1\n", "\(created.stderr)")
        try box.write("pipeline.yml", """
            $schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
            type: pipeline
            name: pipe_one
            jobs:
              write:
                component: azureml:writer@latest
              read:
                command: cat ${{inputs.folder}}/out.txt
                environment:
                  image: python
                inputs:
                  folder: ${{parent.jobs.write.outputs.result}}
            """)
        let run = box.az("ml job create -f pipeline.yml --query status -o tsv")
        #expect(run.stdout == "Completed\n", "\(run.stderr)")
        let children = box.az("ml job list --parent-job-name pipe_one --query length(@) -o tsv")
        #expect(children.stdout == "2\n")
        #expect(box.az("ml job show -n pipe_one --query jobs.write.component -o tsv").stdout == "azureml:writer:1\n", "the version @latest resolved to")
        #expect(box.az("ml job show -n pipe_one_write --query component -o tsv").stdout == "azureml:writer:1\n")
        #expect(box.az("ml job list --query [].name -o tsv").stdout == "pipe_one\n")
    }
}
