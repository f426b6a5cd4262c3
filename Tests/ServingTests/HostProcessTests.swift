import Foundation
import Testing
@testable import AzCLI
@testable import Serving
import Workspace

@Suite("The background scoring host process", .serialized)
struct HostProcessTests {
    @Test("the host outlives the creating command, answers curl-style HTTP, and comes back after SIGKILL")
    func hostLifecycle() throws {
        let box = try ServingSandbox()
        guard ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_EXECUTABLE"] != nil || getenv("MLOPSLAB_SERVE_EXECUTABLE") != nil else {
            Issue.record("the mlopslab executable was not found next to the test bundle; build it with `swift build` first")
            return
        }
        defer { HostLauncher.stop(home: box.home) }
        #expect(box.az("ml online-endpoint create -n ep-live -o none").status == 0)
        try box.write("blue.yml", "name: blue\nendpoint_name: ep-live\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n")
        let created = box.az("ml online-deployment create -f blue.yml --all-traffic")
        #expect(created.status == 0, "\(created.stderr)")
        let first = try #require(HostLauncher.running(home: box.home))
        #expect(first.pid != getpid())

        let show = try #require(JSONValue.parse(box.az("ml online-endpoint show -n ep-live").stdout))
        let uri = try #require(show["scoring_uri"]?.stringValue.flatMap(URL.init(string:)))
        let (key, _) = try box.keys("ep-live")
        let reply = try #require(LoopbackClient.send(uri, method: "POST", headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"], body: Data(ServingSandbox.oneRow.utf8)))
        #expect(reply.status == 200)
        #expect(reply.body == "[1]")

        try box.write("req.json", ServingSandbox.oneRow)
        #expect(box.az("ml online-endpoint invoke -n ep-live -r req.json").stdout == "\"[1]\"\n")

        kill(first.pid, SIGKILL)
        var waited = 0
        while kill(first.pid, 0) == 0, waited < 200 { var s: Int32 = 0; _ = waitpid(first.pid, &s, WNOHANG); usleep(10_000); waited += 1 }
        #expect(HostLauncher.running(home: box.home) == nil)
        let again = box.az("ml online-endpoint invoke -n ep-live -r req.json")
        #expect(again.stdout == "\"[1]\"\n", "\(again.stderr)")
        let second = try #require(HostLauncher.running(home: box.home))
        #expect(second.pid != first.pid)
        #expect(second.port == first.port)

        let logs = box.az("ml online-deployment get-logs -n blue -e ep-live").stdout
        #expect(logs.contains("Worker with pid"))
        #expect(logs.contains("POST /score 200"))
        #expect(!logs.contains(key))
        #expect(!logs.contains("input_data"))
        #expect(!logs.contains("-1.0"))
    }

    @Test("the host samples per-deployment metrics over time; `mlopslab serve metrics` prints them as a table; /metrics is Prometheus text")
    func metricsOverTime() throws {
        setenv("MLOPSLAB_SERVE_SAMPLE_SECONDS", "0.2", 1)
        let box = try ServingSandbox()
        guard let executable = ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_EXECUTABLE"] ?? getenv("MLOPSLAB_SERVE_EXECUTABLE").map({ String(cString: $0) }) else {
            Issue.record("the mlopslab executable was not found next to the test bundle; build it with `swift build` first")
            return
        }
        defer { HostLauncher.stop(home: box.home) }
        #expect(box.az("ml online-endpoint create -n ep-metrics -o none").status == 0)
        try box.write("blue.yml", "name: blue\nendpoint_name: ep-metrics\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n")
        #expect(box.az("ml online-deployment create -f blue.yml --all-traffic -o none").status == 0)
        let record = try #require(HostLauncher.running(home: box.home))
        let uri = try #require(URL(string: "http://127.0.0.1:\(record.port)/endpoints/ep-metrics/score"))
        let (key, _) = try box.keys("ep-metrics")
        let headers = ["Authorization": "Bearer \(key)", "Content-Type": "application/json"]
        for _ in 0..<5 { #expect(LoopbackClient.send(uri, method: "POST", headers: headers, body: Data(ServingSandbox.oneRow.utf8))?.status == 200) }
        #expect(LoopbackClient.send(uri, method: "POST", headers: headers, body: Data("{\"input_data\": [".utf8))?.status == 400)

        // Wait for a sample that has seen all six requests (the host writes one every 0.2 s).
        var sampled: MetricsHistory.Row?
        for _ in 0..<1000 {
            sampled = MetricsHistory.rows(home: box.home, endpoint: "ep-metrics", deployment: "blue").last
            if sampled?.requests == 6 { break }
            usleep(20_000)
        }
        let row = try #require(sampled)
        #expect(row.requests == 6)
        #expect(row.status2xx == 5)
        #expect(row.status4xx == 1)
        #expect(row.rssMB > 1)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "metrics", "--endpoint", "ep-metrics", "--deployment", "blue", "--last", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["MLOPSLAB_HOME"] = box.home.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("TIME (UTC)  SIMULATED") == true, "\(text)")
        #expect(lines.count >= 2 && lines.count <= 4, "\(text)")  // the header and the last (at most 3) samples
        let cells = lines.last?.split(separator: " ").map(String.init) ?? []
        // time, simulated date, simulated time, endpoint, deployment, requests, rps, p50, p95, p99, 2xx, 4xx, 5xx, cpu %, rss MB
        #expect(cells.count == 15, "\(text)")
        if cells.count == 15 {
            #expect(cells[3] == "ep-metrics")
            #expect(cells[4] == "blue")
            #expect(cells[5] == "6")
            #expect(Array(cells[10...12]) == ["5", "1", "0"])
            #expect((Double(cells[14]) ?? 0) > 1)
        }

        let metricsURL = try #require(URL(string: "http://127.0.0.1:\(record.port)/metrics"))
        let exposition = try #require(LoopbackClient.send(metricsURL)).body
        #expect(exposition.contains("# TYPE azureml_online_requests_total counter"))
        #expect(exposition.contains("azureml_online_requests_total{endpoint=\"ep-metrics\",deployment=\"blue\",code=\"2xx\"} 5"))
        #expect(exposition.contains("azureml_online_request_duration_seconds_count{endpoint=\"ep-metrics\",deployment=\"blue\"} 6"))
        #expect(exposition.contains("process_cpu_seconds_total"))
        #expect(!exposition.contains(key))
    }
}
