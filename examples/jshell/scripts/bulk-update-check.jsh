// bulk-update-check.jsh: ask every app whether its catalog entry has a newer version, print a
// table, and say how to apply the updates (each update backs up first and restores the backup if
// the new version is unhealthy).
// Run: examples/jshell/jshell.sh examples/jshell/scripts/bulk-update-check.jsh

var px = demo();
if (px.apps().isEmpty()) {
  px.deploy("hello").named("site").start();
  px.deploy("uptime-kuma").named("status").start();
}

System.out.printf("%-10s %-14s %-12s %s%n", "APP", "CATALOG", "VERSION", "UPDATE");
List<String> outdated = new ArrayList<>();
for (AppSummary a : px.apps()) {
  Optional<String> update = px.app(a.name()).availableUpdate();
  update.ifPresent(v -> outdated.add(a.name()));
  System.out.printf("%-10s %-14s %-12s %s%n", a.name(), a.catalogId(), a.version(), update.map(v -> "-> " + v).orElse("current"));
}
if (outdated.isEmpty()) {
  System.out.println("update check: all " + px.apps().size() + " apps are current");
} else {
  System.out.println("update check: " + outdated.size() + " app(s) can be updated: " + outdated);
  System.out.println("apply with: outdated.forEach(n -> px.app(n).update(PROGRESS));");
}
/exit
