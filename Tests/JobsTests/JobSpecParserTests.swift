import Foundation
import Testing
@testable import Jobs

@Suite struct JobSpecParserTests {
    @Test func commandJobFieldsAreRead() throws {
        let yaml = """
        $schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
        name: train_1
        display_name: Train
        experiment_name: churn
        description: trains
        tags: {team: ml}
        code: src
        command: python train.py --data ${{inputs.data}} --c ${{inputs.c}} --out ${{outputs.model}}
        environment: azureml:AzureML-sklearn-1.5@latest
        compute: azureml:cpu-cluster
        inputs:
          data:
            type: uri_file
            path: ./data.csv
            mode: download
          c: 0.5
          flag: true
        outputs:
          model:
            type: mlflow_model
        environment_variables:
          SEED: "3"
        limits:
          timeout: 60
        resources:
          instance_count: 1
          shm_size: 2g
        identity:
          type: user_identity
        """
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: "job.yml")
        guard case .command(let spec) = parsed.spec else { Issue.record("not a command job"); return }
        #expect(spec.metadata.name == "train_1")
        #expect(spec.metadata.experimentName == "churn")
        #expect(spec.metadata.tags == ["team": "ml"])
        #expect(spec.metadata.identityType == "user_identity")
        #expect(spec.code == "src")
        #expect(spec.environment == .registered("azureml:AzureML-sklearn-1.5@latest"))
        #expect(spec.timeoutSeconds == 60)
        #expect(spec.environmentVariables == ["SEED": "3"])
        #expect(spec.inputs.map(\.name) == ["data", "c", "flag"])
        #expect(spec.inputs[0].value == .data(type: .uriFile, path: "./data.csv", mode: .download))
        #expect(spec.inputs[1].value == .literal("0.5"))
        #expect(spec.outputs.first?.type == .mlflowModel)
        #expect(spec.commandPosition.line == 8)
        #expect(parsed.warnings.isEmpty)
    }

    @Test func unknownFieldNamesFieldAndLine() {
        let yaml = """
        command: echo hi
        environment:
          image: python
        resources:
          instance_typ: Standard_DS3_v2
        """
        let issues = schemaIssues(yaml)
        #expect(issues.count == 1)
        #expect(issues.first?.category == .unknownField)
        #expect(issues.first?.field == "resources.instance_typ")
        #expect(issues.first?.position.line == 5)
        #expect(issues.first?.message.contains("instance_type") == true)
    }

    @Test func missingCommandIsReportedOnTheDocument() {
        let issues = schemaIssues("environment: azureml:env:1\ncompute: azureml:cpu\n")
        #expect(issues.map(\.field) == ["command"])
        #expect(issues.first?.category == .missingField)
    }

    @Test func invalidValuesAreReportedEachWithItsLine() {
        let yaml = """
        command: echo ${{inputs.x}}
        environment: azureml:env:1
        inputs:
          x:
            type: uri_filez
            path: a.csv
        limits:
          timeout: soon
        """
        let issues = schemaIssues(yaml)
        #expect(issues.map(\.field).sorted() == ["inputs.x.type", "limits.timeout"])
        #expect(issues.first { $0.field == "inputs.x.type" }?.position.line == 5)
        #expect(issues.first { $0.field == "limits.timeout" }?.position.line == 8)
    }

    @Test func yamlSyntaxErrorsGiveTheLine() {
        let issues = schemaIssues("command: echo hi\nenvironment:\n  image: [python\n")
        #expect(issues.first?.category == .unparsable)
        #expect((issues.first?.position.line ?? 0) >= 3)
    }

    @Test func templateMatchesAzLayout() {
        let error = JobSpecError.schema(entity: "CommandJob", file: "job.yml", issues: [
            SchemaIssue(.unknownField, field: "instance_typ", "Unknown field.", at: SourcePosition(file: "job.yml", line: 7, column: 3)),
        ])
        let text = error.message
        #expect(text.hasPrefix("The yaml file you provided does not match the prescribed schema for CommandJob yaml files"))
        #expect(text.contains("Error: \n1) A least one unrecognized parameter is specified\n"))
        #expect(text.contains("Details: \n(x) instance_typ: (job.yml:7:3)\n- Unknown field.\n"))
        #expect(text.contains("Resolutions: \n1) Remove any parameters not prescribed by the CommandJob schema."))
        #expect(error.exitCode == 1)
    }

    @Test func distributionAndServicesAreAcceptedWithNotSimulatedWarnings() throws {
        let yaml = """
        command: echo hi
        environment: azureml:env:1
        distribution:
          type: pytorch
          process_count_per_instance: 2
        resources:
          instance_count: 2
        services:
          my_vscode:
            type: vs_code
        """
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: "job.yml")
        let texts = parsed.warnings.map(\.message)
        #expect(texts.count == 3)
        #expect(texts.allSatisfy { $0.hasPrefix("not simulated yet: ") })
        #expect(parsed.warnings.map(\.position.line).sorted() == [3, 7, 8])
        #expect(parsed.warnings.map { String(describing: $0) }.contains("not simulated yet: distributed training (distribution.type: pytorch); the command runs as a single process (job.yml:3:1)"))
    }

    @Test func unsupportedJobTypesAreRefusedAsNotSimulated() {
        let issues = schemaIssues("type: automl\ntask: classification\n")
        #expect(issues.first?.category == .notSimulated)
        #expect(issues.first?.message == "not simulated yet: automl jobs")
    }

    @Test func pipelineStepsAndSettingsAreRead() throws {
        let yaml = """
        type: pipeline
        settings:
          default_compute: azureml:serverless
          force_rerun: true
          continue_on_step_failure: true
        inputs:
          n: 3
        outputs:
          final:
            mode: upload
        jobs:
          prep:
            command: echo ${{inputs.n}} > ${{outputs.out}}/n.txt
            environment: azureml:env:1
            inputs:
              n: ${{parent.inputs.n}}
            outputs:
              out:
          train:
            component: ./train.yml
            inputs:
              data: ${{parent.jobs.prep.outputs.out}}
            outputs:
              model: ${{parent.outputs.final}}
          score:
            component: azureml:score@latest
        """
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: "p.yml")
        guard case .pipeline(let spec) = parsed.spec else { Issue.record("not a pipeline"); return }
        #expect(spec.settings == PipelineSettings(defaultCompute: "azureml:serverless", continueOnStepFailure: true, forceRerun: true))
        #expect(spec.steps.map(\.name) == ["prep", "train", "score"])
        #expect(spec.steps[1].component == .file("./train.yml"))
        #expect(spec.steps[2].component == .registered("azureml:score@latest"))
        #expect(spec.steps[1].inputs.first?.value == .binding("${{parent.jobs.prep.outputs.out}}"))
        #expect(spec.steps[1].outputs.first?.binding == "${{parent.outputs.final}}")
        guard case .inline(let inline) = spec.steps[0].component else { Issue.record("prep is not inline"); return }
        #expect(inline.outputs.map(\.name) == ["out"])
    }

    @Test func stepNamesMustBeIdentifiers() {
        let issues = schemaIssues("type: pipeline\njobs:\n  my step:\n    command: echo\n    environment: azureml:e:1\n")
        #expect(issues.map(\.field) == ["jobs.my step"])
        #expect(issues.first?.position.line == 3)
    }

    @Test func parallelStepsAreNotSimulated() {
        let yaml = """
        type: pipeline
        jobs:
          batch:
            type: parallel
            component: ./p.yml
        """
        let issues = schemaIssues(yaml)
        #expect(issues.first?.category == .notSimulated)
        #expect(issues.first?.field == "jobs.batch.type")
        #expect(issues.first?.position.line == 4)
    }

    @Test func sweepFieldsAreRead() throws {
        let yaml = """
        type: sweep
        trial:
          command: ./train.sh ${{search_space.lr}} ${{search_space.k}}
          environment: azureml:env:1
        sampling_algorithm:
          type: random
          seed: 7
        search_space:
          lr:
            type: loguniform
            min_value: -6
            max_value: -1
          k:
            type: choice
            values: [1, 3, 5]
        objective:
          goal: maximize
          primary_metric: accuracy
        limits:
          max_total_trials: 6
          max_concurrent_trials: 2
        early_termination:
          type: bandit
          slack_factor: 0.1
        """
        let parsed = try JobSpecParser.parseJob(yaml: yaml, file: "s.yml")
        guard case .sweep(let spec) = parsed.spec else { Issue.record("not a sweep"); return }
        #expect(spec.samplingAlgorithm == .random(seed: 7))
        #expect(spec.searchSpace.map(\.distribution) == [.loguniform(min: -6, max: -1), .choice(["1", "3", "5"])])
        #expect(spec.objective == SweepObjective(primaryMetric: "accuracy", goal: .maximize))
        #expect(spec.limits == SweepLimits(maxTotalTrials: 6, maxConcurrentTrials: 2))
        #expect(spec.earlyTerminationType == "bandit")
        #expect(spec.earlyTermination == EarlyTerminationPolicy(kind: .bandit, slackFactor: 0.1))
        #expect(parsed.warnings.isEmpty)
    }

    @Test func sweepMistakesAreReported() {
        let yaml = """
        type: sweep
        trial:
          command: ./train.sh ${{search_space.rate}}
          environment: azureml:env:1
        sampling_algorithm: grid
        search_space:
          lr:
            type: uniform
            min_value: 0.5
            max_value: 0.1
        objective:
          goal: maximise
          primary_metric: accuracy
        limits:
          max_total_trials: 0
        """
        let issues = schemaIssues(yaml)
        let fields = Set(issues.map(\.field))
        #expect(fields.contains("search_space.lr.min_value"))
        #expect(fields.contains("objective.goal"))
        #expect(fields.contains("limits.max_total_trials"))
        #expect(fields.contains("trial.command"))
        #expect(issues.first { $0.field == "objective.goal" }?.position.line == 12)
    }

    @Test func banditNeedsExactlyOneSlack() {
        let yaml = """
        type: sweep
        trial:
          command: ./t.sh ${{search_space.x}}
          environment: azureml:env:1
        sampling_algorithm: random
        search_space:
          x: {type: choice, values: [1]}
        objective: {goal: maximize, primary_metric: acc}
        limits: {max_total_trials: 1}
        early_termination:
          type: bandit
          evaluation_interval: 2
        """
        let issues = schemaIssues(yaml)
        #expect(issues.map(\.field) == ["early_termination.slack_factor"])
        #expect(issues.first?.position.line == 10)
    }

    @Test func componentDeclarationsAreRead() throws {
        let yaml = """
        $schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
        name: train
        version: 3
        type: command
        is_deterministic: false
        inputs:
          data: {type: uri_folder}
          epochs: {type: integer, min: 1, max: 100, optional: true}
          schedule: {type: string, default: step, enum: [step, time-based]}
        outputs:
          model: {type: uri_folder}
        environment: azureml:env:1
        command: train --data ${{inputs.data}} $[[--epochs ${{inputs.epochs}}]] --out ${{outputs.model}}
        """
        let parsed = try JobSpecParser.parseComponent(yaml: yaml, file: "train.yml")
        guard case .command(let component) = parsed.kind else { Issue.record("not a command component"); return }
        #expect(component.name == "train")
        #expect(component.version == "3")
        #expect(component.isDeterministic == false)
        #expect(component.input(named: "epochs")?.optional == true)
        #expect(component.input(named: "epochs")?.maximum == 100)
        #expect(component.input(named: "schedule")?.allowedValues == ["step", "time-based"])
        #expect(component.input(named: "schedule")?.defaultValue == "step")
    }

    @Test func componentWithoutNameIsAnError() {
        do {
            _ = try JobSpecParser.parseComponent(yaml: "type: command\ncommand: echo\nenvironment: azureml:e:1\n", file: "c.yml")
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(error.issues.map(\.field) == ["name"])
            #expect(error.message.contains("CommandComponent"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
