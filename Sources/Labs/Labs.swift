// Labs owns hands-on labs: the `lab.yaml` format and its loader and validator, the fault
// catalogue that really breaks a lab's workspace, the declarative checks that grade the
// learner from the workspace's state and working files, the lab session (start from a snapshot,
// check, hints, solution, reset, submit) and the author's self-test. It drives the simulated
// workspace only through `mlopslab` command lines run against the lab's own state home, so a lab
// sees exactly what a learner sees.
