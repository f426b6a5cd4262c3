import Foundation
import Testing
@testable import Serving
import Workspace

/// Runs the built `mlopslab` as a real process against one state home and working folder.
struct MlopslabProcess {
    let home: URL
    let work: URL

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var text: String { stdout + stderr }
    }

    static var executable: URL? {
        ServingSandbox.useBuiltExecutable()
        return (ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_EXECUTABLE"] ?? getenv("MLOPSLAB_SERVE_EXECUTABLE").map { String(cString: $0) })
            .map { URL(fileURLWithPath: $0) }
    }

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("traffic-e2e-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// `mlopslab --home HOME words...` in the working folder; waits for it.
    @discardableResult
    func run(_ words: [String]) throws -> Output {
        guard let executable = MlopslabProcess.executable else { throw WorkspaceError.failed("the mlopslab executable was not built next to the tests") }
        // posix_spawn and a blocking waitpid, output to files: the scoring host a command starts outlives it and
        // would hold a pipe open, and Foundation's Process missed the exit of a command that had started the host.
        let stamp = UUID().uuidString
        let outURL = home.deletingLastPathComponent().appendingPathComponent("out-\(stamp)")
        let errURL = home.deletingLastPathComponent().appendingPathComponent("err-\(stamp)")
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["MLOPSLAB_EXECUTABLE"] = executable.path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // `sh -c 'cd "$0" && exec "$@"'` runs the command in the working folder.
        let arguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", work.path, executable.path, "--home", home.path] + words
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw WorkspaceError.failed("cannot start mlopslab: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Output(status: exitStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    @discardableResult
    func run(_ line: String) throws -> Output { try run(line.split(separator: " ").map(String.init)) }

    func write(_ relative: String, _ text: String) throws {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Rows `x1,x2,x3,segment,churned` from a fixed generator; churn follows x1 (and a little x2, x3).
    static func churnRows(_ count: Int, seed: UInt64) -> String {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var csv = "x1,x2,x3,segment,churned\n"
        for _ in 0..<count {
            let x1 = next() * 4 - 2, x2 = next() * 4 - 2, x3 = next() * 4 - 2
            let segment = next() < 0.4 ? "a" : "b"
            let churned = x1 + 0.5 * x2 - 0.3 * x3 + 0.6 * (next() - 0.5) > 0 ? "yes" : "no"
            csv += "\(x1),\(x2),\(x3),\(segment),\(churned)\n"
        }
        return csv
    }

    /// Trains, registers and deploys the churn model with data collection, at 100 % traffic.
    func deployChurnModel(endpoint: String) throws {
        try write("train.csv", MlopslabProcess.churnRows(1000, seed: 11))
        try write("requests.csv", MlopslabProcess.churnRows(1000, seed: 12))
        let trained = try run("ml train --data train.csv --label churned --algorithm logistic-regression --model-output model")
        guard trained.status == 0 else { throw WorkspaceError.failed("ml train: \(trained.text)") }
        for line in ["az ml model create -n churn -v 1 --type mlflow_model --path model -o none",
                     "az ml data create -n churn-train -v 1 --type uri_file --path train.csv -o none",
                     "az ml online-endpoint create -n \(endpoint) -o none"] {
            let result = try run(line)
            guard result.status == 0 else { throw WorkspaceError.failed("\(line): \(result.text)") }
        }
        try write("blue.yml", """
            name: blue
            endpoint_name: \(endpoint)
            model: azureml:churn:1
            instance_type: Standard_DS3_v2
            instance_count: 1
            data_collector:
              collections:
                model_inputs:
                  enabled: 'True'
                model_outputs:
                  enabled: 'True'
            """)
        let deployed = try run("az ml online-deployment create -f blue.yml --all-traffic -o none")
        guard deployed.status == 0 else { throw WorkspaceError.failed("deployment create: \(deployed.text)") }
    }

    /// Moves the simulated clock to one second past the next UTC midnight (so daily windows hold whole days).
    func alignClockToMidnight() throws -> Date {
        let now = try Workspace(home: home).clock.now()
        let midnight = (floor(now.timeIntervalSince1970 / 86400) + 1) * 86400
        let seconds = Int((midnight - now.timeIntervalSince1970).rounded(.up)) + 1
        try run("clock advance \(seconds)s")
        return Date(timeIntervalSince1970: midnight)
    }
}

@Suite("Production traffic over HTTP, monitors and alerts (real processes)", .serialized)
struct TrafficEndToEndTests {
    @Test("30 days of traffic with drift from day 15: collected by the host, daily monitor alerts on day 16, retraining starts")
    func thirtyDaysOfDriftingTraffic() throws {
        let box = try MlopslabProcess()
        guard MlopslabProcess.executable != nil else { Issue.record("build mlopslab first (swift build)"); return }
        defer { HostLauncher.stop(home: box.home) }
        try box.deployChurnModel(endpoint: "churn-online")
        try box.write("retrain-pipeline.yml", """
            $schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
            type: pipeline
            display_name: retrain-on-drift
            jobs:
              retrain:
                type: command
                command: echo retraining after drift
                environment:
                  image: python
            """)
        try box.write("monitor.yml", """
            name: churn-monitor
            trigger:
              type: recurrence
              frequency: day
              interval: 1
              schedule:
                hours: [0]
                minutes: [0]
            create_monitor:
              compute:
                instance_type: standard_e4s_v3
                runtime_version: "3.3"
              monitoring_target:
                ml_task: classification
                endpoint_deployment_id: azureml:churn-online:blue
              monitoring_signals:
                input-drift:
                  type: data_drift
                  reference_data:
                    input_data: {path: azureml:churn-train:1, type: uri_file}
                    data_column_names: {target_column: churned}
                  features: [x1, x2, x3, segment]
                  metric_thresholds:
                    numerical: {normalized_wasserstein_distance: 0.1}
                    categorical: {jensen_shannon_distance: 0.1}
                output-drift:
                  type: prediction_drift
                  reference_data:
                    input_data: {path: azureml:churn-train:1, type: uri_file}
                    data_column_names: {target_column: churned}
                performance:
                  type: model_performance
                  metric_thresholds:
                    classification: {accuracy: 0.7}
              alert_notification:
                emails: [mlops@example.com]
                retraining_job: ./retrain-pipeline.yml
            """)
        let midnight = try box.alignClockToMidnight()
        let schedule = try box.run("az ml schedule create -f monitor.yml -o none")
        #expect(schedule.status == 0, "\(schedule.text)")

        let traffic = try box.run(["traffic", "--endpoint", "churn-online", "--data", "requests.csv", "--rate", "1000", "--per", "day",
                                   "--days", "30", "--drift", "x1:shift=1.5@day=15", "--label-delay", "3d"])
        #expect(traffic.status == 0, "\(traffic.text)")
        #expect(traffic.stdout.contains("Sent 30000 requests over HTTP to churn-online (blue 30000)"), "\(traffic.stdout)")
        #expect(traffic.stdout.contains("30000 labels; 30 scheduled runs"), "\(traffic.stdout)")

        // The host's data collector wrote what it served, on the simulated clock, with the traffic's correlation ids.
        let collected = box.home.appendingPathComponent("collected/mlw-mlopslab/churn-online")
        func lines(_ folder: String) throws -> [String] {
            let root = collected.appendingPathComponent(folder)
            var all: [String] = []
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where file.lastPathComponent == "data.jsonl" {
                all += try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
            }
            return all
        }
        let inputs = try lines("blue/model_inputs"), outputs = try lines("blue/model_outputs"), labels = try lines("labels")
        #expect(inputs.count == 30000 && outputs.count == 30000 && labels.count == 30000)
        let firstDay = String(SimulatedClock.isoString(midnight).prefix(10)).replacingOccurrences(of: "-", with: "/")
        #expect(FileManager.default.fileExists(atPath: collected.appendingPathComponent("blue/model_inputs/\(firstDay)/00/data.jsonl").path))
        let inputIds = Set(inputs.compactMap { JSONValue.parse($0)?["correlationid"]?.stringValue })
        let labelIds = Set(labels.compactMap { JSONValue.parse($0)?["correlationid"]?.stringValue })
        #expect(inputIds.count == 30000 && inputIds == labelIds)
        let firstInput = try #require(inputs.compactMap(JSONValue.parse).min { ($0["time"]?.stringValue ?? "") < ($1["time"]?.stringValue ?? "") })
        let firstTime = try #require(firstInput["time"]?.stringValue.flatMap(CollectedData.parseTime))
        #expect(firstTime >= midnight && firstTime < midnight.addingTimeInterval(3), "\(firstInput.compact())")

        // Daily runs: data drift alerts start with the run at the end of day 15 (the first drifted window), never before.
        let alertsOutput = try box.run("alerts --json")
        let alerts = alertsOutput.stdout.split(separator: "\n").compactMap { JSONValue.parse(String($0)) }
        #expect(!alerts.isEmpty, "\(alertsOutput.text)")
        let driftTimes = alerts.filter { $0["signal"]?.stringValue == "input-drift" }.compactMap { $0["time"]?.stringValue.flatMap(CollectedData.parseTime) }
        let firstDriftRun = midnight.addingTimeInterval(16 * 86400)
        #expect(driftTimes.min().map { abs($0.timeIntervalSince(firstDriftRun)) < 2 } == true, "drift alerts at \(driftTimes.sorted())")
        #expect(driftTimes.count == 15, "drift alerts at \(driftTimes.sorted())")
        #expect(alerts.filter { $0["signal"]?.stringValue == "input-drift" }.allSatisfy { alert in
            alert["failing"]?.arrayValue?.contains { $0["feature"]?.stringValue == "x1" } == true
        })
        // Each alerting run started the retraining pipeline, tagged with the monitor.
        let retraining = try #require(alerts.first { $0["signal"]?.stringValue == "input-drift" }?["retraining_job"]?["name"]?.stringValue)
        let job = try box.run(["az", "ml", "job", "show", "-n", retraining, "--query", "[type, tags.\"azureml.monitor_alert\"]", "-o", "tsv"])
        #expect(job.stdout.contains("pipeline") && job.stdout.contains("churn-monitor"), "\(job.text)")

        // Labels arrive 3 days late, so the one-day window has none: performance is estimated, and said so.
        let show = try box.run("monitor show churn-monitor")
        #expect(show.status == 0, "\(show.text)")
        #expect(show.stdout.contains("ESTIMATED") && show.stdout.contains("estimated_accuracy"), "\(show.stdout)")
        #expect(show.stdout.contains("x1") && show.stdout.contains("normalized_wasserstein_distance") && show.stdout.contains("FAIL"))
        #expect(show.stdout.contains("jensen_shannon_distance"))
        #expect(show.stdout.contains("x1: reference (#) vs production (*)"), "\(show.stdout)")
        #expect(show.stdout.contains("Retraining job: \(retraining)") || show.stdout.contains("Retraining job: "))
        // A day-15 run (before the drift) passed its drift signal.
        let early = try box.run("monitor show churn-monitor --run 15 --feature x1")
        #expect(early.stdout.contains("[passed] input-drift"), "\(early.stdout)")

        // `az ml schedule trigger` runs the monitor now as well.
        let triggered = try box.run("az ml schedule trigger -n churn-monitor -o none")
        #expect(triggered.status == 0, "\(triggered.text)")
        let list = try box.run("monitor list")
        #expect(list.stdout.contains("runs=31"), "\(list.text)")

        // The deployment is billed on the simulated clock: one Standard_DS3_v2 from its creation (before the clock
        // was moved to midnight, at most a day earlier) through the 30 days.
        let cost = try #require(JSONValue.parse(try box.run("cost --json").stdout))
        let line = try #require(cost["resources"]?.arrayValue?.first { $0["resource"]?.stringValue == "churn-online/blue" })
        #expect(line["type"]?.stringValue == "online-deployment")
        let hours = try #require(line["node_hours"]?.doubleValue)
        #expect(hours > 30 * 24 && hours < 31 * 24 + 1, "\(line.compact())")
        #expect(abs((line["cost_usd"]?.doubleValue ?? 0) - hours * 0.293) < 0.02)
    }

    @Test("keys never appear in the state home's files or in command output (except get-credentials)")
    func keysStaySecret() throws {
        let box = try MlopslabProcess()
        guard MlopslabProcess.executable != nil else { Issue.record("build mlopslab first (swift build)"); return }
        defer { HostLauncher.stop(home: box.home) }
        try box.deployChurnModel(endpoint: "secret-ep")
        let credentials = try box.run("az ml online-endpoint get-credentials -n secret-ep")
        let parsed = try #require(JSONValue.parse(credentials.stdout))
        let keys = [parsed["primaryKey"]?.stringValue, parsed["secondaryKey"]?.stringValue].compactMap { $0 }
        #expect(keys.count == 2 && keys.allSatisfy { $0.count >= 32 })
        try box.write("request.json", #"{"input_data": {"columns": ["x1", "x2", "x3", "segment"], "index": [0], "data": [[0.5, 1.0, -0.2, "a"]]}}"#)
        let commands = [
            "az ml online-endpoint invoke -n secret-ep -r request.json",
            "az ml online-endpoint invoke -n secret-ep -r request.json -d blue --debug",
            "az ml online-endpoint show -n secret-ep", "az ml online-endpoint list", "az ml online-endpoint list -o table",
            "az ml online-endpoint show -n secret-ep -o yaml", "az ml online-deployment show -n blue -e secret-ep",
            "az ml online-deployment list -e secret-ep", "az ml online-deployment get-logs -n blue -e secret-ep",
            "az ml online-deployment get-logs -n blue -e secret-ep --container storage-initializer",
            "traffic --endpoint secret-ep --data requests.csv --rate 200 --days 2 --label-delay 1d",
            "serve status", "serve status --json", "cost", "alerts", "monitor list",
        ]
        var outputs: [String: String] = [:]
        for command in commands {
            let result = try box.run(command)
            #expect(result.status == 0, "\(command): \(result.text)")
            outputs[command] = result.text
        }
        // A failing request (wrong key) must not echo the key it was given either.
        let regenerated = try box.run("az ml online-endpoint regenerate-keys -n secret-ep --key-type secondary")
        outputs["regenerate-keys"] = regenerated.text
        for (command, text) in outputs {
            for key in keys { #expect(!text.contains(key), "\(command) printed a key") }
        }
        HostLauncher.flushLogsIfRunning(home: box.home)
        // Every file of the state home but the state database (where the keys are kept) is free of them.
        var checked = 0
        let files = FileManager.default.enumerator(at: box.home, includingPropertiesForKeys: [.isRegularFileKey])?.compactMap { $0 as? URL } ?? []
        for file in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let name = file.lastPathComponent
            if name.hasPrefix("state.") || name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite-wal") || name.hasSuffix(".sqlite-shm") || name.hasSuffix(".db") || name.hasSuffix("-wal") || name.hasSuffix("-shm") { continue }
            let data = try Data(contentsOf: file)
            for key in keys { #expect(data.range(of: Data(key.utf8)) == nil, "\(file.path) holds a key") }
            checked += 1
        }
        #expect(checked > 10)
        let serving = box.home.appendingPathComponent("serving")
        #expect(FileManager.default.fileExists(atPath: serving.appendingPathComponent("host.log").path))
    }
}
