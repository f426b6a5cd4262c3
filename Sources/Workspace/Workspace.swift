// Workspace owns the simulated Azure Machine Learning control plane: subscriptions, resource groups
// and workspaces; versioned assets (data, environments, components, models) with labels and
// references; the content-addressed blob store for their payloads; environment builds against a
// bundled package catalogue; compute and its cost; identities, role assignments and Key Vault
// secrets; the simulated clock; and lineage. Every change goes through one place that persists it
// in the state database and records an audit event. Jobs run through the Jobs module.
