import ArgumentParser
import CLICore
import Foundation
import Testing
@testable import AzCLI
import Workspace

/// Registered models as job inputs, and named outputs registered when a job completes.
@Suite("Models as job inputs, named outputs registered on completion")
struct JobModelAndOutputTests {
    static let mlmodel = "flavors:\n  python_function:\n    loader_module: mlflow.sklearn\n  sklearn:\n    pickled_model: model.pkl\n"

    func lineage(_ subject: String, home: URL) throws -> String {
        let console = CapturingConsole()
        let context = CommandContext(home: StateHome(url: home), console: console, inRepl: false)
        try CommandContext.$current.withValue(context) {
            var command = try LineageCommand.parseAsRoot([subject])
            try command.run()
        }
        return console.output
    }

    @Test("an mlflow_model or custom_model input names a registered model (version, @latest, registry URI) and gets its folder")
    func modelInputs() throws {
        let box = try AzSandbox()
        try box.write("model/MLmodel", Self.mlmodel)
        try box.write("model/model.pkl", "weights\n")
        #expect(box.az("ml model create -n m2 -v 1 --type mlflow_model -p model -o none").status == 0)
        try box.write("job.yml", """
            command: ls ${{inputs.m}} && cat ${{inputs.latest}}/model.pkl && ls ${{inputs.shared}}
            inputs:
              m:
                type: mlflow_model
                path: azureml:m2:1
              latest:
                type: custom_model
                path: azureml:m2@latest
              shared:
                type: mlflow_model
                path: azureml://registries/reg1/models/shared/versions/3
            environment:
              image: python
            name: uses_model
            """)
        #expect(box.az("ml registry create -n reg1 -o none").status == 0)
        #expect(box.az("ml model share -n m2 -v 1 --share-with-name shared --share-with-version 3 --registry-name reg1 -o none").status == 0)
        let created = box.az("ml job create -f job.yml --query status -o tsv")
        #expect(created.stdout == "Completed\n", "\(created.stderr)")
        let log = box.az("ml job stream -n uses_model").stdout
        #expect(log.contains("MLmodel\nmodel.pkl\nweights\nMLmodel\nmodel.pkl\n"), "\(log)")
        let inputs = JSONValue.parse(box.az("ml job show -n uses_model --query inputs").stdout)
        #expect(inputs?["m"] == ["mode": "ro_mount", "path": "azureml:m2:1", "type": "mlflow_model"])
        #expect(inputs?["latest"]?["path"] == "azureml:m2:1", "a label is recorded as the version it resolved to")
        #expect(inputs?["shared"]?["path"] == "azureml://registries/reg1/models/shared/versions/3")
        let tree = try lineage("job:uses_model", home: box.home)
        #expect(tree.contains("input model:m2:1 (mlflow_model"), "\(tree)")
        #expect(tree.contains("input model:shared:3 (mlflow_model") && tree.contains("in registry reg1"), "\(tree)")
    }

    @Test("a model input that names no registered model is refused at submit time as a model, not a data asset")
    func unknownModelInput() throws {
        let box = try AzSandbox()
        try box.write("job.yml", "command: ls ${{inputs.m}}\ninputs:\n  m:\n    type: mlflow_model\n    path: azureml:nope:1\nenvironment:\n  image: python\n")
        let result = box.az("ml job create -f job.yml")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Model nope:1 was not found"), "\(result.stderr)")
        #expect(!result.stderr.contains("Data asset"))
    }

    @Test("named outputs are registered when the job completes: models with job_name, folders and files as data assets")
    func namedOutputsRegister() throws {
        let box = try AzSandbox()
        try box.write("train.yml", """
            command: >-
              printf 'flavors:\\n  sklearn:\\n    pickled_model: model.pkl\\n' > ${{outputs.m}}/MLmodel &&
              echo weights > ${{outputs.m}}/model.pkl &&
              echo rows > ${{outputs.d}}/part.csv &&
              echo score > ${{outputs.f}}
            outputs:
              m:
                type: mlflow_model
                name: automodel
              d:
                type: uri_folder
                name: autodata
              f:
                type: uri_file
                name: autofile
                version: "5"
            environment:
              image: python
            name: trainer
            """)
        let created = box.az("ml job create -f train.yml --query status -o tsv")
        #expect(created.stdout == "Completed\n", "\(created.stderr)")
        #expect(box.az("ml model show -n automodel -v 1 --query [type,job_name,path] -o tsv").stdout
            == "mlflow_model\ntrainer\nazureml://jobs/trainer/outputs/m\n")
        #expect(box.az("ml model show -n automodel -v 1 --query flavors.sklearn.pickled_model -o tsv").stdout == "model.pkl\n")
        #expect(box.az("ml data show -n autodata -v 1 --query type -o tsv").stdout == "uri_folder\n")
        #expect(box.az("ml data show -n autofile -v 5 --query type -o tsv").stdout == "uri_file\n")
        let outputs = JSONValue.parse(box.az("ml job show -n trainer --query outputs").stdout)
        #expect(outputs?["m"]?["type"] == "mlflow_model", "job show reports the declared type")
        #expect(outputs?["m"]?["name"] == "automodel")
        #expect(outputs?["m"]?["version"] == "1")
        #expect(outputs?["f"]?["type"] == "uri_file")
        #expect(outputs?["default"]?["path"] == "azureml://datastores/workspaceartifactstore/ExperimentRun/dcid.trainer")

        // The registered data asset feeds the next job; the model's lineage leads back to the job.
        try box.write("use.yml", "command: cat ${{inputs.d}}/part.csv\ninputs:\n  d:\n    type: uri_folder\n    path: azureml:autodata@latest\nenvironment:\n  image: python\nname: reader\n")
        #expect(box.az("ml job create -f use.yml --query status -o tsv").stdout == "Completed\n")
        #expect(box.az("ml job stream -n reader").stdout.contains("rows\n"))
        let tree = try lineage("model:automodel:1", home: box.home)
        #expect(tree.contains("job:trainer (command, Completed"), "\(tree)")

        // Without version: the next one; the same run again gives automodel:2.
        #expect(box.az("ml job create -f train.yml -n trainer2 --set outputs.f.version=6 --query status -o tsv").stdout == "Completed\n")
        #expect(box.az("ml model show -n automodel --label latest --query [version,job_name] -o tsv").stdout == "2\ntrainer2\n")
    }

    @Test("an mlflow_model output without an MLmodel file fails the job while it finalizes, with the reason")
    func badModelOutputFailsTheJob() throws {
        let box = try AzSandbox()
        try box.write("job.yml", """
            command: echo weights > ${{outputs.m}}/model.pkl
            outputs:
              m:
                type: mlflow_model
                name: broken
            environment:
              image: python
            name: no_mlmodel
            """)
        _ = box.az("ml job create -f job.yml -o none")
        #expect(box.az("ml job show -n no_mlmodel --query status -o tsv").stdout == "Failed\n")
        let message = box.az("ml job show -n no_mlmodel --query error.message -o tsv").stdout
        #expect(message.contains("Registering output 'm' as model broken failed"), "\(message)")
        #expect(message.contains("No MLmodel file found"))
        #expect(box.az("ml model list -n broken --query length(@) -o tsv").stdout == "0\n")

        // In a pipeline the step fails while it finalizes, so the pipeline fails too.
        try box.write("pipe.yml", """
            type: pipeline
            name: pipe_bad_output
            jobs:
              train:
                command: echo weights > ${{outputs.m}}/model.pkl
                environment:
                  image: python
                outputs:
                  m:
                    type: mlflow_model
                    name: broken
            """)
        _ = box.az("ml job create -f pipe.yml -o none")
        #expect(box.az("ml job show -n pipe_bad_output_train --query status -o tsv").stdout == "Failed\n")
        #expect(box.az("ml job show -n pipe_bad_output --query status -o tsv").stdout == "Failed\n")
    }

    @Test("a sweep's named outputs are not registered: the submit says so")
    func sweepNamedOutputs() throws {
        let box = try AzSandbox()
        try box.write("sweep.yml", """
            type: sweep
            trial:
              command: echo ${{search_space.x}}
              environment:
                image: python
            search_space:
              x:
                type: choice
                values: [1]
            sampling_algorithm: grid
            objective:
              goal: maximize
              primary_metric: x
            limits:
              max_total_trials: 1
            outputs:
              m:
                type: mlflow_model
                name: sweepmodel
            """)
        let result = box.az("ml job create -f sweep.yml -o none")
        #expect(result.stderr.contains("not simulated yet: registering a sweep's named outputs"), "\(result.stderr)")
    }
}

/// `az ml job download`: the layout the SDK writes.
@Suite("az ml job download")
struct JobDownloadTests {
    func read(_ box: AzSandbox, _ relative: String) -> String? {
        try? String(contentsOf: box.work.appendingPathComponent(relative), encoding: .utf8)
    }

    func exists(_ box: AzSandbox, _ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: box.work.appendingPathComponent(relative).path)
    }

    @Test("default: artifacts/outputs, artifacts/logs and artifacts/user_logs; --output-name: named-outputs/<name>; --all: both")
    func layout() throws {
        let box = try AzSandbox()
        try box.write("job.yml", """
            command: >-
              echo hello &&
              echo acc=0.9 > outputs/metrics.txt && echo step 1 > logs/train.log &&
              echo weights > ${{outputs.model}}/w.txt && echo 0.9 > ${{outputs.score}}
            outputs:
              model:
              score:
                type: uri_file
            environment:
              image: python
            name: dl_job
            """)
        #expect(box.az("ml job create -f job.yml --query status -o tsv").stdout == "Completed\n")

        #expect(box.az("ml job download -n dl_job --download-path plain").status == 0)
        #expect(read(box, "plain/artifacts/outputs/metrics.txt") == "acc=0.9\n", "what the script wrote to ./outputs")
        #expect(read(box, "plain/artifacts/logs/train.log") == "step 1\n", "what the script wrote to ./logs")
        #expect(read(box, "plain/artifacts/user_logs/std_log.txt")?.contains("hello\n") == true)
        #expect(!exists(box, "plain/named-outputs"), "named outputs only with --output-name or --all")
        #expect(!exists(box, "plain/artifacts/outputs/model"), "named outputs are not default artifacts")

        #expect(box.az("ml job download -n dl_job --output-name model -p one").status == 0)
        #expect(read(box, "one/named-outputs/model/w.txt") == "weights\n")
        #expect(!exists(box, "one/artifacts"))
        #expect(box.az("ml job download -n dl_job --output-name score -p file").status == 0)
        #expect(read(box, "file/named-outputs/score/score") == "0.9\n", "a uri_file output is a file inside its folder")
        #expect(box.az("ml job download -n dl_job --output-name default -p def").status == 0)
        #expect(read(box, "def/artifacts/outputs/metrics.txt") == "acc=0.9\n", "`default` is the artifact store")

        #expect(box.az("ml job download -n dl_job --all -p every").status == 0)
        #expect(read(box, "every/artifacts/outputs/metrics.txt") == "acc=0.9\n")
        #expect(read(box, "every/named-outputs/model/w.txt") == "weights\n")
        #expect(read(box, "every/named-outputs/score/score") == "0.9\n")
        #expect(!exists(box, "every/named-outputs/artifacts"))

        let unknown = box.az("ml job download -n dl_job --output-name modle -p x")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("has no output named 'modle'; its outputs are: model, score"), "\(unknown.stderr)")
    }

    @Test("a sweep downloads its best trial, and its own logs under hd-artifacts")
    func sweep() throws {
        let box = try AzSandbox()
        try box.write("sweep.yml", """
            type: sweep
            name: dl_sweep
            trial:
              command: >-
                mkdir -p $MLOPSLAB_RUN_DIR/metrics &&
                echo "0 ${{search_space.x}} 0" > $MLOPSLAB_RUN_DIR/metrics/score &&
                echo x=${{search_space.x}} > outputs/best.txt
              environment:
                image: python
            search_space:
              x:
                type: choice
                values: [1, 3, 2]
            sampling_algorithm: grid
            objective:
              goal: maximize
              primary_metric: score
            limits:
              max_total_trials: 3
            """)
        #expect(box.az("ml job create -f sweep.yml --query status -o tsv").stdout == "Completed\n")
        #expect(box.az("ml job download -n dl_sweep -p out").status == 0)
        #expect(read(box, "out/artifacts/outputs/best.txt") == "x=3\n", "the best trial's artifacts")
        #expect(exists(box, "out/hd-artifacts/azureml-logs/hyperdrive.txt"), "the sweep's own logs")
    }
}
