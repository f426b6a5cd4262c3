import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
@testable import Serving
import Workspace

let deploymentHeader = HTTPField.Name("azureml-model-deployment") ?? .contentType

@Suite("Scoring routes: auth, routing, mirror, payload errors, limits")
struct ScoringRouterTests {
    /// An endpoint `ep-one` with blue (100) and green (0) deployments of the same model, served by a fresh table.
    func setUp(greenExtra: String = "", blueExtra: String = "") throws -> (ServingSandbox, ServingTable) {
        let box = try ServingSandbox()
        #expect(box.az("ml online-endpoint create -n ep-one -o none").status == 0)
        #expect(try box.provision(endpoint: "ep-one", deployment: "blue", yaml: blueExtra)["provisioning_state"] == "Succeeded")
        #expect(try box.provision(endpoint: "ep-one", deployment: "green", yaml: greenExtra)["provisioning_state"] == "Succeeded")
        _ = try OnlineEndpointStore(workspace: box.workspace()).update("ep-one", traffic: ["blue": 100], mirror: nil, description: nil, tags: nil, in: box.target())
        let table = ServingTable(home: box.home)
        try table.reload()
        return (box, table)
    }

    /// Which server answers: Hummingbird's router alone, or the host's server with the event-loop fast path.
    enum Server: String, CaseIterable, Sendable { case router, host }

    func app(_ table: ServingTable, _ server: Server) -> LiveApp {
        switch server {
        case .router: return LiveApp(router: ScoringRouter.router(table: table, status: { "{}" }))
        case .host: return LiveApp(host: table)
        }
    }

    /// The fast path answered every scoring request of the host server, and none of the router's.
    func expectPath(_ table: ServingTable, _ server: Server, answered: Int) {
        #expect(table.fastPathAnswers.load(ordering: .relaxed) == (server == .host ? answered : 0))
    }

    @Test("a valid key scores with the model; no key, a wrong key or a regenerated key is 401", arguments: Server.allCases)
    func keyAuth(server: Server) async throws {
        let (box, table) = try setUp()
        let (primary, secondary) = try box.keys("ep-one")
        let expected = try ModelScorer.load(folder: ServingAddress.deploymentFolder(home: box.home, scope: box.target().scopeKey, endpoint: "ep-one", deployment: "blue")
            .appendingPathComponent("model")).score(ServingSandbox.oneRow).body
        try await app(table, server).test(.router) { client in
            for key in [primary, secondary] {
                try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body) == expected)
                    #expect(response.headers[deploymentHeader] == "blue")
                }
            }
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains("key_auth_access_denied"))
            }
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer nope"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .unauthorized)
            }
        }
        try OnlineEndpointStore(workspace: box.workspace()).regenerateKey("ep-one", keyType: "primary", in: box.target())
        try table.reload()
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(primary)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(secondary)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .ok)
            }
        }
        expectPath(table, server, answered: 3)
    }

    @Test("the header picks a 0-traffic deployment; an unknown one and an endpoint without traffic are 404", arguments: Server.allCases)
    func routing(server: Server) async throws {
        let (box, table) = try setUp()
        let (key, _) = try box.keys("ep-one")
        let auth: HTTPFields = [.authorization: "Bearer \(key)", deploymentHeader: "green"]
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: auth, body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[deploymentHeader] == "green")
            }
            var unknown = auth
            unknown[deploymentHeader] = "red"
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: unknown, body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Deployment red not found"))
            }
        }
        #expect(table.endpoint("ep-one")?.deployments["blue"]?.metrics.snapshot().requests == 0)
        #expect(table.endpoint("ep-one")?.deployments["green"]?.metrics.snapshot().status2xx == 1)
        _ = try OnlineEndpointStore(workspace: box.workspace()).update("ep-one", traffic: ["blue": 0], mirror: nil, description: nil, tags: nil, in: box.target())
        try table.reload()
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("No valid deployments to route to"))
            }
        }
        expectPath(table, server, answered: 1)
    }

    @Test("traffic weights split requests; mirror traffic reaches the shadow deployment", arguments: Server.allCases)
    func weightsAndMirror(server: Server) async throws {
        let (box, table) = try setUp()
        let (key, _) = try box.keys("ep-one")
        _ = try OnlineEndpointStore(workspace: box.workspace()).update("ep-one", traffic: ["blue": 50, "green": 50], mirror: nil, description: nil, tags: nil, in: box.target())
        try table.reload()
        try await app(table, server).test(.router) { client in
            for _ in 0..<200 {
                try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                    #expect(response.status == .ok)
                }
            }
        }
        let blue = table.endpoint("ep-one")?.deployments["blue"]?.metrics.snapshot().requests ?? 0
        let green = table.endpoint("ep-one")?.deployments["green"]?.metrics.snapshot().requests ?? 0
        #expect(blue + green == 200)
        #expect(blue > 50 && green > 50)  // 50/50 split; P(outside) is ~1e-12

        _ = try OnlineEndpointStore(workspace: box.workspace()).update("ep-one", traffic: ["blue": 100], mirror: ["green": 50], description: nil, tags: nil, in: box.target())
        let mirrored = ServingTable(home: box.home)
        try mirrored.reload()
        try await app(mirrored, server).test(.router) { client in
            for _ in 0..<100 {
                try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                    #expect(response.headers[deploymentHeader] == "blue")
                }
            }
        }
        var shadow = 0
        for _ in 0..<100 {
            shadow = mirrored.endpoint("ep-one")?.deployments["green"]?.metrics.snapshot().requests ?? 0
            if shadow > 10 { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(mirrored.endpoint("ep-one")?.deployments["blue"]?.metrics.snapshot().requests == 100)
        #expect(shadow > 10 && shadow < 100)
    }

    @Test("malformed JSON and wrong columns are 400 naming the problem; an oversize body is 413", arguments: Server.allCases)
    func badPayloads(server: Server) async throws {
        let (box, table) = try setUp()
        let (key, _) = try box.keys("ep-one")
        let auth: HTTPFields = [.authorization: "Bearer \(key)"]
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: auth, body: ByteBuffer(string: "{\"input_data\": [")) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("valid JSON"))
            }
            let wrong = #"{"input_data": {"columns": ["x1", "x2", "z"], "index": [0], "data": [[1, 2, 3]]}}"#
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: auth, body: ByteBuffer(string: wrong)) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(text.contains("missing inputs ['x3']"))
                #expect(text.contains("'x1', 'x2', 'x3'"))
            }
            let records = #"{"dataframe_records": [{"x1": 1.5, "x2": 0.2, "x3": -1.0}, {"x1": -2, "x2": 0, "x3": 2}]}"#
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: auth, body: ByteBuffer(string: records)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[1, 0]")
            }
            let huge = ByteBuffer(string: String(repeating: " ", count: ScoringRouter.maxPayloadBytes + 10))
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: auth, body: huge) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        let m = table.endpoint("ep-one")?.deployments["blue"]?.metrics.snapshot()
        #expect(m?.status4xx == 3)
        #expect(m?.status2xx == 1)
        expectPath(table, server, answered: 4)
    }

    @Test("two endpoints on one table are isolated: one's key does not open the other", arguments: Server.allCases)
    func isolation(server: Server) async throws {
        let (box, _) = try setUp()
        #expect(box.az("ml online-endpoint create -n ep-two -o none").status == 0)
        #expect(try box.provision(endpoint: "ep-two", deployment: "blue")["provisioning_state"] == "Succeeded")
        _ = try OnlineEndpointStore(workspace: box.workspace()).update("ep-two", traffic: ["blue": 100], mirror: nil, description: nil, tags: nil, in: box.target())
        let table = ServingTable(home: box.home)
        try table.reload()
        let (oneKey, _) = try box.keys("ep-one")
        let (twoKey, _) = try box.keys("ep-two")
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-two/score", method: .post, headers: [.authorization: "Bearer \(oneKey)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/endpoints/ep-two/score", method: .post, headers: [.authorization: "Bearer \(twoKey)"], body: ByteBuffer(string: ServingSandbox.oneRow)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("azureml_online_requests_total{endpoint=\"ep-two\",deployment=\"blue\",code=\"2xx\"} 1"))
                #expect(text.contains("azureml_online_requests_total{endpoint=\"ep-one\",deployment=\"blue\",code=\"2xx\"} 0"))
                #expect(text.contains("process_resident_memory_bytes"))
            }
        }
    }

    @Test("data_collector writes inputs and outputs in the shared layout on the simulated clock", arguments: Server.allCases)
    func dataCollection(server: Server) async throws {
        let collector = "data_collector:\n  collections:\n    model_inputs:\n      enabled: 'True'\n    model_outputs:\n      enabled: 'True'\n"
        let (box, table) = try setUp(blueExtra: collector)
        let (key, _) = try box.keys("ep-one")
        let two = #"{"input_data": {"columns": ["x1", "x2", "x3"], "index": [0, 1], "data": [[1.5, 0.2, -1.0], [-2, 0, 2]]}}"#
        try await app(table, server).test(.router) { client in
            try await client.execute(uri: "/endpoints/ep-one/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: two)) { response in
                #expect(response.status == .ok)
            }
        }
        let now = try box.workspace().clock.now()
        let collectorPaths = DataCollector(home: box.home, workspace: Workspace.defaultWorkspace, endpoint: "ep-one", deployment: "blue", settings: ["collections": ["model_inputs": ["enabled": "True"]]])
        let inputs = try String(contentsOf: collectorPaths.file(collection: "model_inputs", at: now), encoding: .utf8).split(separator: "\n")
        let outputs = try String(contentsOf: collectorPaths.file(collection: "model_outputs", at: now), encoding: .utf8).split(separator: "\n")
        #expect(inputs.count == 2)
        #expect(outputs.count == 2)
        let first = try #require(JSONValue.parse(String(inputs[0])))
        #expect(first["data"]?["x1"]?.doubleValue == 1.5)
        #expect(first["correlationid"]?.stringValue == JSONValue.parse(String(outputs[0]))?["correlationid"]?.stringValue)
        #expect(JSONValue.parse(String(outputs[1]))?["data"]?["prediction"] == .int(0))
        #expect(JSONValue.parse(String(outputs[1]))?["data"]?["probability"]?.doubleValue != nil)
    }
}
