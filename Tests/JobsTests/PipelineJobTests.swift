import Foundation
import Testing
@testable import Jobs

@Suite struct PipelineJobTests {
    static let twoSteps = """
    type: pipeline
    display_name: pass-a-file
    inputs:
      greeting: hello
      source:
        type: uri_file
        path: data/words.txt
    outputs:
      report:
        mode: upload
    jobs:
      make:
        command: echo "${{inputs.greeting}}" > ${{outputs.out}}/greeting.txt && cat ${{inputs.words}} >> ${{outputs.out}}/greeting.txt
        environment: azureml:env:1
        inputs:
          greeting: ${{parent.inputs.greeting}}
          words: ${{parent.inputs.source}}
        outputs:
          out:
      use:
        command: tr a-z A-Z < ${{inputs.incoming}}/greeting.txt > ${{outputs.shout}}/shout.txt && cat ${{outputs.shout}}/shout.txt
        environment: azureml:env:1
        inputs:
          incoming: ${{parent.jobs.make.outputs.out}}
        outputs:
          shout: ${{parent.outputs.report}}
    """

    @Test func stepsPassAFileInDependencyOrder() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("data/words.txt", "world\n")
        let prepared = try harness.prepare(Self.twoSteps, name: "pipe")
        #expect(prepared.stepOrder == ["make", "use"])
        let result = harness.engine.run(prepared)
        #expect(result.status == .completed, "\(harness.log("pipe_use")) \(harness.log("pipe_make"))")
        #expect(harness.log("pipe_use").contains("HELLO\nWORLD"))
        let report = try #require(result.outputs["report"])
        #expect(try String(contentsOf: report.appendingPathComponent("shout.txt"), encoding: .utf8) == "HELLO\nWORLD\n")
        let children = harness.sink.events.compactMap { event -> JobRecordInfo? in
            if case .created(let info) = event, info.parentName == "pipe" { return info }
            return nil
        }
        #expect(children.map(\.name) == ["pipe_make", "pipe_use"])
        #expect(harness.sink.statuses(of: "pipe").last == .completed)
        let executionLog = try String(contentsOf: JobSandbox(jobsRoot: harness.jobsRoot, name: "pipe").pipelineLog, encoding: .utf8)
        #expect(executionLog.contains("Submitting 1 runs, first five are: make:pipe_make"))
    }

    /// `continue_on_step_failure: false`: a failure cancels the running siblings and nothing else starts.
    @Test func failedStepStopsItsDependantsAndWithFalseItsSiblings() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let marks = harness.folder.url.appendingPathComponent("marks").path
        let result = try harness.run("""
        type: pipeline
        settings:
          continue_on_step_failure: false
        jobs:
          first:
            command: for i in $(seq 300); do [ -e \(marks)/independent ] && break; sleep 0.1; done; echo broken; exit 2
            environment: azureml:env:1
            outputs:
              out:
          second:
            command: ls ${{inputs.x}}
            environment: azureml:env:1
            inputs:
              x: ${{parent.jobs.first.outputs.out}}
          independent:
            command: mkdir -p \(marks) && touch \(marks)/independent && sleep 20
            environment: azureml:env:1
          after:
            command: echo never
            environment: azureml:env:1
            inputs:
              x: ${{parent.jobs.independent.outputs.artifacts}}
        """, name: "broken")
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("Failed nodes: /first") == true)
        #expect(harness.sink.result(of: "broken_first")?.status == .failed)
        let second = try #require(harness.sink.result(of: "broken_second"))
        #expect(second.status == .canceled)
        #expect(second.error?.message.contains("step 'first'") == true)
        #expect(!harness.sink.statuses(of: "broken_second").contains(.running))
        // Independent steps run at the same time; the failure cancels the running sibling.
        let independent = try #require(harness.sink.result(of: "broken_independent"))
        #expect(independent.status == .canceled)
        #expect(independent.error?.message == "Canceled: step 'first' failed and settings.continue_on_step_failure is false.")
        #expect(harness.sink.statuses(of: "broken_independent").contains(.running))
        #expect(harness.sink.result(of: "broken_after")?.status == .canceled)
        #expect(!harness.sink.statuses(of: "broken_after").contains(.running))
    }

    /// Each step waits for the other two to have started; run one after another they would time out.
    @Test func independentStepsRunAtTheSameTime() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let marks = harness.folder.url.appendingPathComponent("marks").path
        func step(_ name: String, waitsFor others: [String]) -> String {
            let ready = others.map { "[ -e \(marks)/\($0) ]" }.joined(separator: " && ")
            return """
              \(name):
                command: mkdir -p \(marks) && touch \(marks)/\(name) && for i in $(seq 300); do \(ready) && exit 0; sleep 0.1; done; exit 1
                environment: azureml:env:1
            """
        }
        let result = try harness.run("""
        type: pipeline
        jobs:
        \(step("a", waitsFor: ["b", "c"]))
        \(step("b", waitsFor: ["a", "c"]))
        \(step("c", waitsFor: ["a", "b"]))
        """, name: "wide")
        #expect(result.status == .completed, "\(harness.log("wide_a"))")
    }

    /// By default (`continue_on_step_failure` true, as the current pipeline YAML reference says) the steps that do
    /// not depend on the failed one keep running, and start, to the end; its dependants never run.
    @Test func byDefaultIndependentStepsContinueAfterAFailure() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        let marks = harness.folder.url.appendingPathComponent("marks").path
        let result = try harness.run("""
        type: pipeline
        jobs:
          first:
            command: sleep 0.2; mkdir -p \(marks) && touch \(marks)/failed && exit 1
            environment: azureml:env:1
            outputs:
              out:
          dependant:
            command: ls ${{inputs.x}}
            environment: azureml:env:1
            inputs:
              x: ${{parent.jobs.first.outputs.out}}
          running:
            command: for i in $(seq 100); do [ -e \(marks)/failed ] && break; sleep 0.05; done; echo still running
            environment: azureml:env:1
          later:
            command: echo later
            environment: azureml:env:1
            inputs:
              x: ${{parent.jobs.running.outputs.artifacts}}
        """, name: "cont")
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("Failed nodes: /first") == true)
        #expect(harness.sink.result(of: "cont_running")?.status == .completed)
        #expect(harness.sink.result(of: "cont_later")?.status == .completed, "a step that starts after the failure still runs")
        #expect(harness.sink.result(of: "cont_dependant")?.status == .canceled)
        #expect(!harness.sink.statuses(of: "cont_dependant").contains(.running))

        let explicit = try JobSpecParser.parseJob(yaml: "type: pipeline\nsettings:\n  continue_on_step_failure: true\njobs:\n  a:\n    command: echo\n", file: "p.yml")
        let unset = try JobSpecParser.parseJob(yaml: "type: pipeline\njobs:\n  a:\n    command: echo\n", file: "p.yml")
        guard case .pipeline(let withTrue) = explicit.spec, case .pipeline(let withDefault) = unset.spec else { Issue.record("not pipelines"); return }
        #expect(withTrue.settings.continueOnStepFailure && withDefault.settings.continueOnStepFailure)
    }

    @Test func unchangedDeterministicStepsAreReused() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("data/words.txt", "world\n")
        let first = try harness.run(Self.twoSteps, name: "run1")
        #expect(first.status == .completed)
        let second = try harness.run(Self.twoSteps, name: "run2")
        #expect(second.status == .completed)
        #expect(harness.sink.result(of: "run2_make")?.reusedFrom == "run1_make")
        #expect(harness.sink.result(of: "run2_use")?.reusedFrom == "run1_use")
        #expect(!harness.sink.statuses(of: "run2_make").contains(.running))
        #expect(try String(contentsOf: try #require(second.outputs["report"]).appendingPathComponent("shout.txt"), encoding: .utf8) == "HELLO\nWORLD\n")

        try harness.folder.write("data/words.txt", "there\n")
        let third = try harness.run(Self.twoSteps, name: "run3")
        #expect(third.status == .completed)
        #expect(harness.sink.result(of: "run3_make")?.reusedFrom == nil)
        #expect(harness.log("run3_use").contains("HELLO\nTHERE"))

        let forced = Self.twoSteps.replacingOccurrences(of: "display_name: pass-a-file", with: "display_name: pass-a-file\nsettings:\n  force_rerun: true")
        _ = try harness.run(forced, name: "run4")
        #expect(harness.sink.result(of: "run4_make")?.reusedFrom == nil)
        #expect(harness.sink.statuses(of: "run4_make").contains(.running))
    }

    @Test func nonDeterministicComponentIsNeverReused() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("stamp.yml", """
        name: stamp
        type: command
        is_deterministic: false
        outputs:
          out: {type: uri_folder}
        environment: azureml:env:1
        command: date +%s%N > ${{outputs.out}}/stamp.txt
        """)
        let yaml = "type: pipeline\njobs:\n  s:\n    component: ./stamp.yml\n"
        _ = try harness.run(yaml, name: "nd1")
        _ = try harness.run(yaml, name: "nd2")
        #expect(harness.sink.result(of: "nd2_s")?.reusedFrom == nil)
        #expect(harness.sink.statuses(of: "nd2_s").contains(.running))
    }

    @Test func bindingMistakesAreSubmitErrors() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("train.yml", """
        name: train
        inputs:
          data: {type: uri_folder}
          epochs: {type: integer}
        outputs:
          model: {type: uri_folder}
        environment: azureml:env:1
        command: train ${{inputs.data}} ${{inputs.epochs}} ${{outputs.model}} ${{inputs.ghost}}
        """)
        do {
            _ = try harness.prepare("""
            type: pipeline
            inputs:
              n: 3
            jobs:
              a:
                component: ./train.yml
                inputs:
                  data: ${{parent.jobs.nope.outputs.x}}
                  epochs: ${{parent.inputs.m}}
                  extra: 1
                outputs:
                  model: ${{parent.outputs.final}}
              b:
                component: ./train.yml
                inputs:
                  data: ${{parent.jobs.a.outputs.weights}}
              c:
                component: ./missing.yml
            """, file: "pipeline.yml")
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            let byField = Dictionary(error.issues.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(byField["jobs.a.inputs.data"]?.message.contains("no step 'nope'") == true)
            #expect(byField["jobs.a.inputs.data"]?.position.line == 8)
            #expect(byField["jobs.a.inputs.epochs"]?.message.contains("no input 'm'") == true)
            #expect(byField["jobs.a.inputs.extra"]?.message.contains("has no input named 'extra'") == true)
            #expect(byField["jobs.a.outputs.model"]?.message.contains("no output 'final'") == true)
            #expect(byField["jobs.b.inputs.data"]?.message.contains("has no output 'weights'") == true)
            #expect(byField["jobs.b.inputs.epochs"]?.category == .missingField)
            #expect(byField["jobs.c.component"]?.category == .missingFile)
            let ghost = error.issues.filter { $0.message.contains("${{inputs.ghost}}") }
            #expect(ghost.count == 2)
            #expect(ghost.first?.position.file == "./train.yml")
            #expect(ghost.first?.position.line == 8)
        }
    }

    @Test func literalInputsAreCheckedAgainstTheComponent() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("train.yml", """
        name: train
        inputs:
          epochs: {type: integer, min: 1, max: 100}
          lr: {type: number}
          schedule: {type: string, enum: [step, time-based]}
          seed: {type: integer, optional: true}
        environment: azureml:env:1
        command: train ${{inputs.epochs}} ${{inputs.lr}} ${{inputs.schedule}} --seed ${{inputs.seed}}
        """)
        do {
            _ = try harness.prepare("""
            type: pipeline
            inputs:
              rate: fast
            jobs:
              t:
                component: ./train.yml
                inputs:
                  epochs: 500
                  lr: ${{parent.inputs.rate}}
                  schedule: weekly
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            let byField = Dictionary(error.issues.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
            #expect(byField["jobs.t.inputs.epochs"] == "500 is above the maximum 100 of input 'epochs'.")
            #expect(byField["jobs.t.inputs.lr"] == "'fast' is not a valid number for input 'lr' (type: number).")
            #expect(byField["jobs.t.inputs.schedule"] == "'weekly' is not one of the values input 'schedule' allows: step, time-based.")
            #expect(byField["jobs.t.inputs.seed"]?.contains("outside a $[[...]] block") == true)
            #expect(error.issues.first { $0.field == "jobs.t.inputs.epochs" }?.position.line == 8)
        }
    }

    @Test func cyclesAreRefused() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        do {
            _ = try harness.prepare("""
            type: pipeline
            jobs:
              a:
                command: ls ${{inputs.x}}
                environment: azureml:env:1
                inputs:
                  x: ${{parent.jobs.b.outputs.o}}
                outputs:
                  o:
              b:
                command: ls ${{inputs.y}}
                environment: azureml:env:1
                inputs:
                  y: ${{parent.jobs.a.outputs.o}}
                outputs:
                  o:
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.message.contains("cycle: a -> b -> a") == true)
        }
    }

    @Test func orderingKeepsFileOrderAndDetectsCycles() {
        let ordered = StepOrdering.order([("c", ["b"]), ("a", []), ("b", ["a"]), ("d", [])])
        #expect((try? ordered.get()) == ["a", "b", "c", "d"])
        if case .failure(.cycle(let path)) = StepOrdering.order([("x", ["y"]), ("y", ["z"]), ("z", ["y"])]) {
            #expect(path == ["y", "z", "y"])
        } else {
            Issue.record("expected a cycle")
        }
    }
}
