// Serving: the online-endpoint scoring host. Deployments load MLflow-style mlopslab models (or run a
// Python scoring script) and answer over real HTTP on 127.0.0.1 with Hummingbird, with key/token auth,
// traffic-weighted routing, mirror traffic, request limits, per-deployment metrics and request logs.
import Hummingbird
