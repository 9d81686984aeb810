// deploy-and-inspect.jsh: deploy an app, then look at it from every side.
// Run: examples/jshell/jshell.sh examples/jshell/scripts/deploy-and-inspect.jsh

var px = demo();

// 1. deploy, printing each step of the pipeline
// (in JShell a line that is a complete statement ends it: break chains after a dot, not before)
App app = px.deploy("hello").
    named("hello-jshell").
    withParameter("GREETING", "Hello from JShell").
    withResources(r -> r.cores(1).memoryMb(512)).
    onProgress(PROGRESS).
    start();
System.out.println("deployed " + app.name() + " on " + app.node() + " as CT " + app.vmid() + " at " + app.urls());

// 2. inspect: status, services, parameters, logs
AppHandle handle = px.app("hello-jshell");
System.out.println("status: " + handle.status());
handle.services().forEach(s -> System.out.println("service " + s.service() + ": " + s.state() + " " + s.health()));
System.out.println("parameters: " + handle.info().manifest().parameters());
handle.logs(5).forEach(line -> System.out.println("log | " + line));

// 3. a read-only safe command in the container (the closed set of docs/safe-commands.md)
App info = handle.info();
SafeCommandResult disk = SafeCommands.run(DEMO.shells().forNode(info.node()), info.vmid(),
    SafeCommand.parse("disk", Map.of()), "jshell", AuditSink.slf4j());
System.out.println("disk exit " + disk.exitCode() + ": " + disk.output().lines().skip(1).findFirst().orElse(""));

// 4. every app of the cluster, from one cluster-wide request
px.apps().forEach(a -> System.out.printf("app %-14s %-8s %-5s %s %s%n",
    a.name(), a.status(), a.node(), a.catalogId(), a.version()));
/exit
