import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
@testable import Serving
import Workspace

/// A scoring script whose `run()` writes `started` and then waits for the file `release` (both in `markers`), so tests
/// can hold a request in `run()` for exactly as long as they need.
private func blockingScript(markers: URL) -> String { """
    import json, os, time
    markers = \(JSONValue.quote(markers.path))
    def init():
        pass
    def run(raw_data):
        open(os.path.join(markers, "started"), "a").write("x")
        deadline = time.time() + 30
        while not os.path.exists(os.path.join(markers, "release")) and time.time() < deadline:
            time.sleep(0.01)
        return json.loads(raw_data)["data"]
    """
}

@Suite("request_timeout_ms (408) and Python scoring off the event loop", .enabled(if: PythonScoringWorker.python() != nil))
struct RequestTimeoutTests {
    enum Server: String, CaseIterable, Sendable { case router, host }

    func app(_ table: ServingTable, _ server: Server) -> LiveApp {
        server == .router ? LiveApp(router: ScoringRouter.router(table: table, status: { "{}" })) : LiveApp(host: table)
    }

    /// `py-ep` (the blocking script, `request_timeout_ms` as given) and `ml-ep` (the MLflow model) on one table.
    func setUp(timeoutMs: Int, concurrency: Int = 1) throws -> (ServingSandbox, ServingTable, markers: URL) {
        let box = try ServingSandbox()
        let markers = box.root.appendingPathComponent("markers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        try box.write("src/score.py", blockingScript(markers: markers))
        #expect(box.az("ml online-endpoint create -n py-ep -o none").status == 0)
        let yaml = PythonScoringTests.code + "request_settings:\n  request_timeout_ms: \(timeoutMs)\n  max_concurrent_requests_per_instance: \(concurrency)\n"
        #expect(try box.provision(endpoint: "py-ep", deployment: "blue", yaml: yaml)["provisioning_state"] == "Succeeded")
        #expect(box.az("ml online-endpoint create -n ml-ep -o none").status == 0)
        #expect(try box.provision(endpoint: "ml-ep", deployment: "blue")["provisioning_state"] == "Succeeded")
        for endpoint in ["py-ep", "ml-ep"] {
            _ = try OnlineEndpointStore(workspace: box.workspace()).update(endpoint, traffic: ["blue": 100], mirror: nil, description: nil, tags: nil, in: box.target())
        }
        let table = ServingTable(home: box.home)
        try table.reload()
        return (box, table, markers)
    }

    @Test("run() longer than request_timeout_ms is answered 408; the worker finishes it and answers the next request", arguments: Server.allCases)
    func timeout(server: Server) async throws {
        let (box, table, markers) = try setUp(timeoutMs: 200)
        defer { table.shutdown() }
        let (key, _) = try box.keys("py-ep")
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/py-ep/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: #"{"data": [1]}"#)) { response in
                #expect(response.status.code == 408)
                #expect(String(buffer: response.body).contains("request_timeout_ms = 200 ms"))
                #expect(response.headers[HTTPField.Name("azureml-model-deployment") ?? .contentType] == "blue")
            }
            while !FileManager.default.fileExists(atPath: markers.appendingPathComponent("started").path) { try await Task.sleep(for: .milliseconds(5)) }
            try Data().write(to: markers.appendingPathComponent("release"))
            try await client.execute(uri: "/endpoints/py-ep/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: #"{"data": [2]}"#)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[2]")
            }
        }
        let m = try #require(table.endpoint("py-ep")?.deployments["blue"]?.metrics.snapshot())
        #expect(m.status4xx == 1)
        #expect(m.status2xx == 1)
    }

    @Test("Python requests held in run() do not stall an MLflow deployment on the same host", arguments: Server.allCases)
    func pythonDoesNotBlock(server: Server) async throws {
        let (box, table, markers) = try setUp(timeoutMs: 60_000, concurrency: 4)
        defer { table.shutdown() }
        let (pyKey, _) = try box.keys("py-ep")
        let (mlKey, _) = try box.keys("ml-ep")
        try await app(table, server).test(.router) { client in
            // More held Python requests than the machine has cores (each would have held a thread before).
            let held = max(4, ProcessInfo.processInfo.activeProcessorCount + 2)
            let python = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<held {
                        group.addTask {
                            try await client.execute(uri: "/endpoints/py-ep/score", method: .post, headers: [.authorization: "Bearer \(pyKey)"],
                                                     body: ByteBuffer(string: #"{"data": [7]}"#)) { Int($0.status.code) }
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
            }
            // Wait (without a clock bound) until run() is really holding the first request.
            while !FileManager.default.fileExists(atPath: markers.appendingPathComponent("started").path) { try await Task.sleep(for: .milliseconds(5)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try await client.execute(uri: "/endpoints/ml-ep/score", method: .post, headers: [.authorization: "Bearer \(mlKey)"],
                                                 body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                            #expect(response.status == .ok)
                            #expect(String(buffer: response.body) == "[1]")
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Every MLflow request was answered while run() still held the first Python request.
            #expect(!FileManager.default.fileExists(atPath: markers.appendingPathComponent("release").path))
            #expect(table.endpoint("py-ep")?.deployments["blue"]?.metrics.snapshot().requests == 0)
            try Data().write(to: markers.appendingPathComponent("release"))
            let statuses = try await python.value
            #expect(statuses.count == held)
            #expect(statuses.filter { $0 == 200 }.count == min(held, 8))
        }
        #expect(table.endpoint("ml-ep")?.deployments["blue"]?.metrics.snapshot().status2xx == 32)
    }
}
