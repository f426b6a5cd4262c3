import Foundation
import Testing
@testable import Workspace

@Suite("Compute, clock and cost")
struct ComputeCostTests {
    @Test("an idle cluster with min_instances 2 costs 2 nodes x hours x SKU price; min 0 costs nothing")
    func idleClusterCost() throws {
        let box = try WorkspaceSandbox()
        let compute = ComputeStore(workspace: box.workspace)
        _ = try compute.create(ComputeRequest(name: "warm", type: "amlcompute", size: "STANDARD_DS3_V2", minInstances: 2, maxInstances: 4), in: box.target)
        _ = try compute.create(ComputeRequest(name: "cold", type: "amlcompute", minInstances: 0, maxInstances: 4), in: box.target)
        _ = try compute.create(ComputeRequest(name: "lowpri", type: "amlcompute", size: "STANDARD_DS3_V2", minInstances: 1, maxInstances: 2, tier: "low_priority"), in: box.target)
        try box.workspace.clock.advance(by: 10 * 3600)
        let report = CostReport.compute(history: try compute.billingHistory(in: box.target), now: try box.workspace.clock.now())
        let warm = try #require(report.lines.first { $0.resource == "warm" })
        let cold = try #require(report.lines.first { $0.resource == "cold" })
        let lowpri = try #require(report.lines.first { $0.resource == "lowpri" })
        #expect(abs(warm.nodeHours - 20) < 0.01)
        #expect(abs(warm.costUSD - 20 * 0.293) < 0.01)
        #expect(cold.costUSD == 0)
        #expect(abs(lowpri.costUSD - 10 * 0.293 * 0.2) < 0.01)
    }

    @Test("a compute instance bills only while running; stopping ends billing; deleted computes keep their history")
    func instanceBilling() throws {
        let box = try WorkspaceSandbox()
        let compute = ComputeStore(workspace: box.workspace)
        _ = try compute.create(ComputeRequest(name: "ci-one", type: "computeinstance", size: "STANDARD_DS11_V2"), in: box.target)
        try box.workspace.clock.advance(by: 3600)
        _ = try compute.setRunning("ci-one", running: false, in: box.target)
        try box.workspace.clock.advance(by: 5 * 3600)
        #expect(try compute.show("ci-one", in: box.target)["state"] == "Stopped")
        try compute.delete("ci-one", in: box.target)
        let report = CostReport.compute(history: try compute.billingHistory(in: box.target), now: try box.workspace.clock.now())
        #expect(abs((report.lines.first?.costUSD ?? 0) - 0.185) < 0.001)
        #expect(report.lines.first?.note == "deleted")
        #expect(try compute.list(type: nil, in: box.target).isEmpty)
    }

    @Test("scale settings and names are checked; clusters cannot be started; unknown sizes are refused")
    func validation() throws {
        let box = try WorkspaceSandbox()
        let compute = ComputeStore(workspace: box.workspace)
        #expect(throws: WorkspaceError.self) { try compute.create(ComputeRequest(name: "c1", type: "amlcompute", minInstances: 3, maxInstances: 2), in: box.target) }
        #expect(throws: WorkspaceError.self) { try compute.create(ComputeRequest(name: "1bad", type: "amlcompute"), in: box.target) }
        #expect(throws: WorkspaceError.self) { try compute.create(ComputeRequest(name: "c1", type: "amlcompute", size: "STANDARD_XYZ"), in: box.target) }
        #expect(throws: WorkspaceError.self) { try compute.create(ComputeRequest(name: "huge", type: "amlcompute", minInstances: 0, maxInstances: 1_000_000), in: box.target) }
        _ = try compute.create(ComputeRequest(name: "c1", type: "amlcompute"), in: box.target)
        #expect(throws: WorkspaceError.self) { try compute.create(ComputeRequest(name: "c1", type: "amlcompute"), in: box.target) }
        #expect(throws: WorkspaceError.self) { try compute.setRunning("c1", running: true, in: box.target) }
    }

    @Test("durations parse with units; the clock only moves forward", arguments: [("3h", 10800.0), ("7d", 604800.0), ("90m", 5400.0), ("45", 45.0)])
    func durations(_ text: String, _ seconds: Double) throws {
        #expect(try SimulatedClock.parseDuration(text) == seconds)
    }

    @Test("bad durations are refused")
    func badDurations() {
        for text in ["", "-3h", "3x", "h", "1e308d", "nan", "inf"] { #expect(throws: WorkspaceError.self) { try SimulatedClock.parseDuration(text) } }
    }

    @Test("online deployments bill instance_count x instance_type price per simulated hour, also after deletion")
    func deploymentBilling() throws {
        let box = try WorkspaceSandbox()
        _ = try OnlineEndpointStore(workspace: box.workspace).create(name: "ep-cost", authMode: nil, description: nil, tags: [:], in: box.target)
        func create(_ name: String, type: String, count: Int) throws {
            let file = try box.write("\(name).yml", "name: \(name)\nendpoint_name: ep-cost\nmodel: azureml:clf:1\ninstance_type: \(type)\ninstance_count: \(count)\n")
            let document = try YAMLDocument.load(file, entity: "ManagedOnlineDeployment")
            _ = try OnlineDeploymentStore(workspace: box.workspace).create(try OnlineDeploymentRequest(document: document, endpointName: nil), in: box.target)
        }
        try create("blue", type: "Standard_DS3_v2", count: 2)
        try create("green", type: "Standard_F2s_v2", count: 1)
        try box.workspace.clock.advance(by: 10 * 3600)
        // blue scales in to one instance; green is deleted: its hours so far stay billed.
        _ = try OnlineDeploymentStore(workspace: box.workspace).update("blue", endpoint: "ep-cost", patch: { $0.setting("instance_count", 1) }, in: box.target)
        try OnlineDeploymentStore(workspace: box.workspace).delete("green", endpoint: "ep-cost", in: box.target)
        try box.workspace.clock.advance(by: 5 * 3600)
        let compute = ComputeStore(workspace: box.workspace)
        _ = try compute.create(ComputeRequest(name: "warm", type: "amlcompute", size: "STANDARD_DS3_V2", minInstances: 1, maxInstances: 2), in: box.target)
        try box.workspace.clock.advance(by: 3600)
        let report = CostReport.workspace(computes: try compute.billingHistory(in: box.target),
                                          deployments: try DeploymentBilling(workspace: box.workspace).history(in: box.target), now: try box.workspace.clock.now())
        let blue = try #require(report.lines.first { $0.resource == "ep-cost/blue" })
        let green = try #require(report.lines.first { $0.resource == "ep-cost/green" })
        #expect(blue.type == "online-deployment" && blue.size == "STANDARD_DS3_V2" && blue.note == "1 instance")
        #expect(abs(blue.nodeHours - (2 * 10 + 1 * 6)) < 0.01)
        #expect(abs(blue.costUSD - (2 * 10 + 1 * 6) * 0.293) < 0.01)
        #expect(abs(green.nodeHours - 10) < 0.01 && green.note == "deleted")
        #expect(abs(green.costUSD - 10 * 0.085) < 0.01)
        #expect(abs(report.totalUSD - (blue.costUSD + green.costUSD + 0.293)) < 0.01)
        // Deleting the endpoint ends blue's billing too.
        try OnlineEndpointStore(workspace: box.workspace).delete("ep-cost", in: box.target)
        try box.workspace.clock.advance(by: 100 * 3600)
        let after = CostReport.deployments(try DeploymentBilling(workspace: box.workspace).history(in: box.target), now: try box.workspace.clock.now())
        #expect(abs((after.lines.first { $0.resource == "ep-cost/blue" }?.costUSD ?? 0) - blue.costUSD) < 0.01)
    }
}
