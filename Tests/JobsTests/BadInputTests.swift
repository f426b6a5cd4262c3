import Foundation
import Testing
@testable import Jobs
import Primitives

@Suite struct BadInputTests {
    /// Every prefix (cut at each line) and a set of single-character corruptions of every corpus job file
    /// either parses or throws a schema error; preparing what parses either succeeds or throws. Never a crash.
    @Test func truncatedAndCorruptedCorpusFilesNeverCrash() throws {
        let harness = try EngineHarness(label: "badinput")
        defer { harness.folder.cleanUp() }
        var random = SplitMix64(seed: 11)
        var outcomes = (parsed: 0, refused: 0)
        for file in CorpusTests.corpusFiles() {
            let text = try String(contentsOf: examplesRoot.appendingPathComponent(file.relative), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var variants = (0...lines.count).map { lines.prefix($0).joined(separator: "\n") }
            let characters = Array(text)
            for _ in 0..<20 where !characters.isEmpty {
                var mutated = characters
                let index = random.nextInt(below: mutated.count)
                mutated[index] = [":", "-", " ", "\t", "{", "[", "\"", "'", "$", "\n", "#", "&", "*"][random.nextInt(below: 13)]
                variants.append(String(mutated))
            }
            for variant in variants {
                do {
                    if file.kind == "job" {
                        let parsed = try JobSpecParser.parseJob(yaml: variant, file: file.relative)
                        _ = try? harness.engine.prepare(JobSubmission(job: parsed, baseDirectory: examplesRoot.appendingPathComponent(file.relative).deletingLastPathComponent()))
                    } else {
                        _ = try JobSpecParser.parseComponent(yaml: variant, file: file.relative)
                    }
                    outcomes.parsed += 1
                } catch let error as JobSpecError {
                    #expect(!error.issues.isEmpty)
                    #expect(error.issues.allSatisfy { $0.position.file == file.relative || $0.position.file.hasSuffix(".yml") })
                    outcomes.refused += 1
                }
            }
        }
        #expect(outcomes.parsed > 0 && outcomes.refused > 0)
    }

    @Test func nonMappingDocumentsAreSchemaErrors() {
        for text in ["- a\n- b\n", "just text", "42", "", "\u{0}\u{1}binary", "command: [unclosed"] {
            let issues = schemaIssues(text)
            #expect(!issues.isEmpty, "\(text.debugDescription) was accepted")
        }
    }

    /// Two threads creating the same job folder at once: exactly one wins, the other gets a clear error.
    @Test func concurrentSubmissionsOfOneNameGiveOneJob() throws {
        let folder = try TempFolder("race")
        defer { folder.cleanUp() }
        for round in 0..<20 {
            let sandbox = JobSandbox(jobsRoot: folder.url, name: "job_\(round)")
            let wins = TrialCollector(count: 8)
            DispatchQueue.concurrentPerform(iterations: 8) { index in
                do {
                    try sandbox.create()
                    wins.store(index, JobResult(name: "win", status: .completed, endedAt: Date()))
                } catch {
                    #expect("\(error)".contains("a job with this name already exists"))
                }
            }
            #expect(wins.results.count == 1)
        }
    }

    @Test func uriFileInputPointingAtAFolderFailsInPreparing() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        try harness.folder.write("data/a.csv", "x\n1\n")
        let result = try harness.run("""
        command: cat ${{inputs.f}}
        environment: azureml:env:1
        inputs:
          f:
            type: uri_file
            path: data
        """, name: "folder_as_file")
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("a uri_file input must be a file") == true)
        #expect(harness.sink.statuses(of: "folder_as_file") == [.notStarted, .queued, .preparing, .failed])
    }

    @Test func failedEnvironmentPreparationFailsTheJobInPreparing() throws {
        struct BrokenEnvironment: JobAssetResolver {
            func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData { ResolvedData(url: baseDirectory) }
            func resolveCode(_ code: String, baseDirectory: URL) throws -> URL { baseDirectory }
            func resolveComponent(_ reference: String) throws -> ResolvedComponent { throw JobsError.unknownJob(reference) }
            func checkCompute(_ compute: String?) throws {}
            func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws {}
            func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws {
                log("ERROR: No matching distribution found for scikit-lern")
                throw JobsError.unknownReference(field: "environment", reference: "azureml:bad:1", reason: "Image build failed. For more details, check system_logs/environment_build_log.txt")
            }
        }
        let harness = try EngineHarness(resolver: BrokenEnvironment())
        defer { harness.folder.cleanUp() }
        let result = try harness.run("command: echo never\nenvironment: azureml:bad:1\n", name: "bad_env")
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("Image build failed") == true)
        #expect(!harness.sink.statuses(of: "bad_env").contains(.running))
        let buildLog = try String(contentsOf: JobSandbox(jobsRoot: harness.jobsRoot, name: "bad_env").environmentLog, encoding: .utf8)
        #expect(buildLog == "ERROR: No matching distribution found for scikit-lern\n")
        #expect(harness.log("bad_env") == "ERROR: No matching distribution found for scikit-lern\n", "a failed build's log is the job's log too (and streamed)")
        #expect(harness.sink.events.contains(.log(job: "bad_env", text: "ERROR: No matching distribution found for scikit-lern\n")))
    }

    @Test func unknownComputeIsReportedWhereItIsWritten() throws {
        struct NoCompute: JobAssetResolver {
            func resolveData(_ path: String, type: JobInputType, baseDirectory: URL) throws -> ResolvedData { ResolvedData(url: baseDirectory) }
            func resolveCode(_ code: String, baseDirectory: URL) throws -> URL { baseDirectory }
            func resolveComponent(_ reference: String) throws -> ResolvedComponent { throw JobsError.unknownJob(reference) }
            func checkCompute(_ compute: String?) throws {
                if let compute { throw JobsError.unknownReference(field: "compute", reference: compute, reason: "no such compute") }
            }
            func checkEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL) throws {}
            func prepareEnvironment(_ environment: EnvironmentReference?, baseDirectory: URL, log: (String) -> Void) throws {}
        }
        let harness = try EngineHarness(resolver: NoCompute())
        defer { harness.folder.cleanUp() }
        do {
            _ = try harness.prepare("""
            type: pipeline
            settings:
              default_compute: azureml:gpu
            jobs:
              a:
                command: echo a
                environment: azureml:env:1
              b:
                command: echo b
                environment: azureml:env:1
              c:
                command: echo c
                environment: azureml:env:1
                compute: azureml:cpu
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(error.issues.map(\.field) == ["settings.default_compute", "jobs.c.compute"])
            #expect(error.issues.map(\.position.line) == [2, 14])
        }
    }

    @Test func unknownRegisteredReferencesAreSubmitErrors() throws {
        let harness = try EngineHarness()
        defer { harness.folder.cleanUp() }
        do {
            _ = try harness.prepare("""
            type: pipeline
            jobs:
              a:
                component: azureml:nothing@latest
              b:
                command: cat ${{inputs.d}}
                environment: azureml:env:1
                inputs:
                  d:
                    type: uri_folder
                    path: azureml:unknown-data:1
            """)
            Issue.record("expected an error")
        } catch let error as JobSpecError {
            #expect(Set(error.issues.map(\.field)) == ["jobs.a.component", "jobs.b.inputs.d.path"])
            #expect(error.issues.allSatisfy { $0.category == .notFound })
            #expect(error.message.contains("Resource was not found."))
        }
    }
}
